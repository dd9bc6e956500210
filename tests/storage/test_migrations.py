"""The schema the migrations build is the one the models describe, on SQLite and on PostgreSQL.

Alembic compares tables, columns and their types, indexes, unique and foreign keys; SQLite cannot reflect
expression indexes (ix_relations_team_organisation), so those are compared on PostgreSQL only."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import MetaData, select, text

from bot.domain.names import index_keys, normalise_name
from storage import history
from storage.migrate import MIGRATIONS, alembic_config, upgrade
from storage.models import Base, Relation
from tests.support.derived_truth import assert_kept_values_true
from tests.support.seed import build_known_network

# Made by migration 0006 and not described by the models, because SQLAlchemy cannot do it portably: SQLite's FTS5
# virtual table over search_documents and the shadow tables FTS5 keeps its index in (its triggers are not compared
# either), and PostgreSQL's tsvector of the search terms (search_documents.document, a generated column that
# exists on PostgreSQL only) with its GIN index. Each is tested by what it does instead (tests/handlers/test_search.py:
# searches on both databases, and that PostgreSQL's go through the GIN index).
FULL_TEXT_INDEX = {
    "table": {f"search_index{shadow}" for shadow in ("", "_data", "_idx", "_docsize", "_config", "_content")},
    "index": {"ix_search_documents_terms"},
    "column": {"document"},
}


def _described_by_the_models(name, kind, parent) -> bool:
    if kind == "column" and parent.get("table_name") != "search_documents":
        return True
    return name not in FULL_TEXT_INDEX.get(kind, ())


@pytest.mark.filterwarnings("ignore:.*expression-based index")
def test_the_migrated_schema_matches_the_models(db):
    with db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_name": _described_by_the_models}
        )
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_upgrading_to_kept_relation_warmth_fills_it_in_from_each_relations_history(db):
    """Migration 0002 adds relations.warmth_at_last to a database that has a history: the value it computes is
    the one the app keeps (storage.warmth)."""

    build_known_network(db.sessions)

    def kept() -> dict[int, float]:
        with db.engine.connect() as connection:
            return dict(connection.execute(select(Relation.id, Relation.warmth_at_last)).all())

    by_the_app = kept()
    command.downgrade(alembic_config(db.engine), "0001")
    upgrade(db.engine)
    assert kept() == pytest.approx(by_the_app, rel=1e-9)
    assert sorted(by_the_app.values())[-1] > 0 and 0.0 in by_the_app.values()  # met relations, and one never met


# --- every earlier revision, with data in it, upgrades to head ---------------------------------------------------
DAY, AT = date(2026, 10, 1), datetime(2026, 10, 1, 9, tzinfo=UTC)
# A small workspace as it could stand at revision 0001: only columns 0001 has (a later revision's new columns must
# have a default, or a value added here: the test says which table lacks one).
SEED: dict[str, list[dict]] = {
    "workspaces": [{"team_id": "T0OLD", "name": "Oud", "languages": "en,nl", "default_locale": "nl",
                    "timezone": "Europe/Amsterdam", "nudge_time": "09:00", "digest_weekday": 0,
                    "digest_time": "09:00"}],
    "members": [
        {"team_id": "T0OLD", "user_id": user, "name": user, "real_name": user, "is_admin": False, "is_lead": False,
         "is_bot": False, "deleted": False}
        for user in ("U0ANNA", "U0BRAM")
    ],
    "goals": [{"id": 1, "team_id": "T0OLD", "name": "Wonen", "position": 0}],
    "themes": [{"id": 1, "team_id": "T0OLD", "name": "wonen", "goal_id": 1},
               {"id": 2, "team_id": "T0OLD", "name": "zorg", "goal_id": None}],
    "relations": [
        {"id": n, "team_id": "T0OLD", "name": name, "name_key": normalise_name(name), "organisation": "Gemeente",
         "owner_id": "U0ANNA", "tier": tier, "cadence_days": cadence, "notes": "", "archived": archived,
         "created_by": "U0ANNA", "created_on": date(2026, 1, 1), "last_contact_on": last, "last_contact_by": by,
         "last_interaction_id": n if last else None, "due_on": date(2026, 12, 1)}
        for n, name, tier, cadence, archived, last, by in (
            (1, "Jan de Vries", "key", 30, False, DAY, "U0ANNA"),
            (2, "Fatima El Amrani", "regular", 90, True, DAY, "U0BRAM"),
            (3, "Piet Bakker", "wider", 180, False, None, None),
        )
    ],
    "relation_name_tokens": [
        {"team_id": "T0OLD", "token": token, "relation_id": n, "variant": variant}
        for n, name in ((1, "Jan de Vries"), (2, "Fatima El Amrani"), (3, "Piet Bakker"))
        for token, variant in index_keys(name)
    ],
    "relation_themes": [{"relation_id": 1, "theme_id": 1}, {"relation_id": 2, "theme_id": 2}],
    "network_events": [{"id": 1, "team_id": "T0OLD", "name": "Borrel", "starts_at": AT, "place": "",
                        "timezone": "Europe/Amsterdam", "goal_id": 1, "created_by": "U0BRAM", "cancelled": False}],
    "interactions": [
        {"id": n, "team_id": "T0OLD", "relation_id": n, "occurred_on": DAY, "logged_by": by, "kind": kind,
         "notes": "koffie", "gave": gave, "got": None, "private": False, "event_id": event, "relation_tier": tier,
         "exchange": 1 if gave else 0, "colleagues_present": present}
        for n, by, kind, gave, event, tier, present in (
            (1, "U0ANNA", "meeting", "advies", None, "key", 1),
            (2, "U0BRAM", "event", None, 1, "regular", 0),
        )
    ],
    "interaction_colleagues": [{"interaction_id": 1, "user_id": "U0BRAM", "position": 0}],
    "interaction_themes": [{"interaction_id": 1, "theme_id": 1, "occurred_on": DAY}],
    "member_ties": [{"relation_id": 1, "user_id": u, "last_met_on": DAY, "warmth_at_last": 100.0}
                    for u in ("U0ANNA", "U0BRAM")],
    "invitations": [{"id": 1, "event_id": 1, "relation_id": 2, "owner_id": "U0ANNA", "status": "attended"}],
    "network_event_organisers": [{"event_id": 1, "user_id": "U0BRAM"}],
    "network_event_themes": [{"event_id": 1, "theme_id": 1}],
    "audit_log": [{"id": 1, "team_id": "T0OLD", "actor": "U0ANNA", "action": "relation.snooze", "at": AT,
                   "detail": {"relation_id": 3}}],
}  # fmt: skip


def _revisions() -> list[str]:
    """Every revision but the head, oldest first."""

    script = ScriptDirectory(str(MIGRATIONS))
    ordered = [r.revision for r in reversed(list(script.walk_revisions()))]
    return ordered[:-1]


def _snapshot(engine, tables) -> dict:
    """Every row of these tables (as reflected at a revision), by the columns they had then."""

    with engine.connect() as connection:
        return {
            name: sorted((tuple(str(v) for v in row) for row in connection.execute(select(*table.columns))), key=str)
            for name, table in tables.items()
        }


@pytest.mark.parametrize("revision", _revisions())
@pytest.mark.filterwarnings("ignore:.*expression-based index")
def test_a_database_at_an_earlier_revision_with_data_in_it_upgrades_to_head(db, revision):
    """Built at `revision`, filled with a small workspace, upgraded: every row is still there as it was, the
    schema is the models', nothing points nowhere, and the app writes to it (ids are never given twice)."""

    command.downgrade(alembic_config(db.engine), "base")
    try:
        _fill_and_upgrade(db, revision)
    finally:
        upgrade(db.engine)  # (head again, whatever happened: the next test's database is this one)


