"""The planning modal's and the move modal's submissions."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from bot import gatherings
from bot.domain.gatherings import read_gathering_form, read_start
from bot.members import reader, zone
from bot.render.gatherings import CREATE_CALLBACK, MOVE_CALLBACK, form_errors
from handlers.common import deps_of
from storage.db import transaction


@dataclass
class FormState:
    """What the organiser has entered in the planning modal so far."""

    name: str | None = None
    day: str | None = None
    at: str | None = None
    place: str | None = None
    goal_id: int | None = None
    theme_ids: list[int] = field(default_factory=list)
    organisers: list[str] = field(default_factory=list)
    ticked: set[int] = field(default_factory=set)
    unticked: set[int] = field(default_factory=set)
    tz: str | None = None


def form_state(view: dict) -> FormState:
    values = view.get("state", {}).get("values", {})

    def element(block_id: str, action_id: str = "value") -> dict:
        return values.get(block_id, {}).get(action_id) or {}

    goal = (element("goal", "event_goal").get("selected_option") or {}).get("value")
    state = FormState(
        name=element("name").get("value"),
        day=element("date").get("selected_date"),
        at=element("time").get("selected_time"),
        place=element("place").get("value"),
        goal_id=int(goal) if goal and goal.isdigit() else None,
        theme_ids=[
            int(o["value"])
            for o in element("themes", "event_themes").get("selected_options") or []
            if o["value"].isdigit()
        ],
        organisers=list(element("organisers").get("selected_users") or []),
        tz=json.loads(view.get("private_metadata") or "{}").get("tz"),
    )
    # Checkbox groups: the options offered come from the view's blocks, the ticked ones from its state.
    for block in view.get("blocks", []):
        block_id = block.get("block_id", "")
        if not block_id.startswith("invite_"):
            continue
        offered = {int(o["value"]) for o in block.get("element", {}).get("options", []) if o["value"].isdigit()}
        chosen = {
            int(o["value"])
            for o in (values.get(block_id, {}).get("value") or {}).get("selected_options") or []
            if o["value"].isdigit()
        }
        state.ticked |= chosen & offered
        state.unticked |= offered - chosen
    return state


def plan(ack: Ack, body: dict, view: dict, context: BoltContext) -> None:
    deps = deps_of(context)
    team_id, user_id = body["team"]["id"], body["user"]["id"]
    state = form_state(view)
    with transaction(deps.sessions) as session:
        me = reader(deps, session, team_id, user_id)
        tz_name = state.tz or me.tz_name
        draft, problems = read_gathering_form(
            name=state.name,
            day=state.day,
            at=state.at,
            place=state.place,
            tz=zone(tz_name),
            now=deps.now(),
        )
        if problems:
            ack(response_action="errors", errors=form_errors(problems, me.language))
            return
        context["event_id"] = gatherings.plan_gathering(
            deps,
            session,
            team_id=team_id,
            user_id=user_id,
            draft=draft,
            tz_name=tz_name,
            goal_id=state.goal_id,
            theme_ids=state.theme_ids,
            organisers=state.organisers or [user_id],
            relation_ids=sorted(state.ticked),
        )
    ack()  # stored before the modal closes; the DMs follow


def ask_owners(body: dict, context: BoltContext) -> None:
    deps = deps_of(context)
    if context.get("event_id"):
        gatherings.send_invitation_requests(deps, body["team"]["id"], context["event_id"], organiser=body["user"]["id"])


def check_move(ack: Ack, body: dict, view: dict, context: BoltContext) -> None:
    deps = deps_of(context)
    team_id, user_id = body["team"]["id"], body["user"]["id"]
    values = view["state"]["values"]
    meta = json.loads(view.get("private_metadata") or "{}")
    with transaction(deps.sessions) as session:
        me = reader(deps, session, team_id, user_id)
    starts_at, problems = read_start(
        day=(values.get("date", {}).get("value") or {}).get("selected_date"),
        at=(values.get("time", {}).get("value") or {}).get("selected_time"),
        tz=zone(meta.get("tz") or me.tz_name),
        now=deps.now(),
    )
    if problems:
        ack(response_action="errors", errors=form_errors(problems, me.language))
        return
    context["move"] = {"event_id": int(meta["event_id"]), "starts_at": starts_at.isoformat()}
    ack()


def do_move(body: dict, context: BoltContext, client: WebClient) -> None:
    deps = deps_of(context)

    wanted = context.get("move")
    if not wanted:
        return
    user_id = body["user"]["id"]
    answer = gatherings.move(
        deps, body["team"]["id"], user_id, wanted["event_id"], datetime.fromisoformat(wanted["starts_at"])
    )
    client.chat_postMessage(channel=user_id, text=answer)


def register(app: App) -> None:
    app.view(CREATE_CALLBACK)(ack=plan, lazy=[ask_owners])
    app.view(MOVE_CALLBACK)(ack=check_move, lazy=[do_move])
