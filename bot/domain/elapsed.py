"""How long ago, in the unit people use — the one rule for the relation card, the nudge and the Home tab."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple


class Elapsed(NamedTuple):
    unit: str  # future, today, yesterday, days, weeks, months, years
    n: int


def elapsed(since: date, today: date) -> Elapsed:
    """Whole days up to two weeks, whole weeks up to two months, whole calendar months up to two years, then
    whole years: never more than it was (14 months is "14 months", not "1 year"; 8 weeks and 6 days is
    "8 weeks")."""
    days = (today - since).days
    if days < 0:
        return Elapsed("future", -days)
    if days == 0:
        return Elapsed("today", 0)
    if days == 1:
        return Elapsed("yesterday", 1)
    if days < 14:
        return Elapsed("days", days)
    if days < 60:
        return Elapsed("weeks", days // 7)
    months = (today.year - since.year) * 12 + today.month - since.month - (today.day < since.day)
    if months < 24:
        return Elapsed("months", months)
    return Elapsed("years", months // 12)
