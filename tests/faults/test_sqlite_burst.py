"""SQLite under the real server: 50 members logging meetings at once, for LOGGING_SECONDS.

`goodwill serve` as deployed (gunicorn, its default workers and threads) on an SQLite file; fifty members each
send /met after /met (a tenth of a second after each answer), each naming relations already in the network.
No member may see "database is locked" (or any failure, polite or not), and every meeting whose confirmation a
member saw is stored: the count of stored meetings equals the count of confirmations. The issue asks for 30
seconds; the test logs for 10 to stay quick (the pressure is the same from the first second on), and
`python -m bench.load --burst` runs the full 30.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from datetime import date

import pytest
from sqlalchemy import func, select

from bench.dataset import relation_name
from storage.db import make_engine, make_session_factory
from storage.history import create_relation
from storage.migrate import upgrade
from storage.models import Interaction
from storage.workspaces import ensure_workspace
from tests.support.processes import Served
from tests.support.slack_requests import SlackSender
from tests.support.slack_standin import TEAM_ID

pytestmark = pytest.mark.faults

MEMBERS = [f"U0L{i:03d}" for i in range(50)]
LOGGING_SECONDS = 10.0
RELATIONS = 300
THINKING = 0.1  # seconds between a member's answer and their next /met
CLIENT_PATIENCE = 60.0


@dataclass
class Answer:
    status: int
    seconds: float
    name: str
    text: str


def test_fifty_members_logging_at_once_on_sqlite_lose_nothing(slack, tmp_path):
    url = f"sqlite:///{tmp_path / 'goodwill.db'}"
    engine = make_engine(url)
    upgrade(engine)
    names = [relation_name(i) for i in range(RELATIONS)]
    with make_session_factory(engine)() as session, session.begin():
        ensure_workspace(session, TEAM_ID)
        for i, name in enumerate(names):
            create_relation(session, team_id=TEAM_ID, name=name, owner_id=MEMBERS[i % 50], created_on=date(2025, 1, 6))
    for user in MEMBERS:
        slack.add_user(user, f"Lid {user}", locale="nl-NL")

    served = Served(url, slack, tmp_path)
    answers: list[Answer] = []
    started = time.monotonic()

    def member(index: int) -> None:
        sender = SlackSender(served.url, slack)
        turn = 0
        while time.monotonic() - started < LOGGING_SECONDS:
            name = names[(index * 7 + turn * 13) % RELATIONS]
            sent = time.monotonic()
            # A patient client: how long answers take on a busy machine is bench/load.py's business; here a
            # request that never comes back would count as lost.
            response = sender.command(
                "/met", f"{name} gisteren: overleg #wonen", user_id=MEMBERS[index], timeout=CLIENT_PATIENCE
            )
            body = response.json() if response.status == 200 and response.body else {}
            answers.append(Answer(response.status, time.monotonic() - sent, name, (body or {}).get("text", "")))
            turn += 1
            time.sleep(THINKING)

    try:
        threads = [threading.Thread(target=member, args=(i,), daemon=True) for i in range(len(MEMBERS))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=LOGGING_SECONDS + 60)
        assert not any(thread.is_alive() for thread in threads)
    finally:
        output = served.stop()

    failed = [a for a in answers if a.status != 200 or a.name not in a.text or "locked" in a.text]
    assert not failed, (failed[:5], output[-3000:])
    assert "locked" not in output
    with engine.connect() as connection:
        stored = connection.scalar(select(func.count()).select_from(Interaction))
    engine.dispose()
    assert stored == len(answers)  # every confirmation a member saw is a stored meeting, and nothing more
    # How fast is for bench/load.py to measure (no timed tests); shown with -s for whoever looks.
    slowest = max(a.seconds for a in answers)
    print(f"\n{len(answers)} meetings in {LOGGING_SECONDS:.0f} s, slowest answer {slowest:.2f} s")
