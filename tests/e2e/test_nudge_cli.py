"""`goodwill nudge` as a real process: --dry-run sends nothing, and two runs at once send each DM once."""

from __future__ import annotations

import os
import subprocess
from datetime import date, timedelta

import pytest

from tests.support.processes import checkout_env, goodwill_command
from tests.support.running import BOT_TOKEN
from tests.support.seed import add_relation, chooses_language
from tests.support.shown import received
from tests.support.slack_requests import SIGNING_SECRET
from tests.support.stored import deliveries

pytestmark = pytest.mark.e2e

# The processes use the real clock: relations quiet whatever day the tests run.
LONG_AGO = date.today() - timedelta(days=400)


def _cli_env(db, slack) -> dict[str, str]:
    env = checkout_env(
        **{
            **os.environ,
            "DATABASE_URL": db.url,
            "SLACK_BOT_TOKEN": BOT_TOKEN,
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "SLACK_API_URL": slack.api_url,
        }
    )
    env.pop("SLACK_APP_TOKEN", None)
    return env


def test_dry_run_prints_what_each_member_would_get_and_sends_nothing(db, slack, tmp_path):
    add_relation(
        db.sessions,
        "Jan de Vries",
        organisation="Gemeente Den Haag",
        last_met=LONG_AGO,
        by="U0BRAM",
        notes="koffie over huisvesting",
    )
    add_relation(db.sessions, "Fatima El Amrani", owner="U0BRAM", last_met=LONG_AGO)
    chooses_language(db.sessions, "U0BRAM", "nl")

    result = subprocess.run(
        goodwill_command() + ["nudge", "--dry-run"],
        env=_cli_env(db, slack),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "U0ANNA (Anna de Boer): would send 1 quiet relation:" in out
    assert "*Jan de Vries* · Gemeente Den Haag" in out and "by @Bram Jansen" in out
    assert "koffie over huisvesting" in out and "[Log contact…] [⋮ Snooze 1 week · Snooze 2 weeks" in out
    assert "U0BRAM (Bram Jansen): would send 1" in out and "[Contact vastleggen…]" in out
    assert "dry run: 2 nudges would be sent; nothing was sent" in out
    assert slack.calls_to("chat.postMessage") == []
    assert deliveries(db.sessions) == []


def test_an_unknown_team_is_one_line_on_the_terminal(db, slack, tmp_path):
    add_relation(db.sessions, "Jan de Vries", last_met=LONG_AGO)
    result = subprocess.run(
        goodwill_command() + ["nudge", "--team", "T0NOPE"],
        env=_cli_env(db, slack),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "T0NOPE" in result.stderr
    assert slack.calls_to("chat.postMessage") == []


def test_two_nudge_runs_at_once_send_each_dm_exactly_once(db, slack, tmp_path):
    users = [f"U0M{i:03d}" for i in range(30)]
    for user in users:
        slack.add_user(user, f"Member {user}", locale="nl-NL" if user.endswith(("1", "3")) else "en-GB")
        add_relation(db.sessions, f"Relatie van {user}", owner=user, last_met=LONG_AGO)
    env = _cli_env(db, slack)

    runs = [
        subprocess.Popen(
            goodwill_command() + ["nudge"],
            env=env,
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=180) for run in runs]

    assert [run.returncode for run in runs] == [0, 0], outputs
    assert received(slack) == dict.fromkeys(users, 1)
    assert len(slack.calls_to("chat.postMessage")) == len(users)
    assert {d.status for d in deliveries(db.sessions)} == {"sent"}
    sent_lines = sum(out.count(": sent (") for out, _err in outputs)
    assert sent_lines == len(users)  # between them, each member was sent by exactly one run
