"""The relation card's controls: pick a relation, log a meeting, owner, tier, theme, snooze, archive.

Every change is an operation of bot.services.relations (which checks who may make it); the tier and theme
modals are opened only for those who may change the relation, and checked again when submitted.
"""

from __future__ import annotations

import json
import re

from slack_bolt import App, BoltContext, Respond
from slack_sdk import WebClient

from bot import redraw
from bot.deps import Deps
from bot.members import reader
from bot.network import card_message
from bot.nudges import meeting_view_for
from bot.render.changes import notice, on_behalf_note
from bot.render.network import theme_modal, tier_modal
from bot.services import relations
from handlers.common import acknowledge, deps_of, made_from_home
from storage.db import transaction

PICK = re.compile(r"^relation_pick_\d+$")


def relation_id_of(body: dict) -> int | None:
    """The relation an action is about: a button's value, or the id in its actions block's id."""
    action = body["actions"][0]
    raw = action.get("value") or action.get("block_id", "").rpartition(":")[2]
    return int(raw) if raw.isdigit() else None


def modal_metadata(relation_id: int, body: dict) -> str:
    """What a modal needs to update the card it came from once submitted."""
    return json.dumps({"relation_id": relation_id, "response_url": body.get("response_url")})


def refusal_text(change: relations.Change) -> str:
    return notice(change.refusal or "gone", change.language, change.refusal_values)


def redraw_card(deps: Deps, team_id: str, user_id: str, relation_id: int, respond: Respond, change=None) -> None:
    """The card drawn again in place (with a note when a colleague's relation was changed), and what else shows
    the relation (bot.redraw: the nudges that list it; the card is a message, not the Home)."""
    with transaction(deps.sessions) as session:
        who = reader(deps, session, team_id, user_id)
        note = on_behalf_note(change.owner_id, change.name, who.language) if change and change.on_behalf else None
        message = card_message(session, team_id, relation_id, who, note=note)
    respond(replace_original=True, **message)
    redraw.after_change(deps, team_id, relation_ids=[relation_id])


def changed(deps: Deps, body: dict, respond: Respond, operation) -> None:
    """Run `operation(session, asker, relation_id)`; redraw the card, or say privately why not."""
    team_id, user_id = body["team"]["id"], body["user"]["id"]
    relation_id = relation_id_of(body)
    if relation_id is None:
        return
    change = relations.perform(deps, team_id, user_id, lambda session, asker: operation(session, asker, relation_id))
    if change.refusal:
        respond(response_type="ephemeral", replace_original=False, text=refusal_text(change))
        return
    redraw_card(deps, team_id, user_id, relation_id, respond, change)


def pick(body: dict, respond: Respond, context: BoltContext) -> None:
    deps = deps_of(context)
    relation_id = relation_id_of(body)
    if relation_id is not None:
        redraw_card(deps, body["team"]["id"], body["user"]["id"], relation_id, respond)


def change_owner(body: dict, respond: Respond, context: BoltContext) -> None:
    deps = deps_of(context)
    new_owner = body["actions"][0].get("selected_user")
    if not new_owner:
        return
    heir = relations.heir(deps, body["team"]["id"], new_owner)
    changed(
        deps,
        body,
        respond,
        lambda session, asker, rid: relations.hand_over(session, asker, rid, new_owner, heir, now=deps.now()),
    )


def snooze(body: dict, respond: Respond, context: BoltContext) -> None:
    deps = deps_of(context)
    choice = (body["actions"][0].get("selected_option") or {}).get("value") or ""
    changed(
        deps, body, respond, lambda session, asker, rid: relations.snooze(session, asker, rid, choice, now=deps.now())
    )


def archive(body: dict, respond: Respond, context: BoltContext) -> None:
    deps = deps_of(context)
    changed(deps, body, respond, lambda session, asker, rid: relations.archive(session, asker, rid, now=deps.now()))


def restore(body: dict, respond: Respond, context: BoltContext) -> None:
    deps = deps_of(context)
    changed(deps, body, respond, lambda session, asker, rid: relations.restore(session, asker, rid, now=deps.now()))


def open_modal(deps: Deps, body: dict, client: WebClient, respond: Respond, kind: str, build) -> None:
    """Open a modal about the relation, if the clicker may change it (checked again on submission)."""
    team_id, user_id = body["team"]["id"], body["user"]["id"]
    relation_id = relation_id_of(body)
    if relation_id is None:
        return
    with transaction(deps.sessions) as session:
        asker = reader(deps, session, team_id, user_id)
        relation, change = relations.manageable(session, asker, relation_id, kind)
        view = build(relation, asker.language, modal_metadata(relation_id, body)) if relation else None
    if view is None:
        respond(response_type="ephemeral", replace_original=False, text=refusal_text(change))
        return
    client.views_open(trigger_id=body["trigger_id"], view=view)


def open_tier(body: dict, client: WebClient, respond: Respond, context: BoltContext) -> None:
    deps = deps_of(context)
    open_modal(
        deps,
        body,
        client,
        respond,
        "tier",
        lambda r, language, meta: tier_modal(r.name, r.tier, r.cadence_days, language, meta),
    )


def open_theme(body: dict, client: WebClient, respond: Respond, context: BoltContext) -> None:
    deps = deps_of(context)
    open_modal(deps, body, client, respond, "themes", lambda r, language, meta: theme_modal(r.name, language, meta))


def log_meeting(body: dict, client: WebClient, respond: Respond, context: BoltContext) -> None:
    """Anyone may log a meeting with anyone: the form, prefilled with the relation and the member's today."""
    deps = deps_of(context)
    relation_id = relation_id_of(body)
    if relation_id is None:
        return
    team_id, user_id = body["team"]["id"], body["user"]["id"]
    view, language = meeting_view_for(deps, team_id, user_id, relation_id, from_home=made_from_home(body))
    if view is None:
        respond(response_type="ephemeral", replace_original=False, text=notice("gone", language, {}))
        return
    client.views_open(trigger_id=body["trigger_id"], view=view)


def register(app: App) -> None:
    app.action(PICK)(ack=acknowledge, lazy=[pick])
    app.action("relation_owner")(ack=acknowledge, lazy=[change_owner])
    app.action("relation_snooze")(ack=acknowledge, lazy=[snooze])
    app.action("relation_archive")(ack=acknowledge, lazy=[archive])
    app.action("relation_restore")(ack=acknowledge, lazy=[restore])
    app.action("relation_tier")(ack=acknowledge, lazy=[open_tier])
    app.action("relation_theme")(ack=acknowledge, lazy=[open_theme])
    app.action("relation_log")(ack=acknowledge, lazy=[log_meeting])
