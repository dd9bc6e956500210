"""`/goodwill forget <name>` (`vergeet`): erase a person on request — owner or admin, after confirmation."""

from __future__ import annotations

from slack_bolt import Respond
from slack_sdk import WebClient

from bot import permissions
from bot.deps import Deps
from bot.members import reader
from bot.network import look_up_relation
from bot.render.forget import PICK, T, confirmation, not_allowed, notice
from bot.render.network import choose_relation_message
from storage.db import transaction
from storage.forget import erasure
from storage.relations import get_relation


def confirmation_for(deps: Deps, team_id: str, user_id: str, relation_id: int) -> dict:
    """The confirmation, or why not: the relation is gone, or the user is neither its owner nor an admin."""
    with transaction(deps.sessions) as session:
        who = reader(deps, session, team_id, user_id)
        relation = get_relation(session, team_id, relation_id)
        if relation is None:
            return notice(T("gone", who.language))
        if not permissions.may_forget(relation, who):
            return not_allowed(relation.owner_id, who.language)
        found = erasure(session, team_id, relation_id, relation.name)
        return confirmation(
            relation_id,
            relation.name,
            interactions=found.interactions,
            invitations=found.invitations,
            mentions=found.mentions,
            gatherings=found.gatherings,
            language=who.language,
        )


def handle(deps: Deps, command: dict, args: str, client: WebClient, respond: Respond) -> None:
    team_id, user_id = command["team_id"], command["user_id"]
    typed = " ".join(args.split())
    with transaction(deps.sessions) as session:
        who = reader(deps, session, team_id, user_id)
        if not typed:
            respond(**notice(T("usage", who.language)))
            return
        lookup = look_up_relation(session, team_id, typed)
    if lookup.found is None:
        respond(
            **choose_relation_message(typed, lookup.choices, who.language, action_id=PICK, ambiguous=lookup.ambiguous)
        )
        return
    respond(**confirmation_for(deps, team_id, user_id, lookup.found.relation_id))
