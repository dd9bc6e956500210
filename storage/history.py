"""The one writer of the history of contacts, and so of every value kept from it (storage.derived).

Every write that can change a kept value goes through a function of this module:

    add_interaction(session, team_id=…, relation_id=…, occurred_on=…, logged_by=…, relation=state)   -> id
    update_interaction(session, interaction, occurred_on=…, relation_id=…, colleagues=…, themes=…)
    delete_interactions(session, team_id, Interaction.id.in_(ids))                               -> relation ids
    create_relation(session, team_id=…, name=…, owner_id=…, created_on=…, tier=…)                 -> Relation
    change_relation(session, team_id, relation_id, tier=…, cadence_days=…, archived=…, owner_id=…)  -> Relation
    link_themes(session, relation_id, themes) · add_themes(session, team_id, relation_id, names)
    delete_relation(session, team_id, relation_id)                                          -> what was erased
    relation_for_new_name(session, team_id=…, name=…, …)  -> (state, created): a new person, never twice at once
    texts_rewritten(session, interaction_ids=…, relation_ids=…)        (notes rewritten in place: forget's scrub)
    in bulk, for imports: create_relations, change_relations, add_interactions, link_relation_themes
    refresh_workspace(session, team_id)                  (everything recomputed: the benchmarks' dataset, a repair)

Each runs in a unit of work (one per session at a time, `session.info`): it notes which relations the write
touched and what about them changed ("interactions" for rows added, moved or removed; "relations.tier" for one
column) and, when the outermost unit of work ends, recomputes once, for those relations only, every value
storage.derived lists that reads something changed. After any of these functions returns, every kept value is
true. To make several writes one unit (one recompute at the end), wrap them:

    with unit_of_work(session) as uow:
        history.change_relation(session, team_id, relation_id, tier="key", cadence_days=30)
        history.add_interaction(session, …)
        uow.touched([relation_id], "relations.archived")  # a write of your own to something a kept value reads
    # kept values are true here

An operation on a relation (snooze, archive, restore, hand over, tier or theme change: bot.services.relations,
through storage.audit) only ever needs change_relation or link_themes; it never has to know what is kept.

A new kept value (a full-text index of what was discussed, say) is an entry of storage.derived.KEPT that says
what it reads ("interactions.notes" …): every write above that changes what it reads then recomputes it; a fast
path for it, if /met must not read anything back, belongs in add_interaction (FAST_PATH).

The fast path: a new interaction whose relation's state is at hand (`relation=`, a storage.relations.ContactState
read in this transaction) updates the kept values from that state instead of reading the history back — what a
/met does. It is an optimisation of this module alone: the unit of work then recomputes only what the fast path
does not set (FAST_PATH), and falls back to recomputing everything when the state cannot be trusted (a change of
tier or cadence earlier in the same unit, or a second interaction with the same relation).
"""

from __future__ import annotations

import zlib
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from sqlalchemy import ColumnElement, Update, bindparam, delete, func, insert, select, text, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.util import identity_key

from bot.domain.names import Candidate, normalise_name, resolve_name
from bot.domain.quiet import due_date
from bot.domain.tiers import default_cadence
from storage import derived, search_index, ties, warmth
from storage.bulk import insert_rows, insert_rows_returning_ids
from storage.models import (
    Interaction,
    InteractionColleague,
    Invitation,
    MemberTie,
    Relation,
    RelationNameToken,
    SearchDocument,
    Theme,
    interaction_themes,
    relation_themes,
)
from storage.relations import JUST_READ, ContactState, ThemeRef, exact_states, get_relation, themes_named
from storage.upsert import ignoring_conflicts

