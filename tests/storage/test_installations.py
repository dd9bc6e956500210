"""The stores behind Add to Slack and the clock's leases, on SQLite and PostgreSQL: what several processes at
once must never get wrong."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta

from slack_sdk.oauth.installation_store.models.installation import Installation
from sqlalchemy import func, select

from bot.pacing import Pacer
from storage.db import make_engine, make_session_factory, transaction
from storage.gatherings import claim_message, create_gathering
from storage.installations import InstallationStore, OAuthStateStore
from storage.leases import release_lease, take_lease
from storage.models import AuditEntry, Base, Workspace, slack_oauth_states
from storage.nudges import claim_delivery
from storage.upsert import first_time
from storage.workspaces import delete_if_still_uninstalled, ensure_workspace, mark_installed, mark_uninstalled
from tests.support.seed import build_housing_network, build_known_network
from tests.support.slack_standin import CLIENT_ID, TEAM_ID
from tests.support.stored import rows_of

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


def at_once(count: int, work) -> list:
    """work(i) in `count` threads released together."""
    barrier, results = threading.Barrier(count), [None] * count

    def run(i: int) -> None:
        barrier.wait()
        results[i] = work(i)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_a_state_is_consumed_once_however_many_callbacks_carry_it_at_the_same_moment(db):
    engines = [make_engine(db.url) for _ in range(6)]  # six web processes
    stores = [OAuthStateStore(engine) for engine in engines]
    try:
        for store in stores:  # connected already, so that the callbacks really meet
            store.consume("warming-up")
        for _ in range(10):
            state = stores[0].issue()

            taken = at_once(6, lambda i, state=state: stores[i].consume(state))

            assert taken.count(True) == 1
        assert stores[0].consume("never-issued") is False
    finally:
        for engine in engines:
            engine.dispose()


def test_expired_states_are_refused_and_dropped_by_the_clock(db):
    store = OAuthStateStore(db.engine, expiration_seconds=-1)
    old = store.issue()
    fresh = OAuthStateStore(db.engine).issue()

    assert store.consume(old) is False
    assert store.delete_expired(datetime.now(UTC)) == 1
    with db.engine.connect() as connection:
        assert connection.execute(select(slack_oauth_states.c.state)).scalars().all() == [fresh]


def _installation(token: str, installed_at: float, team_id: str = TEAM_ID) -> Installation:
    return Installation(
        app_id="A0GOODWILL",
        team_id=team_id,
        team_name="Goodwill Test",
        bot_token=token,
        bot_id="B0BOT",
        bot_user_id="U0BOT",
        bot_scopes="commands,chat:write",
        user_id="U0ANNA",
        installed_at=installed_at,
    )


def test_the_store_keeps_one_installation_per_workspace_and_reads_its_dates_as_utc(db):
    store = InstallationStore(CLIENT_ID, db.engine, clock=lambda: NOW)
    installed = NOW.timestamp()
    store.save(_installation("xoxb-first", installed))
    store.save(_installation("xoxb-second", installed + 60))
    store.save(_installation("xoxb-other", installed, team_id="T0OTHER"))

    assert store.bot_token(TEAM_ID) == "xoxb-second"
    bot = store.find_bot(enterprise_id=None, team_id=TEAM_ID)
    assert bot.bot_token == "xoxb-second" and bot.installed_at == installed + 60  # UTC, whatever TZ says
    assert rows_of(db, TEAM_ID)["slack_installations"] == rows_of(db, TEAM_ID)["slack_bots"] == 1
    with db.sessions() as session:
        workspace = session.get(Workspace, TEAM_ID)
        assert workspace.installed_at.replace(tzinfo=UTC) == NOW and workspace.name == "Goodwill Test"

    store.delete_workspace(TEAM_ID)
    assert store.bot_token(TEAM_ID) is None and store.bot_token("T0OTHER") == "xoxb-other"


def test_one_clock_at_a_time_holds_a_workspaces_lease(db):
    engines = [make_engine(db.url) for _ in range(4)]
    try:

        def take(i: int) -> bool:
            with transaction(make_session_factory(engines[i])) as session:
                return take_lease(session, "nudges", TEAM_ID, f"clock-{i}", NOW, timedelta(minutes=30))

        assert at_once(4, take).count(True) == 1
    finally:
        for engine in engines:
            engine.dispose()
    with transaction(db.sessions) as session:
        assert take_lease(session, "weekly_digest", TEAM_ID, "other", NOW, timedelta(minutes=30))  # another job
        assert not take_lease(session, "nudges", TEAM_ID, "late", NOW + timedelta(minutes=29), timedelta(minutes=30))
        assert take_lease(session, "nudges", TEAM_ID, "late", NOW + timedelta(minutes=31), timedelta(minutes=30))
        release_lease(session, "nudges", TEAM_ID, "clock-0")  # not the holder any more: nothing happens
        assert not take_lease(session, "nudges", TEAM_ID, "third", NOW + timedelta(minutes=32), timedelta(minutes=30))
        release_lease(session, "nudges", TEAM_ID, "late")
        assert take_lease(session, "nudges", TEAM_ID, "third", NOW + timedelta(minutes=32), timedelta(minutes=30))


def _a_workspace_with_everything(db) -> None:
    """Relations with themes, interactions with colleagues (and so ties), a gathering with organisers,
    invitations and a DM, a nudge delivery, a processed event, an audit row."""

    known = build_known_network(db.sessions)
    ids = build_housing_network(db.sessions)
    with transaction(db.sessions) as session:
        event = create_gathering(
            session,
            team_id=TEAM_ID,
            created_by="U0ANNA",
            name="Woonontbijt",
            starts_at=NOW + timedelta(days=7),
            timezone="Europe/Amsterdam",
            place="Den Haag",
            goal_id=None,
            theme_ids=[ids["#wonen"]],
            organisers=["U0ANNA"],
            relation_ids=[known.jan, known.piet],
            now=NOW,
        )
        claim_message(session, event.id, "U0BRAM", "invitations")
        claim_delivery(session, TEAM_ID, "U0ANNA", NOW.date(), NOW, expected=None, relation_ids=[known.jan])
        first_time(session, TEAM_ID, "Ev0001")
        session.add(AuditEntry(team_id=TEAM_ID, actor="U0ANNA", action="test", at=NOW, detail={}))


def test_deleting_a_workspace_leaves_nothing_of_it_and_nothing_of_others_is_touched(db, slack):
    _a_workspace_with_everything(db)
    with transaction(db.sessions) as session:
        ensure_workspace(session, "T0OTHER")
    other_before = rows_of(db, "T0OTHER")
    before = rows_of(db, TEAM_ID)
    assert {"relations", "interactions", "themes", "workspaces", "network_events", "nudge_deliveries"} <= set(before)
    with db.engine.connect() as connection:  # rows that carry no team_id, and go with their parents
        children = ("relation_themes", "interaction_colleagues", "member_ties", "invitations", "network_event_messages")
        assert all(connection.execute(select(func.count()).select_from(_table(t))).scalar() for t in children)
    with transaction(db.sessions) as session:
        mark_uninstalled(session, TEAM_ID, NOW)

    with transaction(db.sessions) as session:
        assert delete_if_still_uninstalled(session, TEAM_ID, NOW) is None  # not uninstalled *before* that moment
    with transaction(db.sessions) as session:
        deleted = delete_if_still_uninstalled(session, TEAM_ID, NOW + timedelta(seconds=1))

    assert deleted == before
    assert rows_of(db, TEAM_ID) == {}
    with db.engine.connect() as connection:  # the tables without a team_id went with their parents
        for table in (*children, "interaction_themes", "network_event_themes", "network_event_organisers"):
            assert connection.execute(select(func.count()).select_from(_table(table))).scalar() == 0, table
    assert rows_of(db, "T0OTHER") == other_before


def test_a_workspace_installed_again_is_not_deleted(db):
    with transaction(db.sessions) as session:
        ensure_workspace(session, TEAM_ID)
        mark_uninstalled(session, TEAM_ID, NOW)
    with transaction(db.sessions) as session:
        mark_installed(session, TEAM_ID, name="", enterprise_id=None, bot_user_id=None, at=NOW + timedelta(days=3))
    with transaction(db.sessions) as session:
        assert delete_if_still_uninstalled(session, TEAM_ID, NOW + timedelta(days=40)) is None
    assert rows_of(db, TEAM_ID) == {"workspaces": 1}


def _table(name: str):

    return Base.metadata.tables[name]


# --- pacing (no database) --------------------------------------------------------------------------------
class FakeTime:
    def __init__(self) -> None:
        self.now = 100.0

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


def test_a_workspaces_messages_leave_at_its_pace_and_never_two_to_one_channel_within_a_second():
    fake = FakeTime()
    pacer = Pacer(4, clock=fake.clock, sleep=fake.sleep)

    sent = []
    for channel in ["D1", "D2", "D3", "D4", "D5", "D5", "D6"]:
        pacer.wait(channel)
        sent.append(round(fake.now - 100.0, 3))

    assert sent == [0.0, 0.25, 0.5, 0.75, 1.0, 2.0, 2.25]


def test_pacing_holds_across_threads():
    pacer = Pacer(50)
    started = time.monotonic()
    at_once(10, lambda i: pacer.wait(f"D{i}"))
    assert time.monotonic() - started >= 9 / 50 - 0.01
