"""Event and strategy rules without Slack or a database; and every event surface within Block Kit's limits."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

from bot.domain.gatherings import (
    Candidate,
    GatheringSummary,
    followup_due_at,
    followup_is_due,
    propose_invitations,
    read_gathering_form,
)
from bot.domain.strategy import GoalInput, read_strategy, split_typed_themes
from bot.domain.warmth import warmth
from bot.members import zone
from bot.render.gatherings import (
    GatheringForm,
    InvitationLine,
    Proposed,
    followup_message,
    gathering_modal,
    home_section,
    owner_message,
)

AMSTERDAM = zone("Europe/Amsterdam")
NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
TODAY = date(2026, 11, 26)


def candidate(
    relation_id: int,
    name: str,
    last: date | None,
    *,
    tier: str = "regular",
    cadence: int = 90,
    snoozed: date | None = None,
) -> Candidate:
    return Candidate(relation_id, name, None, "U0ANNA", tier, cadence, date(2026, 1, 1), last, snoozed)


def test_quiet_relations_come_first_then_the_coldest_by_warmth():
    warm = candidate(1, "Warm", date(2026, 11, 1))
    cooling = candidate(2, "Cooling", date(2026, 9, 1))
    quiet = candidate(3, "Quiet", date(2026, 7, 1))
    quieter = candidate(4, "Quieter", date(2026, 3, 1))
    never = candidate(5, "Never met", None, cadence=30)  # created in January: long quiet
    snoozed = candidate(6, "Snoozed", date(2026, 2, 1), snoozed=date(2026, 12, 31))  # not quiet while snoozed
    messaged = candidate(7, "Messaged", date(2026, 10, 20))  # recent, but only a message
    often = candidate(8, "Often met", date(2026, 8, 1), tier="wider", cadence=180)  # older, but met thrice
    contacts = {
        warm: [(date(2026, 11, 1), "meeting")],
        cooling: [(date(2026, 9, 1), "meeting")],
        quiet: [(date(2026, 7, 1), "meeting")],
        quieter: [(date(2026, 3, 1), "meeting")],
        snoozed: [(date(2026, 2, 1), "meeting")],
        messaged: [(date(2026, 10, 20), "message")],
        often: [(date(2026, 8, 1), "meeting"), (date(2026, 7, 15), "meeting"), (date(2026, 7, 1), "meeting")],
    }
    warmths = {c.relation_id: warmth(days, today=TODAY, cadence_days=c.cadence_days) for c, days in contacts.items()}
    assert warmths[messaged.relation_id] < warmths[cooling.relation_id] < warmths[often.relation_id]

    order = propose_invitations([warm, cooling, quiet, quieter, never, snoozed, messaged, often], TODAY, warmths)

    # Quiet first (coldest first among them), then by warmth: not by the date of the last contact.
    assert [c.name for c in order] == [
        "Never met",
        "Quieter",
        "Quiet",
        "Snoozed",
        "Messaged",
        "Cooling",
        "Warm",
        "Often met",
    ]


def test_the_event_form_reads_the_organisers_zone_and_refuses_the_past():
    draft, problems = read_gathering_form(
        name="  Woon  ontbijt ", day="2026-12-10", at="08:30", place=" Stadhuis ", tz=AMSTERDAM, now=NOW
    )
    assert problems == []
    assert draft.name == "Woon ontbijt" and draft.place == "Stadhuis"
    assert draft.starts_at.astimezone(UTC) == datetime(2026, 12, 10, 7, 30, tzinfo=UTC)

    _, problems = read_gathering_form(name="x", day="2026-11-26", at="10:00", place="", tz=AMSTERDAM, now=NOW)
    assert [(p.field, p.key) for p in problems] == [("time", "time_gone")]  # 10:00 Amsterdam is now
    _, problems = read_gathering_form(name="", day="2026-13-45", at=None, place="", tz=AMSTERDAM, now=NOW)
    assert {(p.field, p.key) for p in problems} == {
        ("name", "name_required"),
        ("date", "date_required"),
        ("time", "time_required"),
    }


def test_the_follow_up_is_due_at_nine_the_morning_after_in_the_events_zone_across_dst():
    # Saturday 24 October 2026, 22:00 in Amsterdam; the clocks go back that night.
    starts = datetime(2026, 10, 24, 20, 0, tzinfo=UTC)
    assert followup_due_at(starts, AMSTERDAM) == datetime(2026, 10, 25, 9, 0, tzinfo=AMSTERDAM)
    assert followup_due_at(starts, AMSTERDAM).astimezone(UTC) == datetime(2026, 10, 25, 8, 0, tzinfo=UTC)
    assert not followup_is_due(starts, AMSTERDAM, datetime(2026, 10, 25, 7, 59, tzinfo=UTC))
    assert followup_is_due(starts, AMSTERDAM, datetime(2026, 10, 25, 8, 0, tzinfo=UTC))
    assert not followup_is_due(starts, AMSTERDAM, datetime(2026, 11, 5, 8, 0, tzinfo=UTC))  # too late to ask


def test_a_theme_belongs_to_one_goal_and_typed_themes_are_single_words():
    assert split_typed_themes("#Energie, mobiliteit;  zorg") == (["energie", "mobiliteit", "zorg"], [])
    assert split_typed_themes("wonen & werken") == (["wonen", "werken"], ["&"])
    strategy, problems = read_strategy(
        "  Homes for all. ",
        [
            GoalInput("Housing", picked=["wonen"]),
            GoalInput("Building", typed="#wonen, bouw"),
            GoalInput(""),
        ],
    )
    assert strategy.purpose == "Homes for all."
    assert [(p.goal, p.field, p.key) for p in problems] == [(1, "typed", "theme_taken")]
    assert [g.name for g in strategy.goals] == ["Housing", "Building"]


# --- Block Kit limits: long lists are summarised, never refused by Slack -------------------------------
def _blocks_parse(blocks: list[dict]) -> None:
    for block in blocks:
        Block.parse(block).validate_json()


def _summary(name: str = "Big meeting <!here>") -> GatheringSummary:
    return GatheringSummary(1, name, NOW + timedelta(days=14), "Hall", False, ("U0ANNA", "U0BRAM"), {"accepted": 3})


def test_a_long_proposal_fits_a_modal():
    proposed = [
        Proposed(
            i,
            f"Relation number {i} with a long name",
            "Organisation " * 5,
            "U0ANNA",
            i % 2 == 0,
            date(2026, 1, 1),
        )
        for i in range(1, 131)
    ]
    form = GatheringForm(
        organiser_id="U0ANNA",
        timezone="Europe/Amsterdam",
        themes=[(i, f"theme{i}") for i in range(150)],
        theme_ids=[1],
        goals=[(1, "Goal")],
        proposed=proposed,
        chosen=True,
    )

    view = gathering_modal(form, "nl")

    View(**view).validate_json()
    groups = [b for b in view["blocks"] if b.get("block_id", "").startswith("invite_")]
    assert len(groups) == 5 and all(len(g["element"]["options"]) <= 10 for g in groups)
    assert "en nog 80 bij deze thema's" in str(view["blocks"][-1])
    assert len(view["blocks"]) <= 100


def test_an_owners_long_list_and_a_long_checklist_fit_a_message():
    lines = [InvitationLine(i, f"Relation {i}", "Org", "proposed") for i in range(1, 61)]

    owner = owner_message(_summary(), lines, tz=AMSTERDAM, language="en")
    checklist = followup_message(_summary(), lines, language="nl")

    for message in (owner, checklist):
        assert len(message["blocks"]) <= 50
        _blocks_parse(message["blocks"])
        assert "<!here>" not in str(message)
    assert "and 15 more" in str(owner["blocks"][-1])
    short = owner_message(_summary(), lines[:3], tz=AMSTERDAM, language="en")
    assert [b["type"] for b in short["blocks"]] == ["section"] + ["section", "actions"] * 3


def test_the_home_section_summarises_many_events():
    events = [
        (_summary(f"Event {i}"), [InvitationLine(j, f"R{j}", None, "invited") for j in range(40)]) for i in range(9)
    ]
    blocks = home_section(events, tz=AMSTERDAM, language="en")
    _blocks_parse(blocks)
    assert len(blocks) == 8  # header, five events, "and 4 more", help
