"""Every value Goodwill keeps copied or computed from other rows, in one list: what it is kept from, who reads it,
and how it is recomputed.

Values are kept so that reads — quiet detection, the digest, /whoknows, the Home tab, the card — use an index
instead of the history. They are written by storage.history alone: its unit of work notes what a write changed
("interactions" for rows added, moved or removed; "relations.tier" for one column) and, when the write ends,
recomputes every value below that reads something changed, in this order, for the relations it touched
(refresh). The list is in dependency order: a value only reads values listed before it. Values of one table next
to each other become one UPDATE.

docs/derived-values.md is this list in words (tests/storage/test_derived_values.py checks that it is), and the same test
compares every value here with what plain Python works out from the history, after random writes.

There are no database triggers: a trigger is invisible from the code that writes, has to be written twice (SQLite
and PL/pgSQL), and is dropped without a word by SQLite's table rebuild (Alembic's batch mode) — see
docs/derived-values.md.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Table,
    Update,
    bindparam,
    case,
    delete,
    func,
    or_,
    select,
    update,
)
from sqlalchemy.orm import Session

from bot.domain.digest import MIN_EXCHANGES
from bot.domain.names import index_keys, normalise_name
from storage import search_index, ties, warmth
from storage.bulk import insert_rows
from storage.models import (
    EXCHANGE_GAVE,
    EXCHANGE_GOT,
    Interaction,
    InteractionColleague,
    MemberTie,
    Relation,
    RelationNameToken,
    SearchDocument,
    interaction_themes,
    relation_themes,
)

RELATIONS = Relation.__table__
INTERACTIONS = Interaction.__table__
COLLEAGUES = InteractionColleague.__table__


# --- which rows: those of some relations, or of a whole workspace -----------------------------------------------
@dataclass(frozen=True)
class Scope:
    """The rows to recompute: those belonging to the relations `ids` (bound as the parameter "scope_ids"), or to every
    relation of the workspace `team_id` (the parameter "scope_team")."""

    team_wide: bool

    @property
    def relations(self) -> ColumnElement[bool]:
        if self.team_wide:
            return Relation.team_id == bindparam("scope_team")
        return Relation.id.in_(bindparam("scope_ids", expanding=True))

    @property
    def interactions(self) -> ColumnElement[bool]:
        if self.team_wide:
            return Interaction.team_id == bindparam("scope_team")
        return Interaction.relation_id.in_(bindparam("scope_ids", expanding=True))

    def rows(self, table: Table) -> ColumnElement[bool]:
        """The condition selecting the scope's rows of `table`."""
        if table is RELATIONS:
            return self.relations
        if table is INTERACTIONS:
            return self.interactions
        if table is interaction_themes or table is COLLEAGUES:
            return table.c.interaction_id.in_(select(Interaction.id).where(self.interactions))
        if self.team_wide:
            return table.c.relation_id.in_(select(Relation.id).where(self.relations))
        return table.c.relation_id.in_(bindparam("scope_ids", expanding=True))


RELATIONS_OF = Scope(team_wide=False)
WORKSPACE = Scope(team_wide=True)


# --- the values, as SQL correlated to the row they are kept on ----------------------------------------------------
def _latest_interaction(_dialect: str):
    return (
        select(Interaction.id)
        .where(Interaction.relation_id == Relation.id)
        .order_by(Interaction.occurred_on.desc(), Interaction.id.desc())
        .limit(1)
        .correlate(Relation)
        .scalar_subquery()
    )


def _of_last_interaction(column):
    def value(_dialect: str):
        return (
            select(column).where(Interaction.id == Relation.last_interaction_id).correlate(Relation).scalar_subquery()
        )

    return value


def due_on(dialect: str):
    """(last contact, or creation when never met) + cadence (bot.domain.quiet.due_date), per dialect."""
    base = func.coalesce(Relation.last_contact_on, Relation.created_on)
    if dialect == "sqlite":
        return func.date(base, func.printf("+%d days", Relation.cadence_days))
    return base + Relation.cadence_days


def _others_last_contact(_dialect: str):
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


