"""The schema the migrations build is the one the models describe, on SQLite and on PostgreSQL.

Alembic compares tables, columns and their types, indexes, unique and foreign keys; SQLite cannot reflect
expression indexes (ix_relations_team_organisation), so those are compared on PostgreSQL only."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from storage.models import Base

# Made by migration 0006 and not described by the models, because SQLAlchemy cannot do it portably: SQLite's FTS5
# virtual table over search_documents and the shadow tables FTS5 keeps its index in (its triggers are not compared
# either), and PostgreSQL's tsvector of the search terms (search_documents.document, a generated column that
# exists on PostgreSQL only) with its GIN index. Each is tested by what it does instead (tests/test_search.py:
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
    from alembic import command
    from sqlalchemy import select

    from storage.migrate import alembic_config, upgrade
    from storage.models import Relation
    from tests.network_helpers import build_known_network

    build_known_network(db.sessions)

    def kept() -> dict[int, float]:
        with db.engine.connect() as connection:
            return dict(connection.execute(select(Relation.id, Relation.warmth_at_last)).all())

    by_the_app = kept()
    command.downgrade(alembic_config(db.engine), "0001")
    upgrade(db.engine)
    assert kept() == pytest.approx(by_the_app, rel=1e-9)
    assert sorted(by_the_app.values())[-1] > 0 and 0.0 in by_the_app.values()  # met relations, and one never met
