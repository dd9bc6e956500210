"""Relations: finding them by name, their state as recording needs it, and themes. (Writes: storage.history.)"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from functools import lru_cache
from typing import NamedTuple

from sqlalchemy import (
    Integer,
    bindparam,
    false,
    func,
    literal,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import Session

from bot.domain.names import Candidate, lookup_keys, name_tokens, normalise_name
from bot.domain.tiers import default_cadence
from storage.models import (
    AuditEntry,
    Interaction,
    Invitation,
    Relation,
    RelationNameToken,
    Theme,
    relation_themes,
)
from storage.upsert import ignoring_conflicts


class ContactState(NamedTuple):
    """What storing a meeting needs to know of its relation: enough to keep the kept columns true without
    reading the history when the meeting is its newest (a loaded Relation has the same attributes)."""

    id: int
    name: str
    organisation: str | None
    owner_id: str
    tier: str
    cadence_days: int
    created_on: date
    last_contact_on: date | None
    last_contact_by: str | None
    others_last_contact_on: date | None

    @classmethod
    def of(cls, relation: Relation) -> ContactState:
        return cls(*(getattr(relation, column) for column in cls._fields))


# Statements of every /met, built once: building one costs more than running it.
_EXACT = select(*(getattr(Relation, column) for column in ContactState._fields)).where(
    Relation.team_id == bindparam("team_id"),
    Relation.name_key == bindparam("name_key"),
    Relation.archived == false(),
)
_STATES = select(*(getattr(Relation, column) for column in ContactState._fields)).where(
    Relation.team_id == bindparam("team_id"), Relation.id.in_(bindparam("ids", expanding=True))
)
JUST_READ = "goodwill.contact_states"


def name_candidates(
    session: Session, team_id: str, name: str, *, limit: int = 300, close_only: bool = False
) -> list[Candidate]:
    """Relations that could be meant by `name`, for bot.domain.names.resolve_name to judge.

    The exact name when it exists (one indexed lookup); otherwise active relations sharing, give or take a
    typo, the name's most distinctive word: the typed word that the fewest relations have (at most `limit`
    of them, in no particular order, when even that word is common). `close_only` (when recording): none at
    all when a typed word matches no relation even give or take a typo — a name that new is someone new,
    and comparing it with every "Jan" in the network would only cost time.
    """
    exact = exact_states(session, team_id, normalise_name(name))
    if exact:
        # Kept for contact_states: recording the meeting next needs these rows, read a moment ago.
        session.info[JUST_READ] = (team_id, {row.id: row for row in exact})
        return [Candidate(row.id, row.name, row.organisation) for row in exact]
    keys = {word: lookup_keys(word) for word in name_tokens(name)}
    if not keys:
        return []
    found = _relations_per_word(session, team_id, keys, cap=limit + 1)
    present = [word for word in keys if found[word]]
    if not present or (close_only and len(present) < len(keys)):
        return []
    rarest = min(present, key=lambda word: found[word])
    values = {"team_id": team_id, "keys_0": sorted(keys[rarest]), "limit_0": limit, "rows_0": limit * len(keys[rarest])}
    return [Candidate(*row) for row in session.connection().execute(_SHARING_A_WORD, values)]


def exact_states(session: Session, team_id: str, name_key: str) -> list[ContactState]:
    """The workspace's active relations whose normalised name is `name_key`."""
    return [
        ContactState(*row) for row in session.connection().execute(_EXACT, {"team_id": team_id, "name_key": name_key})
    ]


def _relations_per_word(session: Session, team_id: str, keys: dict[str, set[str]], *, cap: int) -> dict[str, int]:
    """Per typed word, how many relations have it give or take a typo, counted up to `cap`: only the rarest
    word matters, and a common first name would otherwise be counted in the thousands.

    Relations, not index rows: a relation has up to one row per key of a word (the word and its variants),
    so counting rows would make a long surname that 25 relations share look as common as a first name."""
    words = list(keys)
    values: dict = {"team_id": team_id}
    for i, word in enumerate(words):
        values.update({f"keys_{i}": sorted(keys[word]), f"limit_{i}": cap, f"rows_{i}": cap * len(keys[word])})
    counts = dict(session.connection().execute(_counting_relations(len(words)), values).all())
    return {word: counts.get(i, 0) for i, word in enumerate(words)}


