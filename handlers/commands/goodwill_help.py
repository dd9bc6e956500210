"""`/goodwill help [topic]` (and `/goodwill` alone): a short overview, or one topic (`/goodwill help nudges`,
`/goodwill hulp herinneringen`), in the member's language."""

from __future__ import annotations

from slack_bolt import Respond
from slack_sdk import WebClient

from bot.deps import Deps
from bot.members import reader
from bot.render.help import help_message
from storage.db import transaction
from storage.strategy import get_strategy


def handle(deps: Deps, command: dict, args: str, client: WebClient, respond: Respond) -> None:
    team_id = command["team_id"]
    with transaction(deps.sessions) as session:
        language = reader(deps, session, team_id, command["user_id"]).language
        strategy = get_strategy(session, team_id)
    respond(**help_message(language, strategy, args.split()[0] if args.split() else ""))
