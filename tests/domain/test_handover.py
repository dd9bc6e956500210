"""Who Goodwill proposes for a leaving colleague's relations, and what a member's hand-over needs next: the plain
rules (bot.domain.handover), with no Slack and no database."""

from __future__ import annotations

from datetime import UTC, date, datetime

from bot.domain.handover import (
    LEAD,
    NONE,
    NOTE_LEFT,
    OPEN_LEAVING,
    OPEN_LEFT,
    RETURNED,
    THEME,
    TIE,
    Colleague,
    Kept,
    MemberState,
    RoundState,
    ThemeWork,
    Tie,
    deciders,
    may_take,
    next_step,
    propose,
    team_lead,
)

TODAY = date(2026, 11, 26)
ANNA = "U0ANNA"  # leaves


def everyone_may_take(user_id: str) -> bool:
    return user_id != ANNA


def test_the_warmest_tie_is_proposed_met_most_and_most_recently():
    jan = Kept(1, "Jan de Vries")
    ties = {
        1: [
            Tie("U0BRAM", date(2026, 11, 1), 100.0, 90),  # met once, recently
            Tie("U0CARLA", date(2026, 11, 1), 250.0, 90),  # met more often, as recently: warmer
            Tie("U0EVA", date(2026, 11, 1), 180.0, 90),  # also warm past 100, but less so
            Tie("U0DIRK", date(2025, 1, 1), 400.0, 90),  # met most, but long ago: cold now
        ]
    }
    [proposal] = propose([jan], ties, {}, lead="U0LEA", may_take=everyone_may_take, today=TODAY)
    assert (proposal.user_id, proposal.basis, proposal.obvious) == ("U0CARLA", TIE, True)
    assert proposal.detail == {"warmth": 100, "last_met_on": "2026-11-01"}


def test_equal_ties_go_to_the_user_id_so_every_run_proposes_the_same():
    same = [Tie("U0CARLA", date(2026, 11, 1), 300.0, 90), Tie("U0BRAM", date(2026, 11, 1), 300.0, 90)]
    for ties in (same, same[::-1]):
        [proposal] = propose([Kept(1, "Jan")], {1: ties}, {}, lead=None, may_take=everyone_may_take, today=TODAY)
        assert proposal.user_id == "U0BRAM"


def test_without_a_tie_the_colleague_who_works_most_on_its_themes_is_proposed():
    karin = Kept(2, "Karin Mulder", themes=("wonen", "zorg"))
    work = {
        "wonen": [ThemeWork("U0BRAM", 3, date(2026, 10, 1)), ThemeWork("U0CARLA", 2, date(2026, 11, 1))],
        "zorg": [ThemeWork("U0CARLA", 2, date(2026, 9, 1))],
        "onderwijs": [ThemeWork("U0DIRK", 9, date(2026, 11, 1))],  # not one of Karin's themes
    }
    [proposal] = propose([karin], {}, work, lead="U0LEA", may_take=everyone_may_take, today=TODAY)
    assert (proposal.user_id, proposal.basis) == ("U0CARLA", THEME)  # 4 relations on her themes against 3
    assert proposal.detail == {"themes": ["wonen", "zorg"], "relations": 4}


def test_a_tie_wins_over_theme_work_and_the_lead_comes_last():
    kept = [Kept(1, "Jan"), Kept(2, "Karin", themes=("wonen",)), Kept(3, "Piet", themes=("sport",))]
    ties = {1: [Tie("U0DIRK", date(2026, 1, 1), 10.0, 90)]}
    work = {"wonen": [ThemeWork("U0BRAM", 5, date(2026, 11, 1))]}
    by_relation = {
        p.relation_id: p for p in propose(kept, ties, work, lead="U0LEA", may_take=everyone_may_take, today=TODAY)
    }
    assert (by_relation[1].user_id, by_relation[1].basis) == ("U0DIRK", TIE)
    assert (by_relation[2].user_id, by_relation[2].basis) == ("U0BRAM", THEME)
    assert (by_relation[3].user_id, by_relation[3].basis, by_relation[3].obvious) == ("U0LEA", LEAD, False)


