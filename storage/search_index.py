"""The search index of what was discussed: one document per interaction (storage.models.SearchDocument), and
the searches over it, with each database's own full-text engine.

- SQLite: an FTS5 table `search_index` over `search_documents` (external content: the terms are stored once),
  kept in step with it by triggers (migration 0006). Its rowid is the document's `key`, the day and then the
  interaction, so FTS5 hands out matches newest first and a search stops after the first few.
- PostgreSQL: the terms as a tsvector (`document`, a stored generated column) with a GIN index, and an index on
  (team, key) for the newest first; the planner chooses between them by how common the words are.

The terms come from bot.domain.search on both, so both find the same meetings. Every write to interactions
calls `reindex` (or `remove`) for the interactions it touched: one call, so that the writer of interactions
can take it over as it is. Rows whose interaction is deleted also go by ON DELETE CASCADE.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache

from sqlalchemy import Connection, Date, bindparam, delete, select, text
from sqlalchemy.orm import Session

from bot.domain.search import SearchQuery, index_document, search_query
from storage.bulk import insert_rows
from storage.interactions import people_and_themes
from storage.models import Gathering, Interaction, Relation, SearchDocument

CHUNK = 5000  # ids per statement (SQLite allows 32,766 variables)
_DAY_SHIFT = 40  # key = day << 40 | interaction id: room for 10^12 interactions, days up to year 9999


def search_key(occurred_on: date, interaction_id: int) -> int:
    """Orders documents by day, then by interaction: newest first is the largest key first."""
    return (occurred_on.toordinal() << _DAY_SHIFT) | interaction_id


def interaction_of(key: int) -> int:
    return key & ((1 << _DAY_SHIFT) - 1)


# What PostgreSQL searches: `document`, every term as a tsvector (a stored generated column, migration 0006,
# with the GIN index ix_search_documents_terms), and the public terms alone, built from the text only for the
# rows found whose private notes are someone else's. (array_to_tsvector takes the terms as they are.)
DOCUMENT_VECTOR = "document"
PUBLIC_VECTOR = "array_to_tsvector(string_to_array(public_terms, ' '))"

# What each document is made of, for the interactions the WHERE clause names. Oldest first by key, as fill and
# reindex write them too: PostgreSQL keeps rows where they were written, so documents written in key order put the
# newest ones together at the end of the table (where /met appends its own), and walking the newest documents reads
# a few pages instead of one page per document (the history imported or logged out of order included).
_SOURCES = """
SELECT i.id, i.team_id, i.relation_id, i.occurred_on, i.logged_by, i.private, i.notes, i.gave, i.got,
       r.organisation, e.name AS event_name
FROM interactions i
JOIN relations r ON r.id = i.relation_id
LEFT JOIN network_events e ON e.id = i.event_id
WHERE {where}
ORDER BY i.occurred_on, i.id
"""
_THEMES = """
SELECT it.interaction_id, t.name FROM interaction_themes it JOIN themes t ON t.id = it.theme_id WHERE {where}
"""


def _sources(
    connection: Connection, where: tuple[str, str], values: dict, *, expanding: str | None = None
) -> list[dict]:
    """The documents of the interactions that `where` selects: a condition on interactions `i`, and the same on
    interaction_themes `it`."""
    sources_statement, themes_statement = _statements(where, expanding)
    sources = [dict(row) for row in connection.execute(sources_statement, values).mappings()]
    if not sources:
        return []
    themes: dict[int, list[str]] = {}
    for interaction_id, name in connection.execute(themes_statement, values):
        themes.setdefault(interaction_id, []).append(name)
    return [_document(source, themes.get(source["id"], ())) for source in sources]


def source(
    *,
    interaction_id: int,
    team_id: str,
    relation_id: int,
    occurred_on: date,
    logged_by: str,
    private: bool,
    notes: str | None,
    gave: str | None,
    got: str | None,
    organisation: str | None,
    event_name: str | None,
    themes: Sequence[str],
) -> dict:
    """What one interaction's document is made of, for reindex(known=…)."""
    return {
        "source": {
            "id": interaction_id,
            "team_id": team_id,
            "relation_id": relation_id,
            "occurred_on": occurred_on,
            "logged_by": logged_by,
            "private": private,
            "notes": notes,
            "gave": gave,
            "got": got,
            "organisation": organisation,
            "event_name": event_name,
        },
        "themes": themes,
    }


