"""What a stranger, a replaying proxy or a crafted payload gets from POST /slack/events, over real HTTP.

Unsigned or malformed bodies are sent as raw bytes (http.client); signed ones through
tests/support/slack_requests.py."""

from __future__ import annotations

import http.client
import json
import logging
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlencode, urlsplit
from wsgiref.simple_server import make_server

import pytest
from slack_sdk.signature import SignatureVerifier
from sqlalchemy import func, select

from bot.app import build_app
from bot.settings import ConfigError, Settings
from bot.web import HEALTH_TIMEOUT_SECONDS, MAX_BODY_BYTES, make_wsgi_app
from storage.db import make_engine
from storage.models import Interaction, RequestSignature
from storage.replays import WINDOW_SECONDS, ReplayMemory
from tests.support.running import QuietHandler, ThreadingWSGIServer, make_deps, make_settings
from tests.support.seed import build_known_network
from tests.support.shown import view_of
from tests.support.slack_requests import SIGNING_SECRET, SlackSender, command_fields
from tests.support.slack_standin import TEAM_ID

FORM = "application/x-www-form-urlencoded"
JSON = "application/json"
MET = "Jan de Vries (Gemeente Den Haag) gisteren: koffie over huisvesting"


# --- helpers ---------------------------------------------------------------------------------------
def send_raw(url: str, body: bytes, headers: dict[str, str], *, method: str = "POST") -> tuple[int, bytes]:
    """Exactly these bytes and headers (http.client adds Host and, unless given, Content-Length)."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        connection.request(method, "/slack/events", body=body, headers=headers)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def signed_headers(body: bytes | str, content_type: str, *, timestamp: int | None = None) -> dict[str, str]:
    timestamp = int(time.time()) if timestamp is None else timestamp
    text = body.decode("utf-8") if isinstance(body, bytes) else body
    signature = SignatureVerifier(SIGNING_SECRET).generate_signature(timestamp=str(timestamp), body=text)
    return {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": str(timestamp),
        "X-Slack-Signature": signature,
    }


def interactions(goodwill) -> int:
    with goodwill.db.sessions() as session:
        return session.scalar(select(func.count()).select_from(Interaction))


@contextmanager
def serving(wsgi) -> Iterator[str]:
    server = make_server("127.0.0.1", 0, wsgi, server_class=ThreadingWSGIServer, handler_class=QuietHandler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def thief() -> Iterator[tuple[str, list[bytes]]]:
    """A server that is not Slack, recording what is posted to it."""
    received: list[bytes] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            received.append(self.rfile.read(int(self.headers.get("Content-Length") or 0)))
            self.send_response(200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/steal", received
    finally:
        server.shutdown()
        server.server_close()


# --- 1. size, headers and signature first ------------------------------------------------------------
def announce(url: str, headers: dict[str, str], length: int, first_bytes: bytes) -> int:
    """Send the headers of a `length`-byte body and only its first bytes; the answer's status."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=5)
    try:
        connection.putrequest("POST", "/slack/events")
        for name, value in {**headers, "Content-Length": str(length)}.items():
            connection.putheader(name, value)
        connection.endheaders(first_bytes)
        return connection.getresponse().status
    finally:
        connection.close()


def test_a_body_over_the_cap_is_refused_with_413_before_it_is_read(goodwill):
    """Only the headers and a few bytes are sent: a server that tried to read the 8 MiB would wait for them."""
    assert announce(goodwill.url, {"Content-Type": FORM}, 8 * 1024 * 1024, b"payload=" + b"x" * 100) == 413


def test_a_signed_body_over_the_cap_is_refused_too(goodwill):
    body = json.dumps({"type": "event_callback", "padding": "x" * MAX_BODY_BYTES}).encode()
    headers = signed_headers(body, JSON)
    assert announce(goodwill.url, headers, len(body), body[:1000]) == 413


