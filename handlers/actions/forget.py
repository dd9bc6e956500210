"""The buttons of `/goodwill forget`: pick the person, confirm (owner or admin, checked again), or cancel."""

from __future__ import annotations

import re

from slack_bolt import App, BoltContext, Respond

from bot import permissions, redraw
from bot.domain.references import referred_id, still_refers
from bot.members import reader
from bot.render.forget import CANCEL, CONFIRM, PICK, T, forgotten, not_allowed, notice
from handlers.commands.goodwill_forget import confirmation_for
from handlers.common import acknowledge, deps_of
from storage.db import transaction
from storage.forget import forget_relation
from storage.relations import get_relation


def pick(body: dict, respond: Respond, context: BoltContext) -> None:
    deps = deps_of(context)
    relation_id = int(body["actions"][0]["value"])
    respond(
        replace_original=True,
        **confirmation_for(deps, body["team"]["id"], body["user"]["id"], relation_id),
    )


def confirm(body: dict, respond: Respond, context: BoltContext) -> None:
    deps = deps_of(context)
    team_id, user_id = body["team"]["id"], body["user"]["id"]
    shown = body["actions"][0].get("value")
    relation_id = referred_id(shown)
    with transaction(deps.sessions) as session:
        who = reader(deps, session, team_id, user_id)
        relation = get_relation(session, team_id, relation_id) if relation_id is not None else None
        if relation is None or not still_refers(shown, relation.id, [relation.name_key]):
            respond(replace_original=True, **notice(T("gone", who.language)))
            return
        owner = relation.owner_id
        if not permissions.may_forget(relation, who):
            respond(replace_original=True, **not_allowed(owner, who.language))
            return
        done = forget_relation(session, team_id, relation_id, actor=user_id, at=deps.now())
    respond(
        replace_original=True,
        **forgotten(done.interactions, done.invitations, done.mentions, done.gatherings, who.language),
    )
    redraw.after_forget(deps, team_id, done, actor=user_id)


def cancel(body: dict, respond: Respond, context: BoltContext) -> None:
    deps = deps_of(context)
    with transaction(deps.sessions) as session:
        language = reader(deps, session, body["team"]["id"], body["user"]["id"]).language
    respond(replace_original=True, **notice(T("cancelled", language)))


def register(app: App) -> None:
    app.action(re.compile(rf"^{PICK}_\d+$"))(ack=acknowledge, lazy=[pick])
    app.action(CONFIRM)(ack=acknowledge, lazy=[confirm])
    app.action(CANCEL)(ack=acknowledge, lazy=[cancel])
