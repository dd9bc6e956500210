"""The strategy modal's submission: validated field by field, then stored."""

from __future__ import annotations

from slack_bolt import Ack, App, BoltContext

from bot import permissions
from bot.domain.strategy import MAX_GOALS, GoalInput, read_strategy
from bot.members import reader
from bot.render.strategy import CALLBACK_ID, block_ids, not_allowed_text, problem_errors, saved_text
from handlers.common import deps_of
from storage.db import transaction
from storage.strategy import save_strategy


def _text(values: dict, block_id: str, action_id: str = "value") -> str:
    return (values.get(block_id, {}).get(action_id, {}) or {}).get("value") or ""


def _picked(values: dict, block_id: str) -> list[str]:
    selected = (values.get(block_id, {}).get("value", {}) or {}).get("selected_options") or []
    return [option["value"] for option in selected]


def _message_view(title: str, text: str) -> dict:
    return {
        "type": "modal",
        "title": {"type": "plain_text", "text": title},
        "close": {"type": "plain_text", "text": "OK"},
        "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": text}}],
    }


def submit(ack: Ack, body: dict, view: dict, context: BoltContext) -> None:
    deps = deps_of(context)
    team_id, user_id = body["team"]["id"], body["user"]["id"]
    values = view["state"]["values"]
    goals = [
        GoalInput(
            name=_text(values, ids["name"]),
            picked=_picked(values, ids["picked"]),
            typed=_text(values, ids["typed"]),
        )
        for ids in (block_ids(i) for i in range(MAX_GOALS))
    ]
    strategy, problems = read_strategy(_text(values, "purpose", "purpose"), goals)
    with transaction(deps.sessions) as session:
        who = reader(deps, session, team_id, user_id)
        language = who.language
        if not permissions.may_set_workspace_settings(
            who
        ):  # the modal was opened by an admin who has since lost the role
            ack(response_action="update", view=_message_view("Goodwill", not_allowed_text(language)))
            return
        if problems:
            ack(response_action="errors", errors=problem_errors(problems, language))
            return
        save_strategy(session, team_id, strategy)
    ack(response_action="update", view=_message_view("Goodwill", saved_text(strategy, language)))


def register(app: App) -> None:
    app.view(CALLBACK_ID)(submit)
