"""The hand-over DM within Slack's limits, with real plurals in English and Dutch (bot.render.handover)."""

from __future__ import annotations

from datetime import date

import pytest

from bot.domain.handover import ProposalLine
from bot.render.handover import RoundView, proposals_message, successors


def line(n: int, status: str = "pending", basis: str = "tie") -> ProposalLine:
    detail = {"warmth": 40, "last_met_on": "2026-11-01"} if basis == "tie" else {}
    return ProposalLine(
        relation_id=n,
        name=f"Relatie {n} " + "x" * 150,
        organisation="Gemeente Den Haag",
        tier="regular",
        proposed_owner="U0LEA" if basis == "lead" else "U0BRAM",
        basis=basis,
        detail=detail,
        status=status,
        decided_owner="U0BRAM" if status != "pending" else None,
        decided_by="U0LEA" if status != "pending" else None,
        owner_now="U0ANNA",
        archived=False,
    )


def view(lines, **kwargs) -> RoundView:
    values = dict(
        handover_id=7,
        member_id="U0ANNA",
        member_name="Anna de Vries",
        reason="left",
        status="open",
        leaving_on=None,
        lead="U0LEA",
        lead_name="Lea Leider",
        lines=lines,
    )
    return RoundView(**{**values, **kwargs})


def test_a_large_hand_over_fits_one_message_and_the_rest_follows_as_decisions_are_made():
    lines = [line(n) for n in range(1, 81)] + [line(n, "accepted") for n in range(81, 121)]
    message = proposals_message(view(lines), "en")
    blocks = message["blocks"]
    assert len(blocks) <= 50
    assert len({b["block_id"] for b in blocks if "block_id" in b}) == len([b for b in blocks if "block_id" in b])
    pickers = [b for b in blocks if b.get("accessory", {}).get("action_id") == "handover_pick"]
    [actions] = [b for b in blocks if b["type"] == "actions"]
    [accept, to_lead] = actions["elements"]
    shown = [int(b["block_id"].rsplit(":", 1)[1]) for b in pickers]
    assert accept["value"] == "7:" + ",".join(map(str, shown)) and len(accept["value"]) <= 2000
    assert accept["text"]["text"] == f"Accept all {len(shown)} proposals"
    assert len(to_lead["options"]) == len(shown) and all(len(o["text"]["text"]) <= 75 for o in to_lead["options"])
    shown_text = str(blocks)
    assert f"and {80 - len(shown)} more: they appear here as these are decided" in shown_text
    assert shown_text.count(":white_check_mark:") == 40  # every decided line, packed in a few sections
    assert message["text"] == "Anna de Vries has left. Anna kept 120 relations; all 120 have an obvious successor."


@pytest.mark.parametrize(
    ("total", "obvious", "en", "nl"),
    [
        (1, 1, "it has an obvious successor", "daarvoor is er een duidelijke opvolger"),
        (1, 0, "it has no obvious successor", "daarvoor is er geen duidelijke opvolger"),
        (34, 29, "29 have an obvious successor", "voor 29 daarvan is er een duidelijke opvolger"),
        (34, 1, "1 has an obvious successor", "voor 1 daarvan is er een duidelijke opvolger"),
        (34, 0, "none has an obvious successor", "voor geen enkele is er een duidelijke opvolger"),
        (2, 2, "all 2 have an obvious successor", "voor alle 2 is er een duidelijke opvolger"),
    ],
)
def test_successors_are_counted_in_real_plurals(total, obvious, en, nl):
    assert (successors(total, obvious, "en"), successors(total, obvious, "nl")) == (en, nl)


def test_one_relation_and_a_leaving_date_read_naturally_in_dutch():
    message = proposals_message(view([line(1, basis="lead")], reason="leaving", leaving_on=date(2027, 1, 29)), "nl")
    assert message["text"] == (
        "Anna de Vries vertrekt op vrijdag 29 januari 2027. Anna beheert 1 relatie; daarvoor is er geen duidelijke"
        " opvolger."
    )
    [actions] = [b for b in message["blocks"] if b["type"] == "actions"]
    assert actions["elements"][0]["text"]["text"] == "Voorstel accepteren"
    assert len(actions["elements"]) == 1  # proposed to the lead already: no "hand to the lead" for it