@cache
def _statements(where: tuple[str, str], expanding: str | None):
    """_sources' two statements for this condition, built once (every /met indexes its meeting)."""

    def statement(sql: str):
        built = text(sql)
        return built.bindparams(bindparam(expanding, expanding=True)) if expanding else built

    return (
        statement(_SOURCES.format(where=where[0])).columns(occurred_on=Date),
        statement(_THEMES.format(where=where[1])),
    )


def _document(source: dict, themes: Sequence[str]) -> dict:
    """The row of search_documents for one interaction: what everyone may find it by, and its private notes."""
    discussed = (source["notes"], source["gave"], source["got"])
    shared = () if source["private"] else discussed
    public = index_document(*themes, source["organisation"], source["event_name"], *shared)
    private = index_document(*discussed) if source["private"] else ""
    return {
        "key": search_key(source["occurred_on"], source["id"]),
        "interaction_id": source["id"],
        "team_id": source["team_id"],
        "relation_id": source["relation_id"],
        "public_terms": public,
        "private_terms": private,
        "author": source["logged_by"] if source["private"] else "",
    }


def _chunks(ids: Iterable[int], *, ordered: bool = False) -> Iterable[list[int]]:
    """The ids in lists of at most CHUNK: sorted, unless `ordered` (then in the order given, once each)."""
    ordered_ids = list(dict.fromkeys(ids)) if ordered else sorted(set(ids))
    for start in range(0, len(ordered_ids), CHUNK):
        yield ordered_ids[start : start + CHUNK]


def reindex(
    session: Session,
    interaction_ids: Iterable[int] = (),
    *,
    relations: Iterable[int] = (),
    new: bool = False,
    known: Sequence[dict] = (),
) -> None:
    """Make the index say what these interactions say now: a new or changed one is (re)indexed, one that no longer
    exists leaves it. `relations`: every interaction with these relations too (their organisation changed).
    `new`: the interactions were just inserted, so there is nothing to take out first. `known`: what a new one is
    made of (see `source`), when the caller has it all at hand: then it is not read back (/met)."""
    if known:
        insert_rows(session, SearchDocument.__table__, [_document(**source) for source in known])
        return
    session.flush()  # what the ORM holds back is part of "now"
    connection = session.connection()
    # Oldest first by key (see _SOURCES).
    dated = {i: (date.min, i) for i in interaction_ids}
    for chunk in _chunks(relations):
        statement = select(Interaction.occurred_on, Interaction.id).where(Interaction.relation_id.in_(chunk))
        dated.update((i, (day, i)) for day, i in connection.execute(statement))
    for chunk in _chunks(sorted(dated, key=dated.__getitem__), ordered=True):
        if not new:
            connection.execute(delete(SearchDocument).where(SearchDocument.interaction_id.in_(chunk)))
        documents = _sources(
            connection,
            ("i.id IN :ids", "it.interaction_id IN :ids"),
            {"ids": chunk},
            expanding="ids",
        )
        insert_rows(session, SearchDocument.__table__, documents)


def remove(session: Session, interaction_ids: Iterable[int]) -> None:
    """Take these interactions out of the index (before or after they are deleted)."""
    for chunk in _chunks(interaction_ids):
        session.execute(delete(SearchDocument).where(SearchDocument.interaction_id.in_(chunk)))


