"""Relations: finding, creating, and keeping their last-contact columns true."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from functools import lru_cache
from typing import NamedTuple

from sqlalchemy import (
    Integer,
    Update,
    bindparam,
    case,
    delete,
    false,
    func,
    literal,
    or_,
    select,
    text,
    union_all,
    update,
)
from sqlalchemy.orm import Session
from sqlalchemy.orm.util import identity_key

from bot.domain.digest import MIN_EXCHANGES
from bot.domain.names import Candidate, index_keys, lookup_keys, name_tokens, normalise_name
from bot.domain.quiet import due_date
from bot.domain.tiers import default_cadence
from storage import ties, warmth
from storage.bulk import insert_rows
from storage.models import (
    EXCHANGE_GAVE,
    EXCHANGE_GOT,
    Interaction,
    InteractionColleague,
    Relation,
    RelationNameToken,
    Theme,
    interaction_themes,
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
_JUST_READ = "goodwill.contact_states"
_KEPT = ("last_interaction_id", "last_contact_on", "last_contact_by", "due_on")


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
    exact = [
        ContactState(*row)
        for row in session.connection().execute(_EXACT, {"team_id": team_id, "name_key": normalise_name(name)})
    ]
    if exact:
        # Kept for contact_states: recording the meeting next needs these rows, read a moment ago.
        session.info[_JUST_READ] = (team_id, {row.id: row for row in exact})
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


def index_names(session: Session, team_id: str, relations: Iterable[tuple[int, str]], *, new: bool = False) -> None:
    """(Re)write the name tokens of these (relation id, name) pairs (only write them: `new` relations)."""
    pairs = list(relations)
    if not pairs:
        return
    if not new:
        session.execute(delete(RelationNameToken).where(RelationNameToken.relation_id.in_([i for i, _ in pairs])))
    rows = [
        {"team_id": team_id, "token": key, "relation_id": relation_id, "variant": variant}
        for relation_id, name in pairs
        for key, variant in index_keys(name)
    ]
    insert_rows(session, RelationNameToken.__table__, rows)


def create_relation(
    session: Session,
    *,
    team_id: str,
    name: str,
    owner_id: str,
    created_on: date,
    organisation: str | None = None,
    tier: str = "regular",
    cadence_days: int | None = None,
    email: str | None = None,
) -> Relation:
    cadence = cadence_days or default_cadence(tier)
    relation = Relation(
        team_id=team_id,
        name=name,
        name_key=normalise_name(name),
        organisation=organisation,
        email=email,
        owner_id=owner_id,
        tier=tier,
        cadence_days=cadence,
        notes="",
        archived=False,
        created_by=owner_id,
        created_on=created_on,
        due_on=created_on + timedelta(days=cadence),
    )
    session.add(relation)
    session.flush()
    index_names(session, team_id, [(relation.id, name)], new=True)
    return relation


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


def refresh_last_contact(session: Session, relation_ids: Iterable[int]) -> None:
    """Recompute what is kept with the relations and their interactions (see _refresh).

    Called after every write to interactions and every change of tier, so that quiet detection and the
    digest read indexed columns instead of the history.
    """
    ids = sorted(set(relation_ids))
    if ids:
        _refresh(session, Relation.id.in_(ids), Interaction.relation_id.in_(ids))


def contact_states(session: Session, team_id: str, relation_ids: Iterable[int]) -> dict[int, ContactState]:
    """The workspace's relations with these ids: one query, or none when name_candidates just read them.

    (What it read is used once and only if nothing was written to relations since.)"""
    ids = set(relation_ids)
    read_for, just_read = session.info.pop(_JUST_READ, (None, {}))
    states = {i: just_read[i] for i in ids if i in just_read} if read_for == team_id else {}
    missing = list(ids - set(states))
    if missing:
        rows = session.connection().execute(_STATES, {"team_id": team_id, "ids": missing})
        states.update((row.id, ContactState(*row)) for row in rows)
    return states


def is_latest(relation: ContactState | Relation, occurred_on: date) -> bool:
    """Would a new interaction on this day be the relation's last contact? (Ties go to the newest.)"""
    return relation.last_contact_on is None or occurred_on >= relation.last_contact_on


