"""/relation <name>: a relation's card, or the closest names to pick from."""

from __future__ import annotations

from slack_bolt import App, BoltContext, Respond

from bot.members import reader
from bot.network import card_message, look_up_relation
from bot.render.network import T, choose_relation_message, notice
from handlers.common import acknowledge, deps_of
from storage.db import transaction

PICK = "relation_pick"


def show(command: dict, respond: Respond, context: BoltContext) -> None:
    deps = deps_of(context)
    team_id, user_id = command["team_id"], command["user_id"]
    typed = " ".join((command.get("text") or "").split())
    with transaction(deps.sessions) as session:
        who = reader(deps, session, team_id, user_id)
        if not typed:
            message = notice(T("relation_usage", who.language))
        else:
            lookup = look_up_relation(session, team_id, typed)
            if lookup.found is not None:
                message = card_message(session, team_id, lookup.found.relation_id, who)
            else:
                message = choose_relation_message(
                    typed, lookup.choices, who.language, action_id=PICK, ambiguous=lookup.ambiguous
                )
    respond(**message)


def register(app: App) -> None:
    app.command("/relation")(ack=acknowledge, lazy=[show])
