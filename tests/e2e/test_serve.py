"""`goodwill serve` as a real process (gunicorn), driven over HTTP like Slack, then `goodwill export`."""

from __future__ import annotations

import json
import os
import subprocess
import time
import urllib.request

import pytest

from tests.support.processes import checkout_env, free_port, goodwill_command
from tests.support.running import BOT_TOKEN
from tests.support.slack_requests import SIGNING_SECRET, SlackSender

pytestmark = pytest.mark.e2e


@pytest.fixture
def served(db, slack, tmp_path):
    port = free_port()
    env = checkout_env(
        **{
            **os.environ,
            "DATABASE_URL": db.url,
            "SLACK_BOT_TOKEN": BOT_TOKEN,
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "SLACK_API_URL": slack.api_url,
            "PORT": str(port),
            "WEB_CONCURRENCY": "1",
        }
    )
    env.pop("SLACK_APP_TOKEN", None)
    process = subprocess.Popen(
        goodwill_command() + ["serve"],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=1) as response:
                if response.status == 200:
                    break
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail("goodwill serve did not come up:\n" + (process.stdout.read() if process.stdout else ""))
        time.sleep(0.1)
    yield url, env
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()


def test_met_through_a_served_goodwill_then_exported(served, slack, tmp_path):
    url, env = served
    slack.add_user("U0ANNA", "Anna de Boer", tz="Europe/Amsterdam")
    sender = SlackSender(url, slack)

    response = sender.command("/met", "Jan de Vries", user_id="U0ANNA")

    assert response.status == 200
    assert response.json()["response_type"] == "ephemeral"
    assert "Jan de Vries" in response.json()["text"]
    assert sender.command("/met", "Jan de Vries", signature="v0=" + "f" * 64).status == 401

    exported = subprocess.run(
        goodwill_command() + ["export", "--format", "json"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert exported.returncode == 0, exported.stderr
    network = json.loads(exported.stdout)
    assert [r["name"] for r in network["relations"]] == ["Jan de Vries"]
    assert network["interactions"][0]["logged_by"] == "U0ANNA"


def test_without_slack_configuration_goodwill_says_what_to_set_in_one_line(tmp_path):
    env = checkout_env(PATH=os.environ.get("PATH", ""), HOME=str(tmp_path))
    result = subprocess.run(goodwill_command(), env=env, cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "SLACK_BOT_TOKEN" in lines[0] and "OAuth" in lines[0]
