"""When a colleague leaves, their relations are not left alone: told through Slack as Slack would tell it.

The team (today is Thursday 26 November 2026): Anna de Boer keeps four relations and leaves; Ada is a workspace
admin (English), Lea the team lead (Dutch); Bram and Carla are colleagues.
- Jan de Vries (Gemeente Den Haag), key: Carla met him long ago, Bram on 10 Nov (shared notes "koffie over
  huisvesting") and 12 Nov (his own private notes), Anna on 20 Nov (private notes "geheim: fusieplannen") →
  Bram knows him best.
- Karin Mulder (Rode Kruis), #zorg: only Anna met her, on 1 April: overdue since 30 June. Carla met two other
  #zorg relations, Bram one → Carla works most on her theme.
- Piet Pieters (Woonbond), wider: never met, no themes, overdue → the team lead, Lea.
- Tom Oud, archived: not proposed.
"""

from __future__ import annotations

import json
import threading
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import event, select

from bot.digests import run_weekly_digest
from bot.domain.handover import LEAD, THEME, TIE, MemberState
from bot.handover import handover_job, open_round
from bot.members import refresh_members
from bot.nudges import run_daily_nudge
from storage.db import transaction
from storage.models import AuditEntry, Handover, HandoverMessage, HandoverProposal, Relation
from storage.workspaces import ensure_workspace
from tests.support import seed
from tests.support.seed import chooses_language
from tests.support.shown import blocks_of, nudged_relations, nudges_to, text_of
from tests.support.slack_standin import TEAM_ID

THURSDAY_14H = datetime(2026, 11, 26, 13, 0, tzinfo=UTC)  # 14:00 in Amsterdam
FRIDAY_0905 = datetime(2026, 11, 27, 8, 5, tzinfo=UTC)
SECRET = "fusieplannen"  # Anna's private notes: shown to no one, ever
OWN_NOTES = "Brams eigen aantekening"  # Bram's private notes: shown to Bram alone


# --- the team and its network ------------------------------------------------------------------------------------
def relation(session, name: str, *, owner: str = "U0ANNA", tier: str = "regular", organisation=None, themes=()):
    """A relation of the team's, created when the team began (March 2025); its id."""
    made = seed.relation(
        session, name, owner=owner, tier=tier, organisation=organisation, themes=themes, created_on=date(2025, 3, 1)
    )
    return made.id


def met(session, relation_id: int, day: date, by: str, notes: str = "", *, private: bool = False) -> None:
    seed.meeting(session, relation_id, day, by=by, notes=notes, private=private)


class Team:
    def __init__(self, goodwill, slack) -> None:
        self.goodwill, self.slack = goodwill, slack
        slack.add_user("U0CARLA", "Carla Smit")
        slack.add_user("U0LEA", "Lea Leider")
        slack.add_user("U0ADA", "Ada Admin", is_admin=True)
        for dutch in ("U0CARLA", "U0LEA"):  # they chose Dutch (/goodwill taal nl)
            chooses_language(goodwill.db.sessions, dutch, "nl")
        with transaction(goodwill.db.sessions) as session:
            ensure_workspace(session, TEAM_ID)
            self.jan = relation(session, "Jan de Vries", tier="key", organisation="Gemeente Den Haag")
            met(session, self.jan, date(2025, 6, 1), "U0CARLA", "oud gesprek")
            met(session, self.jan, date(2026, 11, 10), "U0BRAM", "koffie over huisvesting")
            met(session, self.jan, date(2026, 11, 12), "U0BRAM", OWN_NOTES, private=True)
            met(session, self.jan, date(2026, 11, 20), "U0ANNA", f"geheim: {SECRET}", private=True)
            self.karin = relation(session, "Karin Mulder", organisation="Rode Kruis", themes=["zorg"])
            met(session, self.karin, date(2026, 4, 1), "U0ANNA", "lunch over vrijwilligers")
            self.piet = relation(session, "Piet Pieters", tier="wider", organisation="Woonbond")
            tom = relation(session, "Tom Oud")
            session.get(Relation, tom).archived = True
            for name, owner, day in (
                ("Fatima El Amrani", "U0CARLA", date(2026, 11, 2)),
                ("Sanne Bos", "U0CARLA", date(2026, 10, 1)),
                ("Eva Groen", "U0BRAM", date(2026, 11, 24)),
            ):
                met(session, relation(session, name, owner=owner, themes=["zorg"]), day, owner)
            refresh_members(goodwill.deps, session, TEAM_ID)  # everyone as Slack lists them (Anna still here)
        answer = command(goodwill, slack, "lead <@U0LEA|lea>", user_id="U0ADA")
        assert "U0LEA" in answer["text"]
        slack.calls.clear()

    def anna_leaves(self, **kwargs):
        """Anna's account is deactivated: Slack says so in users.info and sends user_change."""
        self.slack.users["U0ANNA"]["deleted"] = True
        response = self.goodwill.event(user_change(self.slack, "U0ANNA"), **kwargs)
        assert response.status == 200
        settle(self.goodwill)
        return response

    def owners(self) -> dict[int, str]:
        with self.goodwill.db.sessions() as session:
            return {r.id: r.owner_id for r in session.scalars(select(Relation))}