CHUNK = 900  # relation ids per IN (...) list: well under SQLite's and PostgreSQL's parameter limits
_UNIT = "goodwill.unit_of_work"
# What every write to interactions changes; what a whole recompute starts from (names are written with the relation).
INTERACTION_ROWS = ("interactions", "interaction_colleagues", "interaction_themes")
EVERYTHING_BUT_NAMES = (
    *INTERACTION_ROWS,
    "relation_themes",
    "relations.tier",
    "relations.cadence_days",
    "relations.created_on",
    "relations.archived",
)
# What a relation's owner, admins and tools may change; storage.derived says what each one is read by.
CHANGEABLE = frozenset(
    {"name", "organisation", "email", "owner_id", "tier", "cadence_days", "notes", "snoozed_until", "archived"}
)
# The kept values add_interaction's fast path sets itself.
FAST_PATH = frozenset(
    {
        "relations.last_interaction_id",
        "relations.last_contact_on",
        "relations.last_contact_by",
        "relations.due_on",
        "relations.others_last_contact_on",
        "relations.recent_exchanges_from",
        "relations.warmth_at_last",
        "interactions.relation_tier",
        "interactions.exchange",
        "interactions.colleagues_present",
        "interaction_themes.occurred_on",
        "interaction_colleagues.occurred_on",
        "member_ties",
        "search_documents",
    }
)
_BY_TARGET = {kept.target: kept for kept in derived.KEPT}


