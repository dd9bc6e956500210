"""Recording who met whom: /met lines, the form, the shortcut, Undo and Edit — as Slack would send them."""

from __future__ import annotations

import json
import threading
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import event, func, select

from bot.deps import shared_date_reader
from storage.export import export_network
from storage.gatherings import create_gathering
from storage.models import Interaction, Relation
from storage.relations import name_candidates, theme_refs, themes_named
from storage.workspaces import ensure_workspace
from tests.support import seed
from tests.support.derived_truth import assert_kept_values_true
from tests.support.shown import acknowledged, view_of
from tests.support.slack_requests import meeting_form_values
from tests.support.slack_standin import TEAM_ID

# The clock says Thursday 26 November 2026, 10:00 in Amsterdam, where Anna and Bram live.


def network(goodwill) -> dict:
    with goodwill.db.sessions() as session:
        return export_network(session, TEAM_ID)


def relation(goodwill, name: str) -> dict:
    [found] = [r for r in network(goodwill)["relations"] if r["name"] == name]
    return found


def interactions_with(goodwill, name: str) -> list[dict]:
    data = network(goodwill)
    ids = {r["id"] for r in data["relations"] if r["name"] == name}
    return [i for i in data["interactions"] if i["relation"] in ids]


def count(goodwill, model) -> int:
    with goodwill.db.sessions() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_anna_logs_a_coffee_with_jan_yesterday(goodwill):
    response = goodwill.command(
        "/met", "Jan de Vries (Gemeente Den Haag) yesterday: coffee about refugee housing #housing"
    )

    jan = relation(goodwill, "Jan de Vries")
    assert jan["organisation"] == "Gemeente Den Haag"
    assert jan["owner"] == "U0ANNA" and jan["themes"] == ["housing"]
    [meeting] = interactions_with(goodwill, "Jan de Vries")
    assert meeting["occurred_on"] == "2026-11-25"
    assert meeting["notes"] == "coffee about refugee housing"
    assert meeting["themes"] == ["housing"]
    text = acknowledged(response)
    for expected in (
        "Jan de Vries",
        "Gemeente Den Haag",
        "Wednesday 25 November 2026",
        "#housing",
        "coffee about refugee housing",
        "Undo",
        "Edit",
    ):
        assert expected in text
    assert response.json()["response_type"] == "ephemeral"


@pytest.mark.parametrize(
    ("line", "name", "day", "notes", "themes"),
    [
        (
            "Fatima El Amrani gisteren — lunch, vroeg naar haar nieuwe rol #onderwijs",
            "Fatima El Amrani",
            "2026-11-25",
            "lunch, vroeg naar haar nieuwe rol",
            ["onderwijs"],
        ),
        (
            "Pieter Bakker 12 maart: belde over subsidie",
            "Pieter Bakker",
            "2026-03-12",
            "belde over subsidie",
            [],
        ),
        ("Sanne Visser 2026-11-20", "Sanne Visser", "2026-11-20", "", []),
        ("Ruud Smit 5 dagen geleden #lobby", "Ruud Smit", "2026-11-21", "", ["lobby"]),
        ("Ruud Smit vorige week dinsdag", "Ruud Smit", "2026-11-17", "", []),
    ],
)
def test_dutch_and_english_lines_are_read_exactly(goodwill, line, name, day, notes, themes):
    response = goodwill.command("/met", line, user_id="U0BRAM")

    [meeting] = interactions_with(goodwill, name)
    assert (meeting["occurred_on"], meeting["notes"], meeting["themes"]) == (day, notes, themes)
    assert meeting["logged_by"] == "U0BRAM"
    assert name in acknowledged(response)
    assert "Vastgelegd" in acknowledged(response)  # Bram's Slack speaks Dutch


def test_a_colleague_mentioned_was_there_too(goodwill):
    response = goodwill.command("/met", "<@U0BRAM> and I met Karin Mulder last Tuesday")

    [meeting] = interactions_with(goodwill, "Karin Mulder")
    assert meeting["colleagues"] == ["U0BRAM"] and meeting["occurred_on"] == "2026-11-24"
    assert "<@U0BRAM>" in acknowledged(response)
    assert [r["name"] for r in network(goodwill)["relations"]] == ["Karin Mulder"]


def test_several_people_from_one_meeting_each_get_the_interaction(goodwill):
    goodwill.command("/met", "Jan de Vries; Karin Mulder (ABN AMRO) gisteren: rondetafel over wonen #wonen")

    for name in ("Jan de Vries", "Karin Mulder"):
        [meeting] = interactions_with(goodwill, name)
        assert meeting["occurred_on"] == "2026-11-25" and meeting["notes"] == "rondetafel over wonen"
    assert relation(goodwill, "Karin Mulder")["organisation"] == "ABN AMRO"


def test_relative_dates_are_in_the_users_own_time_zone(goodwill, slack, clock):
    slack.add_user("U0CARL", "Carl Lee", tz="America/Los_Angeles")
    clock.set(datetime(2026, 11, 26, 5, 0, tzinfo=UTC))  # still Wednesday evening in Los Angeles

    goodwill.command("/met", "Jan de Vries gisteren", user_id="U0CARL")

    [meeting] = interactions_with(goodwill, "Jan de Vries")
    assert meeting["occurred_on"] == "2026-11-24"


def test_today_is_the_default_date(goodwill):
    goodwill.command("/met", "Jan de Vries: quick call")
    assert interactions_with(goodwill, "Jan de Vries")[0]["occurred_on"] == "2026-11-26"


