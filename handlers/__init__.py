"""Slack listeners by kind. Each is thin: ack at once, parse the payload, call the domain, render."""

from __future__ import annotations

from slack_bolt import App

from bot.deps import Deps


def register_all(app: App, deps: Deps) -> None:
    from handlers import actions, commands, events, shortcuts, views

    for kind in (commands, shortcuts, actions, views, events):
        kind.register(app, deps)
