"""Buttons on /met's answers: Undo, Edit, and "which one did you mean?"."""

from __future__ import annotations

import json
import re
from datetime import date

from slack_bolt import Ack, App, BoltContext

from bot.deps import Deps
from bot.i18n import language_of
from bot.members import member
from bot.met import run_met
from bot.recording import prefill_for_edit, undo_meeting
from bot.render.meeting import meeting_modal
from bot.render.recording import met_reply, problem_message, undone_message
from handlers.common import FORM_KEY, REPLY_KEY, changed, follow_up
from storage.db import transaction


def _value(body: dict) -> dict:
    try:
        return json.loads(body["actions"][0].get("value") or "{}")
    except (ValueError, KeyError, IndexError):
        return {}


def _ids(values) -> list[int]:
    return [int(v) for v in values or [] if str(v).isdigit()]


def register(app: App, deps: Deps) -> None:
    def language(session, team_id: str, user_id: str) -> str:
        who = member(deps, session, team_id, user_id)
        return language_of(who.locale if who else None)

    def undo(ack: Ack, body: dict, context: BoltContext) -> None:
        ack()
        value = _value(body)
        team_id, user_id = body["team"]["id"], body["user"]["id"]
        with transaction(deps.sessions) as session:
            lang = language(session, team_id, user_id)
            undone = undo_meeting(
                session,
                team_id=team_id,
                user_id=user_id,
                interaction_ids=_ids(value.get("i")),
                created_relation_ids=_ids(value.get("c")),
            )
        if undone.not_yours:
            context[REPLY_KEY] = problem_message("not_yours", lang) | {"replace_original": False}
        elif not undone.names:
            context[REPLY_KEY] = problem_message("gone", lang) | {"replace_original": True}
        else:
            context[REPLY_KEY] = undone_message(undone.names, undone.removed_relations, lang)
            changed(context, relation_ids=undone.relation_ids, user_ids=[user_id])

    def edit(ack: Ack, body: dict, context: BoltContext) -> None:
        ack()
        team_id, user_id = body["team"]["id"], body["user"]["id"]
        with transaction(deps.sessions) as session:
            lang = language(session, team_id, user_id)
            try:
                prefill = prefill_for_edit(session, team_id, user_id, _ids(_value(body).get("i")))
            except PermissionError:
                context[REPLY_KEY] = problem_message("not_yours", lang) | {"replace_original": False}
                return
        if prefill is None:
            context[REPLY_KEY] = problem_message("gone", lang) | {"replace_original": False}
            return
        channel = (body.get("container") or {}).get("channel_id") or (body.get("channel") or {}).get("id")
        context[FORM_KEY] = meeting_modal(prefill.with_channel(channel), lang)

    def pick(ack: Ack, body: dict, context: BoltContext) -> None:
        ack()
        value = _value(body)
        choices = {int(k): int(v) for k, v in (value.get("c") or {}).items() if str(k).isdigit()}
        day = value.get("d")
        with transaction(deps.sessions) as session:
            outcome = run_met(
                deps,
                session,
                team_id=body["team"]["id"],
                user_id=body["user"]["id"],
                text=value.get("t", ""),
                channel_id=(body.get("channel") or {}).get("id"),
                choices=choices,
                occurred_on=date.fromisoformat(day) if day else None,
            )
        message, form = met_reply(outcome, value.get("t", ""))
        if outcome.recorded is not None:
            changed(
                context,
                relation_ids=outcome.recorded.relation_ids,
                user_ids=[body["user"]["id"], *outcome.recorded.owner_ids],
            )
        if message:
            context[REPLY_KEY] = message | {"replace_original": True}
        if form:
            context[FORM_KEY] = form

    app.action("met_undo")(ack=undo, lazy=[follow_up(deps)])
    app.action("met_edit")(ack=edit, lazy=[follow_up(deps)])
    app.action(re.compile(r"^met_pick_(\d+|new)$"))(ack=pick, lazy=[follow_up(deps)])