def test_with_no_one_to_propose_the_relation_waits_for_a_choice():
    [proposal] = propose([Kept(1, "Jan")], {}, {}, lead=None, may_take=everyone_may_take, today=TODAY)
    assert (proposal.user_id, proposal.basis, proposal.obvious) == (None, NONE, False)


def test_no_one_who_left_is_leaving_or_is_a_bot_is_proposed():
    colleagues = {
        "U0GONE": Colleague("U0GONE", deleted=True),
        "U0ROBOT": Colleague("U0ROBOT", is_bot=True),
        "U0SOON": Colleague("U0SOON", leaving_on=date(2026, 12, 31)),
        "U0BRAM": Colleague("U0BRAM"),
    }
    check = may_take(colleagues, ANNA)
    assert [u for u in (ANNA, "U0GONE", "U0ROBOT", "U0SOON", "USLACKBOT", "U0BRAM", "U0NEVERSEEN") if check(u)] == [
        "U0BRAM",
        "U0NEVERSEEN",  # never cached: Slack is asked when the proposal is accepted
    ]
    ties = {1: [Tie(u, date(2026, 11, 20), 300.0, 90) for u in ("U0GONE", "U0ROBOT", "U0SOON", ANNA)]}
    ties[1].append(Tie("U0BRAM", date(2025, 6, 1), 50.0, 90))
    [proposal] = propose([Kept(1, "Jan")], ties, {}, lead=None, may_take=check, today=TODAY)
    assert proposal.user_id == "U0BRAM"


def test_proposals_are_listed_key_relations_first_then_by_name():
    kept = [Kept(1, "zoë", "regular"), Kept(2, "Anton", "wider"), Kept(3, "Mila", "key"), Kept(4, "bas", "regular")]
    order = [p.relation_id for p in propose(kept, {}, {}, lead=None, may_take=everyone_may_take, today=TODAY)]
    assert order == [3, 4, 1, 2]


def test_the_team_lead_is_one_still_here_and_the_first_by_name_and_every_admin_and_lead_decides():
    people = [
        Colleague("U0ZED", "Zed Zwart", is_lead=True),
        Colleague("U0LEA", "Lea Leider", is_lead=True),
        Colleague(ANNA, "Anna de Vries", is_lead=True),
        Colleague("U0OLD", "Aad Oud", is_lead=True, deleted=True),
        Colleague("U0ADA", "Ada Admin", is_admin=True),
        Colleague("U0BRAM", "Bram Jansen"),
    ]
    assert team_lead(people, ANNA) == "U0LEA"
    assert team_lead(people[2:4], ANNA) is None
    assert deciders(people, ANNA) == ["U0ADA", "U0LEA", "U0ZED"]


# --- what a member's hand-over needs next --------------------------------------------------------------------------
LEFT_AT = datetime(2026, 11, 25, 12, tzinfo=UTC)


def state(*, deleted=False, left_at=None, leaving_on=None, round_=None) -> MemberState:
    return MemberState(ANNA, deleted, left_at, leaving_on, round_)


def test_a_member_seen_leaving_gets_a_round_once():
    assert next_step(state(deleted=True, left_at=LEFT_AT), TODAY) == OPEN_LEFT
    assert next_step(state(deleted=True, left_at=LEFT_AT, round_=RoundState(1, "left", LEFT_AT)), TODAY) is None
    # Gone before Goodwill ever knew them as active: nothing was seen happening, nothing is proposed.
    assert next_step(state(deleted=True), TODAY) is None


def test_proposals_for_a_leaving_date_come_a_week_before():
    leaving_on = date(2026, 12, 3)
    assert next_step(state(leaving_on=leaving_on), date(2026, 11, 25)) is None
    assert next_step(state(leaving_on=leaving_on), date(2026, 11, 26)) == OPEN_LEAVING
    assert next_step(state(leaving_on=leaving_on, round_=RoundState(1, "leaving", None)), TODAY) is None


def test_leaving_after_an_early_round_is_noted_and_a_return_after_leaving_is_told():
    early = RoundState(1, "leaving", None)
    assert next_step(state(deleted=True, left_at=LEFT_AT, round_=early), TODAY) == NOTE_LEFT
    assert next_step(state(round_=RoundState(1, "left", LEFT_AT)), TODAY) == RETURNED
    assert next_step(state(round_=early), TODAY) is None  # marked as leaving and still here: nothing returned
