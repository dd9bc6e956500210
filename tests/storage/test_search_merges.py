"""SQLite's search index merges its segments in the clock (migration 0009), not inside a /met's commit: each
/met leaves one small segment, and the clock's job merges them; searches find the same meetings before and
after. PostgreSQL has nothing to merge."""

from __future__ import annotations

from sqlalchemy import text

from bot.discussed import merge_search_index_job
from bot.domain.search import search_query
from storage.search_index import matching
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


def _index_rows(db) -> int:
    with db.engine.connect() as connection:
        return connection.execute(text("SELECT count(*) FROM search_index_data")).scalar()


def _found(db) -> list[int]:
    with db.sessions() as session:
        return matching(session, TEAM_ID, search_query("huisvesting"), viewer_id="U0ANNA", limit=50)


def test_each_met_leaves_a_segment_that_the_clock_merges(goodwill, db, clock):
    for name in PEOPLE:
        answer = goodwill.command("/met", f"{name} (Gemeente Den Haag) gisteren: koffie over huisvesting")
        assert answer.status == 200 and "huisvesting" in answer.text
    goodwill.settle()
    found = _found(db)
    assert len(found) == len(PEOPLE)

    if db.backend != "sqlite":
        assert merge_search_index_job(goodwill.deps, clock.now) is False
        return
    with db.engine.connect() as connection:
        config = dict(connection.execute(text("SELECT k, v FROM search_index_config")).all())
    assert config["automerge"] == 0  # no /met waits for a merge
    before = _index_rows(db)

    assert merge_search_index_job(goodwill.deps, clock.now) is True
    assert _index_rows(db) < before  # twelve one-meeting segments became fewer, larger ones
    assert _found(db) == found
