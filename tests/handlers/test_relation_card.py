"""The relation card's buttons, the App Home, and forgetting a person — through signed HTTP and the
stand-in."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import select

from storage.history import change_relation
from storage.models import AuditEntry, DigestDelivery, Interaction, Member, Relation
from tests.support import seed
from tests.support.seed import build_known_network
from tests.support.shown import actions_of, open_home, reply, reply_to_click, text_of, view_of
from tests.support.slack_standin import TEAM_ID
from tests.support.stored import every_text


@pytest.fixture
def network(goodwill, slack):
    return build_known_network(goodwill.db.sessions, slack)


def relation(goodwill, relation_id: int) -> Relation:
    with goodwill.db.sessions() as session:
        return session.get(Relation, relation_id)


def test_change_owner_stores_it_and_redraws_the_card_but_no_home(goodwill, slack, network):
    card = reply_to_click(
        goodwill,
        "relation_owner",
        block_id=f"relation_card:{network.jan}",
        action_type="users_select",
        selected_user="U0BRAM",
    )
    assert relation(goodwill, network.jan).owner_id == "U0BRAM"
    assert card["replace_original"] is True and "Owner: <@U0BRAM>" in text_of(card)
    goodwill.settle()
    assert slack.calls_to("views.publish") == []  # the card is a message: no Home is drawn (bot.redraw)


def test_snooze_for_two_weeks_and_wake_up(goodwill, slack, network):
    card = reply_to_click(
        goodwill,
        "relation_snooze",
        block_id=f"relation_card_more:{network.karin_rk}",
        action_type="static_select",
        selected_option={"value": "2w"},
    )
    assert relation(goodwill, network.karin_rk).snoozed_until == date(2026, 12, 10)
    assert "Snoozed until Thursday 10 December 2026" in text_of(card)
    reply_to_click(
        goodwill,
        "relation_snooze",
        block_id=f"relation_card_more:{network.karin_rk}",
        action_type="static_select",
        selected_option={"value": "off"},
    )
    assert relation(goodwill, network.karin_rk).snoozed_until is None


def test_archive_and_restore(goodwill, slack, network):
    card = reply_to_click(goodwill, "relation_archive", str(network.piet), user_id="U0BRAM")
    assert relation(goodwill, network.piet).archived is True
    assert "Gearchiveerd" in text_of(card)
    assert "relation_restore" in [e.get("action_id") for e in actions_of(card)]
    assert "`#wonen` — 1 relation," in text_of(reply(goodwill, "/network", ""))  # archived leaves lists
    reply_to_click(goodwill, "relation_restore", str(network.piet), user_id="U0BRAM")
    assert relation(goodwill, network.piet).archived is False


def test_tier_and_cadence_modal_validates_stores_and_redraws(goodwill, slack, network):
    goodwill.block_action("relation_tier", str(network.piet), user_id="U0BRAM")  # Bram's own relation
    [opened] = slack.wait_for("views.open")
    view = view_of(opened)
    assert view["callback_id"] == "relation_tier_modal"
    assert "Piet de Vries" in json.dumps(view)

    bad = goodwill.view_submission(
        view,
        {
            "tier": {"tier": {"selected_option": {"value": "key"}}},
            "cadence": {"cadence": {"value": "every week"}},
        },
        user_id="U0BRAM",
    )
    assert bad.json() == {
        "response_action": "errors",
        "errors": {"cadence": "Graag een heel aantal dagen van 1 tot en met 730."},
    }
    assert relation(goodwill, network.piet).tier == "regular"

    before = len(slack.calls_to("response_url"))
    ok = goodwill.view_submission(
        view,
        {"tier": {"tier": {"selected_option": {"value": "key"}}}, "cadence": {"cadence": {"value": "45"}}},
        user_id="U0BRAM",
    )
    assert ok.status == 200 and not ok.body
    stored = relation(goodwill, network.piet)
    assert (stored.tier, stored.cadence_days, stored.due_on) == ("key", 45, date(2026, 10, 12))
    redrawn = slack.wait_for("response_url", before + 1)[before].params
    assert redrawn["replace_original"] is True and "sleutelrelatie (elke 45 dagen)" in text_of(redrawn)


def test_add_theme_modal(goodwill, slack, network):
    goodwill.block_action("relation_theme", str(network.jan))
    [opened] = slack.wait_for("views.open")
    view = view_of(opened)
    bad = goodwill.view_submission(view, {"themes": {"themes": {"value": "<!channel> !!"}}})
    assert bad.json()["response_action"] == "errors"
    goodwill.view_submission(view, {"themes": {"themes": {"value": "#Klimaat, energie"}}})
    assert [t.name for t in relation(goodwill, network.jan).themes] == ["energie", "klimaat", "wonen"]
    redrawn = slack.wait_for("response_url", 1)[-1].params
    assert "`#energie` `#klimaat` `#wonen`" in text_of(redrawn)


# --- App Home ------------------------------------------------------------------------------------------
def test_home_shows_quiet_then_cooling_relations_and_last_meetings(goodwill, slack, network):

    with goodwill.db.sessions() as session, session.begin():
        # Met 21 days ago: quiet since 15 Nov.
        change_relation(session, TEAM_ID, network.jan, tier="key", cadence_days=10)
        fenna = seed.relation(session, "Fenna Bos", created_on=date(2026, 1, 1))
        seed.meeting(session, fenna, date(2026, 10, 27), kind="message")  # 40 · 0.5^(30/90) = 32: cooling, not quiet
    home = open_home(goodwill, "U0ANNA")
    assert home["type"] == "home" and len(home["blocks"]) <= 100
    text = json.dumps(home, ensure_ascii=False)
    assert "3 relations need you" in text
    # The to-do first: quiet (key relations before wider ones), then cooling; then the last meetings.
    jan, karin, fenna = (text.index(name) for name in ("*Jan de Vries*", "*Karin Mulder* (Rode Kruis)", "*Fenna Bos*"))
    assert text.index("Log a meeting") < jan < karin < fenna < text.index("Your last meetings")
    assert "A relation goes quiet when nobody has logged contact for longer than its cadence" in text
    assert "Warmth runs from 0 to 100" in text
    assert "quiet since Sunday 15 November 2026" in text and "quiet since Tuesday 30 June 2026" in text
    assert "32 · cooling · last contact 4 weeks ago" in text
    assert "Your last meetings" in text and "Fenna Bos — 4 weeks ago" in text
    assert "home_log_meeting" in text
    assert "weekly digest" not in text  # Anna is no lead


def test_home_lists_cooling_relations_after_quiet_ones_in_dutch(goodwill, slack, network):
    home = json.dumps(open_home(goodwill, "U0BRAM"), ensure_ascii=False)
    # Bram owns Piet (50, cooling, not yet quiet: due today) and Karin GDH (95, warm).
    assert "1 relatie vraagt je aandacht" in home
    assert "*Piet de Vries* (Woonbond)" in home and "50 · afkoelend" in home
    assert "Karin Mulder" not in home.split("Je laatste gesprekken")[0]
    assert "Karin Mulder — 6 dagen geleden" in home


def test_a_lead_gets_a_link_to_the_latest_digest(goodwill, slack, network):
    open_home(goodwill, "U0ANNA")  # caches Anna as a member
    with goodwill.db.sessions() as session, session.begin():
        session.get(Member, (TEAM_ID, "U0ANNA")).is_lead = True
        session.add_all(
            [
                DigestDelivery(
                    team_id=TEAM_ID,
                    week="2026-W47",
                    status="sent",
                    channel_id="C0NET",
                    message_ts="1763900000.000200",
                ),
                DigestDelivery(
                    team_id=TEAM_ID,
                    week="2026-W48",
                    status="sent",
                    channel_id="C0NET",
                    message_ts="1764500000.000300",
                ),
            ]
        )
    home = json.dumps(open_home(goodwill, "U0ANNA"))
    assert "<https://slack.com/archives/C0NET/p1764500000000300|open it in Slack>" in home


def test_home_of_a_new_member_invites_them_to_log(goodwill, slack):
    home = json.dumps(open_home(goodwill, "U0ANNA"))
    assert "You don't own any relations yet" in home


# --- forget --------------------------------------------------------------------------------------------
def test_forget_erases_the_person_everywhere_and_audits_without_personal_data(goodwill, slack, network):
    assert "jan de vries" in every_text(goodwill.db)
    confirm = reply(goodwill, "/goodwill", "forget Jan de Vries", user_id="U0ANNA")
    assert "Forget *Jan de Vries* for good?" in text_of(confirm)
    assert "2 logged meetings and 0 invitations" in text_of(confirm)
    button = next(b for b in actions_of(confirm) if b["action_id"] == "forget_confirm")
    assert button["confirm"]["title"]["text"] == "Are you sure?"

    done = reply_to_click(goodwill, "forget_confirm", button["value"], user_id="U0ANNA")
    assert "Forgotten" in text_of(done) and "removed from 1 other note." in text_of(done)
    remaining = every_text(goodwill.db)
    for trace in ("jan de vries", "koffie over huisvesting", "gaat verhuizen", "wachtlijsten"):
        assert trace not in remaining
    with goodwill.db.sessions() as session:
        assert session.get(Relation, network.jan) is None
        assert session.scalars(select(Interaction).where(Interaction.relation_id == network.jan)).all() == []
        [entry] = session.scalars(select(AuditEntry)).all()
        assert (entry.actor, entry.action) == ("U0ANNA", "relation.forgotten")
        assert entry.detail == {
            "relation_id": network.jan,
            "interactions": 2,
            "invitations": 0,
            "mentions_erased": 1,
            "gatherings_erased": 0,
        }
        piet_notes = session.scalars(select(Interaction.notes).where(Interaction.relation_id == network.piet)).one()
    assert piet_notes == "over huurbeleid; […] was er ook"
    assert "Jan de Vries" not in text_of(reply(goodwill, "/whoknows", "Gemeente Den Haag"))


def test_only_the_owner_or_an_admin_may_forget(goodwill, slack, network):
    refused = reply(goodwill, "/goodwill", "vergeet Jan de Vries", user_id="U0BRAM")
    assert "Alleen de eigenaar van de relatie (<@U0ANNA>)" in text_of(refused)
    # The owner's own button, pressed by Bram, is refused too: the check is repeated when the button is pressed.
    offered = reply(goodwill, "/goodwill", "forget Jan de Vries", user_id="U0ANNA")
    owners_button = next(b for b in actions_of(offered) if b["action_id"] == "forget_confirm")["value"]
    forged = reply_to_click(goodwill, "forget_confirm", owners_button, user_id="U0BRAM")
    assert "Alleen de eigenaar" in text_of(forged)
    # And a value made up from the relation's id alone refers to nothing.
    made_up = reply_to_click(goodwill, "forget_confirm", str(network.jan), user_id="U0ANNA")
    assert "no longer exists" in text_of(made_up)
    assert relation(goodwill, network.jan) is not None

    slack.add_user("U0ADMIN", "Ada Admin", is_admin=True)
    allowed = reply(goodwill, "/goodwill", "forget Jan de Vries", user_id="U0ADMIN")
    assert "for good?" in text_of(allowed)


def test_a_stale_forget_button_never_erases_someone_created_since(goodwill, slack):
    """Anna asks to forget Jan twice and confirms the second time; then she logs Piet, someone new. Pressing the
    first confirmation's button now erases nothing — not Piet, whatever id he got — and says so."""
    goodwill.command("/met", "Jan de Vries yesterday: koffie")
    stale = next(
        b for b in actions_of(reply(goodwill, "/goodwill", "forget Jan de Vries")) if b["action_id"] == "forget_confirm"
    )
    again = next(
        b for b in actions_of(reply(goodwill, "/goodwill", "forget Jan de Vries")) if b["action_id"] == "forget_confirm"
    )
    assert "Forgotten" in text_of(reply_to_click(goodwill, "forget_confirm", again["value"]))
    goodwill.command("/met", "Piet Bakker yesterday: lunch")

    answer = reply_to_click(goodwill, "forget_confirm", stale["value"])

    assert "no longer exists" in text_of(answer)
    with goodwill.db.sessions() as session:
        [piet] = session.scalars(select(Relation)).all()
        assert piet.name == "Piet Bakker" and len(session.scalars(select(Interaction)).all()) == 1
    # The stale button made to point at Piet's id is refused as well: it showed someone else.
    forged = f"{piet.id}.{stale['value'].partition('.')[2]}"
    assert "no longer exists" in text_of(reply_to_click(goodwill, "forget_confirm", forged))
    assert relation(goodwill, piet.id) is not None