# --- the unit of work ---------------------------------------------------------------------------------------------
class UnitOfWork:
    """The relations the writes of one unit touched and what about them changed; their kept values are
    recomputed once, when the unit ends (flush)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.changed: dict[int, set[str]] = defaultdict(set)  # relation id -> what changed ("table" or "table.column")
        self.handled: dict[int, frozenset[str]] = {}  # relation id -> kept values the fast path has set
        self.fast: set[int] = set()  # relations whose state the fast path used (a second time reads the history)
        self.workspaces: dict[str, set[str]] = {}  # team id -> changes, recomputed for the whole workspace

    def touched(self, relation_ids: Iterable[int], *changes: str) -> None:
        """Something these relations' kept values may read changed: "interactions" (rows added, moved or
        removed), "relation_themes", "relations.tier" … (see storage.derived.KEPT's `reads`)."""
        for relation_id in relation_ids:
            self.changed[relation_id].update(changes)
            handled = self.handled.get(relation_id)
            if handled:
                self.handled[relation_id] = frozenset(t for t in handled if not _BY_TARGET[t].affected_by(changes))

    def touched_workspace(self, team_id: str, *changes: str) -> None:
        """As touched(), for every relation of a workspace (an import that changed most of it): one recompute
        over the workspace instead of one per chunk of relations. Replaces what was noted per relation."""
        self.workspaces.setdefault(team_id, set()).update(changes)

    def may_take_fast_path(self, relation_id: int) -> bool:
        if relation_id in self.fast:
            return False
        changed = self.changed.get(relation_id)
        return not changed or not any(_BY_TARGET[target].affected_by(changed) for target in FAST_PATH)

    def took_fast_path(self, relation_id: int, changes: Iterable[str]) -> None:
        self.changed[relation_id].update(changes)
        self.handled[relation_id] = FAST_PATH
        self.fast.add(relation_id)

    def dropped(self, relation_ids: Iterable[int]) -> None:
        """These relations are gone: nothing to recompute for them."""
        for relation_id in relation_ids:
            self.changed.pop(relation_id, None)
            self.handled.pop(relation_id, None)

    def flush(self) -> None:
        """Recompute what the writes so far changed (the unit of work does this when it ends)."""
        session = self.session
        session.flush()  # ORM changes (update_interaction, change_relation) first
        session.info.pop(JUST_READ, None)
        done: set[derived.Kept] = set()
        per_workspace, self.workspaces = self.workspaces, {}
        if per_workspace:
            every = set().union(*self.changed.values()) if self.changed else set()
            self.changed.clear()
            self.handled.clear()
            for team_id, changes in per_workspace.items():
                if session.get_bind().dialect.name == "postgresql":
                    # Right after a bulk load the planner would take the tables for nearly empty and answer the
                    # per-relation subqueries by scanning whole tables, once per relation.
                    session.execute(text("ANALYZE relations, interactions, interaction_colleagues, interaction_themes"))
                done.update(derived.refresh(session, derived.WORKSPACE, {"scope_team": team_id}, changes | every))
        groups: dict[tuple[frozenset[str], frozenset[str]], list[int]] = defaultdict(list)
        for relation_id, changes in self.changed.items():
            groups[(frozenset(changes), self.handled.get(relation_id, frozenset()))].append(relation_id)
        self.changed.clear()
        self.handled.clear()
        self.fast.clear()
        for (changes, handled), ids in groups.items():
            ids.sort()
            for start in range(0, len(ids), CHUNK):
                chunk = {"scope_ids": ids[start : start + CHUNK]}
                done.update(derived.refresh(session, derived.RELATIONS_OF, chunk, changes, handled=handled))
        _expire_rewritten(session, done)


@contextmanager
def unit_of_work(session: Session) -> Iterator[UnitOfWork]:
    """The session's unit of work: a new one, flushed when this block ends, or the one already open (flushed
    when its own block ends)."""
    current = session.info.get(_UNIT)
    if current is not None:
        yield current
        return
    unit = session.info[_UNIT] = UnitOfWork(session)
    try:
        yield unit
        unit.flush()
    finally:
        session.info.pop(_UNIT, None)


def _expire_rewritten(session: Session, done: Iterable[derived.Kept]) -> None:
    """The recompute bypassed the ORM: loaded relations and interactions must read their kept columns again."""
    columns: dict = defaultdict(list)
    for kept in done:
        if kept.column is not None:
            columns[kept.table].append(kept.column)
    relation_columns = columns.get(derived.RELATIONS)
    interaction_columns = columns.get(derived.INTERACTIONS)
    if not relation_columns and not interaction_columns:
        return
    for loaded in list(session.identity_map.values()):
        if relation_columns and isinstance(loaded, Relation):
            session.expire(loaded, relation_columns)
        elif interaction_columns and isinstance(loaded, Interaction):
            session.expire(loaded, interaction_columns)


def refresh_workspace(session: Session, team_id: str) -> None:
    """Recompute everything kept from the history of a whole workspace (the benchmarks' dataset, a repair)."""
    with unit_of_work(session) as uow:
        uow.touched_workspace(team_id, *EVERYTHING_BUT_NAMES)


# --- interactions -------------------------------------------------------------------------------------------------
# Built once: this is the statement of every /met, and building it costs more than running it.
_INSERT = insert(Interaction.__table__).returning(Interaction.id)
_INSERT_COLLEAGUES = insert(InteractionColleague.__table__)
_INSERT_THEMES = insert(interaction_themes)


def add_interaction(
    session: Session,
    *,
    team_id: str,
    relation_id: int,
    occurred_on: date,
    logged_by: str,
    colleagues: Sequence[str] = (),
    themes: Sequence[Theme | ThemeRef] = (),
    notes: str = "",
    gave: str | None = None,
    got: str | None = None,
    kind: str | None = None,
    private: bool = False,
    event_id: int | None = None,
    relation: ContactState | Relation | None = None,
) -> int:
    """Store an interaction with the relation; its id is returned. `colleagues` were there besides `logged_by`.

    Pass the `relation`'s state when you have it (read in this transaction): the kept values are then updated
    from it (the fast path) instead of recomputed from the history. Plain INSERTs, not the ORM's unit of work:
    this is the path of every /met, and the ORM would triple its cost.
    """
    gave, got = gave or None, got or None
    present = [user for user in dict.fromkeys(colleagues) if user != logged_by]
    with unit_of_work(session) as uow:
        fast = relation is not None and relation.id == relation_id and uow.may_take_fast_path(relation_id)
        values = dict(
            team_id=team_id,
            relation_id=relation_id,
            occurred_on=occurred_on,
            logged_by=logged_by,
            notes=notes,
            gave=gave,
            got=got,
            kind=kind,
            private=private,
            event_id=event_id,
            # Kept values (storage.derived) known already, stored with it rather than updated after.
            relation_tier=relation.tier if fast else None,
            exchange=derived.exchange_of(gave, got),
            colleagues_present=len(present),
        )
        connection = session.connection()
        interaction_id = connection.execute(_INSERT, values).scalar_one()
        changes = ("interactions", *_insert_links(connection, interaction_id, occurred_on, present, themes))
        if fast:
            _note_contact(
                session,
                relation,
                interaction_id=interaction_id,
                occurred_on=occurred_on,
                logged_by=logged_by,
                present=present,
                exchanged=gave is not None or got is not None,
                kind=kind,
            )
            _index_from_hand(session, interaction_id, values, relation.organisation, themes)
            uow.took_fast_path(relation_id, changes)
        else:
            uow.touched([relation_id], *changes)
    return interaction_id


def _insert_links(
    connection, interaction_id: int, occurred_on: date, present: Sequence[str], themes: Sequence[Theme | ThemeRef]
) -> list[str]:
    """The interaction's colleagues (in the order named) and themes: one multi-row INSERT each, if any.
    The tables written are returned."""
    written = []
    if present:
        connection.execute(
            _INSERT_COLLEAGUES,
            [
                {"interaction_id": interaction_id, "user_id": user, "position": i, "occurred_on": occurred_on}
                for i, user in enumerate(present)
            ],
        )
        written.append("interaction_colleagues")
    if themes:
        connection.execute(
            _INSERT_THEMES,
            [{"interaction_id": interaction_id, "theme_id": t.id, "occurred_on": occurred_on} for t in themes],
        )
        written.append("interaction_themes")
    return written


def _index_from_hand(
    session: Session, interaction_id: int, values: dict, organisation: str | None, themes: Sequence[Theme | ThemeRef]
) -> None:
    """Its search document from what is at hand (no reading back), unless a gathering's name is part of it."""
    document = search_index.source(
        interaction_id=interaction_id,
        team_id=values["team_id"],
        relation_id=values["relation_id"],
        occurred_on=values["occurred_on"],
        logged_by=values["logged_by"],
        private=values["private"],
        notes=values["notes"],
        gave=values["gave"],
        got=values["got"],
        organisation=organisation,
        event_name=None,
        themes=[theme.name for theme in themes],
    )
    known = [document] if values["event_id"] is None else ()
    search_index.reindex(session, [interaction_id], new=True, known=known)


def _note_contact(
    session: Session,
    relation: ContactState | Relation,
    *,
    interaction_id: int,
    occurred_on: date,
    logged_by: str,
    present: Sequence[str],
    exchanged: bool,
    kind: str | None,
) -> None:
    """The fast path: what storage.derived keeps on the relation (FAST_PATH) follows from its values before and
    the meeting, without reading the history — except where the meeting's gives and takes fall in its exchange
    history: that one is recomputed (a few rows)."""
    ties.add_meeting(
        session,
        relation.id,
        people=(logged_by, *present),
        occurred_on=occurred_on,
        kind=kind,
        cadence_days=relation.cadence_days,
    )
    if relation.last_contact_on is None or occurred_on >= relation.last_contact_on:
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
    # The meeting is added to the relation's kept warmth in the same UPDATE (which reads the last contact as it
    # was before: storage.warmth.with_this_meeting).
    dialect = session.get_bind().dialect.name
    parameters = {"relation_id": relation.id, **values, **warmth.this_meeting(occurred_on=occurred_on, kind=kind)}
    session.connection().execute(_noting(dialect, tuple(values), exchanged), parameters)
    _expire_loaded(session, relation.id, [*values, "warmth_at_last", *(["recent_exchanges_from"] if exchanged else [])])


@lru_cache(maxsize=32)
def _noting(dialect: str, columns: tuple[str, ...], exchanged: bool) -> Update:
    """The fast path's UPDATE of these columns and the kept warmth (and the exchanges), built once."""
    values = {column: bindparam(column) for column in columns}
    values["warmth_at_last"] = warmth.with_this_meeting(dialect)
    if exchanged:
        values["recent_exchanges_from"] = derived.exchanges_from()
    relations = derived.RELATIONS
    return update(relations).where(relations.c.id == bindparam("relation_id")).values(values)


EDITABLE = frozenset({"occurred_on", "notes", "gave", "got", "kind", "private", "themes", "colleagues", "relation_id"})


def update_interaction(session: Session, interaction: Interaction, **changes) -> None:
    """Change a stored interaction: any of EDITABLE — its day, notes, gives and takes, kind, privacy, `themes`
    (Theme rows), `colleagues` (who was there besides whoever logged it), `relation_id` (moved to another; None
    stays)."""
    unknown = set(changes) - EDITABLE
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    with unit_of_work(session) as uow:
        before = interaction.relation_id
        if changes.get("relation_id") is not None:
            interaction.relation_id = changes["relation_id"]
        for column in ("occurred_on", "notes", "kind", "private"):
            if column in changes:
                setattr(interaction, column, changes[column])
        for column in ("gave", "got"):
            if column in changes:
                setattr(interaction, column, changes[column] or None)
        if "themes" in changes:
            interaction.themes = list(changes["themes"])
        if "colleagues" in changes:
            present = [user for user in dict.fromkeys(changes["colleagues"]) if user != interaction.logged_by]
            interaction.colleagues = [InteractionColleague(user_id=u, position=i) for i, u in enumerate(present)]
        uow.touched({before, interaction.relation_id}, *INTERACTION_ROWS)


def delete_interactions(session: Session, team_id: str, which: ColumnElement[bool]) -> list[int]:
    """Remove the workspace's interactions that `which` selects (with who was there and their themes); returns
    the relations they were with."""
    rows = session.execute(
        select(Interaction.id, Interaction.relation_id).where(Interaction.team_id == team_id, which)
    ).all()
    if not rows:
        return []
    with unit_of_work(session) as uow:
        ids = [interaction_id for interaction_id, _ in rows]
        # Children first, explicitly: no reliance on the database honouring ON DELETE CASCADE.
        session.execute(delete(InteractionColleague).where(InteractionColleague.interaction_id.in_(ids)))
        session.execute(delete(interaction_themes).where(interaction_themes.c.interaction_id.in_(ids)))
        session.execute(delete(SearchDocument).where(SearchDocument.interaction_id.in_(ids)))
        session.execute(delete(Interaction).where(Interaction.id.in_(ids)))
        for interaction_id in ids:
            loaded = session.identity_map.get(identity_key(Interaction, interaction_id))
            if loaded is not None:
                session.expunge(loaded)
        relation_ids = sorted({relation_id for _, relation_id in rows})
        uow.touched(relation_ids, *INTERACTION_ROWS)
    return relation_ids


def texts_rewritten(session: Session, *, interaction_ids: Iterable[int] = (), relation_ids: Iterable[int] = ()) -> None:
    """The notes (and gives and takes) of these interactions, and the notes of these relations, were rewritten in
    place (forgetting a name scrubs it from every text): what is kept from texts is recomputed for them."""
    interaction_ids, relation_ids = list(interaction_ids), set(relation_ids)
    with unit_of_work(session) as uow:
        if interaction_ids:
            of_interactions = session.scalars(
                select(Interaction.relation_id).where(Interaction.id.in_(interaction_ids)).distinct()
            )
            uow.touched(set(of_interactions), "interactions.notes", "interactions.gave", "interactions.got")
        uow.touched(relation_ids, "relations.notes")


def add_interactions(session: Session, team_id: str, rows: Sequence[dict]) -> set[int]:
    """Many interactions at once (an import): rows of Interaction columns, without colleagues or themes.
    Returns the relations they are with."""
    insert_rows(session, Interaction.__table__, [{"team_id": team_id, **row} for row in rows])
    relation_ids = {row["relation_id"] for row in rows}
    with unit_of_work(session) as uow:
        uow.touched(relation_ids, "interactions")
    return relation_ids


# --- relations ----------------------------------------------------------------------------------------------------
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
    """A new relation, owned and created by `owner_id`. What is kept for a relation never met follows from the
    row itself (due one cadence after creation; its name's key and tokens), so nothing is recomputed."""
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
        due_on=due_date(None, created_on, cadence),
    )
    session.add(relation)
    session.flush()
    insert_rows(session, RelationNameToken.__table__, derived.name_tokens([(relation.id, team_id, name)]))
    return relation


