"""The WSGI application: Slack's requests at POST /slack/events (a guard, then Bolt), and GET /healthz."""

from __future__ import annotations

import io
import json
import logging
import re
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from http import HTTPStatus
from urllib.parse import parse_qsl

from slack_bolt import App, BoltContext, BoltRequest
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_bolt.adapter.wsgi.http_request import WsgiHttpRequest
from slack_bolt.request.internals import build_context
from slack_bolt.response import BoltResponse
from slack_sdk.signature import SignatureVerifier
from sqlalchemy import Engine

from bot.settings import Settings
from storage.db import database_answers
from storage.replays import ReplayMemory

SLACK_PATH = "/slack/events"
# Slack's payloads are a few kilobytes (a message with fifty blocks stays far below this).
MAX_BODY_BYTES = 1024 * 1024
HEALTH_TIMEOUT_SECONDS = 2.0
TIMESTAMP = re.compile(r"[0-9]{1,12}")
SIGNATURE = re.compile(r"v0=[0-9a-f]{64}")
FORM = "application/x-www-form-urlencoded"
JSON = "application/json"

log = logging.getLogger("goodwill.web")


@dataclass(frozen=True)
class Answer:
    """What the guard answers itself instead of passing the request on to Bolt."""

    status: int
    reason: str  # one line, for the log; also the body of a refusal
    level: int = logging.INFO  # of the log line

    @property
    def body(self) -> bytes:
        return b"" if self.status == 200 else (self.reason + "\n").encode()


def make_wsgi_app(app: App, engine: Engine, settings: Settings) -> Callable:
    """Bolt behind guard_slack_request, and /healthz. Refuses (ConfigError) to serve without a signing secret."""
    verifier = SignatureVerifier(settings.require_signing_secret())
    replays = ReplayMemory(engine)
    slack = FormSafeRequestHandler(app, path=SLACK_PATH)
    healthy = HealthCheck(engine)

    def wsgi(environ: dict, start_response: Callable) -> Iterable[bytes]:
        path = environ.get("PATH_INFO")
        if path == "/healthz":
            ok = healthy()
            return respond(start_response, 200 if ok else 503, b"ok\n" if ok else b"database unavailable\n")
        if path == SLACK_PATH:
            checked = guard_slack_request(
                environ,
                verifier=verifier,
                allows_response_url=settings.allows_response_url,
                first_sighting=replays.first_sighting,
            )
            if isinstance(checked, Answer):
                log.log(checked.level, "%s %s: %s", checked.status, path, checked.reason)
                return respond(start_response, checked.status, checked.body)
            environ["wsgi.input"], environ["CONTENT_LENGTH"] = io.BytesIO(checked), str(len(checked))
            try:
                return slack(environ, start_response)
            except Exception as error:  # Bolt could not even read the (signed) body: it is not one Slack sends
                log.warning("400 %s: Bolt could not read the request (%s: %s)", path, type(error).__name__, error)
                return respond(start_response, 400, b"malformed request\n")
        return slack(environ, start_response)

    return wsgi


def guard_slack_request(
    environ: dict,
    *,
    verifier: SignatureVerifier,
    allows_response_url: Callable[[object], bool],
    first_sighting: Callable[[str, int], bool],
) -> bytes | Answer:
    """Check a request to SLACK_PATH before Bolt reads any of it; the body if it may go on, else the Answer.

    In order: method, size (413 before anything is read), UTF-8, Slack's SSL check, the signature headers and
    the v0 signature with its five-minute window (slack-sdk's verifier), the body's shape (a JSON object, or a
    form with a JSON-object payload or a slash command; a response_url only to Slack), and last the replay check.
    Anything malformed gets a 4xx, signed or not; Bolt verifies the signature again after this."""
    if environ.get("REQUEST_METHOD") != "POST":
        return Answer(405, "only POST is accepted")
    body = read_body(environ)
    if isinstance(body, Answer):
        return body
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return Answer(400, "the body is not UTF-8")
    media_type = (environ.get("CONTENT_TYPE") or "").split(";")[0].strip().lower()
    if media_type == FORM and is_ssl_check(text):
        return Answer(200, "Slack's SSL check")  # answered as Bolt does, which checks it before any signature
    timestamp = environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP")
    signature = environ.get("HTTP_X_SLACK_SIGNATURE")
    if timestamp is None or signature is None:
        return Answer(401, "X-Slack-Request-Timestamp or X-Slack-Signature is missing")
    if not TIMESTAMP.fullmatch(timestamp):
        return Answer(400, "X-Slack-Request-Timestamp is not a number")
    if not SIGNATURE.fullmatch(signature) or not verifier.is_valid(text, timestamp, signature):
        return Answer(401, "invalid signature, or a timestamp more than five minutes away")
    problem = shape_problem(media_type, text, allows_response_url)
    if problem is not None:
        return problem
    if not first_sighting(signature, int(timestamp)):
        return Answer(200, "a replay of a request already received: ignored", logging.WARNING)
    return body


