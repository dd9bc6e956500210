"""Slack actions, one module per feature, each with register(app, deps)."""

from __future__ import annotations

from importlib import import_module

from slack_bolt import App

from bot.deps import Deps

FEATURES: tuple[str, ...] = ("recording", "nudges", "relation_card", "forget", "gatherings", "handover", "search")


def register(app: App, deps: Deps) -> None:
    for name in FEATURES:
        import_module(f"{__name__}.{name}").register(app, deps)
