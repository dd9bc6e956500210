"""Who may change a relation, told through the card as Slack would send it: a plain member's crafted clicks
and submissions change nothing and get a polite private answer; the owner, an admin or a lead may, and every
change leaves an audit row. (The known network: Jan de Vries and Karin Mulder (Rode Kruis) are Anna's, Piet
de Vries and Karin Mulder (Gemeente Den Haag) are Bram's; Anna and Bram are plain members.)"""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import select

from storage.models import AuditEntry, Relation
from tests.support.seed import build_known_network
from tests.support.shown import reply, text_of, view_of


@pytest.fixture
def network(goodwill, slack):
    return build_known_network(goodwill.db.sessions, slack)


def click(goodwill, slack, action_id: str, relation_id: int, *, user_id: str, **kwargs) -> dict:
    """A click on a relation card (the relation's id in the block id, as the card sends it); what came back."""
    before = len(slack.calls_to("response_url"))
    block = (
        "relation_card" if action_id in ("relation_owner", "relation_tier", "relation_theme") else "relation_card_more"
    )
    value = None if action_id in ("relation_owner", "relation_snooze") else str(relation_id)
    response = goodwill.block_action(action_id, value, block_id=f"{block}:{relation_id}", user_id=user_id, **kwargs)
    assert response.status == 200
    return slack.wait_for("response_url", before + 1)[before].params


def hand_over(goodwill, slack, relation_id: int, to: str, *, user_id: str) -> dict:
    return click(
        goodwill, slack, "relation_owner", relation_id, user_id=user_id, action_type="users_select", selected_user=to
    )


def snooze(goodwill, slack, relation_id: int, *, user_id: str) -> dict:
    return click(
        goodwill,
        slack,
        "relation_snooze",
        relation_id,
        user_id=user_id,
        action_type="static_select",
        selected_option={"value": "2w"},
    )


def stored(goodwill, relation_id: int) -> tuple:
    with goodwill.db.sessions() as session:
        r = session.get(Relation, relation_id)
        return (r.owner_id, r.archived, r.snoozed_until, r.tier, r.cadence_days, sorted(t.name for t in r.themes))


def audit(goodwill) -> list[tuple[str, str, dict]]:
    with goodwill.db.sessions() as session:
        rows = session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
        return [(row.actor, row.action, row.detail) for row in rows]


def refused(answer: dict, owner: str = "U0ANNA") -> bool:
    """A private answer that leaves the card as it was and says whose relation it is."""
    return (
        answer.get("response_type") == "ephemeral"
        and answer.get("replace_original") is False
        and f"<@{owner}>" in answer["text"]
    )


def make_lead(goodwill, slack, user_id: str, name: str) -> None:
    """An admin marks a colleague as team lead, as in Slack."""
    slack.add_user("U0ADA", "Ada Admin", is_admin=True)
    slack.add_user(user_id, name)
    answer = reply(goodwill, "/goodwill", f"lead <@{user_id}>", user_id="U0ADA")
    assert "lead" in answer["text"].lower()


def opened_view(slack, count: int = 1) -> dict:
    opened = slack.wait_for("views.open", count)[count - 1]
    return view_of(opened)


TIER_KEY_45 = {"tier": {"tier": {"selected_option": {"value": "key"}}}, "cadence": {"cadence": {"value": "45"}}}


# --- a plain member, crafting clicks on a colleague's relation ------------------------------------------
def test_a_colleagues_card_offers_a_member_only_to_log_a_meeting(goodwill, slack, network):
    def controls(card: dict) -> list[str]:
        return [e["action_id"] for b in card["blocks"] if b["type"] == "actions" for e in b["elements"]]

    assert controls(reply(goodwill, "/relation", "Jan de Vries", user_id="U0BRAM")) == ["relation_log"]
    mine = controls(reply(goodwill, "/relation", "Jan de Vries", user_id="U0ANNA"))
    assert {"relation_owner", "relation_tier", "relation_archive", "relation_snooze"} <= set(mine)


def test_a_member_cannot_archive_snooze_or_take_over_a_colleagues_relation(goodwill, slack, network):
    before = stored(goodwill, network.jan)

    assert refused(click(goodwill, slack, "relation_archive", network.jan, user_id="U0BRAM"))
    assert refused(snooze(goodwill, slack, network.jan, user_id="U0BRAM"))
    assert refused(hand_over(goodwill, slack, network.jan, "U0BRAM", user_id="U0BRAM"))

    assert stored(goodwill, network.jan) == before
    assert audit(goodwill) == []


def test_a_member_cannot_restore_a_colleagues_archived_relation(goodwill, slack, network):
    click(goodwill, slack, "relation_archive", network.jan, user_id="U0ANNA")  # Anna archives her own
    assert stored(goodwill, network.jan)[1] is True

    assert refused(click(goodwill, slack, "relation_restore", network.jan, user_id="U0BRAM"))
    assert stored(goodwill, network.jan)[1] is True
    assert [action for _, action, _ in audit(goodwill)] == ["relation.archive"]


