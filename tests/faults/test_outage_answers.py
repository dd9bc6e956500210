"""With no database to reach, every kind of request Slack sends gets its polite answer, at once.

Goodwill runs over HTTP (as in the `goodwill` fixture) on a database address where nothing listens: every
connection is refused. tests/faults/test_database_restart.py does the same to a real PostgreSQL that stops and
starts under `goodwill serve`; this is the quick check of each answer's shape.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from wsgiref.simple_server import make_server

import pytest

from bot.app import build_app
from bot.deps import Deps, make_web_client
from bot.web import make_wsgi_app
from storage.db import make_engine, make_session_factory
from tests.support.running import QuietHandler, ThreadingWSGIServer, make_settings
from tests.support.slack_requests import SlackSender

pytestmark = pytest.mark.faults

NOBODY_LISTENS = "postgresql://goodwill@127.0.0.1:1/goodwill"
ENGLISH = "Goodwill can't reach its database right now, so nothing was stored. Please try again in a minute."
DUTCH = "Goodwill kan zijn database op dit moment niet bereiken; er is dus niets opgeslagen."


@pytest.fixture
def cut_off(slack):
    engine = make_engine(NOBODY_LISTENS)
    settings = make_settings(NOBODY_LISTENS, slack)
    after_ack = ThreadPoolExecutor(max_workers=4)
    deps = Deps(
        settings=settings,
        engine=engine,
        sessions=make_session_factory(engine),
        base_client=make_web_client(settings),
        after_ack=after_ack,
    )
    server = make_server(
        "127.0.0.1",
        0,
        # Built without asking Slack and the database who the token belongs to (they would fail first).
        make_wsgi_app(build_app(deps, token_verification=False), engine, settings),
        server_class=ThreadingWSGIServer,
        handler_class=QuietHandler,
    )
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()
    try:
        yield SlackSender(f"http://127.0.0.1:{server.server_address[1]}", slack)
    finally:
        server.shutdown()
        server.server_close()
        after_ack.shutdown(wait=True)
        engine.dispose()


def test_a_command_is_answered_in_its_http_answer_in_english_and_dutch(cut_off):
    response = cut_off.command("/met", "Jan de Vries gisteren: koffie")

    assert response.status == 200
    assert response.json()["response_type"] == "ephemeral"
    assert response.json()["text"].splitlines()[0] == ENGLISH
    assert DUTCH in response.json()["text"]


def test_a_command_answered_after_its_ack_is_told_through_its_response_url(cut_off, slack):
    response = cut_off.command("/whoknows", "Gemeente Den Haag")

    assert response.status == 200
    [told] = slack.wait_for("response_url", timeout=10)
    assert told["text"].startswith(ENGLISH) and told["response_type"] == "ephemeral"
    assert told.get("replace_original") in (False, "false", None)


def test_a_form_keeps_its_values_under_a_notice(cut_off):
    form = {"id": "V0FORM", "type": "modal", "callback_id": "meeting", "private_metadata": "", "blocks": []}

    response = cut_off.view_submission(form, {})

    assert response.status == 200
    answer = response.json()
    assert answer["response_action"] == "push"  # Back returns to the form as the member filled it in
    assert answer["view"]["blocks"][0]["text"]["text"].startswith(ENGLISH)
    assert len(answer["view"]["title"]["text"]) <= 24  # Slack's limit for a modal's title


def test_a_click_is_told_through_its_response_url(cut_off, slack):
    response = cut_off.block_action("met_undo", '{"i":[1],"c":[]}')

    assert response.status == 200
    [told] = slack.wait_for("response_url", timeout=10)
    assert told["text"].startswith(ENGLISH)


def test_an_event_is_acknowledged_and_its_work_dropped(cut_off, slack):
    """Not a 5xx: Slack switches off an app's events when too many fail. A ✅ on a nudge during an outage is lost
    (docs/guarantees.md)."""
    response = cut_off.event({"type": "app_home_opened", "user": "U0ANNA", "channel": "D0ANNA", "tab": "home"})

    assert response.status == 200
    with pytest.raises(AssertionError):
        slack.wait_for("views.publish", timeout=1)


def test_an_options_request_gets_no_options(cut_off):
    response = cut_off.block_suggestion("relation_select", "Jan")

    assert response.status == 200
    assert response.json() == {"options": []}
