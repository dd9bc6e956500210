"""Many rows into one table at once: COPY on PostgreSQL, executemany on SQLite.

psycopg 3 sends an executemany as one INSERT per row, and a multi-row VALUES statement is parsed and planned
every time; COPY streams the rows in one command, in the session's transaction (an import of 50,000
relations writes some 850,000 name-token rows).
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Table, func, insert, select
from sqlalchemy.orm import Session


def insert_rows(session: Session, table: Table, rows: Sequence[dict]) -> None:
    """INSERT these rows (dicts with the same keys; omitted columns take their server defaults)."""
    if not rows:
        return
    connection = session.connection()
    if connection.dialect.name != "postgresql":
        connection.execute(insert(table), list(rows))
        return
    columns = list(rows[0])
    quote = connection.dialect.identifier_preparer.quote
    command = f"COPY {quote(table.name)} ({', '.join(quote(c) for c in columns)}) FROM STDIN"
    cursor = connection.connection.driver_connection.cursor()
    try:
        with cursor.copy(command) as copy:
            for row in rows:
                copy.write_row([row[c] for c in columns])
    finally:
        cursor.close()


def insert_rows_returning_ids(session: Session, table: Table, rows: Sequence[dict]) -> list[int]:
    """insert_rows for a table with an integer `id` column; returns the new ids in the order of `rows`."""
    if not rows:
        return []
    connection = session.connection()
    if connection.dialect.name != "postgresql":
        statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
        return list(connection.scalars(statement, list(rows)))
    # Take the ids from the table's sequence first, so the rows can be copied with them.
    sequence = func.pg_get_serial_sequence(table.name, "id")
    numbers = func.generate_series(1, len(rows))
    ids = list(connection.scalars(select(func.nextval(sequence)).select_from(numbers)))
    insert_rows(session, table, [{"id": new_id, **row} for new_id, row in zip(ids, rows, strict=True)])
    return ids
