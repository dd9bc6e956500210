"""Installing Goodwill as a Slack admin does: their browser opens /slack/install, follows "Add to Slack" to
Slack's consent page (played by the stand-in: slack.authorize), and comes back to /slack/oauth_redirect with a
code and the state, carrying the cookie the install page set."""

from __future__ import annotations

import html
import re
import urllib.error
import urllib.request
from dataclasses import dataclass
from http.cookies import SimpleCookie
from urllib.parse import parse_qs, urlencode, urlsplit

from sqlalchemy import select

from bot.oauth import INSTALL_PATH, REDIRECT_PATH
from storage.models import slack_bots
from tests.support.seed import Organisation, join_slack

STATE_COOKIE = "slack-app-oauth-state"


@dataclass
class Page:
    status: int
    headers: dict[str, str]
    body: str

    @property
    def state_cookie(self) -> str | None:
        cookie = SimpleCookie(next((v for k, v in self.headers.items() if k.lower() == "set-cookie"), ""))
        return cookie[STATE_COOKIE].value if STATE_COOKIE in cookie else None

    @property
    def authorize_url(self) -> str:
        [url] = re.findall(r'href="(https://slack\.com/oauth/v2/authorize\?[^"]+)"', self.body)
        return html.unescape(url)

    @property
    def authorize_query(self) -> dict[str, str]:
        return {key: values[0] for key, values in parse_qs(urlsplit(self.authorize_url).query).items()}


def browse(url: str, *, state_cookie: str | None = None) -> Page:
    """GET as a browser would, sending the state cookie (over https it would; these tests speak plain http)."""
    headers = {"Cookie": f"{STATE_COOKIE}={state_cookie}"} if state_cookie else {}
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=15) as response:
            return Page(response.status, dict(response.headers.items()), response.read().decode())
    except urllib.error.HTTPError as error:
        return Page(error.code, dict(error.headers.items()), error.read().decode())


def start_install(app_url: str) -> Page:
    return browse(app_url.rstrip("/") + INSTALL_PATH)


def come_back(app_url: str, *, code: str, state: str, state_cookie: str | None) -> Page:
    query = urlencode({"code": code, "state": state})
    return browse(f"{app_url.rstrip('/')}{REDIRECT_PATH}?{query}", state_cookie=state_cookie)


def install(app_url: str, slack, team_id: str, *, installer: str = "U0ANNA", complete_on: str | None = None) -> Page:
    """The whole round trip for one workspace; `complete_on` is another web process's URL (a load balancer
    sends the browser's second request elsewhere)."""
    page = start_install(app_url)
    assert page.status == 200, page.body
    query = page.authorize_query
    code = slack.authorize(team_id, installer=installer, client_id=query["client_id"], scopes=query["scope"])
    done = come_back(complete_on or app_url, code=code, state=query["state"], state_cookie=page.state_cookie)
    assert done.status == 200, done.body
    return done


def stored_tokens(db) -> dict[str, str]:
    """Bot token per workspace, as the installation store holds them."""
    with db.engine.connect() as connection:
        return dict(connection.execute(select(slack_bots.c.team_id, slack_bots.c.bot_token)).all())


def install_organisation(app_url: str, slack, organisation: Organisation, *, complete_on: str | None = None) -> None:
    """The organisation joins Slack and its first member installs Goodwill."""
    join_slack(slack, organisation)
    install(app_url, slack, organisation.team_id, installer=organisation.members[0], complete_on=complete_on)
