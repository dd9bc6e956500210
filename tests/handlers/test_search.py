"""Searching what was discussed, told as Slack would tell it: /whoknows with words from the notes, and the App
Home's search box — Dutch and English, any form of a word, diacritics or not; private notes found only by their
author; forgotten people gone; archived relations marked. Then the index itself, on both databases."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
from alembic import command
from sqlalchemy import select, text

from bot.domain.names import normalise_name
from bot.domain.search import search_query
from bot.recording import Person, meeting_stamp, record_meeting, undo_meeting, update_meeting
from storage import search_index
from storage.forget import forget_relation
from storage.history import add_interaction, add_themes, create_relation
from storage.migrate import alembic_config, upgrade
from storage.models import Interaction, Relation, SearchDocument
from storage.workspaces import ensure_workspace
from tests.support.seed import meeting, relation, seeding
from tests.support.shown import actions_of, homes_published, open_home, reply, reply_to_click, text_of, view_of
from tests.support.slack_standin import TEAM_ID

# Today is Thursday 26 November 2026 (the clock fixture).


@pytest.fixture
def talks(goodwill, slack):
    """Anna met Jan de Vries yesterday, Bram met Karin Mulder last week, and Bram phoned Jan (private notes)."""
    slack.add_user("U0BRAM", "Bram Visser", locale="nl-NL")
    assert (
        goodwill.command(
            "/met",
            "Jan de Vries (Gemeente Den Haag) gisteren: Subsidie aangevraagd voor de woning aan de Laan; "
            "koffie in Café De Unie #wonen",
        ).status
        == 200
    )
    assert (
        goodwill.command(
            "/met",
            "Karin Mulder (Woonbond) vorige week: talked about the houses on the estate <!channel>; "
            "Jan de Vries was there too #wonen",
            user_id="U0BRAM",
        ).status
        == 200
    )
    goodwill.settle()  # each /met's work after the ack has run
    with goodwill.db.sessions() as session, session.begin():
        jan = session.scalar(select(Relation).where(Relation.name == "Jan de Vries"))
        add_interaction(
            session,
            team_id=TEAM_ID,
            relation_id=jan.id,
            occurred_on=date(2026, 11, 10),
            logged_by="U0BRAM",
            kind="call",
            notes="vertrouwelijk: de huurverhoging gaat niet door",
            private=True,
            themes=[],
        )
    return jan.id


def whoknows(goodwill, slack, words: str, *, user_id: str = "U0ANNA", **kwargs) -> str:
    return text_of(reply(goodwill, "/whoknows", words, user_id=user_id, **kwargs))


@pytest.mark.parametrize(
    ("typed", "bold"),
    [
        ("subsidies", "*Subsidie*"),  # plural finds singular
        ("aanvraag", "*aangevraagd*"),  # the noun finds the participle
        ("woningen", "*woning*"),  # (and #wonen: Snowball's Dutch gives woning, woningen and wonen one stem)
        ("cafe", "*Café*"),  # diacritics do not matter
        ("KOFFIE", "*koffie*"),
        ("woningen subsidie", "*woning*"),  # every word, in any order
    ],
)
def test_whoknows_finds_what_was_discussed_in_dutch_in_any_form(goodwill, slack, talks, typed, bold):
    answer = whoknows(goodwill, slack, typed)
    assert f"Discussed: *{typed}*" in answer
    assert bold in answer
    assert "*25 Nov 2026*" in answer and "<@U0ANNA> met Jan de Vries (Gemeente Den Haag)" in answer
    assert ("Karin Mulder" in answer) == (typed == "woningen")  # her meeting's theme is #wonen


def test_english_words_find_english_notes_and_the_answer_is_escaped(goodwill, slack, talks):
    answer = whoknows(goodwill, slack, "housing")
    assert "*houses*" in answer
    assert "<@U0BRAM> met Karin Mulder (Woonbond)" in answer
    assert "&lt;!channel&gt;" in answer and "<!channel>" not in answer  # cannot ping anyone


def test_a_dutch_member_gets_the_answer_in_dutch(goodwill, slack, talks):
    answer = whoknows(goodwill, slack, "subsidie", user_id="U0BRAM")
    assert "Besproken: *subsidie*" in answer and "<@U0ANNA> sprak Jan de Vries" in answer


def test_words_nobody_discussed_get_the_usual_suggestions(goodwill, slack, talks):
    answer = whoknows(goodwill, slack, "subsidie houses")  # each was discussed, never together
    assert "Nobody in the network matches *subsidie houses*" in answer
    assert "no meeting mentions it" in answer


def test_a_theme_answers_who_knows_and_below_it_the_meetings_newest_first(goodwill, slack, talks):
    answer = whoknows(goodwill, slack, "#wonen")
    assert "Who knows someone at *#wonen*" in answer
    assert "Discussed: *#wonen*" in answer
    assert answer.index("Jan de Vries (Gemeente Den Haag)") < answer.index("Karin Mulder (Woonbond)")
    assert answer.index("Who knows") < answer.index("Discussed")


def test_private_notes_are_found_by_their_author_only(goodwill, slack, talks):
    mine = whoknows(goodwill, slack, "huurverhoging", user_id="U0BRAM")
    assert "*huurverhoging*" in mine and "Privé: alleen jij ziet deze notities" in mine  # Bram reads Dutch

    theirs = whoknows(goodwill, slack, "huurverhoging", user_id="U0ANNA")
    assert "Nobody in the network matches *huurverhoging*" in theirs and "only you" not in theirs

    # Found by what everyone may see (the organisation), the private call shows no notes to others.
    by_organisation = whoknows(goodwill, slack, "gemeente", user_id="U0ANNA")
    assert "*10 Nov 2026* · call · <@U0BRAM> met Jan de Vries" in by_organisation
    assert "Private notes — only <@U0BRAM> can read them" in by_organisation
    assert "vertrouwelijk" not in by_organisation and "huurverhoging" not in by_organisation


def test_archived_relations_are_found_and_marked(goodwill, slack, talks):
    with goodwill.db.sessions() as session:
        karin = session.scalar(select(Relation.id).where(Relation.name == "Karin Mulder"))
    reply_to_click(goodwill, "relation_archive", str(karin), user_id="U0BRAM")
    answer = whoknows(goodwill, slack, "houses")
    assert "Karin Mulder (Woonbond) _archived_" in answer


def test_a_forgotten_person_is_gone_from_what_was_discussed(goodwill, slack, talks):
    assert "Karin Mulder" in whoknows(goodwill, slack, "vries")  # her notes name Jan
    assert "Jan de Vries" in whoknows(goodwill, slack, "subsidie")

    confirmation = reply(goodwill, "/goodwill", "forget Jan de Vries")
    button = next(b for b in actions_of(confirmation) if b["action_id"] == "forget_confirm")
    reply_to_click(goodwill, "forget_confirm", button["value"])

    assert "Nobody in the network matches *subsidie*" in whoknows(goodwill, slack, "subsidie")
    assert "Nobody in the network matches *vries*" in whoknows(goodwill, slack, "vries")
    assert "Niets in het netwerk past bij" in whoknows(goodwill, slack, "huurverhoging", user_id="U0BRAM")
    assert "Karin Mulder" in whoknows(goodwill, slack, "houses")  # the rest of her notes are still found
    with goodwill.db.sessions() as session:
        assert session.scalar(select(SearchDocument).where(SearchDocument.relation_id == talks)) is None


def test_another_workspace_finds_nothing_of_ours(goodwill, slack, talks):
    assert "Nobody in the network matches" in whoknows(goodwill, slack, "subsidie", team_id="T0OTHER")


# --- the App Home's search box -------------------------------------------------------------------------------
def search_box(view: dict) -> dict:
    return next(b for b in view["blocks"] if b.get("block_id") == "home_search")


def test_the_home_tab_searches_what_was_discussed_with_its_search_box(goodwill, slack, talks):
    home = open_home(goodwill, "U0ANNA")
    box = search_box(home)
    assert box["type"] == "input" and box["dispatch_action"] is True
    assert box["element"]["action_id"] == "home_search"
    assert box["element"]["dispatch_action_config"] == {"trigger_actions_on": ["on_enter_pressed"]}

    before = homes_published(slack, "U0ANNA")
    home["id"], home["state"] = (
        "V0HOME",
        {"values": {"home_search": {"home_search": {"type": "plain_text_input", "value": "subsidies"}}}},
    )
    response = goodwill.block_action(
        "home_search", "subsidies", block_id="home_search", action_type="plain_text_input", view=home
    )
    assert response.status == 200
    call = slack.wait_for("views.publish", before + 1, where=lambda c: c["user_id"] == "U0ANNA")[-1]
    view = view_of(call)
    assert view["type"] == "home"
    assert search_box(view)["element"]["initial_value"] == "subsidies"
    found = json.dumps(view["blocks"], ensure_ascii=False)
    assert "Discussed: *subsidies*" in found and "*Subsidie* aangevraagd" in found
    assert "<@U0ANNA> met Jan de Vries (Gemeente Den Haag)" in found
    assert "huurverhoging" not in found


def test_the_search_box_answers_bram_in_dutch_with_his_private_notes(goodwill, slack, talks):
    home = open_home(goodwill, "U0BRAM")
    before = homes_published(slack, "U0BRAM")
    goodwill.block_action(
        "home_search",
        "huurverhoging",
        user_id="U0BRAM",
        block_id="home_search",
        action_type="plain_text_input",
        view={**home, "id": "V0BRAM"},
    )
    call = slack.wait_for("views.publish", before + 1, where=lambda c: c["user_id"] == "U0BRAM")[-1]
    found = json.dumps(view_of(call), ensure_ascii=False)
    assert "Besproken: *huurverhoging*" in found and "*huurverhoging*" in found


# --- the index itself, on both databases ---------------------------------------------------------------
def found(session, words: str, viewer: str = "U0ANNA") -> list[int]:
    return search_index.matching(session, TEAM_ID, search_query(words), viewer_id=viewer)


@pytest.fixture
def jan(db):
    with seeding(db.sessions) as session:
        return relation(session, "Jan de Vries", created_on=date(2026, 1, 1)).id


def log(session, relation_id: int, day: date, notes: str, *, logged_by: str = "U0ANNA", **what) -> int:
    return meeting(session, relation_id, day, by=logged_by, notes=notes, **what)


def test_matches_come_newest_first_by_day_whatever_order_they_were_logged_in(db, jan):
    with db.sessions() as session, session.begin():
        late = log(session, jan, date(2026, 11, 20), "subsidie besproken")
        early = log(session, jan, date(2026, 3, 2), "subsidies aangevraagd")
        middle = log(session, jan, date(2026, 6, 1), "de subsidie is toegekend")
    with db.sessions() as session:
        assert found(session, "subsidie") == [late, middle, early]
        assert found(session, "subsidie aanvraag") == [early]


def test_a_limited_search_is_the_newest_of_every_match_whichever_way_it_is_found(db, jan, monkeypatch):
    """With few documents per tier (PostgreSQL: the newest, then further or a window of days, then all; SQLite:
    the public matches and the viewer's private ones apart), the first n are always the newest n of every match."""
    monkeypatch.setattr(search_index, "WALKED", 6)
    monkeypatch.setattr(search_index, "WALK_MAX", 20)
    monkeypatch.setattr(search_index, "WIDER", 4)
    with db.sessions() as session, session.begin():
        meetings = {}
        for day in range(1, 29):  # 28 days; the subsidies on some, private ones among them
            notes = "subsidie besproken" if day % 3 == 0 else "koffie"
            private = day % 4 == 0
            author = "U0BRAM" if day % 8 == 0 else "U0ANNA"
            meetings[day] = log(session, jan, date(2026, 2, day), notes, private=private, logged_by=author)
    with db.sessions() as session:
        for viewer in ("U0ANNA", "U0BRAM"):
            every = [
                meetings[day]
                for day in sorted(meetings, reverse=True)
                if day % 3 == 0 and (day % 4 or (viewer == "U0BRAM") == (day % 8 == 0))
            ]
            assert found(session, "subsidie", viewer) == every
            for limit in (1, 2, 3, 4, 6, len(every), len(every) + 1):
                query = search_query("subsidie")
                limited = search_index.matching(session, TEAM_ID, query, viewer_id=viewer, limit=limit)
                assert limited == every[:limit]


def test_editing_and_undoing_a_meeting_keep_the_index_true(db, jan):
    with db.sessions() as session, session.begin():
        meeting = log(session, jan, date(2026, 11, 20), "over de huurverhoging")
    with db.sessions() as session, session.begin():
        update_meeting(
            session,
            team_id=TEAM_ID,
            user_id="U0ANNA",
            interaction_ids=[meeting],
            occurred_on=date(2026, 11, 21),
            colleagues=[],
            themes=["klimaat"],
            notes="over zonnepanelen",
            gave=None,
            got="een rapport over warmtepompen",
            kind=None,
            private=False,
        )
    with db.sessions() as session:
        assert found(session, "huurverhoging") == []
        assert found(session, "zonnepanelen") == found(session, "klimaat") == found(session, "warmtepomp") == [meeting]
    with db.sessions() as session, session.begin():
        update_meeting(
            session,
            team_id=TEAM_ID,
            user_id="U0ANNA",
            interaction_ids=[meeting],
            occurred_on=date(2026, 11, 21),
            colleagues=[],
            themes=[],
            notes="over zonnepanelen",
            gave=None,
            got=None,
            kind=None,
            private=True,
        )
    with db.sessions() as session:
        assert found(session, "zonnepanelen", viewer="U0BRAM") == []
        assert found(session, "zonnepanelen", viewer="U0ANNA") == [meeting]
    shown = meeting_stamp([meeting], [(jan, normalise_name("Jan de Vries"))])  # what its Undo button carries
    with db.sessions() as session, session.begin():
        undone = undo_meeting(
            session, team_id=TEAM_ID, user_id="U0ANNA", interaction_ids=[meeting], created_relation_ids=[], shown=shown
        )
    assert undone.names == ["Jan de Vries"]
    with db.sessions() as session:
        assert found(session, "zonnepanelen") == []
        assert session.scalar(select(SearchDocument).where(SearchDocument.interaction_id == meeting)) is None


def test_a_new_organisation_is_found_in_every_meeting_with_the_relation(db, jan):

    with db.sessions() as session, session.begin():
        first = log(session, jan, date(2026, 10, 1), "kennismaking")
    with db.sessions() as session, session.begin():
        recorded = record_meeting(
            session,
            team_id=TEAM_ID,
            logged_by="U0ANNA",
            people=[Person("Jan de Vries", "Woonbond")],
            occurred_on=date(2026, 11, 2),
            today=date(2026, 11, 26),
            notes="tweede gesprek",
        )
    with db.sessions() as session:
        assert found(session, "woonbond") == [recorded.interaction_ids[0], first]


def test_every_document_is_what_its_interaction_says_now(db, jan):
    """After recording, editing, undoing, attending a gathering and forgetting, the index holds exactly the
    documents a rebuild from the interactions would."""

    with db.sessions() as session, session.begin():
        piet = create_relation(
            session, team_id=TEAM_ID, name="Piet Bos", owner_id="U0BRAM", created_on=date(2026, 1, 1)
        )
        log(session, piet.id, date(2026, 11, 3), "Jan de Vries noemde de subsidie", themes=[])
        kept = log(session, piet.id, date(2026, 11, 4), "wachtlijsten", logged_by="U0BRAM", private=True)
        gone = log(session, jan, date(2026, 11, 5), "woningen")
        record_meeting(  # /met's way: the document from what is at hand, not read back
            session,
            team_id=TEAM_ID,
            logged_by="U0BRAM",
            people=[Person("Piet Bos", "Woonbond"), Person("Karin Mulder", "Gemeente Utrecht")],
            occurred_on=date(2026, 11, 6),
            today=date(2026, 11, 26),
            colleagues=["U0ANNA"],
            themes=["wonen", "Klimaat"],
            notes="Over de subsidie",
            got="een rapport",
            private=True,
        )
    with db.sessions() as session, session.begin():
        undo_meeting(
            session, team_id=TEAM_ID, user_id="U0ANNA", interaction_ids=[gone], created_relation_ids=[], shown=None
        )
        forget_relation(session, TEAM_ID, jan, actor="U0ANNA", at=datetime(2026, 11, 26, tzinfo=UTC))
    with db.sessions() as session:
        documents = {row.interaction_id: row for row in session.scalars(select(SearchDocument))}
        expected = {d["interaction_id"]: d for d in search_index._sources(session.connection(), ("1 = 1", "1 = 1"), {})}
        assert set(documents) == set(expected) == set(session.scalars(select(Interaction.id)))
        for interaction_id, document in documents.items():
            assert {c: getattr(document, c) for c in expected[interaction_id]} == expected[interaction_id]
        assert documents[kept].author == "U0BRAM" and "wachtlijst" in documents[kept].private_terms
        assert found(session, "vries") == []  # scrubbed from Piet's notes, and reindexed


def test_the_full_text_index_answers_not_a_scan(db, jan):
    with db.sessions() as session, session.begin():
        for day in range(1, 29):
            log(session, jan, date(2026, 2, day), f"overleg {day} over de begroting")
        log(session, jan, date(2026, 3, 1), "stikstof")
    with db.sessions() as session:
        query = search_query("stikstof")
        if db.backend == "sqlite":
            plan = session.execute(
                text("EXPLAIN QUERY PLAN " + search_index._SQLITE_SEARCH.text),
                {"expression": 'public_terms : "stikstof"', "team_id": TEAM_ID, "limit": 10},
            ).all()
            assert any("VIRTUAL TABLE INDEX" in row[-1] and "search_index" in row[-1] for row in plan)
        else:  # the expression searched is the one indexed (with no table scan allowed, it is the way in)
            session.execute(text("SET LOCAL enable_seqscan = off"))
            plan = session.execute(
                text(
                    f"EXPLAIN SELECT interaction_id FROM search_documents "
                    f"WHERE {search_index.DOCUMENT_VECTOR} @@ CAST(:query AS tsquery)"
                ),
                {"query": search_index._tsquery(query)},
            ).scalars()
            assert "ix_search_documents_terms" in "\n".join(plan)
        assert len(found(session, "stikstof")) == 1


def test_the_migration_indexes_the_meetings_recorded_before_it(db, jan):

    with db.sessions() as session, session.begin():
        private = log(session, jan, date(2026, 11, 2), "huurverhoging", private=True, logged_by="U0BRAM")
        public = log(session, jan, date(2026, 11, 3), "Subsidies voor woningen", themes=[])
    command.downgrade(alembic_config(db.engine), "0002")
    upgrade(db.engine)
    with db.sessions() as session:
        assert found(session, "subsidie woning") == [public]
        assert found(session, "huurverhoging", viewer="U0BRAM") == [private]
        assert found(session, "huurverhoging", viewer="U0ANNA") == []


def test_a_meeting_with_two_people_is_one_line_naming_both(goodwill, slack):
    goodwill.command("/met", "Jan de Vries; Karin Mulder (ABN AMRO) gisteren: rondetafel over stikstofvergunningen")
    answer = whoknows(goodwill, slack, "stikstofvergunning")
    assert answer.count("*25 Nov 2026*") == 1
    assert "<@U0ANNA> met Jan de Vries, Karin Mulder (ABN AMRO)" in answer


def test_many_colleagues_and_meetings_stay_within_one_message(goodwill, slack):
    """/whoknows #wonen with 40 colleagues who know someone there and 40 meetings: Slack's 50 blocks hold it."""
    with goodwill.db.sessions() as session, session.begin():
        ensure_workspace(session, TEAM_ID)
        for i in range(40):
            relation = create_relation(
                session, team_id=TEAM_ID, name=f"Persoon {i}", owner_id="U0ANNA", created_on=date(2026, 1, 1)
            )
            log(
                session,
                relation.id,
                date(2026, 11, 1 + i % 20),
                f"overleg {i} over wonen",
                themes=[],
                logged_by=f"U0M{i:04d}",
            )
            add_themes(session, TEAM_ID, relation.id, ["wonen"])
    message = reply(goodwill, "/whoknows", "#wonen")
    assert len(message["blocks"]) <= 50
    text = text_of(message)
    assert "Who knows someone at *#wonen*" in text and "Discussed: *#wonen*" in text
