"""The WSGI application: Bolt at POST /slack/events, and GET /healthz."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from sqlalchemy import Engine

from storage.db import database_answers

SLACK_PATH = "/slack/events"


def make_wsgi_app(app: App, engine: Engine) -> Callable:
    slack = SlackRequestHandler(app, path=SLACK_PATH)

    def wsgi(environ: dict, start_response: Callable) -> Iterable[bytes]:
        if environ.get("PATH_INFO") == "/healthz":
            healthy = database_answers(engine)
            body = b"ok\n" if healthy else b"database unavailable\n"
            start_response(
                "200 OK" if healthy else "503 Service Unavailable",
                [("Content-Type", "text/plain"), ("Content-Length", str(len(body)))],
            )
            return [body]
        return slack(environ, start_response)

    return wsgi