def exchanges_from(_dialect: str = ""):
    """The latest day d such that the gives and takes logged on or after d number MIN_EXCHANGES or more."""
    gave, got = Interaction.gave.is_not(None), Interaction.got.is_not(None)
    weight = case((gave, 1), else_=0) + case((got, 1), else_=0)
    running = (
        select(
            Interaction.occurred_on.label("day"),
            func.sum(weight).over(order_by=(Interaction.occurred_on.desc(), Interaction.id.desc())).label("running"),
        )
        .where(Interaction.relation_id == Relation.id, or_(gave, got))
        .correlate(Relation)
        .subquery()
    )
    return (
        select(func.max(running.c.day)).where(running.c.running >= MIN_EXCHANGES).correlate(Relation).scalar_subquery()
    )


def exchange_of(gave, got):
    """Interaction.exchange from gave and got: columns (SQL) or values (Python) alike."""
    if isinstance(gave, str | None) and isinstance(got, str | None):
        return (EXCHANGE_GAVE if gave is not None else 0) | (EXCHANGE_GOT if got is not None else 0)
    return case((gave.is_not(None), EXCHANGE_GAVE), else_=0) + case((got.is_not(None), EXCHANGE_GOT), else_=0)


def _relation_tier(_dialect: str):
    return select(Relation.tier).where(Relation.id == Interaction.relation_id).correlate(Interaction).scalar_subquery()


def _colleagues_present(_dialect: str):
    return (
        select(func.count())
        .select_from(InteractionColleague)
        .where(InteractionColleague.interaction_id == Interaction.id)
        .correlate(Interaction)
        .scalar_subquery()
    )


def _day_of_interaction(table: Table):
    def value(_dialect: str):
        return (
            select(Interaction.occurred_on)
            .where(Interaction.id == table.c.interaction_id)
            .correlate(table)
            .scalar_subquery()
        )

    return value


def _of_relation(column):
    def value(_dialect: str):
        return (
            select(column)
            .where(Relation.id == relation_themes.c.relation_id)
            .correlate(relation_themes)
            .scalar_subquery()
        )

    return value


# --- values rebuilt as rows ---------------------------------------------------------------------------------------
def _rebuild_ties(session: Session, scope: Scope, parameters: dict) -> None:
    ties.rebuild(session, select(Relation.id).where(scope.relations), scope.interactions, parameters)


def _rebuild_search(session: Session, scope: Scope, parameters: dict) -> None:
    """The search documents of the scope's interactions, made again from what they say now (storage.search_index)."""
    if scope.team_wide:
        relation_ids = list(session.scalars(select(Relation.id).where(scope.relations), parameters))
    else:
        relation_ids = parameters["scope_ids"]
    search_index.reindex(session, relations=relation_ids)


def _rebuild_names(session: Session, scope: Scope, parameters: dict) -> None:
    """name_key and the name tokens from each relation's name (bot.domain.names: Python, not SQL)."""
    rows = (
        session.connection()
        .execute(select(Relation.id, Relation.team_id, Relation.name).where(scope.relations), parameters)
        .all()
    )
    if not rows:
        return
    session.connection().execute(delete(RelationNameToken).where(scope.rows(RelationNameToken.__table__)), parameters)
    changed = [{"relation_id": relation_id, "key": normalise_name(name)} for relation_id, _, name in rows]
    session.connection().execute(
        update(RELATIONS).where(RELATIONS.c.id == bindparam("relation_id")).values(name_key=bindparam("key")), changed
    )
    insert_rows(session, RelationNameToken.__table__, name_tokens(rows))


def name_tokens(rows: Iterable[tuple[int, str, str]]) -> list[dict]:
    """relation_name_tokens rows for these (relation id, team id, name)."""
    return [
        {"team_id": team_id, "token": key, "relation_id": relation_id, "variant": variant}
        for relation_id, team_id, name in rows
        for key, variant in index_keys(name)
    ]


# --- the list -----------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Kept:
    """One kept value: a column ("table.column"), or whole rows ("table")."""

    target: str
    source: str  # what it is kept from, in words
    reads: tuple[str, ...]  # what it is computed from: "table.column", or "table" for its rows (added, removed, moved)
    readers: str  # what reads it
    value: Callable[[str], Any] | None = None  # per dialect, SQL for the column, correlated to the row it is kept on
    rebuild: Callable[[Session, Scope, dict], None] | None = None  # or: rewrites the scope's rows

    @property
    def table(self) -> Table:
        return TABLES[self.target.split(".")[0]]

    @property
    def column(self) -> str | None:
        return self.target.partition(".")[2] or None

    def affected_by(self, changed: Iterable[str]) -> bool:
        """Does a change of any of `changed` ("table" or "table.column") change this value? (Rows added to its
        own table always do: a new row needs its kept values.)"""
        own = self.target.split(".")[0]
        return any(
            change == own or read == change or read.startswith(change + ".")
            for change in changed
            for read in self.reads
        )