def read_body(environ: dict) -> bytes | Answer:
    """The body, read only when its declared length is within MAX_BODY_BYTES."""
    if environ.get("HTTP_TRANSFER_ENCODING"):
        return Answer(411, "send the body with a Content-Length, not chunked")
    length_text = environ.get("CONTENT_LENGTH") or ""
    if not length_text.isascii() or not length_text.isdigit():
        return Answer(411 if not length_text else 400, "Content-Length is missing or not a number")
    length = int(length_text)
    if length > MAX_BODY_BYTES:
        return Answer(413, f"the body is larger than {MAX_BODY_BYTES} bytes")
    body = environ["wsgi.input"].read(length) if length else b""
    if len(body) != length:
        return Answer(400, "the body is shorter than its Content-Length")
    return body


def is_ssl_check(text: str) -> bool:
    # The substring test first: parsing every form (a /met line) only to find no ssl_check cost 5 % of its ack.
    return len(text) < 1024 and "ssl_check" in text and dict(parse_qsl(text)).get("ssl_check") == "1"


def shape_problem(media_type: str, text: str, allows_response_url: Callable[[object], bool]) -> Answer | None:
    """None if the body has a shape Slack sends (what Bolt expects to read), else the 4xx saying why not."""
    if media_type == JSON:
        payload = json_object(text)
        if payload is None:
            return Answer(400, "the JSON body is not an object")
    elif media_type == FORM:
        fields = dict(parse_qsl(text, keep_blank_values=True))
        if "payload" in fields:
            payload = json_object(fields["payload"])
            if payload is None:
                return Answer(400, "the payload is not a JSON object")
        elif fields.get("command", "").startswith("/"):
            payload = fields
        else:
            return Answer(400, "a form without a payload or a slash command")
    else:
        return Answer(415, f"Content-Type must be {JSON} or {FORM}")
    urls = [payload["response_url"]] if "response_url" in payload else []
    listed = payload.get("response_urls")  # a modal's, with response_url_enabled
    if listed is not None:
        if not isinstance(listed, list) or not all(isinstance(entry, dict) for entry in listed):
            return Answer(400, "response_urls is not a list of objects")
        urls.extend(entry.get("response_url") for entry in listed)
    if not all(allows_response_url(url) for url in urls):
        return Answer(400, "a response_url is not Slack's")
    return None


def json_object(text: str) -> dict | None:
    if not text.startswith("{"):  # Bolt reads a body as JSON only when it starts so
        return None
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return None
    return value if isinstance(value, dict) else None


def respond(start_response: Callable, status: int, body: bytes) -> list[bytes]:
    headers = [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(body)))]
    if status == 405:
        headers.append(("Allow", "POST"))
    start_response(f"{status} {HTTPStatus(status).phrase}", headers)
    return [body]


class FormSafeRequest(BoltRequest):
    """A BoltRequest that reads a slash command as the form it is.

    Bolt (slack_bolt.request.internals.parse_body, 1.30) takes any form body containing the word "payload" for
    an interactivity payload, so `/met Jan: about the payload` reached no listener and was answered 404. A form
    without a `payload` field is parsed as a plain form here; the raw body, which the signature covers, is
    untouched. Lazy listeners get a copy of the same kind."""

    def __init__(self, *, body: str | dict, **kwargs) -> None:
        super().__init__(body=body, **kwargs)
        if isinstance(body, str) and not self.body and self.content_type == FORM:
            form = dict(parse_qsl(body, keep_blank_values=True))
            if form and "payload" not in form:
                self.body = form
                self.context = build_context(BoltContext(kwargs.get("context") or {}), form)

    def to_copyable(self) -> FormSafeRequest:
        return FormSafeRequest(
            body=self.raw_body if self.mode == "http" else self.body,
            query=self.query,
            headers=self.headers,
            context=self.context.to_copyable(),
            mode=self.mode,
        )


class FormSafeRequestHandler(SlackRequestHandler):
    """Bolt's WSGI adapter, dispatching FormSafeRequests."""

    def dispatch(self, request: WsgiHttpRequest) -> BoltResponse:
        return self.app.dispatch(
            FormSafeRequest(body=request.get_body(), query=request.query_string, headers=request.get_headers())
        )


class HealthCheck:
    """Whether the database answers within HEALTH_TIMEOUT_SECONDS: a database that hangs (a connection accepted
    and never answered) is as down as one that refuses. One probe runs at a time, in a daemon thread (a hung
    probe must not keep the process from exiting); later checks wait on it rather than start more."""

    def __init__(self, engine: Engine, *, timeout: float = HEALTH_TIMEOUT_SECONDS) -> None:
        self.engine = engine
        self.timeout = timeout
        self._probe: Future[bool] | None = None
        self._lock = threading.Lock()

    def __call__(self) -> bool:
        with self._lock:
            if self._probe is None or self._probe.done():
                self._probe = Future()
                threading.Thread(target=self._run, args=(self._probe,), name="goodwill-healthz", daemon=True).start()
            probe = self._probe
        try:
            return probe.result(timeout=self.timeout)
        except FutureTimeout:
            return False

    def _run(self, probe: Future[bool]) -> None:
        probe.set_result(database_answers(self.engine))
