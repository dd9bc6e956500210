"""Slack shortcuts.

One module per feature defines its listeners as top-level functions and lists them in its register(app).
Listeners reach the Deps through Bolt's context (handlers.common.deps_of)."""

from __future__ import annotations

from slack_bolt import App

from handlers.shortcuts import log_as_meeting


def register(app: App) -> None:
    log_as_meeting.register(app)
