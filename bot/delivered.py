"""Was it delivered? Asking Slack before sending again what a process that died may already have sent.

Nudges and digests are claimed in the database before they are sent, so no two runs send the same one. But a
process can die (kill -9, a crash, a redeploy) after Slack has received its message and before it could record
that: the claim stays behind, and the run that takes it over cannot tell from the database whether the message
arrived. So every message Goodwill may have to resend carries message metadata naming what it is (`marker`),
and a run that takes over an earlier attempt first looks for it in the conversation (`posted`, `shared`).
Reading a conversation's history needs the bot scopes im:history (DMs) and channels:history / groups:history
(the digest channel); a workspace that has not granted them yet gets the message again rather than not at all.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

log = logging.getLogger("goodwill.delivered")

NUDGE = "goodwill_nudge"
DIGEST = "goodwill_digest"
# The newest messages looked at: a takeover happens within the hour, and Goodwill's DMs and digest channel see
# far fewer messages than this in that time.
LOOK_BACK = 100
# Where Slack will not show the history (the scopes are missing in a workspace installed before they were asked
# for; a digest channel configured by name), Goodwill sends again rather than lose the message.
CANNOT_LOOK = {"missing_scope", "not_allowed_token_type", "no_permission", "channel_not_found", "not_in_channel"}


@dataclass(frozen=True)
class Posted:
    channel: str
    ts: str
    payload: dict


def marker(kind: str, **payload: str) -> dict:
    """Message metadata naming what a message is (chat.postMessage's `metadata`)."""
    return {"event_type": kind, "event_payload": payload}


def dm_channel(client: WebClient, user_id: str) -> str:
    """The id (D…) of the app's DM with a member."""
    return client.conversations_open(users=user_id)["channel"]["id"]


def _history(client: WebClient, channel: str) -> list[dict] | None:
    """The conversation's newest messages; None when this workspace has not granted the scope to read it."""
    try:
        response = client.conversations_history(channel=channel, limit=LOOK_BACK, include_all_metadata=True)
    except SlackApiError as error:
        if error.response.get("error") in CANNOT_LOOK:
            log.warning("cannot read %s to check for an earlier delivery (%s)", channel, error.response["error"])
            return None
        raise
    return response.get("messages") or []


def posted(client: WebClient, channel: str, kind: str, **match: str) -> Posted | None:
    """The message of this kind (and payload values) already in `channel`, if an earlier attempt posted it.

    Raises SlackApiError (or a connection error) when Slack cannot be asked: the caller records a failure and
    tries again later, rather than sending blind."""
    for message in _history(client, channel) or []:
        metadata = message.get("metadata") or {}
        payload = metadata.get("event_payload") or {}
        if metadata.get("event_type") == kind and all(payload.get(k) == v for k, v in match.items()):
            return Posted(channel, message["ts"], payload)
    return None


def shared(client: WebClient, channel: str, filename: str) -> bool:
    """Whether a file of this name was already shared into `channel` (by an earlier attempt)."""
    for message in _history(client, channel) or []:
        if any(f.get("name") == filename for f in message.get("files") or []):
            return True
    return False