def test_the_same_name_in_other_case_is_the_same_relation(goodwill):
    goodwill.command("/met", "Jan de Vries (Gemeente Den Haag) yesterday")
    goodwill.command("/met", "jan DE vries: lunch")

    assert count(goodwill, Relation) == 1
    assert len(interactions_with(goodwill, "Jan de Vries")) == 2
    assert relation(goodwill, "Jan de Vries")["last_contact"] == "2026-11-26"


def test_a_typo_asks_before_storing_and_the_answer_is_stored_on_the_right_relation(goodwill, slack):
    goodwill.command("/met", "Jan de Vries (Gemeente Den Haag) yesterday")

    asked = goodwill.command("/met", "Jan de Vreis: lunch over wonen")

    assert count(goodwill, Interaction) == 1  # nothing stored until Anna chooses
    assert "Which *Jan de Vreis* did you mean?" in acknowledged(asked)
    [actions] = [b for b in asked.json()["blocks"] if b["type"] == "actions"]
    [existing, someone_new] = actions["elements"]
    assert existing["text"]["text"] == "Jan de Vries — Gemeente Den Haag"

    goodwill.block_action(
        existing["action_id"],
        existing["value"],
        container={"type": "message", "message_ts": "1", "channel_id": "C0GENERAL", "is_ephemeral": True},
    )

    [reply] = slack.wait_for("response_url")
    assert reply["replace_original"] is True and "Jan de Vries" in reply["text"]
    assert count(goodwill, Relation) == 1
    assert [i["notes"] for i in interactions_with(goodwill, "Jan de Vries")] == ["", "lunch over wonen"]


def test_choosing_someone_new_creates_the_relation(goodwill, slack):
    goodwill.command("/met", "Jan de Vries yesterday")
    asked = goodwill.command("/met", "Jan de Vreis")
    someone_new = [b for b in asked.json()["blocks"] if b["type"] == "actions"][0]["elements"][-1]

    goodwill.block_action(someone_new["action_id"], someone_new["value"])

    slack.wait_for("response_url")
    assert sorted(r["name"] for r in network(goodwill)["relations"]) == ["Jan de Vreis", "Jan de Vries"]


def test_a_name_sharing_only_a_first_name_is_someone_new_without_asking(goodwill):
    goodwill.command("/met", "Jan de Vries yesterday")
    goodwill.command("/met", "Jan de Vreis")  # one typo away: asked, nothing stored

    response = goodwill.command("/met", "Jan Kowalczyk: eerste kennismaking")

    assert "Logged: you met *Jan Kowalczyk*" in acknowledged(response)
    assert sorted(r["name"] for r in network(goodwill)["relations"]) == ["Jan Kowalczyk", "Jan de Vries"]
    assert [i["notes"] for i in interactions_with(goodwill, "Jan Kowalczyk")] == ["eerste kennismaking"]


def test_recording_compares_a_name_only_with_relations_that_have_each_of_its_words(db):
    """Give or take a typo per word: a word no relation has makes the name someone new."""

    with seed.seeding(db.sessions) as session:
        seed.relation(session, "Jan de Vries", created_on=date(2026, 1, 5))

        def names(typed: str, **options) -> list[str]:
            return [c.name for c in name_candidates(session, TEAM_ID, typed, **options)]

        assert names("Jan de Vreis", close_only=True) == ["Jan de Vries"]
        assert names("Jan Kowalczyk", close_only=True) == []
        assert names("Jan Kowalczyk") == ["Jan de Vries"]  # /relation's suggestions still look wider


def test_the_rarest_word_is_the_one_fewest_relations_have_however_many_variants_it_indexes(db):
    """'Sopie Dijkhoutstra': 25 Sophies, 3 Dijkhoutstras. The long surname has many more index rows per
    relation (its variants) than 'sopie' has per Sophie, yet it is the rarer word: a typo of the one Sophie
    Dijkhoutstra is found among the Dijkhoutstras, not missed among the first 20 Sophies."""

    with seed.seeding(db.sessions) as session:
        people = [f"Sophie Mulder{i:02d}" for i in range(25)] + ["Anna Dijkhoutstra", "Noah Dijkhoutstra"]
        for name in [*people, "Sophie Dijkhoutstra"]:
            seed.relation(session, name, created_on=date(2026, 1, 5))

        found = name_candidates(session, TEAM_ID, "Sopie Dijkhoutstra", limit=20, close_only=True)

        assert sorted(c.name for c in found) == ["Anna Dijkhoutstra", "Noah Dijkhoutstra", "Sophie Dijkhoutstra"]


@pytest.mark.parametrize("line", ["Jan de Vries morgen: lunch", "Jan de Vries 3000-01-01", "Jan de Vries 2027-01-05"])
def test_a_date_in_the_future_is_refused_and_nothing_stored(goodwill, line):
    response = goodwill.command("/met", line)

    assert "still to come" in acknowledged(response)
    assert count(goodwill, Interaction) == 0 and count(goodwill, Relation) == 0


def test_a_future_date_said_back_in_dutch_opens_its_sentence_with_a_capital(goodwill):
    response = goodwill.command("/met", "Jan de Vries morgen: lunch", user_id="U0BRAM")  # Bram reads Dutch

    assert response.json()["text"].startswith("Vrijdag 27 november 2026 moet nog komen, dus er is niets opgeslagen")