def user_change(slack, user_id: str) -> dict:
    return {
        "type": "user_change",
        "user": dict(slack.users[user_id]),
        "cache_ts": 1764147600,
        "event_ts": "1764147600.000100",
    }


@pytest.fixture
def team(goodwill, slack, clock):
    clock.set(THURSDAY_14H)
    return Team(goodwill, slack)


def settle(goodwill) -> None:
    """Wait until the work after the ack is done: every worker of the (first in, first out) pool takes one of
    these barrier tasks only once everything queued before them has run."""
    pool = goodwill.deps.after_ack
    barrier = threading.Barrier(pool._max_workers + 1)
    for _ in range(pool._max_workers):
        pool.submit(barrier.wait, 10)
    barrier.wait(10)


def command(goodwill, slack, text: str, *, user_id: str) -> dict:
    before = len(slack.calls_to("response_url"))
    assert goodwill.command("/goodwill", text, user_id=user_id).status == 200
    return slack.wait_for("response_url", before + 1)[before].params


def proposals_dms(slack) -> list:
    return [
        c
        for c in slack.calls_to("chat.postMessage")
        if any(b.get("block_id") == "handover_headline" for b in blocks_of(c))
    ]


def received_dms(slack, user_id: str) -> list:
    return [
        c
        for c in slack.calls_to("chat.postMessage")
        if c["channel"] == user_id and any(b.get("block_id") == "handover_received" for b in blocks_of(c))
    ]


def the_dm(slack, user_id: str) -> dict:
    """The proposals DM as the member sees it now (after any chat.update)."""
    [message] = [
        m
        for (channel, _), m in slack.messages.items()
        if channel == user_id and any(b.get("block_id") == "handover_headline" for b in blocks_of(m))
    ]
    return message


def accept_button(message: dict) -> tuple[str, str]:
    """(block id, value) of the message's Accept button."""
    for block in blocks_of(message):
        for element in block.get("elements") or []:
            if element.get("action_id") == "handover_accept":
                return block["block_id"], element["value"]
    raise AssertionError("no Accept button")


def click(goodwill, slack, action_id: str, *, user_id: str, message: dict | None = None, **kwargs) -> list[str]:
    """A click on the proposals DM as Slack sends it; what the clicker was told privately."""
    before = len(slack.calls_to("response_url"))
    if message is not None:
        kwargs.setdefault("channel_id", message["channel"])
        kwargs["message"] = {"type": "message", "ts": message["ts"], "text": message["text"], "blocks": []}
    assert goodwill.block_action(action_id, user_id=user_id, **kwargs).status == 200
    settle(goodwill)
    return [call["text"] for call in slack.calls_to("response_url")[before:]]


def accept_all(goodwill, slack, user_id: str) -> list[str]:
    message = the_dm(slack, user_id)
    block_id, value = accept_button(message)
    return click(goodwill, slack, "handover_accept", user_id=user_id, message=message, value=value, block_id=block_id)


def pick(goodwill, slack, team_round: int, relation_id: int, to: str, *, user_id: str) -> list[str]:
    return click(
        goodwill,
        slack,
        "handover_pick",
        user_id=user_id,
        block_id=f"handover:{team_round}:{relation_id}",
        action_type="users_select",
        selected_user=to,
    )


