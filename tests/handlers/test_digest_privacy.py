"""The digest's "Give and take" goes to a channel (and the same figures to the leads): what was given or taken
in a private meeting is its author's alone, and is never counted there."""

from __future__ import annotations

from datetime import date

from bot.digests import run_weekly_digest
from storage.models import Member, Workspace
from tests.support.seed import CHANNEL, MONDAY_0900_AMSTERDAM, W47, build_known_history, meeting
from tests.support.shown import posted_digest_section
from tests.support.slack_standin import TEAM_ID

# The known history's shared exchanges: Lotte only gives (4×), Ahmed mostly takes (3× against 1×).
SHARED_ONLY = (
    "*Give and take*\n"
    "Relations where the logged give and take over the last year is lopsided (2):\n"
    "• *Lotte de Graaf* (Ministerie van BZK), owner Bram Jansen — we mostly ask (they offered 4×, we offered 0×)\n"
    "• *Ahmed Yilmaz* (Vluchtelingenwerk), owner Cees Visser — we mostly give (we offered 3×, they offered 1×)"
)


def test_private_gives_and_takes_count_neither_in_the_channel_nor_in_the_leads_copy(goodwill, slack, clock, db):
    with db.sessions() as session, session.begin():
        r = build_known_history(session, slack)
        session.get(Member, (TEAM_ID, "U0BRAM")).is_lead = True
        session.get(Member, (TEAM_ID, "U0ANNA")).is_lead = True
        for day in (date(2026, 4, 1), date(2026, 5, 1), date(2026, 6, 1)):  # Sanne: only private gives
            meeting(session, r["sanne"], day, by="U0ANNA", gave="persoonlijke hulp", private=True)
        for day in (date(2026, 9, 1), date(2026, 10, 1)):  # Ahmed: private takes would even him out
            meeting(session, r["ahmed"], day, by="U0CEES", got="vertrouwelijk advies", private=True)
        session.get(Workspace, TEAM_ID).digest_channel = CHANNEL

    clock.set(MONDAY_0900_AMSTERDAM)
    [outcome] = run_weekly_digest(goodwill.deps, clock())

    assert (outcome.status, outcome.week) == ("sent", W47)
    assert posted_digest_section(slack, CHANNEL, "Give and take") == SHARED_ONLY
    copies = {c["channel"]: str(c["blocks"]) for c in slack.calls_to("chat.postMessage") if c["channel"] != CHANNEL}
    assert sorted(outcome.lead_copies) == ["U0ANNA", "U0BRAM"] and len(copies) == 2
    anna, bram = copies["D0ANNA"], copies["D0BRAM"]  # the leads' DMs
    assert "we mostly give (we offered 3×, they offered 1×)" in anna  # Anna reads English
    assert "wij geven vooral (wij boden 3× iets aan, zij 1×)" in bram  # Bram reads Dutch
    # Her only exchanges were private: she is not under give and take (she is, as quiet, under what needs attention).
    assert (
        "Sanne Visser" not in anna.split("Give and take")[1] and "Sanne Visser" not in bram.split("Geven en nemen")[1]
    )
