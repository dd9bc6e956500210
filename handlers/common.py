"""Small pieces every listener kind shares."""

from __future__ import annotations

from slack_bolt import BoltContext, Respond
from slack_sdk import WebClient

# The ack function decides; the lazy listener does the Web API calls. Custom context keys are copied
# to lazy listeners, so the decision travels with the request.
FORM_KEY = "goodwill_form"  # a modal to open
REPLY_KEY = "goodwill_reply"  # a message for response_url


def follow_up(context: BoltContext, client: WebClient, body: dict, respond: Respond) -> None:
    """Lazy listener: open the modal and/or send the reply the ack function left in the context."""
    view = context.get(FORM_KEY)
    if view and body.get("trigger_id"):
        client.views_open(trigger_id=body["trigger_id"], view=view)
    reply = context.get(REPLY_KEY)
    if reply:
        respond(**reply)
