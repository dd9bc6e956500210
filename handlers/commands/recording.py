"""/met: record a meeting in one line (or open the form). run_met keeps the database free while it parses or
waits for Slack, so the handler opens no transaction of its own.

`/met` is the slash command's name in Slack (manifest.yml); in the code the act is *recording* and what is
stored a *meeting* (docs/glossary.md)."""

from __future__ import annotations

from slack_bolt import Ack, App, BoltContext

from bot.recording_line import run_met
from bot.render.recording import met_reply
from handlers.common import FollowUp, deps_of, follow_up


def answer(ack: Ack, command: dict, context: BoltContext) -> None:
    deps = deps_of(context)
    text = command.get("text") or ""
    outcome = run_met(
        deps,
        team_id=command["team_id"],
        user_id=command["user_id"],
        text=text,
        channel_id=command.get("channel_id"),
    )
    message, form = met_reply(outcome, text)
    ack(**message) if message else ack()
    recorded = outcome.recorded
    follow_up(
        deps,
        FollowUp(
            command["team_id"],
            form=form,
            trigger_id=command.get("trigger_id"),
            relation_ids=recorded.relation_ids if recorded else (),
            changes=outcome.changes,
        ),
    )


def register(app: App) -> None:
    app.command("/met")(answer)
