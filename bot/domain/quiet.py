"""When a relation has gone quiet, and in which order quiet relations are shown."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from bot.domain.tiers import tier_rank


def due_date(last_contact_on: date | None, created_on: date, cadence_days: int) -> date:
    """The day after which the relation counts as quiet: a fresh relation gets one full cadence first."""
    return (last_contact_on or created_on) + timedelta(days=cadence_days)


def is_quiet(
    *,
    last_contact_on: date | None,
    created_on: date,
    cadence_days: int,
    today: date,
    snoozed_until: date | None = None,
    archived: bool = False,
) -> bool:
    """Quiet: the last contact (by anyone) is older than the cadence, and not archived or snoozed."""
    if archived or (snoozed_until is not None and snoozed_until > today):
        return False
    return today > due_date(last_contact_on, created_on, cadence_days)


@dataclass(frozen=True)
class QuietRelation:
    """A quiet relation with what the owner needs to pick it up again."""

    relation_id: int
    name: str
    organisation: str | None
    owner_id: str
    tier: str
    cadence_days: int
    due_on: date
    last_contact_on: date | None
    last_contact_by: str | None
    last_notes: str | None  # what was discussed last time (None when private or never met)
    # Where the relation stands now: a nudge already sent shows what became of each relation it listed.
    snoozed_until: date | None = None
    archived: bool = False

    def days_overdue(self, today: date) -> int:
        return (today - self.due_on).days

    def days_silent(self, today: date) -> int | None:
        return (today - self.last_contact_on).days if self.last_contact_on else None

    def is_quiet_on(self, today: date) -> bool:
        return not self.archived and past_due_on(today, self.due_on, self.snoozed_until)


def past_due_on(day: date, due_on: date, snoozed_until: date | None) -> bool:
    """An active relation with this due date and snooze has gone quiet by `day`."""
    return (snoozed_until is None or snoozed_until <= day) and due_on < day


def attention_order(relations: list[QuietRelation], today: date) -> list[QuietRelation]:
    """Key relations before others, then most overdue first, then by name for a stable order."""
    return sorted(
        relations, key=lambda r: (tier_rank(r.tier), -r.days_overdue(today), r.name.casefold(), r.relation_id)
    )
