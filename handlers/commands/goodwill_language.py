"""/goodwill language [nl|en] (`taal`): the language Goodwill speaks to you; `/goodwill language workspace nl|en`
sets the workspace's language (admins and team leads), read by whoever chose none and by the digest channel.

Slack cannot tell us (it has no Dutch interface), so Goodwill asks and keeps the answer on the member.
"""

from __future__ import annotations

from slack_bolt import Respond
from slack_sdk import WebClient
from sqlalchemy.orm import Session

from bot.deps import Deps
from bot.i18n import language_code, language_of
from bot.language import language_for
from bot.members import member, refresh_members
from bot.render.language import language_name, not_allowed, text
from bot.render.text import escape, truncate
from storage.db import transaction
from storage.members import admins_and_leads, choose_language
from storage.models import Member, Workspace
from storage.workspaces import ensure_workspace

WORKSPACE_WORDS = {"workspace", "werkruimte", "team", "iedereen", "everyone"}
NAMES = {"dutch": "nl", "nederlands": "nl", "ned": "nl", "english": "en", "engels": "en", "eng": "en"}
FOLLOW_WORKSPACE = {"default", "standaard", "auto", "automatisch"}
UNKNOWN = "?"


def chosen(word: str) -> str | None:
    """'nl', 'Nederlands', 'dutch' → 'nl'; 'standaard' → None (follow the workspace); UNKNOWN otherwise."""
    word = word.lower()
    if word in FOLLOW_WORKSPACE:
        return None
    return NAMES.get(word) or language_code(word) or UNKNOWN


def handle(deps: Deps, command: dict, args: str, client: WebClient, respond: Respond) -> None:
    team_id, user_id = command["team_id"], command["user_id"]
    words = args.split()
    with transaction(deps.sessions) as session:
        who = member(deps, session, team_id, user_id)
        language = language_for(session, team_id, who)
        workspace = ensure_workspace(session, team_id)
        if words and words[0].lower() in WORKSPACE_WORDS:
            answer = _workspace(deps, session, team_id, who, workspace, words[1:], language)
        elif not words:
            own = who.language if who else None
            key = "yours" if own else "workspace_default"
            answer = text(key, language, language=language_name(language, language)) + "\n" + text("how", language)
        else:
            choice = chosen(words[0])
            if choice == UNKNOWN:
                answer = text("unknown", language, word=escape(truncate(words[0], 40)))
            else:
                choose_language(session, team_id, user_id, choice)
                language = language_of(choice, workspace.default_locale)
                name = language_name(language, language)
                answer = text("chosen", language) if choice else text("follows_workspace", language, language=name)
    respond(response_type="ephemeral", text=answer)


def _workspace(
    deps: Deps,
    session: Session,
    team_id: str,
    who: Member | None,
    workspace: Workspace,
    words: list[str],
    language: str,
) -> str:
    if not words:
        current = language_of(None, workspace.default_locale)
        return text("workspace_current", language, language=language_name(current, language))
    if who is None or not (who.is_admin or who.is_lead):
        refresh_members(deps, session, team_id)  # who the admins are, as Slack says today
        return not_allowed(admins_and_leads(session, team_id), language)
    choice = chosen(words[0])
    if choice in (None, UNKNOWN):
        return text("unknown", language, word=escape(truncate(words[0], 40)))
    workspace.default_locale = choice
    language = language_of(who.language, choice)  # whoever chose none reads the new language already
    return text("workspace_set", language, language=language_name(choice, language))