def test_an_unreadable_date_is_said_back_and_the_form_opens(goodwill, slack):
    response = goodwill.command("/met", "Jan de Vries vorige blauwe maandag: koffie")

    assert "“vorige blauwe maandag”" in acknowledged(response)
    assert count(goodwill, Interaction) == 0
    [opened] = slack.wait_for("views.open")
    view = opened["view"]
    assert view["callback_id"] == "meeting"
    blocks = {b.get("block_id"): b for b in view["blocks"]}
    assert blocks["notes"]["element"]["initial_value"] == "koffie"
    # The name without the words that were not a date, as someone new; no date picked for the member.
    assert blocks["relation"]["element"]["initial_option"]["value"] == "new:Jan de Vries"
    assert "initial_date" not in blocks["date"]["element"]


def test_met_without_text_opens_the_form_with_today(goodwill, slack):
    response = goodwill.command("/met", "")

    assert response.status == 200 and response.body == b""
    [opened] = slack.wait_for("views.open")
    date_block = [b for b in opened["view"]["blocks"] if b.get("block_id") == "date"][0]
    assert date_block["element"]["initial_date"] == "2026-11-26"


def test_a_20000_character_line_gets_a_clear_answer(goodwill):
    response = goodwill.command("/met", "Jan de Vries: " + "x" * 20_000)

    assert "20014 characters" in acknowledged(response)
    assert count(goodwill, Interaction) == 0


def test_markup_in_notes_is_stored_as_typed_and_never_pings_or_links_when_echoed(goodwill):
    # Slack sends "@channel" as <!channel> and a pasted link as <https://…|…>.
    response = goodwill.command("/met", "Jan de Vries: zie <!channel> en <https://evil.example|klik hier> &amp; meer")

    [meeting] = interactions_with(goodwill, "Jan de Vries")
    assert meeting["notes"] == "zie <!channel> en <https://evil.example|klik hier> & meer"
    echoed = acknowledged(response)
    assert "<!channel>" not in echoed and "<https://evil.example" not in echoed
    assert "&lt;!channel&gt;" in echoed


def test_emoji_quotes_and_sql_looking_text_are_stored_exactly(goodwill):
    goodwill.command("/met", 'Zoë 🌷 O\'Brien: said "hi"; DROP TABLE relations; --')

    [meeting] = interactions_with(goodwill, "Zoë 🌷 O'Brien")
    assert meeting["notes"] == 'said "hi"; DROP TABLE relations; --'


def test_an_unknown_user_id_is_answered_and_nothing_stored(goodwill):
    response = goodwill.command("/met", "<@U0NOBODY> and I met Karin Mulder")

    assert "I can't find <@U0NOBODY> in this workspace" in acknowledged(response)  # a mention, not a bare id
    assert count(goodwill, Interaction) == 0


def test_tier_from_the_line_sets_the_cadence(goodwill):
    goodwill.command("/met", "Jan de Vries !key yesterday")

    jan = relation(goodwill, "Jan de Vries")
    assert jan["tier"] == "key" and jan["cadence_days"] == 30


def _button(response, action_id: str) -> dict:
    for block in response.json()["blocks"]:
        for element in block.get("elements", []):
            if element.get("action_id") == action_id:
                return element
    raise AssertionError(f"no {action_id} button")


def test_undo_removes_the_interaction_and_the_relation_it_created(goodwill, slack):
    response = goodwill.command("/met", "Jan de Vries yesterday: koffie")
    undo = _button(response, "met_undo")

    goodwill.block_action("met_undo", undo["value"])

    [reply] = slack.wait_for("response_url")
    assert reply["replace_original"] is True and "Undone" in reply["text"]
    assert count(goodwill, Interaction) == 0 and count(goodwill, Relation) == 0


def test_undo_keeps_a_relation_that_existed_before(goodwill, slack):
    goodwill.command("/met", "Jan de Vries 2026-11-01")
    undo = _button(goodwill.command("/met", "Jan de Vries yesterday"), "met_undo")

    goodwill.block_action("met_undo", undo["value"])

    slack.wait_for("response_url")
    assert count(goodwill, Relation) == 1
    assert relation(goodwill, "Jan de Vries")["last_contact"] == "2026-11-01"


def test_a_stale_undo_never_removes_a_meeting_logged_since(goodwill, slack):
    """Anna logs a coffee with Jan and undoes it; then she logs a lunch with Piet, someone new. Pressing the first
    Undo again removes nothing — not Piet's lunch, whatever ids it got — and says the meeting is gone."""
    undo_jan = _button(goodwill.command("/met", "Jan de Vries yesterday: koffie"), "met_undo")["value"]
    goodwill.block_action("met_undo", undo_jan)
    slack.wait_for("response_url")
    goodwill.command("/met", "Piet Bakker yesterday: lunch")

    goodwill.block_action("met_undo", undo_jan)

    reply = slack.wait_for("response_url", 2)[1]
    assert "no longer exists" in reply["text"]
    assert [m["notes"] for m in interactions_with(goodwill, "Piet Bakker")] == ["lunch"]


def _jan(goodwill) -> int:
    with goodwill.db.sessions() as session:
        return session.scalars(select(Relation.id).where(Relation.name == "Jan de Vries")).one()


def _taken_over(goodwill, slack):
    goodwill.block_action(
        "relation_owner", block_id=f"relation_card:{_jan(goodwill)}", action_type="users_select", selected_user="U0BRAM"
    )
    slack.wait_for("response_url")


def _met_by_a_colleague(goodwill, slack):
    goodwill.command("/met", "Jan de Vries vandaag: lunch", user_id="U0BRAM")


