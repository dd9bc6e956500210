"""Seeing the network: the services behind /relation, /whoknows and /network (no Slack objects here)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from bot import permissions
from bot.domain.names import Candidate, closest_names
from bot.domain.network import COLLEAGUES_SHOWN, RelationRef, WhoKnowsAnswer
from bot.members import Reader
from bot.render.network import T, notice, relation_card_message
from storage import network as store
from storage.relations import name_candidates

SUGGESTIONS = 5


@dataclass(frozen=True)
class NameLookup:
    """What a typed name resolves to: exactly one relation, several with that name, or the closest others."""

    found: RelationRef | None
    choices: tuple[RelationRef, ...] = ()
    ambiguous: bool = False


def look_up_relation(session: Session, team_id: str, typed: str) -> NameLookup:
    """Exact normalised match first (indexed); else the closest names by fuzzy matching."""
    exact = store.relations_with_name(session, team_id, typed)
    if len(exact) == 1:
        return NameLookup(exact[0])
    if exact:
        return NameLookup(None, tuple(exact), ambiguous=True)
    # Candidates come from the name-word index, so this stays fast however large the network.
    close = closest_names(typed, name_candidates(session, team_id, typed), limit=SUGGESTIONS)
    return NameLookup(None, tuple(RelationRef(c.relation_id, c.name, c.organisation) for c in close))


@dataclass(frozen=True)
class WhoKnowsLookup:
    answer: WhoKnowsAnswer | None
    suggestions: tuple[str, ...] = ()


def who_knows(session: Session, team_id: str, query: str, *, today: date) -> WhoKnowsLookup:
    """Read the question as theme, organisations and people at once; suggest close names if nothing fits."""
    query = " ".join(query.split())
    theme = store.theme_named(session, team_id, query)
    organisations = store.organisations_named(session, team_id, query)
    people = sorted({ref.name for ref in store.relations_with_name(session, team_id, query)})
    if not (theme or organisations or people):
        words = [f"#{t}" for t in store.theme_names(session, team_id)] + store.organisation_names(session, team_id)
        candidates = [Candidate(0, word, None) for word in words]
        candidates += [Candidate(0, c.name, None) for c in name_candidates(session, team_id, query)]
        close = closest_names(query, candidates, limit=SUGGESTIONS)
        return WhoKnowsLookup(None, tuple(dict.fromkeys(c.name for c in close)))
    matching = store.matching_relations(team_id, theme=theme, organisations=organisations, people=people)
    read = store.who_knows(session, team_id, matching, today=today, shown=COLLEAGUES_SHOWN)
    count = store.count_relations(session, matching)
    return WhoKnowsLookup(
        WhoKnowsAnswer(
            query=query,
            theme=theme,
            organisations=tuple(organisations),
            people=tuple(people),
            relation_count=count,
            relations_read=read.relations_read,
            acquaintances=tuple(read.acquaintances),
            colleague_count=read.colleague_count,
        )
    )


def card_message(session: Session, team_id: str, relation_id: int, who: Reader, *, note: str | None = None) -> dict:
    """The relation card as `who` may see it; a notice when the relation is gone (forgotten meanwhile)."""

    card = store.relation_card(session, team_id, relation_id, viewer_id=who.user_id, today=who.today)
    if card is None:
        return notice(T("gone", who.language))
    message = relation_card_message(card, who.language, who.today, manage=permissions.may_manage(card, who))
    if note:
        message["blocks"].insert(0, {"type": "context", "elements": [{"type": "mrkdwn", "text": note}]})
    return message
