"""/goodwill strategy: admins and leads write down purpose and goals; others are told who sets it."""

from __future__ import annotations

from slack_bolt import Respond
from slack_sdk import WebClient

from bot import permissions
from bot.deps import Deps
from bot.members import reader
from bot.render.strategy import not_allowed_text, strategy_modal
from storage.db import transaction
from storage.network import theme_names
from storage.strategy import get_strategy


def handle(deps: Deps, command: dict, args: str, client: WebClient, respond: Respond) -> None:
    team_id, user_id = command["team_id"], command["user_id"]
    with transaction(deps.sessions) as session:
        who = reader(deps, session, team_id, user_id)
        language = who.language
        if not permissions.may_set_workspace_settings(who):
            respond(response_type="ephemeral", text=not_allowed_text(language))
            return
        view = strategy_modal(get_strategy(session, team_id), theme_names(session, team_id), language)
    client.views_open(trigger_id=command["trigger_id"], view=view)