def _invited(goodwill, slack):

    with goodwill.db.sessions() as session, session.begin():
        create_gathering(
            session,
            team_id=TEAM_ID,
            created_by="U0BRAM",
            name="Netwerkborrel",
            starts_at=datetime(2026, 12, 10, 16, tzinfo=UTC),
            timezone="Europe/Amsterdam",
            place="",
            goal_id=None,
            theme_ids=[],
            organisers=["U0BRAM"],
            relation_ids=[_jan(goodwill)],
            now=datetime(2026, 11, 26, 9, tzinfo=UTC),
        )


def _themed(goodwill, slack):
    goodwill.block_action("relation_theme", str(_jan(goodwill)))
    [opened] = slack.wait_for("views.open")
    view = view_of(opened)
    goodwill.view_submission(view, {"themes": {"themes": {"value": "#klimaat"}}})
    slack.wait_for("response_url")  # the card, redrawn


def _retiered(goodwill, slack):
    goodwill.block_action("relation_tier", str(_jan(goodwill)))
    [opened] = slack.wait_for("views.open")
    view = view_of(opened)
    goodwill.view_submission(
        view, {"tier": {"tier": {"selected_option": {"value": "key"}}}, "cadence": {"cadence": {"value": "45"}}}
    )
    slack.wait_for("response_url")  # the card, redrawn


@pytest.mark.parametrize("since", [_taken_over, _met_by_a_colleague, _invited, _themed, _retiered])
def test_undo_keeps_a_new_relation_that_someone_did_something_with_since(goodwill, slack, since):
    """Anna logs Jan, someone new; then Jan is handed to Bram, or Bram meets him, or he is invited, or given a
    theme or a tier on the card. Anna's Undo removes her meeting, and Jan stays: he is no longer hers alone."""
    undo = _button(goodwill.command("/met", "Jan de Vries gisteren: koffie #wonen"), "met_undo")
    since(goodwill, slack)

    before = len(slack.calls_to("response_url"))
    goodwill.block_action("met_undo", undo["value"])

    reply = slack.wait_for("response_url", before + 1)[before].params
    assert "Undone" in reply["text"] and "no longer in the network" not in reply["text"]
    assert count(goodwill, Relation) == 1
    assert "koffie" not in [m["notes"] for m in interactions_with(goodwill, "Jan de Vries")]


def test_undo_removes_a_new_relation_that_only_its_own_meeting_touched(goodwill, slack):
    """The meeting's own themes are its own: Jan, created by it with #wonen and touched by no one since, goes."""
    undo = _button(goodwill.command("/met", "Jan de Vries gisteren: koffie #wonen"), "met_undo")

    goodwill.block_action("met_undo", undo["value"])

    [reply] = slack.wait_for("response_url")
    assert "Jan de Vries is no longer in the network" in reply["text"]
    assert count(goodwill, Relation) == 0 and count(goodwill, Interaction) == 0


def test_only_the_one_who_logged_it_can_undo(goodwill, slack):
    undo = _button(goodwill.command("/met", "Jan de Vries yesterday"), "met_undo")

    goodwill.block_action("met_undo", undo["value"], user_id="U0BRAM")

    [reply] = slack.wait_for("response_url")
    assert "Alleen de collega" in reply["text"]
    assert count(goodwill, Interaction) == 1


def test_edit_opens_the_form_prefilled_and_saving_changes_the_meeting(goodwill, slack):
    response = goodwill.command("/met", "Jan de Vries (Gemeente Den Haag) yesterday: koffie #wonen")
    goodwill.block_action("met_edit", _button(response, "met_edit")["value"])

    [opened] = slack.wait_for("views.open")
    view = opened["view"]
    blocks = {b.get("block_id"): b for b in view["blocks"]}
    assert blocks["relation"]["element"]["initial_option"]["text"]["text"] == "Jan de Vries — Gemeente Den Haag"
    assert blocks["notes"]["element"]["initial_value"] == "koffie"
    assert blocks["date"]["element"]["initial_date"] == "2026-11-25"
    assert [o["value"] for o in blocks["themes"]["element"]["initial_options"]] == ["wonen"]

    values = meeting_form_values(
        relation_id=relation(goodwill, "Jan de Vries")["id"],
        day="2026-11-24",
        notes="koffie en taart",
        gave="advies",
        themes=["wonen", "new:zorg"],
    )
    saved = goodwill.view_submission(view, values)

    assert saved.status == 200 and saved.body in (b"", b"{}")
    [meeting] = interactions_with(goodwill, "Jan de Vries")
    assert (meeting["occurred_on"], meeting["notes"], meeting["gave"]) == (
        "2026-11-24",
        "koffie en taart",
        "advies",
    )
    assert meeting["themes"] == ["wonen", "zorg"]
    [confirmation] = slack.wait_for("chat.postEphemeral")
    assert confirmation["channel"] == "C0GENERAL" and "koffie en taart" in json.dumps(confirmation["blocks"])


def open_form(goodwill, slack) -> dict:
    goodwill.command("/met", "")
    return slack.wait_for("views.open")[0]["view"]


