"""Warmth: one number from 0 to 100 per relation, used the same way by every view.

warmth = min(100, Σ weight(kind) · 100 · 0.5 ^ (age_days / cadence_days)) over the relation's interactions:
an exponential decay whose half-life is the relation's cadence, so a relation met once in person exactly one
cadence ago has warmth 50. Meetings in person weigh more than calls, calls more than messages; a contact of
unknown kind counts as a meeting (most of what is logged with /met is a meeting).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

MAX_WARMTH = 100
WEIGHTS: dict[str, float] = {"meeting": 1.0, "event": 1.0, "call": 0.7, "message": 0.4}
UNKNOWN_KIND_WEIGHT = 1.0

# An interaction HORIZON_HALF_LIVES cadences old adds less than 100 / 2**8 ≈ 0.4 to the sum: queries only read
# interactions inside this horizon, so their cost stays flat however long the history grows.
HORIZON_HALF_LIVES = 8

WARM_FROM = 60
COOLING_FROM = 25
BAR_BLOCKS = 10


def weight(kind: str | None) -> float:
    return WEIGHTS.get((kind or "").lower(), UNKNOWN_KIND_WEIGHT)


def contribution(*, occurred_on: date, kind: str | None, today: date, cadence_days: int) -> float:
    """What one interaction adds to the warmth today; a future date counts as today."""
    age = max(0, (today - occurred_on).days)
    return weight(kind) * MAX_WARMTH * 0.5 ** (age / max(1, cadence_days))


def warmth(contacts: Iterable[tuple[date, str | None]], *, today: date, cadence_days: int) -> int:
    """The warmth of a relation (or of one colleague's tie with it) from its (day, kind) contacts."""
    # contribution() inlined (same arithmetic): this runs for every tie of a large /whoknows and a whole Home.
    half_life = max(1, cadence_days)
    total = sum(
        WEIGHTS.get((kind or "").lower(), UNKNOWN_KIND_WEIGHT)
        * MAX_WARMTH
        * 0.5 ** (max(0, (today - day).days) / half_life)
        for day, kind in contacts
    )
    return min(MAX_WARMTH, round(total))


def warmth_at_most(contacts: int, *, last_on: date, today: date, cadence_days: int) -> int:
    """The most warmth `contacts` contacts, none after `last_on`, can give at a cadence up to `cadence_days`: as
    if all were of the heaviest kind and on `last_on` (warmth only grows with weight, recency, count, cadence)."""
    heaviest = max(WEIGHTS, key=WEIGHTS.__getitem__)
    kind = heaviest if WEIGHTS[heaviest] > UNKNOWN_KIND_WEIGHT else None
    return warmth([(last_on, kind)] * contacts, today=today, cadence_days=cadence_days)


def horizon_days(cadence_days: int) -> int:
    """How far back interactions still matter to the warmth."""
    return HORIZON_HALF_LIVES * max(1, cadence_days)


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
