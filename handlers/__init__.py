"""Slack listeners by kind. Each is thin: ack at once, parse the payload, call the domain, render."""

from __future__ import annotations

from collections.abc import Callable

from slack_bolt import App, BoltContext

from bot.deps import Deps
from handlers import actions, commands, events, shortcuts, views
from handlers.common import DEPS


def register_all(app: App, deps: Deps) -> None:
    """Every listener, and the middleware that hands them the Deps (handlers.common.deps_of)."""

    def provide_deps(context: BoltContext, next: Callable[[], object]) -> None:
        context[DEPS] = deps
        next()

    app.use(provide_deps)
    for kind in (commands, shortcuts, actions, views, events):
        kind.register(app)
