"""search what was discussed: a document per interaction, indexed by each database's full-text engine

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07 10:00:00

SQLite: an FTS5 table `search_index` with external content `search_documents` (the terms are stored once), kept
in step by triggers. PostgreSQL: the terms as a tsvector (a stored generated column `document`) and a GIN index
on it.
The documents of the interactions already recorded are computed by the app's own rule (bot.domain.search), as
searches will be: this step uses today's rule, and a later change of the rule needs a migration that refills.
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# The FTS5 table indexes the terms stored in search_documents (content=, content_rowid=): it holds no copy.
# ascii: the terms are folded already; every byte that is not ASCII punctuation or space is part of a term.
# detail=column: enough for column filters (a private note is found only by its author), no positions;
# columnsize=0: no document lengths, which only ranking by relevance needs (results come newest first).
FTS5_TABLE = (
    "CREATE VIRTUAL TABLE search_index USING fts5(team_id, public_terms, private_terms, author, "
    "content='search_documents', content_rowid='key', tokenize='ascii', detail='column', columnsize=0)"
)
_COLUMNS = "team_id, public_terms, private_terms, author"
FTS5_TRIGGERS = (
    f"""CREATE TRIGGER search_documents_indexed AFTER INSERT ON search_documents BEGIN
        INSERT INTO search_index(rowid, {_COLUMNS})
        VALUES (new.key, new.team_id, new.public_terms, new.private_terms, new.author);
    END""",
    f"""CREATE TRIGGER search_documents_unindexed AFTER DELETE ON search_documents BEGIN
        INSERT INTO search_index(search_index, rowid, {_COLUMNS})
        VALUES ('delete', old.key, old.team_id, old.public_terms, old.private_terms, old.author);
    END""",
    f"""CREATE TRIGGER search_documents_reindexed AFTER UPDATE ON search_documents BEGIN
        INSERT INTO search_index(search_index, rowid, {_COLUMNS})
        VALUES ('delete', old.key, old.team_id, old.public_terms, old.private_terms, old.author);
        INSERT INTO search_index(rowid, {_COLUMNS})
        VALUES (new.key, new.team_id, new.public_terms, new.private_terms, new.author);
    END""",
)
TRIGGER_NAMES = ("search_documents_indexed", "search_documents_unindexed", "search_documents_reindexed")
# PostgreSQL keeps the terms as a tsvector too, in a stored generated column (computed on every insert, never
# written by the app), and indexes that: a search that walks the newest documents first checks each one's
# tsvector as stored instead of building it from the text (nine times quicker, measured). array_to_tsvector
# takes the terms as they are: no parser, no dictionary.
POSTGRESQL_COLUMN = (
    "ALTER TABLE search_documents ADD COLUMN document tsvector GENERATED ALWAYS AS ("
    "array_to_tsvector(array_cat(string_to_array(public_terms, ' '), string_to_array(private_terms, ' ')))"
    ") STORED"
)
POSTGRESQL_INDEX = "CREATE INDEX ix_search_documents_terms ON search_documents USING gin (document)"


def upgrade() -> None:
    op.create_table(
        "search_documents",
        sa.Column("key", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=False, nullable=False),
        sa.Column("interaction_id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("relation_id", sa.Integer(), nullable=False),
        sa.Column("public_terms", sa.Text(), nullable=False),
        sa.Column("private_terms", sa.Text(), nullable=False),
        sa.Column("author", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["interaction_id"],
            ["interactions.id"],
            name=op.f("fk_search_documents_interaction_id_interactions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_search_documents")),
        sa.UniqueConstraint("interaction_id", name=op.f("uq_search_documents_interaction_id")),
    )
    op.create_index(op.f("ix_search_documents_relation_id"), "search_documents", ["relation_id"])
    op.create_index("ix_search_documents_team_key", "search_documents", ["team_id", "key"])

    build(op.get_bind())


def build(connection: sa.Connection) -> None:
    """Index every interaction: the documents first, then the full-text index over them in one go (quicker than
    growing it row by row). Also what the benchmarks time as "building the index" (bench/search_bench.py)."""
    from storage.search_index import fill

    fill(connection)
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql(FTS5_TABLE)
        connection.exec_driver_sql("INSERT INTO search_index(search_index) VALUES ('rebuild')")
        for trigger in FTS5_TRIGGERS:
            connection.exec_driver_sql(trigger)
    else:
        connection.exec_driver_sql(POSTGRESQL_COLUMN)
        connection.exec_driver_sql(POSTGRESQL_INDEX)
        # How common each term is, for the planner to choose between the GIN index and the newest first.
        connection.exec_driver_sql("ANALYZE search_documents")


def unbuild(connection: sa.Connection) -> None:
    """The full-text index and the documents gone, the table left (the benchmarks' way back to before build)."""
    if connection.dialect.name == "sqlite":
        for name in TRIGGER_NAMES:
            connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
        connection.exec_driver_sql("DROP TABLE IF EXISTS search_index")
    else:
        connection.exec_driver_sql("DROP INDEX IF EXISTS ix_search_documents_terms")
        connection.exec_driver_sql("ALTER TABLE search_documents DROP COLUMN IF EXISTS document")
    connection.exec_driver_sql("DELETE FROM search_documents")


def downgrade() -> None:
    unbuild(op.get_bind())
    op.drop_table("search_documents")  # with its indexes
