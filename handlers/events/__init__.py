"""Slack's Events API.

One module per feature defines its listeners as top-level functions and lists them in its register(app).
Listeners reach the Deps through Bolt's context (handlers.common.deps_of)."""

from __future__ import annotations

from slack_bolt import App

from handlers.events import app_home, installation, nudges, user_change


def register(app: App) -> None:
    nudges.register(app)
    app_home.register(app)
    user_change.register(app)
    installation.register(app)