def relation_for_new_name(
    session: Session,
    *,
    team_id: str,
    name: str,
    organisation: str | None,
    owner_id: str,
    created_on: date,
    tier: str = "regular",
) -> tuple[ContactState, bool]:
    """The relation to record a meeting with someone new on, and whether it was created.

    Two members who record the same new person at the same moment must not make two relations of them: the
    name is looked up again under a lock on it (held until commit), and if it now resolves to one relation —
    one that the other member created a moment ago — that one is used. (A member who chose "someone new"
    among several relations of that name still gets a new one: the name resolves to none of them.)"""
    key = normalise_name(name)
    lock_name(session, team_id, key)
    exact = exact_states(session, team_id, key)
    found = resolve_name(name, organisation, [Candidate(r.id, r.name, r.organisation) for r in exact])
    if found.status == "exact" and found.chosen is not None:
        return next(r for r in exact if r.id == found.chosen.relation_id), False
    relation = create_relation(
        session,
        team_id=team_id,
        name=name,
        organisation=organisation,
        owner_id=owner_id,
        created_on=created_on,
        tier=tier,
    )
    return ContactState.of(relation), True


_NAME_LOCKS = 0x676F6F64  # the first of PostgreSQL's two advisory lock keys: Goodwill's names


def lock_name(session: Session, team_id: str, name_key: str) -> None:
    """Hold, until the transaction ends, the lock on creating a relation of this name in the workspace.

    PostgreSQL: an advisory lock on the name (other names are not held up). SQLite allows one writer at a time:
    the transaction takes the write lock now (BEGIN IMMEDIATE) unless it holds it already (it has written), so
    the lookup that follows sees every relation committed before."""
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        key = zlib.crc32(f"{team_id}\x1f{name_key}".encode()) - 2**31
        connection.execute(text("SELECT pg_advisory_xact_lock(:space, :key)"), {"space": _NAME_LOCKS, "key": key})
        return
    driver = connection.connection.driver_connection
    if not driver.in_transaction:  # (the sqlite3 module begins a transaction at the first write only)
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def create_relations(session: Session, team_id: str, rows: Sequence[dict]) -> list[int]:
    """Many new relations at once (an import): rows of Relation columns with name, owner_id, tier, cadence_days
    and created_on; the kept columns are filled in here. Returns their ids, in order."""
    values = [
        {
            "team_id": team_id,
            "created_by": row["owner_id"],
            "notes": "",
            "archived": False,
            **row,
            "name_key": normalise_name(row["name"]),
            "due_on": due_date(None, row["created_on"], row["cadence_days"]),
        }
        for row in rows
    ]
    ids = insert_rows_returning_ids(session, Relation.__table__, values)
    tokens = derived.name_tokens(
        (relation_id, team_id, row["name"]) for relation_id, row in zip(ids, rows, strict=True)
    )
    insert_rows(session, RelationNameToken.__table__, tokens)
    return ids


