"""user_change: a member deactivated (deleted: true) or back (deleted: false) starts or ends the hand-over of
their relations (bot.handover). Acknowledged at once; the work runs after the ack, and a redelivered event
finds every step already taken."""

from __future__ import annotations

from slack_bolt import App, BoltContext

from bot.handover import member_changed
from handlers.common import acknowledge, deps_of


def on_user_change(body: dict, event: dict, context: BoltContext) -> None:
    deps = deps_of(context)
    user = event.get("user")
    team_id = body.get("team_id")
    if isinstance(user, dict) and team_id:
        member_changed(deps, team_id, user)


def register(app: App) -> None:
    app.event("user_change")(ack=acknowledge, lazy=[on_user_change])