def test_a_body_at_the_cap_is_read(goodwill):
    body = json.dumps({"type": "url_verification", "challenge": "c4a11e", "padding": ""})
    body = body.replace('""', '"' + "x" * (MAX_BODY_BYTES - len(body)) + '"')
    assert len(body) == MAX_BODY_BYTES
    response = goodwill.post(body, JSON)
    assert (response.status, response.json()) == (200, {"challenge": "c4a11e"})


@pytest.mark.parametrize(
    ("body", "headers", "status"),
    [
        (b"[]", {"Content-Type": JSON}, 401),
        (b"null", {"Content-Type": JSON}, 401),
        (b"payload=notjson", {"Content-Type": FORM}, 401),
        (b'{"type": "event_callback"}', {"Content-Type": JSON, "X-Slack-Signature": "v0=" + "0" * 64}, 401),
        (
            b"\xff\xfe\x00garbage",
            {"Content-Type": JSON, "X-Slack-Request-Timestamp": "1", "X-Slack-Signature": "v0="},
            400,
        ),
        (b"{}", {"Content-Type": JSON, "X-Slack-Request-Timestamp": "abc", "X-Slack-Signature": "v0=00"}, 400),
        (b"{}", {"Content-Type": JSON, "X-Slack-Request-Timestamp": "\u00b2", "X-Slack-Signature": "v0=00"}, 400),
        (b"{}", {"Content-Type": JSON, "X-Slack-Request-Timestamp": "now", "X-Slack-Signature": "v0=\u00e9"}, 401),
        (b"hello", {"Content-Type": "text/plain"}, 401),
    ],
    ids=[
        "list",
        "null",
        "payload-notjson",
        "no-timestamp",
        "not-utf8",
        "timestamp-abc",
        "timestamp-superscript",
        "signature-not-ascii",
        "text-plain",
    ],
)
def test_unsigned_or_malformed_requests_get_a_4xx_and_no_traceback(goodwill, capsys, body, headers, status):
    if headers.get("X-Slack-Request-Timestamp") == "now":  # within the window: the signature itself is compared
        headers = {**headers, "X-Slack-Request-Timestamp": str(int(time.time()))}
    assert send_raw(goodwill.url, body, headers)[0] == status
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize(
    ("body", "content_type", "status"),
    [
        ("[]", JSON, 400),
        ("null", JSON, 400),
        ('"a string"', JSON, 400),
        (' {"type": "event_callback"}', JSON, 400),  # Bolt would read it as a form
        ('{"type": "event_callback", "event": ' + "[" * 100_000 + "]" * 100_000 + "}", JSON, 400),
        ("payload=notjson", FORM, 400),
        ("payload=%5B%5D", FORM, 400),  # [] : JSON, not an object
        ("payload=%FF%FE", FORM, 400),  # percent-encoded bytes that are not UTF-8
        ("payload=", FORM, 400),
        ("token=x&team_id=T0GOODWILL", FORM, 400),  # a form with neither payload nor command
        ("command=met&text=x", FORM, 400),  # not a slash command
        ("", JSON, 400),
        ("<xml/>", "text/xml", 415),
        ('{"type": "event_callback"}', "text/plain", 415),
    ],
    ids=[
        "list",
        "null",
        "string",
        "leading-space",
        "deep-nesting",
        "payload-notjson",
        "payload-list",
        "payload-not-utf8",
        "payload-empty",
        "form-without-payload",
        "not-a-command",
        "empty",
        "xml",
        "text-plain",
    ],
)
def test_signed_but_malformed_bodies_get_a_4xx(goodwill, capsys, body, content_type, status):
    assert goodwill.post(body, content_type).status == status
    assert "Traceback" not in capsys.readouterr().err


