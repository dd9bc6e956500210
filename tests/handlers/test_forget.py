"""Forgetting a person through /goodwill forget, as Slack sends it: the name leaves every other note, gathering and
message Goodwill can still edit — as whole words, in any capitalisation, with or without accents — and nothing
else is touched."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from bot.gatherings import send_invitation_requests
from storage.forget import erasure, forget_relation
from storage.gatherings import create_gathering
from storage.models import AuditEntry, Gathering, GatheringMessage, Goal, Interaction, NudgeDelivery, Relation
from tests.support.running import run_clock
from tests.support.seed import add_relation, chooses_language
from tests.support.shown import actions_of, reply, reply_to_click, text_of
from tests.support.slack_standin import TEAM_ID
from tests.support.stored import every_text

QUIET_SINCE = date(2026, 6, 1)  # regular relations (90 days) met then are quiet on 26 November 2026


def forget(goodwill, slack, name: str, *, user_id: str = "U0ANNA") -> tuple[dict, dict]:
    """/goodwill forget <name>, then the confirmation's button: (the confirmation, what was answered)."""
    confirm = reply(goodwill, "/goodwill", f"forget {name}", user_id=user_id)
    button = next(b for b in actions_of(confirm) if b["action_id"] == "forget_confirm")
    return confirm, reply_to_click(goodwill, "forget_confirm", button["value"], user_id=user_id)


def notes_of(goodwill, relation_id: int) -> list[str]:
    with goodwill.db.sessions() as session:
        return list(session.scalars(select(Interaction.notes).where(Interaction.relation_id == relation_id)))


def test_forgetting_jan_erases_the_word_jan_and_leaves_januari_jansen_and_jan_willem(goodwill, slack):
    sessions = goodwill.db.sessions
    add_relation(sessions, "Jan", last_met=date(2026, 11, 2), notes="Jan belde over de subsidie")
    piet = add_relation(
        sessions,
        "Piet Smit",
        owner="U0BRAM",
        last_met=date(2026, 11, 3),
        notes="In januari met Jansen en Jan-Willem; JAN zei: bel Ján terug.",
    )

    confirm, done = forget(goodwill, slack, "Jan")

    assert notes_of(goodwill, piet) == ["In januari met Jansen en Jan-Willem; […] zei: bel […] terug."]
    assert "the name in 1 other note and" in text_of(confirm)
    assert "removed from 1 other note" in text_of(done)


def test_the_confirmation_says_what_is_erased_and_what_is_not_in_the_members_language(goodwill, slack):
    add_relation(goodwill.db.sessions, "Jan de Vries", last_met=date(2026, 11, 2))
    english = text_of(reply(goodwill, "/goodwill", "forget Jan de Vries"))
    assert "*Erased:*" in english and "*Not erased:*" in english
    assert "the weekly digests and their copies" in english and "They are Slack's" in english
    assert "only the full name *Jan de Vries* is recognised" in english
    assert "are redrawn without this person" in english
    slack.add_user("U0CARLA", "Carla Smit")
    chooses_language(goodwill.db.sessions, "U0CARLA", "nl")
    add_relation(goodwill.db.sessions, "Karin Mulder", owner="U0CARLA", last_met=date(2026, 11, 2))
    dutch = text_of(reply(goodwill, "/goodwill", "vergeet Karin Mulder", user_id="U0CARLA"))
    assert "*Wordt gewist:*" in dutch and "*Wordt niet gewist:*" in dutch
    assert "Die zijn van Slack" in dutch


@pytest.fixture
def elodie_everywhere(goodwill, slack, clock):
    """Élodie Dubois (Anna's, quiet) is mentioned in Bram's notes about Piet, in a goal, and in a gathering
    both are invited to; Anna's nudge lists her, Bram's lists Piet with those notes, and both owners got the
    gathering's invitation list."""
    sessions = goodwill.db.sessions
    elodie = add_relation(sessions, "Élodie Dubois", last_met=QUIET_SINCE, notes="eerste kennismaking")
    piet = add_relation(
        sessions,
        "Piet Smit",
        owner="U0BRAM",
        last_met=QUIET_SINCE,
        notes="ELODIE DUBOIS en élodie\ndubois waren er; Dubois' collega ook",
    )
    with sessions() as session, session.begin():
        session.get(Relation, piet).notes = "kent Elodie Dubois goed"
        session.add(Goal(team_id=TEAM_ID, name="Samen met Élodie Dubois de wijk in"))
        event = create_gathering(
            session,
            team_id=TEAM_ID,
            created_by="U0BRAM",
            name="Ontbijt met Élodie Dubois",
            starts_at=clock.now + timedelta(days=14),
            timezone="Europe/Amsterdam",
            place="Bij Elodie Dubois thuis",
            goal_id=None,
            theme_ids=[],
            organisers=["U0BRAM"],
            relation_ids=[elodie, piet],
            now=clock.now,
        )
        event_id = event.id
    assert send_invitation_requests(goodwill.deps, TEAM_ID, event_id, organiser="U0BRAM") == 2
    run_clock(goodwill)  # the morning's nudges: Anna's lists Élodie, Bram's lists Piet and the notes
    with sessions() as session:
        sent = [(d.channel_id, d.message_ts) for d in session.scalars(select(NudgeDelivery))]
        sent += [(m.channel_id, m.message_ts) for m in session.scalars(select(GatheringMessage))]
    assert len(sent) == 4
    assert all("Dubois" in json.dumps(slack.messages[where], ensure_ascii=False) for where in sent)
    return elodie, piet, event_id, sent


