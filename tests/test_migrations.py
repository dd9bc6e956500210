"""The schema the migrations build is the one the models describe, on SQLite and on PostgreSQL.

Alembic compares tables, columns and their types, indexes, unique and foreign keys; SQLite cannot reflect
expression indexes (ix_relations_team_organisation), so those are compared on PostgreSQL only."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from storage.models import Base


@pytest.mark.filterwarnings("ignore:.*expression-based index")
def test_the_migrated_schema_matches_the_models(db):
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    assert differences == []