def test_signed_invalid_utf8_gets_400(goodwill):
    body = b'{"type": "event_callback", "x": "\xff"}'
    # Signed as Slack would sign these bytes read as Latin-1: the signature is right, the body still is not UTF-8.
    timestamp = str(int(time.time()))
    headers = signed_headers(body.decode("latin-1"), JSON, timestamp=int(timestamp))
    assert send_raw(goodwill.url, body, headers)[0] == 400


def test_a_stale_or_wrongly_signed_request_gets_401_and_nothing_is_stored(goodwill):
    fields = command_fields(goodwill.slack, "/met", MET, "U0ANNA", TEAM_ID, "C0GENERAL")
    assert goodwill.form(fields, timestamp=int(time.time()) - 6 * 60).status == 401
    wrong = SlackSender(goodwill.url, goodwill.slack, signing_secret="socket-mode")
    assert wrong.command("/met", MET).status == 401
    assert interactions(goodwill) == 0


def test_chunked_bodies_and_other_methods_are_refused(goodwill):
    parts = urlsplit(goodwill.url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=5)
    connection.putrequest("POST", "/slack/events")
    connection.putheader("Content-Type", JSON)
    connection.putheader("Transfer-Encoding", "chunked")
    connection.endheaders(b"2\r\n{}\r\n0\r\n\r\n")
    assert connection.getresponse().status == 411
    connection.close()
    assert send_raw(goodwill.url, b"", {}, method="GET")[0] == 405


def test_slacks_ssl_check_is_answered_200_as_bolt_does(goodwill):
    assert send_raw(goodwill.url, b"ssl_check=1&token=legacy", {"Content-Type": FORM}) == (200, b"")


def test_a_well_formed_signed_request_still_gets_through(goodwill):
    response = goodwill.command("/met", MET)
    assert response.status == 200 and "Jan de Vries" in response.text
    assert interactions(goodwill) == 1


# --- 2. the safety net under every listener ----------------------------------------------------------
USER = {"id": "U0ANNA", "username": "anna", "team_id": TEAM_ID}
TEAM = {"id": TEAM_ID, "domain": "goodwill-test"}


def modal(callback_id: str, **view) -> dict:
    return {
        "type": "view_submission",
        "user": USER,
        "team": TEAM,
        "view": {"id": "V1", "type": "modal", "callback_id": callback_id, **view},
    }


@pytest.mark.parametrize(
    "payload",
    [
        modal("relation_tier_modal", state={"values": {"tier": {"tier": {"selected_option": {"value": "key"}}}}}),
        modal("relation_theme_modal", private_metadata="{not json", state={"values": {}}),
        modal("meeting"),  # no state at all
        modal("goodwill_strategy", state={"values": {}}),
        modal("event_create", state={"values": {}}),
        {
            "type": "block_actions",
            "user": USER,
            "team": TEAM,
            "actions": [{"action_id": "met_pick_1", "value": "[1]", "block_id": "b", "type": "button"}],
        },
        {"type": "block_actions", "user": USER, "team": TEAM, "actions": "not a list"},
        {"type": "block_actions", "user": USER, "team": TEAM, "actions": []},
        {
            "type": "block_actions",
            "user": {"id": "U0ANNA"},
            "actions": [{"action_id": "met_undo", "value": "{}", "block_id": "b", "type": "button"}],
        },
        {"type": "block_actions", "user": 5, "team": TEAM, "actions": [{"action_id": "met_undo", "value": "{}"}]},
        {
            "type": "block_actions",
            "user": USER,
            "team": TEAM,
            "enterprise": 5,
            "actions": [{"action_id": "met_undo", "value": "{}"}],
        },
    ],
    ids=[
        "tier-no-metadata",
        "theme-metadata-not-json",
        "meeting-no-state",
        "strategy-empty",
        "event-empty",
        "met-pick-list",
        "actions-not-a-list",
        "actions-empty",
        "no-team",
        "user-not-an-object",
        "enterprise-a-number",
    ],
)
def test_crafted_signed_payloads_never_get_a_5xx(goodwill, capsys, payload):
    response = goodwill.payload(payload)
    assert 200 <= response.status < 500
    assert "Traceback" not in capsys.readouterr().err


