"""Warmth: one number from 0 to 100 per relation, used the same way by every view.

warmth = min(100, Σ weight(kind) · 100 · 0.5 ^ (age_days / cadence_days)) over the relation's interactions:
an exponential decay whose half-life is the relation's cadence, so a relation met once in person exactly one
cadence ago has warmth 50. Meetings in person weigh more than calls, calls more than messages; a contact of
unknown kind counts as a meeting (most of what is logged with /met is a meeting). The sum is rounded half up.

The sum is kept with each relation as the warmth it had on its last contact (relations.warmth_at_last), and per
colleague's tie with a relation — the same sum over the meetings they took part in — as the warmth it had on
their last meeting (storage.ties). On a later day either has decayed by one factor (kept_warmth), so no view
reads the history to show a warmth.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from datetime import date

MAX_WARMTH = 100
WEIGHTS: dict[str, float] = {"meeting": 1.0, "event": 1.0, "call": 0.7, "message": 0.4}
UNKNOWN_KIND_WEIGHT = 1.0

WARM_FROM = 60
COOLING_FROM = 25
BAR_BLOCKS = 10


def weight(kind: str | None) -> float:
    return WEIGHTS.get((kind or "").lower(), UNKNOWN_KIND_WEIGHT)


def contribution(*, occurred_on: date, kind: str | None, today: date, cadence_days: int) -> float:
    """What one interaction adds to the warmth today; a future date counts as today."""
    return decayed(weight(kind) * MAX_WARMTH, max(0, (today - occurred_on).days), max(1, cadence_days))


def warmth(contacts: Iterable[tuple[date, str | None]], *, today: date, cadence_days: int) -> int:
    """The warmth of a relation (or of one colleague's tie with it) from its (day, kind) contacts: the rule
    itself, which the kept values (kept_warmth) are checked against."""
    return rounded(
        sum(contribution(occurred_on=day, kind=kind, today=today, cadence_days=cadence_days) for day, kind in contacts)
    )


def rounded(total: float) -> int:
    """The warmth shown for a sum of contributions: rounded half up, at most MAX_WARMTH."""
    return min(MAX_WARMTH, math.floor(total + 0.5))


def decayed(amount, days, cadence_days, *, power: Callable = pow):
    """What `amount` of warmth is `days` later: halved every cadence. Numbers, or SQL with the database's
    `power` (storage.warmth and storage.ties keep warmth with this same arithmetic)."""
    return amount * power(0.5, days / cadence_days)


def kept_warmth(warmth_at_last: float, *, last_on: date | None, today: date, cadence_days: int) -> int:
    """The warmth today of a relation (or a tie) whose warmth was `warmth_at_last`, unrounded, on its last contact
    `last_on`. A last contact ahead of today (a meeting logged for later) shows the warmth of that day."""
    if last_on is None:
        return 0
    return rounded(decayed(warmth_at_last, max(0, (today - last_on).days), max(1, cadence_days)))


def warmth_level(value: int) -> str:
    """'warm', 'cooling' or 'cold': the word every view shows next to the bar."""
    if value >= WARM_FROM:
        return "warm"
    if value >= COOLING_FROM:
        return "cooling"
    return "cold"


def warmth_bar(value: int) -> str:
    """Ten blocks, one per 10 points, rounded: '▰▰▰▰▰▱▱▱▱▱' for 50."""
    filled = max(0, min(BAR_BLOCKS, round(value * BAR_BLOCKS / MAX_WARMTH)))
    return "▰" * filled + "▱" * (BAR_BLOCKS - filled)
