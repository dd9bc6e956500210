"""app_uninstalled and tokens_revoked: the workspace removed Goodwill (Slack sends both, in either order).

Handled before the acknowledgement, so that the tokens are gone when Slack hears back (and if it fails, Slack
sends the event again; doing it twice is harmless)."""

from __future__ import annotations

from slack_bolt import Ack, App

from bot.deps import Deps
from bot.workspaces import uninstalled


def register(app: App, deps: Deps) -> None:
    def on_uninstalled(ack: Ack, body: dict) -> None:
        uninstalled(deps, body["team_id"], deps.now())
        ack()

    def on_tokens_revoked(ack: Ack, body: dict, event: dict) -> None:
        # Goodwill holds only bot tokens: a revoked user token (none are asked for) changes nothing.
        if (event.get("tokens") or {}).get("bot"):
            uninstalled(deps, body["team_id"], deps.now())
        ack()

    app.event("app_uninstalled")(on_uninstalled)
    app.event("tokens_revoked")(on_tokens_revoked)
