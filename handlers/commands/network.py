"""/network [theme]: the themes with their relations, owners and quiet ones; or one theme in detail."""

from __future__ import annotations

from slack_bolt import App, BoltContext, Respond

from bot.members import reader
from bot.render.network import T, network_overview_message, notice, theme_message
from bot.render.text import escape, truncate
from handlers.common import acknowledge, deps_of
from storage import network as store
from storage.db import transaction


def show(command: dict, respond: Respond, context: BoltContext) -> None:
    deps = deps_of(context)
    team_id = command["team_id"]
    typed = " ".join((command.get("text") or "").split())
    with transaction(deps.sessions) as session:
        who = reader(deps, session, team_id, command["user_id"])
        if not typed:
            message = network_overview_message(store.theme_overview(session, team_id, who.today), who.language)
        elif typed.lower() in ("help", "hulp"):
            message = notice(T("network_usage", who.language))
        else:
            theme = store.theme_named(session, team_id, typed)
            if theme is None:
                message = notice(
                    T("unknown_theme", who.language, name=escape(truncate(typed, 80)))
                    + " "
                    + T("network_usage", who.language)
                )
            else:
                message = theme_message(
                    store.theme_relations(session, team_id, theme, who.today), who.language, who.today
                )
    respond(**message)


def register(app: App) -> None:
    app.command("/network")(ack=acknowledge, lazy=[show])
