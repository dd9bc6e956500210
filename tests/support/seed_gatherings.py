"""Helpers for the network-event stories: a seeded network, and the modal's payloads as Slack sends them."""

from __future__ import annotations

import json
import time
from datetime import date

from bot.recording import Person, record_meeting
from storage.history import add_interaction, create_relation
from storage.relations import themes_named
from storage.workspaces import ensure_workspace
from tests.support.slack_requests import APP_ID
from tests.support.slack_standin import TEAM_ID

CREATED = date(2026, 1, 5)
TODAY = date(2026, 11, 26)

# name, organisation, owner, tier, last contact, themes
NETWORK = [
    ("Jan de Vries", "Gemeente Den Haag", "U0ANNA", "regular", date(2026, 5, 1), ["wonen"]),  # quiet
    ("Karin Mulder", "Woonstad", "U0BRAM", "regular", date(2026, 3, 1), ["wonen"]),  # quiet, longest
    ("Piet Smit", None, "U0BRAM", "regular", date(2026, 10, 1), ["wonen", "energie"]),  # warm
    ("Els Bakker", "Aedes", "U0ANNA", "wider", date(2026, 8, 1), ["wonen"]),  # cooling, not quiet yet
    ("Sanne Visser", None, "U0ANNA", "regular", date(2026, 2, 1), ["energie"]),  # other theme
    ("Ad Archief", None, "U0ANNA", "regular", date(2026, 2, 1), ["wonen"]),  # archived
]
PROPOSED_ORDER = ["Karin Mulder", "Jan de Vries", "Els Bakker", "Piet Smit"]


def seed_network(db) -> dict[str, int]:
    """The relations above with their last meetings: relation ids by name, theme ids as '#name'."""
    ids: dict[str, int] = {}
    with db.sessions() as session, session.begin():
        ensure_workspace(session, TEAM_ID)
        for name, organisation, owner, tier, last, themes in NETWORK:
            relation = create_relation(
                session,
                team_id=TEAM_ID,
                name=name,
                organisation=organisation,
                owner_id=owner,
                created_on=CREATED,
                tier=tier,
            )
            relation.themes = themes_named(session, TEAM_ID, themes)
            relation.archived = name == "Ad Archief"
            add_interaction(session, team_id=TEAM_ID, relation_id=relation.id, occurred_on=last, logged_by=owner)
            ids[name] = relation.id
        for theme in themes_named(session, TEAM_ID, ["wonen", "energie"]):
            ids[f"#{theme.name}"] = theme.id
    return ids


def meet(db, name: str, on: date, themes=()) -> None:
    with db.sessions() as session, session.begin():
        record_meeting(
            session,
            team_id=TEAM_ID,
            logged_by="U0ANNA",
            people=[Person(name)],
            occurred_on=on,
            today=TODAY,
            themes=themes,
        )


def opened_view(call) -> dict:
    view = call["view"]
    view = json.loads(view) if isinstance(view, str) else view
    return {**view, "id": "V0PLAN", "hash": "h1"}


def blocks_by_id(view: dict) -> dict[str, dict]:
    return {block["block_id"]: block for block in view["blocks"] if "block_id" in block}


def invite_options(view: dict) -> list[dict]:
    """Every option of the proposed list, in order, across its checkbox groups."""
    return [
        option
        for block in view["blocks"]
        if block.get("block_id", "").startswith("invite_")
        for option in block["element"]["options"]
    ]


def ticked(view: dict) -> list[str]:
    return [
        option["value"]
        for block in view["blocks"]
        if block.get("block_id", "").startswith("invite_")
        for option in block["element"].get("initial_options") or []
    ]


