"""Warmth kept in the database: bot.domain.warmth's arithmetic in SQL, and each relation's own kept warmth.

A relation keeps warmth_at_last, its warmth on its last contact (unrounded): Σ weight(kind) · 100 ·
0.5 ^ ((last_contact_on − day) / cadence) over every interaction with it. On any later day it has decayed by one
factor (bot.domain.warmth.kept_warmth), so the Home tab, the card, a theme's relations and an event's proposals
read one column instead of the history. A new meeting adds itself in the database (with_this_meeting, in the
UPDATE of storage.history's fast path: the same arithmetic as a member's tie, storage.ties); every other write
recomputes it from the interactions (recomputed(), listed in storage.derived). The rule itself, and its constants,
are bot.domain.warmth's; tests/storage/test_derived_values.py checks that this SQL computes the same numbers.
"""

from __future__ import annotations

from datetime import date
from functools import cache

from sqlalchemy import Date, Float, bindparam, case, cast, func, literal, select

from bot.domain.warmth import MAX_WARMTH, UNKNOWN_KIND_WEIGHT, WEIGHTS, decayed, weight
from storage.models import Interaction, Relation


def days_between(dialect: str, later, earlier):
    """later − earlier in days, as a float, for two dates (columns or parameters)."""
    if dialect == "sqlite":
        return func.julianday(later) - func.julianday(earlier)
    return cast(later - earlier, Float)


def weight_of(kind):
    """bot.domain.warmth.weight() of a kind column."""
    return case({k: literal(w, Float) for k, w in WEIGHTS.items()}, value=func.lower(kind), else_=UNKNOWN_KIND_WEIGHT)


def shown_warmth(raw):
    """bot.domain.warmth.rounded() of an unrounded warmth in SQL: rounded half up, at most 100."""
    return case((raw >= MAX_WARMTH, MAX_WARMTH), else_=func.floor(raw + 0.5))


def contribution(dialect: str, kind, day, on, cadence_days):
    """bot.domain.warmth.contribution() in SQL: what a meeting of `kind` on `day` adds to a warmth on `on`."""
    return decayed(
        weight_of(kind) * MAX_WARMTH, days_between(dialect, on, day), cast(cadence_days, Float), power=func.power
    )


def with_meeting(dialect: str, kept, kept_on, amount, day, half_life):
    """A kept warmth `kept` (on `kept_on`, NULL when nothing was kept) with a meeting worth `amount` on `day` added:
    the two summed on the later of the two days, the earlier one decayed to it."""
    return case(
        (kept_on.is_(None), amount),
        (day >= kept_on, decayed(kept, days_between(dialect, day, kept_on), half_life, power=func.power) + amount),
        else_=kept + decayed(amount, days_between(dialect, kept_on, day), half_life, power=func.power),
    )


# --- a relation's own warmth ---------------------------------------------------------------------------------------
@cache
def with_this_meeting(dialect: str):
    """The relation's kept warmth with a meeting added (bind parameters `amount` and `day`: this_meeting), for an
    UPDATE of relations that may move the last contact in the same statement (SET reads the old values)."""
    relations = Relation.__table__.c
    return with_meeting(
        dialect,
        relations.warmth_at_last,
        relations.last_contact_on,
        bindparam("amount", type_=Float),
        bindparam("day", type_=Date),
        cast(relations.cadence_days, Float),
    )


def this_meeting(*, occurred_on: date, kind: str | None) -> dict:
    """with_this_meeting's parameters for a meeting on this day, of this kind."""
    return {"amount": weight(kind) * MAX_WARMTH, "day": occurred_on}


def recomputed(dialect: str):
    """The relation's kept warmth from its interactions, as a correlated subquery (for an UPDATE of relations
    whose last_contact_on is already up to date)."""
    return (
        select(
            func.coalesce(
                func.sum(
                    contribution(
                        dialect,
                        Interaction.kind,
                        Interaction.occurred_on,
                        Relation.last_contact_on,
                        Relation.cadence_days,
                    )
                ),
                0.0,
            )
        )
        .where(Interaction.relation_id == Relation.id)
        .correlate(Relation)
        .scalar_subquery()
    )