def note_contact(
    session: Session,
    relation: ContactState | Relation,
    *,
    interaction_id: int,
    occurred_on: date,
    logged_by: str,
    present: Sequence[str],
    exchanged: bool,
    kind: str | None = None,
) -> None:
    """The fast path of refresh_last_contact for a just-added interaction: what _refresh keeps on the
    relation follows from its values before and the meeting, without reading the history — except where
    the meeting's gives and takes fall in its exchange history: that one is recomputed (a few rows).

    `present` are the colleagues there besides `logged_by`. (The interaction's own kept values are stored
    with it: see storage.interactions.add_interaction.)
    """
    ties.add_meeting(
        session,
        relation.id,
        people=(logged_by, *present),
        occurred_on=occurred_on,
        kind=kind,
        cadence_days=relation.cadence_days,
    )
    if is_latest(relation, occurred_on):
        # The newest: someone else was there; else the previous last contact was someone else's (that day),
        # or ours (then those before us are as they were).
        if present:
            others = occurred_on
        elif relation.last_contact_by != logged_by:
            others = relation.last_contact_on
        else:
            others = relation.others_last_contact_on
        values: dict = {
            "last_interaction_id": interaction_id,
            "last_contact_on": occurred_on,
            "last_contact_by": logged_by,
            "due_on": due_date(occurred_on, relation.created_on, relation.cadence_days),
            "others_last_contact_on": others,
        }
    else:
        # An earlier meeting leaves the last contact as it is; it counts for "someone else" if anyone there
        # was not the last contact's colleague.
        someone_else = any(user != relation.last_contact_by for user in (logged_by, *present))
        before = relation.others_last_contact_on
        if not someone_else or (before is not None and before >= occurred_on):
            values = {}
        else:
            values = {"others_last_contact_on": occurred_on}
    # The meeting is added to the relation's kept warmth in the same UPDATE (which reads the last contact as
    # it was before: storage.warmth.with_this_meeting).
    dialect = session.get_bind().dialect.name
    meeting = warmth.this_meeting(occurred_on=occurred_on, kind=kind)
    session.info.pop(_JUST_READ, None)
    if exchanged:
        statement = (
            update(Relation.__table__)
            .where(Relation.__table__.c.id == relation.id)
            .values(**values, recent_exchanges_from=_exchanges_from(), warmth_at_last=warmth.with_this_meeting(dialect))
        )
        session.connection().execute(statement, meeting)
    else:
        session.connection().execute(_noting(dialect, tuple(values)), {"relation_id": relation.id, **values, **meeting})
    _expire_loaded(session, relation.id, [*values, "warmth_at_last", *(["recent_exchanges_from"] if exchanged else [])])


@lru_cache(maxsize=16)
def _noting(dialect: str, columns: tuple[str, ...]) -> Update:
    """note_contact's UPDATE of these columns and the kept warmth, with a bind parameter each: built once."""
    return (
        update(Relation.__table__)
        .where(Relation.__table__.c.id == bindparam("relation_id"))
        .values(
            {**{column: bindparam(column) for column in columns}, "warmth_at_last": warmth.with_this_meeting(dialect)}
        )
    )


def update_relation(session: Session, relation_id: int, **values) -> None:
    """Set columns of one relation in a plain UPDATE (a loaded Relation reads them again)."""
    _update_relations(session, Relation.id == relation_id, **values)
    _expire_loaded(session, relation_id, values)


def link_themes(session: Session, relation_id: int, themes: Iterable[Theme | ThemeRef]) -> None:
    """Attach themes to the relation (those it has already stay as they are), in one statement."""
    rows = [{"relation_id": relation_id, "theme_id": theme.id} for theme in themes]
    if rows:
        session.connection().execute(ignoring_conflicts(session, relation_themes), rows)
        _expire_loaded(session, relation_id, ["themes"])


def _expire_loaded(session: Session, relation_id: int, attributes: Iterable[str]) -> None:
    loaded = session.identity_map.get(identity_key(Relation, relation_id))
    if loaded is not None:
        session.expire(loaded, list(attributes))


