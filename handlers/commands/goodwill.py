"""/goodwill <subcommand> …: one slash command, several features, each in handlers/commands/goodwill_<name>.py.

A subcommand module exposes `handle(deps, command, args, client, respond)`; it runs after the
acknowledgement (lazily), answers with `respond` (ephemeral) and may open modals with `client`.
Aliases let Dutch speakers type Dutch words.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from slack_bolt import App, BoltContext, Respond
from slack_sdk import WebClient

from bot.deps import Deps
from bot.i18n import Catalog
from bot.language import language_for, may_offer_other_language, offer_other_language
from bot.members import member
from bot.render.recording import with_language_offer
from bot.render.text import escape
from handlers.common import acknowledge, deps_of
from storage.db import transaction

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
    "language": "language",
    "taal": "language",
    "leaving": "leaving",
    "vertrekt": "leaving",
}
DEFAULT = "help"  # `/goodwill` alone

T = Catalog(
    {
        "unknown": {
            "en": "I don't know `/goodwill {word}`. Try `/goodwill help`.",
            "nl": "`/goodwill {word}` ken ik niet. Probeer `/goodwill hulp`.",
        },
    }
)


def split(text: str) -> tuple[str, str]:
    word, _, rest = (text or "").strip().partition(" ")
    return word.lower(), rest.strip()


def offering_language(respond: Respond, deps: Deps, team_id: str, who, language: str) -> Callable[..., object]:
    """`respond`, whose first answer ends with one line offering the other language: the member's first
    contact. Claimed when the answer is sent, so a subcommand that answers with a modal offers nothing."""

    answered = False

    def answer(**message: object) -> object:
        nonlocal answered
        if not answered:
            answered = True
            with transaction(deps.sessions) as session:
                if offer_other_language(session, team_id, who):
                    message = with_language_offer(message, language)
        return respond(**message)

    return answer


def dispatch(command: dict, client: WebClient, respond: Respond, context: BoltContext) -> None:
    deps = deps_of(context)

    word, args = split(command.get("text", ""))
    name = SUBCOMMANDS.get(word or DEFAULT)
    team_id = command["team_id"]
    with deps.sessions() as session, session.begin():
        who = member(deps, session, team_id, command["user_id"])
        language = language_for(session, team_id, who)
    # Choosing a language is no moment to be offered one.
    if name != "language" and may_offer_other_language(who):
        respond = offering_language(respond, deps, team_id, who, language)
    if name is None:
        respond(response_type="ephemeral", text=T("unknown", language, word=escape(word[:50])))
        return
    import_module(f"handlers.commands.goodwill_{name}").handle(deps, command, args, client, respond)


def register(app: App) -> None:
    app.command("/goodwill")(ack=acknowledge, lazy=[dispatch])
