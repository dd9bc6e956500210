"""Clicks on the hand-over DM (bot.handover): accept the proposals shown, pick someone else for one relation,
hand one to the team lead; and the digest's button that leads an admin or lead to the proposals.

Acknowledged at once; the decision runs after the ack and is checked again there (bot.handover.decide). What
could not be done is said privately; every admin's and lead's copy of the DM is then redrawn."""

from __future__ import annotations

from slack_bolt import App, BoltContext, Respond

from bot import handover, redraw
from bot.deps import Deps
from handlers.common import acknowledge, deps_of


def _ids(text: str) -> list[int]:
    return [int(part) for part in text.split(",") if part.strip().isdigit()]


def team_of(body: dict) -> str:
    return (body.get("team") or {}).get("id") or body["user"].get("team_id") or ""


def finish(deps: Deps, body: dict, handover_id: int, decision: handover.Decision, respond: Respond) -> None:
    team_id = team_of(body)
    notes = [note for note in decision.notes if note]
    if notes and body.get("response_url"):
        respond(text="\n".join(notes), response_type="ephemeral", replace_original=False)
    if decision.refresh:
        handover.refresh_proposals(deps, team_id, handover_id)
    handed = decision.handed
    if handed:
        redraw.after_change(deps, team_id, relation_ids=[change.relation_id for change in handed])


def on_accept(body: dict, respond: Respond, context: BoltContext) -> None:
    deps = deps_of(context)
    handover_text, _, relation_text = (body["actions"][0].get("value") or "").partition(":")
    if not handover_text.isdigit():
        return
    decision = handover.decide(
        deps, team_of(body), body["user"]["id"], int(handover_text), _ids(relation_text), kind=handover.ACCEPT
    )
    finish(deps, body, int(handover_text), decision, respond)


def on_pick(body: dict, respond: Respond, context: BoltContext) -> None:
    deps = deps_of(context)
    action = body["actions"][0]
    # The round and the relation travel in the section's id ("handover:<round>:<relation>").
    prefix, _, ids = (action.get("block_id") or "").partition(":")
    handover_text, _, relation_text = ids.partition(":")
    new_owner = action.get("selected_user")
    if prefix != "handover" or not (handover_text.isdigit() and relation_text.isdigit() and new_owner):
        return
    decide_one(deps, body, int(handover_text), int(relation_text), handover.CHOOSE, new_owner, respond)


def on_to_lead(body: dict, respond: Respond, context: BoltContext) -> None:
    deps = deps_of(context)
    action = body["actions"][0]
    handover_text = (action.get("block_id") or "").removeprefix("handover:")
    relation_text, _, lead = ((action.get("selected_option") or {}).get("value") or "").partition(":")
    if not (handover_text.isdigit() and relation_text.isdigit() and lead):
        return
    decide_one(deps, body, int(handover_text), int(relation_text), handover.TO_LEAD, lead, respond)


def decide_one(deps, body: dict, round_id: int, relation_id: int, kind: str, to: str, respond: Respond) -> None:
    """One relation of a round handed to someone picked (CHOOSE) or to a lead (TO_LEAD), checked on arrival."""
    decision = handover.decide(deps, team_of(body), body["user"]["id"], round_id, [relation_id], kind=kind, to=to)
    finish(deps, body, round_id, decision, respond)


def on_show(body: dict, respond: Respond, context: BoltContext) -> None:
    deps = deps_of(context)
    value = body["actions"][0].get("value") or ""
    if not value.isdigit():
        return
    text = handover.show(deps, team_of(body), body["user"]["id"], int(value))
    if body.get("response_url"):
        respond(text=text, response_type="ephemeral", replace_original=False)


def register(app: App) -> None:
    app.action("handover_accept")(ack=acknowledge, lazy=[on_accept])
    app.action("handover_pick")(ack=acknowledge, lazy=[on_pick])
    app.action("handover_to_lead")(ack=acknowledge, lazy=[on_to_lead])
    app.action("handover_show")(ack=acknowledge, lazy=[on_show])