def test_the_form_records_a_new_relation_with_give_and_take(goodwill, slack):
    view = open_form(goodwill, slack)

    response = goodwill.view_submission(
        view,
        meeting_form_values(
            new_name="Fatima El Amrani",
            organisation="Gemeente Utrecht",
            day="2026-11-23",
            notes="lunch",
            gave="een introductie bij de wethouder",
            got="cijfers over wachtlijsten",
            colleagues=["U0BRAM"],
            themes=["new:onderwijs"],
            private=True,
            tier="key",
            kind="meeting",
        ),
    )

    assert response.status == 200
    fatima = relation(goodwill, "Fatima El Amrani")
    assert (fatima["organisation"], fatima["tier"], fatima["cadence_days"]) == ("Gemeente Utrecht", "key", 30)
    [meeting] = interactions_with(goodwill, "Fatima El Amrani")
    assert meeting["gave"] == "een introductie bij de wethouder" and meeting["got"] == "cijfers over wachtlijsten"
    assert meeting["private"] is True and meeting["colleagues"] == ["U0BRAM"] and meeting["kind"] == "meeting"
    slack.wait_for("chat.postEphemeral")


def test_the_form_shows_errors_on_the_fields_and_loses_nothing(goodwill, slack):
    view = open_form(goodwill, slack)

    no_one = goodwill.view_submission(view, meeting_form_values(day="2026-11-30", notes="lunch"))

    answer = no_one.json()
    assert answer["response_action"] == "errors"
    assert set(answer["errors"]) == {"relation", "date"}
    assert "still to come" in answer["errors"]["date"]
    assert count(goodwill, Interaction) == 0


def test_a_new_name_close_to_an_existing_relation_must_be_picked_or_told_apart(goodwill, slack):
    goodwill.command("/met", "Jan de Vries (Gemeente Den Haag) yesterday")
    view = open_form(goodwill, slack)

    refused = goodwill.view_submission(view, meeting_form_values(new_name="Jan de Vreis"))
    assert refused.json()["errors"].keys() == {"relation"}

    accepted = goodwill.view_submission(view, meeting_form_values(new_name="Jan de Vreis", organisation="Woonbond"))
    assert accepted.status == 200 and accepted.body in (b"", b"{}")
    assert count(goodwill, Relation) == 2


def test_the_relation_picker_finds_people_as_you_type(goodwill):
    goodwill.command("/met", "Jan de Vries (Gemeente Den Haag) yesterday")
    goodwill.command("/met", "Karin Mulder yesterday")

    by_surname = goodwill.block_suggestion("relation_select", "Mul").json()
    by_first_name = goodwill.block_suggestion("relation_select", "jan").json()

    # What was typed is offered as someone new too, unless it is exactly a relation's name.
    assert [o["text"]["text"] for o in by_surname["options"]] == ["Karin Mulder", "Someone new: Mul"]
    assert [o["value"] for o in by_surname["options"]] == [str(relation(goodwill, "Karin Mulder")["id"]), "new:Mul"]
    assert [o["text"]["text"] for o in by_first_name["options"]] == [
        "Jan de Vries — Gemeente Den Haag",
        "Someone new: jan",
    ]
    exact = goodwill.block_suggestion("relation_select", "karin mulder").json()
    assert [o["text"]["text"] for o in exact["options"]] == ["Karin Mulder"]


def test_the_theme_picker_offers_existing_themes_and_a_new_one(goodwill):
    goodwill.command("/met", "Jan de Vries yesterday #wonen #werk")

    options = goodwill.block_suggestion("themes_select", "wo").json()["options"]

    assert [o["value"] for o in options] == ["wonen", "new:wo"]


def test_log_as_meeting_prefills_the_form_from_the_message(goodwill, slack):
    message = {
        "type": "message",
        "user": "U0BRAM",
        "ts": str(datetime(2026, 11, 24, 14, 0, tzinfo=UTC).timestamp()),
        "text": "Verslag: <@U0BRAM> en ik spraken Jan over huisvesting &amp; zorg",
    }

    goodwill.message_action("log_as_meeting", message)

    [opened] = slack.wait_for("views.open")
    blocks = {b.get("block_id"): b for b in opened["view"]["blocks"]}
    assert blocks["notes"]["element"]["initial_value"] == "Verslag: <@U0BRAM> en ik spraken Jan over huisvesting & zorg"
    assert blocks["date"]["element"]["initial_date"] == "2026-11-24"
    assert blocks["colleagues"]["element"]["initial_users"] == ["U0BRAM"]


def test_themes_are_read_or_created_once_per_workspace_in_the_order_typed(db):

    with db.sessions() as session, session.begin():
        ensure_workspace(session, TEAM_ID)
        ensure_workspace(session, "T0OTHER")
        [wonen] = themes_named(session, TEAM_ID, ["wonen"])

        first = theme_refs(session, TEAM_ID, ["Zorg", "wonen", "zorg", ""])
        again = theme_refs(session, TEAM_ID, ["wonen", "zorg"])
        elsewhere = theme_refs(session, "T0OTHER", ["zorg"])

        assert [t.name for t in first] == ["zorg", "wonen"] and first[1].id == wonen.id
        assert again == first[::-1]
        assert elsewhere[0].id not in {t.id for t in first}
        assert [t.name for t in themes_named(session, TEAM_ID, ["zorg"])] == ["zorg"]


def test_a_tier_on_the_line_for_someone_known_keeps_what_is_kept_from_the_history_true(goodwill):
    """`/met Jan de Vries !key` on an existing relation: its earlier meetings now count as a key relation's, and
    its warmth and every colleague's tie with it decay with the key cadence — not only from some later write on."""

    goodwill.command("/met", "Jan de Vries 2026-09-01")
    goodwill.command("/met", "Jan de Vries 2026-10-01", user_id="U0BRAM")
    goodwill.command("/met", "Jan de Vries !key yesterday")

    with goodwill.db.sessions() as session:
        jan = session.scalars(select(Relation)).one()
        assert jan.tier == "key" and jan.cadence_days == 30
        assert_kept_values_true(session)


