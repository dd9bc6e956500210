"""Which language Goodwill speaks, as Slack would show it.

Slack has no Dutch interface and tells an app a user's locale only when asked (include_locale=true), so a
Dutch colleague's Slack reports English: the language is Goodwill's to ask (`/goodwill taal nl`) and keep.
"""

from __future__ import annotations

import json
from datetime import date

from slack_sdk import WebClient
from sqlalchemy import select

from bot.digests import run_weekly_digest
from storage.models import Member, Workspace
from tests.support.running import BOT_TOKEN, run_clock
from tests.support.seed import CHANNEL, MONDAY_0900_AMSTERDAM, add_relation, chooses_language, known_history
from tests.support.shown import blocks_of, lines_of, nudges_to, open_home, replies, text_of
from tests.support.slack_standin import TEAM_ID

OFFER_DUTCH = ":flag-nl: Liever Nederlands? Typ `/goodwill taal nl`."


def test_slack_tells_a_users_locale_only_when_asked(slack):
    client = WebClient(token=BOT_TOKEN, base_url=slack.api_url)

    assert "locale" not in client.users_info(user="U0BRAM")["user"]
    assert client.users_info(user="U0BRAM", include_locale=True)["user"]["locale"] == "en-GB"
    assert all("locale" not in user for user in client.users_list()["members"])
    assert {user["locale"] for user in client.users_list(include_locale=True)["members"]} == {"en-GB"}


def test_a_dutch_colleague_chooses_dutch_and_reads_dutch_everywhere(goodwill, slack, clock):
    slack.add_user("U0CARLA", "Carla Smit", locale="en-US")  # what Slack says of a Dutch colleague

    # Her first contact: the workspace's language (English), and one line offering Dutch, in Dutch.
    first = goodwill.command("/met", "Jan de Vries gisteren: koffie over huisvesting", user_id="U0CARLA").json()
    assert first["text"].startswith("Logged: you met Jan de Vries")
    assert first["blocks"][-1]["elements"][0]["text"] == OFFER_DUTCH
    second = goodwill.command("/met", "Piet Smit gisteren", user_id="U0CARLA").json()
    assert OFFER_DUTCH not in text_of(second)  # offered once

    english_home = open_home(goodwill, "U0CARLA")
    goodwill.command("/goodwill", "taal nl", user_id="U0CARLA")
    [answer] = replies(slack, 1)
    assert answer["text"].startswith("Goodwill spreekt voortaan Nederlands met je")
    home = open_home(goodwill, "U0CARLA")  # drawn fresh when she opens it
    assert "Your network" in json.dumps(english_home) and "Jouw netwerk" in json.dumps(home)
    with goodwill.db.sessions() as session:
        assert session.get(Member, (TEAM_ID, "U0CARLA")).language == "nl"

    # Replies, forms, nudges and the Home tab: Dutch from now on.
    reply = goodwill.command("/met", "Karin Mulder vorige week dinsdag: lunch", user_id="U0CARLA").json()
    assert reply["text"].startswith("Vastgelegd: je sprak Karin Mulder")
    goodwill.command("/met", "", user_id="U0CARLA")
    [form] = slack.wait_for("views.open")
    assert form["view"]["title"]["text"] == "Gesprek vastleggen"

    add_relation(goodwill.db.sessions, "Fatima El Amrani", owner="U0CARLA", last_met=date(2026, 1, 5))
    run_clock(goodwill)
    [nudge] = nudges_to(slack, "U0CARLA")
    assert "Hoi Carla" in text_of(nudge) and "Fatima El Amrani" in text_of(nudge)

    assert "Jouw netwerk" in json.dumps(open_home(goodwill, "U0CARLA"), ensure_ascii=False)


def test_back_to_the_workspace_language_and_words_goodwill_does_not_know(goodwill, slack):
    answers = []
    for words in ("taal", "taal klingon", "taal standaard"):
        goodwill.command("/goodwill", words, user_id="U0BRAM")
        answers.append(replies(slack, len(answers) + 1)[-1]["text"])
    current, unknown, back = answers
    assert current.startswith("Goodwill spreekt Nederlands met je: je eigen keuze.")
    assert unknown == "De taal `klingon` ken ik niet. Goodwill spreekt Engels (`en`) en Nederlands (`nl`)."
    assert back == "Goodwill follows the workspace's language for you again: English."
    with goodwill.db.sessions() as session:
        assert session.get(Member, (TEAM_ID, "U0BRAM")).language is None


def test_admins_and_leads_set_the_workspace_language_and_others_are_told_who_can(goodwill, slack, db, clock):
    slack.add_user("U0ADA", "Ada Admin", is_admin=True)
    known_history(db.sessions, slack, digest_channel=CHANNEL)
    with db.sessions() as session, session.begin():
        session.get(Member, (TEAM_ID, "U0CEES")).is_lead = True
    chooses_language(db.sessions, "U0CEES", "en")  # a lead who reads English

    goodwill.command("/goodwill", "language workspace nl", user_id="U0ANNA")
    [refused] = replies(slack, 1)
    assert refused["text"].startswith(
        "Only workspace admins and team leads can set the workspace's language: ask <@U0ADA> or <@U0CEES>."
    )
    assert "U0ADA" not in refused["text"].replace("<@U0ADA>", "")  # a mention, never the bare id

    goodwill.command("/goodwill", "language workspace nl", user_id="U0ADA")
    assert replies(slack, 2)[-1]["text"].startswith("De taal van de workspace is nu Nederlands.")
    with db.sessions() as session:
        assert session.get(Workspace, TEAM_ID).default_locale == "nl"

    # Anna chose nothing: she reads the workspace's language now, in every answer.
    goodwill.command("/goodwill", "help", user_id="U0ANNA")
    assert "Goodwill houdt ons netwerk" in replies(slack, 3)[-1]["text"]
    met = goodwill.command("/met", "Jan de Vries gisteren: koffie", user_id="U0ANNA").json()
    assert met["text"].startswith("Vastgelegd: je sprak Jan de Vries")

    # The channel reads the workspace's language; the lead's copy is in the language he chose.
    clock.set(MONDAY_0900_AMSTERDAM)
    [outcome] = run_weekly_digest(goodwill.deps, clock())
    assert outcome.status == "sent"
    posts = slack.calls_to("chat.postMessage")
    [channel] = [p for p in posts if p["channel"] == CHANNEL]
    [lead_copy] = [p for p in posts if p["channel"] != CHANNEL]
    assert "Weekoverzicht" in lines_of(blocks_of(channel))
    assert "Weekly digest" in lines_of(blocks_of(lead_copy))
    with db.sessions() as session:
        assert session.scalars(select(Member.language).where(Member.user_id == "U0ANNA")).one() is None
