"""The recording modal: saving it, and the type-ahead of its relation and theme pickers."""

from __future__ import annotations

from datetime import datetime

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy.orm import Session

from bot import redraw
from bot.domain.fields import THEME_MAX, clean_name
from bot.domain.recording_form import MeetingForm, meeting_errors
from bot.language import language_for
from bot.members import Reader, asking
from bot.recording import Person, Recorded, record_meeting, relation_exists, resolve_people, update_meeting
from bot.render.changes import tier_notes, with_notes
from bot.render.recording import confirmation_from
from bot.render.recording_form import (
    CALLBACK_ID,
    RELATION_SELECT,
    THEMES_SELECT,
    form_errors,
    new_person_option,
    read_meeting_form,
    relation_option,
    theme_option,
)
from bot.services import relations
from bot.services.relations import Change
from handlers.common import deps_of
from storage.db import transaction
from storage.members import profiles
from storage.relations import search_relations, search_themes

CONFIRMATION_KEY = "goodwill_confirmation"


def save(ack: Ack, body: dict, view: dict, context: BoltContext) -> None:
    """Read and check the form with no transaction open (the member's profile comes from a short read, or
    from Slack), then store it in one short transaction."""
    deps = deps_of(context)
    form = read_meeting_form(view)
    team_id, user_id = body["team"]["id"], body["user"]["id"]
    who = asking(deps, team_id, user_id)
    lang = who.language
    errors = meeting_errors(form, today=who.today)
    recorded, changes = None, []
    if not errors:
        with transaction(deps.sessions) as session:
            recorded, changes, errors = _store(session, who, form, deps.now())
    if errors:
        ack(response_action="errors", errors=form_errors(errors, lang))
        return
    ack()
    context[CONFIRMATION_KEY] = {
        "channel": form.channel_id,
        "relation_ids": list(recorded.relation_ids),
        "from_home": form.from_home,
        "message": with_notes(
            confirmation_from(
                recorded,
                occurred_on=form.occurred_on,
                colleagues=form.colleagues,
                themes=form.themes,
                notes=form.notes,
                language=lang,
            ),
            tier_notes(changes, lang),
        ),
        "changes": changes,
    }


def confirm(body: dict, client: WebClient, context: BoltContext) -> None:
    """Tell the user what was saved: ephemeral where they started, else in their DM with Goodwill."""
    deps = deps_of(context)
    confirmation = context.get(CONFIRMATION_KEY)
    if not confirmation:
        return
    user_id = body["user"]["id"]
    for change in confirmation.get("changes", ()):
        relations.tell(deps, body["team"]["id"], change)
    redraw.after_change(
        deps,
        body["team"]["id"],
        relation_ids=confirmation.get("relation_ids", ()),
        home_of=user_id if confirmation.get("from_home") else None,
    )
    message = {k: v for k, v in confirmation["message"].items() if k in ("text", "blocks")}
    if confirmation["channel"]:
        try:
            client.chat_postEphemeral(channel=confirmation["channel"], user=user_id, **message)
            return
        except SlackApiError:
            pass  # e.g. Goodwill is not in that channel: fall back to the DM
    client.chat_postMessage(channel=user_id, **message)


def relation_choices(ack: Ack, body: dict, context: BoltContext) -> None:
    """The relations matching what was typed, and "Someone new: <typed>" unless it is one of them."""
    deps = deps_of(context)
    team_id, typed = body["team"]["id"], clean_name(str(body.get("value", "")))
    with deps.sessions() as session:
        found = search_relations(session, team_id, typed)
        who = profiles(session, team_id, [body["user"]["id"]]).get(body["user"]["id"])
        language = language_for(session, team_id, who)
    options = [relation_option(c.relation_id, c.name, c.organisation) for c in found]
    new = new_person_option(typed, language)
    if new is not None and all(c.name.casefold() != typed.casefold() for c in found):
        options.append(new)
    ack(options=options[:100])


def theme_choices(ack: Ack, body: dict, context: BoltContext) -> None:
    deps = deps_of(context)
    typed = clean_name(str(body.get("value", ""))).lower().lstrip("#")[:THEME_MAX]
    with deps.sessions() as session:
        found = search_themes(session, body["team"]["id"], typed)
    options = [theme_option(name) for name in found]
    if typed and typed not in found:
        options.append(theme_option(typed, new=True))
    ack(options=options[:100])


def register(app: App) -> None:
    app.view(CALLBACK_ID)(ack=save, lazy=[confirm])
    app.options(RELATION_SELECT)(relation_choices)
    app.options(THEMES_SELECT)(theme_choices)


def _store(
    session: Session, who: Reader, form: MeetingForm, now: datetime
) -> tuple[Recorded | None, list[Change], dict[str, str]]:
    """Store the checked form: (what was stored, the tier changes asked for existing relations, {}) or
    (None, [], field errors found against the database)."""
    team_id, user_id = who.team_id, who.user_id
    if form.relation_id is not None and not relation_exists(session, team_id, form.relation_id):
        return None, [], {"relation": "relation_gone"}
    if form.new_name and not form.editing:
        errors = _duplicate_errors(session, team_id, form)
        if errors:
            return None, [], errors
    person = Person(form.new_name, form.organisation or None, form.relation_id)
    fields = dict(
        occurred_on=form.occurred_on,
        colleagues=form.colleagues,
        themes=form.themes,
        notes=form.notes,
        gave=form.gave or None,
        got=form.got or None,
        kind=form.kind,
        private=form.private,
    )
    if form.editing:
        recorded = update_meeting(
            session,
            team_id=team_id,
            user_id=user_id,
            interaction_ids=form.editing,
            relation=person if len(form.editing) == 1 else None,
            tier=form.tier,
            **fields,
        )
        if recorded is None:
            return None, [], {"date": "not_editable"}
    else:
        recorded = record_meeting(
            session, team_id=team_id, logged_by=user_id, people=[person], today=who.today, tier=form.tier, **fields
        )
    existed = [i for i in recorded.relation_ids if i not in recorded.created_relation_ids]
    return recorded, relations.tier_asked_when_recording(session, who, existed, form.tier, now=now), {}


def _duplicate_errors(session: Session, team_id: str, form: MeetingForm) -> dict[str, str]:
    """A new name close to an existing relation must be picked, or told apart by organisation."""
    resolution = resolve_people(session, team_id, [Person(form.new_name, form.organisation or None)])[0]
    if resolution.status != "uncertain":
        return {}
    if form.organisation and all(
        (o.organisation or "").casefold() != form.organisation.casefold() for o in resolution.options
    ):
        return {}
    return {"relation": "maybe_duplicate"}
