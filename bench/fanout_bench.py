"""The nudge fan-out over many workspaces against Slack's rate limits, on SQLite and PostgreSQL.

    python -m bench.fanout_bench [--backend sqlite|postgresql|both] [--workspaces 200] [--members 50]

200 workspaces installed through Add to Slack (a token each), 50 members each with a quiet relation, all due
at the same minute (09:00 in Amsterdam). One clock run (bot.nudges.nudge_job, as `goodwill clock` calls it)
against a Slack stand-in in a process of its own that enforces a per-workspace limit on chat.postMessage
(LIMIT messages within any second per token: 300 a minute, Slack's "several hundred") and answers 429 with
Retry-After beyond it. Reported: total time, 429s received, messages lost (members without their DM after
the run; must be 0). Twice: at Goodwill's pace (GOODWILL_MESSAGES_PER_SECOND, 4 a second per workspace), and
at twice Slack's limit, to show that Retry-After is honoured when the pace is set too high.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path

from slack_sdk.oauth.installation_store.models.installation import Installation
from sqlalchemy import create_engine, insert, text
from sqlalchemy.engine import make_url

from bot.deps import Deps, make_web_client
from bot.fanout import WORKSPACES_AT_ONCE
from bot.nudges import nudge_job
from bot.settings import Settings
from storage import history
from storage.db import make_engine, make_session_factory, normalise_url
from storage.installations import InstallationStore
from storage.migrate import upgrade
from storage.models import Interaction, Member, Relation
from tests.support.slack_standin import SlackStandIn

POSTGRES_ENV = "GOODWILL_BENCH_POSTGRES_URL"
POSTGRES_DEFAULT = "postgresql://postgres@127.0.0.1:5432/test"
CLIENT_ID = "1111.2222"
LIMIT = 5  # chat.postMessage per token within any one second (300 a minute)
NOW = datetime(2026, 11, 26, 8, 0, 30, tzinfo=UTC)  # Thursday, 09:00:30 in Amsterdam: everyone's nudge is due
LONG_AGO = date(2025, 1, 6)


# --- Slack, elsewhere, with a per-workspace limit ------------------------------------------------------------
def serve_limited_slack(limit: int) -> None:
    """Run the stand-in with the limit until SIGTERM; then print what it saw as one JSON line."""

    slack = SlackStandIn()
    slack.limit_rate(limit, 1.0)
    slack.start()
    print(slack.api_url, flush=True)

    def report(*_args) -> None:
        posted = [c for c in slack.calls if c.method == "chat.postMessage"]
        print(
            json.dumps(
                {
                    "rate_limited": slack.rate_limited,
                    "delivered": len(slack.messages),
                    "recipients": len({channel for channel, _ts in slack.messages}),
                    "attempts": len(posted),
                }
            ),
            flush=True,
        )
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, report)
    while True:
        time.sleep(1)


@contextmanager
def limited_slack(limit: int):
    process = subprocess.Popen(
        [sys.executable, "-c", f"from bench.fanout_bench import serve_limited_slack; serve_limited_slack({limit})"],
        cwd=Path(__file__).parent.parent,
        stdout=subprocess.PIPE,
        text=True,
    )
    seen: dict = {}
    try:
        yield process.stdout.readline().strip(), seen
    finally:
        process.terminate()
        out, _ = process.communicate(timeout=30)
        seen.update(json.loads(out.strip().splitlines()[-1]))


# --- the database ------------------------------------------------------------------------------------------
@contextmanager
def fresh_database(backend: str, postgres_url: str):
    if backend == "sqlite":
        folder = Path(tempfile.mkdtemp(prefix="goodwill-fanout-"))
        yield f"sqlite:///{folder / 'goodwill.db'}"
        return
    name = f"gw_fanout_{uuid.uuid4().hex[:8]}"
    admin = create_engine(normalise_url(postgres_url), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(normalise_url(postgres_url)).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def team(i: int) -> str:
    return f"T{i:05d}"


def seed(url: str, workspaces: int, members: int) -> None:
    """Installed workspaces (through the installation store, as Add to Slack saves them), members known to the
    cache, one relation per member last met long ago; written in bulk, derived values computed as after an
    import (storage.history.refresh_workspace)."""

    engine = make_engine(url)
    upgrade(engine)
    store = InstallationStore(CLIENT_ID, engine, clock=lambda: NOW)
    for i in range(workspaces):
        store.save(
            Installation(
                app_id="A0GOODWILL",
                team_id=team(i),
                team_name=f"Organisatie {i}",
                bot_token=f"xoxb-{team(i)}",
                bot_id=f"B{i:05d}",
                bot_user_id=f"U0BOT{i:05d}",
                user_id="U0ADMIN",
                installed_at=NOW.timestamp(),
            )
        )
    people = [(team(i), f"U{i:05d}{m:03d}") for i in range(workspaces) for m in range(members)]
    with engine.begin() as connection:
        connection.execute(
            insert(Member),
            [
                {
                    "team_id": t,
                    "user_id": u,
                    "name": u,
                    "real_name": f"Lid {u}",
                    "tz": "Europe/Amsterdam",
                    "locale": "nl-NL",
                    "fetched_at": NOW,
                }
                for t, u in people
            ],
        )
        connection.execute(
            insert(Relation),
            [
                {
                    "id": n + 1,
                    "team_id": t,
                    "name": f"Relatie {u}",
                    "name_key": f"relatie {u.lower()}",
                    "owner_id": u,
                    "tier": "regular",
                    "cadence_days": 90,
                    "notes": "",
                    "archived": False,
                    "created_by": u,
                    "created_on": LONG_AGO,
                    "due_on": LONG_AGO,
                }
                for n, (t, u) in enumerate(people)
            ],
        )
        connection.execute(
            insert(Interaction),
            [
                {
                    "id": n + 1,
                    "team_id": t,
                    "relation_id": n + 1,
                    "occurred_on": LONG_AGO,
                    "logged_by": u,
                    "notes": "koffie",
                    "private": False,
                }
                for n, (t, u) in enumerate(people)
            ],
        )
        if engine.dialect.name == "postgresql":
            for table in ("relations", "interactions"):
                connection.execute(
                    text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
                )
    with make_session_factory(engine)() as session, session.begin():
        for i in range(workspaces):
            history.refresh_workspace(session, team(i))
    engine.dispose()


def run(url: str, api_url: str, per_second: float) -> tuple[float, dict[str, int]]:
    settings = Settings(
        database_url=url,
        slack_client_id=CLIENT_ID,
        slack_client_secret="bench",
        slack_signing_secret="bench",
        slack_api_url=api_url,
        messages_per_second=per_second,
    )
    engine = make_engine(url)
    deps = Deps(
        settings=settings,
        engine=engine,
        sessions=make_session_factory(engine),
        clock=lambda: NOW,
        base_client=make_web_client(settings),
    )
    started = time.perf_counter()
    outcome = nudge_job(deps, NOW)
    elapsed = time.perf_counter() - started
    engine.dispose()
    return elapsed, {status: outcome.count(status) for status in ("sent", "failed", "taken")}


def bench(backend: str, postgres_url: str, workspaces: int, members: int) -> None:
    due = workspaces * members
    print(f"\n{backend}: {workspaces} workspaces × {members} members due at the same minute ({due:,} DMs);")
    print(f"Slack allows {LIMIT} chat.postMessage a second per workspace; {WORKSPACES_AT_ONCE} workspaces at once")
    print(f"{'pace (per workspace)':>22} {'total':>9} {'429s':>6} {'sent':>7} {'failed':>7} {'lost':>5}")
    for per_second in (Settings.messages_per_second, 2.0 * LIMIT):
        with fresh_database(backend, postgres_url) as url:
            started = time.perf_counter()
            seed(url, workspaces, members)
            seeded = time.perf_counter() - started
            with limited_slack(LIMIT) as (api_url, seen):
                elapsed, counts = run(url, api_url, per_second)
        lost = due - seen["recipients"]
        print(
            f"{per_second:>17.0f} / s {elapsed:>8.1f}s {seen['rate_limited']:>6} {counts['sent']:>7,}"
            f" {counts['failed']:>7} {lost:>5}   (seeded in {seeded:.0f} s; {seen['attempts']:,} attempts)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--workspaces", type=int, default=200)
    parser.add_argument("--members", type=int, default=50)
    parser.add_argument("--postgres-url", default=None, help=f"admin URL (default ${POSTGRES_ENV} or local)")
    args = parser.parse_args()

    postgres_url = args.postgres_url or os.environ.get(POSTGRES_ENV) or POSTGRES_DEFAULT
    for backend in ("sqlite", "postgresql") if args.backend == "both" else (args.backend,):
        bench(backend, postgres_url, args.workspaces, args.members)


if __name__ == "__main__":
    main()
