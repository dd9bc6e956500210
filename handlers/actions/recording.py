"""Buttons on /met's answers: Undo, Edit, and "which one did you mean?"."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date

from slack_bolt import Ack, App, BoltContext

from bot.deps import Deps
from bot.members import asking
from bot.recording import prefill_for_edit, undo_meeting
from bot.recording_line import run_met
from bot.render.recording import met_reply, problem_message, undone_message
from bot.render.recording_form import meeting_modal
from handlers.common import FollowUp, deps_of, follow_up
from storage.db import transaction


def _value(body: dict) -> dict:
    try:
        value = json.loads(body["actions"][0].get("value") or "{}")
    except (ValueError, KeyError, IndexError, TypeError, AttributeError):
        return {}
    return value if isinstance(value, dict) else {}


def _number(value) -> int | None:
    text = str(value)
    return int(text) if text.isdigit() and len(text) <= 18 else None


def _day(value) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _ids(values) -> list[int]:
    return [n for n in map(_number, values if isinstance(values, list) else []) if n is not None]


def language(deps: Deps, team_id: str, user_id: str) -> str:
    # Before any transaction: the profile may have to come from Slack.
    return asking(deps, team_id, user_id).language


def undo(ack: Ack, body: dict, context: BoltContext) -> None:
    deps = deps_of(context)
    ack()
    value = _value(body)
    team_id, user_id = body["team"]["id"], body["user"]["id"]
    lang = language(deps, team_id, user_id)
    with transaction(deps.sessions) as session:
        undone = undo_meeting(
            session,
            team_id=team_id,
            user_id=user_id,
            interaction_ids=_ids(value.get("i")),
            created_relation_ids=_ids(value.get("c")),
            shown=value.get("s"),
        )
    relation_ids = []
    if undone.not_yours:
        reply = problem_message("not_yours", lang) | {"replace_original": False}
    elif not undone.names:
        reply = problem_message("gone", lang) | {"replace_original": True}
    else:
        reply = undone_message(undone.names, undone.removed_relations, lang)
        relation_ids = undone.relation_ids
    response_url = body.get("response_url")
    follow_up(
        deps,
        FollowUp(team_id, reply=reply, response_url=response_url, relation_ids=relation_ids),
    )


def edit(ack: Ack, body: dict, context: BoltContext) -> None:
    deps = deps_of(context)
    ack()
    team_id, user_id = body["team"]["id"], body["user"]["id"]
    lang = language(deps, team_id, user_id)
    with deps.sessions() as session:  # reads only
        try:
            prefill = prefill_for_edit(session, team_id, user_id, _ids(_value(body).get("i")))
            problem = None if prefill else "gone"
        except PermissionError:
            prefill, problem = None, "not_yours"
    after = FollowUp(team_id, trigger_id=body.get("trigger_id"), response_url=body.get("response_url"))
    if prefill is None:
        follow_up(deps, replace(after, reply=problem_message(problem, lang) | {"replace_original": False}))
    else:
        channel = (body.get("container") or {}).get("channel_id") or (body.get("channel") or {}).get("id")
        follow_up(deps, replace(after, form=meeting_modal(prefill.with_channel(channel), lang)))


def pick(ack: Ack, body: dict, context: BoltContext) -> None:
    deps = deps_of(context)
    ack()
    value = _value(body)
    given = value.get("c") if isinstance(value.get("c"), dict) else {}
    choices = {_number(k): _number(v) for k, v in given.items() if _number(k) is not None and _number(v) is not None}
    text, day = value.get("t"), value.get("d")
    team_id, user_id = body["team"]["id"], body["user"]["id"]
    if not isinstance(text, str) or not text.strip() or not choices:
        # Not what a "which one did you mean?" button carries: say so, change nothing.
        reply = problem_message("stale_button", language(deps, team_id, user_id)) | {"replace_original": False}
        follow_up(deps, FollowUp(team_id, reply=reply, response_url=body.get("response_url")))
        return
    outcome = run_met(
        deps,
        team_id=team_id,
        user_id=user_id,
        text=text,
        channel_id=(body.get("channel") or {}).get("id"),
        choices=choices,
        occurred_on=_day(day),
    )
    message, form = met_reply(outcome, text)
    recorded = outcome.recorded
    follow_up(
        deps,
        FollowUp(
            team_id,
            form=form,
            trigger_id=body.get("trigger_id"),
            reply=message | {"replace_original": True} if message else None,
            response_url=body.get("response_url"),
            relation_ids=recorded.relation_ids if recorded else (),
            changes=outcome.changes,
        ),
    )


def register(app: App) -> None:
    app.action("met_undo")(undo)
    app.action("met_edit")(edit)
    app.action(re.compile(r"^met_pick_(\d+|new)$"))(pick)
