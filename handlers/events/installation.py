"""app_uninstalled and tokens_revoked: the workspace removed Goodwill (Slack sends both, in either order).

Handled before the acknowledgement, so that the tokens are gone when Slack hears back (and if it fails, Slack
sends the event again; doing it twice is harmless)."""

from __future__ import annotations

from slack_bolt import Ack, App, BoltContext

from bot.workspaces import uninstalled
from handlers.common import deps_of


def on_uninstalled(ack: Ack, body: dict, context: BoltContext) -> None:
    deps = deps_of(context)
    uninstalled(deps, body["team_id"], deps.now())
    ack()


def on_tokens_revoked(ack: Ack, body: dict, event: dict, context: BoltContext) -> None:
    # Goodwill holds only bot tokens: a revoked user token (none are asked for) changes nothing.
    deps = deps_of(context)
    if (event.get("tokens") or {}).get("bot"):
        uninstalled(deps, body["team_id"], deps.now())
    ack()


def register(app: App) -> None:
    app.event("app_uninstalled")(on_uninstalled)
    app.event("tokens_revoked")(on_tokens_revoked)