def test_forgetting_an_accented_name_removes_every_spelling_from_notes_gatherings_and_goodwills_messages(
    goodwill, slack, elodie_everywhere
):
    elodie, piet, event_id, sent = elodie_everywhere
    published = len(slack.calls_to("views.publish"))

    confirm, done = forget(goodwill, slack, "Élodie Dubois")

    assert notes_of(goodwill, piet) == ["[…] en […] waren er; Dubois' collega ook"]  # "Dubois" alone stays
    with goodwill.db.sessions() as session:
        assert session.get(Relation, elodie) is None
        assert session.get(Relation, piet).notes == "kent […] goed"
        assert session.scalars(select(Goal.name)).all() == ["Samen met […] de wijk in"]
        gathering = session.get(Gathering, event_id)
        assert (gathering.name, gathering.place) == ("Ontbijt met […]", "Bij […] thuis")
        [entry] = session.scalars(select(AuditEntry).where(AuditEntry.action == "relation.forgotten"))
        assert entry.detail["mentions_erased"] == 3 and entry.detail["gatherings_erased"] == 1
    remaining = every_text(goodwill.db)
    assert "elodie" not in remaining and "élodie" not in remaining
    assert "the name in 3 other notes and in the name or place of 1 event" in text_of(confirm)
    assert "removed from 3 other notes and 1 event" in text_of(done)
    # After the answer: the four DMs are redrawn, then the Homes of Anna (owner) and Bram (organiser).
    updated = slack.wait_for("chat.update", 4)
    homes = slack.wait_for("views.publish", published + 2)[published:]
    assert sorted((c["channel"], c["ts"]) for c in updated) == sorted(sent)
    assert {c["user_id"] for c in homes} == {"U0ANNA", "U0BRAM"}
    # Goodwill's own DMs it kept channel and ts of — both nudges, both invitation lists — were redrawn.
    for where in sent:
        message = json.dumps(slack.messages[where], ensure_ascii=False)
        assert "Élodie" not in message and "ELODIE" not in message and "Elodie" not in message
    bram_nudge = next(slack.messages[where] for where in sent if "Piet Smit" in json.dumps(slack.messages[where]))
    assert "[…] en […] waren er" in json.dumps(bram_nudge, ensure_ascii=False)


def test_the_confirmation_counts_and_forgets_nothing(goodwill, slack, elodie_everywhere):
    elodie, piet, _, _ = elodie_everywhere
    confirm = reply(goodwill, "/goodwill", "forget Élodie Dubois")
    assert "1 logged meeting and 1 invitation (to events)" in text_of(confirm)
    assert notes_of(goodwill, piet) == ["ELODIE DUBOIS en élodie\ndubois waren er; Dubois' collega ook"]


@pytest.mark.parametrize(
    ("name", "note", "expected"),
    [
        # No ASCII text can hold this name: only texts with other characters are read.
        ("Søren Kierkegaard", "SØREN KIERKEGAARD en søren kierkegaard", "[…] en […]"),
        # An ASCII note is matched in SQL by its words; its case does not matter on either database.
        ("Élodie Dubois", "ELODIE DUBOIS belde", "[…] belde"),
        # LIKE's wildcards in a name are taken literally.
        ("Jan_100%", "Jan_100% en JanX100X", "[…] en JanX100X"),
        # Compatibility forms (full-width letters) are the letters they stand for.
        ("Jan", "ＪＡＮ belde", "[…] belde"),
    ],
)
def test_storage_finds_every_spelling_and_nothing_else(db, name, note, expected):

    forgotten = add_relation(db.sessions, name, last_met=date(2026, 11, 2))
    other = add_relation(db.sessions, "Piet Smit", last_met=date(2026, 11, 3), notes=note)
    untouched = add_relation(db.sessions, "Karin Mulder", last_met=date(2026, 11, 3), notes="over Jansen en Søren")
    with db.sessions() as session:
        assert erasure(session, TEAM_ID, forgotten, name).mentions == 1
    with db.sessions() as session, session.begin():
        done = forget_relation(session, TEAM_ID, forgotten, actor="U0ANNA", at=datetime(2026, 11, 26, tzinfo=UTC))
    assert done.mentions == 1 and other in done.relation_ids
    with db.sessions() as session:
        notes = dict(session.execute(select(Interaction.relation_id, Interaction.notes)).all())
    assert notes == {other: expected, untouched: "over Jansen en Søren"}