def to_lead(goodwill, slack, team_round: int, relation_id: int, lead: str, *, user_id: str) -> list[str]:
    return click(
        goodwill,
        slack,
        "handover_to_lead",
        user_id=user_id,
        block_id=f"handover:{team_round}",
        action_type="static_select",
        selected_option={"value": f"{relation_id}:{lead}"},
    )


def proposals(goodwill) -> dict[int, tuple]:
    with goodwill.db.sessions() as session:
        return {
            p.relation_id: (p.proposed_owner, p.basis, p.status, p.decided_owner)
            for p in session.scalars(select(HandoverProposal))
        }


def the_round(goodwill) -> Handover:
    with goodwill.db.sessions() as session:
        [row] = session.scalars(select(Handover)).all()
        return row


def audit(goodwill) -> list[tuple[str, str, dict]]:
    with goodwill.db.sessions() as session:
        return [(a.actor, a.action, a.detail) for a in session.scalars(select(AuditEntry).order_by(AuditEntry.id))]


def everything_slack_saw(slack) -> str:
    return json.dumps([call.params for call in slack.calls], ensure_ascii=False)


# --- the stories ----------------------------------------------------------------------------------------------------
def test_a_deactivated_member_s_relations_are_proposed_in_one_dm_per_admin_and_lead_sent_once(team, goodwill, slack):
    response = team.anna_leaves(event_id="Ev0LEFT")

    assert proposals(goodwill) == {
        team.jan: ("U0BRAM", TIE, "pending", None),  # knows him best
        team.karin: ("U0CARLA", THEME, "pending", None),  # works most on #zorg
        team.piet: ("U0LEA", LEAD, "pending", None),  # nobody knows him or his themes
    }
    dms = slack.wait_for("chat.postMessage", 2)
    assert sorted(dm["channel"] for dm in proposals_dms(slack)) == ["U0ADA", "U0LEA"]
    english, dutch = the_dm(slack, "U0ADA"), the_dm(slack, "U0LEA")
    assert english["text"] == "Anna de Boer has left. Anna kept 3 relations; 2 have an obvious successor."
    assert dutch["text"] == (
        "Anna de Boer is vertrokken. Anna beheerde 3 relaties; voor 2 daarvan is er een duidelijke opvolger."
    )
    shown = text_of(english)
    assert (
        "*Jan de Vries* · Gemeente Den Haag  `key relation`\\n"
        "→ <@U0BRAM> — knows them best (warmth 100, last met 12 Nov 2026)" in shown
    )
    assert "→ <@U0CARLA> — works most on `#zorg`: met 2 relations" in shown
    assert "→ <@U0LEA> — team lead: no colleague has met them or works on their themes" in shown
    assert "Tom Oud" not in shown
    assert "sprak 2 relaties" in text_of(dutch)
    assert [b.get("block_id", "") for b in blocks_of(english) if b.get("block_id", "").startswith("handover:")] == [
        f"handover:{the_round(goodwill).id}:{team.jan}",
        f"handover:{the_round(goodwill).id}:{team.karin}",
        f"handover:{the_round(goodwill).id}:{team.piet}",
        f"handover:{the_round(goodwill).id}",  # the buttons
    ]
    assert accept_button(english)[1] == f"{the_round(goodwill).id}:{team.jan},{team.karin},{team.piet}"

    # Slack redelivers the event, and sends another user_change for the same account; the clock runs too.
    assert goodwill.event(user_change(slack, "U0ANNA"), event_id="Ev0LEFT", retry_num=1).status == 200
    assert goodwill.event(user_change(slack, "U0ANNA")).status == 200
    settle(goodwill)
    handover_job(goodwill.deps, goodwill.clock())
    assert len(proposals_dms(slack)) == 2 and len(dms) == 2
    with goodwill.db.sessions() as session:
        assert session.scalar(select(Handover.round)) == 1
        assert sorted(session.scalars(select(HandoverMessage.status))) == ["sent", "sent"]
    [(actor, action, detail)] = audit(goodwill)
    assert (actor, action) == ("goodwill", "handover.open")
    assert detail == {
        "handover_id": the_round(goodwill).id,
        "member": "U0ANNA",
        "reason": "left",
        "relations": 3,
        "obvious": 2,
    }
    assert SECRET not in everything_slack_saw(slack)
    assert team.owners()[team.jan] == "U0ANNA"  # nothing changes until someone decides
    assert response.status == 200


