"""Seeing the network, told as Slack would tell it: /relation, /whoknows, /network and /goodwill help
on a known network (tests/support/seed_network.py), answered after the acknowledgement through response_url."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from storage.models import Goal
from storage.network import WHO_KNOWS_TIES
from storage.workspaces import ensure_workspace
from tests.support.seed import build_known_network, meeting, relation, seeding
from tests.support.shown import actions_of, reply, text_of
from tests.support.slack_standin import TEAM_ID


@pytest.fixture
def network(goodwill, slack):
    return build_known_network(goodwill.db.sessions, slack)


# --- /relation ---------------------------------------------------------------------------------------
def test_relation_card_shows_everything_about_jan(goodwill, slack, network):
    card = reply(goodwill, "/relation", "jan  DE vries")

    assert card["response_type"] == "ephemeral"
    text = text_of(card)
    assert "*Jan de Vries* — Gemeente Den Haag" in text
    assert "Owner: <@U0ANNA>" in text and "key relation (every 30 days)" in text
    assert "`#wonen`" in text
    assert "▰▰▰▰▰▰▰▰▰▰ 97 · warm" in text  # 61.6 (meeting 21 days ago) + 35 (call one cadence ago)
    assert "Last contact: 3 weeks ago (Thursday 5 November 2026) by <@U0ANNA>" in text
    assert "Met by: <@U0ANNA> (3 weeks ago), <@U0CARLA> (3 weeks ago), <@U0BRAM> (4 weeks ago)" in text
    assert "koffie over huisvesting" in text
    assert "What we offered: introductie bij de wethouder" in text
    assert "What they offered: cijfers over wachtlijsten" in text
    assert "All 2 meetings" in text
    labels = [e.get("action_id") for e in actions_of(card)]
    assert labels == [
        "relation_log",
        "relation_owner",
        "relation_tier",
        "relation_theme",
        "relation_snooze",
        "relation_archive",
    ]


def test_private_notes_are_shown_only_to_their_author(goodwill, slack, network):
    anna_sees = text_of(reply(goodwill, "/relation", "Jan de Vries", user_id="U0ANNA"))
    assert "gaat verhuizen" not in anna_sees and "een tip" not in anna_sees
    assert "Private notes — only <@U0BRAM> can read them" in anna_sees

    bram_sees = text_of(reply(goodwill, "/relation", "Jan de Vries", user_id="U0BRAM"))
    assert "persoonlijk: gaat verhuizen naar Delft" in bram_sees
    assert "Wat zij aanboden: een tip" in bram_sees  # Bram chose Dutch
    assert "Privé: alleen jij ziet deze notities" in bram_sees
    assert "Eigenaar: <@U0ANNA>" in bram_sees and "sleutelrelatie (elke 30 dagen)" in bram_sees


def test_ambiguous_name_offers_both_and_a_pick_shows_the_card(goodwill, slack, network):
    choice = reply(goodwill, "/relation", "karin mulder")
    assert "Several relations are called *karin mulder*" in text_of(choice)
    buttons = actions_of(choice)
    assert [b["text"]["text"] for b in buttons] == [
        "Karin Mulder (Gemeente Den Haag)",
        "Karin Mulder (Rode Kruis)",
    ]

    rode_kruis = buttons[1]
    before = len(slack.calls_to("response_url"))
    goodwill.block_action(rode_kruis["action_id"], rode_kruis["value"], user_id="U0ANNA")
    card = slack.wait_for("response_url", before + 1)[before].params
    assert card["replace_original"] is True
    assert "*Karin Mulder* — Rode Kruis" in text_of(card)
    assert "Last contact: not met yet" in text_of(card)


def test_a_typo_gets_the_closest_names(goodwill, slack, network):
    choice = reply(goodwill, "/relation", "Jan de Vris")
    assert "I know no relation called *Jan de Vris*. Did you mean:" in text_of(choice)
    assert actions_of(choice)[0]["text"]["text"] == "Jan de Vries (Gemeente Den Haag)"


def test_an_unknown_name_with_nothing_close_says_how_to_add_it(goodwill, slack, network):
    answer = reply(goodwill, "/relation", "Zzyzx <!channel>")
    assert "Nothing comes close" in text_of(answer)
    assert "<!channel>" not in text_of(answer)


def test_another_workspace_sees_nothing(goodwill, slack, network):
    answer = reply(goodwill, "/relation", "Jan de Vries", team_id="T0OTHER")
    assert "I know no relation called *Jan de Vries*" in text_of(answer)
    assert "Gemeente Den Haag" not in text_of(answer) and "huisvesting" not in text_of(answer)
    other = reply(goodwill, "/whoknows", "Gemeente Den Haag", team_id="T0OTHER")
    assert "U0ANNA" not in text_of(other) and "U0BRAM" not in text_of(other)


# --- /whoknows ---------------------------------------------------------------------------------------
def test_whoknows_an_organisation_ranks_colleagues_by_warmth(goodwill, slack, network):
    answer = reply(goodwill, "/whoknows", "gemeente den haag")
    text = text_of(answer)
    assert "Who knows someone at *gemeente den haag*" in text
    assert "organisation Gemeente Den Haag — 2 relations" in text
    sections = [b["text"]["text"] for b in answer["blocks"] if b["type"] == "section"][1:]
    # Bram met Karin 6 days ago (95) and phoned Jan a month ago (35); Anna and Carla met Jan 3 weeks ago (62).
    assert sections[0].startswith("<@U0BRAM> — warm 95\nKarin Mulder, 6 days ago")
    assert "Jan de Vries, 4 weeks ago" in sections[0]
    assert sections[1].startswith("<@U0ANNA> — warm 62\nJan de Vries, 3 weeks ago")
    assert sections[2].startswith("<@U0CARLA> — warm 62")


def test_whoknows_a_theme_and_a_person(goodwill, slack, network):
    theme = text_of(reply(goodwill, "/whoknows", "#wonen"))
    assert "theme `#wonen` — 2 relations" in theme
    assert "Piet de Vries (Woonbond), 2 months ago" in theme  # 28 August: not yet three calendar months

    person = text_of(reply(goodwill, "/whoknows", "Piet de Vries", user_id="U0BRAM"))
    assert "persoon Piet de Vries — 1 relatie." in person
    assert "<@U0BRAM> — afkoelend 50" in person


def test_whoknows_about_a_much_met_organisation_reads_the_latest_relations_and_says_so(goodwill, slack):
    """Seven relations at one organisation, each met once with 100 colleagues: the ties of the six met last
    reach the budget (600), so the seventh, met longest ago, is left out and the answer says how many were read."""

    colleagues = [f"U0C{i:04d}" for i in range(99)]
    with seeding(goodwill.db.sessions) as session:
        for day in range(7):
            made = relation(session, f"Contact {day}", organisation="Woonbond", created_on=date(2026, 1, 1))
            logger = "U0OLDEST" if day == 6 else "U0ANNA"
            meeting(session, made, date(2026, 11, 20) - timedelta(days=day), by=logger, colleagues=colleagues)
    assert 6 * 100 >= WHO_KNOWS_TIES > 5 * 100
    text = text_of(reply(goodwill, "/whoknows", "Woonbond"))
    assert "organisation Woonbond — 7 relations. Counting the 6 relations there that were met most recently." in text
    assert "Contact 5" in text and "Contact 6" not in text and "U0OLDEST" not in text
    assert "and 70 more" in text  # Anna and 99 colleagues, 30 shown


def test_whoknows_something_unknown_suggests_close_names_and_a_pick_answers(goodwill, slack, network):
    answer = reply(goodwill, "/whoknows", "Gemeente Den Haga")
    assert "Nobody in the network matches *Gemeente Den Haga*" in text_of(answer)
    [first, *_] = actions_of(answer)
    assert first["value"] == "Gemeente Den Haag"
    before = len(slack.calls_to("response_url"))
    goodwill.block_action(first["action_id"], first["value"])
    picked = slack.wait_for("response_url", before + 1)[before].params
    assert "<@U0BRAM> — warm 95" in text_of(picked)


def test_whoknows_without_words_explains_itself(goodwill, slack, network):
    assert "`/whoknows Gemeente Den Haag`" in text_of(reply(goodwill, "/whoknows", ""))


# --- /network ----------------------------------------------------------------------------------------
def test_network_lists_themes_with_relations_owners_and_quiet(goodwill, slack, network):
    text = text_of(reply(goodwill, "/network", ""))
    assert "`#wonen` — 2 relations, 2 owners, 0 quiet" in text
    # Karin at the Red Cross is wider and never met since January: quiet; neither Karin is a key relation.
    assert "`#zorg` — 2 relations, 2 owners, 1 quiet · no key relation" in text


def test_network_theme_shows_relations_owners_warmth_and_missing_key_relation(goodwill, slack, network):
    zorg = text_of(reply(goodwill, "/network", "#zorg"))
    assert "`#zorg` — 2 relations, owners:" in zorg
    assert "This theme has no key relation" in zorg
    assert "*Karin Mulder* (Gemeente Den Haag) — <@U0BRAM> · regular relation · 6 days ago" in zorg
    assert "*Karin Mulder* (Rode Kruis) — <@U0ANNA> · wider circle · _quiet_" in zorg

    wonen = text_of(reply(goodwill, "/network", "wonen", user_id="U0BRAM"))
    assert "Sleutelrelaties: 1" in wonen
    assert wonen.index("Jan de Vries") < wonen.index("Piet de Vries")  # key relations first

    unknown = text_of(reply(goodwill, "/network", "nope"))
    assert "There is no theme *nope*" in unknown


# --- /goodwill help ----------------------------------------------------------------------------------
EXAMPLES = {
    "en": (
        "/met Jan de Vries (Gemeente Den Haag) yesterday",
        "*Log as meeting*",
        "/relation Jan de Vries",
        "/whoknows Gemeente Den Haag",
        "/network housing",
        "`/event`",
        "/event list",
        "/goodwill digest #network monday 09:00",
        "/goodwill nudges 08:30",
        "/goodwill lead @anna",
        "/goodwill strategy",
        "/goodwill forget Jan de Vries",
        "/goodwill help",
    ),
    "nl": (
        "/met Jan de Vries (Gemeente Den Haag) gisteren",
        "*Log as meeting*",
        "/relation Jan de Vries",
        "/whoknows Gemeente Den Haag",
        "/network wonen",
        "`/event`",
        "/event lijst",
        "/goodwill weekoverzicht #netwerk maandag 09:00",
        "/goodwill herinneringen 08:30",
        "/goodwill teamleider @anna",
        "/goodwill strategie",
        "/goodwill vergeet Jan de Vries",
        "/goodwill hulp",
    ),
}


TOPICS = {
    "en": ("met", "nudges", "relations", "events", "digest", "settings", "strategy", "words"),
    "nl": (
        "vastleggen",
        "herinneringen",
        "relaties",
        "bijeenkomsten",
        "weekoverzicht",
        "instellingen",
        "strategie",
        "begrippen",
    ),
}


@pytest.mark.parametrize(
    ("text", "user_id", "language"),
    [("help", "U0ANNA", "en"), ("", "U0ANNA", "en"), ("hulp", "U0BRAM", "nl")],
)
def test_help_is_short_and_names_its_topics_in_the_readers_language(goodwill, slack, text, user_id, language):
    answer = reply(goodwill, "/goodwill", text, user_id=user_id)
    assert answer["response_type"] == "ephemeral" and answer["text"]
    assert len(answer["blocks"]) <= 6  # a glance, not a manual
    everything = text_of(answer)
    assert EXAMPLES[language][0] in everything  # the one command everyone needs
    assert all(f"`{topic}`" in everything for topic in TOPICS[language][1:])


@pytest.mark.parametrize(("word", "user_id", "language"), [("help", "U0ANNA", "en"), ("hulp", "U0BRAM", "nl")])
def test_every_command_is_explained_with_an_example_under_a_topic(goodwill, slack, word, user_id, language):
    sections = []
    for topic in TOPICS[language]:
        answer = reply(goodwill, "/goodwill", f"{word} {topic}", user_id=user_id)
        sections += [b["text"]["text"] for b in answer["blocks"] if b["type"] == "section"]
    for example in EXAMPLES[language][:-1]:
        explained = [s for s in sections if example in s]  # each in a section of its own …
        assert explained and all("\n" in s for s in explained)  # … with what it does under the example


def test_help_explains_the_words_where_members_look_them_up(goodwill, slack):
    words = text_of(reply(goodwill, "/goodwill", "hulp begrippen", user_id="U0BRAM"))
    assert "*Sleutelrelatie*: elke 30 dagen — de paar mensen van wie onze doelen afhangen" in words
    assert "*Bredere kring*: elke 180 dagen" in words and "Warmte loopt van 0 tot 100" in words
    # The message shortcut is named as Slack shows it: in English, in the Dutch help too.
    assert "⋮ → *Log as meeting*" in text_of(reply(goodwill, "/goodwill", "hulp vastleggen", user_id="U0BRAM"))
    unknown = text_of(reply(goodwill, "/goodwill", "help cheese"))
    assert "I have no help about `cheese`" in unknown


def test_help_speaks_dutch_and_shows_the_strategy_when_set(goodwill, slack):

    with goodwill.db.sessions() as session, session.begin():
        ensure_workspace(session, TEAM_ID).purpose = "Betaalbaar wonen voor iedereen"
        session.add_all(
            [
                Goal(team_id=TEAM_ID, name="Meer sociale huur", position=1),
                Goal(team_id=TEAM_ID, name="Minder <!here> wachtlijsten", position=2),
            ]
        )
    answer = text_of(reply(goodwill, "/goodwill", "hulp strategie", user_id="U0BRAM"))
    assert "Onze netwerkstrategie" in answer and "/goodwill strategie" in answer
    assert "Betaalbaar wonen voor iedereen" in answer
    assert answer.index("Meer sociale huur") < answer.index("Minder")
    assert "<!here>" not in answer
