"""Engines and sessions: SQLite in WAL mode with a busy timeout, PostgreSQL through psycopg 3 with pre-ping."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

SessionFactory = Callable[[], Session]
log = logging.getLogger("goodwill.db")

CONNECT_TIMEOUT = 2  # seconds (libpq's smallest useful value)
POOL_TIMEOUT = 2.0  # seconds


def normalise_url(url: str) -> str:
    """Accept the URLs hosting platforms hand out (postgres://…) and use psycopg 3 for PostgreSQL."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url.removeprefix("postgres://")
    parsed = make_url(url)
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def make_engine(url: str, **kwargs) -> Engine:
    url = normalise_url(url)
    if url.startswith("sqlite"):
        # Last in, first out: a request gets the connection the previous one used, whose page cache still holds
        # the pages it read (a connection's cache is dropped whenever another connection has written since).
        engine = create_engine(
            url, connect_args={"timeout": 15, "check_same_thread": False}, pool_use_lifo=True, **kwargs
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    # A database that is away must not hold a request past Slack's 3 seconds (bot/outage.py answers it politely):
    # connecting gives up after 2 s, and so does waiting for a connection from a pool that has none to give.
    # pool_pre_ping replaces connections that died with a restarted server, so service resumes by itself.
    options = dict(pool_pre_ping=True, pool_size=5, max_overflow=10, pool_timeout=POOL_TIMEOUT)
    options["connect_args"] = {"connect_timeout": CONNECT_TIMEOUT, **kwargs.pop("connect_args", {})}
    return create_engine(url, **{**options, **kwargs})


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=15000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def checkpoint_in_background(engine: Engine, every: float = 1.0) -> threading.Thread | None:
    """SQLite: copy the write-ahead log into the database from a thread of its own, every `every` seconds,
    instead of inside whichever commit crosses SQLite's 1,000-page mark (that commit would wait for the
    copy and its fsync: tens of milliseconds). A serving process calls this once; the pool's connections
    are reopened without the automatic checkpoint. PostgreSQL needs nothing of the kind: returns None."""
    if engine.dialect.name != "sqlite":
        return None
    event.listen(engine, "connect", _no_automatic_checkpoint)
    engine.dispose()

    def checkpoints() -> None:
        while True:
            time.sleep(every)
            try:
                with engine.connect() as connection:
                    connection.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")
            except Exception:  # a busy or vanished database: try again next time
                log.debug("background checkpoint failed", exc_info=True)

    thread = threading.Thread(target=checkpoints, name="sqlite-checkpoint", daemon=True)
    thread.start()
    return thread


def _no_automatic_checkpoint(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA wal_autocheckpoint=0")
    cursor.close()


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def transaction(sessions: SessionFactory) -> Iterator[Session]:
    """A session whose work is committed on success and rolled back on error."""
    with sessions() as session, session.begin():
        yield session


def database_answers(engine: Engine) -> bool:
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        return True
    except Exception:
        return False
