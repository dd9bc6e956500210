"""Requests to the app exactly as Slack sends them: real HTTP, real v0 signatures, Slack's payload shapes."""

from __future__ import annotations

import itertools
import json
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from slack_sdk.signature import SignatureVerifier

from tests.support.slack_standin import TEAM_ID

SIGNING_SECRET = "goodwill-test-signing-secret"
APP_ID = "A0GOODWILL"
_triggers = itertools.count(1)


def command_fields(standin, command: str, text: str, user_id: str, team_id: str, channel_id: str) -> dict[str, str]:
    """What Slack sends for a slash command: posted as a form over HTTP, the payload of a Socket Mode envelope."""
    return {
        "token": "legacy-verification-token",
        "team_id": team_id,
        "team_domain": "goodwill-test",
        "channel_id": channel_id,
        "channel_name": "general",
        "user_id": user_id,
        "user_name": user_id.lower(),
        "command": command,
        "text": text,
        "api_app_id": APP_ID,
        "is_enterprise_install": "false",
        "response_url": standin.response_url(f"cmd{next(_triggers)}"),
        "trigger_id": f"{next(_triggers)}.trigger",
    }


def meeting_form_values(
    *,
    relation_id=None,
    new_name=None,
    organisation=None,
    day="2026-11-26",
    notes=None,
    gave=None,
    got=None,
    themes=(),
    colleagues=(),
    private=False,
    tier=None,
    kind=None,
) -> dict:
    """state.values as Slack sends them when the recording modal is submitted (for SlackSender.view_submission)."""

    def text(value):
        return {"type": "plain_text_input", "value": value}

    # Someone new is an option of the relation select too: "Someone new: <name>", value "new:<name>".
    picked = str(relation_id) if relation_id else f"new:{new_name}" if new_name else None
    return {
        "relation": {
            "relation_select": {
                "type": "external_select",
                "selected_option": ({"value": picked, "text": {"type": "plain_text", "text": "x"}} if picked else None),
            }
        },
        "organisation": {"organisation": text(organisation)},
        "date": {"date": {"type": "datepicker", "selected_date": day}},
        "kind": {"kind": {"type": "static_select", "selected_option": {"value": kind} if kind else None}},
        "colleagues": {"colleagues": {"type": "multi_users_select", "selected_users": list(colleagues)}},
        "themes": {
            "themes_select": {
                "type": "multi_external_select",
                "selected_options": [{"value": t, "text": {"type": "plain_text", "text": t}} for t in themes],
            }
        },
        "tier": {"tier": {"type": "static_select", "selected_option": {"value": tier} if tier else None}},
        "notes": {"notes": text(notes)},
        "private": {"private": {"type": "checkboxes", "selected_options": [{"value": "private"}] if private else []}},
        "gave": {"gave": text(gave)},
        "got": {"got": text(got)},
    }


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")

    def json(self) -> Any:
        return json.loads(self.body) if self.body else None