def blocks_of(view: dict) -> dict[str, dict]:
    return {b.get("block_id"): b for b in view["blocks"]}


# --- #17: help, lines that are not a meeting, and the form after a problem ---------------------------------


@pytest.mark.parametrize(("line", "user", "expected"), [
    ("help", "U0ANNA", "Log a meeting in one line"),
    ("?", "U0ANNA", "Log a meeting in one line"),
    ("hulp", "U0BRAM", "Een gesprek vastleggen in één regel"),
    ("Help?", "U0BRAM", "Een gesprek vastleggen in één regel"),
])  # fmt: skip
def test_met_help_answers_with_the_recording_help_and_creates_nothing(goodwill, line, user, expected):
    response = goodwill.command("/met", line, user_id=user)

    assert response.json()["response_type"] == "ephemeral"
    assert expected in acknowledged(response) and "`/met Jan de Vries (Gemeente Den Haag)" in acknowledged(response)
    assert count(goodwill, Relation) == 0 and count(goodwill, Interaction) == 0


@pytest.mark.parametrize(("line", "user", "example"), [
    ("hoe leg ik een gesprek vast?", "U0BRAM", "`/met Jan de Vries gisteren: koffie over huisvesting`"),
    ("what does this command do", "U0ANNA", "`/met Jan de Vries yesterday: coffee about housing`"),
])  # fmt: skip
def test_a_question_is_said_back_with_an_example_and_the_form(goodwill, slack, line, user, example):
    response = goodwill.command("/met", line, user_id=user)

    assert f"“{line}”" in acknowledged(response) and example in acknowledged(response)
    [opened] = slack.wait_for("views.open")
    assert opened["view"]["callback_id"] == "meeting"
    assert count(goodwill, Relation) == 0 and count(goodwill, Interaction) == 0


def test_an_unreadable_date_keeps_the_existing_relation_and_leaves_the_day_to_the_member(goodwill, slack):
    goodwill.command("/met", "Jan de Vries (Gemeente Den Haag) 2026-11-01")
    jan = relation(goodwill, "Jan de Vries")

    response = goodwill.command("/met", "Jan de Vries vorige blauwe maandag: koffie #wonen", user_id="U0BRAM")

    assert "Ik kon “vorige blauwe maandag” niet als datum lezen" in acknowledged(response)
    [opened] = slack.wait_for("views.open")
    blocks = blocks_of(opened["view"])
    picked = blocks["relation"]["element"]["initial_option"]
    assert picked["value"] == str(jan["id"]) and picked["text"]["text"] == "Jan de Vries — Gemeente Den Haag"
    assert "initial_date" not in blocks["date"]["element"] and blocks["date"]["optional"] is False
    assert blocks["notes"]["element"]["initial_value"] == "koffie"
    assert [o["value"] for o in blocks["themes"]["element"]["initial_options"]] == ["wonen"]
    assert count(goodwill, Relation) == 1 and count(goodwill, Interaction) == 1

    saved = goodwill.view_submission(
        opened["view"], meeting_form_values(relation_id=jan["id"], day="2026-11-16", notes="koffie"), user_id="U0BRAM"
    )

    assert saved.status == 200 and saved.body in (b"", b"{}")
    assert count(goodwill, Relation) == 1
    assert [i["occurred_on"] for i in interactions_with(goodwill, "Jan de Vries")] == ["2026-11-01", "2026-11-16"]


def test_a_date_without_a_name_keeps_the_date_in_the_form(goodwill, slack):
    response = goodwill.command("/met", "gisteren", user_id="U0BRAM")

    assert "Ik vond geen naam in “gisteren”" in acknowledged(
        response
    ) and "`/met Jan de Vries gisteren" in acknowledged(response)
    [opened] = slack.wait_for("views.open")
    blocks = blocks_of(opened["view"])
    assert blocks["date"]["element"]["initial_date"] == "2026-11-25"
    assert "initial_option" not in blocks["relation"]["element"]
    assert count(goodwill, Relation) == 0


def test_two_dates_in_one_line_get_their_own_explanation_and_no_day_is_picked(goodwill, slack):
    response = goodwill.command("/met", "Jan de Vries gisteren; Karin Mulder vandaag: rondetafel")

    text = acknowledged(response)
    assert "two dates, “gisteren” and “vandaag”" in text
    assert "log *Karin Mulder* with a `/met` of their own" in text  # the form holds one person
    [opened] = slack.wait_for("views.open")
    blocks = blocks_of(opened["view"])
    assert blocks["relation"]["element"]["initial_option"]["value"] == "new:Jan de Vries"
    assert "initial_date" not in blocks["date"]["element"]
    assert blocks["notes"]["element"]["initial_value"] == "rondetafel"
    assert count(goodwill, Relation) == 0 and count(goodwill, Interaction) == 0


