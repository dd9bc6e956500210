"""/goodwill lead [remove] @name …: workspace admins mark (or unmark) team leads, who get the digest in a DM.

Without arguments it lists the leads. Slack sends a mention picked from its list as <@U123|name>.
"""

from __future__ import annotations

import re

from slack_bolt import Respond
from slack_sdk import WebClient

from bot import permissions
from bot.deps import Deps
from bot.members import member, reader
from bot.render.digest_settings import T, names
from bot.render.text import escape, truncate
from storage.db import transaction
from storage.digest import leads

MENTION = re.compile(r"^<@([UW][A-Z0-9]{2,30})(?:\|[^>]*)?>$")
REMOVE_WORDS = {"remove", "off", "unset", "verwijder", "weg", "uit"}


def handle(deps: Deps, command: dict, args: str, client: WebClient, respond: Respond) -> None:
    # Answer after the commit, so that whoever reads the answer finds the change stored.
    respond(response_type="ephemeral", text=_answer(deps, command, args, client))


def _answer(deps: Deps, command: dict, args: str, client: WebClient) -> str:
    team_id, user_id = command["team_id"], command["user_id"]
    with transaction(deps.sessions) as session:
        who = reader(deps, session, team_id, user_id)
        language = who.language
        if not args:
            current = [lead.user_id for lead in leads(session, team_id)]
            text = T("leads", language, names=names(current)) if current else T("no_leads", language)
            return text + "\n" + T("lead_usage", language)
        if not permissions.may_appoint_leads(who):
            return T("lead_not_allowed", language)
        words = args.split()
        remove = words[0].lower() in REMOVE_WORDS
        targets = []
        for word in words[1:] if remove else words:
            match = MENTION.match(word)
            if not match:
                return T("lead_bad_word", language, word=escape(truncate(word, 80)))
            targets.append(match.group(1))
        if not targets:
            return T("lead_usage", language)
        people = []
        for target in dict.fromkeys(targets):
            person = member(deps, session, team_id, target)
            if not permissions.may_be_lead(person):
                return T("lead_unknown", language, user=f"<@{target}>")
            people.append(person)
        for person in people:
            person.is_lead = not remove
        key = "leads_removed" if remove else "leads_added"
        text = T(key, language, names=names([p.user_id for p in people]))
    return text