def test_a_failing_modal_submission_says_sorry_in_place_of_the_modal(goodwill, caplog):
    with caplog.at_level(logging.ERROR, logger="goodwill.slack"):
        response = goodwill.payload(modal("goodwill_strategy"))  # no state at all
    assert response.status == 200
    answer = response.json()
    assert answer["response_action"] == "update"
    shown = json.dumps(answer["view"], ensure_ascii=False)
    assert "Sorry, that did not work" in shown and "Sorry, dat is niet gelukt" in shown
    [line] = [r.getMessage() for r in caplog.records if "failed:" in r.getMessage()]
    assert "view_submission goodwill_strategy failed: KeyError" in line and "\n" not in line
    assert not any(r.exc_info for r in caplog.records)


def test_a_failing_command_answers_with_an_ephemeral_sorry(goodwill):
    response = goodwill.form({"command": "/met", "text": MET, "response_url": goodwill.slack.response_url("c")})
    assert response.status == 200
    assert response.json()["response_type"] == "ephemeral"
    assert "Sorry, that did not work" in response.json()["text"]
    assert interactions(goodwill) == 0


def test_a_failing_click_in_a_message_says_sorry_through_its_response_url(goodwill, slack, monkeypatch):
    def broken(*args, **kwargs):  # a defect in Goodwill's own code, reached by an ordinary click
        raise RuntimeError("a bug")

    monkeypatch.setattr("handlers.actions.recording.undo_meeting", broken)
    payload = {
        "type": "block_actions",
        "user": USER,
        "team": TEAM,
        "response_url": slack.response_url("click"),
        "actions": [{"action_id": "met_undo", "value": '{"i": [1], "c": []}', "block_id": "b", "type": "button"}],
    }
    assert goodwill.payload(payload).status == 200
    [reply] = slack.wait_for("response_url")
    assert reply["response_type"] == "ephemeral" and reply["replace_original"] is False
    assert "Sorry, dat is niet gelukt" in reply["text"]


# --- 3. replays ---------------------------------------------------------------------------------------
def test_a_replayed_command_is_stored_once(goodwill, caplog):
    body = urlencode(command_fields(goodwill.slack, "/met", MET, "U0ANNA", TEAM_ID, "C0GENERAL"))
    timestamp = int(time.time())
    first = goodwill.post(body, FORM, timestamp=timestamp)
    assert first.status == 200 and "Jan de Vries" in first.text
    with caplog.at_level(logging.WARNING, logger="goodwill.web"):
        again = goodwill.post(body, FORM, timestamp=timestamp)
    assert (again.status, again.body) == (200, b"")
    assert interactions(goodwill) == 1
    assert "replay" in caplog.text


def test_a_replay_to_another_process_is_refused_too(goodwill, clock):
    """Two apps (as two gunicorn workers) share nothing but the database."""
    body = urlencode(command_fields(goodwill.slack, "/met", MET, "U0ANNA", TEAM_ID, "C0GENERAL"))
    timestamp = int(time.time())
    assert goodwill.post(body, FORM, timestamp=timestamp).status == 200
    with ThreadPoolExecutor(max_workers=2) as after_ack:
        deps = make_deps(goodwill.db, make_settings(goodwill.db.url, goodwill.slack), clock, after_ack)
        with serving(make_wsgi_app(build_app(deps), goodwill.db.engine, deps.settings)) as other:
            again = SlackSender(other, goodwill.slack).post(body, FORM, timestamp=timestamp)
    assert (again.status, again.body) == (200, b"")
    assert interactions(goodwill) == 1


