"""/event: plan a network gathering in a modal; `/event list` shows upcoming and recent gatherings.

In the code a network event is a *gathering*; `/event` is the slash command's name in Slack (manifest.yml) and
what members type, so it stays."""

from __future__ import annotations

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot import gatherings
from bot.deps import Deps
from bot.members import reader
from bot.render.gatherings import gathering_modal, text
from storage.db import transaction

LIST_WORDS = {"list", "lijst", "ls"}
PLAN_WORDS = {"", "new", "plan", "nieuw", "plannen"}


def register(app: App, deps: Deps) -> None:
    def acknowledge(ack: Ack) -> None:
        ack()

    def answer(command: dict, client: WebClient, respond: Respond) -> None:
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

    app.command("/event")(ack=acknowledge, lazy=[answer])
