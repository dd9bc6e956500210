"""Slack slash commands.

One module per feature defines its listeners as top-level functions and lists them in its register(app).
Listeners reach the Deps through Bolt's context (handlers.common.deps_of)."""

from __future__ import annotations

from slack_bolt import App

from handlers.commands import gatherings, goodwill, network, recording, relation, whoknows


def register(app: App) -> None:
    recording.register(app)
    goodwill.register(app)
    relation.register(app)
    whoknows.register(app)
    network.register(app)
    gatherings.register(app)
