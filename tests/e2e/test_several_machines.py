"""More than one machine on one PostgreSQL database: two `goodwill serve` processes behind a (simulated) load
balancer, and two clocks. Nothing that must be shared lives in a process: the OAuth state, each workspace's
token, event de-duplication and every delivery claim are in the database."""

from __future__ import annotations

import os
import subprocess
import threading
import time
import urllib.request
from collections import Counter
from contextlib import contextmanager
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from bot.deps import Deps, make_web_client
from bot.digests import weekly_digest_job
from bot.nudges import nudge_job, run_daily_nudge
from storage.db import make_engine, make_session_factory
from storage.models import Interaction, Relation, Workspace
from tests.support.install import come_back, install_organisation, start_install, stored_tokens
from tests.support.processes import checkout_env, free_port, goodwill_command
from tests.support.running import distributed_settings
from tests.support.seed import ALFA, BETA, Organisation, join_slack
from tests.support.seed import quiet_relations_for_everyone as quiet_for_everyone
from tests.support.shown import received
from tests.support.slack_requests import SIGNING_SECRET, SlackSender
from tests.support.slack_standin import CLIENT_ID, CLIENT_SECRET

pytestmark = pytest.mark.e2e
NAMES = ["Ans", "Bert", "Cor", "Dirk", "Els", "Frits", "Gerda", "Henk", "Ilse", "Joop", "Kees", "Lies"]
GAMMA = Organisation("T0GAMMA", "Vereniging Gamma", ("U0GAM1", "U0GAM2", "U0GAM3", "U0GAM4"))


@pytest.fixture
def postgres(db):
    if db.backend != "postgresql":
        pytest.skip("several machines share a PostgreSQL database")
    return db


@contextmanager
def serve_process(db, slack, tmp_path, name: str):
    port = free_port()
    env = checkout_env(
        **{
            **os.environ,
            "DATABASE_URL": db.url,
            "SLACK_CLIENT_ID": CLIENT_ID,
            "SLACK_CLIENT_SECRET": CLIENT_SECRET,
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "SLACK_API_URL": slack.api_url,
            "PORT": str(port),
            "WEB_CONCURRENCY": "1",
        }
    )
    for unset in ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN"):
        env.pop(unset, None)
    folder = tmp_path / name
    folder.mkdir()
    process = subprocess.Popen(
        goodwill_command() + ["serve"], env=env, cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    try:
        while True:
            try:
                with urllib.request.urlopen(url + "/healthz", timeout=1) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"goodwill serve ({name}) did not come up:\n" + (process.stdout.read() or ""))
            time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
        assert not list(folder.iterdir()), "a serving process wrote files of its own"  # no ./data stores


def clock_deps(db, slack) -> Deps:
    """A clock process's dependencies: an engine of its own, the real clock."""
    settings = distributed_settings(db.url, slack, digest_channel="C0NETWORK")
    engine = make_engine(db.url)
    return Deps(
        settings=settings,
        engine=engine,
        sessions=make_session_factory(engine),
        base_client=make_web_client(settings),
    )


