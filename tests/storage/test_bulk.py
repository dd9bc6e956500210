"""Bulk inserts (storage.bulk): the same rows on SQLite and PostgreSQL (COPY there), in the caller's
transaction, with server defaults, and ids that later inserts do not collide with."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from storage.bulk import insert_rows, insert_rows_returning_ids
from storage.history import create_relation
from storage.models import Interaction, Relation, RelationNameToken
from storage.workspaces import ensure_workspace
from tests.support.slack_standin import TEAM_ID

DAY = date(2026, 11, 26)


def relation_row(name: str, organisation: str | None) -> dict:
    return {
        "team_id": TEAM_ID,
        "name": name,
        "name_key": name.lower(),
        "organisation": organisation,
        "email": None,
        "owner_id": "U0ANNA",
        "tier": "regular",
        "cadence_days": 90,
        "notes": "tab\there; semi",
        "archived": False,
        "snoozed_until": None,
        "created_by": "U0ANNA",
        "created_on": DAY,
        "due_on": date(2027, 2, 24),
    }


def test_rows_go_in_with_their_ids_in_order_and_later_inserts_get_new_ids(db):
    with db.sessions() as session, session.begin():
        ensure_workspace(session, TEAM_ID)
        first = create_relation(session, team_id=TEAM_ID, name="Jan de Vries", owner_id="U0ANNA", created_on=DAY)
        ids = insert_rows_returning_ids(
            session,
            Relation.__table__,
            [relation_row("Karin Mulder", "Rode Kruis"), relation_row("Piet", None)],
        )
        insert_rows(
            session,
            Interaction.__table__,
            [
                {
                    "team_id": TEAM_ID,
                    "relation_id": ids[1],
                    "occurred_on": DAY,
                    "logged_by": "U0BRAM",
                    "kind": None,
                    "notes": "",
                    "private": False,
                },
            ],
        )
        insert_rows(
            session,
            RelationNameToken.__table__,
            [
                {"team_id": TEAM_ID, "token": "karin", "relation_id": ids[0], "variant": False},
            ],
        )
        later = create_relation(session, team_id=TEAM_ID, name="Sanne Bos", owner_id="U0ANNA", created_on=DAY)

    assert len(set(ids) | {first.id, later.id}) == 4 and later.id > max(ids) > first.id
    with db.sessions() as session:
        stored = session.execute(
            select(Relation.id, Relation.name, Relation.organisation, Relation.notes).order_by(Relation.id)
        ).all()
        assert [tuple(row) for row in stored] == [
            (first.id, "Jan de Vries", None, ""),
            (ids[0], "Karin Mulder", "Rode Kruis", "tab\there; semi"),
            (ids[1], "Piet", None, "tab\there; semi"),
            (later.id, "Sanne Bos", None, ""),
        ]
        met = session.execute(select(Interaction.relation_id, Interaction.kind, Interaction.created_at)).one()
        assert met.relation_id == ids[1] and met.kind is None and met.created_at is not None  # server default
        tokens = session.scalars(select(RelationNameToken.token).where(RelationNameToken.relation_id == ids[0]))
        assert "karin" in set(tokens)


def test_a_rolled_back_transaction_leaves_nothing(db):
    with db.sessions() as session, session.begin():
        ensure_workspace(session, TEAM_ID)
    with db.sessions() as session:
        session.begin()
        insert_rows_returning_ids(session, Relation.__table__, [relation_row("Karin Mulder", None)])
        session.rollback()
    with db.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Relation)) == 0
