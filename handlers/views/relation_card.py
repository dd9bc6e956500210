"""Submissions of the relation card's modals (tier & cadence, add theme): read the form and make the change
while acknowledging (a refusal or a mistake shows in the modal), then redraw the card and tell whoever must be
told lazily. Which relation comes from private_metadata, so the change is checked again here: a crafted
submission is no more powerful than the card's buttons."""

from __future__ import annotations

import json

from slack_bolt import Ack, App, BoltContext
from slack_sdk.webhook import WebhookClient

from bot import redraw
from bot.deps import Deps
from bot.domain.network import theme_words
from bot.domain.tiers import CADENCE_DAYS, default_cadence
from bot.members import reader
from bot.network import card_message
from bot.render.changes import modal_error, on_behalf_note
from bot.render.network import MODAL_TEXT, THEME_MODAL, TIER_MODAL
from bot.services import relations
from handlers.common import deps_of
from storage.db import transaction

MAX_CADENCE = 730
CHANGE_KEY = "goodwill_relation_change"


def _value(view: dict, block: str) -> dict:
    return view["state"]["values"].get(block, {}).get(block, {})


def _metadata(view: dict) -> dict:
    try:
        metadata = json.loads(view.get("private_metadata") or "{}")
    except ValueError:
        return {}
    return metadata if isinstance(metadata, dict) else {}


def _relation_id(view: dict) -> int | None:
    raw = _metadata(view).get("relation_id")
    return raw if isinstance(raw, int) and not isinstance(raw, bool) else None


def read_tier(view: dict) -> tuple[str, int] | str:
    """(tier, cadence days), or the key of the error to show."""
    tier = (_value(view, "tier").get("selected_option") or {}).get("value")
    typed = (_value(view, "cadence").get("value") or "").strip()
    if tier not in CADENCE_DAYS:
        return "tier"
    if typed and not (typed.isdigit() and 1 <= int(typed) <= MAX_CADENCE):
        return "cadence_invalid"
    return tier, int(typed) if typed else default_cadence(tier)


def submit(deps: Deps, ack: Ack, body: dict, context: BoltContext, block: str, read, operation) -> None:
    """Read the form (`read(view)`: the values, or an error key), make the change, acknowledge."""
    team_id, user_id, view = body["team"]["id"], body["user"]["id"], body["view"]
    relation_id, values = _relation_id(view), read(view)
    if relation_id is None or isinstance(values, str):
        with transaction(deps.sessions) as session:
            language = reader(deps, session, team_id, user_id).language
        key = values if isinstance(values, str) else "gone"
        error = MODAL_TEXT(key, language) if key in MODAL_TEXT else modal_error(key, language, "")
        ack(response_action="errors", errors={"cadence" if key == "cadence_invalid" else block: error})
        return
    change = relations.perform(
        deps,
        team_id,
        user_id,
        lambda session, asker: operation(session, asker, relation_id, values),
        then_tell=False,  # after the acknowledgement (redraw_card)
    )
    if change.refusal:
        ack(response_action="errors", errors={block: modal_error(change.refusal, change.language, change.name)})
        return
    ack()
    context[CHANGE_KEY] = change


def save_tier(ack: Ack, body: dict, context: BoltContext) -> None:
    deps = deps_of(context)
    submit(
        deps,
        ack,
        body,
        context,
        "tier",
        read_tier,
        lambda session, asker, rid, tier: relations.change_tier(session, asker, rid, *tier, now=deps.now()),
    )


def save_theme(ack: Ack, body: dict, context: BoltContext) -> None:
    deps = deps_of(context)

    def read_themes(view: dict) -> list[str] | str:
        words = theme_words(_value(view, "themes").get("value") or "")
        return "themes_invalid" if words is None else words

    submit(
        deps,
        ack,
        body,
        context,
        "themes",
        read_themes,
        lambda session, asker, rid, words: relations.add_themes(session, asker, rid, words, now=deps.now()),
    )


def redraw_card(body: dict, context: BoltContext) -> None:
    """The card the modal came from, drawn again, and the nudges that list the relation (bot.redraw)."""
    deps = deps_of(context)
    change: relations.Change | None = context.get(CHANGE_KEY)
    if change is None:
        return
    team_id, user_id = body["team"]["id"], body["user"]["id"]
    relations.tell(deps, team_id, change)
    with transaction(deps.sessions) as session:
        who = reader(deps, session, team_id, user_id)
        note = on_behalf_note(change.owner_id, change.name, who.language) if change.on_behalf else None
        message = card_message(session, team_id, change.relation_id, who, note=note)
    response_url = _metadata(body["view"]).get("response_url")
    if deps.settings.allows_response_url(response_url):
        WebhookClient(response_url).send(replace_original=True, **message)
    redraw.after_change(deps, team_id, relation_ids=[change.relation_id])


def register(app: App) -> None:
    app.view(TIER_MODAL)(ack=save_tier, lazy=[redraw_card])
    app.view(THEME_MODAL)(ack=save_theme, lazy=[redraw_card])
