"""INSERT … ON CONFLICT DO NOTHING on SQLite and PostgreSQL: how claims and de-duplication are made atomic."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, Insert, Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from storage.models import ProcessedEvent


def ignoring_conflicts(session: Session | Connection, table: Table) -> Insert:
    """INSERT … ON CONFLICT DO NOTHING into the table, for the session's (or connection's) database: add
    .values(), or execute it with rows. Built once per database kind and table (building a statement costs more
    than running it)."""
    dialect = session.dialect if isinstance(session, Connection) else session.get_bind().dialect
    return _ignoring_conflicts(dialect.name == "sqlite", table)


@lru_cache(maxsize=64)
def _ignoring_conflicts(on_sqlite: bool, table: Table) -> Insert:
    return (sqlite if on_sqlite else postgresql).insert(table).on_conflict_do_nothing()


def insert_ignoring_conflicts(session: Session | Connection, table: Table, values: dict) -> bool:
    """Insert the row unless a unique key already holds it; True if this call inserted it. The values are
    parameters of a statement built once per database kind and table."""
    dialect = session.dialect if isinstance(session, Connection) else session.get_bind().dialect
    return session.execute(_inserted_key(dialect.name == "sqlite", table), values).first() is not None


@lru_cache(maxsize=64)
def _inserted_key(on_sqlite: bool, table: Table) -> Insert:
    # RETURNING, not rowcount: through psycopg the row count of INSERT … ON CONFLICT read 0 for a new row.
    return _ignoring_conflicts(on_sqlite, table).returning(list(table.primary_key.columns)[0])


def upsert(
    session: Session,
    table: Table,
    rows: Sequence[dict],
    *,
    update: Sequence[str],
    also: Callable[[Any], dict] | None = None,
) -> None:
    """INSERT these rows, or, where one with the same primary key is there, set its `update` columns from them
    (and what `also(excluded)` computes from the row there and the new one): one statement, INSERT … ON CONFLICT
    DO UPDATE, so two sessions writing the same row at once both succeed."""
    if not rows:
        return
    dialect = sqlite if session.get_bind().dialect.name == "sqlite" else postgresql
    statement = dialect.insert(table)
    values = {column: statement.excluded[column] for column in update}
    if also is not None:
        values.update(also(statement.excluded))
    statement = statement.on_conflict_do_update(index_elements=list(table.primary_key.columns), set_=values)
    session.connection().execute(statement, list(rows))


def first_time(session: Session, team_id: str, event_id: str) -> bool:
    """Record a Slack event id; False if it was already processed (Slack redelivers what it thinks failed)."""

    return insert_ignoring_conflicts(session, ProcessedEvent.__table__, {"team_id": team_id, "event_id": event_id})