def test_slacks_own_retry_is_signed_anew_and_gets_through(goodwill, caplog):
    """Slack redelivers an event with X-Slack-Retry-Num and a new timestamp, hence a new signature: not a replay
    (the event id de-duplicates it where it matters)."""
    event = {"type": "app_home_opened", "user": "U0ANNA", "channel": "D0HOME", "tab": "home", "event_ts": "1.2"}
    now = int(time.time())
    with caplog.at_level(logging.WARNING, logger="goodwill.web"):
        assert goodwill.event(event, event_id="Ev0RETRY", timestamp=now - 60).status == 200
        assert goodwill.event(event, event_id="Ev0RETRY", timestamp=now, retry_num=1).status == 200
    assert "replay" not in caplog.text


def test_signatures_are_forgotten_after_five_minutes_once_a_minute(db):
    now = [1_800_000_000.0]
    memory = ReplayMemory(db.engine, now=lambda: now[0], purge_every=60)

    def kept() -> set[str]:
        with db.sessions() as session:
            return set(session.scalars(select(RequestSignature.signature)))

    assert memory.first_sighting("v0=recent", int(now[0]) - 10)  # the process's first call purges: nothing yet
    assert memory.first_sighting("v0=old", int(now[0]) - WINDOW_SECONDS - 1)
    assert not memory.first_sighting("v0=recent", int(now[0]) - 10)
    assert kept() == {"v0=recent", "v0=old"}  # no purge within the minute
    now[0] += 61
    assert memory.first_sighting("v0=new", int(now[0]))
    assert kept() == {"v0=recent", "v0=new"}


def test_replays_are_let_through_when_the_database_does_not_answer(caplog):
    memory = ReplayMemory(make_engine("postgresql://nobody@127.0.0.1:1/none"))
    with caplog.at_level(logging.WARNING, logger="goodwill.db"):
        assert memory.first_sighting("v0=x", int(time.time()))
    assert "letting it through" in caplog.text


# --- 4. secrets -----------------------------------------------------------------------------------------
def test_settings_repr_hides_tokens_secrets_and_the_database_password():
    settings = Settings.from_env(
        {
            "DATABASE_URL": "postgresql://goodwill:pa55word@db.internal:5432/goodwill",
            "SLACK_BOT_TOKEN": "xoxb-123-secret",
            "SLACK_SIGNING_SECRET": "signing-secret-value",
            "SLACK_APP_TOKEN": "xapp-1-secret",
        }
    )
    shown = repr(settings)
    for secret in ("xoxb-123-secret", "signing-secret-value", "xapp-1-secret", "pa55word"):
        assert secret not in shown and secret not in str(settings)
    assert "slack_bot_token=<hidden>" in shown and "db.internal:5432/goodwill" in shown


def test_an_app_without_a_signing_secret_is_never_served_over_http(db, slack, clock):
    """Socket Mode needs no signing secret; there is no built-in one that HTTP could then be signed with."""
    settings = make_settings(db.url, slack, slack_app_token="xapp-1-test", slack_signing_secret=None)
    with ThreadPoolExecutor(max_workers=1) as after_ack:
        app = build_app(make_deps(db, settings, clock, after_ack))
        with pytest.raises(ConfigError, match="SLACK_SIGNING_SECRET"):
            make_wsgi_app(app, db.engine, settings)


