"""Who should look after a relation when the colleague who kept it leaves, and what a hand-over round has to
do next. No Slack, no SQL.

For each relation the proposal is, in this order:
1. the colleague with the warmest tie to it today (met it most and most recently: bot.domain.warmth decays
   each tie's kept warmth to today, uncapped); equal warmth goes to the latest meeting, then the user id;
2. else the colleague who works most on its themes: who met the most relations on those themes, then the
   latest such meeting, then the user id;
3. else the team lead;
4. else no one (an admin or lead picks someone).
Only colleagues who can take a relation are proposed: not the member who leaves, nor anyone who left, is
leaving too, or is a bot.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from bot.domain.tiers import tier_rank
from bot.domain.warmth import decayed, kept_warmth

# The proposals for a member marked as leaving go out this long before their leaving date.
PROPOSE_AHEAD = timedelta(days=7)

TIE, THEME, LEAD, NONE = "tie", "theme", "lead", "none"  # Proposal.basis
OBVIOUS = (TIE, THEME)  # an obvious successor: someone who knows the relation or its themes


@dataclass(frozen=True)
class Kept:
    """A relation the departing member kept."""

    relation_id: int
    name: str
    tier: str = "regular"
    themes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Tie:
    """A colleague's tie with a relation, as member_ties keeps it."""

    user_id: str
    last_met_on: date
    warmth_at_last: float
    cadence_days: int

    def strength(self, today: date) -> float:
        """The tie's warmth today, unrounded and uncapped: more and later meetings, a stronger tie."""
        days = max(0, (today - self.last_met_on).days)
        return decayed(self.warmth_at_last, days, max(1, self.cadence_days))

    def warmth(self, today: date) -> int:
        return kept_warmth(self.warmth_at_last, last_on=self.last_met_on, today=today, cadence_days=self.cadence_days)


@dataclass(frozen=True)
class ThemeWork:
    """How much a colleague works on a theme: how many of its relations they met, and when last."""

    user_id: str
    relations: int
    last_met_on: date


@dataclass(frozen=True)
class Proposal:
    relation_id: int
    user_id: str | None
    basis: str  # TIE, THEME, LEAD or NONE
    detail: Mapping[str, object] = field(default_factory=dict)  # the why, for the message

    @property
    def obvious(self) -> bool:
        return self.basis in OBVIOUS


def propose(
    kept: Sequence[Kept],
    ties: Mapping[int, Sequence[Tie]],
    theme_work: Mapping[str, Sequence[ThemeWork]],
    *,
    lead: str | None,
    may_take: Callable[[str], bool],
    today: date,
) -> list[Proposal]:
    """A proposal for each kept relation, in the order they are shown (key relations first, then by name)."""
    proposals = []
    for relation in in_shown_order(kept):
        proposal = _by_tie(relation, ties.get(relation.relation_id, ()), may_take, today) or _by_theme(
            relation, theme_work, may_take
        )
        if proposal is None:
            proposal = (
                Proposal(relation.relation_id, lead, LEAD) if lead else Proposal(relation.relation_id, None, NONE)
            )
        proposals.append(proposal)
    return proposals


def in_shown_order(kept: Iterable[Kept]) -> list[Kept]:
    return sorted(kept, key=lambda r: (tier_rank(r.tier), r.name.casefold(), r.relation_id))


def _by_tie(relation: Kept, ties: Sequence[Tie], may_take: Callable[[str], bool], today: date) -> Proposal | None:
    candidates = [tie for tie in ties if may_take(tie.user_id)]
    if not candidates:
        return None
    best = min(candidates, key=lambda t: (-t.strength(today), -t.last_met_on.toordinal(), t.user_id))
    detail = {"warmth": best.warmth(today), "last_met_on": best.last_met_on.isoformat()}
    return Proposal(relation.relation_id, best.user_id, TIE, detail)