def _fill_and_upgrade(db, revision: str) -> None:

    upgrade(db.engine, revision)
    then = MetaData()
    then.reflect(db.engine)
    with db.engine.begin() as connection:
        for name, rows in SEED.items():
            table = then.tables[name]
            connection.execute(table.insert(), [{k: v for k, v in row.items() if k in table.c} for row in rows])
        if db.backend == "postgresql":
            for name in ("goals", "themes", "relations", "network_events", "interactions", "invitations", "audit_log"):
                connection.execute(text(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), 100)"))
    before = _snapshot(db.engine, {name: then.tables[name] for name in SEED})

    upgrade(db.engine)

    assert _snapshot(db.engine, {name: then.tables[name] for name in SEED}) == before
    with db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_name": _described_by_the_models}
        )
        assert compare_metadata(context, Base.metadata) == []
        if db.backend == "sqlite":
            assert connection.exec_driver_sql("PRAGMA foreign_key_check").all() == []
            # (compare_metadata cannot see SQLite's expression indexes: by name, then)
            there = set(connection.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'index'").scalars())
            assert {index.name for table in Base.metadata.tables.values() for index in table.indexes} <= there
    # The app works on it: everything kept is recomputed from the history as it stands, then kept by the writer;
    # the highest relation, deleted, never gives its id to the next one.
    with db.sessions() as session, session.begin():
        history.refresh_workspace(session, "T0OLD")
        history.delete_relation(session, "T0OLD", 3)
        new = history.create_relation(
            session, team_id="T0OLD", name="Sanne Bos", owner_id="U0ANNA", created_on=date(2026, 11, 1)
        )
        assert new.id > 3
        history.add_interaction(
            session, team_id="T0OLD", relation_id=new.id, occurred_on=date(2026, 11, 2), logged_by="U0BRAM"
        )
        history.change_relation(session, "T0OLD", 1, tier="regular", cadence_days=90)
        assert_kept_values_true(session)
        assert session.scalar(select(Relation.name).where(Relation.id == 2)) == "Fatima El Amrani"
