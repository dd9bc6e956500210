"""kill -9 the clock in the middle of a fan-out, start it again: every DM arrives exactly once.

The clock runs as a real process (tests/support/run_job.py runs the clock's own job at a moment the test
chooses). The stand-in answers chat.postMessage late, and the process is killed right after Slack received a
message and before its answer came back: Slack has the message, the database holds only the claim. That is the
worst moment to die; the takeover of that claim must find the message in Slack instead of sending it again.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from bot.fanout import LEASE
from storage.models import DigestDelivery, Member
from tests.support.processes import kill_9, run_job, start_job
from tests.support.seed import LONG_AGO, add_relation, build_known_history, set_workspace
from tests.support.shown import received
from tests.support.slack_standin import TEAM_ID
from tests.support.stored import deliveries

pytestmark = pytest.mark.faults

THURSDAY_MORNING = datetime(2026, 11, 26, 8, 5, tzinfo=UTC)  # 09:05 in Amsterdam, just after the nudge time
MEMBERS = [f"U0F{i:03d}" for i in range(10)]
# A run that dies holds its workspace for this long (bot.fanout.LEASE), and its claims go stale sooner.
AFTER_THE_LEASE = LEASE + timedelta(minutes=1)
SLOW_ANSWER = 0.3  # seconds each chat.postMessage answer takes: the kill lands while one is on its way


def test_a_clock_killed_mid_nudge_fan_out_sends_every_member_one_dm(db, slack, tmp_path):
    for user in MEMBERS:
        slack.add_user(user, f"Lid {user}", locale="nl-NL")
        add_relation(db.sessions, f"Relatie van {user}", owner=user, last_met=LONG_AGO)
    slack.slow("chat.postMessage", SLOW_ANSWER)

    clock = start_job("nudges", THURSDAY_MORNING, db.url, slack, tmp_path)
    slack.wait_for("chat.postMessage", 4, timeout=60)  # the 4th DM is in Slack, its answer on the way
    kill_9(clock)

    posted = [call["channel"] for call in slack.calls_to("chat.postMessage")]
    in_flight = posted[-1]
    assert len(posted) == 4 < len(MEMBERS)  # died mid-way
    states = {d.user_id: d.status for d in deliveries(db.sessions)}
    assert states[in_flight] == "claimed"  # Slack has that DM; the database only knows it was claimed

    slack.slow("chat.postMessage", 0)
    # The next run once the dead run's hold on the workspace has lapsed (bot.fanout's lease, 30 minutes; its claim
    # went stale after 10): the members not reached yet, and the claim taken over.
    run_job("nudges", THURSDAY_MORNING + AFTER_THE_LEASE, db.url, slack, tmp_path)

    assert received(slack) == dict.fromkeys(MEMBERS, 1)  # what the members see: one DM each
    final = {d.user_id: d for d in deliveries(db.sessions)}
    assert {d.status for d in final.values()} == {"sent"}
    [(in_flight_ts, message)] = [(ts, m) for (channel, ts), m in slack.messages.items() if channel == in_flight]
    assert final[in_flight].message_ts == in_flight_ts  # its buttons and later updates find it
    assert final[in_flight].relation_ids == [
        int(b["block_id"].removeprefix("nudge_")) for b in message["blocks"] if b["type"] == "actions"
    ]


MONDAY_MORNING = datetime(2026, 11, 23, 8, 5, tzinfo=UTC)  # 09:05 in Amsterdam: the digest of week 47 is due
CHANNEL = "C0DIGEST"
LEADS = ["U0ANNA", "U0BRAM", "U0CEES"]


def test_a_clock_killed_twice_mid_digest_posts_it_and_each_leads_copy_once(db, slack, tmp_path):
    with db.sessions() as session, session.begin():
        build_known_history(session, slack)
        for lead in LEADS:
            session.get(Member, (TEAM_ID, lead)).is_lead = True
    set_workspace(db.sessions, digest_channel=CHANNEL)
    slack.add_channel(CHANNEL, "netwerk")
    slack.slow("chat.postMessage", SLOW_ANSWER)

    # Killed while the channel's digest is on its way.
    clock = start_job("weekly_digest", MONDAY_MORNING, db.url, slack, tmp_path)
    slack.wait_for("chat.postMessage", 1, timeout=60)
    kill_9(clock)
    # Once the dead run's lease and claim have lapsed (30 and 15 minutes) its claim is taken over, and that run is
    # killed too, while the second lead's copy is on its way.
    clock = start_job("weekly_digest", MONDAY_MORNING + AFTER_THE_LEASE, db.url, slack, tmp_path)
    slack.wait_for("chat.postMessage", 3, timeout=60)
    kill_9(clock)
    slack.slow("chat.postMessage", 0)
    run_job("weekly_digest", MONDAY_MORNING + 2 * AFTER_THE_LEASE, db.url, slack, tmp_path)

    digests = {channel: 0 for channel in [CHANNEL, *("D" + lead[1:] for lead in LEADS)]}
    for channel, _ts in slack.messages:
        digests[channel] += 1
    assert digests == dict.fromkeys(digests, 1)  # the channel and every lead: one digest each …
    for channel in digests:
        assert len(slack.shared_files(channel)) == 1, channel  # … and one chart each
    with db.sessions() as session:
        [row] = session.scalars(select(DigestDelivery)).all()
    assert (row.status, row.channel_id) == ("sent", CHANNEL)
    assert row.message_ts == next(ts for channel, ts in slack.messages if channel == CHANNEL)