def test_a_member_cannot_open_the_tier_or_theme_modal_of_a_colleagues_relation(goodwill, slack, network):
    assert refused(click(goodwill, slack, "relation_tier", network.jan, user_id="U0BRAM"))
    assert refused(click(goodwill, slack, "relation_theme", network.jan, user_id="U0BRAM"))
    assert slack.calls_to("views.open") == []


def test_a_modal_submitted_with_another_relations_id_changes_nothing(goodwill, slack, network):
    """Bram opens the tier modal of his own Piet, then submits it with Anna's Jan in private_metadata."""
    goodwill.block_action("relation_tier", str(network.piet), user_id="U0BRAM")
    view = opened_view(slack)
    metadata = json.loads(view["private_metadata"])
    forged = dict(view, private_metadata=json.dumps({**metadata, "relation_id": network.jan}))
    before = stored(goodwill, network.jan)

    answer = goodwill.view_submission(forged, TIER_KEY_45, user_id="U0BRAM")
    assert answer.status == 200
    errors = answer.json()
    assert errors["response_action"] == "errors" and "tier" in errors["errors"]

    goodwill.block_action("relation_theme", str(network.piet), user_id="U0BRAM")
    theme_view = opened_view(slack, 2)
    forged = dict(theme_view, private_metadata=json.dumps({"relation_id": network.jan}))
    answer = goodwill.view_submission(forged, {"themes": {"themes": {"value": "#lobby"}}}, user_id="U0BRAM")
    assert answer.json()["response_action"] == "errors"

    assert stored(goodwill, network.jan) == before
    assert audit(goodwill) == []


def test_the_owner_picker_refuses_a_bot_someone_who_left_and_an_unknown_id(goodwill, slack, network):
    slack.add_user("U0GONE", "Gert Weg", deleted=True)
    slack.add_user("U0ROBOT", "Robot", is_bot=True)
    before = stored(goodwill, network.jan)

    for heir in ("U0ROBOT", "U0GONE", "U0NOBODY", "USLACKBOT"):
        answer = hand_over(goodwill, slack, network.jan, heir, user_id="U0ANNA")
        assert answer["response_type"] == "ephemeral" and answer["replace_original"] is False
        assert "cannot own relations" in answer["text"]

    assert stored(goodwill, network.jan) == before
    assert audit(goodwill) == []
    assert [c for c in slack.calls_to("chat.postMessage") if c["channel"] in ("U0GONE", "U0ROBOT")] == []


def test_after_a_refused_take_over_the_member_still_cannot_forget_the_relation(goodwill, slack, network):
    hand_over(goodwill, slack, network.jan, "U0BRAM", user_id="U0BRAM")
    answer = reply(goodwill, "/goodwill", "forget Jan de Vries", user_id="U0BRAM")
    assert "for good?" not in text_of(answer)
    assert stored(goodwill, network.jan)[0] == "U0ANNA"


# --- the owner, an admin, a lead ---------------------------------------------------------------------
def test_the_owner_hands_over_from_the_card_with_an_audit_row_and_the_new_owner_is_told(goodwill, slack, network):
    card = hand_over(goodwill, slack, network.jan, "U0BRAM", user_id="U0ANNA")

    assert card["replace_original"] is True and "Owner: <@U0BRAM>" in text_of(card)
    assert stored(goodwill, network.jan)[0] == "U0BRAM"
    [(actor, action, detail)] = audit(goodwill)
    assert (actor, action) == ("U0ANNA", "relation.hand_over")
    assert detail == {"relation_id": network.jan, "previous_owner": "U0ANNA", "new_owner": "U0BRAM"}
    [told] = slack.wait_for("chat.postMessage", where=lambda c: c["channel"] == "U0BRAM")
    assert "<@U0ANNA> heeft *Jan de Vries* aan jou overgedragen" in json.dumps(told.params, ensure_ascii=False)


def test_an_admin_archives_and_restores_a_members_relation_and_the_owner_is_told(goodwill, slack, network):
    slack.add_user("U0ADA", "Ada Admin", is_admin=True)

    card = click(goodwill, slack, "relation_archive", network.jan, user_id="U0ADA")
    assert card["replace_original"] is True
    assert stored(goodwill, network.jan)[1] is True
    click(goodwill, slack, "relation_restore", network.jan, user_id="U0ADA")
    assert stored(goodwill, network.jan)[1] is False

    assert [(actor, action) for actor, action, _ in audit(goodwill)] == [
        ("U0ADA", "relation.archive"),
        ("U0ADA", "relation.restore"),
    ]
    told = slack.wait_for("chat.postMessage", 2, where=lambda c: c["channel"] == "U0ANNA")
    assert "Jan de Vries" in json.dumps(told[0].params, ensure_ascii=False)


