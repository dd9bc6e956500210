"""`goodwill serve`: gunicorn (threaded workers) in HTTP mode, or Socket Mode when SLACK_APP_TOKEN is set."""

from __future__ import annotations

import gc
import logging
from typing import TYPE_CHECKING

from gunicorn.app.base import BaseApplication
from slack_bolt.adapter.socket_mode import SocketModeHandler

from bot.app import build_app
from bot.deps import Deps
from bot.settings import Settings
from bot.web import make_wsgi_app
from storage.db import checkpoint_in_background
from storage.migrate import upgrade

if TYPE_CHECKING:
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    from bot.deps import Deps

log = logging.getLogger("goodwill")


class GunicornServer(BaseApplication):
    """Gunicorn driven from code, so the Procfile needs only `goodwill serve`."""

    def __init__(self, settings: Settings, *, workers: int, threads: int = 8) -> None:
        self.settings = settings
        self.options = {
            "bind": f"0.0.0.0:{settings.port}",
            "workers": workers,
            "worker_class": "gthread",
            "threads": threads,
            "timeout": 30,
            "graceful_timeout": 10,
            "accesslog": None,
            "errorlog": "-",
            "loglevel": "warning",
        }
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        # Built in each worker after the fork: connection pools and clients are never shared across processes.

        deps = Deps.from_settings(self.settings)
        app = build_app(deps)
        ready_to_serve(deps)
        return make_wsgi_app(app, deps.engine, deps.settings)


def ready_to_serve(deps) -> None:
    """The last steps of a serving process's start, after the app is built.

    - Build what the first request would otherwise wait for (dateparser's parser: about a second).
    - SQLite: checkpoint the write-ahead log in the background, not inside a request's commit.
    - settle_heap().
    """

    _ = deps.date_reader  # built (and warmed up) once per process
    checkpoint_in_background(deps.engine)
    settle_heap()


def settle_heap() -> None:
    """gc.freeze(): the start-up heap (Bolt, SQLAlchemy, dateparser's data: hundreds of thousands of objects)
    leaves the garbage collector's reach, so its full collections, which otherwise pause a request for
    60–130 ms, scan only what requests created."""
    gc.collect()
    gc.freeze()


def socket_mode_handler(deps: Deps) -> SocketModeHandler:
    """Goodwill behind Bolt's Socket Mode handler, not connected yet: Slack's requests come over a WebSocket
    that the app opens (apps.connections.open with the app-level token), so no public URL is needed."""

    return SocketModeHandler(build_app(deps), deps.settings.slack_app_token)


def serve(settings: Settings) -> None:

    settings.require_slack()
    deps = Deps.from_settings(settings)
    upgrade(deps.engine)
    if settings.slack_app_token:
        log.warning("Goodwill is running in Socket Mode")
        handler = socket_mode_handler(deps)
        ready_to_serve(deps)
        handler.start()
        return
    deps.engine.dispose()
    log.warning("Goodwill is listening on port %s", settings.port)
    GunicornServer(settings, workers=settings.web_concurrency).run()
