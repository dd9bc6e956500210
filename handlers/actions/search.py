"""The App Home's search box: Enter (a dispatch action) redraws the Home tab with what was discussed."""

from __future__ import annotations

from slack_bolt import App, BoltContext

from bot.home import publish_home
from bot.render.search import SEARCH_ACTION
from handlers.common import acknowledge, deps_of


def search(body: dict, context: BoltContext) -> None:
    deps = deps_of(context)
    typed = body["actions"][0].get("value") or ""
    publish_home(deps, body["team"]["id"], body["user"]["id"], search=typed)


def register(app: App) -> None:
    app.action(SEARCH_ACTION)(ack=acknowledge, lazy=[search])
