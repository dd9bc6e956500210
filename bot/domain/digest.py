"""The weekly digest's figures: ISO weeks, comparisons and the rules of each section. No Slack, no SQL.

Storage answers a handful of aggregate questions (rows per day, per person, per theme); the functions here
turn those rows into the plain dataclasses that both renderers (Block Kit and plain text) read.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.domain.gatherings import GatheringsDigest
from bot.domain.quiet import QuietRelation, past_due_on
from bot.domain.tiers import TIER_ORDER, tier_rank

AVERAGE_WEEKS = 8  # "this week" is compared with last week and with the average of the 8 weeks before it
CHART_WEEKS = 12
QUARTER_DAYS = 91  # a theme is silent when it had no meeting in the 13 weeks up to the week's end
YEAR_DAYS = 365  # "depends on one person" and "give and take" look back one year
MIN_EXCHANGES = 3  # give/take needs this many logged exchanges in a year before we call it lopsided
LOPSIDED_RATIO = 3  # one side at least 3 times the other (or the other never)
NAME_OTHER_QUIET = 5  # quiet relations of the tiers other than key: named up to this many, counted beyond

_WEEK = re.compile(r"^\s*(\d{4})-?W(\d{1,2})\s*$", re.IGNORECASE)


# --- weeks ----------------------------------------------------------------------------------------
@dataclass(frozen=True, order=True)
class Week:
    """An ISO week (Monday to Sunday), written 2026-W48."""

    year: int
    number: int

    @classmethod
    def of(cls, day: date) -> Week:
        year, number, _ = day.isocalendar()
        return cls(year, number)

    @classmethod
    def parse(cls, text: str) -> Week:
        """'2026-W48' (or '2026W48'); ValueError with a message meant for the user otherwise."""
        match = _WEEK.match(text or "")
        if not match:
            raise ValueError(f"{text!r} is not a week; write it as YYYY-Www, e.g. 2026-W48")
        year, number = int(match.group(1)), int(match.group(2))
        try:
            date.fromisocalendar(year, number, 1)
        except ValueError:
            raise ValueError(f"{year} has no week {number}") from None
        return cls(year, number)

    @property
    def start(self) -> date:
        return date.fromisocalendar(self.year, self.number, 1)

    @property
    def end(self) -> date:
        return self.start + timedelta(days=6)

    @property
    def label(self) -> str:
        return f"{self.year}-W{self.number:02d}"

    def shift(self, weeks: int) -> Week:
        return Week.of(self.start + timedelta(weeks=weeks))

    def __str__(self) -> str:
        return self.label


def parse_clock_time(text: str) -> time:
    """'09:00' or '9:00' → time(9, 0); ValueError otherwise."""
    match = re.fullmatch(r"\s*(\d{1,2})[:.](\d{2})\s*", text or "")
    if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise ValueError(f"{text!r} is not a time of day (HH:MM)")
    return time(int(match.group(1)), int(match.group(2)))


def scheduled_moment(week: Week, weekday: int, clock_time: str, tz: ZoneInfo) -> datetime:
    """When the digest is due in `week`: its `weekday` (0 = Monday) at `clock_time` in the workspace zone."""
    try:
        at = parse_clock_time(clock_time)
    except ValueError:
        at = time(9, 0)
    return datetime.combine(week.start + timedelta(days=weekday % 7), at, tzinfo=tz)


def reported_week(local_day: date) -> Week:
    """The digest always reports the last complete week, so comparisons are between whole weeks."""
    return Week.of(local_day).shift(-1)


def week_over(week: Week, tz: ZoneInfo) -> datetime:
    """The moment the week ends in the workspace's zone (the next Monday, 00:00): the Events section lists
    the events of the week before it and of the four weeks after it."""
    return datetime.combine(week.end + timedelta(days=1), time(0, 0), tzinfo=tz)


# --- the figures ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Meeting:
    """One interaction of the week, as the digest lists it."""

    interaction_id: int
    occurred_on: date
    relation_name: str
    organisation: str | None
    logged_by: str
    colleagues: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()


@dataclass(frozen=True)
class ThisWeek:
    meetings: int
    colleagues: int  # distinct members who logged or attended a meeting
    last_week_meetings: int
    last_week_colleagues: int
    average_meetings: float  # over the AVERAGE_WEEKS weeks before this one
    shown: tuple[Meeting, ...] = ()  # newest first; `meetings - len(shown)` more exist

    @property
    def more(self) -> int:
        return self.meetings - len(self.shown)


@dataclass(frozen=True)
class GoneQuiet:
    key: tuple[QuietRelation, ...]  # most overdue first
    key_total: int
    other_tiers: Mapping[str, int]  # tier -> count, for the tiers other than key, only when non-zero
    as_of: date
    others: tuple[QuietRelation, ...] = ()  # the other tiers' quiet relations, most overdue first (a few)

    @property
    def empty(self) -> bool:
        return not self.key_total and not any(self.other_tiers.values())

    @property
    def others_total(self) -> int:
        return sum(self.other_tiers.values())

    def others_named(self, few: int) -> bool:
        """Few enough quiet relations of the other tiers to name each (else they are counted)."""
        return 0 < self.others_total <= few and len(self.others) >= self.others_total


@dataclass(frozen=True)
class RelationRef:
    relation_id: int
    name: str
    organisation: str | None
    owner_id: str
    tier: str = "key"
    person_id: str | None = None  # for "depends on one person": the only colleague who met them


@dataclass(frozen=True)
class DependsOnOne:
    single: tuple[RelationRef, ...]
    single_total: int
    orphaned: tuple[RelationRef, ...]
    orphaned_total: int

    @property
    def empty(self) -> bool:
        return not self.single_total and not self.orphaned_total


@dataclass(frozen=True)
class ThemeFigure:
    theme_id: int
    name: str
    goal_id: int | None
    active_relations: int
    key_relations: int
    meetings_this_week: int
    meetings_last_quarter: int

    @property
    def silent(self) -> bool:
        return self.meetings_last_quarter == 0


@dataclass(frozen=True)
class GoalFigure:
    goal_id: int
    name: str
    themes: tuple[ThemeFigure, ...]

    @property
    def no_key_relation(self) -> bool:
        return not any(theme.key_relations for theme in self.themes)

    @property
    def no_recent_meeting(self) -> bool:
        return not any(theme.meetings_last_quarter for theme in self.themes)


@dataclass(frozen=True)
class Themes:
    goals: tuple[GoalFigure, ...]  # empty when the workspace has no strategy goals
    themes: tuple[ThemeFigure, ...]  # themes under no goal (all themes when there are no goals)
    silent: tuple[ThemeFigure, ...]  # no meeting in the last quarter, across all themes

    @property
    def empty(self) -> bool:
        return not self.goals and not self.themes


@dataclass(frozen=True)
class Exchange:
    """A relation's give and take as the digest's readers may see it: the channel, and the leads, who get the
    same figures. Private interactions are not counted: what was exchanged in them is for their author alone."""

    relation_id: int
    name: str
    organisation: str | None
    owner_id: str
    gave: int  # interactions in the last year, not private, where we offered something
    got: int  # … where they offered us something

    @property
    def we_only_take(self) -> bool:
        return self.got > self.gave


@dataclass(frozen=True)
class Connector:
    user_id: str
    relations: int  # distinct relations met this week


@dataclass(frozen=True)
class ChartSeries:
    weeks: tuple[Week, ...]
    meetings_by_tier: Mapping[str, tuple[int, ...]]  # tier -> count per week, aligned with weeks
    quiet: tuple[int, ...]  # relations past due at each week's end (see quiet_counts_at)


@dataclass(frozen=True)
class Digest:
    team_id: str
    week: Week
    this_week: ThisWeek
    gone_quiet: GoneQuiet
    depends: DependsOnOne
    themes: Themes
    give_take: tuple[Exchange, ...]
    give_take_total: int
    connectors: tuple[Connector, ...]
    chart: ChartSeries
    names: Mapping[str, str] = field(default_factory=dict)  # user id -> display name
    events: GatheringsDigest = field(default_factory=lambda: GatheringsDigest(upcoming=(), last_week=()))
    timezone: ZoneInfo = field(default_factory=lambda: ZoneInfo("UTC"))  # the workspace's, for event times
    departed: frozenset[str] = frozenset()  # owners who left the workspace: their relations need a new owner
    # Members named in "depends on one person" who are leaving or left: (leaving date, open hand-over round).
    leaving: Mapping[str, tuple[date | None, int | None]] = field(default_factory=dict)

    def name_of(self, user_id: str) -> str:
        return self.names.get(user_id) or user_id

    def people(self) -> set[str]:
        """Every member the digest names, so their names can be looked up in one go."""
        shown = self.this_week.shown
        people = {m.logged_by for m in shown} | {c for m in shown for c in m.colleagues}
        quiet = (*self.gone_quiet.key, *self.gone_quiet.others)
        people |= {r.owner_id for r in quiet} | {r.last_contact_by for r in quiet if r.last_contact_by}
        people |= {c.user_id for c in self.connectors}
        for ref in (*self.depends.single, *self.depends.orphaned):
            people |= {ref.owner_id, ref.person_id} - {None}
        return people | {e.owner_id for e in self.give_take}


# --- rules over aggregate rows -----------------------------------------------------------------------
def weekly_tier_counts(rows: Iterable[tuple[date, str, int]], weeks: Sequence[Week]) -> dict[str, tuple[int, ...]]:
    """(day, tier, meetings) rows → meetings per tier per week, for the given weeks (oldest first)."""
    index = {week: i for i, week in enumerate(weeks)}
    counts: dict[str, list[int]] = {tier: [0] * len(weeks) for tier in TIER_ORDER}
    for day, tier, meetings in rows:
        position = index.get(Week.of(day))
        if position is not None:
            counts.setdefault(tier, [0] * len(weeks))[position] += int(meetings)
    return {tier: tuple(values) for tier, values in counts.items()}


def meetings_per_week(by_tier: Mapping[str, Sequence[int]], length: int) -> list[int]:
    return [sum(values[i] for values in by_tier.values()) for i in range(length)]


def average(values: Sequence[int]) -> float:
    return sum(values) / len(values) if values else 0.0


def trend(current: float, before: float) -> str:
    """'up', 'down' or 'same': the renderer turns it into ↑, ↓ or =."""
    if current > before + 1e-9:
        return "up"
    if current < before - 1e-9:
        return "down"
    return "same"


def colleague_figures(rows: Iterable[tuple[str, int]], top: int) -> tuple[int, tuple[Connector, ...]]:
    """(member, distinct relations met) rows of the week → (colleagues who met anyone, the top connectors)."""
    ranked = sorted(((user_id, int(relations)) for user_id, relations in rows), key=lambda item: (-item[1], item[0]))
    return len(ranked), tuple(Connector(user, count) for user, count in ranked[:top])


def is_lopsided(gave, got):
    """Enough logged exchanges, and one side at least LOPSIDED_RATIO times the other (or the other never).

    Written with & and |, so it answers for numbers and, handed SQL expressions, in SQL (storage.digest).
    """
    return (gave + got >= MIN_EXCHANGES) & ((gave >= LOPSIDED_RATIO * got) | (got >= LOPSIDED_RATIO * gave))


def lopsided(exchanges: Iterable[Exchange]) -> list[Exchange]:
    """The lopsided ones, most lopsided first (largest difference), then by name."""
    chosen = [e for e in exchanges if is_lopsided(e.gave, e.got)]
    return sorted(chosen, key=lambda e: (-abs(e.gave - e.got), e.name.casefold(), e.relation_id))


def group_themes(themes: Sequence[ThemeFigure], goals: Sequence[tuple[int, str]]) -> Themes:
    """Themes under their goals (in the goals' order) when there are goals; themes by size otherwise."""
    by_size = sorted(themes, key=lambda t: (-t.active_relations, -t.meetings_this_week, t.name))
    under: dict[int, list[ThemeFigure]] = defaultdict(list)
    loose: list[ThemeFigure] = []
    goal_ids = {goal_id for goal_id, _ in goals}
    for theme in by_size:
        if theme.goal_id in goal_ids:
            under[theme.goal_id].append(theme)
        else:
            loose.append(theme)
    grouped = tuple(GoalFigure(goal_id, name, tuple(under[goal_id])) for goal_id, name in goals)
    silent = tuple(sorted((t for t in themes if t.silent), key=lambda t: t.name))
    return Themes(goals=grouped, themes=tuple(loose), silent=silent)


def quiet_counts_at(due_dates: Iterable[tuple[date, date | None, int]], days: Sequence[date]) -> tuple[int, ...]:
    """For each day, the active relations whose due date (as stored now) had passed by that day, from
    (due date, snoozed until, how many) rows.

    Exact for relations not met since that day. A relation met again after that day has a later due date
    now and is not counted for it, so past counts are lower bounds (the history of due dates is not kept).
    Snoozes are applied as stored now.
    """
    rows = list(due_dates)
    return tuple(sum(count for due_on, snoozed, count in rows if past_due_on(day, due_on, snoozed)) for day in days)


def key_first(relations: Iterable[RelationRef]) -> list[RelationRef]:
    return sorted(relations, key=lambda r: (tier_rank(r.tier), r.name.casefold(), r.relation_id))
