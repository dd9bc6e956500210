"""/goodwill <subcommand> …: one slash command, several features, each in handlers/commands/goodwill_<name>.py.

A subcommand module exposes `handle(deps, command, args, client, respond)`; it runs after the
acknowledgement (lazily), answers with `respond` (ephemeral) and may open modals with `client`.
Aliases let Dutch speakers type Dutch words.
"""

from __future__ import annotations

from importlib import import_module

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.deps import Deps
from bot.i18n import Catalog

# first word -> module name (handlers.commands.goodwill_<module>)
SUBCOMMANDS: dict[str, str] = {
    "help": "help",
    "hulp": "help",
    "forget": "forget",
    "vergeet": "forget",
    "digest": "digest",
    "weekoverzicht": "digest",
    "nudges": "nudges",
    "nudge": "nudges",
    "herinneringen": "nudges",
    "herinnering": "nudges",
    "lead": "lead",
    "teamleider": "lead",
    "strategy": "strategy",
    "strategie": "strategy",
    "leaving": "leaving",
    "vertrekt": "leaving",
}
DEFAULT = "help"  # `/goodwill` alone

T = Catalog(
    {
        "unknown": {
            "en": "I don't know `/goodwill {word}`. Try `/goodwill help`.",
            "nl": "`/goodwill {word}` ken ik niet. Probeer `/goodwill help`.",
        },
    }
)


def split(text: str) -> tuple[str, str]:
    word, _, rest = (text or "").strip().partition(" ")
    return word.lower(), rest.strip()


def register(app: App, deps: Deps) -> None:
    def acknowledge(ack: Ack) -> None:
        ack()

    def dispatch(command: dict, client: WebClient, respond: Respond) -> None:
        word, args = split(command.get("text", ""))
        name = SUBCOMMANDS.get(word or DEFAULT)
        if name is None:
            from bot.members import reader
            from bot.render.text import escape

            with deps.sessions() as session, session.begin():
                language = reader(deps, session, command["team_id"], command["user_id"]).language
            respond(response_type="ephemeral", text=T("unknown", language, word=escape(word[:50])))
            return
        import_module(f"handlers.commands.goodwill_{name}").handle(deps, command, args, client, respond)

    app.command("/goodwill")(ack=acknowledge, lazy=[dispatch])
