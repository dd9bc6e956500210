"""The foundation, told as Slack would tell it: signed requests in, answers and stored rows out."""

from __future__ import annotations

import json
import sqlite3
import time
import urllib.request

from sqlalchemy import select, text

from bot.app import build_app
from bot.scheduler import Job, build_scheduler, jobs, run_job
from bot.web import make_wsgi_app
from storage.db import checkpoint_in_background, make_engine
from storage.export import export_network
from storage.models import Interaction, Relation
from tests.support.slack_standin import TEAM_ID


def test_url_verification_is_answered(goodwill):
    response = goodwill.url_verification("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P")
    assert response.status == 200
    assert "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" in response.text


def test_forged_signature_is_refused_and_nothing_is_stored(goodwill):
    response = goodwill.command("/met", "Jan de Vries", signature="v0=" + "0" * 64)
    assert response.status == 401
    with goodwill.db.sessions() as session:
        assert session.scalars(select(Relation)).all() == []


def test_request_older_than_five_minutes_is_refused(goodwill):
    response = goodwill.command("/met", "Jan de Vries", timestamp=int(time.time()) - 6 * 60)
    assert response.status == 401
    with goodwill.db.sessions() as session:
        assert session.scalars(select(Interaction)).all() == []


def test_met_is_acknowledged_stored_confirmed_and_exported(goodwill):
    response = goodwill.command("/met", "Jan de Vries", user_id="U0ANNA")

    assert response.status == 200
    message = response.json()
    assert message["response_type"] == "ephemeral"
    assert "Jan de Vries" in message["text"]
    shown = json.dumps(message["blocks"])
    assert "Thursday 26 November 2026" in shown  # the clock says 26 Nov, Anna lives in Amsterdam

    with goodwill.db.sessions() as session:
        network = export_network(session, TEAM_ID)
    assert [r["name"] for r in network["relations"]] == ["Jan de Vries"]
    assert network["relations"][0]["owner"] == "U0ANNA"
    assert network["relations"][0]["last_contact"] == "2026-11-26"
    [interaction] = network["interactions"]
    assert interaction["relation"] == network["relations"][0]["id"]
    assert interaction["occurred_on"] == "2026-11-26"
    assert interaction["logged_by"] == "U0ANNA"


def test_healthz_answers_when_the_database_does(goodwill):
    with urllib.request.urlopen(goodwill.url + "/healthz", timeout=5) as response:
        assert response.status == 200


def test_healthz_is_503_when_the_database_does_not_answer(goodwill):

    unreachable = make_engine("postgresql://nobody@127.0.0.1:1/none")
    wsgi = make_wsgi_app(build_app(goodwill.deps), unreachable, goodwill.deps.settings)
    statuses = []
    body = wsgi({"PATH_INFO": "/healthz", "REQUEST_METHOD": "GET"}, lambda status, headers: statuses.append(status))
    assert statuses == ["503 Service Unavailable"]
    assert b"unavailable" in b"".join(body)


def test_an_unknown_goodwill_subcommand_is_answered_in_the_users_language(goodwill, slack):
    response = goodwill.command("/goodwill", "frobnicate <!channel>", user_id="U0BRAM")

    assert response.status == 200
    [reply] = slack.wait_for("response_url")
    assert reply["response_type"] == "ephemeral"
    assert "ken ik niet" in reply["text"]  # Bram's Slack speaks Dutch
    assert "<!channel>" not in reply["text"]


def test_the_clock_schedules_every_job_and_one_failing_job_does_not_stop_it(goodwill, caplog):

    scheduler = build_scheduler(goodwill.deps)
    assert sorted(job.id for job in scheduler.get_jobs()) == sorted(job.name for job in jobs())
    assert {"nudges", "weekly_digest", "event_followups"} <= {job.name for job in jobs()}

    def broken(deps, now):
        raise RuntimeError("boom")

    run_job(Job("broken", broken), goodwill.deps)  # logged, not raised
    assert "job broken failed" in caplog.text


def test_a_serving_process_checkpoints_sqlite_outside_its_requests(tmp_path):
    """Committed rows reach the database file by the background checkpoint, not a request's commit."""
    path = tmp_path / "goodwill.db"
    engine = make_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE notes (body TEXT)"))

    def rows_in_the_database_file() -> int:
        # immutable=1 reads the main file only, not the write-ahead log
        with sqlite3.connect(f"file:{path}?immutable=1", uri=True) as reader:
            return reader.execute("SELECT count(*) FROM notes").fetchone()[0]

    checkpoint_in_background(engine, every=0.05)
    with engine.begin() as connection:
        assert connection.execute(text("PRAGMA wal_autocheckpoint")).scalar() == 0
        connection.execute(text("INSERT INTO notes VALUES ('koffie')"))
    deadline = time.monotonic() + 5
    while rows_in_the_database_file() == 0 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert rows_in_the_database_file() == 1
    engine.dispose()
