"""What a member was shown, read from what the Slack stand-in received: the answers to their commands and clicks
(response_url posts), the modals opened, pushed and updated for them, the Home tab published for them, and the
DMs and channel posts Goodwill sent — as values a test asserts on.

Slack keeps a message as the app last left it (chat.update replaces it), so `dms`, `the_nudge` and `the_dm` read
the stand-in's messages as they are now; `replies` and the modal readers read the calls in the order they came.
Everything waits for what comes after the acknowledgement (lazy listeners, follow-ups), up to a few seconds.
"""

from __future__ import annotations

import json
from typing import Any


# --- any message, view or call ---------------------------------------------------------------------------------
def blocks_of(message: Any) -> list[dict]:
    """The blocks of a message, a view or a call that carried them (sent as JSON text or as a list)."""
    blocks = message.get("blocks") or []
    return json.loads(blocks) if isinstance(blocks, str) else blocks


def text_of(shown: Any) -> str:
    """Everything a reader sees, as one string to assert on, with characters as characters (no unicode escapes):
    a message's blocks and fallback text; a whole view (title, blocks, buttons); a block; or a list of blocks."""
    shown = getattr(shown, "params", shown)  # a call the stand-in recorded: what it carried
    if isinstance(shown, str):
        shown = json.loads(shown)
    if isinstance(shown, list):
        return json.dumps(shown, ensure_ascii=False)
    if shown.get("type") in ("modal", "home"):
        return json.dumps({**shown, "blocks": blocks_of(shown)}, ensure_ascii=False)
    if "blocks" in shown or isinstance(shown.get("text"), str):  # a message
        return json.dumps(blocks_of(shown), ensure_ascii=False) + (shown.get("text") or "")
    return json.dumps(shown, ensure_ascii=False)  # a block or an element


def lines_of(blocks: list[dict]) -> str:
    """The texts of sections and contexts, one a line, as Slack lays them out (no JSON around them)."""
    parts = []
    for block in blocks:
        if "text" in block:
            parts.append(block["text"]["text"])
        for element in block.get("elements", []):
            parts.append(element.get("text", ""))
    return "\n".join(parts)


def actions_of(message: Any) -> list[dict]:
    """The buttons and menus of a message's actions blocks, in order."""
    return [element for block in blocks_of(message) if block["type"] == "actions" for element in block["elements"]]


def block(message: Any, block_id: str) -> dict:
    """The block with this id."""
    return next(b for b in blocks_of(message) if b.get("block_id") == block_id)


def view_of(call) -> dict:
    """The view a views.open/push/update/publish call carried."""
    view = call["view"]
    return json.loads(view) if isinstance(view, str) else view


# --- answers to what the member did -------------------------------------------------------------------------------
def replies(slack, count: int = 1) -> list[dict]:
    """The answers posted to response_url (a command's or a click's, ephemeral unless said otherwise), oldest
    first, once `count` have arrived."""
    return [call.params for call in slack.wait_for("response_url", count)]


def reply(goodwill, command: str, text: str = "", *, user_id: str = "U0ANNA", **kwargs) -> dict:
    """The member types `command text`: the answer Goodwill posts to the command's response_url."""
    before = len(goodwill.slack.calls_to("response_url"))
    response = goodwill.command(command, text, user_id=user_id, **kwargs)
    assert response.status == 200, response.text
    return replies(goodwill.slack, before + 1)[before]


def reply_to_click(goodwill, action_id: str, value: str | None = None, **kwargs) -> dict:
    """The member clicks a button (block_actions; `kwargs` as SlackSender.block_action takes them): the answer
    Goodwill posts to the click's response_url."""
    before = len(goodwill.slack.calls_to("response_url"))
    response = goodwill.block_action(action_id, value, **kwargs)
    assert response.status == 200, response.text
    return replies(goodwill.slack, before + 1)[before]