def test_accepting_hands_over_as_proposed_tells_each_new_owner_once_and_keeps_the_quiet_timers(
    team, goodwill, slack, clock
):
    run_daily_nudge(goodwill.deps, clock())  # 14:00: today's nudges are done (Bram and Carla: nothing quiet)
    with goodwill.db.sessions() as session:
        due_before = {r.id: (r.due_on, r.last_contact_on) for r in session.scalars(select(Relation))}
    team.anna_leaves()

    assert accept_all(goodwill, slack, "U0LEA") == []
    owners = team.owners()
    assert (owners[team.jan], owners[team.karin], owners[team.piet]) == ("U0BRAM", "U0CARLA", "U0LEA")
    with goodwill.db.sessions() as session:
        assert {r.id: (r.due_on, r.last_contact_on) for r in session.scalars(select(Relation))} == due_before
    assert {rid: p[2:] for rid, p in proposals(goodwill).items()} == {
        team.jan: ("accepted", "U0BRAM"),
        team.karin: ("accepted", "U0CARLA"),
        team.piet: ("accepted", "U0LEA"),
    }
    assert the_round(goodwill).status == "done"
    hand_overs = [(actor, detail) for actor, action, detail in audit(goodwill) if action == "relation.hand_over"]
    assert sorted(hand_overs, key=lambda a: a[1]["relation_id"]) == [
        ("U0LEA", {"relation_id": r, "previous_owner": "U0ANNA", "new_owner": o, "handover_id": the_round(goodwill).id})
        for r, o in sorted(((team.jan, "U0BRAM"), (team.karin, "U0CARLA"), (team.piet, "U0LEA")))
    ]

    # Each new owner: one DM with what they received, the last contact, and the latest notes they may read.
    [bram] = received_dms(slack, "U0BRAM")
    [carla] = received_dms(slack, "U0CARLA")
    [lea] = received_dms(slack, "U0LEA")
    assert "<@U0LEA> heeft 1 relatie van Anna de Boer, die vertrokken is, aan jou overgedragen." in text_of(bram)
    assert "Laatste contact 6 dagen geleden (vrijdag 20 november 2026), door <@U0ANNA>" in text_of(bram)
    # The latest notes Bram may read are his own private ones; Anna's private ones no one ever sees.
    assert OWN_NOTES in text_of(bram) and SECRET not in text_of(bram)
    assert OWN_NOTES not in json.dumps([c.params for c in slack.calls if c.get("channel") != "U0BRAM"])
    assert "lunch over vrijwilligers" in text_of(carla) and "Karin Mulder" in text_of(carla)
    assert "Nog geen contact vastgelegd" in text_of(lea)
    assert SECRET not in everything_slack_saw(slack)

    # Both admins' and leads' DMs now say what was decided.
    for user_id in ("U0ADA", "U0LEA"):
        dm = the_dm(slack, user_id)
        assert "handover_pick" not in text_of(dm) and "handover_accept" not in text_of(dm)
    assert "→ <@U0BRAM> (accepted by <@U0LEA>)" in text_of(the_dm(slack, "U0ADA"))
    assert "All decided, thank you!" in text_of(the_dm(slack, "U0ADA"))

    # A second click (Ada's copy was drawn before) decides nothing and says so; nobody is told twice.
    stale = click(
        goodwill,
        slack,
        "handover_accept",
        user_id="U0ADA",
        value=accept_button(proposals_dms(slack)[0])[1],
        block_id=f"handover:{the_round(goodwill).id}",
    )
    assert stale == ["These proposals were already decided; nothing changed."]
    assert [len(received_dms(slack, u)) for u in ("U0BRAM", "U0CARLA", "U0LEA")] == [1, 1, 1]

    # The quiet timers did not restart: no nudge this afternoon, the overdue ones first thing tomorrow.
    clock.advance(minutes=5)
    run_daily_nudge(goodwill.deps, clock())
    assert [nudges_to(slack, u) for u in ("U0BRAM", "U0CARLA", "U0LEA")] == [[], [], []]
    clock.set(FRIDAY_0905)
    run_daily_nudge(goodwill.deps, clock())
    [carla_nudge] = nudges_to(slack, "U0CARLA")
    [lea_nudge] = nudges_to(slack, "U0LEA")
    assert nudged_relations(carla_nudge.params) == [team.karin] and nudged_relations(lea_nudge.params) == [team.piet]
    assert nudges_to(slack, "U0BRAM") == []  # Jan is not overdue


