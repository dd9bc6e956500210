"""Bursts of work after the ack: each Home tab is drawn once per turn of the queue.

The work after an ack (deps.after_ack) is where a burst piles up: a member changing things from their Home tab
has it redrawn after each change (bot.redraw), which costs more than the change itself. A redraw already
waiting in the queue covers the next change too, since it has not read the database yet.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from bot.home import publish_home
from bot.redraw import after_change
from storage.history import add_interaction
from tests.support.seed import LONG_AGO, add_relation
from tests.support.slack_standin import TEAM_ID

pytestmark = pytest.mark.faults


def test_changes_queued_behind_a_busy_pool_redraw_each_home_once_with_the_latest_state(goodwill, slack, clock):
    jan = add_relation(goodwill.db.sessions, "Jan de Vries", owner="U0BRAM", last_met=LONG_AGO)
    publish_home(goodwill.deps, TEAM_ID, "U0BRAM")
    [before] = slack.calls_to("views.publish")
    assert str(jan) in _logged_buttons(before["view"])  # quiet: Bram is asked to log a meeting with Jan
    slack.calls.clear()
    busy = threading.Event()
    one_at_a_time = ThreadPoolExecutor(max_workers=1)
    goodwill.deps.after_ack = one_at_a_time
    one_at_a_time.submit(busy.wait, 10)  # the pool is busy with earlier work

    for _ in range(5):
        for member in ("U0BRAM", "U0ANNA"):
            after_change(goodwill.deps, TEAM_ID, home_of=member)
    with goodwill.db.sessions() as session, session.begin():  # a meeting with Jan, while the redraws wait
        add_interaction(session, team_id=TEAM_ID, relation_id=jan, occurred_on=clock().date(), logged_by="U0ANNA")
    busy.set()
    one_at_a_time.shutdown(wait=True)

    homes = slack.calls_to("views.publish")
    assert sorted(call["user_id"] for call in homes) == ["U0ANNA", "U0BRAM"]  # not five each
    [bram] = [call["view"] for call in homes if call["user_id"] == "U0BRAM"]
    assert str(jan) not in _logged_buttons(bram)  # Jan is no longer quiet: drawn after the meeting


def _logged_buttons(view: dict) -> list[str]:
    return [
        element.get("value")
        for block in view["blocks"]
        for element in block.get("elements") or [block.get("accessory") or {}]
        if element.get("action_id") == "relation_log"
    ]