def forget_relation(session: Session, team_id: str, relation_id: int, name: str) -> None:
    """After a relation is forgotten (storage.forget): its interactions leave the index, and the interactions
    whose notes named it are reindexed from their scrubbed notes, so the name finds nothing any more.
    Those are found by the index itself: documents with every word of the name."""
    session.execute(
        delete(SearchDocument).where(SearchDocument.team_id == team_id, SearchDocument.relation_id == relation_id)
    )
    query = search_query(name)
    if not query.empty:
        reindex(session, matching(session, team_id, query, viewer_id=None))


# --- searching ---------------------------------------------------------------------------------------
# How much merging one clock run does at most (FTS5 leaf pages, 4 KiB each): a few tens of milliseconds.
MERGE_PAGES = 500


def merge_segments(connection: Connection, pages: int = MERGE_PAGES) -> bool:
    """SQLite: merge up to `pages` leaf pages of the search index's segments, as FTS5's automerge would inside a
    commit that adds documents (migration 0009 turned that off, so /met never waits for it). True when there was
    work to do. PostgreSQL: nothing to do (its GIN index keeps its own pending list)."""
    if connection.dialect.name != "sqlite":
        return False
    before = connection.exec_driver_sql("SELECT total_changes()").scalar()
    connection.exec_driver_sql("INSERT INTO search_index(search_index, rank) VALUES ('merge', ?)", (pages,))
    # FTS5's documented test: fewer than two rows changed means nothing was left to merge.
    return connection.exec_driver_sql("SELECT total_changes()").scalar() - before >= 2


