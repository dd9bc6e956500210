"""The "Log as meeting" message shortcut: the recording form, prefilled from the message."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from slack_bolt import Ack, App, BoltContext

from bot.domain.fields import strip_invisible
from bot.domain.recording_form import MeetingPrefill
from bot.members import asking
from bot.render.recording_form import NOTES_MAX, meeting_modal
from bot.render.text import unescape_slack
from handlers.common import FollowUp, deps_of, follow_up

CALLBACK_ID = "log_as_meeting"
MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")


def prefill(ack: Ack, body: dict, context: BoltContext) -> None:
    deps = deps_of(context)
    ack()
    message = body.get("message") or {}
    team_id, user_id = body["team"]["id"], body["user"]["id"]
    who = asking(deps, team_id, user_id)  # no transaction open while Slack answers
    try:
        sent = datetime.fromtimestamp(float(message.get("ts") or body.get("message_ts")), UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        sent = deps.now()
    text = str(message.get("text") or "")
    mentioned = tuple(dict.fromkeys(u for u in MENTION.findall(text) if u != user_id))
    form = MeetingPrefill(
        occurred_on=min(sent.astimezone(who.tz).date(), who.today),
        colleagues=mentioned,
        notes=strip_invisible(unescape_slack(text))[:NOTES_MAX],
        channel_id=(body.get("channel") or {}).get("id"),
    )
    view = meeting_modal(form, who.language)
    follow_up(deps, FollowUp(team_id, form=view, trigger_id=body.get("trigger_id")))


def register(app: App) -> None:
    app.shortcut(CALLBACK_ID)(prefill)
