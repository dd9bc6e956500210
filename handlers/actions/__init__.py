"""Slack actions (button clicks, menus, pickers).

One module per feature defines its listeners as top-level functions and lists them in its register(app).
Listeners reach the Deps through Bolt's context (handlers.common.deps_of)."""

from __future__ import annotations

from slack_bolt import App

from handlers.actions import forget, gatherings, handover, nudges, recording, relation_card, search


def register(app: App) -> None:
    recording.register(app)
    nudges.register(app)
    relation_card.register(app)
    forget.register(app)
    gatherings.register(app)
    handover.register(app)
    search.register(app)
