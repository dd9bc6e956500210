"""/met: record a meeting in one line."""

from __future__ import annotations

from slack_bolt import Ack, App

from bot.deps import Deps
from bot.i18n import language_of
from bot.members import local_today, member
from bot.recording import Person, record_meeting
from bot.render.recording import RecordedView, recorded_message
from storage.db import transaction


def register(app: App, deps: Deps) -> None:
    @app.command("/met")
    def met(ack: Ack, command: dict) -> None:
        team_id, user_id = command["team_id"], command["user_id"]
        name = " ".join((command.get("text") or "").split())
        with transaction(deps.sessions) as session:
            who = member(deps, session, team_id, user_id)
            language = language_of(who.locale if who else None)
            today = local_today(deps.now(), who.tz if who else None)
            if not name:
                ack(response_type="ephemeral", text="Tell me who you met: `/met Jan de Vries`")
                return
            recorded = record_meeting(
                session, team_id=team_id, logged_by=user_id, people=[Person(name)], occurred_on=today, today=today
            )
        ack(**recorded_message(RecordedView(people=[(name, None)], occurred_on=today), language))
