"""Network events: whom to propose, reading the event form, when the follow-up is due, and the figures.

Plain rules, no Slack and no SQL.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.domain.quiet import is_quiet
from bot.domain.tiers import tier_rank

NAME_MAX = 200
PLACE_MAX = 300
FOLLOWUP_AT = time(9, 0)  # the morning after the event, in the event's zone
FOLLOWUP_WINDOW = timedelta(days=7)  # a follow-up more than a week late is no longer useful
OWNER_STATUSES = ("invited", "accepted", "declined")  # what an owner can mark
TOLD_ABOUT_CHANGES = ("invited", "accepted", "attended")  # owners with these have people to tell


@dataclass(frozen=True)
class Candidate:
    """A relation that could be invited, with what the proposal's order needs."""

    relation_id: int
    name: str
    organisation: str | None
    owner_id: str
    tier: str
    cadence_days: int
    created_on: date
    last_contact_on: date | None
    snoozed_until: date | None = None

    def quiet(self, today: date) -> bool:
        return is_quiet(
            last_contact_on=self.last_contact_on,
            created_on=self.created_on,
            cadence_days=self.cadence_days,
            today=today,
            snoozed_until=self.snoozed_until,
        )


def propose_invitations(candidates: Iterable[Candidate], today: date, warmths: Mapping[int, int]) -> list[Candidate]:
    """The invitation list Goodwill proposes: an event is the natural way to warm relations up, so quiet
    relations come first, then the coldest by warmth (bot.domain.warmth; relation id -> warmth, none counts
    as 0), key before others, then by name. The one place this order lives."""
    return sorted(
        candidates,
        key=lambda c: (
            not c.quiet(today),
            warmths.get(c.relation_id, 0),
            tier_rank(c.tier),
            c.name.casefold(),
            c.relation_id,
        ),
    )


@dataclass(frozen=True)
class GatheringDraft:
    name: str
    starts_at: datetime  # aware
    place: str


@dataclass(frozen=True)
class Problem:
    field: str  # name, date, time, place
    key: str
    values: dict = field(default_factory=dict)


def read_gathering_form(
    *, name: str | None, day: str | None, at: str | None, place: str | None, tz: ZoneInfo, now: datetime
) -> tuple[GatheringDraft | None, list[Problem]]:
    """Name, datepicker day ('2026-12-10') and timepicker time ('18:30') in the organiser's zone.

    The event must lie in the future: a day in the past is refused on the date, an hour already gone
    today on the time.
    """
    problems: list[Problem] = []
    name = " ".join((name or "").split())
    place = " ".join((place or "").split())
    if not name:
        problems.append(Problem("name", "name_required"))
    elif len(name) > NAME_MAX:
        problems.append(Problem("name", "too_long", {"limit": NAME_MAX}))
    if len(place) > PLACE_MAX:
        problems.append(Problem("place", "too_long", {"limit": PLACE_MAX}))
    starts_at, when_problems = read_start(day=day, at=at, tz=tz, now=now)
    problems.extend(when_problems)
    if problems or starts_at is None:
        return None, problems
    return GatheringDraft(name=name, starts_at=starts_at, place=place), []


def read_start(
    *, day: str | None, at: str | None, tz: ZoneInfo, now: datetime
) -> tuple[datetime | None, list[Problem]]:
    """A datepicker day and timepicker time in `tz`, which must lie ahead of `now`."""
    try:
        chosen_day = date.fromisoformat(day) if day else None
    except ValueError:
        chosen_day = None
    try:
        chosen_time = time.fromisoformat(at) if at else None
    except ValueError:
        chosen_time = None
    problems = []
    if chosen_day is None:
        problems.append(Problem("date", "date_required"))
    if chosen_time is None:
        problems.append(Problem("time", "time_required"))
    if problems:
        return None, problems
    starts_at = datetime.combine(chosen_day, chosen_time, tzinfo=tz)
    if chosen_day < now.astimezone(tz).date():
        return None, [Problem("date", "in_the_past")]
    if starts_at <= now:
        return None, [Problem("time", "time_gone")]
    return starts_at, []


def local_day(starts_at: datetime, tz: ZoneInfo) -> date:
    """The event's day where it is held (its organiser's zone), e.g. for the attendance interaction."""
    return starts_at.astimezone(tz).date()


def followup_due_at(starts_at: datetime, tz: ZoneInfo) -> datetime:
    """The morning after the event, 09:00 in the event's zone."""
    return datetime.combine(local_day(starts_at, tz) + timedelta(days=1), FOLLOWUP_AT, tzinfo=tz)


def followup_is_due(starts_at: datetime, tz: ZoneInfo, now: datetime) -> bool:
    due = followup_due_at(starts_at, tz)
    return due <= now < due + FOLLOWUP_WINDOW


@dataclass(frozen=True)
class GatheringSummary:
    """An event with its invitation counts by status, as lists, the home and the digest show it."""

    event_id: int
    name: str
    starts_at: datetime
    place: str
    cancelled: bool
    organisers: tuple[str, ...]
    counts: dict[str, int]

    def count(self, status: str) -> int:
        return self.counts.get(status, 0)

    @property
    def invited_total(self) -> int:
        """Invitations that went out (or were answered): everything but 'proposed'."""
        return sum(n for status, n in self.counts.items() if status != "proposed")

    @property
    def accepted_total(self) -> int:
        """Accepted, including those who then attended."""
        return self.count("accepted") + self.count("attended")


@dataclass(frozen=True)
class GatheringsDigest:
    """The digest's Events section: upcoming in the next four weeks, and last week's with attendance."""

    upcoming: Sequence[GatheringSummary]
    last_week: Sequence[GatheringSummary]


def digest_windows(now: datetime) -> tuple[tuple[datetime, datetime], tuple[datetime, datetime]]:
    """(upcoming: now .. four weeks ahead), (last week: seven days ago .. now)."""
    return (now, now + timedelta(weeks=4)), (now - timedelta(days=7), now)


def split_gatherings_digest(summaries: Iterable[GatheringSummary], now: datetime) -> GatheringsDigest:
    (up_from, up_to), (past_from, past_to) = digest_windows(now)
    ordered = sorted(summaries, key=lambda s: (s.starts_at, s.event_id))
    return GatheringsDigest(
        upcoming=[s for s in ordered if up_from <= s.starts_at < up_to and not s.cancelled],
        last_week=[s for s in ordered if past_from <= s.starts_at < past_to and not s.cancelled],
    )
