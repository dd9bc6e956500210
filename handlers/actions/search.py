"""The App Home's search box: Enter (a dispatch action) redraws the Home tab with what was discussed."""

from __future__ import annotations

from slack_bolt import Ack, App

from bot.deps import Deps
from bot.home import publish_home
from bot.render.search import SEARCH_ACTION


def register(app: App, deps: Deps) -> None:
    def acknowledge(ack: Ack) -> None:
        ack()

    def search(body: dict) -> None:
        typed = body["actions"][0].get("value") or ""
        publish_home(deps, body["team"]["id"], body["user"]["id"], search=typed)

    app.action(SEARCH_ACTION)(ack=acknowledge, lazy=[search])