def test_a_lead_changes_the_tier_of_a_members_relation_through_the_modal(goodwill, slack, network):
    make_lead(goodwill, slack, "U0LEO", "Leo Lead")

    goodwill.block_action("relation_tier", str(network.piet), user_id="U0LEO")
    view = opened_view(slack)
    answer = goodwill.view_submission(view, TIER_KEY_45, user_id="U0LEO")
    assert answer.status == 200 and not answer.body

    owner, _, _, tier, cadence, _ = stored(goodwill, network.piet)
    assert (owner, tier, cadence) == ("U0BRAM", "key", 45)
    [(actor, action, detail)] = audit(goodwill)
    assert (actor, action) == ("U0LEO", "relation.tier")
    assert detail["tier"] == "key" and detail["cadence_days"] == 45 and detail["previous_tier"] == "regular"
    [told] = slack.wait_for("chat.postMessage", where=lambda c: c["channel"] == "U0BRAM")
    assert "<@U0LEO> heeft van *Piet de Vries* een sleutelrelatie gemaakt" in json.dumps(
        told.params, ensure_ascii=False
    )
    [card] = slack.wait_for("response_url", where=lambda c: "/act" in c.path)  # the card the modal came from
    assert "<@U0BRAM> looks after *Piet de Vries* and has been told of this change" in text_of(card.params)


def test_the_owner_snoozes_and_adds_a_theme_with_audit_rows_and_nobody_is_told(goodwill, slack, network):
    snooze(goodwill, slack, network.karin_rk, user_id="U0ANNA")
    goodwill.block_action("relation_theme", str(network.karin_rk), user_id="U0ANNA")
    view = opened_view(slack)
    answer = goodwill.view_submission(view, {"themes": {"themes": {"value": "#lobby"}}}, user_id="U0ANNA")
    assert answer.status == 200 and not answer.body

    _, _, snoozed_until, _, _, themes = stored(goodwill, network.karin_rk)
    assert snoozed_until == date(2026, 12, 10) and themes == ["lobby", "zorg"]
    assert [(actor, action) for actor, action, _ in audit(goodwill)] == [
        ("U0ANNA", "relation.snooze"),
        ("U0ANNA", "relation.themes"),
    ]
    slack.wait_for("response_url", 2)  # the card redrawn after the theme
    assert slack.calls_to("chat.postMessage") == []


# --- a tier asked for while recording (/met … !key) ----------------------------------------------------
def met(goodwill, text: str, *, user_id: str) -> str:
    response = goodwill.command("/met", text, user_id=user_id)
    assert response.status == 200
    return text_of(response.json())


def test_a_member_logging_a_colleagues_relation_as_key_keeps_its_tier_and_is_told_why(goodwill, slack, network):
    answer = met(goodwill, "Piet de Vries !key yesterday: koffie", user_id="U0ANNA")

    assert "Piet de Vries" in answer and "keeps its tier" in answer and "<@U0BRAM>" in answer
    owner, _, _, tier, cadence, _ = stored(goodwill, network.piet)
    assert (owner, tier, cadence) == ("U0BRAM", "regular", 90)
    assert audit(goodwill) == []
    goodwill.settle()  # the follow-up has run
    assert [c for c in slack.calls_to("chat.postMessage") if c["channel"] == "U0BRAM"] == []


def test_a_lead_logging_a_colleagues_relation_as_key_changes_it_says_so_and_tells_the_owner(goodwill, slack, network):
    make_lead(goodwill, slack, "U0LEO", "Leo Lead")

    answer = met(goodwill, "Piet de Vries !key yesterday: koffie", user_id="U0LEO")

    assert "Piet de Vries* is now a key relation (contact every 30 days)" in answer
    assert "<@U0BRAM> looks after it and has been told" in answer
    _, _, _, tier, cadence, _ = stored(goodwill, network.piet)
    assert (tier, cadence) == ("key", 30)
    [(actor, action, detail)] = audit(goodwill)
    assert (actor, action, detail["previous_tier"]) == ("U0LEO", "relation.tier", "regular")
    [told] = slack.wait_for("chat.postMessage", where=lambda c: c["channel"] == "U0BRAM")
    assert "<@U0LEO> heeft van *Piet de Vries* een sleutelrelatie gemaakt" in json.dumps(
        told.params, ensure_ascii=False
    )


def test_the_owner_logging_their_own_relation_as_key_just_changes_it(goodwill, slack, network):
    answer = met(goodwill, "Piet de Vries !key gisteren: koffie", user_id="U0BRAM")

    assert "bericht gekregen" not in answer and "houdt het huidige niveau" not in answer
    assert stored(goodwill, network.piet)[3] == "key"
    assert [action for _, action, _ in audit(goodwill)] == ["relation.tier"]
    goodwill.settle()  # the follow-up has run
    assert slack.calls_to("chat.postMessage") == []