def test_the_form_asks_who_first_and_keeps_rarely_needed_fields_after_the_essentials(goodwill, slack):
    goodwill.command("/met", "", user_id="U0BRAM")
    view = slack.wait_for("views.open")[0]["view"]

    ids = [b.get("block_id") for b in view["blocks"]]
    blocks = blocks_of(view)
    assert blocks["relation"]["optional"] is False and blocks["relation"]["label"]["text"] == "Wie sprak je?"
    assert "new_name" not in ids  # someone new is chosen in the same field
    inputs = [b for b in view["blocks"] if b["type"] == "input"]
    assert all(b["label"]["text"].strip() for b in inputs)  # no blank labels
    essentials = [ids.index(i) for i in ("relation", "organisation", "date", "colleagues", "themes", "notes")]
    rare = [ids.index(i) for i in ("kind", "tier", "private", "gave", "got")]
    assert max(essentials) < min(rare)
    kinds = [o["text"]["text"] for o in blocks["kind"]["element"]["options"]]
    assert kinds == ["Ontmoeting", "Telefoon of video", "Bericht"]


def test_someone_new_picked_in_the_form_becomes_a_relation(goodwill, slack):
    view = open_form(goodwill, slack)
    [new] = goodwill.block_suggestion("relation_select", "Fatima El Amrani").json()["options"]
    assert new["text"]["text"] == "Someone new: Fatima El Amrani"

    response = goodwill.view_submission(view, meeting_form_values(new_name="Fatima El Amrani", day="2026-11-25"))

    assert response.status == 200 and response.body in (b"", b"{}")
    assert relation(goodwill, "Fatima El Amrani")["owner"] == "U0ANNA"


def test_the_form_from_the_card_and_from_home_starts_on_the_members_own_today(goodwill, slack, clock):
    slack.add_user("U0CARL", "Carl Lee", tz="America/Los_Angeles")
    goodwill.command("/met", "Jan de Vries 2026-11-01", user_id="U0CARL")
    clock.set(datetime(2026, 11, 26, 5, 0, tzinfo=UTC))  # Wednesday evening in Los Angeles

    goodwill.block_action("relation_log", str(relation(goodwill, "Jan de Vries")["id"]), user_id="U0CARL")
    goodwill.block_action("home_log_meeting", "new", user_id="U0CARL", view={"id": "V0HOME", "type": "home"})

    opened = slack.wait_for("views.open", 2)
    assert [blocks_of(o["view"])["date"]["element"]["initial_date"] for o in opened] == ["2026-11-25"] * 2


# --- #14: length limits and invisible characters, on every surface ----------------------------------------


def test_a_name_or_organisation_longer_than_its_column_is_refused_clearly_in_the_line(goodwill):
    too_long_name = goodwill.command("/met", "Jan de " + "Vries" * 40 + " gisteren: koffie")
    too_long_organisation = goodwill.command("/met", f"Jan de Vries ({'Gemeente ' * 30}): koffie", user_id="U0BRAM")

    assert "A name can be up to 200 characters long" in acknowledged(too_long_name)
    assert "De naam van een organisatie is hoogstens 200 tekens lang" in acknowledged(too_long_organisation)
    assert too_long_name.json()["response_type"] == too_long_organisation.json()["response_type"] == "ephemeral"
    assert count(goodwill, Relation) == 0 and count(goodwill, Interaction) == 0


def test_a_name_or_organisation_longer_than_its_column_is_a_field_error_in_the_form(goodwill, slack):
    view = open_form(goodwill, slack)

    # Slack's own form keeps to max_length; a crafted submission does not. "ß" is stored as "ss" in the
    # matching key: 101 of them fit the name's column but not the key's.
    for name, organisation in (("x" * 201, "y" * 201), ("ß" * 101, "Woonbond")):
        answer = goodwill.view_submission(view, meeting_form_values(new_name=name, organisation=organisation)).json()
        assert answer["response_action"] == "errors"
        assert answer["errors"]["relation"] == "A name can be up to 200 characters long."
        assert ("organisation" in answer["errors"]) == (len(organisation) > 200)
    assert "200 characters" in answer["errors"]["relation"]
    assert count(goodwill, Relation) == 0 and count(goodwill, Interaction) == 0


def test_invisible_format_characters_never_reach_the_network(goodwill, slack):
    goodwill.command("/met", "Jan\u200b de Vries\u202e (Gemeente\u2066 Den Haag) gisteren: koffie\u200f #wo\u200bnen")
    view = open_form(goodwill, slack)
    goodwill.view_submission(
        view,
        meeting_form_values(
            new_name="Fatima\u202e El\ufeff Amrani",
            organisation="Woon\u200bbond",
            notes="lunch\u2067 over \u202awonen",
            themes=["new:on\u200bderwijs"],
        ),
    )

    jan, fatima = relation(goodwill, "Jan de Vries"), relation(goodwill, "Fatima El Amrani")
    assert (jan["organisation"], jan["themes"]) == ("Gemeente Den Haag", ["wonen"])
    assert interactions_with(goodwill, "Jan de Vries")[0]["notes"] == "koffie"
    assert (fatima["organisation"], fatima["themes"]) == ("Woonbond", ["onderwijs"])
    assert interactions_with(goodwill, "Fatima El Amrani")[0]["notes"] == "lunch over wonen"


# --- #14: nothing slow while the database is held ---------------------------------------------------------


