"""Slack answers 429 and 5xx during a nudge fan-out: afterwards every member has their DM, once.

How the outage is made short without being made up: Slack's minute of trouble is the stand-in's next
OUTAGE_ANSWERS answers to any Web API method, cycling through 503, 429 (with Retry-After: 0, so slack-sdk's
RateLimitErrorRetryHandler waits under a second instead of Slack's usual one or more) and 500 (retried with
slack-sdk's back-off), none of which takes effect. That is enough for users.list and the first member's DM to
exhaust their retries while the outage lasts. The clock's next tick, five minutes later on the test's clock,
finds Slack back, as a real clock would after a minute's outage.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.nudges import run_daily_nudge
from tests.support.seed import LONG_AGO, add_relation
from tests.support.shown import received
from tests.support.stored import deliveries

pytestmark = pytest.mark.faults

MEMBERS = [f"U0S{i:03d}" for i in range(10)]
OUTAGE_ANSWERS = 8  # users.list's four attempts, then four for the first member's DM


def test_slack_unavailable_during_the_fan_out_every_member_gets_one_dm_afterwards(goodwill, slack, clock):
    for user in MEMBERS:
        slack.add_user(user, f"Member {user}", locale="en-GB")
        add_relation(goodwill.db.sessions, f"Relation of {user}", owner=user, last_met=LONG_AGO)
    clock.set(datetime(2026, 11, 26, 8, 5, tzinfo=UTC))  # Thursday 09:05 in Amsterdam
    slack.outage(OUTAGE_ANSWERS, statuses=(503, 429, 429, 500))

    during = run_daily_nudge(goodwill.deps, clock())

    assert slack.outage_left == 0
    assert during.count("failed") == 1 and during.count("sent") == len(MEMBERS) - 1
    attempts = slack.calls_to("chat.postMessage")
    assert len(attempts) == len(MEMBERS) + 3  # the first member's DM was tried four times
    assert {d.status for d in deliveries(goodwill.db.sessions)} == {"sent", "failed"}

    clock.advance(minutes=5)
    after = run_daily_nudge(goodwill.deps, clock())
    clock.advance(minutes=5)
    again = run_daily_nudge(goodwill.deps, clock())

    assert after.count("sent") == 1 and again.outcomes == []
    assert received(slack) == dict.fromkeys(MEMBERS, 1)  # what the members see: one DM each
    assert {d.status for d in deliveries(goodwill.db.sessions)} == {"sent"}
    assert max(d.attempts for d in deliveries(goodwill.db.sessions)) == 2
