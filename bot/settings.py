"""Configuration from the environment (and a `.env` file), read only when asked for."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

SLACK_API_DEFAULT = "https://slack.com/api/"

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
            slack_bot_token=environ.get("SLACK_BOT_TOKEN") or None,
            slack_signing_secret=environ.get("SLACK_SIGNING_SECRET") or None,
            slack_app_token=environ.get("SLACK_APP_TOKEN") or None,
            slack_api_url=api_url if api_url.endswith("/") else api_url + "/",
            port=int(port_text),
            digest_channel=environ.get("GOODWILL_DIGEST_CHANNEL") or None,
            web_concurrency=int(environ.get("WEB_CONCURRENCY", "2") or 2),
            slack_client_id=environ.get("SLACK_CLIENT_ID") or None,
            slack_client_secret=environ.get("SLACK_CLIENT_SECRET") or None,
            retention_days=_whole_number(environ, "GOODWILL_RETENTION_DAYS", 30),
            messages_per_second=_positive_number(environ, "GOODWILL_MESSAGES_PER_SECOND", 4.0),
        )

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
    from dotenv import load_dotenv

    load_dotenv(Path.cwd() / ".env", override=False)
