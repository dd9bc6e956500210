"""Slack modal submissions and their pickers' options.

One module per feature defines its listeners as top-level functions and lists them in its register(app).
Listeners reach the Deps through Bolt's context (handlers.common.deps_of)."""

from __future__ import annotations

from slack_bolt import App

from handlers.views import gatherings, recording, relation_card, strategy


def register(app: App) -> None:
    recording.register(app)
    relation_card.register(app)
    strategy.register(app)
    gatherings.register(app)