def test_an_admin_picks_someone_else_for_one_and_hands_another_to_the_lead(team, goodwill, slack):
    team.anna_leaves()
    round_id = the_round(goodwill).id

    assert pick(goodwill, slack, round_id, team.jan, "U0CARLA", user_id="U0ADA") == []
    assert to_lead(goodwill, slack, round_id, team.karin, "U0LEA", user_id="U0ADA") == []
    owners = team.owners()
    assert (owners[team.jan], owners[team.karin], owners[team.piet]) == ("U0CARLA", "U0LEA", "U0ANNA")
    assert proposals(goodwill)[team.jan] == ("U0BRAM", TIE, "chosen", "U0CARLA")
    assert proposals(goodwill)[team.karin] == ("U0CARLA", THEME, "to_lead", "U0LEA")
    [carla] = received_dms(slack, "U0CARLA")
    assert "Jan de Vries" in text_of(carla) and "Karin" not in text_of(carla)

    # The DM now offers only Piet; accepting it gives him to the lead, as proposed.
    dm = the_dm(slack, "U0ADA")
    assert accept_button(dm)[1] == f"{round_id}:{team.piet}"
    assert "→ <@U0CARLA> (chosen by <@U0ADA>)" in text_of(dm)
    assert "→ <@U0LEA>, the team lead (by <@U0ADA>)" in text_of(dm)
    accept_all(goodwill, slack, "U0ADA")
    assert team.owners()[team.piet] == "U0LEA"
    assert len(received_dms(slack, "U0LEA")) == 2  # Karin, then Piet: one message per decision

    # A stale picker on Jan (from an old copy of the DM) changes nothing and says where he went.
    assert pick(goodwill, slack, round_id, team.jan, "U0BRAM", user_id="U0LEA") == [
        "Er is niets gewijzigd: :white_check_mark: *Jan de Vries* → <@U0CARLA> (gekozen door <@U0ADA>)"
    ]
    assert team.owners()[team.jan] == "U0CARLA"


def test_the_picker_refuses_a_colleague_who_cannot_own_and_the_proposal_stays_open(team, goodwill, slack):
    slack.add_user("U0ROBOT", "Robot", is_bot=True)
    team.anna_leaves()
    round_id = the_round(goodwill).id

    told = pick(goodwill, slack, round_id, team.jan, "U0ROBOT", user_id="U0ADA")
    assert told == ["<@U0ROBOT> cannot own relations (a bot, or someone who left the workspace). Pick a colleague."]
    assert team.owners()[team.jan] == "U0ANNA"
    assert proposals(goodwill)[team.jan] == ("U0BRAM", TIE, "pending", None)
    assert received_dms(slack, "U0ROBOT") == []


def test_a_plain_members_crafted_clicks_are_no_more_powerful_than_the_buttons_they_cannot_see(team, goodwill, slack):
    team.anna_leaves()
    round_id = the_round(goodwill).id
    value = f"{round_id}:{team.jan},{team.karin},{team.piet}"
    not_allowed = ["Alleen beheerders en teamleiders beslissen wie de relaties van een collega overneemt."]

    assert (
        click(goodwill, slack, "handover_accept", user_id="U0BRAM", value=value, block_id=f"handover:{round_id}")
        == not_allowed
    )
    assert pick(goodwill, slack, round_id, team.jan, "U0BRAM", user_id="U0BRAM") == not_allowed
    assert to_lead(goodwill, slack, round_id, team.piet, "U0LEA", user_id="U0BRAM") == not_allowed

    # An admin's crafted click: a relation of another round (Carla's own), or a lead who is no lead.
    fatima = next(rid for rid, owner in team.owners().items() if owner == "U0CARLA")
    assert click(
        goodwill, slack, "handover_accept", user_id="U0ADA", value=f"{round_id}:{team.jan},{fatima}", block_id="x"
    ) == ["That relation is not part of this hand-over."]
    assert to_lead(goodwill, slack, round_id, team.jan, "U0BRAM", user_id="U0ADA") == [
        "<@U0BRAM> is no longer the team lead; the message now shows who is."
    ]
    assert pick(goodwill, slack, round_id + 99, team.jan, "U0ADA", user_id="U0ADA") == [
        "That hand-over no longer exists."
    ]

    assert team.owners()[team.jan] == "U0ANNA" and team.owners()[fatima] == "U0CARLA"
    assert {p[2] for p in proposals(goodwill).values()} == {"pending"}
    assert [action for _, action, _ in audit(goodwill)] == ["handover.open"]
    assert received_dms(slack, "U0BRAM") == []


