"""/met: record a meeting in one line (or open the form)."""

from __future__ import annotations

from slack_bolt import Ack, App, BoltContext

from bot.deps import Deps
from bot.met import run_met
from bot.render.recording import met_reply
from handlers.common import FORM_KEY, changed, follow_up
from storage.db import transaction


def register(app: App, deps: Deps) -> None:
    def answer(ack: Ack, command: dict, context: BoltContext) -> None:
        text = command.get("text") or ""
        with transaction(deps.sessions) as session:
            outcome = run_met(
                deps,
                session,
                team_id=command["team_id"],
                user_id=command["user_id"],
                text=text,
                channel_id=command.get("channel_id"),
            )
        message, form = met_reply(outcome, text)
        if form is not None:
            context[FORM_KEY] = form
        if outcome.recorded is not None:
            changed(
                context,
                relation_ids=outcome.recorded.relation_ids,
                user_ids=[command["user_id"], *outcome.recorded.owner_ids],
            )
        ack(**message) if message else ack()

    app.command("/met")(ack=answer, lazy=[follow_up(deps)])
