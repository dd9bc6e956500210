"""Every kept value (storage.derived.KEPT) worked out again in plain Python from the history, and compared.

EXPECTED has one function per kept value, from the history as it is (relations, interactions, who was there,
themes): the rule written out once more, independently of the SQL that keeps it. assert_kept_values_true reads
every kept value from the database and compares. tests/storage/test_derived_values.py checks that EXPECTED covers every
entry of the registry, and that a single wrong value of each is caught.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.domain.digest import MIN_EXCHANGES
from bot.domain.names import index_keys, normalise_name
from bot.domain.quiet import due_date
from bot.domain.search import index_terms
from bot.domain.warmth import contribution
from storage.derived import KEPT, TABLES
from storage.models import (
    EXCHANGE_GAVE,
    EXCHANGE_GOT,
    Gathering,
    Interaction,
    InteractionColleague,
    Relation,
    Theme,
    interaction_themes,
    relation_themes,
)
from storage.search_index import search_key


@dataclass
class History:
    """What the kept values are kept from, read with plain statements (never the ORM's cached objects)."""

    relations: dict[int, dict]
    interactions: dict[int, dict]
    colleagues: dict[int, list[str]]  # interaction id -> who was there besides whoever logged it
    interaction_themes: set[tuple[int, int]]
    relation_themes: set[tuple[int, int]]
    theme_names: dict[int, str]
    gathering_names: dict[int, str]

    @classmethod
    def read(cls, session: Session) -> History:
        connection = session.connection()
        relations = {row.id: row._asdict() for row in connection.execute(select(Relation.__table__))}
        interactions = {row.id: row._asdict() for row in connection.execute(select(Interaction.__table__))}
        colleagues: dict[int, list[str]] = defaultdict(list)
        for interaction_id, user_id in connection.execute(
            select(InteractionColleague.interaction_id, InteractionColleague.user_id)
        ):
            colleagues[interaction_id].append(user_id)
        return cls(
            relations,
            interactions,
            colleagues,
            set(connection.execute(select(interaction_themes.c.interaction_id, interaction_themes.c.theme_id))),
            set(connection.execute(select(relation_themes.c.relation_id, relation_themes.c.theme_id))),
            dict(connection.execute(select(Theme.id, Theme.name)).all()),
            dict(connection.execute(select(Gathering.id, Gathering.name)).all()),
        )

    def of(self, relation_id: int) -> list[dict]:
        return [i for i in self.interactions.values() if i["relation_id"] == relation_id]

    def people(self, interaction: dict) -> set[str]:
        return {interaction["logged_by"], *self.colleagues.get(interaction["id"], ())}

    def latest(self, relation_id: int) -> dict | None:
        return max(self.of(relation_id), key=lambda i: (i["occurred_on"], i["id"]), default=None)


def _per_relation(value: Callable[[History, int, dict], object]) -> Callable[[History], dict]:
    return lambda history: {rid: value(history, rid, r) for rid, r in history.relations.items()}


def _last_contact(history: History, relation_id: int) -> date | None:
    latest = history.latest(relation_id)
    return latest["occurred_on"] if latest else None


def _others_last_contact(history: History, relation_id: int, _relation: dict) -> date | None:
    latest = history.latest(relation_id)
    if latest is None:
        return None
    days = [i["occurred_on"] for i in history.of(relation_id) if history.people(i) - {latest["logged_by"]}]
    return max(days, default=None)


def _exchanges_from(history: History, relation_id: int, _relation: dict) -> date | None:
    running = 0
    for i in sorted(history.of(relation_id), key=lambda i: (i["occurred_on"], i["id"]), reverse=True):
        running += (i["gave"] is not None) + (i["got"] is not None)
        if running >= MIN_EXCHANGES:
            return i["occurred_on"]
    return None


def _warmth_on(meetings: list[dict], day: date, cadence_days: int) -> float:
    return sum(
        contribution(occurred_on=i["occurred_on"], kind=i["kind"], today=day, cadence_days=cadence_days)
        for i in meetings
    )


def _relation_warmth(history: History, relation_id: int, relation: dict) -> float:
    last = _last_contact(history, relation_id)
    return _warmth_on(history.of(relation_id), last, relation["cadence_days"]) if last else 0.0


def _ties(history: History) -> dict:
    met: dict[tuple[int, str], list[dict]] = defaultdict(list)
    for interaction in history.interactions.values():
        for user_id in history.people(interaction):
            met[(interaction["relation_id"], user_id)].append(interaction)
    expected = {}
    for (relation_id, user_id), meetings in met.items():
        last = max(i["occurred_on"] for i in meetings)
        cadence = history.relations[relation_id]["cadence_days"]
        expected[(relation_id, user_id)] = (last, _warmth_on(meetings, last, cadence))
    return expected


def _exchange(interaction: dict) -> int:
    return (EXCHANGE_GAVE if interaction["gave"] is not None else 0) | (
        EXCHANGE_GOT if interaction["got"] is not None else 0
    )


def _search_documents(history: History) -> dict:
    """Per interaction: (interaction, team, relation, public terms, private terms, author), terms as sets."""
    expected = {}
    for iid, i in history.interactions.items():
        themes = [
            history.theme_names[tid] for interaction_id, tid in history.interaction_themes if interaction_id == iid
        ]
        discussed = (i["notes"], i["gave"], i["got"])
        organisation = history.relations[i["relation_id"]]["organisation"]
        gathering = history.gathering_names.get(i["event_id"]) if i["event_id"] is not None else None
        public = index_terms(*themes, organisation, gathering, *(() if i["private"] else discussed))
        private = index_terms(*discussed) if i["private"] else []
        expected[search_key(i["occurred_on"], iid)] = (
            iid,
            i["team_id"],
            i["relation_id"],
            frozenset(public),
            frozenset(private),
            i["logged_by"] if i["private"] else "",
        )
    return expected


# One function per kept value: {primary key of the row it is kept on: the value}.
EXPECTED: dict[str, Callable[[History], dict]] = {
    "relations.last_interaction_id": _per_relation(lambda h, rid, _: (h.latest(rid) or {}).get("id")),
    "relations.last_contact_on": _per_relation(lambda h, rid, _: _last_contact(h, rid)),
    "relations.last_contact_by": _per_relation(lambda h, rid, _: (h.latest(rid) or {}).get("logged_by")),
    "relations.due_on": _per_relation(
        lambda h, rid, r: due_date(_last_contact(h, rid), r["created_on"], r["cadence_days"])
    ),
    "relations.others_last_contact_on": _per_relation(_others_last_contact),
    "relations.recent_exchanges_from": _per_relation(_exchanges_from),
    "relations.warmth_at_last": _per_relation(_relation_warmth),
    "interactions.relation_tier": lambda h: {
        iid: h.relations[i["relation_id"]]["tier"] for iid, i in h.interactions.items()
    },
    "interactions.exchange": lambda h: {iid: _exchange(i) for iid, i in h.interactions.items()},
    "interactions.colleagues_present": lambda h: {iid: len(h.colleagues.get(iid, ())) for iid in h.interactions},
    "interaction_themes.occurred_on": lambda h: {
        (iid, tid): h.interactions[iid]["occurred_on"] for iid, tid in h.interaction_themes
    },
    "interaction_colleagues.occurred_on": lambda h: {
        (iid, user): h.interactions[iid]["occurred_on"] for iid, users in h.colleagues.items() for user in users
    },
    "relation_themes.archived": lambda h: {(rid, tid): h.relations[rid]["archived"] for rid, tid in h.relation_themes},
    "relation_themes.last_contact_on": lambda h: {(rid, tid): _last_contact(h, rid) for rid, tid in h.relation_themes},
    "member_ties": _ties,
    "relations.name_key": _per_relation(lambda h, rid, r: normalise_name(r["name"])),
    "relation_name_tokens": lambda h: {
        (r["team_id"], token, rid): variant
        for rid, r in h.relations.items()
        for token, variant in index_keys(r["name"])
    },
    "search_documents": _search_documents,
}


def kept_values(session: Session, target: str) -> dict:
    """A kept value as the database holds it: {primary key of its row: the value}."""
    table = TABLES[target.split(".")[0]]
    key = list(table.primary_key.columns)
    column = target.partition(".")[2]
    if column:
        values = [table.c[column]]
    elif table.name == "member_ties":
        values = [table.c.last_met_on, table.c.warmth_at_last]
    else:
        values = [c for c in table.columns if not c.primary_key]
    rows = session.connection().execute(select(*key, *values))
    if table.name == "search_documents":  # terms compared as sets: their order follows the themes' reading order
        rows = [
            (*row[:4], frozenset(row.public_terms.split()), frozenset(row.private_terms.split()), row.author)
            for row in rows
        ]
    one = len(key) == 1
    return {
        (row[0] if one else tuple(row[: len(key)])): (row[-1] if len(values) == 1 else tuple(row[len(key) :]))
        for row in rows
    }


def same(found, expected) -> bool:
    """Equal, floats to 1e-9 (relative), inside tuples too."""
    if isinstance(found, float) or isinstance(expected, float):
        return (
            isinstance(found, float | int)
            and isinstance(expected, float | int)
            and math.isclose(found, expected, rel_tol=1e-9, abs_tol=1e-9)
        )
    if isinstance(found, tuple) and isinstance(expected, tuple):
        return len(found) == len(expected) and all(same(a, b) for a, b in zip(found, expected, strict=True))
    return found == expected


def differences(found: dict, expected: dict) -> dict:
    """{key: (found, expected)} where they differ (a missing row is None)."""
    keys = set(found) | set(expected)
    return {
        key: (found.get(key), expected.get(key))
        for key in keys
        if key not in found or key not in expected or not same(found[key], expected[key])
    }


def assert_kept_values_true(session: Session) -> None:
    """Every value of the registry equals what the history says (floats to 1e-9)."""
    session.flush()
    history = History.read(session)
    for kept in KEPT:
        wrong = differences(kept_values(session, kept.target), EXPECTED[kept.target](history))
        assert not wrong, f"{kept.target} (kept, from the history): {dict(sorted(wrong.items(), key=str)[:5])}"
