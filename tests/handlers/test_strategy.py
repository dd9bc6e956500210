"""The network strategy as admins, leads and members meet it: /goodwill strategy, its modal, its places."""

from __future__ import annotations

import json
from datetime import date, timedelta

from sqlalchemy import select

from bot.digests import run_weekly_digest
from bot.recording import Person, record_meeting
from storage.models import Goal, Member, Theme, Workspace
from storage.strategy import get_strategy
from tests.support.seed import chooses_language
from tests.support.shown import open_home, posted_digest_section
from tests.support.slack_standin import TEAM_ID

TODAY = date(2026, 11, 26)


def themes_in_use(goodwill, *names: str) -> None:
    with goodwill.db.sessions() as session, session.begin():
        record_meeting(
            session,
            team_id=TEAM_ID,
            logged_by="U0ANNA",
            people=[Person("Jan de Vries")],
            occurred_on=TODAY,
            today=TODAY,
            themes=names,
        )


def open_strategy_modal(goodwill, slack, user_id: str) -> dict:
    goodwill.command("/goodwill", "strategy", user_id=user_id)
    [opened] = slack.wait_for("views.open")
    view = opened["view"]
    return json.loads(view) if isinstance(view, str) else view


def goal_values(index: int, name: str, picked=(), typed: str = "") -> dict:
    return {
        f"goal_{index}_name": {"value": {"type": "plain_text_input", "value": name}},
        f"goal_{index}_picked": {
            "value": {
                "type": "multi_static_select",
                "selected_options": [{"text": {"type": "plain_text", "text": f"#{t}"}, "value": t} for t in picked],
            }
        },
        f"goal_{index}_typed": {"value": {"type": "plain_text_input", "value": typed or None}},
    }


def strategy_values(purpose: str, *goals: dict) -> dict:
    values = {"purpose": {"purpose": {"type": "plain_text_input", "value": purpose}}}
    for goal in goals:
        values.update(goal)
    return values


def test_an_admin_writes_down_purpose_goals_and_themes(goodwill, slack):
    slack.add_user("U0ADMIN", "Ada Admin", locale="en-GB", is_admin=True)
    themes_in_use(goodwill, "wonen", "energie", "zorg")

    view = open_strategy_modal(goodwill, slack, "U0ADMIN")

    assert view["callback_id"] == "goodwill_strategy"
    shown = json.dumps(view)
    assert "#wonen" in shown and "#energie" in shown and "#zorg" in shown  # themes already in use are offered
    values = strategy_values(
        "Everyone in the region has a good home <!channel>.",
        goal_values(0, "Affordable housing", picked=["wonen"], typed="#huur, Bouw"),
        goal_values(1, "Energy transition", picked=["energie"]),
    )
    response = goodwill.view_submission(view, values, user_id="U0ADMIN")

    assert response.status == 200
    answer = response.json()
    assert answer["response_action"] == "update"
    assert "Strategy saved: 2 goals, 4 themes." in json.dumps(answer["view"])
    with goodwill.db.sessions() as session:
        strategy = get_strategy(session, TEAM_ID)
        assert session.get(Workspace, TEAM_ID).purpose == "Everyone in the region has a good home <!channel>."
        unclaimed = session.scalars(select(Theme.name).where(Theme.goal_id.is_(None))).all()
    assert [(g.name, g.themes) for g in strategy.goals] == [
        ("Affordable housing", ("bouw", "huur", "wonen")),
        ("Energy transition", ("energie",)),
    ]
    assert unclaimed == ["zorg"]

    # Members see it, escaped, on their Home tab (after their own to-do and meetings) and in
    # `/goodwill help strategy`: the same blocks in both places.
    home = open_home(goodwill, "U0BRAM")
    goodwill.command("/goodwill", "hulp strategie", user_id="U0BRAM")
    [help_reply] = slack.wait_for("response_url")
    for shown in (json.dumps(home["blocks"][-3:-1]), json.dumps(help_reply["blocks"][1:3])):
        assert "Waarom we ons netwerk onderhouden" in shown
        assert "Affordable housing" in shown and "`#huur`" in shown
        assert "<!channel>" not in shown and "&lt;!channel&gt;" in shown
    assert home["blocks"][-3:-1] == help_reply["blocks"][1:3]


def test_reopening_the_modal_shows_the_strategy_and_a_goal_keeps_its_id(goodwill, slack):
    slack.add_user("U0ADMIN", "Ada Admin", locale="en-GB", is_admin=True)
    themes_in_use(goodwill, "wonen", "energie")
    view = open_strategy_modal(goodwill, slack, "U0ADMIN")
    goodwill.view_submission(
        view,
        strategy_values(
            "Homes.",
            goal_values(0, "Housing", picked=["wonen"]),
            goal_values(1, "Energy", picked=["energie"]),
        ),
        user_id="U0ADMIN",
    )
    with goodwill.db.sessions() as session:
        housing_id = session.scalars(select(Goal.id).where(Goal.name == "Housing")).one()
    slack.calls.clear()

    view = open_strategy_modal(goodwill, slack, "U0ADMIN")
    by_block = {block.get("block_id"): block for block in view["blocks"]}
    assert by_block["purpose"]["element"]["initial_value"] == "Homes."
    assert by_block["goal_0_name"]["element"]["initial_value"] == "Housing"
    assert [o["value"] for o in by_block["goal_0_picked"]["element"]["initial_options"]] == ["wonen"]

    # Energy is dropped, Housing moves to second place behind a new goal.
    goodwill.view_submission(
        view,
        strategy_values(
            "Homes.",
            goal_values(0, "Care", typed="zorg"),
            goal_values(1, "housing", picked=["wonen", "energie"]),
        ),
        user_id="U0ADMIN",
    )
    with goodwill.db.sessions() as session:
        strategy = get_strategy(session, TEAM_ID)
    assert [(g.name, g.themes) for g in strategy.goals] == [
        ("Care", ("zorg",)),
        ("housing", ("energie", "wonen")),
    ]
    assert strategy.goals[1].goal_id == housing_id