def test_forget_an_ambiguous_name_asks_which_then_cancel_keeps_everything(goodwill, slack, network):
    which = reply(goodwill, "/goodwill", "forget Karin Mulder", user_id="U0ANNA")
    rode_kruis = actions_of(which)[1]
    confirm = reply_to_click(goodwill, rode_kruis["action_id"], rode_kruis["value"], user_id="U0ANNA")
    assert "Forget *Karin Mulder* for good?" in text_of(confirm)
    cancelled = reply_to_click(goodwill, "forget_cancel", rode_kruis["value"], user_id="U0ANNA")
    assert "Nothing was erased" in text_of(cancelled)
    assert relation(goodwill, network.karin_rk) is not None


def test_log_a_meeting_from_the_card_and_from_home_opens_the_recording_modal(goodwill, slack, network):
    goodwill.block_action("relation_log", str(network.jan))
    [opened] = slack.wait_for("views.open")
    view = view_of(opened)
    assert view["callback_id"] == "meeting"
    assert "Jan de Vries" in json.dumps(view, ensure_ascii=False)

    goodwill.block_action("home_log_meeting", "new", user_id="U0BRAM", view={"id": "V0HOME", "type": "home"})
    opened = slack.wait_for("views.open", 2)[1]
    view = view_of(opened)
    assert view["title"]["text"] == "Gesprek vastleggen"
