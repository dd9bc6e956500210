"""The App Home: a member's own network, published with views.publish.

`publish_home(deps, team_id, user_id)` is the one way to (re)draw it: called on app_home_opened and after a
member records or changes something (other features call it too).
"""

from __future__ import annotations

import logging
from datetime import date

from slack_sdk.errors import SlackApiError
from sqlalchemy.orm import Session

from bot.deps import Deps
from bot.discussed import search_discussed
from bot.domain.network import HomeData, HomeRelation
from bot.domain.quiet import attention_order
from bot.domain.warmth import WARM_FROM
from bot.gatherings import gatherings_home_blocks
from bot.members import reader
from bot.render.home import home_view
from bot.render.search import QUERY_MAX, search_box_blocks
from storage import network as store
from storage.db import transaction
from storage.members import get_member
from storage.quiet import quiet_relations
from storage.strategy import get_strategy

log = logging.getLogger("goodwill.home")
ATTENTION_SHOWN = 30


def digest_permalink(channel_id: str, message_ts: str) -> str:
    """Slack's permalink shape for a message, without an API call."""
    return f"https://slack.com/archives/{channel_id}/p{message_ts.replace('.', '')}"


def home_data(session: Session, team_id: str, user_id: str, today: date) -> HomeData:
    owned = store.owned_relations(session, team_id, user_id, today)
    warmths = {row.id: store.warmth_of(row, today) for row in owned}
    by_id = {row.id: row for row in owned}
    quiet = attention_order(quiet_relations(session, team_id, today, owner_ids=[user_id]), today)
    quiet_ids = {q.relation_id for q in quiet}

    def home_relation(row, is_quiet: bool) -> HomeRelation:
        return HomeRelation(
            row.id,
            row.name,
            row.organisation,
            row.tier,
            warmths.get(row.id, 0),
            row.last_contact_on,
            is_quiet,
            row.due_on,
        )

    attention = [home_relation(by_id[q.relation_id], True) for q in quiet if q.relation_id in by_id]
    cooling = sorted(
        (
            home_relation(row, False)
            for row in owned
            if row.id not in quiet_ids and not row.snoozed and warmths.get(row.id, 0) < WARM_FROM
        ),
        key=lambda r: (r.warmth, r.due_on, r.name.casefold()),
    )
    attention += cooling
    me = get_member(session, team_id, user_id)
    is_lead = bool(me and me.is_lead)
    digest = store.latest_digest(session, team_id) if is_lead else None
    return HomeData(
        user_id=user_id,
        owned=len(owned),
        needs_attention=tuple(attention[:ATTENTION_SHOWN]),
        needs_attention_total=len(attention),
        last_meetings=tuple(store.last_meetings(session, team_id, user_id)),
        strategy=get_strategy(session, team_id),
        is_lead=is_lead,
        latest_digest_url=digest_permalink(*digest) if digest else None,
    )


def home_search(session: Session, team_id: str, user_id: str, typed: str | None, language: str) -> list:
    """The Home tab's search box, with what was found when the member searched (bot.discussed)."""

    typed = " ".join((typed or "")[:QUERY_MAX].split())
    answer = search_discussed(session, team_id, user_id, typed) if typed else None
    return search_box_blocks(typed, answer, language)


def publish_home(deps: Deps, team_id: str, user_id: str, *, search: str | None = None) -> bool:
    """Draw the member's Home tab; False (logged) when Slack refuses, so callers never fail on a refresh.
    `search`: what the member searched for in the tab's search box, answered under it."""

    client = deps.client_for(team_id)
    if client is None:
        return False
    with transaction(deps.sessions) as session:
        who = reader(deps, session, team_id, user_id)
        view = home_view(
            home_data(session, team_id, user_id, who.today),
            who.language,
            who.today,
            events=gatherings_home_blocks(deps, session, team_id, user_id, who.language),
            search=home_search(session, team_id, user_id, search, who.language),
        )
    try:
        client.views_publish(user_id=user_id, view=view)
    except SlackApiError as error:
        log.warning("views.publish for %s failed: %s", user_id, error.response.get("error"))
        return False
    return True