def test_two_serve_processes_share_installs_requests_and_events(postgres, slack, tmp_path):
    db = postgres
    with serve_process(db, slack, tmp_path, "a") as first, serve_process(db, slack, tmp_path, "b") as second:
        # Installed on one, completed on the other: the state issued by the first is consumed by the second.
        join_slack(slack, ALFA)
        page = start_install(first)
        query = page.authorize_query
        code = slack.authorize(ALFA.team_id, installer="U0ALFA1", scopes=query["scope"])
        done = come_back(second, code=code, state=query["state"], state_cookie=page.state_cookie)
        assert done.status == 200, done.body
        assert list(stored_tokens(db)) == [ALFA.team_id]
        install_organisation(second, slack, BETA, complete_on=first)  # and the other way round

        # Requests alternate between the two: each /met is stored once, in its own workspace.
        senders = [SlackSender(first, slack), SlackSender(second, slack)]
        lines = [(ALFA, "U0ALFA1"), (BETA, "U0BETA1"), (ALFA, "U0ALFA2"), (BETA, "U0BETA2")] * 3
        for i, (organisation, user_id) in enumerate(lines):
            answer = senders[i % 2].command(
                "/met", f"{NAMES[i]} Verbeek (Gemeente) gisteren: koffie", user_id=user_id, team_id=organisation.team_id
            )
            assert answer.status == 200 and f"{NAMES[i]} Verbeek" in answer.json()["text"]
        with db.sessions() as session:
            stored = session.execute(select(Relation.team_id, func.count()).group_by(Relation.team_id)).all()
            assert dict(stored) == {ALFA.team_id: 6, BETA.team_id: 6}
            assert session.scalar(select(func.count()).select_from(Interaction)) == 12

        # An event Slack sends again (the first answer was slow) reaches the other process: counted once.
        deps = clock_deps(db, slack)
        try:
            quiet_for_everyone(db.sessions, Organisation(ALFA.team_id, ALFA.name, ("U0ALFA1",)))
            with db.sessions() as session:
                only = session.scalar(select(Relation.id).where(Relation.name == "Relatie 0 van U0ALFA1"))
            run = run_daily_nudge(deps, datetime.now(UTC), team_id=ALFA.team_id, respect_window=False)
            [nudge] = [o for o in run.outcomes if o.status == "sent"]
            [message] = [m for (channel, _), m in slack.messages.items() if channel == nudge.user_id]
            reaction = {
                "type": "reaction_added",
                "user": nudge.user_id,
                "reaction": "white_check_mark",
                "item": {"type": "message", "channel": nudge.user_id, "ts": message["ts"]},
                "event_ts": "1.0",
            }
            assert senders[0].event(reaction, team_id=ALFA.team_id, event_id="Ev0REDELIVERED").status == 200
            slack.wait_for("chat.update", timeout=15)  # handled after the ack: the nudge now says it is done
            again = senders[1].event(reaction, team_id=ALFA.team_id, event_id="Ev0REDELIVERED", retry_num=1)
            assert again.status == 200
            time.sleep(1.5)  # the other process's listener runs after its ack too; give it time to (not) count
            with db.sessions() as session:
                assert session.scalar(select(func.count()).where(Interaction.relation_id == only)) == 2  # then ✅, once
        finally:
            deps.engine.dispose()
    assert slack.calls_with_token_of_another_workspace() == []


def test_two_clocks_over_several_workspaces_nudge_each_member_once_and_post_each_digest_once(distributed, slack, db):
    organisations = [ALFA, BETA, GAMMA]
    for organisation in organisations:
        install_organisation(distributed.url, slack, organisation)
        quiet_for_everyone(db.sessions, organisation, per_member=2)
    with db.sessions() as session:  # every member's morning is now, wherever the clocks run
        session.execute(Workspace.__table__.update().values(nudge_time="00:00", timezone="UTC"))
        session.commit()
    clocks = [clock_deps(db, slack) for _ in range(2)]
    now = datetime(2026, 11, 26, 0, 5, tzinfo=UTC)  # a Thursday: the digest of week 47 is due since Monday
    for deps in clocks:
        deps.clock = lambda: now

    barrier = threading.Barrier(2)
    results: list = [None, None]

    def clock(i: int) -> None:
        barrier.wait()
        results[i] = (nudge_job(clocks[i], now), weekly_digest_job(clocks[i], now))

    threads = [threading.Thread(target=clock, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for deps in clocks:
        deps.engine.dispose()

    members = [m for o in organisations for m in o.members]
    assert received(slack) == {**dict.fromkeys(members, 1), "C0NETWORK": len(organisations)}
    sent_by = Counter(o.user_id for nudges, _ in results for o in nudges.outcomes if o.status == "sent")
    assert sent_by == dict.fromkeys(members, 1)
    digests = Counter(o.team_id for _, outcomes in results for o in outcomes if o.status == "sent")
    assert digests == {o.team_id: 1 for o in organisations}
    tokens = stored_tokens(db)
    posted = Counter(
        slack.team_of_token(c.token) for c in slack.calls_to("chat.postMessage") if c["channel"] == "C0NETWORK"
    )
    assert posted == {team: 1 for team in tokens}
    assert slack.calls_with_token_of_another_workspace() == []
