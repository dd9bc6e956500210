"""The quiet relations of a workspace, from the indexed due_on column: one query, whatever the history."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import lru_cache

from sqlalchemy import Select, and_, bindparam, case, collate, false, func, or_, select
from sqlalchemy.orm import Session

from bot.domain.quiet import QuietRelation
from bot.domain.tiers import TIER_ORDER
from storage.models import Interaction, Relation


def _listing() -> Select:
    """A relation with what an owner needs to pick it up again, and its last interaction's notes."""
    return select(
        Relation.id,
        Relation.name,
        Relation.organisation,
        Relation.owner_id,
        Relation.tier,
        Relation.cadence_days,
        Relation.due_on,
        Relation.last_contact_on,
        Relation.last_contact_by,
        Relation.snoozed_until,
        Relation.archived,
        Interaction.notes,
        Interaction.private,
    ).outerjoin(Interaction, Interaction.id == Relation.last_interaction_id)


def _quiet_relation(row) -> QuietRelation:
    return QuietRelation(
        relation_id=row.id,
        name=row.name,
        organisation=row.organisation,
        owner_id=row.owner_id,
        tier=row.tier,
        cadence_days=row.cadence_days,
        due_on=row.due_on,
        last_contact_on=row.last_contact_on,
        last_contact_by=row.last_contact_by,
        last_notes=None if row.private else (row.notes or None),
        snoozed_until=row.snoozed_until,
        archived=bool(row.archived),
    )


def _is_quiet(team_id, today):
    """The one SQL condition for "gone quiet" (bot.domain.quiet.is_quiet), read from the indexed due_on.
    team_id and today are values or bound parameters."""
    return and_(
        Relation.team_id == team_id,
        Relation.archived == false(),
        Relation.due_on < today,
        or_(Relation.snoozed_until.is_(None), Relation.snoozed_until <= today),
    )


def quiet_relations(
    session: Session,
    team_id: str,
    today: date,
    *,
    owner_ids: Iterable[str] | None = None,
    tiers: Iterable[str] | None = None,
    limit: int | None = None,
) -> list[QuietRelation]:
    """Every active, unsnoozed relation past its due date, with its last interaction's notes.

    With `limit`, only the most overdue ones (earliest due date first).
    """
    statement = _quiet_statement(owner_ids is not None, tiers is not None, limit is not None)
    parameters = {"team_id": team_id, "today": today, "owner_ids": list(owner_ids or ()), "tiers": list(tiers or ())}
    return [_quiet_relation(row) for row in session.execute(statement, {**parameters, "limit": limit})]


@lru_cache(maxsize=8)
def _quiet_statement(by_owner: bool, by_tier: bool, limited: bool) -> Select:
    """quiet_relations' query, built once for each combination of filters (every Home tab drawn runs it, and
    building it cost more than running it)."""
    query = _listing().where(_is_quiet(bindparam("team_id"), bindparam("today")))
    if by_owner:
        query = query.where(Relation.owner_id.in_(bindparam("owner_ids", expanding=True)))
    if by_tier:
        query = query.where(Relation.tier.in_(bindparam("tiers", expanding=True)))
    if limited:
        query = query.order_by(Relation.due_on, Relation.name, Relation.id).limit(bindparam("limit"))
    return query


def quiet_counts(session: Session, team_id: str, today: date) -> dict[str, int]:
    """How many relations have gone quiet, per tier: one GROUP BY over the due-date index range."""
    rows = session.execute(select(Relation.tier, func.count()).where(_is_quiet(team_id, today)).group_by(Relation.tier))
    return {tier: count for tier, count in rows}


def listed_relations(session: Session, team_id: str, relation_ids: Iterable[int]) -> dict[int, QuietRelation]:
    """The relations a nudge listed, as they stand now (snoozed, archived, handed over or met since)."""
    ids = sorted(set(relation_ids))
    if not ids:
        return {}
    rows = session.execute(_listing().where(Relation.team_id == team_id, Relation.id.in_(ids)))
    return {row.id: _quiet_relation(row) for row in rows}


def first_quiet_by_owner(
    session: Session, team_id: str, today: date, *, first: int
) -> dict[str, tuple[list[QuietRelation], int]]:
    """Each owner's first `first` quiet relations in attention order, and how many they have: one query.

    The ranking happens in the database (a window over the indexed past-due range), so a workspace with
    a hundred thousand quiet relations hands Python a few per owner, not all of them. The order is
    bot.domain.quiet.attention_order's: tier, most overdue, name (its normalised key, compared bytewise).
    """
    tier_rank = case({tier: rank for rank, tier in enumerate(TIER_ORDER)}, value=Relation.tier, else_=len(TIER_ORDER))
    name_order = (
        collate(Relation.name_key, "C") if session.get_bind().dialect.name == "postgresql" else Relation.name_key
    )
    order = (tier_rank, Relation.due_on, name_order, Relation.id)
    ranked = (
        select(
            Relation.id.label("id"),
            func.row_number().over(partition_by=Relation.owner_id, order_by=order).label("position"),
            # The same window (with the whole partition as frame), so the database sorts once for both.
            func.count().over(partition_by=Relation.owner_id, order_by=order, rows=(None, None)).label("quiet_count"),
        )
        .where(_is_quiet(team_id, today))
        .subquery()
    )
    query = _listing().add_columns(ranked.c.quiet_count).join(ranked, ranked.c.id == Relation.id)
    found: dict[str, tuple[list[QuietRelation], int]] = {}
    for row in session.execute(query.where(ranked.c.position <= first)):
        found.setdefault(row.owner_id, ([], row.quiet_count))[0].append(_quiet_relation(row))
    return found
