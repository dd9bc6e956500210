"""Fixtures: the Slack stand-in, databases (SQLite and PostgreSQL), and Goodwill running over real HTTP.

The parts live in tests/support (running.py, slack_standin.py, seed.py); here they become fixtures.
PostgreSQL tests run when GOODWILL_TEST_POSTGRES_URL is set (e.g. postgresql://postgres@127.0.0.1:5432/test);
each test session creates its own database on that server and drops it afterwards, so runs never collide.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.running import (
    DEFAULT_NOW,
    POSTGRES_ENV,
    Clock,
    Database,
    RunningApp,
    distributed_settings,
    make_settings,
    postgres_admin_url,
    postgresql_database,
    serving,
    sqlite_database,
)
from tests.support.seed import chooses_language
from tests.support.slack_standin import SlackStandIn


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


# --- databases -------------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def _sqlite_database(tmp_path_factory) -> Iterator[Database]:
    with sqlite_database(tmp_path_factory.mktemp("db") / "goodwill.db") as database:
        yield database


@pytest.fixture(scope="session")
def _postgresql_database() -> Iterator[Database]:
    admin_url = postgres_admin_url()
    if admin_url is None:
        pytest.skip(f"{POSTGRES_ENV} is not set")
    with postgresql_database(admin_url) as database:
        yield database


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request) -> Database:
    """A clean, migrated database; every test using it runs on SQLite and on PostgreSQL."""
    database = request.getfixturevalue(f"_{request.param}_database")
    database.clear()
    return database


# --- Goodwill, running ---------------------------------------------------------------------------
@pytest.fixture
def goodwill(db: Database, slack: SlackStandIn, clock: Clock) -> Iterator[RunningApp]:
    """Goodwill for one workspace: SLACK_BOT_TOKEN."""
    with serving(db, slack, clock, make_settings(db.url, slack)) as running:
        chooses_language(db.sessions, "U0BRAM", "nl")  # Bram, our Dutch colleague, reads Goodwill in Dutch
        yield running


@pytest.fixture
def distributed(db: Database, slack: SlackStandIn, clock: Clock) -> Iterator[RunningApp]:
    """Goodwill for many workspaces, installed through Add to Slack (tests/support/install.py installs them)."""
    with serving(db, slack, clock, distributed_settings(db.url, slack)) as running:
        yield running
