"""Configuration from the environment (and a `.env` file), read only when asked for."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from urllib.parse import urlsplit

from dotenv import load_dotenv

SLACK_API_DEFAULT = "https://slack.com/api/"
# Where Slack's response_urls point (slack.com, and GovSlack's slack-gov.com).
SLACK_RESPONSE_URL_HOSTS = frozenset({"hooks.slack.com", "hooks.slack-gov.com"})
SECRETS = frozenset({"slack_bot_token", "slack_signing_secret", "slack_app_token", "slack_client_secret"})

# Where a newcomer finds each value; the one-line error names it.
WHERE_TO_GET = {
    "SLACK_BOT_TOKEN": "your Slack app's OAuth & Permissions page (Bot User OAuth Token, xoxb-…)",
    "SLACK_SIGNING_SECRET": "your Slack app's Basic Information page (App Credentials → Signing Secret)",
    "SLACK_APP_TOKEN": "Basic Information → App-Level Tokens (xapp-…, scope connections:write)",
    "SLACK_CLIENT_ID": "your Slack app's Basic Information page (App Credentials → Client ID)",
    "SLACK_CLIENT_SECRET": "your Slack app's Basic Information page (App Credentials → Client Secret)",
}
SINGLE, DISTRIBUTED = "single", "distributed"


class ConfigError(Exception):
    """Missing or invalid configuration; its message is one line meant for the terminal."""


def missing(name: str, *, otherwise: str = "") -> ConfigError:
    return ConfigError(
        f"{name} is not set: get it from {WHERE_TO_GET[name]} and put it in the environment or .env{otherwise}"
    )


@dataclass(frozen=True, kw_only=True)
class Settings:
    database_url: str
    slack_bot_token: str | None = None
    slack_signing_secret: str | None = None
    slack_app_token: str | None = None
    slack_api_url: str = SLACK_API_DEFAULT
    port: int = 3000
    digest_channel: str | None = None
    web_concurrency: int = 2
    # Distributed mode ("Add to Slack"): no bot token; each workspace's token is in the installation store.
    slack_client_id: str | None = None
    slack_client_secret: str | None = field(default=None, repr=False)
    retention_days: int = 30  # an uninstalled workspace's data is deleted this many days later
    messages_per_second: float = 4.0  # a workspace's messages from one process (Slack: several hundred a minute)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, *, dotenv: bool = True) -> Settings:
        if environ is None:
            if dotenv:
                load_dotenv_file()
            environ = os.environ
        port_text = environ.get("PORT", "3000")
        if not port_text.isdigit():
            raise ConfigError(f"PORT must be a number, got {port_text!r}")
        api_url = environ.get("SLACK_API_URL") or SLACK_API_DEFAULT
        return cls(
            database_url=environ.get("DATABASE_URL") or default_database_url(),
            # Blank counts as unset: a secret of spaces would be one nobody meant to give.
            slack_bot_token=environ.get("SLACK_BOT_TOKEN", "").strip() or None,
            slack_signing_secret=environ.get("SLACK_SIGNING_SECRET", "").strip() or None,
            slack_app_token=environ.get("SLACK_APP_TOKEN", "").strip() or None,
            slack_api_url=api_url if api_url.endswith("/") else api_url + "/",
            port=int(port_text),
            digest_channel=environ.get("GOODWILL_DIGEST_CHANNEL") or None,
            web_concurrency=int(environ.get("WEB_CONCURRENCY", "2") or 2),
            slack_client_id=environ.get("SLACK_CLIENT_ID") or None,
            slack_client_secret=environ.get("SLACK_CLIENT_SECRET") or None,
            retention_days=_whole_number(environ, "GOODWILL_RETENTION_DAYS", 30),
            messages_per_second=_positive_number(environ, "GOODWILL_MESSAGES_PER_SECOND", 4.0),
        )

    def __repr__(self) -> str:
        """Every value but the secrets (only whether they are set) and the database password."""
        shown = []
        for setting in fields(self):
            value = getattr(self, setting.name)
            if setting.name in SECRETS and value is not None:
                shown.append(f"{setting.name}=<hidden>")
            elif setting.name == "database_url":
                shown.append(f"{setting.name}={without_password(value)!r}")
            elif setting.repr:
                shown.append(f"{setting.name}={value!r}")
        return f"Settings({', '.join(shown)})"

    @property
    def mode(self) -> str:
        """SINGLE (one workspace, SLACK_BOT_TOKEN) or DISTRIBUTED (many, through "Add to Slack": SLACK_CLIENT_ID
        and SLACK_CLIENT_SECRET); a one-line ConfigError when the settings are mixed or incomplete."""
        client = [name for name, value in self._client_credentials() if value]
        if self.slack_bot_token:
            if client:
                raise ConfigError(
                    f"SLACK_BOT_TOKEN and {' and '.join(client)} are both set: choose one mode, SLACK_BOT_TOKEN for "
                    "one workspace or SLACK_CLIENT_ID + SLACK_CLIENT_SECRET for many through Add to Slack, and "
                    "remove the other"
                )
            return SINGLE
        if not client:
            raise missing(
                "SLACK_BOT_TOKEN",
                otherwise=" (or, to serve many workspaces through Add to Slack, set SLACK_CLIENT_ID and "
                "SLACK_CLIENT_SECRET instead)",
            )
        for name, value in self._client_credentials():
            if not value:
                raise missing(name, otherwise=f" (it goes with {client[0]}, for Add to Slack)")
        if self.slack_app_token:
            raise ConfigError(
                "SLACK_APP_TOKEN (Socket Mode) serves one workspace, with SLACK_BOT_TOKEN: remove it to serve many "
                "through Add to Slack (they need the public URL of goodwill serve)"
            )
        return DISTRIBUTED

    def _client_credentials(self) -> list[tuple[str, str | None]]:
        return [("SLACK_CLIENT_ID", self.slack_client_id), ("SLACK_CLIENT_SECRET", self.slack_client_secret)]

    @property
    def distributed(self) -> bool:
        return self.mode == DISTRIBUTED

    def require_slack(self, *, signing: bool = True) -> None:
        """Raise a one-line ConfigError naming what is missing or mixed in the Slack settings."""
        mode = self.mode
        if signing and not self.slack_signing_secret and (mode == DISTRIBUTED or not self.slack_app_token):
            raise missing("SLACK_SIGNING_SECRET")

    def require_signing_secret(self) -> str:
        """The signing secret, which serving Slack's requests over HTTP cannot do without (Socket Mode can)."""
        if not self.slack_signing_secret:
            raise missing("SLACK_SIGNING_SECRET")
        return self.slack_signing_secret

    def allows_response_url(self, url: object) -> bool:
        """Whether Goodwill may post to `url` as a response_url: Slack's own hooks over https, or (tests, a
        proxy) the origin of the configured SLACK_API_URL. Anything else could carry a member's data to a
        stranger, so a response_url from a payload or a modal's metadata is checked here before it is used."""
        if not isinstance(url, str):
            return False
        try:
            target, api = urlsplit(url), urlsplit(self.slack_api_url)
            port, api_port = target.port, api.port
        except ValueError:  # a port that is not a number
            return False
        if target.username is not None or target.password is not None:
            return False
        if target.scheme == "https" and target.hostname in SLACK_RESPONSE_URL_HOSTS and port in (None, 443):
            return True
        return (target.scheme, target.hostname, port) == (api.scheme, api.hostname, api_port) and bool(api.hostname)


def without_password(url: str) -> str:
    """A database URL fit for a log line: its password replaced by ***."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    user = parts.username or ""
    host = parts.netloc.rpartition("@")[2]
    return parts._replace(netloc=f"{user}:***@{host}").geturl()


def _whole_number(environ: Mapping[str, str], name: str, default: int) -> int:
    text = environ.get(name) or str(default)
    if not text.isdigit():
        raise ConfigError(f"{name} must be a whole number of days, got {text!r}")
    return int(text)


def _positive_number(environ: Mapping[str, str], name: str, default: float) -> float:
    text = environ.get(name) or str(default)
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not value > 0:
        raise ConfigError(f"{name} must be a number above 0, got {text!r}")
    return value


def default_database_url() -> str:
    """The embedded default: an SQLite file in the working directory."""
    return f"sqlite:///{Path.cwd() / 'goodwill.db'}"


def load_dotenv_file() -> None:

    load_dotenv(Path.cwd() / ".env", override=False)