TABLES: dict[str, Table] = {
    table.name: table
    for table in (
        RELATIONS,
        INTERACTIONS,
        COLLEAGUES,
        interaction_themes,
        relation_themes,
        MemberTie.__table__,
        RelationNameToken.__table__,
        SearchDocument.__table__,
    )
}

_HISTORY = ("interactions.relation_id", "interactions.occurred_on", "interactions.id")

KEPT: tuple[Kept, ...] = (
    Kept(
        "relations.last_interaction_id",
        "the relation's latest interaction (latest day, then highest id)",
        _HISTORY,
        "the Home tab's and the card's last meeting",
        value=_latest_interaction,
    ),
    Kept(
        "relations.last_contact_on",
        "the day of relations.last_interaction_id",
        ("relations.last_interaction_id", "interactions.occurred_on"),
        "quiet detection, /whoknows, the digest",
        value=_of_last_interaction(Interaction.occurred_on),
    ),
    Kept(
        "relations.last_contact_by",
        "who logged relations.last_interaction_id",
        ("relations.last_interaction_id", "interactions.logged_by"),
        'the digest\'s "depends on one person"',
        value=_of_last_interaction(Interaction.logged_by),
    ),
    Kept(
        "relations.due_on",
        "(last_contact_on, or created_on when never met) + cadence_days (bot.domain.quiet.due_date)",
        ("relations.last_contact_on", "relations.created_on", "relations.cadence_days"),
        "nudges and the digest's quiet counts (ix_relations_team_due)",
        value=due_on,
    ),
    Kept(
        "relations.others_last_contact_on",
        "the last day a member other than last_contact_by met the relation (logged it or was there)",
        (*_HISTORY, "interactions.logged_by", "interaction_colleagues", "relations.last_contact_by"),
        'the digest\'s "depends on one person" (ix_relations_key_contact)',
        value=_others_last_contact,
    ),
    Kept(
        "relations.recent_exchanges_from",
        f"the latest day from which the gives and takes logged add up to {MIN_EXCHANGES}",
        (*_HISTORY, "interactions.gave", "interactions.got"),
        'the digest\'s "give and take" (ix_relations_team_exchanges)',
        value=exchanges_from,
    ),
    Kept(
        "relations.warmth_at_last",
        "the warmth on last_contact_on, unrounded: Σ over the interactions (bot.domain.warmth)",
        (*_HISTORY, "interactions.kind", "relations.last_contact_on", "relations.cadence_days"),
        "every warmth shown for a relation: Home tab, card, themes, event proposals",
        value=warmth.recomputed,
    ),
    Kept(
        "interactions.relation_tier",
        "the tier of the interaction's relation",
        ("interactions.relation_id", "relations.tier"),
        "the digest's meetings per tier (ix_interactions_team_date)",
        value=_relation_tier,
    ),
    Kept(
        "interactions.exchange",
        "1 when gave is set, plus 2 when got is (EXCHANGE_GAVE, EXCHANGE_GOT)",
        ("interactions.gave", "interactions.got"),
        'the digest\'s "give and take" (ix_interactions_relation_exchanges)',
        value=lambda _dialect: exchange_of(Interaction.gave, Interaction.got),
    ),
    Kept(
        "interactions.colleagues_present",
        "how many interaction_colleagues rows the interaction has",
        ("interaction_colleagues",),
        "/whoknows and the digest look up who was there only when someone was",
        value=_colleagues_present,
    ),
    Kept(
        "interaction_themes.occurred_on",
        "the day of the interaction",
        ("interaction_themes", "interactions.occurred_on"),
        "the digest's meetings per theme (ix_interaction_themes_theme_date)",
        value=_day_of_interaction(interaction_themes),
    ),
    Kept(
        "interaction_colleagues.occurred_on",
        "the day of the interaction",
        ("interaction_colleagues", "interactions.occurred_on"),
        "a member's latest meetings as a colleague, App Home (ix_interaction_colleagues_user_date)",
        value=_day_of_interaction(COLLEAGUES),
    ),
    Kept(
        "relation_themes.archived",
        "the relation's archived",
        ("relation_themes", "relations.archived"),
        "a theme's active relations (/whoknows #theme, /network theme, the digest)",
        value=_of_relation(Relation.archived),
    ),
    Kept(
        "relation_themes.last_contact_on",
        "the relation's last_contact_on",
        ("relation_themes", "relations.last_contact_on"),
        "a theme's relations, most recently met first (ix_relation_themes_theme_recent)",
        value=_of_relation(Relation.last_contact_on),
    ),
    Kept(
        "member_ties",
        "per member who logged or attended a meeting with the relation: the last day, and the warmth that day "
        "over those meetings (bot.domain.warmth)",
        (*_HISTORY, "interactions.logged_by", "interactions.kind", "interaction_colleagues", "relations.cadence_days"),
        "/whoknows' ranking of colleagues, the card's colleagues",
        rebuild=_rebuild_ties,
    ),
    Kept(
        "search_documents",
        "per interaction, the search terms of what it discussed (notes, gives and takes, themes, the relation's "
        "organisation, the gathering's name; private notes apart, with their author): bot.domain.search",
        (
            "interactions",
            "interactions.notes",
            "interactions.gave",
            "interactions.got",
            "interactions.private",
            "interactions.occurred_on",
            "interactions.relation_id",
            "interaction_themes",
            "relations.organisation",
        ),
        "/whoknows <words> and the Home tab's search (storage.search_index)",
        rebuild=_rebuild_search,
    ),
    Kept(
        "relations.name_key",
        "the name, normalised (bot.domain.names.normalise_name)",
        ("relations.name",),
        "matching a typed name exactly",
        rebuild=_rebuild_names,
    ),
    Kept(
        "relation_name_tokens",
        "the words of the name and their one-typo variants (bot.domain.names.index_keys)",
        ("relations.name",),
        "fuzzy matching and type-ahead",
        rebuild=_rebuild_names,
    ),
)


