"""The signatures of recent signed requests, shared by every process through the database: a replay is refused."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from sqlalchemy import Connection, Engine, delete
from sqlalchemy.exc import SQLAlchemyError

from storage.models import RequestSignature
from storage.upsert import insert_ignoring_conflicts

# Slack's window: a request whose timestamp is further than this from now fails the signature check, so its
# signature need not be remembered any longer.
WINDOW_SECONDS = 5 * 60
log = logging.getLogger("goodwill.db")


def remember_signature(connection: Connection, signature: str, request_ts: int) -> bool:
    """Record a verified request's signature; False if it was recorded before (the request is a replay)."""
    return insert_ignoring_conflicts(
        connection, RequestSignature.__table__, {"signature": signature, "request_ts": request_ts}
    )


def forget_signatures_before(connection: Connection, request_ts: int) -> int:
    """Drop the signatures of requests stamped before `request_ts`; how many were dropped."""
    statement = delete(RequestSignature).where(RequestSignature.request_ts < request_ts)
    return connection.execute(statement).rowcount


class ReplayMemory:
    """Remembers signatures for Slack's five minutes, shared by every process through the database.

    Old signatures are dropped in the same transaction as a new one is added, at most once per `purge_every`
    seconds per process: one indexed DELETE a minute instead of one per request. It runs with every request, so
    it uses a plain connection, not an ORM session (half the CPU)."""

    def __init__(
        self,
        engine: Engine,
        *,
        now: Callable[[], float] = time.time,
        purge_every: float = 60.0,
    ) -> None:
        self.engine = engine
        self.now = now
        self.purge_every = purge_every
        self._next_purge = 0.0
        self._lock = threading.Lock()

    def first_sighting(self, signature: str, request_ts: int) -> bool:
        """True for a request not seen before (and remembers it), False for a replay.

        A database that does not answer lets the request through (logged): the listener that follows needs the
        database too and answers for itself, and refusing every request during an outage would be worse than a
        replay that, with the database gone, cannot be stored anyway."""
        now = self.now()
        with self._lock:
            purge = now >= self._next_purge
            if purge:
                self._next_purge = now + self.purge_every
        try:
            with self.engine.begin() as connection:
                if connection.dialect.name == "postgresql":
                    # Not worth a wait for the disk on every request: a crash loses at most the last few
                    # signatures (reopening a window of seconds for their replay), never anything of a member's.
                    connection.exec_driver_sql("SET LOCAL synchronous_commit TO OFF")
                first = remember_signature(connection, signature, request_ts)
                if purge:
                    forget_signatures_before(connection, int(now) - WINDOW_SECONDS)
        except SQLAlchemyError as error:
            log.warning("could not check the request for a replay (%s); letting it through", type(error).__name__)
            return True
        return first
