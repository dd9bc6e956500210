"""Seeing the network: the services behind /relation, /whoknows and /network (no Slack objects here)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from bot.domain.names import closest_names, normalise_name
from bot.domain.network import RelationRef, WhoKnowsAnswer
from storage import network as store

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
    refs = store.relation_refs(session, team_id)
    by_name: dict[str, list[RelationRef]] = {}
    for ref in refs:
        by_name.setdefault(normalise_name(ref.name), []).append(ref)
    names = closest_names(typed, [ref.name for ref in refs], limit=SUGGESTIONS)
    choices = [ref for name in names for ref in by_name[normalise_name(name)]][: SUGGESTIONS * 2]
    return NameLookup(None, tuple(choices))


@dataclass(frozen=True)
class WhoKnowsLookup:
    answer: WhoKnowsAnswer | None
    suggestions: tuple[str, ...] = ()


def who_knows(session: Session, team_id: str, query: str, *, today: date) -> WhoKnowsLookup:
    """Read the question as a theme, organisations and people at once; suggest close names when nothing fits."""
    query = " ".join(query.split())
    theme = store.theme_named(session, team_id, query)
    organisations = store.organisations_named(session, team_id, query)
    people = sorted({ref.name for ref in store.relations_with_name(session, team_id, query)})
    if not (theme or organisations or people):
        candidates = (
            [f"#{t}" for t in store.theme_names(session, team_id)]
            + store.organisation_names(session, team_id)
            + [ref.name for ref in store.relation_refs(session, team_id)]
        )
        return WhoKnowsLookup(None, tuple(closest_names(query.lstrip("#") if query.startswith("#") else query,
                                                         candidates, limit=SUGGESTIONS)))
    ids = store.matching_relation_ids(team_id, theme=theme, organisations=organisations, people=people)
    acquaintances = store.who_knows(session, team_id, ids, today=today)
    return WhoKnowsLookup(
        WhoKnowsAnswer(
            query=query,
            theme=theme,
            organisations=tuple(organisations),
            people=tuple(people),
            relation_count=store.count_relations(session, ids),
            acquaintances=tuple(acquaintances),
        )
    )
