"""Goodwill in Socket Mode (SLACK_APP_TOKEN set, no public URL): Slack's requests come over a WebSocket the app
opens. The stand-in hands out its own WebSocket in apps.connections.open and sends envelopes as Slack does."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import select

from bot.server import socket_mode_handler
from storage.models import Interaction, Relation
from tests.support.running import make_deps, make_settings
from tests.support.slack_requests import command_fields
from tests.support.slack_standin import TEAM_ID
from tests.support.socket_mode_standin import SocketModeStandIn


def test_met_over_socket_mode_is_recorded_and_confirmed_in_the_acknowledgement(db, slack, clock):
    settings = make_settings(db.url, slack, slack_app_token="xapp-1-test", slack_signing_secret=None)
    after_ack = ThreadPoolExecutor(max_workers=2)
    deps = make_deps(db, settings, clock, after_ack)
    with SocketModeStandIn() as socket:
        slack.socket_mode_url = socket.url
        handler = socket_mode_handler(deps)
        handler.connect()
        try:
            text = "Jan de Vries (Gemeente Den Haag) gisteren: koffie over huisvesting #wonen"
            socket.send(
                {
                    "envelope_id": "e-met-1",
                    "type": "slash_commands",
                    "accepts_response_payload": True,
                    "payload": command_fields(slack, "/met", text, "U0ANNA", TEAM_ID, "C0GENERAL"),
                }
            )
            answer = socket.answer_to("e-met-1")
        finally:
            handler.close()
            after_ack.shutdown(wait=True)

    assert slack.calls_to("apps.connections.open")
    shown = json.dumps(answer["payload"], ensure_ascii=False)
    assert answer["payload"]["response_type"] == "ephemeral"
    assert "Jan de Vries" in shown and "Gemeente Den Haag" in shown and "#wonen" in shown
    with db.sessions() as session:
        relation = session.scalars(select(Relation)).one()
        interaction = session.scalars(select(Interaction)).one()
    assert (relation.name, relation.organisation) == ("Jan de Vries", "Gemeente Den Haag")
    assert (interaction.occurred_on.isoformat(), interaction.notes) == ("2026-11-25", "koffie over huisvesting")
