"""The safety net under every listener: an exception becomes one log line and a polite answer, never a 500.

Listeners validate what they read; whatever still raises (a payload Slack would never send, a bug, a database
that is down) ends here. Work after the ack (follow-ups, lazy listeners) is outside it: its failures are logged
by handlers.common and by Bolt, and Slack has had its answer by then."""

from __future__ import annotations

import logging
import traceback
from pathlib import PurePath

from slack_bolt import App, BoltResponse

from bot.deps import Deps
from bot.outage import outage_answer
from bot.render.failure import sorry_modal, sorry_text
from handlers.common import FollowUp, follow_up

log = logging.getLogger("goodwill.slack")


def register(app: App, deps: Deps) -> None:
    def on_error(error: Exception, body: dict) -> BoltResponse:
        try:
            outage = outage_answer(error, body if isinstance(body, dict) else {}, deps)
            if outage is not None:  # the database is away: say so, and that nothing was stored (bot/outage.py)
                return outage
            log.error("%s failed: %s", what(body), one_line(error))
            return polite_answer(deps, body if isinstance(body, dict) else {})
        except Exception as again:  # the body is too odd even for this: still a plain acknowledgement
            log.error("the error handler failed too: %s", one_line(again))
            return BoltResponse(status=200, body="")

    app.error(on_error)


def polite_answer(deps: Deps, body: dict) -> BoltResponse:
    """Acknowledge, and say sorry where the member will see it: in the command's answer, in place of the modal,
    or as an ephemeral message through the response_url (when it is Slack's)."""
    kind = body.get("type")
    if isinstance(body.get("command"), str):
        return BoltResponse(status=200, body={"response_type": "ephemeral", "text": sorry_text()})
    if kind == "view_submission":
        return BoltResponse(status=200, body={"response_action": "update", "view": sorry_modal()})
    if kind == "block_suggestion":
        return BoltResponse(status=200, body={"options": []})
    response_url = body.get("response_url")
    if response_url and deps.settings.allows_response_url(response_url):
        reply = {"text": sorry_text(), "response_type": "ephemeral", "replace_original": False}
        follow_up(deps, FollowUp(team_of(body), reply=reply, response_url=response_url))
    return BoltResponse(status=200, body="")


def what(body: object) -> str:
    """The request in a few words for the log: the command, or the payload's type and action or callback id."""
    if not isinstance(body, dict):
        return "a request"
    if isinstance(body.get("command"), str):
        return body["command"][:40]
    parts = [str(body.get("type") or "a request")[:40]]
    actions = body.get("actions")
    if isinstance(actions, list) and actions and isinstance(actions[0], dict):
        parts.append(str(actions[0].get("action_id"))[:80])
    view = body.get("view")
    if isinstance(view, dict) and view.get("callback_id"):
        parts.append(str(view["callback_id"])[:80])
    if body.get("callback_id"):
        parts.append(str(body["callback_id"])[:80])
    return " ".join(parts)


def one_line(error: BaseException) -> str:
    """'KeyError: 'actions' (handlers/actions/recording.py:42)': what and where, without the traceback."""
    frames = traceback.extract_tb(error.__traceback__)
    where = ""
    if frames:
        path = PurePath(frames[-1].filename)
        where = f" ({'/'.join(path.parts[-3:])}:{frames[-1].lineno})"
    message = str(error).replace("\n", " ")[:200]
    return f"{type(error).__name__}: {message}{where}"


def team_of(body: dict) -> str:
    team = body.get("team")
    if isinstance(team, dict) and isinstance(team.get("id"), str):
        return team["id"]
    user = body.get("user")
    return str(user.get("team_id") or "") if isinstance(user, dict) else ""
