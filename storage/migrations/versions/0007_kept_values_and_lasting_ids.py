"""kept values without triggers; ids that are never used twice

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-10 10:00:00

1. The database triggers of 0001 (KEPT_COPY_TRIGGERS: relation_themes' copies of its relation's archived and
   last_contact_on, interaction_colleagues' copy of its interaction's day) are dropped: storage.history keeps
   these copies now, like every other kept value, from the one list in storage.derived (docs/derived-values.md).
2. SQLite: the tables whose ids appear in buttons are rebuilt with AUTOINCREMENT, so that an id is never given
   again after its row was deleted (a stale "Forget for good" must not erase someone created later). PostgreSQL's
   sequences never give an id twice already.
"""

import importlib

from alembic import op

from storage.migrations.sqlite_tables import rebuild

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

LASTING_IDS = ("goals", "themes", "relations", "network_events", "interactions", "invitations")


def _foundation():
    return importlib.import_module("storage.migrations.versions.0001_foundation_schema")


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    for statement in _foundation().DROP_KEPT_COPY_TRIGGERS[dialect]:
        op.execute(statement)
    if dialect == "sqlite":
        for table in LASTING_IDS:
            rebuild(table, sqlite_autoincrement=True)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for table in LASTING_IDS:
            rebuild(table)
    for statement in _foundation().KEPT_COPY_TRIGGERS[dialect]:
        op.execute(statement)
