"""/goodwill nudges [HH:MM]: when owners get their daily nudge, each in their own time zone.

Without a time it shows the setting (to anyone); changing it is for workspace admins and team leads.
"""

from __future__ import annotations

from slack_bolt import Respond
from slack_sdk import WebClient

from bot import permissions
from bot.deps import Deps
from bot.domain.nudges import nudge_time_of, parse_nudge_time
from bot.members import reader
from bot.render.digest_settings import T
from bot.render.text import escape, truncate
from storage.db import transaction
from storage.workspaces import ensure_workspace


def handle(deps: Deps, command: dict, args: str, client: WebClient, respond: Respond) -> None:
    # Answer after the commit, so that whoever reads the answer finds the change stored.
    respond(response_type="ephemeral", text=_answer(deps, command, args))


def _answer(deps: Deps, command: dict, args: str) -> str:
    team_id, user_id = command["team_id"], command["user_id"]
    with transaction(deps.sessions) as session:
        who = reader(deps, session, team_id, user_id)
        language = who.language
        workspace = ensure_workspace(session, team_id)
        may_change = permissions.may_set_workspace_settings(who)

        def setting() -> str:
            return T("nudges_current", language, time=nudge_time_of(workspace.nudge_time).strftime("%H:%M"))

        if not args:
            return setting() + ("" if may_change else "\n" + T("nudges_how_to_change", language))
        if not may_change:
            return T("nudges_not_allowed", language)
        chosen = parse_nudge_time(args)
        if chosen is None:
            return T("bad_time", language, word=escape(truncate(args, 80)))
        workspace.nudge_time = chosen.strftime("%H:%M")
        return T("saved", language, current=setting())
