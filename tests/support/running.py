"""Goodwill running for a test: a clock the test controls, a migrated database (SQLite or PostgreSQL), and the
real app served over HTTP on a free port, talking to the Slack stand-in. tests/conftest.py makes fixtures of
these; a test that needs its own variant (other settings, a broken database) builds it from the same parts.
"""

from __future__ import annotations

import os
import threading
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from bot.app import build_app
from bot.deps import Deps, make_web_client
from bot.nudges import run_daily_nudge
from bot.settings import Settings
from bot.web import make_wsgi_app
from storage.db import make_engine, make_session_factory, normalise_url
from storage.migrate import upgrade
from storage.models import Base
from tests.support.slack_requests import SIGNING_SECRET, SlackSender
from tests.support.slack_standin import CLIENT_ID, CLIENT_SECRET, SlackStandIn

POSTGRES_ENV = "GOODWILL_TEST_POSTGRES_URL"
BOT_TOKEN = "xoxb-goodwill-test"


# --- time ----------------------------------------------------------------------------------------
class Clock:
    """A clock the test controls; always aware UTC."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def set(self, moment: datetime) -> None:
        self.now = moment.astimezone(UTC)

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


# Thursday 26 November 2026, 10:00 in Amsterdam.
DEFAULT_NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


# --- databases -------------------------------------------------------------------------------------
@dataclass
class Database:
    url: str
    engine: Engine
    sessions: sessionmaker[Session]

    @property
    def backend(self) -> str:
        return self.engine.dialect.name

    def clear(self) -> None:
        tables = [table.name for table in reversed(Base.metadata.sorted_tables)]
        with self.engine.begin() as connection:
            if self.backend == "postgresql":
                connection.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
            else:
                for table in tables:
                    connection.execute(text(f"DELETE FROM {table}"))
                connection.execute(text("DELETE FROM sqlite_sequence"))  # ids from 1 again (AUTOINCREMENT tables)


def postgres_admin_url() -> str | None:
    """The PostgreSQL server the PostgreSQL half of the suite runs on (None: that half is skipped)."""
    return os.environ.get(POSTGRES_ENV) or None


@contextmanager
def sqlite_database(path) -> Iterator[Database]:
    """A migrated SQLite database in the file `path`."""
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    upgrade(engine)
    yield Database(url, engine, make_session_factory(engine))
    engine.dispose()


@contextmanager
def postgresql_database(admin_url: str) -> Iterator[Database]:
    """A migrated database of its own on the server at `admin_url`, dropped afterwards (runs never collide)."""
    name = f"goodwill_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(normalise_url(admin_url), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(normalise_url(admin_url)).set(database=name).render_as_string(hide_password=False)
    engine = make_engine(url)
    upgrade(engine)
    try:
        yield Database(url, engine, make_session_factory(engine))
    finally:
        engine.dispose()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


# --- Goodwill, running ---------------------------------------------------------------------------
class ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args) -> None:
        pass


@dataclass
class RunningApp:
    """Goodwill served over HTTP on a free port, talking to the stand-in, with a controlled clock."""

    url: str
    deps: Deps
    slack: SlackStandIn
    sender: SlackSender
    db: Database
    clock: Clock

    def settle(self) -> None:
        """Wait until the work after the ack queued so far has run (follow-ups, lazy listeners, and what they
        queue in turn): each worker of the first-in-first-out pool takes one barrier task only once everything
        queued before it has run; the second round covers work queued by the first."""
        pool = self.deps.after_ack
        for _ in range(2):
            barrier = threading.Barrier(pool._max_workers + 1)
            for _ in range(pool._max_workers):
                pool.submit(barrier.wait, 10)
            barrier.wait(10)

    def __getattr__(self, name: str):
        # command(), block_action(), view_submission(), message_action(), event() … from the sender.
        return getattr(self.sender, name)


def make_settings(database_url: str, standin: SlackStandIn, **overrides) -> Settings:
    values = dict(
        database_url=database_url,
        slack_bot_token=BOT_TOKEN,
        slack_signing_secret=SIGNING_SECRET,
        slack_api_url=standin.api_url,
        port=0,
        messages_per_second=1000.0,  # pacing has tests of its own; stories need not wait for it
    )
    values.update(overrides)
    return Settings(**values)


def distributed_settings(database_url: str, standin: SlackStandIn, **overrides) -> Settings:
    """Many workspaces through Add to Slack: client id and secret, no bot token."""
    values = dict(slack_bot_token=None, slack_client_id=CLIENT_ID, slack_client_secret=CLIENT_SECRET)
    values.update(overrides)
    return make_settings(database_url, standin, **values)


def make_deps(db: Database, settings: Settings, clock: Clock, after_ack: ThreadPoolExecutor) -> Deps:
    """The app's dependencies on the test database, the stand-in (through settings) and the test's clock."""
    return Deps(
        settings=settings,
        engine=db.engine,
        sessions=db.sessions,
        clock=clock,
        base_client=make_web_client(settings),
        after_ack=after_ack,
    )


@contextmanager
def serving(db: Database, slack: SlackStandIn, clock: Clock, settings: Settings) -> Iterator[RunningApp]:
    """Goodwill built from `settings` on the test database, served over HTTP on a free port."""
    lazies = ThreadPoolExecutor(max_workers=8, thread_name_prefix="lazy")
    deps = make_deps(db, settings, clock, lazies)
    app = build_app(deps)
    server = make_server(
        "127.0.0.1",
        0,
        make_wsgi_app(app, db.engine, deps.settings),
        server_class=ThreadingWSGIServer,
        handler_class=QuietHandler,
    )
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    slack.calls.clear()  # auth.test at start-up is not part of any story
    try:
        yield RunningApp(url, deps, slack, SlackSender(url, slack), db, clock)
    finally:
        server.shutdown()
        server.server_close()
        # Work after the ack (follow-ups, lazy listeners) finishes before the next test clears the database.
        lazies.shutdown(wait=True)


def run_clock(goodwill: RunningApp):
    """The clock's nudge job, at the test clock's now."""
    return run_daily_nudge(goodwill.deps, goodwill.clock())