def _fts_string(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


def _fts_words(query: SearchQuery) -> str:
    return " AND ".join("(" + " OR ".join(_fts_string(t) for t in sorted(terms)) + ")" for terms in query.words)


def _tsquery(query: SearchQuery) -> str:
    """The query in tsquery's syntax; terms are letters and digits only (bot.domain.search.words)."""
    return " & ".join("(" + " | ".join(f"'{term}'" for term in sorted(terms)) + ")" for terms in query.words)


# SQLite: the FTS5 table drives, newest first, and stops at the limit. Its rowid is the key, which holds the
# interaction id (a join here would let SQLite read search_documents first, every row of it). The workspace is
# checked per match found, by key, rather than as a term of the expression: that term is in every document of
# the workspace, and stepping through it costs as much as the history is long.
_SQLITE_SEARCH = text(
    "SELECT rowid FROM search_index WHERE search_index MATCH :expression "
    "AND (SELECT team_id FROM search_documents WHERE key = search_index.rowid) = :team_id "
    "ORDER BY rowid DESC LIMIT :limit"
)
# The viewer's own private documents, newest first, with their terms (checked here: FTS5 would walk the words'
# long lists to and'em with the author's short one).
_SQLITE_OWN_PRIVATE = text(
    "SELECT key, public_terms, private_terms FROM search_documents "
    "WHERE key IN (SELECT rowid FROM search_index WHERE search_index MATCH :author) AND team_id = :team_id "
    "ORDER BY key DESC"
)


def _sqlite_matching(
    connection: Connection, team_id: str, query: SearchQuery, viewer_id: str | None, limit: int | None
) -> list[int]:
    """matching() on SQLite: the public matches, and the viewer's private ones apart, merged newest first."""
    words = _fts_words(query)
    columns = "{public_terms}" if viewer_id is not None else "{public_terms private_terms}"
    values = {"expression": f"{columns} : ({words})", "team_id": team_id, "limit": -1 if limit is None else limit}
    keys = set(connection.scalars(_SQLITE_SEARCH, values))
    if viewer_id is not None:
        author = f"author : {_fts_string(viewer_id)}"
        own = connection.execute(_SQLITE_OWN_PRIVATE, {"author": author, "team_id": team_id})
        found = 0
        for key, public_terms, private_terms in own:
            terms = set(public_terms.split()) | set(private_terms.split())
            if all(terms & word for word in query.words):
                keys.add(key)
                found += 1
                if found == limit:
                    break
    newest = sorted(keys, reverse=True)
    return [interaction_of(key) for key in (newest if limit is None else newest[:limit])]


# PostgreSQL in tiers of newest documents, each with a cost that depends on the answer, not on the history's length:
# 1. The newest WALKED documents, newest first, checking each one's stored tsvector: enough for any word in one
#    document of a hundred or more. They sit together at the table's end (see _SOURCES): a few pages.
# 2. When they hold some matches but fewer than asked for, how many tells how far to walk for the rest: walked
#    again, that far, when that is at most WALK_MAX documents (beyond, a walk costs more than the GIN index's
#    few matches: about a microsecond a document, measured).
# 3. Else, when they held a few: the documents of WIDER times as many days back, by the GIN index and the key's
#    range together (a bitmap of each, and'ed), so that only that window's matches are read from the table, not
#    every match of words that are merely uncommon.
# 4. Else every match, by the GIN index (few, then: at most one in the newest WALKED), sorted.
# OFFSET 0 keeps the planner from walking the newest first again, which is what it would choose for words it
# wrongly takes for common (two words that are each common but seldom together).
WALKED = 4000
WALK_MAX = 12_000
WIDER = 10
_POSTGRESQL_MATCH = (
    f"{DOCUMENT_VECTOR} @@ CAST(:query AS tsquery) "
    f"AND (author IN ('', :viewer) OR :viewer = '*' OR {PUBLIC_VECTOR} @@ CAST(:query AS tsquery))"
)
_POSTGRESQL_NEWEST = text(
    "SELECT interaction_id FROM (SELECT interaction_id, key, document, author, public_terms FROM search_documents "
    "WHERE team_id = :team_id ORDER BY key DESC LIMIT :walked) AS newest "
    f"WHERE {_POSTGRESQL_MATCH} ORDER BY key DESC LIMIT :limit"
)
# The newest key, the key WALKED documents back (none when there are no more) and the oldest, from the index alone.
_POSTGRESQL_WALKED = text(
    "SELECT (SELECT key FROM search_documents WHERE team_id = :team_id ORDER BY key DESC LIMIT 1), "
    "(SELECT key FROM search_documents WHERE team_id = :team_id ORDER BY key DESC OFFSET :walked LIMIT 1), "
    "(SELECT key FROM search_documents WHERE team_id = :team_id ORDER BY key LIMIT 1)"
)
_POSTGRESQL_SINCE = text(
    "SELECT interaction_id FROM (SELECT interaction_id, key FROM search_documents "
    f"WHERE team_id = :team_id AND key >= :since AND {_POSTGRESQL_MATCH} OFFSET 0) AS found "
    "ORDER BY key DESC LIMIT :limit"
)
_POSTGRESQL_ALL = text(
    "SELECT interaction_id FROM (SELECT interaction_id, key FROM search_documents "
    f"WHERE team_id = :team_id AND {_POSTGRESQL_MATCH} OFFSET 0) AS found ORDER BY key DESC LIMIT :limit"
)


def _postgresql_matching(connection: Connection, values: dict, limit: int | None) -> list[int]:
    """matching() on PostgreSQL, tier by tier (see WALKED)."""
    if limit is None:
        return list(connection.scalars(_POSTGRESQL_ALL, values))
    found = list(connection.scalars(_POSTGRESQL_NEWEST, {**values, "walked": WALKED}))
    if len(found) == limit:
        return found
    newest, walked, oldest = connection.execute(_POSTGRESQL_WALKED, {**values, "walked": WALKED}).one()
    if walked is None:  # the newest were all there is
        return found
    if found:  # as many again as it took for each one found, and half again
        further = WALKED * limit * 3 // (2 * len(found))
        if further <= WALK_MAX:
            found = list(connection.scalars(_POSTGRESQL_NEWEST, {**values, "walked": further}))
            if len(found) == limit:
                return found
    # As many days back again, WIDER times: about WIDER times as many documents where meetings are as frequent
    # as lately, fewer where they were rarer. (When that is the whole history, straight to every match.)
    days = max(1, (newest >> _DAY_SHIFT) - (walked >> _DAY_SHIFT))
    since = ((newest >> _DAY_SHIFT) - WIDER * days) << _DAY_SHIFT
    if len(found) > 1 and since > oldest:
        found = list(connection.scalars(_POSTGRESQL_SINCE, {**values, "since": since}))
        if len(found) == limit:
            return found
    return list(connection.scalars(_POSTGRESQL_ALL, values))


def matching(
    session: Session, team_id: str, query: SearchQuery, *, viewer_id: str | None, limit: int | None = None
) -> list[int]:
    """The workspace's interactions that have every word of `query`, newest first (at most `limit`).

    `viewer_id`: private notes count only for their author; None (forgetting a name) counts every note."""
    if query.empty:
        return []
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        return _sqlite_matching(connection, team_id, query, viewer_id, limit)
    # '*' is nobody's user id: forgetting a name counts every note, private or not.
    values = {"team_id": team_id, "query": _tsquery(query), "viewer": viewer_id or "*", "limit": limit}
    return _postgresql_matching(connection, values, limit)


# --- filling it -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Built:
    documents: int


def fill(connection: Connection, *, progress=None) -> Built:
    """Index every interaction in the database (migration 0006, benchmarks): in batches, so that memory stays
    flat however long the history, and oldest first by key (see _SOURCES)."""
    session = Session(bind=connection)
    done = 0
    in_key_order = connection.execute(
        select(Interaction.id)
        .order_by(Interaction.occurred_on, Interaction.id)
        .execution_options(stream_results=True, yield_per=CHUNK)
    )
    for batch in in_key_order.scalars().partitions():
        documents = _sources(connection, ("i.id IN :ids", "it.interaction_id IN :ids"), {"ids": batch}, expanding="ids")
        insert_rows(session, SearchDocument.__table__, documents)
        done += len(documents)
        if progress is not None:
            progress(done)
    return Built(done)


# --- what was found ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class FoundInteraction:
    """An interaction that was found, with what the answer shows of it (storage's view; privacy is the
    caller's: bot.discussed withholds private notes)."""

    interaction_id: int
    occurred_on: date
    logged_by: str
    kind: str | None
    notes: str
    gave: str | None
    got: str | None
    private: bool
    event_id: int | None
    gathering: str | None
    relation_id: int
    name: str
    organisation: str | None
    archived: bool
    colleagues: tuple[str, ...]
    themes: tuple[str, ...]


def found_interactions(session: Session, team_id: str, interaction_ids: Sequence[int]) -> list[FoundInteraction]:
    """These interactions of the workspace, in the order given: three queries, however many."""

    if not interaction_ids:
        return []
    rows = session.connection().execute(_found_statement(), {"team_id": team_id, "ids": list(interaction_ids)}).all()
    colleagues, themes = people_and_themes(session, [row[0] for row in rows])
    by_id = {
        row[0]: FoundInteraction(
            *row[:10], *row[10:14], tuple(colleagues.get(row[0], ())), tuple(themes.get(row[0], ()))
        )
        for row in rows
    }
    return [by_id[i] for i in interaction_ids if i in by_id]


@cache
def _found_statement():
    """found_interactions' statement, built once (building it costs more than running it)."""

    return (
        select(
            Interaction.id,
            Interaction.occurred_on,
            Interaction.logged_by,
            Interaction.kind,
            Interaction.notes,
            Interaction.gave,
            Interaction.got,
            Interaction.private,
            Interaction.event_id,
            Gathering.name,
            Relation.id,
            Relation.name,
            Relation.organisation,
            Relation.archived,
        )
        .join(Relation, Relation.id == Interaction.relation_id)
        .outerjoin(Gathering, Gathering.id == Interaction.event_id)
        .where(Interaction.team_id == bindparam("team_id"), Interaction.id.in_(bindparam("ids", expanding=True)))
    )