def acknowledged(response) -> str:
    """Everything the member sees in the acknowledgement itself (a command answered in its HTTP response)."""
    message = response.json()
    return message["text"] + json.dumps(message.get("blocks", []), ensure_ascii=False)


# --- modals and the Home tab ---------------------------------------------------------------------------------------
def modals_opened(slack, count: int = 1) -> list[dict]:
    """The modals opened for the member (views.open), oldest first, once `count` have been opened."""
    return [view_of(call) for call in slack.wait_for("views.open", count)]


def modals_pushed(slack, count: int = 1) -> list[dict]:
    return [view_of(call) for call in slack.wait_for("views.push", count)]


def modals_updated(slack, count: int = 1, *, view_id: str | None = None) -> list[dict]:
    """The modals redrawn (views.update), of `view_id` when given."""
    where = None if view_id is None else (lambda call: call["view_id"] == view_id)
    return [view_of(call) for call in slack.wait_for("views.update", count, where=where)]


def home_tabs(slack, user_id: str, count: int = 1) -> list[dict]:
    """The Home tabs published for this member, oldest first, once at least `count` have arrived."""
    return [view_of(c) for c in slack.wait_for("views.publish", count, where=lambda c: c["user_id"] == user_id)]


def homes_published(slack, user_id: str) -> int:
    return sum(1 for call in slack.calls_to("views.publish") if call["user_id"] == user_id)


def open_home(goodwill, user_id: str) -> dict:
    """The member opens Goodwill's Home tab: the view Goodwill publishes for them."""
    before = homes_published(goodwill.slack, user_id)
    event = {"type": "app_home_opened", "user": user_id, "channel": "D0HOME", "tab": "home", "event_ts": "1.000100"}
    assert goodwill.event(event).status == 200
    return home_tabs(goodwill.slack, user_id, before + 1)[-1]


# --- messages Goodwill sent -----------------------------------------------------------------------------------------
def dms(slack, user_id: str) -> list[dict]:
    """The messages in the member's DM with Goodwill (posted to their user id), as they are now."""
    return [message for (channel, _), message in slack.messages.items() if channel == user_id]


def received(slack) -> dict[str, int]:
    """How many messages each DM or channel holds, as its members see it (failed attempts never arrived)."""
    counts: dict[str, int] = {}
    for channel, _ts in slack.messages:
        counts[channel] = counts.get(channel, 0) + 1
    return counts


def posted_to(slack, channel: str) -> list:
    """The chat.postMessage calls to this channel (or DM), oldest first."""
    return [call for call in slack.calls_to("chat.postMessage") if call["channel"] == channel]


def posted_digest_section(slack, channel: str, heading: str) -> str:
    """The text of the section that starts with `*heading*` in the digest posted to `channel`."""
    [posted] = posted_to(slack, channel)
    sections = [b["text"]["text"] for b in blocks_of(posted) if b["type"] == "section"]
    [section] = [text for text in sections if text.startswith(f"*{heading}*")]
    return section


def nudges_to(slack, user_id: str) -> list:
    """The chat.postMessage calls that were nudges to this member (DMs go to the user id)."""
    return [c for c in posted_to(slack, user_id) if _has_block(c, "nudge_intro")]


def the_nudge(slack, user_id: str) -> dict:
    """The one nudge in the member's DM, as Slack shows it now (after any chat.update)."""
    [message] = [m for m in dms(slack, user_id) if _has_block(m, "nudge_intro")]
    return message


def nudged_relations(message: Any) -> list[int]:
    """The relations a nudge (or the list of quiet relations) offers actions for, in order."""
    return [
        int(b["block_id"].removeprefix("nudge_"))
        for b in blocks_of(message)
        if b.get("type") == "actions" and b.get("block_id", "").removeprefix("nudge_").isdigit()
    ]


def _has_block(message: Any, block_id: str) -> bool:
    return any(b.get("block_id") == block_id for b in blocks_of(message))
