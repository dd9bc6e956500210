"""SQLite's search index merges its segments in the clock, not inside a /met's commit

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07 05:40:00

FTS5 writes one small segment per commit that adds documents, and by default (automerge=4) merges segments
inside some of those commits: measured, that put about 10 ms on /met's p99 with 1,000,000 interactions.
With automerge off, the clock merges instead (storage.search_index.merge_segments, every five minutes); FTS5's
own crisis merge (16 segments on a level) still bounds the index if no clock runs. PostgreSQL: nothing to do
(the GIN index keeps its own pending list).
"""

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

FTS5_DEFAULT_AUTOMERGE = 4


def _set_automerge(value: int) -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"INSERT INTO search_index(search_index, rank) VALUES ('automerge', {value:d})")


def upgrade() -> None:
    _set_automerge(0)


def downgrade() -> None:
    _set_automerge(FTS5_DEFAULT_AUTOMERGE)
