"""Clicks about network events: the planning modal's goal/themes, owners' status buttons, the organisers'
attendance checklist, and Move / Cancel on /event list."""

from __future__ import annotations

import re

from slack_bolt import App, BoltContext, Respond
from slack_sdk import WebClient

from bot import gatherings, redraw
from bot.domain.gatherings import OWNER_STATUSES
from bot.members import reader
from bot.render.gatherings import gathering_modal
from handlers.common import acknowledge, deps_of
from handlers.views.gatherings import form_state
from storage.db import transaction


def refresh_proposal(body: dict, client: WebClient, context: BoltContext) -> None:
    """Goal or themes changed in the planning modal: propose again, keeping what was typed."""
    deps = deps_of(context)
    view = body["view"]
    team_id, user_id = body["team"]["id"], body["user"]["id"]
    state = form_state(view)
    with transaction(deps.sessions) as session:
        me = reader(deps, session, team_id, user_id)
        form = gatherings.gathering_form(
            deps,
            session,
            team_id,
            user_id,
            goal_id=state.goal_id,
            theme_ids=state.theme_ids,
            name=state.name,
            day=state.day,
            at=state.at,
            place=state.place,
            organisers=state.organisers,
        )
    # Relations the organiser unticked stay unticked when the proposal is refreshed.
    form.selected = {row.invitation_key for row in form.proposed} - state.unticked
    client.views_update(view_id=view["id"], hash=view.get("hash"), view=gathering_modal(form, me.language))


def mark_status(body: dict, respond: Respond, context: BoltContext) -> None:
    deps = deps_of(context)
    action = body["actions"][0]
    if action["type"] == "static_select":
        invitation_id, _, status = action["selected_option"]["value"].partition(":")
    else:
        invitation_id, status = action["value"], action["action_id"].removeprefix("event_invitation_")
    if status not in OWNER_STATUSES or not invitation_id.isdigit():
        return
    refusal = gatherings.mark_invitation(deps, body["team"]["id"], body["user"]["id"], int(invitation_id), status)
    if refusal:
        respond(response_type="ephemeral", replace_original=False, text=refusal)


def mark_attended(body: dict, respond: Respond, context: BoltContext) -> None:
    deps = deps_of(context)
    action = body["actions"][0]
    match = re.fullmatch(r"attend_(\d+)_\d+", action.get("block_id", ""))
    if match is None:
        return
    # The clicked group's options come from the message itself; ticked ones from the action.
    block = next(
        (b for b in body.get("message", {}).get("blocks", []) if b.get("block_id") == action["block_id"]),
        None,
    )
    if block is None:
        return
    ids = [o["value"] for element in block.get("elements", []) for o in element.get("options", [])]
    ticked = {o["value"] for o in action.get("selected_options") or []}
    attended = {int(i): i in ticked for i in ids if i.isdigit()}
    team_id = body["team"]["id"]
    refusal, changed = gatherings.mark_attended(deps, team_id, body["user"]["id"], int(match[1]), attended)
    redraw.after_change(deps, team_id, relation_ids=changed)  # nudges listing an attended relation
    if refusal:
        respond(response_type="ephemeral", replace_original=False, text=refusal)


def cancel(body: dict, respond: Respond, context: BoltContext) -> None:
    deps = deps_of(context)
    team_id, user_id = body["team"]["id"], body["user"]["id"]
    value = body["actions"][0].get("value", "")
    if not value.isdigit():
        return
    notice = gatherings.cancel(deps, team_id, user_id, int(value))
    with transaction(deps.sessions) as session:
        message = gatherings.gathering_list(deps, session, team_id, user_id, notice=notice)
    respond(replace_original=True, **message)


def open_move(body: dict, client: WebClient, respond: Respond, context: BoltContext) -> None:
    deps = deps_of(context)
    value = body["actions"][0].get("value", "")
    if not value.isdigit():
        return
    view, refusal = gatherings.move_form(deps, body["team"]["id"], body["user"]["id"], int(value))
    if view is None:
        respond(response_type="ephemeral", replace_original=False, text=refusal)
        return
    client.views_open(trigger_id=body["trigger_id"], view=view)


def register(app: App) -> None:
    app.action("event_goal")(ack=acknowledge, lazy=[refresh_proposal])
    app.action("event_themes")(ack=acknowledge, lazy=[refresh_proposal])
    app.action(re.compile(r"^event_invitation_(invited|accepted|declined|status)$"))(
        ack=acknowledge, lazy=[mark_status]
    )
    app.action("event_attended")(ack=acknowledge, lazy=[mark_attended])
    app.action("event_cancel")(ack=acknowledge, lazy=[cancel])
    app.action("event_move")(ack=acknowledge, lazy=[open_move])
