"""/goodwill leaving @name YYYY-MM-DD (Dutch: /goodwill vertrekt): admins and team leads mark a colleague's last
day; a week before, the admins and leads get the proposals for who takes over each of their relations
(bot.handover). `@name off` takes the date back; without arguments it lists who is leaving."""

from __future__ import annotations

import re
from datetime import date

from slack_bolt import Respond
from slack_sdk import WebClient

from bot import handover, permissions
from bot.deps import Deps
from bot.members import member, reader
from bot.render.handover import T, first_name
from bot.render.text import escape, long_date, truncate, user_mention
from storage.db import transaction
from storage.handover import leaving_members

MENTION = re.compile(r"^<@([UW][A-Z0-9]{2,30})(?:\|[^>]*)?>$")
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
OFF_WORDS = {"off", "remove", "none", "uit", "weg", "geen", "niet"}


def handle(deps: Deps, command: dict, args: str, client: WebClient, respond: Respond) -> None:
    # Answer after the commit, so whoever reads the answer finds the date stored; then open the round if due.
    text, due_now = _answer(deps, command, args)
    respond(response_type="ephemeral", text=text)
    if due_now:
        for handover_id in handover.reconcile(deps, command["team_id"], only=[due_now]):
            handover.send_proposals(deps, command["team_id"], handover_id)


def _answer(deps: Deps, command: dict, args: str) -> tuple[str, str | None]:
    """The answer, and the member whose proposals are due now (if any)."""
    team_id, user_id = command["team_id"], command["user_id"]
    words = args.split()
    with transaction(deps.sessions) as session:
        asker = reader(deps, session, team_id, user_id)
        language = asker.language
        if not words:
            return _leaving_list(session, team_id, language), None
        refusal, target, day = _read_leaving(asker, words)
        if refusal:
            return refusal, None
        person = member(deps, session, team_id, target)
        if not permissions.is_active_colleague(person):
            return T("leaving_bad_member", language, who=user_mention(target)), None
        outcome = handover.set_leaving(session, asker, target, day, now=deps.now())
        text = _leaving_set_text(person, target, day, outcome, language)
    if day is None and outcome.cancelled_round:
        handover.refresh_proposals(deps, team_id, outcome.cancelled_round)
    return text, target if day is not None and outcome.opens_now else None


def _leaving_list(session, team_id: str, language: str) -> str:
    marked = leaving_members(session, team_id)
    if not marked:
        return T("leaving_none", language) + "\n" + T("leaving_usage", language)
    people = ", ".join(
        T("leaving_on", language, member=user_mention(who), day=long_date(day, language)) for who, day in marked
    )
    return T("leaving_list", language, people=people) + "\n" + T("leaving_usage", language)


def _read_leaving(asker, words: list[str]) -> tuple[str | None, str, date | None]:
    """(a refusal, or None; the member named; their last day, None to clear it) from `@member YYYY-MM-DD|off`."""
    language = asker.language
    if not permissions.may_mark_leaving(asker):
        return T("leaving_not_allowed", language), "", None
    match = MENTION.match(words[0])
    if not match or len(words) != 2:
        return T("leaving_no_mention", language) + "\n" + T("leaving_usage", language), "", None
    target, when = match.group(1), words[1]
    if when.lower() in OFF_WORDS:
        return None, target, None
    day = _day(when)
    if day is None:
        return T("leaving_bad_date", language, word=escape(truncate(when, 40))), "", None
    if day < asker.today:
        return T("leaving_past", language, day=long_date(day, language)), "", None
    return None, target, day


def _leaving_set_text(person, target: str, day: date | None, outcome, language: str) -> str:
    shown = user_mention(target)
    if day is None:
        text = T("leaving_cleared", language, member=shown)
        return text + " " + T("leaving_withdrawn", language) if outcome.cancelled_round else text
    first = escape(first_name(person.real_name or person.name)) or shown
    values = dict(member=shown, day=long_date(day, language), first=first)
    if outcome.opens_now:
        return T("leaving_set_now", language, **values)
    ahead = long_date(day - handover.rules.PROPOSE_AHEAD, language)
    return T("leaving_set", language, ahead=ahead, **values)


def _day(text: str) -> date | None:
    if not ISO_DAY.match(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None
