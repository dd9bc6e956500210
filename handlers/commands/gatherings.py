"""/event: plan a network gathering in a modal; `/event list` shows upcoming and recent gatherings.

In the code a network event is a *gathering*; `/event` is the slash command's name in Slack (manifest.yml) and
what members type, so it stays."""

from __future__ import annotations

from slack_bolt import App, BoltContext, Respond
from slack_sdk import WebClient

from bot import gatherings
from bot.members import reader
from bot.render.gatherings import gathering_modal, text
from handlers.common import acknowledge, deps_of
from storage.db import transaction

LIST_WORDS = {"list", "lijst", "ls"}
PLAN_WORDS = {"", "new", "plan", "nieuw", "plannen"}


def answer(command: dict, client: WebClient, respond: Respond, context: BoltContext) -> None:
    deps = deps_of(context)
    team_id, user_id = command["team_id"], command["user_id"]
    word = (command.get("text") or "").strip().lower()
    with transaction(deps.sessions) as session:
        if word in LIST_WORDS:
            respond(**gatherings.gathering_list(deps, session, team_id, user_id))
            return
        if word not in PLAN_WORDS:
            me = reader(deps, session, team_id, user_id)
            respond(response_type="ephemeral", text=text("list_help", me.language))
            return
        me = reader(deps, session, team_id, user_id)
        view = gathering_modal(gatherings.gathering_form(deps, session, team_id, user_id), me.language)
    client.views_open(trigger_id=command["trigger_id"], view=view)


def register(app: App) -> None:
    app.command("/event")(ack=acknowledge, lazy=[answer])