@pytest.mark.parametrize("secret", ["", "   "])
def test_serve_refuses_to_start_over_http_without_a_signing_secret(tmp_path, secret):
    env = {
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(__import__("pathlib").Path(__file__).resolve().parents[2]),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'goodwill.db'}",
        "SLACK_BOT_TOKEN": "xoxb-test",
        "SLACK_SIGNING_SECRET": secret,
        "PORT": "0",
    }
    done = subprocess.run(
        [sys.executable, "-m", "bot", "serve"], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [done.stderr.strip()]
    assert done.stderr.startswith("goodwill: SLACK_SIGNING_SECRET is not set")


# --- 5. response_url only to Slack ---------------------------------------------------------------------
def test_only_slacks_hosts_and_the_configured_api_host_are_response_urls(slack):
    settings = make_settings("sqlite://", slack)
    assert settings.allows_response_url("https://hooks.slack.com/actions/T0/1/abc")
    assert settings.allows_response_url("https://hooks.slack-gov.com/commands/T0/1/abc")
    assert settings.allows_response_url(slack.response_url("r1"))
    for url in (
        "http://hooks.slack.com/actions/T0/1/abc",
        "https://hooks.slack.com.evil.example/actions",
        "https://evil.example/?https://hooks.slack.com/",
        "https://user@hooks.slack.com/actions",
        "https://hooks.slack.com:8443/actions",
        "http://127.0.0.1:1/response/r1",
        "javascript:alert(1)",
        None,
        42,
    ):
        assert not settings.allows_response_url(url), url


@pytest.fixture
def network(goodwill, slack):
    return build_known_network(goodwill.db.sessions, slack)


def test_a_card_modal_never_posts_to_a_response_url_that_is_not_slacks(goodwill, slack, network):
    goodwill.block_action("relation_tier", str(network.piet), user_id="U0BRAM")  # Bram's own relation
    [opened] = slack.wait_for("views.open")
    view = view_of(opened)
    with thief() as (stolen_url, received):
        metadata = json.loads(view["private_metadata"])
        view["private_metadata"] = json.dumps({**metadata, "response_url": stolen_url})
        values = {"tier": {"tier": {"selected_option": {"value": "key"}}}, "cadence": {"cadence": {"value": "45"}}}
        assert goodwill.view_submission(view, values, user_id="U0BRAM").status == 200
        goodwill.settle()  # the redraw has run
        time.sleep(0.2)
    assert received == []


def test_a_payload_whose_response_url_is_not_slacks_is_refused(goodwill, slack, network):
    with thief() as (stolen_url, received):
        payload = {
            "type": "block_actions",
            "user": USER,
            "team": TEAM,
            "response_url": stolen_url,
            "actions": [
                {"action_id": "relation_archive", "value": str(network.piet), "block_id": "b", "type": "button"}
            ],
        }
        assert goodwill.payload(payload).status == 400
        time.sleep(0.3)
    assert received == []


# --- 6. /healthz ------------------------------------------------------------------------------------------
@contextmanager
def tarpit() -> Iterator[int]:
    """A port that accepts connections (the kernel's backlog) and never answers: a database that hangs."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(16)
        yield sock.getsockname()[1]


@pytest.mark.parametrize("hanging", [False, True], ids=["refused", "hanging"])
def test_healthz_says_503_instead_of_hanging_when_the_database_is_down(goodwill, hanging):
    """A load balancer's probe waits a few seconds; the check gives up after HEALTH_TIMEOUT_SECONDS (2)."""
    with tarpit() as port:
        url = f"postgresql://nobody@127.0.0.1:{port if hanging else 1}/none"
        wsgi = make_wsgi_app(build_app(goodwill.deps), make_engine(url), goodwill.deps.settings)
        with serving(wsgi) as base:
            parts = urlsplit(base)
            connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=HEALTH_TIMEOUT_SECONDS + 3)
            connection.request("GET", "/healthz")
            response = connection.getresponse()  # raises TimeoutError if /healthz hangs with the database
            assert (response.status, response.read()) == (503, b"database unavailable\n")
            connection.close()


def test_a_command_mentioning_the_word_payload_is_recorded(goodwill):
    """Bolt alone reads any form containing "payload" as an interactivity payload: this /met reached no listener."""
    response = goodwill.command("/met", "Jan de Vries gisteren: the payload of the new grant scheme")
    assert response.status == 200
    assert "Jan de Vries" in response.text
    with goodwill.db.sessions() as session:
        notes = session.scalars(select(Interaction.notes)).all()
    assert notes == ["the payload of the new grant scheme"]
