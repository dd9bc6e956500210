"""Many organisations on one Goodwill: each workspace served with its own token and kept apart; uninstalled
(in either order of Slack's two events) it is sent nothing, and its data goes after the retention period
unless it comes back; a single-workspace set-up is adopted into the installation store.

Through signed HTTP and the Slack stand-in, which refuses (as Slack does) a call about one workspace's member
made with another workspace's token, and records the token of every call.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from bot.app import build_app
from bot.cli import main
from bot.nudges import run_daily_nudge
from bot.workspaces import purge_job
from storage.db import transaction
from storage.leases import take_lease
from storage.models import Relation, Workspace, slack_bots, slack_installations
from tests.support.install import install_organisation, stored_tokens
from tests.support.running import BOT_TOKEN
from tests.support.seed import ALFA, BETA, add_relation, quiet_relations_for_everyone
from tests.support.shown import received
from tests.support.slack_standin import CLIENT_ID, CLIENT_SECRET, TEAM_ID
from tests.support.stored import rows_of


def relations_of(db, team_id: str) -> list[str]:
    with db.sessions() as session:
        return list(session.scalars(select(Relation.name).where(Relation.team_id == team_id)))


def calls_made_with(slack, token: str, since: int = 0) -> list:
    return [call for call in slack.calls[since:] if call.token == token]


def test_two_workspaces_are_served_with_their_own_tokens_and_kept_apart(distributed, slack, db):
    install_organisation(distributed.url, slack, ALFA)
    install_organisation(distributed.url, slack, BETA)
    tokens = stored_tokens(db)
    assert slack.team_of_token(tokens[ALFA.team_id]) == ALFA.team_id
    assert slack.team_of_token(tokens[BETA.team_id]) == BETA.team_id

    alfa = distributed.command(
        "/met", "Jan de Vries (Gemeente Den Haag) gisteren: koffie", user_id="U0ALFA1", team_id=ALFA.team_id
    )
    beta = distributed.command(
        "/met", "Jan de Vries (Woonbond) yesterday: lunch", user_id="U0BETA2", team_id=BETA.team_id
    )
    auth_tests = len(slack.calls_to("auth.test"))
    for _ in range(3):  # more requests: authorised from the store, no auth.test each time
        distributed.command("/met", "Karin Mulder gisteren: bellen", user_id="U0ALFA2", team_id=ALFA.team_id)
    for team, author in ((ALFA, "U0ALFA1"), (BETA, "U0BETA2")):  # each author opens their Home tab
        home = {"type": "app_home_opened", "user": author, "channel": "D0HOME", "tab": "home"}
        assert distributed.event(home, team_id=team.team_id).status == 200
        slack.wait_for("views.publish", where=lambda call, author=author: call["user_id"] == author)
    distributed.settle()  # the work after each ack has run

    assert alfa.status == beta.status == 200
    assert "Jan de Vries" in alfa.json()["text"] and "Jan de Vries" in beta.json()["text"]
    assert len(slack.calls_to("auth.test")) == auth_tests
    assert sorted(relations_of(db, ALFA.team_id)) == ["Jan de Vries", "Karin Mulder"]
    assert relations_of(db, BETA.team_id) == ["Jan de Vries"]
    with db.sessions() as session:
        jans = set(
            session.execute(select(Relation.team_id, Relation.organisation).where(Relation.name == "Jan de Vries"))
        )
    assert jans == {(ALFA.team_id, "Gemeente Den Haag"), (BETA.team_id, "Woonbond")}

    # The clock: every member of both workspaces is due a nudge.
    quiet_relations_for_everyone(db.sessions, ALFA)
    quiet_relations_for_everyone(db.sessions, BETA)
    run = run_daily_nudge(distributed.deps, distributed.clock())

    assert {o.user_id: o.status for o in run.outcomes} == dict.fromkeys(ALFA.members + BETA.members, "sent")
    for call in slack.calls_to("chat.postMessage") + slack.calls_to("views.publish") + slack.calls_to("users.info"):
        assert call.token == tokens[slack.team_concerned(call)], (call.method, call.params.get("channel"))
    assert slack.calls_with_token_of_another_workspace() == []
    assert received(slack) == dict.fromkeys(ALFA.members + BETA.members, 1)


@pytest.mark.parametrize("order", [("app_uninstalled", "tokens_revoked"), ("tokens_revoked", "app_uninstalled")])
def test_an_uninstalled_workspace_is_sent_nothing_and_its_data_goes_after_the_retention_period(
    distributed, slack, db, clock, order
):
    install_organisation(distributed.url, slack, ALFA)
    install_organisation(distributed.url, slack, BETA)
    quiet_relations_for_everyone(db.sessions, ALFA)
    quiet_relations_for_everyone(db.sessions, BETA)
    beta_token = stored_tokens(db)[BETA.team_id]
    beta_rows = rows_of(db, BETA.team_id)
    uninstalled_at = clock()

    slack.uninstall(BETA.team_id)  # Slack revokes the tokens, then tells the app, in either order
    events = {
        "app_uninstalled": {"type": "app_uninstalled"},
        "tokens_revoked": {"type": "tokens_revoked", "tokens": {"oauth": [], "bot": ["U0BOTBETA"]}},
    }
    answers = [distributed.event(events[name], team_id=BETA.team_id).status for name in order]

    assert answers == [200, 200]
    assert list(stored_tokens(db)) == [ALFA.team_id]  # deleted at once
    with db.sessions() as session:
        assert session.get(Workspace, BETA.team_id).uninstalled_at.replace(tzinfo=None) == uninstalled_at.replace(
            tzinfo=None
        )
        assert session.get(Workspace, ALFA.team_id).uninstalled_at is None
    since = len(slack.calls)

    clock.advance(hours=1)
    run = run_daily_nudge(distributed.deps, clock())
    refused = distributed.command("/met", "Piet Smit gisteren", user_id="U0BETA1", team_id=BETA.team_id)

    assert {o.user_id for o in run.outcomes} == set(ALFA.members)  # the clock skips the uninstalled workspace
    assert calls_made_with(slack, beta_token, since) == []
    assert not [c for c in slack.calls[since:] if slack.team_concerned(c) == BETA.team_id]
    assert refused.status == 200 and "Piet Smit" not in relations_of(db, BETA.team_id)

    clock.set(uninstalled_at + timedelta(days=29, hours=23))
    assert purge_job(distributed.deps, clock()) == []
    assert rows_of(db, BETA.team_id) == {k: v for k, v in beta_rows.items() if not k.startswith("slack_")}

    clock.set(uninstalled_at + timedelta(days=30, minutes=1))
    assert purge_job(distributed.deps, clock()) == [BETA.team_id]
    assert rows_of(db, BETA.team_id) == {}
    assert rows_of(db, ALFA.team_id)["relations"] == len(ALFA.members)  # the other organisation keeps all


def test_a_workspace_installed_again_within_the_retention_period_keeps_its_data(distributed, slack, db, clock):
    install_organisation(distributed.url, slack, BETA)
    quiet_relations_for_everyone(db.sessions, BETA)
    start = clock()
    slack.uninstall(BETA.team_id)
    distributed.event({"type": "app_uninstalled"}, team_id=BETA.team_id)

    clock.set(start + timedelta(days=10))
    install_organisation(distributed.url, slack, BETA)
    clock.set(start + timedelta(days=31))

    assert purge_job(distributed.deps, clock()) == []
    assert len(relations_of(db, BETA.team_id)) == len(BETA.members)
    run = run_daily_nudge(distributed.deps, clock(), respect_window=False)
    assert {o.status for o in run.outcomes} == {"sent"} and len(run.outcomes) == len(BETA.members)
    new_token = stored_tokens(db)[BETA.team_id]
    assert all(call.token == new_token for call in slack.calls_to("chat.postMessage"))


def test_a_revoked_user_token_leaves_the_workspace_installed(distributed, slack, db):
    install_organisation(distributed.url, slack, BETA)

    distributed.event({"type": "tokens_revoked", "tokens": {"oauth": ["U0BETA1"], "bot": []}}, team_id=BETA.team_id)

    assert list(stored_tokens(db)) == [BETA.team_id]
    with db.sessions() as session:
        assert session.get(Workspace, BETA.team_id).uninstalled_at is None


def test_a_workspace_not_installed_is_refused_politely_and_nothing_is_stored(distributed, slack, db):
    response = distributed.command("/met", "Jan de Vries gisteren", user_id="U0ANNA", team_id=TEAM_ID)

    assert response.status == 200
    assert relations_of(db, TEAM_ID) == []
    assert [c.method for c in slack.calls if c.method not in ("response_url",)] == []


def test_with_one_workspaces_token_goodwill_writes_to_no_other_workspace(goodwill, slack, db):
    quiet_relations_for_everyone(db.sessions, BETA)  # e.g. imported with --team into a single-workspace set-up
    slack.add_workspace(BETA.team_id, BETA.name)
    for user_id in BETA.members:
        slack.add_user(user_id, user_id, team_id=BETA.team_id)

    run = run_daily_nudge(goodwill.deps, goodwill.clock(), respect_window=False)

    assert goodwill.deps.client_for(BETA.team_id) is None
    assert goodwill.deps.client_for(TEAM_ID) is not None
    assert {o.status for o in run.outcomes} == {"failed"}
    assert slack.calls_to("chat.postMessage") == []


# --- adopting a single-workspace installation --------------------------------------------------------------
@pytest.fixture
def cli_env(monkeypatch, tmp_path, db, slack):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", db.url)
    monkeypatch.setenv("SLACK_API_URL", slack.api_url)
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "goodwill-test-signing-secret")
    for name in ("SLACK_BOT_TOKEN", "SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET", "SLACK_APP_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_adopt_moves_the_single_workspace_token_into_the_store_and_keeps_its_data(cli_env, db, slack, capsys):

    add_relation(db.sessions, "Jan de Vries", owner="U0ANNA")  # a single-workspace Goodwill's network
    cli_env.setenv("SLACK_BOT_TOKEN", BOT_TOKEN)
    cli_env.setenv("SLACK_CLIENT_ID", CLIENT_ID)
    cli_env.setenv("SLACK_CLIENT_SECRET", CLIENT_SECRET)

    assert main(["workspaces", "adopt"]) == 0
    assert main(["workspaces", "adopt"]) == 0  # twice is once

    assert "remove SLACK_BOT_TOKEN" in capsys.readouterr().out
    assert stored_tokens(db) == {TEAM_ID: BOT_TOKEN}
    with db.engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(slack_installations)).scalar() == 1
        assert connection.execute(select(slack_bots.c.bot_user_id, slack_bots.c.app_id)).one() == (
            "U0BOT",
            "A0GOODWILL",
        )

    cli_env.delenv("SLACK_BOT_TOKEN")  # now served through Add to Slack
    assert main(["workspaces"]) == 0
    listing = capsys.readouterr().out
    [line] = [line for line in listing.splitlines() if line.startswith(TEAM_ID)]
    assert "installed" in line and "uninstalled" not in line and line.split()[-1] == "1"  # one relation


def test_served_through_add_to_slack_the_adopted_workspace_keeps_its_network(distributed, slack, db, cli_env):

    add_relation(db.sessions, "Jan de Vries", owner="U0ANNA")
    for name, value in (
        ("SLACK_BOT_TOKEN", BOT_TOKEN),
        ("SLACK_CLIENT_ID", CLIENT_ID),
        ("SLACK_CLIENT_SECRET", CLIENT_SECRET),
    ):
        cli_env.setenv(name, value)
    assert main(["workspaces", "adopt"]) == 0

    answer = distributed.command("/relation", "Jan de Vries", user_id="U0ANNA", team_id=TEAM_ID)

    assert answer.status == 200
    card = slack.wait_for("response_url", where=lambda c: "Jan de Vries" in c.body.decode())
    assert card


def test_the_workspaces_command_lists_installed_and_uninstalled_workspaces(
    distributed, slack, db, clock, cli_env, capsys
):

    install_organisation(distributed.url, slack, ALFA)
    install_organisation(distributed.url, slack, BETA)
    quiet_relations_for_everyone(db.sessions, BETA, per_member=2)
    distributed.event({"type": "app_uninstalled"}, team_id=BETA.team_id)
    cli_env.setenv("SLACK_CLIENT_ID", CLIENT_ID)
    cli_env.setenv("SLACK_CLIENT_SECRET", CLIENT_SECRET)
    cli_env.setenv("GOODWILL_RETENTION_DAYS", "14")

    assert main(["workspaces"]) == 0

    lines = {line.split()[0]: line for line in capsys.readouterr().out.splitlines()[1:]}
    assert set(lines) == {ALFA.team_id, BETA.team_id}
    assert f"installed {clock().date()}" in lines[ALFA.team_id] and "Gemeente Alfa" in lines[ALFA.team_id]
    deleted_on = (clock() + timedelta(days=14)).date()
    assert f"uninstalled {clock().date()}, deleted {deleted_on}" in lines[BETA.team_id]
    assert lines[BETA.team_id].split()[-2:] == ["0", "6"]  # no member cached yet; six relations


def test_a_workspace_another_clock_is_working_on_is_left_to_it(distributed, slack, db, clock):

    for organisation in (ALFA, BETA):
        install_organisation(distributed.url, slack, organisation)
        quiet_relations_for_everyone(db.sessions, organisation)
    with transaction(db.sessions) as session:  # the other clock is nudging Beta right now
        assert take_lease(session, "nudges", BETA.team_id, "other-clock", clock(), timedelta(minutes=30))

    run = run_daily_nudge(distributed.deps, clock(), respect_window=False)

    assert run.busy == [BETA.team_id]
    assert {o.user_id for o in run.outcomes} == set(ALFA.members)
    assert received(slack) == dict.fromkeys(ALFA.members, 1)

    clock.advance(minutes=31)  # that clock died: its lease runs out, and the next run does Beta
    again = run_daily_nudge(distributed.deps, clock(), respect_window=False)
    assert again.busy == [] and {o.user_id for o in again.outcomes if o.status == "sent"} == set(BETA.members)


def test_an_uninstalled_workspaces_data_is_deleted_sooner_on_request(distributed, slack, db, cli_env, capsys):

    install_organisation(distributed.url, slack, ALFA)
    install_organisation(distributed.url, slack, BETA)
    quiet_relations_for_everyone(db.sessions, ALFA)
    quiet_relations_for_everyone(db.sessions, BETA)
    cli_env.setenv("SLACK_CLIENT_ID", CLIENT_ID)
    cli_env.setenv("SLACK_CLIENT_SECRET", CLIENT_SECRET)

    assert main(["workspaces", "delete", BETA.team_id]) == 2  # still installed: refused
    assert "installed" in capsys.readouterr().err
    distributed.event({"type": "app_uninstalled"}, team_id=BETA.team_id)
    assert main(["workspaces", "delete", BETA.team_id]) == 0

    assert rows_of(db, BETA.team_id) == {}
    assert rows_of(db, ALFA.team_id)["relations"] == len(ALFA.members)


def test_with_one_workspace_an_uninstall_stops_the_clock_until_goodwill_starts_with_a_working_token(
    goodwill, slack, db, clock
):

    add_relation(db.sessions, "Jan de Vries", owner="U0ANNA")
    assert goodwill.event({"type": "app_uninstalled"}).status == 200

    assert run_daily_nudge(goodwill.deps, clock(), respect_window=False).outcomes == []
    assert slack.calls_to("chat.postMessage") == []

    build_app(goodwill.deps)  # restarted with the token of the new installation: auth.test answers
    run = run_daily_nudge(goodwill.deps, clock(), respect_window=False)
    assert [o.status for o in run.outcomes] == ["sent"]
