"""Fixtures: the Slack stand-in, databases (SQLite and PostgreSQL), and Goodwill running over real HTTP.

PostgreSQL tests run when GOODWILL_TEST_POSTGRES_URL is set (e.g. postgresql://postgres@127.0.0.1:5432/test);
each test session creates its own database on that server and drops it afterwards, so runs never collide.
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

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from bot.app import build_app
from bot.deps import Deps, make_web_client
from bot.settings import Settings
from bot.web import make_wsgi_app
from storage.db import make_engine, make_session_factory, normalise_url
from storage.migrate import upgrade
from storage.models import Base
from tests.support.slack_requests import SIGNING_SECRET, SlackSender
from tests.support.slack_standin import CLIENT_ID, CLIENT_SECRET, TEAM_ID, SlackStandIn

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


@pytest.fixture
def clock() -> Clock:
    return Clock(DEFAULT_NOW)


# --- the Slack stand-in ----------------------------------------------------------------------------
@pytest.fixture(scope="session")
def _standin_server() -> Iterator[SlackStandIn]:
    standin = SlackStandIn().start()
    yield standin
    standin.stop()


@pytest.fixture
def slack(_standin_server: SlackStandIn) -> SlackStandIn:
    _standin_server.reset()
    _standin_server.add_user("U0ANNA", "Anna de Boer", locale="en-GB")
    # Bram is Dutch, but Slack has no Dutch interface: his Slack speaks English. He chose Dutch in Goodwill
    # (see chooses_language; tests/handlers/test_language.py makes that choice through Slack).
    _standin_server.add_user("U0BRAM", "Bram Jansen", locale="en-GB")
    return _standin_server


def chooses_language(sessions, user_id: str, language: str | None, team_id: str = TEAM_ID) -> None:
    """The member's choice as `/goodwill language nl|en` stores it."""
    from storage.members import choose_language
    from storage.workspaces import ensure_workspace

    with sessions() as session, session.begin():
        ensure_workspace(session, team_id)
        choose_language(session, team_id, user_id, language)


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


def _postgres_admin_url() -> str | None:
    return os.environ.get(POSTGRES_ENV) or None


@pytest.fixture(scope="session")
def _sqlite_database(tmp_path_factory) -> Iterator[Database]:
    url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'goodwill.db'}"
    engine = make_engine(url)
    upgrade(engine)
    yield Database(url, engine, make_session_factory(engine))
    engine.dispose()


@pytest.fixture(scope="session")
def _postgresql_database() -> Iterator[Database]:
    admin_url = _postgres_admin_url()
    if admin_url is None:
        pytest.skip(f"{POSTGRES_ENV} is not set")
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


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request) -> Database:
    """A clean, migrated database; every test using it runs on SQLite and on PostgreSQL."""
    database = request.getfixturevalue(f"_{request.param}_database")
    database.clear()
    return database


# --- Goodwill, running ---------------------------------------------------------------------------
class _ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
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
        server_class=_ThreadingWSGIServer,
        handler_class=_QuietHandler,
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


@pytest.fixture
def goodwill(db: Database, slack: SlackStandIn, clock: Clock) -> Iterator[RunningApp]:
    """Goodwill for one workspace: SLACK_BOT_TOKEN."""
    with serving(db, slack, clock, make_settings(db.url, slack)) as running:
        chooses_language(db.sessions, "U0BRAM", "nl")  # Bram, our Dutch colleague, reads Goodwill in Dutch
        yield running


def distributed_settings(database_url: str, standin: SlackStandIn, **overrides) -> Settings:
    """Many workspaces through Add to Slack: client id and secret, no bot token."""
    values = dict(slack_bot_token=None, slack_client_id=CLIENT_ID, slack_client_secret=CLIENT_SECRET)
    values.update(overrides)
    return make_settings(database_url, standin, **values)


@pytest.fixture
def distributed(db: Database, slack: SlackStandIn, clock: Clock) -> Iterator[RunningApp]:
    """Goodwill for many workspaces, installed through Add to Slack (tests/support/install.py installs them)."""
    with serving(db, slack, clock, distributed_settings(db.url, slack)) as running:
        yield running
