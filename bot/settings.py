"""Configuration from the environment (and a `.env` file), read only when asked for."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

SLACK_API_DEFAULT = "https://slack.com/api/"

# Where a newcomer finds each value; the one-line error names it.
WHERE_TO_GET = {
    "SLACK_BOT_TOKEN": "your Slack app's OAuth & Permissions page (Bot User OAuth Token, xoxb-…)",
    "SLACK_SIGNING_SECRET": "your Slack app's Basic Information page (App Credentials → Signing Secret)",
    "SLACK_APP_TOKEN": "Basic Information → App-Level Tokens (xapp-…, scope connections:write)",
}


class ConfigError(Exception):
    """Missing or invalid configuration; its message is one line meant for the terminal."""


def missing(name: str) -> ConfigError:
    return ConfigError(f"{name} is not set: get it from {WHERE_TO_GET[name]} and put it in the environment or .env")


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
        )

    def require_slack(self, *, signing: bool = True) -> None:
        """Raise a one-line ConfigError naming the first missing Slack variable."""
        if not self.slack_bot_token:
            raise missing("SLACK_BOT_TOKEN")
        if signing and not self.slack_signing_secret and not self.slack_app_token:
            raise missing("SLACK_SIGNING_SECRET")


def default_database_url() -> str:
    """The embedded default: an SQLite file in the working directory."""
    return f"sqlite:///{Path.cwd() / 'goodwill.db'}"


def load_dotenv_file() -> None:
    from dotenv import load_dotenv

    load_dotenv(Path.cwd() / ".env", override=False)
