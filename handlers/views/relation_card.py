"""Submissions of the relation card's modals (tier & cadence, add theme): validate and store while
acknowledging (errors show in the modal), then redraw the card and the Home lazily."""

from __future__ import annotations

import json

from slack_bolt import Ack, App
from slack_sdk.webhook import WebhookClient

from bot.deps import Deps
from bot.domain.network import theme_words
from bot.domain.tiers import CADENCE_DAYS, default_cadence
from bot.members import reader
from bot.network import card_message
from bot.render.network import MODAL_TEXT, THEME_MODAL, TIER_MODAL
from bot.ripple import after_change
from storage import history
from storage import relations as store
from storage.db import transaction

MAX_CADENCE = 730


def _value(view: dict, block: str) -> dict:
    return view["state"]["values"].get(block, {}).get(block, {})


def _metadata(view: dict) -> dict:
    return json.loads(view.get("private_metadata") or "{}")


def read_tier(view: dict) -> tuple[str, int] | str:
    """(tier, cadence days), or the key of the error to show."""
    tier = (_value(view, "tier").get("selected_option") or {}).get("value")
    typed = (_value(view, "cadence").get("value") or "").strip()
    if tier not in CADENCE_DAYS:
        return "tier"
    if typed and not (typed.isdigit() and 1 <= int(typed) <= MAX_CADENCE):
        return "cadence_invalid"
    return tier, int(typed) if typed else default_cadence(tier)


def register(app: App, deps: Deps) -> None:
    def redraw(body: dict) -> None:
        team_id, user_id = body["team"]["id"], body["user"]["id"]
        metadata = _metadata(body["view"])
        with transaction(deps.sessions) as session:
            who = reader(deps, session, team_id, user_id)
            relation = store.get_relation(session, team_id, int(metadata["relation_id"]))
            owner = relation.owner_id if relation else user_id
            message = card_message(session, team_id, int(metadata["relation_id"]), who)
        if deps.settings.allows_response_url(metadata.get("response_url")):
            WebhookClient(metadata["response_url"]).send(replace_original=True, **message)
        after_change(deps, team_id, relation_ids=[int(metadata["relation_id"])], user_ids=[user_id, owner])

    def save_tier(ack: Ack, body: dict) -> None:
        team_id, view = body["team"]["id"], body["view"]
        read = read_tier(view)
        with transaction(deps.sessions) as session:
            if isinstance(read, str):
                language = reader(deps, session, team_id, body["user"]["id"]).language
                block = "tier" if read == "tier" else "cadence"
                ack(response_action="errors", errors={block: MODAL_TEXT(read, language)})
                return
            tier, cadence = read
            relation_id = int(_metadata(view)["relation_id"])
            history.change_relation(session, team_id, relation_id, tier=tier, cadence_days=cadence)
        ack()

    def redraw_tier(body: dict) -> None:
        if not isinstance(read_tier(body["view"]), str):
            redraw(body)

    def save_theme(ack: Ack, body: dict) -> None:
        team_id, view = body["team"]["id"], body["view"]
        words = theme_words(_value(view, "themes").get("value") or "")
        with transaction(deps.sessions) as session:
            if words is None:
                language = reader(deps, session, team_id, body["user"]["id"]).language
                ack(response_action="errors", errors={"themes": MODAL_TEXT("themes_invalid", language)})
                return
            history.add_themes(session, team_id, int(_metadata(view)["relation_id"]), words)
        ack()

    def redraw_theme(body: dict) -> None:
        if theme_words(_value(body["view"], "themes").get("value") or "") is not None:
            redraw(body)

    app.view(TIER_MODAL)(ack=save_tier, lazy=[redraw_tier])
    app.view(THEME_MODAL)(ack=save_theme, lazy=[redraw_theme])