def refresh_team_last_contact(session: Session, team_id: str) -> None:
    """The same for every relation of a workspace (after bulk imports).

    On PostgreSQL the tables are analysed first: right after a bulk load the planner would otherwise take
    them for nearly empty and answer the per-relation subqueries by scanning whole tables, once per relation.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("ANALYZE relations, interactions, interaction_colleagues, interaction_themes"))
    _refresh(session, Relation.team_id == team_id, Interaction.team_id == team_id)


def _refresh(session: Session, relations, interactions) -> None:
    """One statement per kept value, for the relations (and their interactions) selected by the conditions:

    - relations: last_interaction_id, last_contact_on/by, due_on (quiet), warmth_at_last (storage.warmth),
      others_last_contact_on ("depends on one person"), recent_exchanges_from ("give and take");
    - interactions: relation_tier, exchange, colleagues_present; interaction_themes: occurred_on (the
      digest's weekly counts);
    - member_ties: who met each relation, when last and how warm (storage.ties).

    Each is recomputed from the interactions as they are now, so deleting an interaction or moving it to
    another day or relation is handled as long as every relation it touched is refreshed.
    """
    latest = (
        select(Interaction.id)
        .where(Interaction.relation_id == Relation.id)
        .order_by(Interaction.occurred_on.desc(), Interaction.id.desc())
        .limit(1)
        .correlate(Relation)
        .scalar_subquery()
    )
    _update_relations(session, relations, last_interaction_id=latest)
    last = select(Interaction.occurred_on, Interaction.logged_by).where(Interaction.id == Relation.last_interaction_id)
    _update_relations(
        session,
        relations,
        last_contact_on=last.with_only_columns(Interaction.occurred_on).correlate(Relation).scalar_subquery(),
        last_contact_by=last.with_only_columns(Interaction.logged_by).correlate(Relation).scalar_subquery(),
    )
    recompute_due_on(session, relations)
    _update_relations(
        session,
        relations,
        others_last_contact_on=_others_last_contact(),
        recent_exchanges_from=_exchanges_from(),
        warmth_at_last=warmth.recomputed(session.get_bind().dialect.name),
    )
    tier = select(Relation.tier).where(Relation.id == Interaction.relation_id).correlate(Interaction).scalar_subquery()
    exchange = exchange_of(Interaction.gave, Interaction.got)
    present = (
        select(func.count())
        .select_from(InteractionColleague)
        .where(InteractionColleague.interaction_id == Interaction.id)
        .correlate(Interaction)
        .scalar_subquery()
    )
    session.execute(
        update(Interaction)
        .where(
            interactions,
            or_(
                Interaction.relation_tier.is_distinct_from(tier),
                Interaction.exchange.is_distinct_from(exchange),
                Interaction.colleagues_present.is_distinct_from(present),
            ),
        )
        .values(relation_tier=tier, exchange=exchange, colleagues_present=present)
        .execution_options(synchronize_session=False)
    )
    day = (
        select(Interaction.occurred_on)
        .where(Interaction.id == interaction_themes.c.interaction_id)
        .correlate(interaction_themes)
        .scalar_subquery()
    )
    session.execute(
        update(interaction_themes)
        .where(
            interaction_themes.c.interaction_id.in_(select(Interaction.id).where(interactions)),
            interaction_themes.c.occurred_on.is_distinct_from(day),
        )
        .values(occurred_on=day)
    )
    ties.rebuild(session, select(Relation.id).where(relations), interactions)
    # The UPDATEs bypassed the ORM: loaded relations and interactions must read their new values again.
    for loaded in list(session.identity_map.values()):
        if isinstance(loaded, Relation):
            session.expire(loaded, [*_KEPT, "others_last_contact_on", "recent_exchanges_from", "warmth_at_last"])
        elif isinstance(loaded, Interaction):
            session.expire(loaded, ["relation_tier", "exchange", "colleagues_present"])


def _update_relations(session: Session, which, **values) -> None:
    session.info.pop(_JUST_READ, None)
    session.execute(update(Relation).where(which).values(**values).execution_options(synchronize_session=False))


def exchange_of(gave, got):
    """Interaction.exchange from gave and got: columns (SQL) or values (Python) alike."""
    if isinstance(gave, str | None) and isinstance(got, str | None):
        return (EXCHANGE_GAVE if gave is not None else 0) | (EXCHANGE_GOT if got is not None else 0)
    return case((gave.is_not(None), EXCHANGE_GAVE), else_=0) + case((got.is_not(None), EXCHANGE_GOT), else_=0)


def _others_last_contact():
    """The last day someone other than last_contact_by met the relation, logging it or present.

    One pass over the relation's interactions (its index), with a key lookup for who else was there: a
    shape no planner turns into a scan of every colleague row per relation, whatever its statistics say.
    """
    someone_else_there = (
        select(InteractionColleague.interaction_id)
        .where(
            InteractionColleague.interaction_id == Interaction.id,
            InteractionColleague.user_id != Relation.last_contact_by,
        )
        .correlate(Interaction, Relation)
        .exists()
    )
    return (
        select(func.max(Interaction.occurred_on))
        .where(
            Interaction.relation_id == Relation.id,
            or_(Interaction.logged_by != Relation.last_contact_by, someone_else_there),
        )
        .correlate(Relation)
        .scalar_subquery()
    )


def _exchanges_from():
    """The latest day d such that the gives and takes logged on or after d number MIN_EXCHANGES or more."""
    gave, got = Interaction.gave.is_not(None), Interaction.got.is_not(None)
    weight = case((gave, 1), else_=0) + case((got, 1), else_=0)
    running = (
        select(
            Interaction.occurred_on.label("day"),
            func.sum(weight).over(order_by=(Interaction.occurred_on.desc(), Interaction.id.desc())).label("running"),
        )
        .where(
            Interaction.relation_id == Relation.id,
            or_(gave, got),
        )
        .correlate(Relation)
        .subquery()
    )
    return (
        select(func.max(running.c.day)).where(running.c.running >= MIN_EXCHANGES).correlate(Relation).scalar_subquery()
    )


def recompute_due_on(session: Session, where) -> None:
    """due_on = (last contact, or creation when never met) + cadence; portable date arithmetic per dialect."""
    base = func.coalesce(Relation.last_contact_on, Relation.created_on)
    if session.get_bind().dialect.name == "sqlite":
        due = func.date(base, func.printf("+%d days", Relation.cadence_days))
    else:
        due = base + Relation.cadence_days
    session.execute(update(Relation).where(where).values(due_on=due).execution_options(synchronize_session=False))


def get_relation(session: Session, team_id: str, relation_id: int) -> Relation | None:
    relation = session.get(Relation, relation_id)
    return relation if relation is not None and relation.team_id == team_id else None


def load_relations(session: Session, team_id: str, relation_ids: Iterable[int]) -> list[Relation]:
    """These relations of the workspace in one query; get_relation then finds them without another."""
    ids = list(relation_ids)
    if not ids:
        return []
    return list(session.scalars(select(Relation).where(Relation.team_id == team_id, Relation.id.in_(ids))))


def set_tier(session: Session, team_id: str, relation_id: int, *, tier: str, cadence_days: int) -> Relation | None:
    """A new tier and cadence; the due date moves with the cadence."""
    relation = get_relation(session, team_id, relation_id)
    if relation is not None:
        relation.tier = tier
        relation.cadence_days = cadence_days
        session.flush()
        refresh_last_contact(session, [relation_id])  # the due date; the tier its meetings count under
        session.refresh(relation)
    return relation


def add_themes(session: Session, team_id: str, relation_id: int, names: Iterable[str]) -> list[str]:
    """Attach themes (created when new) to the relation; returns the names that were not attached before."""
    relation = get_relation(session, team_id, relation_id)
    if relation is None:
        return []
    added = [theme for theme in themes_named(session, team_id, names) if theme not in relation.themes]
    link_themes(session, relation_id, added)
    return [theme.name for theme in added]


def archive_relation(session: Session, team_id: str, relation_id: int, archived: bool = True) -> Relation | None:
    """Archived relations keep their history but leave every list, nudge and digest."""
    relation = get_relation(session, team_id, relation_id)
    if relation is not None:
        relation.archived = archived
        session.flush()
    return relation