def change_relation(session: Session, team_id: str, relation_id: int, **values) -> Relation | None:
    """Set columns of the workspace's relation (those in CHANGEABLE) and keep true what is kept from them; the
    relation, or None when it is not the workspace's. Permission and audit are the caller's."""
    unknown = set(values) - CHANGEABLE
    if unknown:
        raise ValueError(f"not changeable: {sorted(unknown)}")
    relation = get_relation(session, team_id, relation_id)
    if relation is None:
        return None
    changed = {column: value for column, value in values.items() if getattr(relation, column) != value}
    if changed:
        with unit_of_work(session) as uow:
            for column, value in changed.items():
                setattr(relation, column, value)
            if "name" in changed:
                relation.name_key = normalise_name(changed["name"])
            uow.touched([relation_id], *(f"relations.{column}" for column in changed))
    return relation


def change_relations(session: Session, rows: Sequence[dict]) -> None:
    """change_relation for many relations at once (an import): each row has the relation's "id" and the columns
    to set (of CHANGEABLE). The caller has checked that they are the workspace's."""
    if not rows:
        return
    unknown = {column for row in rows for column in row if column != "id"} - CHANGEABLE
    if unknown:
        raise ValueError(f"not changeable: {sorted(unknown)}")
    with unit_of_work(session) as uow:
        session.execute(update(Relation), list(rows))
        for row in rows:
            uow.touched([row["id"]], *(f"relations.{column}" for column in row if column != "id"))