def _relations_with_a_key(i: int):
    """Up to `limit_i` ids of relations with one of the name keys `keys_i`, from at most `rows_i` index rows.

    A relation has at most one row per key, so `limit_i` × (number of keys) rows always hold `limit_i`
    relations when there are that many. Reading rows in index order and stopping there (rather than a
    DISTINCT over all of them) keeps a word that thousands of relations have as cheap as a rare one, on
    SQLite and on PostgreSQL (whose planner, given a bare DISTINCT ... LIMIT, scans the whole table)."""
    rows = (
        select(RelationNameToken.relation_id)
        .where(
            RelationNameToken.team_id == bindparam("team_id"),
            RelationNameToken.token.in_(bindparam(f"keys_{i}", expanding=True)),
        )
        .limit(bindparam(f"rows_{i}", type_=Integer))
        .subquery()
    )
    return select(rows.c.relation_id).distinct().limit(bindparam(f"limit_{i}", type_=Integer))


@lru_cache(maxsize=8)
def _counting_relations(words: int):
    """_relations_per_word's statement for this many words (a name has at most 8), built once."""
    return union_all(
        *(
            select(literal(i).label("word"), func.count().label("relations")).select_from(
                _relations_with_a_key(i).subquery()
            )
            for i in range(words)
        )
    )


# name_candidates' active relations sharing a word (keys_0, limit_0, rows_0), built once. (No LIMIT here:
# the ids are few already, and with one PostgreSQL would rather scan relations for them.)
_SHARING_A_WORD = select(Relation.id, Relation.name, Relation.organisation).where(
    Relation.team_id == bindparam("team_id"),
    Relation.archived == false(),
    Relation.id.in_(_relations_with_a_key(0)),
)


def search_relations(session: Session, team_id: str, query: str, *, limit: int = 20) -> list[Candidate]:
    """Type-ahead: active relations whose name, or one of its words, starts with what was typed."""
    prefix = normalise_name(query)
    tokens = name_tokens(query)
    if not prefix:
        return []
    conditions = [Relation.name_key.startswith(prefix, autoescape=True)]
    if tokens:
        by_word = select(RelationNameToken.relation_id).where(
            RelationNameToken.team_id == team_id,
            RelationNameToken.token.startswith(tokens[-1], autoescape=True),
            RelationNameToken.variant == false(),
        )
        conditions.append(Relation.id.in_(by_word))
    rows = session.execute(
        select(Relation.id, Relation.name, Relation.organisation)
        .where(Relation.team_id == team_id, Relation.archived == false(), or_(*conditions))
        .order_by(Relation.name_key)
        .limit(limit)
    )
    return [Candidate(row.id, row.name, row.organisation) for row in rows]


def search_themes(session: Session, team_id: str, query: str, *, limit: int = 20) -> list[str]:
    prefix = " ".join(query.lower().lstrip("#").split())
    return list(
        session.scalars(
            select(Theme.name)
            .where(Theme.team_id == team_id, Theme.name.startswith(prefix, autoescape=True))
            .order_by(Theme.name)
            .limit(limit)
        )
    )


class ThemeRef(NamedTuple):
    """A theme as storing a meeting needs it (a Theme has the same attributes)."""

    id: int
    name: str


# Built once: a /met with themes reads them with every request.
_THEMES_NAMED = select(Theme.id, Theme.name).where(
    Theme.team_id == bindparam("team_id"), Theme.name.in_(bindparam("names", expanding=True))
)