# --- recomputing --------------------------------------------------------------------------------------------------
def refresh(
    session: Session,
    scope: Scope,
    parameters: dict,
    changed: Iterable[str],
    *,
    handled: frozenset[str] = frozenset(),
) -> list[Kept]:
    """Recompute, for the scope's rows, every kept value that reads something in `changed`, in the list's order;
    a recomputed value counts as changed for those after it. `handled` are values the caller has already set
    (storage.history's fast path): skipped, but changed. Returns what was recomputed."""
    dialect = session.get_bind().dialect.name
    done: list[Kept] = []
    for step in _plan(frozenset(changed), handled):
        if isinstance(step, tuple):
            session.connection().execute(_update(dialect, scope, step), parameters)
            done.extend(step)
        else:
            step.rebuild(session, scope, parameters)
            done.append(step)
    return done


@lru_cache(maxsize=256)
def _plan(changed: frozenset[str], handled: frozenset[str]) -> tuple[tuple[Kept, ...] | Kept, ...]:
    """What to recompute for these changes, in order: groups of columns of one table (one UPDATE), or rebuilds."""
    changed = set(changed)
    steps: list[tuple[Kept, ...] | Kept] = []
    group: list[Kept] = []
    rebuilt: set[Callable] = set()
    for kept in KEPT:
        if kept.target in handled:
            changed.add(kept.target)
            continue
        if not kept.affected_by(changed):
            continue
        if kept.rebuild is not None:
            if kept.rebuild not in rebuilt:  # one rebuild may keep several values (name_key and tokens)
                rebuilt.add(kept.rebuild)
                steps.append(kept)
            group = []
        elif group and (group[0].table is kept.table) and not kept.affected_by(g.target for g in group):
            group.append(kept)
        else:
            group = [kept]
            steps.append(group)  # (the list is made a tuple below)
        changed.add(kept.target)
    return tuple(tuple(step) if isinstance(step, list) else step for step in steps)


@cache
def _update(dialect: str, scope: Scope, columns: Sequence[Kept]) -> Update:
    """One UPDATE of these columns of one table for the scope's rows. Beside relations (one row per relation,
    read whole anyway), only rows whose kept value is wrong are written."""
    table = columns[0].table
    values = {kept.column: kept.value(dialect) for kept in columns}
    statement = update(table).where(scope.rows(table))
    if table is not RELATIONS:
        statement = statement.where(or_(*(table.c[column].is_distinct_from(value) for column, value in values.items())))
    return statement.values(values)