def form_values(
    view: dict,
    *,
    name: str | None = None,
    day: str | None = None,
    at: str | None = "18:00",
    place: str | None = None,
    goal: int | None = None,
    themes=(),
    organisers=("U0ANNA",),
    invite: list[str] | None = None,
) -> dict:
    """state.values as Slack reports them for the planning modal; invite=None ticks what the view ticks."""
    values = {
        "name": {"value": {"type": "plain_text_input", "value": name}},
        "date": {"value": {"type": "datepicker", "selected_date": day}},
        "time": {"value": {"type": "timepicker", "selected_time": at}},
        "place": {"value": {"type": "plain_text_input", "value": place}},
        "organisers": {"value": {"type": "multi_users_select", "selected_users": list(organisers)}},
    }
    if "goal" in blocks_by_id(view):
        option = {"text": {"type": "plain_text", "text": "goal"}, "value": str(goal)} if goal else None
        values["goal"] = {"event_goal": {"type": "static_select", "selected_option": option}}
    if "themes" in blocks_by_id(view):
        values["themes"] = {
            "event_themes": {
                "type": "multi_static_select",
                "selected_options": [{"text": {"type": "plain_text", "text": "t"}, "value": str(t)} for t in themes],
            }
        }
    chosen = set(ticked(view) if invite is None else invite)
    for block in view["blocks"]:
        if block.get("block_id", "").startswith("invite_"):
            values[block["block_id"]] = {
                "value": {
                    "type": "checkboxes",
                    "selected_options": [o for o in block["element"]["options"] if o["value"] in chosen],
                }
            }
    return values


def view_action(goodwill, view: dict, values: dict, action_id: str, block_id: str, *, user_id: str = "U0ANNA"):
    """A dispatch_action from an input in the modal: block_actions carrying the view and its state."""
    action = {
        "action_id": action_id,
        "block_id": block_id,
        "action_ts": f"{time.time():.6f}",
        **values[block_id][action_id],
    }
    payload = {
        "type": "block_actions",
        "user": {"id": user_id, "username": user_id.lower(), "name": user_id.lower(), "team_id": TEAM_ID},
        "api_app_id": APP_ID,
        "token": "legacy-verification-token",
        "container": {"type": "view", "view_id": view["id"]},
        "trigger_id": "42.trigger",
        "team": {"id": TEAM_ID, "domain": "goodwill-test"},
        "enterprise": None,
        "is_enterprise_install": False,
        "view": {**view, "state": {"values": values}},
        "actions": [action],
    }
    return goodwill.sender.payload(payload)


def checkbox_click(goodwill, message: dict, block_id: str, ticked_values: list[str], *, user_id: str, channel_id: str):
    """An organiser (un)ticks in a checklist DM: block_actions with the group's selected options."""
    block = next(b for b in message["blocks"] if b.get("block_id") == block_id)
    element = block["elements"][0]
    selected = [o for o in element["options"] if o["value"] in ticked_values]
    action = {
        "type": "checkboxes",
        "action_id": element["action_id"],
        "block_id": block_id,
        "selected_options": selected,
        "action_ts": f"{time.time():.6f}",
    }
    payload = {
        "type": "block_actions",
        "user": {"id": user_id, "username": user_id.lower(), "name": user_id.lower(), "team_id": TEAM_ID},
        "api_app_id": APP_ID,
        "token": "legacy-verification-token",
        "container": {
            "type": "message",
            "message_ts": message["ts"],
            "channel_id": channel_id,
            "is_ephemeral": False,
        },
        "trigger_id": "43.trigger",
        "team": {"id": TEAM_ID, "domain": "goodwill-test"},
        "enterprise": None,
        "is_enterprise_install": False,
        "channel": {"id": channel_id, "name": "directmessage"},
        "message": message,
        "response_url": goodwill.slack.response_url("checklist"),
        "state": {"values": {}},
        "actions": [action],
    }
    return goodwill.sender.payload(payload)


def dm_to(slack, user_id: str) -> list[dict]:
    """Messages Goodwill posted to this user (chat.postMessage with channel = their id), as they are now."""
    return [message for (channel, _), message in slack.messages.items() if channel == user_id]


def shown(anything) -> str:
    """Blocks as text, the way a reader sees the characters (no unicode escapes)."""
    return json.dumps(anything, ensure_ascii=False)


def text_of(message: dict) -> str:
    return shown(message.get("blocks") or []) + (message.get("text") or "")


def homes_of(slack, user_id: str, count: int = 1) -> list[dict]:
    """The Home tabs published for this member, oldest first, once at least `count` have arrived."""
    calls = slack.wait_for("views.publish", count, where=lambda c: c["user_id"] == user_id)
    return [json.loads(c["view"]) if isinstance(c["view"], str) else c["view"] for c in calls]