def _by_theme(
    relation: Kept, theme_work: Mapping[str, Sequence[ThemeWork]], may_take: Callable[[str], bool]
) -> Proposal | None:
    totals: dict[str, list] = {}  # user -> [relations met on these themes, latest meeting, themes]
    for theme in relation.themes:
        for work in theme_work.get(theme, ()):
            if not may_take(work.user_id):
                continue
            total = totals.setdefault(work.user_id, [0, work.last_met_on, []])
            total[0] += work.relations
            total[1] = max(total[1], work.last_met_on)
            total[2].append(theme)
    if not totals:
        return None
    user_id, (relations, _last, themes) = min(
        totals.items(), key=lambda item: (-item[1][0], -item[1][1].toordinal(), item[0])
    )
    return Proposal(relation.relation_id, user_id, THEME, {"themes": sorted(themes), "relations": relations})


@dataclass(frozen=True)
class Colleague:
    """What the rules need to know of a member of the workspace."""

    user_id: str
    name: str = ""
    deleted: bool = False
    is_bot: bool = False
    is_admin: bool = False
    is_lead: bool = False
    leaving_on: date | None = None


def may_take(colleagues: Mapping[str, Colleague], leaving: str) -> Callable[[str], bool]:
    """Whether a colleague can be proposed for the relations of `leaving`. A tie's member we never cached is
    not excluded: whether they can own a relation is checked with Slack when the proposal is accepted."""

    def check(user_id: str) -> bool:
        if user_id == leaving or user_id == "USLACKBOT":
            return False
        colleague = colleagues.get(user_id)
        return colleague is None or not (colleague.deleted or colleague.is_bot or colleague.leaving_on)

    return check


def team_lead(colleagues: Iterable[Colleague], leaving: str) -> str | None:
    """The team lead a relation goes to when no colleague knows it or its themes: of several, the first by
    name (so every message names the same one)."""
    leads = [
        c for c in colleagues if c.is_lead and c.user_id != leaving and not (c.deleted or c.is_bot or c.leaving_on)
    ]
    return min(leads, key=lambda c: (c.name.casefold(), c.user_id)).user_id if leads else None


def deciders(colleagues: Iterable[Colleague], leaving: str) -> list[str]:
    """Who gets the proposals: every workspace admin and team lead still here, but not the member who leaves."""
    return sorted(
        c.user_id
        for c in colleagues
        if (c.is_admin or c.is_lead) and c.user_id != leaving and not (c.deleted or c.is_bot)
    )


# --- a round's proposals as they stand, and what a new owner receives ------------------------------------
@dataclass(frozen=True)
class ProposalLine:
    relation_id: int
    name: str
    organisation: str | None
    tier: str
    proposed_owner: str | None
    basis: str
    detail: Mapping[str, object]
    status: str
    decided_owner: str | None
    decided_by: str | None
    owner_now: str
    archived: bool

    @property
    def pending(self) -> bool:
        return self.status == "pending"


@dataclass(frozen=True)
class Received:
    relation_id: int
    name: str
    organisation: str | None
    tier: str
    last_contact_on: date | None
    last_contact_by: str | None
    notes: str | None  # of the latest meeting whose notes the reader may read


# --- what a member's round has to do next ---------------------------------------------------------------
@dataclass(frozen=True)
class RoundState:
    """A member's active hand-over round (open or done), if any."""

    handover_id: int
    reason: str  # left, leaving
    member_left_at: datetime | None


@dataclass(frozen=True)
class MemberState:
    user_id: str
    deleted: bool
    left_at: datetime | None
    leaving_on: date | None
    active_round: RoundState | None


OPEN_LEFT = "open_left"  # the member left: propose new owners for what they kept
OPEN_LEAVING = "open_leaving"  # the member leaves within a week: the same, ahead of time
NOTE_LEFT = "note_left"  # a round opened ahead of a leaving date: the member has now left
RETURNED = "returned"  # the member is back: nothing is given back, the lead is told


def next_step(member: MemberState, today: date) -> str | None:
    """What the member's situation asks for now, if anything."""
    round_ = member.active_round
    if member.deleted:
        if member.left_at is None:
            return None  # left before we knew them as active: nothing we saw happen
        if round_ is None:
            return OPEN_LEFT
        return NOTE_LEFT if round_.member_left_at is None else None
    if round_ is not None:
        return RETURNED if round_.member_left_at is not None else None
    if member.leaving_on is not None and today >= member.leaving_on - PROPOSE_AHEAD:
        return OPEN_LEAVING
    return None
