"""PostgreSQL restarts while `goodwill serve` is answering: polite answers meanwhile, nothing half-stored, and
service resumes by itself.

The database is a private PostgreSQL server (tests/support/private_postgres.py), never the shared one; Goodwill
is `goodwill serve` as deployed (gunicorn, default workers and threads). A member keeps logging meetings
throughout, each with a new name; when it is over, exactly the meetings whose confirmation the member saw are
stored, and every answer came with HTTP 200 within Slack's 3 seconds.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

import pytest
from sqlalchemy import create_engine, func, select

from storage.db import normalise_url
from storage.models import Interaction, Relation
from tests.support.private_postgres import PrivatePostgres
from tests.support.processes import Served
from tests.support.slack_requests import SlackSender, meeting_form_values

pytestmark = pytest.mark.faults

SLACK_PATIENCE = 3.0  # seconds Slack waits for an answer
UNAVAILABLE = "can't reach its database"  # the English half of the outage answer (bot/outage.py)
FIRST = "Anouk Bram Carla Daan Eva Fenna Gijs Hanna Ilse Joost Karin Lars Mila Noor Olaf Pim Quinten Roos Sem Tess"
LAST = "Aalbers Brouwer Claassen Dekker Evers Faber Gerritsen Hoekstra Ijzerman Jonker Kok Lammers Mulder Nijland"
NAMES = [f"{first} {last}" for last in LAST.split() for first in FIRST.split()]


@dataclass
class Answer:
    name: str
    status: int
    seconds: float
    text: str

    @property
    def unavailable(self) -> bool:
        return UNAVAILABLE in self.text


@pytest.fixture
def postgres():
    server = PrivatePostgres()
    try:
        server.start()
        server.create_database()
        yield server
    finally:
        server.remove()


def timed(send, *args, **kwargs):
    started = time.monotonic()
    response = send(*args, **kwargs)
    return response, time.monotonic() - started


def test_postgres_restarts_while_goodwill_serves(postgres, slack, tmp_path):
    served = Served(postgres.url, slack, tmp_path)
    try:
        sender = SlackSender(served.url, slack)
        first, _ = timed(sender.command, "/met", "Jan de Vries gisteren: koffie")
        assert first.status == 200 and "Jan de Vries" in first.json()["text"]
        undo = next(
            element
            for block in first.json()["blocks"]
            if block["type"] == "actions"
            for element in block["elements"]
            if element["action_id"] == "met_undo"
        )
        sender.command("/met", "")  # the form, to submit while the database is away
        [opened] = slack.wait_for("views.open", timeout=10)

        answers: list[Answer] = []
        stop = threading.Event()

        def keep_logging() -> None:
            for name in NAMES:
                if stop.is_set():
                    return
                response, seconds = timed(sender.command, "/met", f"{name} gisteren: overleg")
                body = response.json() if response.status == 200 and response.body else {}
                answers.append(Answer(name, response.status, seconds, (body or {}).get("text", response.text)))
                time.sleep(0.05)
            raise AssertionError("ran out of names before the test was over")

        member = threading.Thread(target=keep_logging, daemon=True)
        member.start()
        _wait_for(lambda: sum(not a.unavailable for a in answers) >= 3, "meetings stored before the restart")

        postgres.stop()
        _wait_for(lambda: any(a.unavailable for a in answers), "a polite answer while the database is away")
        health, health_seconds = timed(served.healthz)
        assert health == 503 and health_seconds < SLACK_PATIENCE
        command, seconds = timed(sender.command, "/met", "Vera Vos gisteren: lunch")
        assert (command.status, command.json()["response_type"]) == (200, "ephemeral") and seconds < SLACK_PATIENCE
        # The member's language is stored in the database that is away: English and Dutch.
        assert UNAVAILABLE in command.json()["text"] and "Goodwill kan zijn database" in command.json()["text"]
        # /relation answers after its ack: the member is told through the command's response_url.
        card, seconds = timed(sender.command, "/relation", "Jan de Vries")
        assert card.status == 200 and seconds < SLACK_PATIENCE
        slack.wait_for("response_url", where=lambda c: UNAVAILABLE in (c.get("text") or ""), timeout=10)
        form, seconds = timed(sender.view_submission, opened["view"], meeting_form_values(new_name="Wessel Zandstra"))
        assert form.status == 200 and seconds < SLACK_PATIENCE
        assert form.json()["response_action"] == "push"  # over the form: Back leaves it filled in
        assert UNAVAILABLE in form.json()["view"]["blocks"][0]["text"]["text"]
        click, seconds = timed(sender.block_action, "met_undo", undo["value"])
        assert click.status == 200 and seconds < SLACK_PATIENCE
        told = slack.wait_for("response_url", 2, where=lambda c: UNAVAILABLE in (c.get("text") or ""), timeout=10)
        assert {c["response_type"] for c in told} == {"ephemeral"}

        postgres.start()
        _wait_for(lambda: served.healthz() == 200, "/healthz back to 200 without restarting Goodwill")
        outage_ended = len(answers)
        _wait_for(
            lambda: sum(not a.unavailable for a in answers[outage_ended:]) >= 3, "meetings stored after the restart"
        )
        stop.set()
        member.join(timeout=30)
    finally:
        output = served.stop()

    assert not member.is_alive()
    assert all(a.status == 200 for a in answers), [(a.name, a.status, a.text) for a in answers if a.status != 200]
    slowest = max(answers, key=lambda a: a.seconds)
    assert slowest.seconds < SLACK_PATIENCE, slowest
    confirmed = {a.name for a in answers if not a.unavailable}
    assert all(a.name in a.text for a in answers if not a.unavailable)
    assert any(a.unavailable for a in answers)

    engine = create_engine(normalise_url(postgres.url))
    with engine.connect() as connection:
        stored = set(connection.scalars(select(Relation.name)))
        meetings = connection.scalar(select(func.count()).select_from(Interaction))
    engine.dispose()
    assert stored == confirmed | {"Jan de Vries"}  # nothing lost, nothing half-stored, Undo undid nothing
    assert meetings == len(stored)
    assert "Failed to run listener function" not in output, output[-3000:]  # Bolt's 500


def _wait_for(condition, what: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)
