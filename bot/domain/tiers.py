"""Tiers of relations, after Dunbar's layers of contact frequency."""

from __future__ import annotations

CADENCE_DAYS = {"key": 30, "regular": 90, "wider": 180}
DEFAULT_TIER = "regular"
TIER_ORDER = ("key", "regular", "wider")  # key relations come first wherever relations are listed


def default_cadence(tier: str) -> int:
    return CADENCE_DAYS.get(tier, CADENCE_DAYS[DEFAULT_TIER])


def tier_rank(tier: str) -> int:
    return TIER_ORDER.index(tier) if tier in TIER_ORDER else len(TIER_ORDER)