def test_a_member_who_returns_gets_nothing_back_and_the_lead_is_told(team, goodwill, slack):
    team.anna_leaves()
    round_id = the_round(goodwill).id
    pick(goodwill, slack, round_id, team.jan, "U0BRAM", user_id="U0ADA")

    slack.users["U0ANNA"]["deleted"] = False  # reactivated
    assert goodwill.event(user_change(slack, "U0ANNA")).status == 200
    settle(goodwill)

    owners = team.owners()
    assert (owners[team.jan], owners[team.karin], owners[team.piet]) == ("U0BRAM", "U0ANNA", "U0ANNA")
    assert the_round(goodwill).status == "returned"
    assert {rid: p[2] for rid, p in proposals(goodwill).items()} == {
        team.jan: "chosen",
        team.karin: "withdrawn",
        team.piet: "withdrawn",
    }
    [told] = [
        c for c in slack.calls_to("chat.postMessage") if c["channel"] == "U0LEA" and "handover_returned" in text_of(c)
    ]
    assert told["text"] == (
        "Anna de Boer is terug in de workspace. Goodwill geeft niets vanzelf terug: de relatie die in de tussentijd"
        " is overgedragen, blijft bij de nieuwe eigenaar. Draag die terug via de kaart van de relatie (`/relation`) als"
        " iedereen dat wil. De 2 open voorstellen zijn ingetrokken: Anna houdt die relaties."
    )
    assert [c["channel"] for c in slack.calls_to("chat.postMessage") if "handover_returned" in text_of(c)] == ["U0LEA"]
    assert "Anna de Boer is back in the workspace: the open proposals were withdrawn." in text_of(
        the_dm(slack, "U0ADA")
    )
    [returned] = [detail for _, action, detail in audit(goodwill) if action == "handover.returned"]
    assert returned == {"handover_id": round_id, "member": "U0ANNA", "handed_over": 1, "withdrawn": 2}
    assert click(
        goodwill, slack, "handover_accept", user_id="U0ADA", value=f"{round_id}:{team.karin}", block_id="x"
    ) == ["This hand-over has ended; nothing changed."]

    # The same event again tells nobody twice.
    goodwill.event(user_change(slack, "U0ANNA"))
    settle(goodwill)
    assert len([c for c in slack.calls_to("chat.postMessage") if "handover_returned" in text_of(c)]) == 1


def test_the_daily_member_refresh_finds_a_member_who_left_without_an_event(team, goodwill, slack, clock):
    slack.users["U0ANNA"]["deleted"] = True  # the event never arrived
    handover_job(goodwill.deps, clock())
    assert proposals_dms(slack) == []  # the member cache is fresh: Slack is asked once a day

    clock.advance(days=1)
    handover_job(goodwill.deps, clock())
    handover_job(goodwill.deps, clock())
    assert sorted(dm["channel"] for dm in proposals_dms(slack)) == ["U0ADA", "U0LEA"]
    assert len(proposals(goodwill)) == 3