class SlackSender:
    """Sends signed requests to a running Goodwill at `base_url` (…/slack/events)."""

    def __init__(self, base_url: str, standin, *, signing_secret: str = SIGNING_SECRET) -> None:
        self.url = base_url.rstrip("/") + "/slack/events"
        self.standin = standin
        self.verifier = SignatureVerifier(signing_secret)

    # --- transport -------------------------------------------------------------------------------
    def post(
        self,
        body: str,
        content_type: str,
        *,
        timestamp: int | None = None,
        signature: str | None = None,
        headers: dict[str, str] | None = None,
        timeout: float = 15,
    ) -> Response:
        timestamp = int(time.time()) if timestamp is None else timestamp
        signature = signature or self.verifier.generate_signature(timestamp=str(timestamp), body=body)
        request = urllib.request.Request(
            self.url,
            data=body.encode("utf-8"),
            method="POST",
            headers={
                "Content-Type": content_type,
                "X-Slack-Request-Timestamp": str(timestamp),
                "X-Slack-Signature": signature,
                "User-Agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
                **(headers or {}),
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return Response(response.status, dict(response.headers.items()), response.read())
        except urllib.error.HTTPError as error:
            return Response(error.code, dict(error.headers.items()), error.read())

    def form(self, fields: dict[str, str], **kwargs) -> Response:
        return self.post(urlencode(fields), "application/x-www-form-urlencoded", **kwargs)

    def payload(self, payload: dict, **kwargs) -> Response:
        return self.form({"payload": json.dumps(payload)}, **kwargs)

    # --- what Slack sends ------------------------------------------------------------------------
    def command(
        self,
        command: str,
        text: str = "",
        *,
        user_id: str = "U0ANNA",
        team_id: str = TEAM_ID,
        channel_id: str = "C0GENERAL",
        **kwargs,
    ) -> Response:
        """A slash command, form-encoded as Slack posts it."""
        return self.form(command_fields(self.standin, command, text, user_id, team_id, channel_id), **kwargs)

    def block_action(
        self,
        action_id: str,
        value: str | None = None,
        *,
        user_id: str = "U0ANNA",
        team_id: str = TEAM_ID,
        block_id: str = "b1",
        message: dict | None = None,
        channel_id: str = "C0GENERAL",
        container: dict | None = None,
        view: dict | None = None,
        selected_option: dict | None = None,
        selected_user: str | None = None,
        action_type: str = "button",
        **kwargs,
    ) -> Response:
        """A click in a message (or a view), as a block_actions payload."""
        action: dict[str, Any] = {
            "action_id": action_id,
            "block_id": block_id,
            "type": action_type,
            "action_ts": f"{time.time():.6f}",
        }
        if value is not None:
            action["value"] = value
        if selected_option is not None:
            action["selected_option"] = selected_option
        if selected_user is not None:
            action["selected_user"] = selected_user
        message = message or {"type": "message", "ts": "1700000000.000100", "text": "", "blocks": []}
        payload: dict[str, Any] = {
            "type": "block_actions",
            "user": {"id": user_id, "username": user_id.lower(), "name": user_id.lower(), "team_id": team_id},
            "api_app_id": APP_ID,
            "token": "legacy-verification-token",
            "container": container
            or {
                "type": "message",
                "message_ts": message["ts"],
                "channel_id": channel_id,
                "is_ephemeral": False,
            },
            "trigger_id": f"{next(_triggers)}.trigger",
            "team": {"id": team_id, "domain": "goodwill-test"},
            "enterprise": None,
            "is_enterprise_install": False,
            "actions": [action],
        }
        if view is not None:
            payload["view"] = view
            payload["container"] = container or {"type": "view", "view_id": view.get("id", "V0")}
        else:
            payload["channel"] = {"id": channel_id, "name": "general"}
            payload["message"] = message
            payload["response_url"] = self.standin.response_url(f"act{next(_triggers)}")
            payload["state"] = {"values": {}}
        return self.payload(payload, **kwargs)

    def view_submission(
        self, view: dict, values: dict, *, user_id: str = "U0ANNA", team_id: str = TEAM_ID, **kwargs
    ) -> Response:
        """Submitting a modal: `view` as the app opened it, `values` as state.values (block_id → action_id → value)."""
        submitted = dict(view)
        submitted.setdefault("id", "V0SUBMIT")
        submitted["team_id"] = team_id
        submitted["state"] = {"values": values}
        submitted.setdefault("hash", "h1")
        payload = {
            "type": "view_submission",
            "team": {"id": team_id, "domain": "goodwill-test"},
            "user": {"id": user_id, "username": user_id.lower(), "name": user_id.lower(), "team_id": team_id},
            "api_app_id": APP_ID,
            "token": "legacy-verification-token",
            "trigger_id": f"{next(_triggers)}.trigger",
            "view": submitted,
            "response_urls": [],
            "is_enterprise_install": False,
            "enterprise": None,
        }
        return self.payload(payload, **kwargs)

    def view_input_action(
        self,
        view: dict,
        values: dict,
        action_id: str,
        block_id: str,
        *,
        user_id: str = "U0ANNA",
        team_id: str = TEAM_ID,
    ) -> Response:
        """An input with dispatch_action in an open modal: block_actions carrying the view, its state.values
        (`values`, block_id → action_id → value) and the action, as the input's value in `values`."""
        action = {
            "action_id": action_id,
            "block_id": block_id,
            "action_ts": f"{time.time():.6f}",
            **values[block_id][action_id],
        }
        payload = {
            "type": "block_actions",
            "user": {"id": user_id, "username": user_id.lower(), "name": user_id.lower(), "team_id": team_id},
            "api_app_id": APP_ID,
            "token": "legacy-verification-token",
            "container": {"type": "view", "view_id": view["id"]},
            "trigger_id": f"{next(_triggers)}.trigger",
            "team": {"id": team_id, "domain": "goodwill-test"},
            "enterprise": None,
            "is_enterprise_install": False,
            "view": {**view, "state": {"values": values}},
            "actions": [action],
        }
        return self.payload(payload)

    def checkboxes_action(
        self, message: dict, block_id: str, ticked: list[str], *, user_id: str, channel_id: str, team_id: str = TEAM_ID
    ) -> Response:
        """(Un)ticking in a message's checkbox group: block_actions with the group's options now selected."""
        block = next(b for b in message["blocks"] if b.get("block_id") == block_id)
        element = block["elements"][0]
        action = {
            "type": "checkboxes",
            "action_id": element["action_id"],
            "block_id": block_id,
            "selected_options": [o for o in element["options"] if o["value"] in ticked],
            "action_ts": f"{time.time():.6f}",
        }
        payload = {
            "type": "block_actions",
            "user": {"id": user_id, "username": user_id.lower(), "name": user_id.lower(), "team_id": team_id},
            "api_app_id": APP_ID,
            "token": "legacy-verification-token",
            "container": {
                "type": "message",
                "message_ts": message["ts"],
                "channel_id": channel_id,
                "is_ephemeral": False,
            },
            "trigger_id": f"{next(_triggers)}.trigger",
            "team": {"id": team_id, "domain": "goodwill-test"},
            "enterprise": None,
            "is_enterprise_install": False,
            "channel": {"id": channel_id, "name": "directmessage"},
            "message": message,
            "response_url": self.standin.response_url(f"act{next(_triggers)}"),
            "state": {"values": {}},
            "actions": [action],
        }
        return self.payload(payload)

    def message_action(
        self,
        callback_id: str,
        message: dict,
        *,
        user_id: str = "U0ANNA",
        team_id: str = TEAM_ID,
        channel_id: str = "C0GENERAL",
        **kwargs,
    ) -> Response:
        """A message shortcut on `message`."""
        payload = {
            "type": "message_action",
            "token": "legacy-verification-token",
            "action_ts": f"{time.time():.6f}",
            "team": {"id": team_id, "domain": "goodwill-test"},
            "user": {"id": user_id, "username": user_id.lower(), "name": user_id.lower(), "team_id": team_id},
            "channel": {"id": channel_id, "name": "general"},
            "is_enterprise_install": False,
            "enterprise": None,
            "callback_id": callback_id,
            "trigger_id": f"{next(_triggers)}.trigger",
            "response_url": self.standin.response_url(f"sc{next(_triggers)}"),
            "message_ts": message["ts"],
            "message": message,
        }
        return self.payload(payload, **kwargs)

    def block_suggestion(
        self,
        action_id: str,
        value: str,
        *,
        block_id: str = "b1",
        view: dict | None = None,
        user_id: str = "U0ANNA",
        team_id: str = TEAM_ID,
        **kwargs,
    ) -> Response:
        """An external select asking for options as the user types."""
        payload = {
            "type": "block_suggestion",
            "user": {"id": user_id, "username": user_id.lower(), "name": user_id.lower(), "team_id": team_id},
            "container": {"type": "view", "view_id": (view or {}).get("id", "V0")},
            "api_app_id": APP_ID,
            "token": "legacy-verification-token",
            "action_id": action_id,
            "block_id": block_id,
            "value": value,
            "team": {"id": team_id, "domain": "goodwill-test"},
            "enterprise": None,
            "is_enterprise_install": False,
            "view": view or {"id": "V0", "type": "modal", "callback_id": "meeting"},
        }
        return self.payload(payload, **kwargs)

    def event(
        self,
        event: dict,
        *,
        team_id: str = TEAM_ID,
        event_id: str | None = None,
        retry_num: int | None = None,
        **kwargs,
    ) -> Response:
        """An Events API callback, JSON; a redelivery carries X-Slack-Retry-Num."""
        envelope = {
            "token": "legacy-verification-token",
            "team_id": team_id,
            "api_app_id": APP_ID,
            "event": event,
            "type": "event_callback",
            "event_id": event_id or f"Ev{next(_triggers):08d}",
            "event_time": int(time.time()),
            "authorizations": [
                {"team_id": team_id, "user_id": "U0BOT", "is_bot": True, "is_enterprise_install": False}
            ],
            "is_ext_shared_channel": False,
        }
        headers = kwargs.pop("headers", {}) or {}
        if retry_num is not None:
            headers = {**headers, "X-Slack-Retry-Num": str(retry_num), "X-Slack-Retry-Reason": "http_timeout"}
        return self.post(json.dumps(envelope), "application/json", headers=headers, **kwargs)

    def url_verification(self, challenge: str) -> Response:
        body = json.dumps({"token": "legacy-verification-token", "challenge": challenge, "type": "url_verification"})
        return self.post(body, "application/json")
