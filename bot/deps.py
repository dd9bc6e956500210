"""What handlers, jobs and commands need, passed in explicitly: no globals, no import-time clients.

Every Web API call made outside a request (the clock's jobs, follow-ups after the ack, the command line) goes
through `deps.client_for(team_id)`: the client with the token of the workspace it concerns, or None when
Goodwill may not write to it (uninstalled, or not the workspace of the token in the environment).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Executor, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache

from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)
from slack_sdk.http_retry.handler import RetryHandler
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from bot.domain.dates import DateReader
from bot.pacing import PacedWebClient, Pacer
from bot.settings import Settings
from storage.db import make_engine, make_session_factory
from storage.installations import InstallationStore

log = logging.getLogger("goodwill.slack")


def utc_now() -> datetime:
    return datetime.now(UTC)


def retry_handlers(max_retry_count: int = 3) -> list[RetryHandler]:
    """429 with Retry-After, 5xx and dropped connections are retried with back-off by slack-sdk itself."""
    return [
        ConnectionErrorRetryHandler(max_retry_count=max_retry_count),
        RateLimitErrorRetryHandler(max_retry_count=max_retry_count),
        ServerErrorRetryHandler(max_retry_count=max_retry_count),
    ]


def make_web_client(settings: Settings, *, token: str | None = None, timeout: int = 10) -> WebClient:
    return WebClient(
        token=token or settings.slack_bot_token,
        base_url=settings.slack_api_url,
        timeout=timeout,
        retry_handlers=retry_handlers(),
    )


@dataclass(kw_only=True)
class Deps:
    settings: Settings
    engine: Engine
    sessions: sessionmaker[Session]
    clock: Callable[[], datetime] = utc_now
    # The Web API client of no workspace in particular (Bolt's app client; oauth.v2.access). In single-workspace
    # mode it carries the token in the environment. Calls about a workspace use client_for(team_id).
    base_client: WebClient | None = None
    # Distributed mode: every workspace's bot token (built from the settings when not given).
    installations: InstallationStore | None = None
    # Work after the ack (Web API calls): handlers.common.follow_up and Bolt's lazy listeners. Tests pass
    # theirs, to wait for it; its threads start with the first task.
    after_ack: Executor = field(default_factory=lambda: ThreadPoolExecutor(thread_name_prefix="goodwill-after-ack"))
    _single_team: list[str | None] = field(default_factory=list, init=False, repr=False)
    _clients: dict[tuple[str, str], WebClient] = field(default_factory=dict, init=False, repr=False)
    _pacers: dict[str, Pacer] = field(default_factory=dict, init=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    def __copy__(self) -> Deps:
        return self

    def __deepcopy__(self, memo: dict) -> Deps:
        """Deps travel in Bolt's context (handlers.common.deps_of), which Bolt deep-copies for each lazy listener:
        the process's one set of pools, clients and locks is shared, never copied."""
        return self

    def __post_init__(self) -> None:
        if self.installations is None and self.settings.slack_client_id and not self.settings.slack_bot_token:
            self.installations = InstallationStore(self.settings.slack_client_id, self.engine, clock=self.clock)

    @classmethod
    def from_settings(cls, settings: Settings, *, clock: Callable[[], datetime] = utc_now) -> Deps:
        engine = make_engine(settings.database_url)
        return cls(
            settings=settings,
            engine=engine,
            sessions=make_session_factory(engine),
            clock=clock,
            base_client=make_web_client(settings) if settings.slack_bot_token or settings.slack_client_id else None,
        )

    # --- the token of the workspace a call concerns ------------------------------------------------------
    def client_for(self, team_id: str) -> WebClient | None:
        """The Web API client for this workspace (cached per token; its messages paced), or None when Goodwill
        may not write to it: no token stored (uninstalled, or never installed), or, in single-workspace mode,
        a workspace other than the token's own."""
        token = self._token_for(team_id)
        if token is None:
            return None
        with self._lock:
            client = self._clients.get((team_id, token))
            if client is None:
                pacer = self._pacers.setdefault(team_id, Pacer(self.settings.messages_per_second))
                client = PacedWebClient(
                    pacer=pacer,
                    token=token,
                    base_url=self.settings.slack_api_url,
                    timeout=10,
                    retry_handlers=retry_handlers(),
                )
                self._clients = {k: v for k, v in self._clients.items() if k[0] != team_id}  # an old token
                self._clients[(team_id, token)] = client
            return client

    def _token_for(self, team_id: str) -> str | None:
        if self.installations is not None:
            # Read for every use, never kept: another process may have deleted it (uninstall) a moment ago.
            return self.installations.bot_token(team_id)
        token = self.settings.slack_bot_token
        if not token:
            return None
        if team_id != self.single_team_id():
            log.warning("no token for workspace %s: SLACK_BOT_TOKEN belongs to %s", team_id, self.single_team_id())
            return None
        return token

    def single_team_id(self) -> str | None:
        """Single-workspace mode: the workspace of SLACK_BOT_TOKEN (auth.test, once per process)."""
        with self._lock:
            if self._single_team:
                return self._single_team[0]
        team_id = None
        try:
            client = self.base_client or make_web_client(self.settings)
            team_id = client.auth_test(token=self.settings.slack_bot_token)["team_id"]
        except Exception as error:  # a revoked token: nothing may be sent; try again next time
            log.warning("auth.test for SLACK_BOT_TOKEN failed: %s", error)
            return None
        self.know_single_team(team_id)
        return team_id

    def know_single_team(self, team_id: str) -> None:
        """The token's workspace, when auth.test was called anyway (Bolt does at start)."""
        with self._lock:
            self._single_team[:] = [team_id]

    def now(self) -> datetime:
        """The current time, always aware (UTC) so that time zones are explicit."""
        return self.clock()

    @property
    def date_reader(self):
        return shared_date_reader(("en", "nl"))


@lru_cache(maxsize=4)
def shared_date_reader(languages: tuple[str, ...]):
    """One date parser per process and language set, built once (it loads dateparser's language data)."""

    return DateReader(languages)