def test_a_leaving_date_brings_the_proposals_a_week_before_and_the_digest_links_to_them(team, goodwill, slack, clock):
    with transaction(goodwill.db.sessions) as session:
        marieke = relation(session, "Marieke Kok", tier="key")  # only Anna has met her this year
        met(session, marieke, date(2026, 11, 30), "U0ANNA", "werkbezoek")
        ensure_workspace(session, TEAM_ID).digest_channel = "C0NETWORK"

    answer = command(goodwill, slack, "vertrekt <@U0ANNA|anna> 2026-12-11", user_id="U0LEA")
    assert answer["text"] == (
        "<@U0ANNA> staat genoteerd als vertrekkend op vrijdag 11 december 2026. Een week eerder, vanaf vrijdag"
        " 4 december 2026, krijgen de beheerders en teamleiders voorstellen voor wie elke relatie van Anna overneemt."
    )
    assert command(goodwill, slack, "leaving <@U0ANNA|anna> 2026-12-11", user_id="U0BRAM")["text"] == (
        "Alleen beheerders en teamleiders kunnen een collega als vertrekkend noteren."
    )
    assert command(goodwill, slack, "leaving <@U0ANNA|anna> 11-12-2026", user_id="U0ADA")["text"] == (
        "`11-12-2026` is not a date: write it as YYYY-MM-DD, for example `2027-01-29`."
    )
    assert command(goodwill, slack, "leaving <@U0ANNA|anna> 2026-11-01", user_id="U0ADA")["text"] == (
        "Sunday 1 November 2026 has passed: give a leaving date still to come."
    )
    assert (
        "Genoteerd als vertrekkend: <@U0ANNA> op vrijdag 11 december 2026"
        in command(goodwill, slack, "leaving", user_id="U0BRAM")["text"]
    )
    leaving_rows = [d for _, action, d in audit(goodwill) if action == "member.leaving"]
    assert leaving_rows == [{"member": "U0ANNA", "leaving_on": "2026-12-11"}]

    clock.set(datetime(2026, 12, 3, 22, 0, tzinfo=UTC))  # Thursday 23:00 in Amsterdam: not yet
    handover_job(goodwill.deps, clock())
    assert proposals_dms(slack) == []
    clock.set(datetime(2026, 12, 3, 23, 5, tzinfo=UTC))  # Friday 4 December, just after midnight
    handover_job(goodwill.deps, clock())
    assert sorted(dm["channel"] for dm in proposals_dms(slack)) == ["U0ADA", "U0LEA"]
    assert the_dm(slack, "U0ADA")["text"] == (
        "Anna de Boer leaves on Friday 11 December 2026. Anna keeps 4 relations; 2 have an obvious successor."
    )
    round_id = the_round(goodwill).id
    assert the_round(goodwill).reason == "leaving"

    # Monday's digest: Marieke depends on Anna alone, who leaves. The channel counts (docs/digest.md); Lea's
    # copy, in the Dutch she chose, names them, and a button leads to the proposals.

    clock.set(datetime(2026, 12, 7, 8, 0, tzinfo=UTC))
    [outcome] = run_weekly_digest(goodwill.deps, clock())
    assert outcome.status == "sent"
    [post] = [c for c in slack.calls_to("chat.postMessage") if c["channel"] == "C0NETWORK"]
    assert "key relation has been met by only one colleague this year" in text_of(post)
    assert "only Anna de Boer" not in text_of(post) and "digest_handover" not in str(blocks_of(post))
    [copy] = [c for c in slack.calls_to("chat.postMessage") if c["channel"] == "D0LEA"]
    assert (
        "*Marieke Kok* — alleen Anna de Boer (vertrekt 11 dec 2026). Volgende stap: een opvolger, via de "
        "overdrachtsvoorstellen."
    ) in text_of(copy)
    [buttons] = [b for b in blocks_of(copy) if b.get("block_id") == "digest_handover"]
    [button] = buttons["elements"]
    assert (button["action_id"], button["value"], button["text"]["text"]) == (
        "handover_show",
        str(round_id),
        "Voorstellen voor relaties van Anna de Boer",
    )
    ada_dm = the_dm(slack, "U0ADA")
    assert click(goodwill, slack, "handover_show", user_id="U0ADA", value=str(round_id), channel_id="D0LEA") == [
        "The proposals for Anna de Boer's relations are in your messages with Goodwill:"
        f" https://slack.com/archives/{ada_dm['channel']}/p{ada_dm['ts'].replace('.', '')}"
    ]
    assert click(goodwill, slack, "handover_show", user_id="U0BRAM", value=str(round_id), channel_id="D0LEA") == [
        "Alleen beheerders en teamleiders beslissen wie de relaties van een collega overneemt."
    ]

    # Decided while Anna is still here; on her last day her account goes, and nothing is proposed twice.
    accept_all(goodwill, slack, "U0LEA")
    assert team.owners()[marieke] == "U0LEA"  # nobody else knows her or her themes: the lead
    [told] = [c for c in slack.calls_to("chat.postMessage") if c["channel"] == "U0ANNA"]  # she is still here
    assert "<@U0LEA> handed 4 relations of yours over to colleagues, ahead of your leaving on Friday 11" in text_of(
        told
    )
    assert "• *Jan de Vries* → <@U0BRAM>" in text_of(told)
    clock.set(datetime(2026, 12, 11, 16, 0, tzinfo=UTC))
    team.anna_leaves()
    handover_job(goodwill.deps, clock())
    assert len(proposals_dms(slack)) == 2
    with goodwill.db.sessions() as session:
        assert session.scalar(select(Handover.member_left_at)) is not None


