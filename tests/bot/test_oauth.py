"""Add to Slack: installing Goodwill in a workspace, through real HTTP and the Slack stand-in.

An admin opens /slack/install, approves on Slack's page, and comes back to /slack/oauth_redirect: the code is
exchanged once (oauth.v2.access, with the app's client credentials) and the workspace's bot token is stored.
A state Goodwill never issued, one already used, or one from another browser installs nothing and exchanges
no code.
"""

from __future__ import annotations

from base64 import b64decode
from datetime import datetime

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy import select

from bot.oauth import BOT_SCOPES
from storage.models import Workspace, slack_installations, slack_oauth_states
from tests.support.install import come_back, install, start_install, stored_tokens
from tests.support.slack_standin import CLIENT_ID, CLIENT_SECRET

TEAM_B = "T0BETA"


def states(db) -> list[str]:
    with db.engine.connect() as connection:
        return list(connection.execute(select(slack_oauth_states.c.state)).scalars())


def test_install_from_the_install_page_to_a_stored_installation(distributed, slack, db):
    slack.add_workspace(TEAM_B, "Stichting Beta")

    page = start_install(distributed.url)

    assert page.status == 200 and "Add to Slack" in page.body
    query = page.authorize_query
    assert query["client_id"] == CLIENT_ID
    assert query["scope"].split(",") == list(BOT_SCOPES)
    assert page.state_cookie == query["state"] and states(db) == [query["state"]]

    code = slack.authorize(TEAM_B, installer="U0BETA1", scopes=query["scope"])
    done = come_back(distributed.url, code=code, state=query["state"], state_cookie=page.state_cookie)

    assert done.status == 200
    [exchange] = slack.calls_to("oauth.v2.access")
    assert exchange["code"] == code
    assert (
        b64decode(exchange.headers["Authorization"].removeprefix("Basic ")).decode() == f"{CLIENT_ID}:{CLIENT_SECRET}"
    )
    [token] = stored_tokens(db).values()
    assert slack.team_of_token(token) == TEAM_B and list(stored_tokens(db)) == [TEAM_B]
    with db.sessions() as session:
        workspace = session.get(Workspace, TEAM_B)
        assert workspace.name == "Stichting Beta" and workspace.installed_at is not None
        assert workspace.uninstalled_at is None and workspace.bot_user_id == slack.workspaces[TEAM_B]["bot_user_id"]
    assert states(db) == []  # used up


def test_a_forged_state_installs_nothing_and_exchanges_no_code(distributed, slack, db):
    page = start_install(distributed.url)
    code = slack.authorize(TEAM_B)

    forged = come_back(distributed.url, code=code, state="forged-state", state_cookie="forged-state")
    stolen = come_back(distributed.url, code=code, state=page.authorize_query["state"], state_cookie=None)
    mismatched = come_back(distributed.url, code=code, state=page.authorize_query["state"], state_cookie="other")

    assert [forged.status, stolen.status, mismatched.status] == [401, 400, 400]
    assert slack.calls_to("oauth.v2.access") == []
    assert stored_tokens(db) == {}
    with db.sessions() as session:
        assert session.get(Workspace, TEAM_B) is None


def test_a_replayed_state_installs_nothing_the_second_time(distributed, slack, db):
    page = start_install(distributed.url)
    state, cookie = page.authorize_query["state"], page.state_cookie
    assert come_back(distributed.url, code=slack.authorize(TEAM_B), state=state, state_cookie=cookie).status == 200
    first_token = stored_tokens(db)[TEAM_B]

    replay = come_back(distributed.url, code=slack.authorize(TEAM_B), state=state, state_cookie=cookie)

    assert replay.status == 401
    assert len(slack.calls_to("oauth.v2.access")) == 1
    assert stored_tokens(db) == {TEAM_B: first_token}


def test_an_expired_state_installs_nothing(distributed, slack, db):
    page = start_install(distributed.url)
    with db.engine.begin() as connection:  # the admin left Slack's page open for more than ten minutes
        connection.execute(slack_oauth_states.update().values(expire_at=_long_ago()))

    late = come_back(
        distributed.url,
        code=slack.authorize(TEAM_B),
        state=page.authorize_query["state"],
        state_cookie=page.state_cookie,
    )

    assert late.status == 401 and slack.calls_to("oauth.v2.access") == []


def test_a_code_is_exchanged_once_and_only_with_the_apps_credentials(slack):

    client = WebClient(base_url=slack.api_url)
    code = slack.authorize(TEAM_B)
    for client_id, secret, error in (
        (CLIENT_ID, "wrong", "bad_client_secret"),
        ("9.9", CLIENT_SECRET, "invalid_client_id"),
    ):
        try:
            client.oauth_v2_access(client_id=client_id, client_secret=secret, code=code)
            raise AssertionError("accepted")
        except SlackApiError as refused:
            assert refused.response["error"] == error
    assert client.oauth_v2_access(client_id=CLIENT_ID, client_secret=CLIENT_SECRET, code=code)["ok"]
    try:
        client.oauth_v2_access(client_id=CLIENT_ID, client_secret=CLIENT_SECRET, code=code)
        raise AssertionError("a code was exchanged twice")
    except SlackApiError as refused:
        assert refused.response["error"] == "invalid_code"


def test_a_reinstall_replaces_the_stored_token(distributed, slack, db, clock):
    install(distributed.url, slack, TEAM_B)
    first = stored_tokens(db)[TEAM_B]
    clock.advance(days=3)

    install(distributed.url, slack, TEAM_B, installer="U0BETA2")

    second = stored_tokens(db)[TEAM_B]
    assert second != first and slack.team_of_token(second) == TEAM_B
    with db.engine.connect() as connection:  # one installation and one bot per workspace, not one per install
        rows = connection.execute(select(slack_installations.c.bot_token)).scalars().all()
    assert rows == [second]


def _long_ago():

    return datetime(2000, 1, 1)
