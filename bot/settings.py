"""Configuration from the environment (and a `.env` file), read only when asked for."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from urllib.parse import urlsplit

SLACK_API_DEFAULT = "https://slack.com/api/"
# Where Slack's response_urls point (slack.com, and GovSlack's slack-gov.com).
SLACK_RESPONSE_URL_HOSTS = frozenset({"hooks.slack.com", "hooks.slack-gov.com"})
SECRETS = frozenset({"slack_bot_token", "slack_signing_secret", "slack_app_token"})

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
            # Blank counts as unset: a secret of spaces would be one nobody meant to give.
            slack_bot_token=environ.get("SLACK_BOT_TOKEN", "").strip() or None,
            slack_signing_secret=environ.get("SLACK_SIGNING_SECRET", "").strip() or None,
            slack_app_token=environ.get("SLACK_APP_TOKEN", "").strip() or None,
            slack_api_url=api_url if api_url.endswith("/") else api_url + "/",
            port=int(port_text),
            digest_channel=environ.get("GOODWILL_DIGEST_CHANNEL") or None,
            web_concurrency=int(environ.get("WEB_CONCURRENCY", "2") or 2),
        )

    def __repr__(self) -> str:
        """Every value but the secrets (only whether they are set) and the database password."""
        shown = []
        for field in fields(self):
            value = getattr(self, field.name)
            if field.name in SECRETS and value is not None:
                shown.append(f"{field.name}=<hidden>")
            elif field.name == "database_url":
                shown.append(f"{field.name}={without_password(value)!r}")
            else:
                shown.append(f"{field.name}={value!r}")
        return f"Settings({', '.join(shown)})"

    def require_slack(self, *, signing: bool = True) -> None:
        """Raise a one-line ConfigError naming the first missing Slack variable."""
        if not self.slack_bot_token:
            raise missing("SLACK_BOT_TOKEN")
        if signing and not self.slack_signing_secret and not self.slack_app_token:
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


def default_database_url() -> str:
    """The embedded default: an SQLite file in the working directory."""
    return f"sqlite:///{Path.cwd() / 'goodwill.db'}"


def load_dotenv_file() -> None:
    from dotenv import load_dotenv

    load_dotenv(Path.cwd() / ".env", override=False)