def link_themes(session: Session, relation_id: int, themes: Iterable[Theme | ThemeRef]) -> None:
    """Attach themes to the relation (those it has already stay as they are), in one statement."""
    rows = [{"relation_id": relation_id, "theme_id": theme.id} for theme in themes]
    if rows:
        link_relation_themes(session, rows)


def link_relation_themes(session: Session, rows: Sequence[dict]) -> None:
    """Attach themes to relations: rows of relation_id and theme_id (those there already stay as they are)."""
    with unit_of_work(session) as uow:
        session.connection().execute(ignoring_conflicts(session, relation_themes), list(rows))
        relation_ids = {row["relation_id"] for row in rows}
        for relation_id in relation_ids:
            _expire_loaded(session, relation_id, ["themes"])
        uow.touched(relation_ids, "relation_themes")


def add_themes(session: Session, team_id: str, relation_id: int, names: Iterable[str]) -> list[str]:
    """Attach themes (created when new) to the workspace's relation; the names it did not have before."""
    relation = get_relation(session, team_id, relation_id)
    if relation is None:
        return []
    added = [theme for theme in themes_named(session, team_id, names) if theme not in relation.themes]
    link_themes(session, relation_id, added)
    return [theme.name for theme in added]


@dataclass(frozen=True)
class Erased:
    interactions: int
    invitations: int


