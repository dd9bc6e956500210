"""Members' ties with relations (member_ties): who has met each relation, when last, and how warm it was then.

A tie keeps the day its member last met the relation and the tie's warmth that day, unrounded:
warmth_at_last = Σ weight(kind) · 100 · 0.5 ^ ((last_met_on − day) / cadence) over the meetings the member logged
or attended. On any later day that has decayed by one factor (bot.domain.warmth.kept_warmth), so /whoknows ranks
colleagues from one row per tie, in SQL, without reading the history.

Kept by storage.history (listed in storage.derived): a new meeting adds itself to its people's ties (add_meeting: an
upsert whose arithmetic runs in the database, so meetings logged at the same moment add up); every other write
rebuilds the ties of the relations it touched from their interactions (rebuild) — a change of cadence too, as the
cadence is the half-life.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import cache

from sqlalchemy import (
    Date,
    Float,
    Insert,
    Integer,
    Select,
    bindparam,
    case,
    cast,
    delete,
    func,
    insert,
    select,
    union_all,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from bot.domain.warmth import MAX_WARMTH, decayed, weight
from storage.models import Interaction, InteractionColleague, MemberTie, Relation
from storage.warmth import contribution, days_between, shown_warmth, with_meeting

TIES = MemberTie.__table__


# --- keeping ------------------------------------------------------------------------------------------------------
@cache
def _add_statement(dialect: str) -> Insert:
    """INSERT a tie, or add the meeting to the one there: decay the kept warmth to the later of the two days, add
    the other's (decayed to that day). Built once per dialect."""
    upsert = (sqlite if dialect == "sqlite" else postgresql).insert(TIES)
    new, kept = upsert.excluded, TIES.c
    half_life = bindparam("half_life", type_=Float)
    newer = new.last_met_on >= kept.last_met_on
    return upsert.on_conflict_do_update(
        index_elements=[kept.relation_id, kept.user_id],
        set_={
            "warmth_at_last": with_meeting(
                dialect, kept.warmth_at_last, kept.last_met_on, new.warmth_at_last, new.last_met_on, half_life
            ),
            "last_met_on": case((newer, new.last_met_on), else_=kept.last_met_on),
        },
    )


def add_meeting(
    session: Session, relation_id: int, *, people: Sequence[str], occurred_on: date, kind: str | None, cadence_days: int
) -> None:
    """A new meeting with the relation, for each of the people there (who logged it and who attended)."""
    dialect = session.get_bind().dialect.name
    amount = weight(kind) * MAX_WARMTH
    half_life = float(max(1, cadence_days))
    session.connection().execute(
        _add_statement(dialect),
        [
            {
                "relation_id": relation_id,
                "user_id": user_id,
                "last_met_on": occurred_on,
                "warmth_at_last": amount,
                "half_life": half_life,
            }
            for user_id in dict.fromkeys(people)
        ],
    )


def rebuild(session: Session, relations: Select, interactions, parameters: dict | None = None) -> None:
    """Recompute the ties of the relations whose ids `relations` selects from their interactions (those
    `interactions` selects: the same relations'), with the statements' bind `parameters`."""
    dialect = session.get_bind().dialect.name
    connection = session.connection()
    connection.execute(delete(MemberTie).where(MemberTie.relation_id.in_(relations)), parameters or {})
    # Each meeting once for who logged it and once for each colleague there (never the same member twice).
    contacts = union_all(
        select(
            Interaction.relation_id, Interaction.logged_by.label("user_id"), Interaction.occurred_on, Interaction.kind
        ).where(interactions),
        select(Interaction.relation_id, InteractionColleague.user_id, Interaction.occurred_on, Interaction.kind)
        .join(InteractionColleague, InteractionColleague.interaction_id == Interaction.id)
        .where(interactions),
    ).subquery()
    with_last = select(
        contacts,
        func.max(contacts.c.occurred_on).over(partition_by=(contacts.c.relation_id, contacts.c.user_id)).label("last"),
    ).subquery()
    connection.execute(
        insert(MemberTie).from_select(
            ["relation_id", "user_id", "last_met_on", "warmth_at_last"],
            select(
                with_last.c.relation_id,
                with_last.c.user_id,
                func.max(with_last.c.last),
                func.sum(
                    contribution(
                        dialect, with_last.c.kind, with_last.c.occurred_on, with_last.c.last, Relation.cadence_days
                    )
                ),
            )
            .join(Relation, Relation.id == with_last.c.relation_id)
            .group_by(with_last.c.relation_id, with_last.c.user_id),
        ),
        parameters or {},
    )


# --- reading ------------------------------------------------------------------------------------------------------
@cache
def _ranking(dialect: str, limited: bool) -> Select:
    """Members by their warmest tie today with the relations `ids`, then most ties, latest meeting, user id; with
    how many members there are in all. Built once per dialect."""
    today = bindparam("today", type_=Date)
    age = case((MemberTie.last_met_on > today, 0.0), else_=days_between(dialect, today, MemberTie.last_met_on))
    raw = decayed(MemberTie.warmth_at_last, age, cast(Relation.cadence_days, Float), power=func.power)
    per_member = (
        select(
            MemberTie.user_id,
            func.max(raw).label("best"),
            func.count().label("ties"),
            func.max(MemberTie.last_met_on).label("last"),
        )
        .join(Relation, Relation.id == MemberTie.relation_id)
        .where(MemberTie.relation_id.in_(bindparam("ids", expanding=True)))
        .group_by(MemberTie.user_id)
        .subquery()
    )
    ranked = select(per_member.c.user_id, func.count().over().label("total")).order_by(
        shown_warmth(per_member.c.best).desc(),
        per_member.c.ties.desc(),
        per_member.c.last.desc(),
        per_member.c.user_id,
    )
    return ranked.limit(bindparam("first", type_=Integer)) if limited else ranked


def warmest_members(
    session: Session, relation_ids: Sequence[int], *, today: date, first: int | None
) -> tuple[list[str], int]:
    """The members with a tie to any of these relations, in /whoknows order — warmest tie today, then most ties,
    latest meeting, user id — the `first` of them (all when None), and how many there are in all."""
    statement = _ranking(session.get_bind().dialect.name, first is not None)
    rows = session.connection().execute(statement, {"ids": list(relation_ids), "today": today, "first": first}).all()
    return [row.user_id for row in rows], (rows[0].total if rows else 0)


_TIES_OF = select(MemberTie.relation_id, MemberTie.user_id, MemberTie.last_met_on, MemberTie.warmth_at_last).where(
    MemberTie.relation_id.in_(bindparam("ids", expanding=True)),
    MemberTie.user_id.in_(bindparam("user_ids", expanding=True)),
)


def ties_of(
    session: Session, relation_ids: Sequence[int], user_ids: Sequence[str]
) -> list[tuple[int, str, date, float]]:
    """(relation id, user id, last met on, warmth then) of these members' ties with these relations."""
    if not user_ids:
        return []
    rows = session.connection().execute(_TIES_OF, {"ids": list(relation_ids), "user_ids": list(user_ids)})
    return [tuple(row) for row in rows]


def who_met(session: Session, team_id: str, relation_id: int) -> list[tuple[str, date]]:
    """(user id, last met on) of every member who met the workspace's relation, most recent first."""
    rows = session.execute(
        select(MemberTie.user_id, MemberTie.last_met_on)
        .join(Relation, Relation.id == MemberTie.relation_id)
        .where(Relation.team_id == team_id, MemberTie.relation_id == relation_id)
        .order_by(MemberTie.last_met_on.desc(), MemberTie.user_id)
    )
    return [tuple(row) for row in rows]
