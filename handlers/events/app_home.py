"""app_home_opened (Home tab): publish the member's own network, after the acknowledgement."""

from __future__ import annotations

from slack_bolt import App, BoltContext

from bot.home import publish_home
from bot.members import reader
from bot.render.recording_form import MeetingPrefill, meeting_modal
from handlers.common import acknowledge, deps_of
from storage.db import transaction


def publish(body: dict, event: dict, context: BoltContext) -> None:
    deps = deps_of(context)
    if event.get("tab") != "home":
        return
    publish_home(deps, body["team_id"], event["user"])


def log_meeting(body: dict, client, context: BoltContext) -> None:
    deps = deps_of(context)

    with transaction(deps.sessions) as session:
        who = reader(deps, session, body["team"]["id"], body["user"]["id"])
    # The member's own today, in their time zone (not the server's).
    view = meeting_modal(MeetingPrefill(occurred_on=who.today, from_home=True), who.language)
    client.views_open(trigger_id=body["trigger_id"], view=view)


def register(app: App) -> None:
    app.event("app_home_opened")(ack=acknowledge, lazy=[publish])
    app.action("home_log_meeting")(ack=acknowledge, lazy=[log_meeting])
