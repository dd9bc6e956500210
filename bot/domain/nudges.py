"""Who is due a nudge, what it lists, and what became of each relation it listed. No Slack, no SQL.

The clock runs every few minutes; a member is due from the first run on or after their nudge time
(default 09:00, set per workspace) on a working day in their own time zone, for the rest of that day,
until their nudge for the day is recorded as sent (or as having nothing to say).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.domain.quiet import QuietRelation, attention_order

DEFAULT_NUDGE_TIME = time(9, 0)
SHOWN = 5  # relations listed in the nudge itself; the rest open in a modal
WORKING_DAYS = frozenset(range(5))  # Monday to Friday
# A claim still 'claimed' after this long means the sender died between claim and send: take it over.
STALE_CLAIM = timedelta(minutes=10)
MAX_ATTEMPTS = 5  # a member whose DM keeps failing is not retried forever

_CLOCK_TIME = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")


def parse_nudge_time(text: str | None) -> time | None:
    """'09:00', '8:30' or '8.30' as a time of day; None if it is not one."""
    match = _CLOCK_TIME.match((text or "").strip())
    return time(int(match[1]), int(match[2])) if match else None


def nudge_time_of(setting: str | None) -> time:
    return parse_nudge_time(setting) or DEFAULT_NUDGE_TIME


def local_moment(now: datetime, tz: ZoneInfo) -> datetime:
    return now.astimezone(tz)


def in_nudge_window(now: datetime, tz: ZoneInfo, nudge_time: time) -> bool:
    """A working day in the member's own time zone, at or after their nudge time."""
    local = local_moment(now, tz)
    return local.weekday() in WORKING_DAYS and local.time() >= nudge_time


@dataclass(frozen=True)
class DeliveryState:
    """What the database says about a member's nudge for a day."""

    status: str  # claimed, sent, failed, empty
    attempts: int
    claimed_at: datetime | None


def may_claim(state: DeliveryState | None, now: datetime, *, reconsider_empty: bool = False) -> bool:
    """Whether a run may (try to) send this member's nudge for the day.

    Nobody has tried yet; or an earlier attempt failed; or a claim was left behind by a sender that
    died before it could send. A nudge that was sent is never sent again. 'empty' (nothing was
    quiet) is final for the clock; `goodwill nudge` looks again.
    """
    if state is None:
        return True
    if state.attempts >= MAX_ATTEMPTS and state.status != "empty":
        return False
    if state.status == "failed":
        return True
    if state.status == "claimed":
        return state.claimed_at is None or now - state.claimed_at >= STALE_CLAIM
    return state.status == "empty" and reconsider_empty


@dataclass(frozen=True)
class NudgeList:
    """One member's nudge: the first few quiet relations in attention order, and how many more."""

    user_id: str
    day: date
    shown: tuple[QuietRelation, ...]
    more: int

    @property
    def relation_ids(self) -> list[int]:
        return [relation.relation_id for relation in self.shown]

    @property
    def total(self) -> int:
        return len(self.shown) + self.more


def nudge_list(
    user_id: str, day: date, quiet: Iterable[QuietRelation], *, total: int | None = None, shown: int = SHOWN
) -> NudgeList:
    """The member's own quiet relations (on `day`), most deserving of attention first.

    `total`: how many quiet relations the member has, when `quiet` holds only the first few of them.
    """
    mine = attention_order([r for r in quiet if r.owner_id == user_id and r.is_quiet_on(day)], day)
    count = len(mine) if total is None else total
    return NudgeList(user_id=user_id, day=day, shown=tuple(mine[:shown]), more=max(0, count - min(shown, len(mine))))


@dataclass(frozen=True)
class Outcome:
    """What became of a relation a nudge listed."""

    kind: str  # logged, snoozed, handed_over, archived
    on: date | None = None  # logged: the contact's date; snoozed: until
    user_id: str | None = None  # logged: by whom; handed_over: the new owner


def outcome(relation: QuietRelation, *, recipient: str, today: date) -> Outcome | None:
    """None while the relation is still waiting for its owner; else what was done about it."""
    if relation.archived:
        return Outcome("archived")
    if relation.owner_id != recipient:
        return Outcome("handed_over", user_id=relation.owner_id)
    if relation.snoozed_until is not None and relation.snoozed_until > today:
        return Outcome("snoozed", on=relation.snoozed_until)
    if relation.due_on >= today:  # met again since the nudge, so no longer quiet
        return Outcome("logged", on=relation.last_contact_on, user_id=relation.last_contact_by)
    return None


SNOOZE_CHOICES = ("1w", "2w", "1m")
WAKE_UP = "off"  # ends a snooze


def snooze_until(today: date, choice: str) -> date | None:
    """1 week, 2 weeks, or 1 month (the same day next month, or its last day); None to wake up now."""
    if choice == WAKE_UP:
        return None
    if choice == "1w":
        return today + timedelta(weeks=1)
    if choice == "2w":
        return today + timedelta(weeks=2)
    if choice == "1m":
        year, month = (today.year + 1, 1) if today.month == 12 else (today.year, today.month + 1)
        return date(year, month, min(today.day, calendar.monthrange(year, month)[1]))
    raise ValueError(f"unknown snooze {choice!r}")