def delete_relation(session: Session, team_id: str, relation_id: int) -> Erased | None:
    """Remove the workspace's relation and everything that is about it alone: its interactions (with who was
    there and their themes), invitations, theme links, ties and name tokens. None when it is not there."""
    if get_relation(session, team_id, relation_id) is None:
        return None
    with unit_of_work(session) as uow:
        own = select(Interaction.id).where(Interaction.team_id == team_id, Interaction.relation_id == relation_id)
        interactions = session.scalar(select(func.count()).select_from(own.subquery())) or 0
        # Children first, explicitly: erasure must not depend on the database honouring ON DELETE CASCADE.
        invitations = session.execute(delete(Invitation).where(Invitation.relation_id == relation_id)).rowcount or 0
        session.execute(delete(InteractionColleague).where(InteractionColleague.interaction_id.in_(own)))
        session.execute(delete(interaction_themes).where(interaction_themes.c.interaction_id.in_(own)))
        session.execute(delete(SearchDocument).where(SearchDocument.interaction_id.in_(own)))
        session.execute(
            delete(Interaction).where(Interaction.team_id == team_id, Interaction.relation_id == relation_id)
        )
        session.execute(delete(relation_themes).where(relation_themes.c.relation_id == relation_id))
        session.execute(delete(MemberTie).where(MemberTie.relation_id == relation_id))
        session.execute(delete(RelationNameToken).where(RelationNameToken.relation_id == relation_id))
        session.execute(delete(Relation).where(Relation.id == relation_id))
        uow.dropped([relation_id])
    session.expire_all()
    return Erased(interactions, invitations)


def _expire_loaded(session: Session, relation_id: int, attributes: Iterable[str]) -> None:
    session.info.pop(JUST_READ, None)
    loaded = session.identity_map.get(identity_key(Relation, relation_id))
    if loaded is not None:
        session.expire(loaded, list(attributes))
