"""/whoknows <organisation, person, theme or words>: the colleagues who know someone there, warmest first, and
below it the meetings in which the words were discussed (alone, when the words are none of the others)."""

from __future__ import annotations

import re

from slack_bolt import App, BoltContext, Respond

from bot.deps import Deps
from bot.discussed import search_discussed
from bot.members import reader
from bot.network import who_knows
from bot.render.network import T, notice, whoknows_message, whoknows_suggestions
from bot.render.search import discussed_message, with_discussed
from handlers.common import acknowledge, deps_of
from storage.db import transaction

PICK = re.compile(r"^whoknows_pick_\d+$")


def answer(deps: Deps, team_id: str, user_id: str, typed: str) -> dict:
    typed = " ".join(typed.split())
    with transaction(deps.sessions) as session:
        who = reader(deps, session, team_id, user_id)
        if not typed:
            return notice(T("whoknows_usage", who.language))
        found = who_knows(session, team_id, typed, today=who.today)
        discussed = search_discussed(session, team_id, user_id, typed)
    if found.answer is not None:
        return with_discussed(whoknows_message(found.answer, who.language, who.today), discussed, who.language)
    if discussed.found:
        return discussed_message(discussed, who.language)
    return whoknows_suggestions(typed, found.suggestions, who.language)


def ask(command: dict, respond: Respond, context: BoltContext) -> None:
    deps = deps_of(context)
    respond(**answer(deps, command["team_id"], command["user_id"], command.get("text") or ""))


def pick(body: dict, respond: Respond, context: BoltContext) -> None:
    deps = deps_of(context)
    term = body["actions"][0].get("value") or ""
    respond(replace_original=True, **answer(deps, body["team"]["id"], body["user"]["id"], term))


def register(app: App) -> None:
    app.command("/whoknows")(ack=acknowledge, lazy=[ask])
    app.action(PICK)(ack=acknowledge, lazy=[pick])
