"""Reactions on a nudge: ✅ records a contact today (nudge about one relation), 💤 snoozes two weeks.

Acknowledged at once (so Slack does not redeliver); the event id is recorded with the effect, so a
redelivery (X-Slack-Retry-Num) never counts twice.
"""

from __future__ import annotations

from slack_bolt import App, BoltContext
from slack_sdk import WebClient

from bot import redraw
from bot.nudges import react
from bot.render.changes import notice
from handlers.common import acknowledge, deps_of


def on_reaction(body: dict, client: WebClient, context: BoltContext) -> None:
    deps = deps_of(context)
    event = body.get("event") or {}
    item = event.get("item") or {}
    if item.get("type") != "message" or not event.get("user"):
        return
    team_id = body.get("team_id") or ""
    result = react(
        deps,
        team_id,
        body.get("event_id") or "",
        event["user"],
        item.get("channel", ""),
        item.get("ts", ""),
        event.get("reaction", ""),
    )
    if result.notice:
        client.chat_postEphemeral(
            channel=item["channel"],
            user=event["user"],
            text=notice(result.notice, result.language, {}),
        )
    redraw.after_change(deps, team_id, relation_ids=result.changed)


def register(app: App) -> None:
    app.event("reaction_added")(ack=acknowledge, lazy=[on_reaction])
