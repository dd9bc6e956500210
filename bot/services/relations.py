"""Changing a relation: one function per operation, called by every surface (the nudge's buttons and
reactions, the relation card's buttons and modals, /met's `!key`).

Each checks permission (bot.permissions), makes the change, writes the audit row, keeps what is derived from
it true, and returns a Change: what was done (or why not), for the redraw, the answer to the asker and the
messages to send once committed (`tell`). They run inside the caller's transaction; `perform` is the usual one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from slack_sdk.errors import SlackApiError
from sqlalchemy.orm import Session

from bot import permissions
from bot.deps import Deps
from bot.domain.nudges import SNOOZE_CHOICES, WAKE_UP, snooze_until
from bot.domain.tiers import default_cadence
from bot.members import Reader, current_member, member, reader, reader_of
from bot.render.changes import owner_told
from bot.render.nudges import handed_over_message
from storage import audit
from storage.db import transaction
from storage.models import Member, Relation
from storage.quiet import listed_relations
from storage.relations import get_relation, load_relations

log = logging.getLogger("goodwill.relations")


@dataclass
class Change:
    """What an operation did to a relation, or why it did nothing (`refusal`, a key of bot.render.changes.T)."""

    relation_id: int
    kind: str  # snooze, archive, restore, hand_over, tier, themes
    asker: Reader
    name: str = ""
    owner_id: str | None = None  # the owner before the change
    refusal: str | None = None
    values: dict = field(default_factory=dict)  # what changed: until, tier, cadence_days, themes, new_owner
    unchanged: bool = False  # allowed, but it was so already

    @property
    def done(self) -> bool:
        return self.refusal is None

    @property
    def language(self) -> str:
        return self.asker.language

    @property
    def owners(self) -> list[str]:
        """Owners before and after: whose Home tab lists the relation."""
        return [o for o in dict.fromkeys([self.owner_id, self.values.get("new_owner")]) if o]

    @property
    def refusal_values(self) -> dict[str, str]:
        """For the refusal's text: the relation's name, and its owner (or the one it could not go to)."""
        return {"name": self.name, "owner": self.values.get("heir") or self.owner_id or ""}

    @property
    def on_behalf(self) -> bool:
        """Done to a relation someone else owned: the asker is told so, and the owner is told by DM."""
        return self.done and not self.unchanged and self.owner_id is not None and self.owner_id != self.asker.user_id


Operation = Callable[[Session, Reader], Change]


def perform(deps: Deps, team_id: str, user_id: str, operation: Operation, *, then_tell: bool = True) -> Change:
    """Run one operation for `user_id` in its own transaction; then send what it has to tell (unless the
    caller must answer Slack first: then it calls `tell` after its acknowledgement)."""
    with transaction(deps.sessions) as session:
        change = operation(session, reader(deps, session, team_id, user_id))
    if then_tell:
        tell(deps, team_id, change)
    return change


def manageable(session: Session, asker: Reader, relation_id: int, kind: str) -> tuple[Relation | None, Change]:
    """The relation if `asker` may change it (when a modal opens, and again in every operation)."""
    change = Change(relation_id, kind, asker)
    relation = get_relation(session, asker.team_id, relation_id)
    if relation is None:
        change.refusal = "gone"
        return None, change
    change.name, change.owner_id = relation.name, relation.owner_id
    if not permissions.may_manage(relation, asker):
        change.refusal = "not_yours"
        return None, change
    return relation, change


def snooze(session: Session, asker: Reader, relation_id: int, choice: str, *, now: datetime) -> Change:
    """No nudges and not quiet until 1 week, 2 weeks or 1 month from the asker's today; "off" wakes it up."""
    relation, change = manageable(session, asker, relation_id, "snooze")
    if relation is None:
        return change
    if relation.archived:
        change.refusal = "already_archived"
        return change
    if choice not in (*SNOOZE_CHOICES, WAKE_UP):
        change.refusal = "not_understood"
        return change
    until = snooze_until(asker.today, choice)
    audit.change_relation(
        session,
        relation,
        {"snoozed_until": until},
        actor=asker.user_id,
        action="relation.snooze",
        at=now,
        until=until.isoformat() if until else None,
    )
    change.values["until"] = until
    return change


def archive(session: Session, asker: Reader, relation_id: int, *, now: datetime) -> Change:
    """Out of every list, nudge and digest; the history stays and it can be restored."""
    return _set_archived(session, asker, relation_id, True, now=now)


def restore(session: Session, asker: Reader, relation_id: int, *, now: datetime) -> Change:
    return _set_archived(session, asker, relation_id, False, now=now)


def _set_archived(session: Session, asker: Reader, relation_id: int, archived: bool, *, now: datetime) -> Change:
    relation, change = manageable(session, asker, relation_id, "archive" if archived else "restore")
    if relation is None:
        return change
    if relation.archived == archived:
        change.refusal = "already_archived" if archived else "not_archived"
        return change
    action = "relation.archive" if archived else "relation.restore"
    audit.change_relation(session, relation, {"archived": archived}, actor=asker.user_id, action=action, at=now)
    return change