@pytest.fixture
def connections_held(goodwill, monkeypatch) -> Iterator[list[tuple[str, int]]]:
    """(what, connections the thread holds) whenever a line is parsed or users.info is asked: a connection
    held then is a transaction kept open while something slow happens."""

    engine, client, held = goodwill.deps.engine, goodwill.deps.client_for(TEAM_ID), []
    by_thread: Counter[int] = Counter()

    def checkout(*_):
        by_thread[threading.get_ident()] += 1

    def checkin(*_):
        by_thread[threading.get_ident()] -= 1

    reader, users_info = shared_date_reader(("en", "nl")), client.users_info

    class Watching:
        def read(self, phrase, **options):
            held.append(("parse", by_thread[threading.get_ident()]))
            return reader.read(phrase, **options)

    def watched_users_info(**params):
        held.append((f"users.info {params.get('user')}", by_thread[threading.get_ident()]))
        return users_info(**params)

    event.listen(engine, "checkout", checkout)
    event.listen(engine, "checkin", checkin)
    monkeypatch.setattr("bot.deps.shared_date_reader", lambda languages: Watching())
    monkeypatch.setattr(client, "users_info", watched_users_info)
    yield held
    event.remove(engine, "checkout", checkout)
    event.remove(engine, "checkin", checkin)


def test_met_holds_no_connection_while_parsing_or_asking_slack(goodwill, slack, connections_held):
    slack.add_user("U0CARL", "Carl Lee")  # not cached yet: users.info is asked, for him and for Bram

    response = goodwill.command("/met", "<@U0BRAM> en ik spraken Jan de Vries gisteren: koffie", user_id="U0CARL")

    assert "Logged" in acknowledged(response)
    assert {what for what, _ in connections_held} == {"parse", "users.info U0CARL", "users.info U0BRAM"}
    assert connections_held == [(what, 0) for what, _ in connections_held]


def test_the_form_and_the_shortcut_hold_no_connection_while_asking_slack(goodwill, slack, connections_held):
    view = open_form(goodwill, slack)
    slack.add_user("U0CARL", "Carl Lee")
    slack.add_user("U0DIRK", "Dirk Smit")

    goodwill.view_submission(view, meeting_form_values(new_name="Fatima El Amrani"), user_id="U0CARL")
    message = {"type": "message", "user": "U0BRAM", "ts": "1764000000.000100", "text": "koffie met Fatima"}
    goodwill.message_action("log_as_meeting", message, user_id="U0DIRK")

    slack.wait_for("views.open", 2)
    first_asked = {}
    for what, held in connections_held:
        first_asked.setdefault(what, held)
    assert first_asked["users.info U0CARL"] == first_asked["users.info U0DIRK"] == 0
    assert relation(goodwill, "Fatima El Amrani")["owner"] == "U0CARL"


def test_the_line_that_took_a_minute_is_answered_and_stores_nothing(goodwill):
    response = goodwill.command("/met", "Jan " + "1 " * 1400 + ": x")

    assert "couldn't read" in acknowledged(response)
    assert count(goodwill, Relation) == 0 and count(goodwill, Interaction) == 0


# --- #14.8: signed but malformed values get a polite answer, never a 500 -----------------------------------


@pytest.mark.parametrize(
    ("action_id", "value"),
    [
        ("met_pick_0", "[1, 2]"),
        ("met_pick_0", '{"t": "Jan de Vreis", "c": {"0": "x", "y": 1}, "d": "gisteren"}'),
        ("met_pick_new", '{"t": ["Jan"], "c": [], "d": 20261125}'),
        ("met_undo", '{"i": "all", "c": {"x": 1}}'),
        ("met_undo", "not json"),
        ("met_edit", '{"i": ["99999999999999999999999"]}'),
    ],
)
def test_crafted_button_values_are_answered_and_change_nothing_they_should_not(goodwill, slack, action_id, value):
    goodwill.command("/met", "Jan de Vries yesterday")

    response = goodwill.block_action(action_id, value)

    assert response.status == 200
    [reply] = slack.wait_for("response_url")
    assert reply["text"]  # a polite answer where the button was
    assert count(goodwill, Relation) == 1 and count(goodwill, Interaction) == 1


def test_a_crafted_form_submission_is_answered_on_its_fields(goodwill, slack):
    view = open_form(goodwill, slack)
    view = {**view, "private_metadata": "not json"}
    values = meeting_form_values(
        relation_id="9" * 30, day="gisteren", kind="x" * 100, tier="superkey", colleagues=["x" * 100]
    )

    response = goodwill.view_submission(view, values)

    assert response.status == 200
    assert response.json()["errors"].keys() == {"relation", "date"}
    assert count(goodwill, Interaction) == 0


# --- what is drawn again afterwards (bot.redraw) ----------------------------------------------------------
def test_a_met_from_a_channel_draws_no_home_and_a_meeting_logged_from_home_redraws_that_home(goodwill, slack):
    """A Home tab is drawn when its member opens it; after a change, only the Home the change was made from."""
    assert goodwill.command("/met", "Jan de Vries gisteren: koffie", user_id="U0ANNA").status == 200
    goodwill.settle()
    assert slack.calls_to("views.publish") == []

    home = {"id": "V0HOME", "type": "home", "blocks": []}
    assert goodwill.block_action("home_log_meeting", "new", user_id="U0ANNA", view=home).status == 200
    [opened] = slack.wait_for("views.open")
    view = json.loads(opened["view"]) if isinstance(opened["view"], str) else opened["view"]
    saved = goodwill.view_submission(
        view, meeting_form_values(new_name="Karin Mulder", notes="lunch"), user_id="U0ANNA"
    )

    assert saved.status == 200 and not saved.body
    [published] = slack.wait_for("views.publish", where=lambda call: call["user_id"] == "U0ANNA")
    assert "Karin Mulder" in json.dumps(published["view"])
    goodwill.settle()
    assert [call["user_id"] for call in slack.calls_to("views.publish")] == ["U0ANNA"]
