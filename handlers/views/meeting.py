"""The recording modal: saving it, and the type-ahead of its relation and theme pickers."""

from __future__ import annotations

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.deps import Deps
from bot.domain.meeting import meeting_errors
from bot.members import reader
from bot.recording import Person, record_meeting, relation_exists, resolve_people, update_meeting
from bot.render.changes import tier_notes, with_notes
from bot.render.meeting import (
    CALLBACK_ID,
    ERRORS,
    RELATION_SELECT,
    THEMES_SELECT,
    read_meeting_form,
    relation_option,
    theme_option,
)
from bot.render.recording import confirmation_from
from bot.ripple import after_change
from bot.services import relations
from storage.db import transaction
from storage.relations import search_relations, search_themes

CONFIRMATION_KEY = "goodwill_confirmation"


def register(app: App, deps: Deps) -> None:
    def save(ack: Ack, body: dict, view: dict, context: BoltContext) -> None:
        form = read_meeting_form(view)
        team_id, user_id = body["team"]["id"], body["user"]["id"]
        with transaction(deps.sessions) as session:
            who = reader(deps, session, team_id, user_id)
            lang, today = who.language, who.today
            found = relation_exists(session, team_id, form.relation_id) if form.relation_id else True
            errors = meeting_errors(form, today=today, relation_found=found)
            if not errors and form.new_name and not form.editing:
                errors = _duplicate_errors(session, team_id, form)
            if errors:
                ack(
                    response_action="errors",
                    errors={block: ERRORS(key, lang) for block, key in errors.items()},
                )
                return
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
                    ack(response_action="errors", errors={"date": ERRORS("not_editable", lang)})
                    return
            else:
                recorded = record_meeting(
                    session,
                    team_id=team_id,
                    logged_by=user_id,
                    people=[person],
                    today=today,
                    tier=form.tier,
                    **fields,
                )
            existed = [i for i in recorded.relation_ids if i not in recorded.created_relation_ids]
            changes = relations.tier_asked_when_recording(session, who, existed, form.tier, now=deps.now())
        ack()
        message = confirmation_from(
            recorded,
            occurred_on=form.occurred_on,
            colleagues=form.colleagues,
            themes=form.themes,
            notes=form.notes,
            language=lang,
        )
        context[CONFIRMATION_KEY] = {
            "channel": form.channel_id,
            "relation_ids": list(recorded.relation_ids),
            "owner_ids": list(recorded.owner_ids),
            "message": with_notes(message, tier_notes(changes, lang)),
            "changes": changes,
        }

    def confirm(body: dict, client: WebClient, context: BoltContext) -> None:
        """Tell the user what was saved: ephemeral where they started, else in their DM with Goodwill."""
        confirmation = context.get(CONFIRMATION_KEY)
        if not confirmation:
            return
        user_id = body["user"]["id"]
        for change in confirmation.get("changes", ()):
            relations.tell(deps, body["team"]["id"], change)
        after_change(
            deps,
            body["team"]["id"],
            relation_ids=confirmation.get("relation_ids", ()),
            user_ids=[user_id, *confirmation.get("owner_ids", ())],
        )
        message = {k: v for k, v in confirmation["message"].items() if k in ("text", "blocks")}
        if confirmation["channel"]:
            try:
                client.chat_postEphemeral(channel=confirmation["channel"], user=user_id, **message)
                return
            except SlackApiError:
                pass  # e.g. Goodwill is not in that channel: fall back to the DM
        client.chat_postMessage(channel=user_id, **message)

    def relation_choices(ack: Ack, body: dict) -> None:
        with deps.sessions() as session:
            found = search_relations(session, body["team"]["id"], body.get("value", ""))
        ack(options=[relation_option(c.relation_id, c.name, c.organisation) for c in found])

    def theme_choices(ack: Ack, body: dict) -> None:
        typed = " ".join(body.get("value", "").lower().lstrip("#").split())[:80]
        with deps.sessions() as session:
            found = search_themes(session, body["team"]["id"], typed)
        options = [theme_option(name) for name in found]
        if typed and typed not in found:
            options.append(theme_option(typed, new=True))
        ack(options=options[:100])

    app.view(CALLBACK_ID)(ack=save, lazy=[confirm])
    app.options(RELATION_SELECT)(relation_choices)
    app.options(THEMES_SELECT)(theme_choices)


def _duplicate_errors(session, team_id: str, form) -> dict[str, str]:
    """A new name close to an existing relation must be picked, or told apart by organisation."""
    resolution = resolve_people(session, team_id, [Person(form.new_name, form.organisation or None)])[0]
    if resolution.status != "uncertain":
        return {}
    if form.organisation and all(
        (o.organisation or "").casefold() != form.organisation.casefold() for o in resolution.options
    ):
        return {}
    return {"new_name": "maybe_duplicate"}
