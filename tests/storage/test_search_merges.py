"""SQLite's search index merges its segments in the clock (migration 0009), not inside a /met's commit: each
commit that adds a meeting leaves one small segment, and the clock's job merges them; searches find the same
meetings before and after. PostgreSQL has nothing to merge."""

from __future__ import annotations

from datetime import date

from sqlalchemy import text

from bot.discussed import merge_search_index_job
from bot.domain.search import search_query
from storage.search_index import matching, merge_segments
from tests.support import seed
from tests.support.running import sqlite_database
from tests.support.slack_standin import TEAM_ID

PEOPLE = (
    "Jan de Vries",
    "Fatima El Amrani",
    "Karin Mulder",
    "Pieter Bakker",
    "Sanne Visser",
    "Youssef Haddou",
    "Marieke Smit",
    "Daan Meijer",
    "Lotte de Boer",
    "Ruben Mulders",
    "Ingrid Hoekstra",
    "Kees van Dijk",
)


def _found(db) -> list[int]:
    with db.sessions() as session:
        return matching(session, TEAM_ID, search_query("huisvesting"), viewer_id="U0ANNA", limit=50)


def test_the_clock_job_loses_no_meeting_and_postgresql_has_nothing_to_merge(goodwill, db, clock):
    for name in PEOPLE:
        answer = goodwill.command("/met", f"{name} (Gemeente Den Haag) gisteren: koffie over huisvesting")
        assert answer.status == 200 and "huisvesting" in answer.text
    goodwill.settle()
    found = _found(db)
    assert len(found) == len(PEOPLE)

    merged = merge_search_index_job(goodwill.deps, clock.now)

    if db.backend == "postgresql":
        assert merged is False  # its GIN index keeps its own pending list
    assert _found(db) == found


def test_each_commit_leaves_a_segment_that_the_merge_joins(tmp_path):
    with sqlite_database(tmp_path / "fresh.db") as db:
        with db.engine.connect() as connection:
            config = dict(connection.execute(text("SELECT k, v FROM search_index_config")).all())
        assert config["automerge"] == 0  # no commit that adds a meeting waits for a merge
        for name in PEOPLE:  # one commit each, as /met makes them
            with seed.seeding(db.sessions) as session:
                relation = seed.relation(session, name)
                seed.meeting(session, relation, date(2026, 11, 25), notes="koffie over huisvesting")
        before = _index_rows(db)
        found = _found(db)

        with db.engine.begin() as connection:
            assert merge_segments(connection) is True
        with db.engine.begin() as connection:
            merge_segments(connection)

        assert _index_rows(db) < before  # twelve one-meeting segments became fewer, larger ones
        assert _found(db) == found and len(found) == len(PEOPLE)


def _index_rows(db) -> int:
    with db.engine.connect() as connection:
        return connection.execute(text("SELECT count(*) FROM search_index_data")).scalar()
