"""Alembic, driven from code: `goodwill db upgrade`, and on start of `serve` and `clock`.

Several processes may start at once (web processes, clocks, a release step): upgrade() takes a lock first, so
one migrates and the others wait, then find the schema current. On PostgreSQL the lock is an advisory lock
(held by a connection of its own; released when that connection closes, even if the process dies); on SQLite,
whose database is a file on this machine, an exclusive lock on a file next to it.
"""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, text

MIGRATIONS = Path(__file__).parent / "migrations"
# pg_advisory_lock's key for Goodwill's migrations ("goodwill" in ASCII, as a 64-bit number).
MIGRATION_LOCK = int.from_bytes(b"goodwill", "big")


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    with migration_lock(engine):
        command.upgrade(alembic_config(engine), revision)


@contextmanager
def migration_lock(engine: Engine) -> Iterator[None]:
    """One migrating process at a time, whichever database."""
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": MIGRATION_LOCK})
            connection.commit()  # nothing held but the lock while another connection migrates
            try:
                yield
            finally:
                connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": MIGRATION_LOCK})
                connection.commit()
        return
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        yield
        return
    with open(f"{database}.migrate-lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def current_revision(engine: Engine) -> str | None:

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()