def theme_refs(session: Session, team_id: str, names: Iterable[str]) -> list[ThemeRef]:
    """The workspace's themes with these names, creating those that do not exist yet (a theme another request
    creates at the same moment is read, not duplicated): plain statements, no ORM objects."""
    wanted = list(dict.fromkeys(name.lower() for name in names if name))
    if not wanted:
        return []
    connection = session.connection()

    def read(names: list[str]) -> dict[str, int]:
        rows = connection.execute(_THEMES_NAMED, {"team_id": team_id, "names": names})
        return {name: theme_id for theme_id, name in rows}

    found = read(wanted)
    missing = [name for name in wanted if name not in found]
    if missing:
        rows = [{"team_id": team_id, "name": name} for name in missing]
        connection.execute(ignoring_conflicts(session, Theme.__table__), rows)
        found |= read(missing)
    return [ThemeRef(found[name], name) for name in wanted]


def themes_named(session: Session, team_id: str, names: Iterable[str]) -> list[Theme]:
    """The same as Theme objects, for code that attaches them through the ORM."""
    refs = theme_refs(session, team_id, names)
    if not refs:
        return []
    loaded = {theme.id: theme for theme in session.scalars(select(Theme).where(Theme.id.in_([r.id for r in refs])))}
    return [loaded[ref.id] for ref in refs]


def contact_states(session: Session, team_id: str, relation_ids: Iterable[int]) -> dict[int, ContactState]:
    """The workspace's relations with these ids: one query, or none when name_candidates just read them.

    (What it read is used once and only if nothing was written to relations since.)"""
    ids = set(relation_ids)
    read_for, just_read = session.info.pop(JUST_READ, (None, {}))
    states = {i: just_read[i] for i in ids if i in just_read} if read_for == team_id else {}
    missing = list(ids - set(states))
    if missing:
        rows = session.connection().execute(_STATES, {"team_id": team_id, "ids": missing})
        states.update((row.id, ContactState(*row)) for row in rows)
    return states


def get_relation(session: Session, team_id: str, relation_id: int) -> Relation | None:
    relation = session.get(Relation, relation_id)
    return relation if relation is not None and relation.team_id == team_id else None


def untouched_since_created(
    session: Session, team_id: str, relation_ids: Iterable[int], *, creator: str, interactions: Sequence[Interaction]
) -> set[int]:
    """Of these relations, those nobody did anything with since `creator` created them for `interactions`: no
    other interaction, no invitation, still owned by the creator, no note or email, not archived or snoozed, a
    cadence that is its tier's own, no theme but the interactions' themes, and no audited change (a hand-over, a
    tier …). What Undo may remove with the interactions."""
    wanted = set(relation_ids)
    if not wanted:
        return set()
    own = [interaction.id for interaction in interactions]
    their_themes: dict[int, set[int]] = {}
    for interaction in interactions:
        their_themes.setdefault(interaction.relation_id, set()).update(theme.id for theme in interaction.themes)
    candidates = {
        relation.id
        for relation in session.scalars(select(Relation).where(Relation.team_id == team_id, Relation.id.in_(wanted)))
        if relation.owner_id == creator == relation.created_by
        and not (relation.archived or relation.snoozed_until or relation.notes or relation.email)
        and relation.cadence_days == default_cadence(relation.tier)
    }
    if not candidates:
        return set()
    touched = set(
        session.scalars(
            union_all(
                select(Interaction.relation_id).where(
                    Interaction.relation_id.in_(candidates), Interaction.id.not_in(own)
                ),
                select(Invitation.relation_id).where(Invitation.relation_id.in_(candidates)),
                select(AuditEntry.detail["relation_id"].as_integer()).where(
                    AuditEntry.team_id == team_id, AuditEntry.detail["relation_id"].as_integer().in_(candidates)
                ),
            )
        )
    )
    for relation_id, theme_id in session.execute(
        select(relation_themes.c.relation_id, relation_themes.c.theme_id).where(
            relation_themes.c.relation_id.in_(candidates)
        )
    ):
        if theme_id not in their_themes.get(relation_id, set()):
            touched.add(relation_id)
    return candidates - touched


def load_relations(session: Session, team_id: str, relation_ids: Iterable[int]) -> list[Relation]:
    """These relations of the workspace in one query; get_relation then finds them without another."""
    ids = list(relation_ids)
    if not ids:
        return []
    return list(session.scalars(select(Relation).where(Relation.team_id == team_id, Relation.id.in_(ids))))
