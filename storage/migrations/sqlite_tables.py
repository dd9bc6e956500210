"""Rebuilding a SQLite table in a migration (what ALTER TABLE cannot do: AUTOINCREMENT, a changed constraint).

SQLite changes such things only by copying the table into a new one (Alembic's batch mode: create, copy, drop,
rename). Dropping the old table drops its triggers and every index on it; Alembic puts back the indexes it can
reflect, and not an expression index (ix_relations_team_organisation). rebuild() therefore refuses a table that
has triggers (drop them first, on purpose, and say in the revision what replaces them), and re-creates, from the
SQL SQLite kept of them, the indexes that the copy lost. See docs/migrations.md.

Revisions call this; its behaviour must never change once a revision on main uses it (write a new function).
"""

from __future__ import annotations

import warnings

from alembic import op


def rebuild(table: str, **table_kwargs) -> None:
    """Copy `table` into a new one made with `table_kwargs` (e.g. sqlite_autoincrement=True), keeping its rows,
    constraints and every index. Run with foreign keys off (storage/migrations/env.py does)."""
    connection = op.get_bind()
    triggers = (
        connection.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?", (table,))
        .scalars()
        .all()
    )
    if triggers:
        raise RuntimeError(f"{table} has triggers {triggers}: a rebuild would drop them; drop them first, on purpose")
    indexes = dict(
        connection.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL", (table,)
        ).all()
    )
    with warnings.catch_warnings():  # (the expression index it cannot reflect is put back below)
        warnings.filterwarnings("ignore", message=".*expression-based index")
        with op.batch_alter_table(table, recreate="always", table_kwargs=table_kwargs):
            pass
    kept = set(
        connection.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?", (table,)
        ).scalars()
    )
    for name, sql in indexes.items():
        if name not in kept:
            connection.exec_driver_sql(sql)
