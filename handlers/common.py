"""Small pieces every listener kind shares."""

from __future__ import annotations

from collections.abc import Callable

from slack_bolt import BoltContext, Respond
from slack_sdk import WebClient

from bot.deps import Deps

# The ack function decides; the lazy listener does the Web API calls. Custom context keys are copied
# to lazy listeners, so the decision travels with the request.
FORM_KEY = "goodwill_form"  # a modal to open
REPLY_KEY = "goodwill_reply"  # a message for response_url
CHANGED_KEY = "goodwill_changed"  # {"relations": [...], "users": [...]}: redraw their nudges and Home tabs


def changed(context: BoltContext, *, relation_ids=(), user_ids=()) -> None:
    context[CHANGED_KEY] = {"relations": list(relation_ids), "users": list(user_ids)}


def follow_up(deps: Deps) -> Callable[..., None]:
    """A lazy listener that opens the modal, sends the reply and redraws what the ack function left."""

    def follow_up(context: BoltContext, client: WebClient, body: dict, respond: Respond) -> None:
        view = context.get(FORM_KEY)
        if view and body.get("trigger_id"):
            client.views_open(trigger_id=body["trigger_id"], view=view)
        reply = context.get(REPLY_KEY)
        if reply:
            respond(**reply)
        change = context.get(CHANGED_KEY)
        if change:
            from bot.ripple import after_change

            after_change(deps, context.team_id, relation_ids=change["relations"], user_ids=change["users"])

    return follow_up
