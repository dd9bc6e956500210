"""The relation card's controls: pick a relation, log a meeting, owner, tier, theme, snooze, archive."""

from __future__ import annotations

import json
import re
from datetime import timedelta

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.deps import Deps
from bot.members import Reader, reader
from bot.network import card_message
from bot.render.network import SNOOZE_CHOICES, T, theme_modal, tier_modal
from bot.ripple import after_change
from storage import history
from storage import relations as store
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


def register(app: App, deps: Deps) -> None:
    def acknowledge(ack: Ack) -> None:
        ack()

    def changed(body: dict, respond: Respond, change, *, note_key: str | None = None, **note_values) -> None:
        """Apply `change(session, team_id, relation_id, who)` and redraw the card in place."""
        team_id, user_id = body["team"]["id"], body["user"]["id"]
        relation_id = relation_id_of(body)
        if relation_id is None:
            return
        with transaction(deps.sessions) as session:
            who = reader(deps, session, team_id, user_id)
            owners = change(session, team_id, relation_id, who) or ()
            note = T(note_key, who.language, **note_values) if note_key else None
            message = card_message(session, team_id, relation_id, who, note=note)
        respond(replace_original=True, **message)
        after_change(deps, team_id, relation_ids=[relation_id], user_ids=[user_id, *owners])

    def pick(body: dict, respond: Respond) -> None:
        changed(body, respond, lambda *_: None)

    def change_owner(body: dict, respond: Respond) -> None:
        new_owner = body["actions"][0].get("selected_user")
        if not new_owner:
            return

        def change(session, team_id, relation_id, who: Reader):
            relation = store.get_relation(session, team_id, relation_id)
            if relation is None:
                return ()
            previous = relation.owner_id
            history.change_relation(session, team_id, relation_id, owner_id=new_owner)
            return (previous, new_owner)

        changed(body, respond, change)

    def snooze(body: dict, respond: Respond) -> None:
        choice = (body["actions"][0].get("selected_option") or {}).get("value")
        days = dict(SNOOZE_CHOICES).get(choice)
        if days is None and choice != "off":
            return

        def change(session, team_id, relation_id, who: Reader):
            until = who.today + timedelta(days=days) if days else None
            relation = history.change_relation(session, team_id, relation_id, snoozed_until=until)
            return (relation.owner_id,) if relation else ()

        changed(body, respond, change)

    def archive(body: dict, respond: Respond) -> None:
        def change(session, team_id, relation_id, who: Reader):
            relation = history.change_relation(session, team_id, relation_id, archived=True)
            return (relation.owner_id,) if relation else ()

        changed(body, respond, change)

    def restore(body: dict, respond: Respond) -> None:
        def change(session, team_id, relation_id, who: Reader):
            relation = history.change_relation(session, team_id, relation_id, archived=False)
            return (relation.owner_id,) if relation else ()

        changed(body, respond, change)

    def open_modal(body: dict, client: WebClient, build) -> None:
        team_id, user_id = body["team"]["id"], body["user"]["id"]
        relation_id = relation_id_of(body)
        if relation_id is None:
            return
        with transaction(deps.sessions) as session:
            who = reader(deps, session, team_id, user_id)
            relation = store.get_relation(session, team_id, relation_id)
            if relation is None:
                return
            view = build(relation, who.language, modal_metadata(relation_id, body))
        client.views_open(trigger_id=body["trigger_id"], view=view)

    def open_tier(body: dict, client: WebClient) -> None:
        open_modal(body, client, lambda r, language, meta: tier_modal(r.name, r.tier, r.cadence_days, language, meta))

    def open_theme(body: dict, client: WebClient) -> None:
        open_modal(body, client, lambda r, language, meta: theme_modal(r.name, language, meta))

    def log_meeting(body: dict, client: WebClient) -> None:
        from bot.render.meeting import MeetingPrefill, meeting_modal

        open_modal(
            body,
            client,
            lambda r, language, meta: meeting_modal(
                MeetingPrefill(relation_id=r.id, relation_name=r.name, organisation=r.organisation), language
            ),
        )

    app.action(PICK)(ack=acknowledge, lazy=[pick])
    app.action("relation_owner")(ack=acknowledge, lazy=[change_owner])
    app.action("relation_snooze")(ack=acknowledge, lazy=[snooze])
    app.action("relation_archive")(ack=acknowledge, lazy=[archive])
    app.action("relation_restore")(ack=acknowledge, lazy=[restore])
    app.action("relation_tier")(ack=acknowledge, lazy=[open_tier])
    app.action("relation_theme")(ack=acknowledge, lazy=[open_theme])
    app.action("relation_log")(ack=acknowledge, lazy=[log_meeting])