def kept_columns(table: Table) -> list[str]:
    """The kept columns of a table (for expiring what the ORM loaded before they were rewritten)."""
    return [kept.column for kept in KEPT if kept.table is table and kept.column is not None]


# --- the document -------------------------------------------------------------------------------------------------
_INTRODUCTION = """\
# Derived values

Goodwill keeps some values copied or computed from other rows, so that what members read most — quiet
relations for the nudges, the digest's weekly and year-long figures, /whoknows, warmth on the Home tab and the
card — comes from an index instead of the whole history. This page lists every one of them. It is generated
from the registry, `storage/derived.py` (`python -m storage.derived > docs/derived-values.md`), and
`tests/storage/test_derived_values.py` fails when the two differ.

## Who writes them

Only `storage/history.py`, the one writer of the history. Every write that can change a kept value goes through
one of its functions (recording, editing and removing interactions; creating, changing, deleting relations;
linking themes; the import's bulk versions). Each runs in a **unit of work** that notes which relations were
touched and *what* changed about them — `interactions` (rows added, moved, removed), `relations.tier` (one
column) — and, when the unit ends, recomputes for those relations only every value below whose *Recomputed when
these change* holds something that changed, in the order of the table (a value only reads values above it;
values of one table next to each other become one `UPDATE`). After any function of `storage.history` returns,
every value here is true. Several writes become one unit, and one recompute, inside
`with history.unit_of_work(session):`.

**The fast path** (a `/met`): when the new interaction's relation state was read in the same transaction,
`history.add_interaction` sets the relation's last contact, due date, "someone else" day, exchanges and warmth,
and the members' ties, from that state and the meeting — no history is read back — and the unit of work
recomputes only the rest (the theme links' copies). It falls back to a full recompute of the relation whenever
the state cannot be trusted (its tier or cadence changed earlier in the same unit, or it already had an
interaction in it). It is an optimisation inside `storage.history`, never a protocol callers choose.

**Checked**: `tests/storage/test_derived_values.py` drives every public write (recording with a tier, edit, undo,
import, attendance, hand-over, archive, restore, snooze, tier and theme changes, renaming, forgetting) in random
order on SQLite and PostgreSQL and, after each step, compares every value here with what
`tests/support/derived_truth.py` works out in plain Python from the history; it also checks that one wrong value of
each kind is caught.

## Why no database triggers

Until migration 0007, three of these copies (the theme links' `archived` and `last_contact_on`, a colleague
row's day) were kept by triggers defined inside migration 0001. They were dropped, and are kept like the others:

- one mechanism instead of two: the registry below is the whole story; a trigger is invisible from the code that
  writes, and no test said what it kept;
- a trigger is written twice (SQLite and PL/pgSQL) and must be re-created by every migration that rebuilds its
  table on SQLite (Alembic's batch mode drops it without a word: 0007 rebuilds `relations` and `interactions`);
- the property test covers these copies like every other value.

One kind of trigger remains, and it keeps no value of this list: on SQLite, FTS5's own `search_index` table is an
external-content index over `search_documents` (migration 0006), and three triggers copy each row of that table
into it, as FTS5's documentation prescribes. `search_documents` itself is kept here like everything else.

## The values
"""

_ADDING = """
## Adding a kept value

1. Add the column (and a migration: docs/migrations.md) and an entry to `KEPT` in `storage/derived.py`: what it is
   kept from, what it reads (`table.column`, or `table` for its rows), who reads it, and its SQL (`value`, a
   correlated expression) or a `rebuild`. Place it after everything it reads.
2. Add the same rule in plain Python to `EXPECTED` in `tests/support/derived_truth.py`.
3. Regenerate this page. If a write path that is hot (`/met`) now does more work, consider setting the value in
   `history.add_interaction`'s fast path and adding it to `history.FAST_PATH`.
"""


def document() -> str:
    """docs/derived-values.md, from KEPT."""
    rows = ["| Kept value | Kept from | Recomputed when these change | Read by |", "|---|---|---|---|"]
    for kept in KEPT:
        reads = ", ".join(f"`{read}`" for read in kept.reads)
        how = "rows rebuilt" if kept.rebuild else "SQL"
        rows.append(f"| `{kept.target}` ({how}) | {kept.source} | {reads} | {kept.readers} |")
    return _INTRODUCTION + "\n" + "\n".join(rows) + "\n" + _ADDING


if __name__ == "__main__":
    print(document(), end="")