def test_a_leaving_date_within_a_week_proposes_at_once_and_taking_it_back_withdraws_them(team, goodwill, slack):
    answer = command(goodwill, slack, "leaving <@U0ANNA|anna> 2026-11-30", user_id="U0ADA")
    assert answer["text"] == (
        "<@U0ANNA> is marked as leaving on Monday 30 November 2026. The admins and team leads get the proposals for"
        " who takes over each of Anna's relations now."
    )
    slack.wait_for("chat.postMessage", 2)
    settle(goodwill)
    assert sorted(dm["channel"] for dm in proposals_dms(slack)) == ["U0ADA", "U0LEA"]

    answer = command(goodwill, slack, "vertrekt <@U0ANNA|anna> uit", user_id="U0LEA")
    assert (
        answer["text"] == "<@U0ANNA> staat niet meer als vertrekkend genoteerd. De open voorstellen zijn ingetrokken."
    )
    assert the_round(goodwill).status == "cancelled"
    assert "no longer marked as leaving: the open proposals were withdrawn" in text_of(the_dm(slack, "U0ADA"))
    round_id = the_round(goodwill).id
    assert click(goodwill, slack, "handover_accept", user_id="U0ADA", value=f"{round_id}:{team.jan}", block_id="x") == [
        "This hand-over has ended; nothing changed."
    ]
    assert team.owners()[team.jan] == "U0ANNA"
    assert [a for _, a, _ in audit(goodwill)] == [
        "member.leaving",
        "handover.open",
        "member.leaving",
        "handover.cancelled",
    ]


def test_proposing_reads_the_same_few_queries_for_four_relations_or_forty(goodwill, slack, clock):
    """No query per relation: opening a round for 40 relations runs as many statements as for 4."""

    def statements_to_open(member: str, relations: int) -> int:
        with transaction(goodwill.db.sessions) as session:
            ensure_workspace(session, TEAM_ID)
            for n in range(relations):
                rid = relation(session, f"{member} relatie {n}", owner=member, themes=[f"thema{n % 3}"])
                met(session, rid, date(2026, 10, 1), member)
                met(session, rid, date(2026, 11, 1), "U0BRAM" if n % 2 else "U0CARLA")
        seen = []
        listener = lambda *args: seen.append(args[2])  # noqa: E731
        event.listen(goodwill.db.engine, "before_cursor_execute", listener)
        try:
            state = MemberState(member, True, clock(), None, None)
            assert open_round(goodwill.deps, TEAM_ID, state, "open_left", now=clock(), today=clock().date())
        finally:
            event.remove(goodwill.db.engine, "before_cursor_execute", listener)
        return len(seen)

    assert statements_to_open("U0FEW", 4) == statements_to_open("U0MANY", 40)
    with goodwill.db.sessions() as session:
        assert session.scalar(select(HandoverProposal.proposed_owner).where(HandoverProposal.basis == TIE)) in (
            "U0BRAM",
            "U0CARLA",
        )


@pytest.mark.parametrize(
    ("word", "user_id", "example", "said"),
    [
        (
            "help settings",
            "U0ANNA",
            "`/goodwill leaving @anna 2027-01-29`",
            "proposing who takes over each of their relations",
        ),
        (
            "hulp instellingen",
            "U0BRAM",
            "`/goodwill vertrekt @anna 2027-01-29`",
            "voorstellen voor wie elke relatie overneemt",
        ),
    ],
)
def test_help_explains_the_leaving_date_and_the_hand_over(goodwill, slack, word, user_id, example, said):
    answer = command(goodwill, slack, word, user_id=user_id)
    [section] = [b["text"]["text"] for b in answer["blocks"] if b["type"] == "section" and example in b["text"]["text"]]
    assert said in section
