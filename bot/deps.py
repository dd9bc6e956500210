"""What handlers, jobs and commands need, passed in explicitly: no globals, no import-time clients."""

from __future__ import annotations

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

from bot.settings import Settings
from storage.db import make_engine, make_session_factory


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
    client: WebClient | None = None
    # Work after the ack (Web API calls): handlers.common.follow_up and Bolt's lazy listeners. Tests pass
    # theirs, to wait for it; its threads start with the first task.
    after_ack: Executor = field(default_factory=lambda: ThreadPoolExecutor(thread_name_prefix="goodwill-after-ack"))

    @classmethod
    def from_settings(cls, settings: Settings, *, clock: Callable[[], datetime] = utc_now) -> Deps:
        engine = make_engine(settings.database_url)
        client = make_web_client(settings) if settings.slack_bot_token else None
        return cls(
            settings=settings,
            engine=engine,
            sessions=make_session_factory(engine),
            clock=clock,
            client=client,
        )

    def now(self) -> datetime:
        """The current time, always aware (UTC) so that time zones are explicit."""
        return self.clock()

    @property
    def date_reader(self):
        return shared_date_reader(("en", "nl"))


@lru_cache(maxsize=4)
def shared_date_reader(languages: tuple[str, ...]):
    """One date parser per process and language set, built once (it loads dateparser's language data)."""
    from bot.domain.dates import DateReader

    return DateReader(languages)