def heir(deps: Deps, team_id: str, user_id: str) -> Member | None:
    """Who a relation would be handed over to, as Slack knows them now (in a transaction of its own, so that
    no write waits on Slack)."""
    with transaction(deps.sessions) as session:
        return current_member(deps, session, team_id, user_id)


def hand_over(
    session: Session,
    asker: Reader,
    relation_id: int,
    new_owner: str,
    heir: Member | None,
    *,
    now: datetime,
    **detail: object,
) -> Change:
    """Make `new_owner` (read from Slack just before: `heir`) the owner; they are told by DM. `detail` goes
    into the audit row (e.g. the hand-over round it decides)."""
    relation, change = manageable(session, asker, relation_id, "hand_over")
    if relation is None:
        return change
    if relation.archived:
        change.refusal = "already_archived"
    elif new_owner == relation.owner_id:
        change.refusal, change.values["heir"] = "already_owner", new_owner
    elif heir is None or heir.user_id != new_owner or not permissions.may_own(heir):
        change.refusal, change.values["heir"] = "cannot_own", new_owner
    if change.refusal:
        return change
    previous = relation.owner_id
    audit.change_relation(
        session,
        relation,
        {"owner_id": new_owner},
        actor=asker.user_id,
        action="relation.hand_over",
        at=now,
        previous_owner=previous,
        new_owner=new_owner,
        **detail,
    )
    change.values["new_owner"] = new_owner
    return change


def hand_over_all(
    session: Session,
    asker: Reader,
    moves: Mapping[int, str],
    heirs: Mapping[str, Member | None],
    *,
    now: datetime,
    **detail: object,
) -> list[Change]:
    """Several hand-overs by one asker (a leaving colleague's relations, bot.handover): each by hand_over's
    rules, with its own audit row; the relations are read in one query. The caller tells the new owners
    (one message each, not one per relation)."""
    load_relations(session, asker.team_id, moves)
    return [
        hand_over(session, asker, relation_id, new_owner, heirs.get(new_owner), now=now, **detail)
        for relation_id, new_owner in moves.items()
    ]


def change_tier(
    session: Session, asker: Reader, relation_id: int, tier: str, cadence_days: int, *, now: datetime
) -> Change:
    """A new tier and cadence: the due date moves, and past meetings count under the new tier."""
    relation, change = manageable(session, asker, relation_id, "tier")
    if relation is None:
        return change
    change.values.update(tier=tier, cadence_days=cadence_days)
    if (relation.tier, relation.cadence_days) == (tier, cadence_days):
        change.unchanged = True
        return change
    audit.change_relation(
        session,
        relation,
        {"tier": tier, "cadence_days": cadence_days},
        actor=asker.user_id,
        action="relation.tier",
        at=now,
        tier=tier,
        cadence_days=cadence_days,
        previous_tier=relation.tier,
        previous_cadence_days=relation.cadence_days,
    )
    return change


def tier_asked_when_recording(
    session: Session, asker: Reader, relation_ids: Iterable[int], tier: str | None, *, now: datetime
) -> list[Change]:
    """`/met … !key` (or the form's tier) for relations that already existed: each whose tier differs gets
    the tier and its cadence, if the asker may change it. What was done or refused, for the confirmation."""
    if not tier:
        return []
    changes = []
    for relation_id in dict.fromkeys(relation_ids):
        relation = get_relation(session, asker.team_id, relation_id)
        if relation is not None and relation.tier != tier:
            changes.append(change_tier(session, asker, relation_id, tier, default_cadence(tier), now=now))
    return changes


def add_themes(session: Session, asker: Reader, relation_id: int, names: Iterable[str], *, now: datetime) -> Change:
    relation, change = manageable(session, asker, relation_id, "themes")
    if relation is None:
        return change
    added = audit.add_themes(session, relation, names, actor=asker.user_id, at=now)
    change.values["themes"] = [ref.name for ref in added]
    change.unchanged = not added
    return change


# --- telling, once committed ---------------------------------------------------------------------
def tell(deps: Deps, team_id: str, change: Change) -> None:
    """DM a new owner that the relation is theirs now, and an owner whose relation someone else changed (each
    read in a transaction of their own, since reading a member may ask Slack)."""
    if not change.done or deps.client_for(team_id) is None:
        return
    asker, new_owner = change.asker.user_id, change.values.get("new_owner")
    recipients = [new_owner] if new_owner and new_owner != asker else []
    if change.on_behalf:
        recipients.append(change.owner_id)
    for user_id in recipients:
        with transaction(deps.sessions) as session:
            them = member(deps, session, team_id, user_id)
            if not permissions.is_active_colleague(them):
                continue
            who = reader_of(deps, session, team_id, user_id, them)
            if user_id == new_owner:
                listed = listed_relations(session, team_id, [change.relation_id]).get(change.relation_id)
                if listed is None:
                    continue
                message = handed_over_message(listed, asker, who.today, who.language)
            else:
                message = owner_told(change.kind, change.name, asker, change.values, who.language)
        try:
            deps.client_for(team_id).chat_postMessage(channel=user_id, unfurl_links=False, **message)
        except SlackApiError as error:
            log.warning("could not tell %s about a change: %s", user_id, error.response.get("error"))
