"""relations keep their warmth on their last contact

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-06 21:10:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# Σ weight(kind) · 100 · 0.5 ^ ((last contact − day) / cadence) over each relation's interactions, as
# storage.relations keeps it from now on (bot.domain.warmth). Written out here so that this step stays what it
# was when the code around it changes.
_WEIGHT = (
    "CASE lower(i.kind) WHEN 'meeting' THEN 1.0 WHEN 'event' THEN 1.0 WHEN 'call' THEN 0.7 "
    "WHEN 'message' THEN 0.4 ELSE 1.0 END"
)
_DAYS = {
    "sqlite": "(julianday(relations.last_contact_on) - julianday(i.occurred_on))",
    "postgresql": "CAST(relations.last_contact_on - i.occurred_on AS DOUBLE PRECISION)",
}


def upgrade() -> None:
    op.add_column("relations", sa.Column("warmth_at_last", sa.Float(), server_default=sa.text("0"), nullable=False))
    days = _DAYS[op.get_bind().dialect.name]
    op.execute(
        "UPDATE relations SET warmth_at_last = coalesce((SELECT sum("
        f"{_WEIGHT} * 100 * power(0.5, {days} / relations.cadence_days)) "
        "FROM interactions i WHERE i.relation_id = relations.id), 0) "
        "WHERE last_contact_on IS NOT NULL"
    )


def downgrade() -> None:
    # Plain ALTER TABLE (SQLite 3.35+ too): a batch copy of the table would drop its triggers.
    op.execute("ALTER TABLE relations DROP COLUMN warmth_at_last")