def test_a_theme_under_two_goals_is_refused_on_the_field(goodwill, slack):
    slack.add_user("U0ADMIN", "Ada Admin", is_admin=True)
    chooses_language(goodwill.db.sessions, "U0ADMIN", "nl")
    themes_in_use(goodwill, "wonen")
    view = open_strategy_modal(goodwill, slack, "U0ADMIN")

    response = goodwill.view_submission(
        view,
        strategy_values(
            "",
            goal_values(0, "Wonen", picked=["wonen"]),
            goal_values(1, "Bouwen", typed="#Wonen"),
            goal_values(2, "", picked=["wonen"]),
            goal_values(3, "Zorg", typed="zorg & welzijn"),
        ),
        user_id="U0ADMIN",
    )

    answer = response.json()
    assert answer["response_action"] == "errors"
    assert "hoort al bij “Wonen”" in answer["errors"]["goal_1_typed"]
    assert "Geef dit doel een naam" in answer["errors"]["goal_2_name"]
    assert "“&amp;” is geen thema" in answer["errors"]["goal_3_typed"]
    with goodwill.db.sessions() as session:
        assert session.scalars(select(Goal)).all() == []  # nothing half-saved


def test_a_lead_may_set_the_strategy(goodwill, slack, clock):
    with goodwill.db.sessions() as session, session.begin():
        session.get(Member, (TEAM_ID, "U0BRAM")).is_lead = True  # Bram (who reads Dutch) is a lead

    view = open_strategy_modal(goodwill, slack, "U0BRAM")
    assert view["title"]["text"] == "Netwerkstrategie"


def test_a_member_who_is_not_admin_or_lead_is_told_politely_in_their_language(goodwill, slack):
    goodwill.command("/goodwill", "strategie", user_id="U0BRAM")

    [reply] = slack.wait_for("response_url")
    assert reply["response_type"] == "ephemeral"
    assert "beheerders en teamleiders" in reply["text"]
    assert slack.calls_to("views.open") == []


def test_the_digest_groups_themes_by_goal_and_calls_out_a_goal_without_key_relation_or_meeting(goodwill, slack, clock):
    slack.add_user("U0ADMIN", "Ada Admin", locale="en-GB", is_admin=True)
    with goodwill.db.sessions() as session, session.begin():
        record_meeting(
            session,
            team_id=TEAM_ID,
            logged_by="U0ANNA",
            people=[Person("Jan de Vries")],
            occurred_on=TODAY - timedelta(days=10),
            today=TODAY,
            themes=["wonen"],
            tier="key",
        )
        record_meeting(
            session,
            team_id=TEAM_ID,
            logged_by="U0ANNA",
            people=[Person("Els Bakker")],
            occurred_on=TODAY - timedelta(days=200),
            today=TODAY,
            themes=["energie"],
        )
        record_meeting(
            session,
            team_id=TEAM_ID,
            logged_by="U0ANNA",
            people=[Person("Piet Smit")],
            occurred_on=TODAY - timedelta(days=3),
            today=TODAY,
            themes=["sport"],
        )
    view = open_strategy_modal(goodwill, slack, "U0ADMIN")
    goodwill.view_submission(
        view,
        strategy_values("", goal_values(0, "Housing", picked=["wonen"]), goal_values(1, "Energy", picked=["energie"])),
        user_id="U0ADMIN",
    )

    with goodwill.db.sessions() as session, session.begin():
        workspace = session.get(Workspace, TEAM_ID)
        workspace.digest_channel, workspace.default_locale = "C0NETWORK", "nl-NL"

    [outcome] = run_weekly_digest(goodwill.deps, clock.now, team_id=TEAM_ID, respect_schedule=False)

    assert outcome.status == "sent"
    # Housing has a key relation met this quarter; Energy has neither, and is called out. Sport has no goal.
    assert posted_digest_section(slack, "C0NETWORK", "Thema's") == (
        "*Thema's*\n"
        "*Housing*\n"
        "    • `#wonen`: 1 actieve relatie · 1 gesprek deze week\n"
        "*Energy* — ⚠ geen sleutelrelatie; geen gesprek in het afgelopen kwartaal\n"
        "    • `#energie`: 1 actieve relatie · 0 gesprekken deze week\n"
        "*Overige thema's*\n"
        "    • `#sport`: 1 actieve relatie · 0 gesprekken deze week"
    )
