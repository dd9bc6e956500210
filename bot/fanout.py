"""A clock job over many workspaces: side by side, each under its lease.

Workspaces are independent in Slack's eyes (each has its own rate limits; bot.pacing paces a workspace's
messages), so a job runs up to WORKSPACES_AT_ONCE of them at the same time. Each workspace's run happens under
a lease in the database (storage.leases): another clock process that reaches the same workspace meanwhile
skips it, so a workspace's nudges are neither worked on twice at once nor paced twice. Sending stays
exactly-once without the lease: each nudge and digest is claimed in the database before it is sent.
"""

from __future__ import annotations

import logging
import os
import socket
import uuid
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from typing import TypeVar

from bot.deps import Deps
from storage.db import transaction
from storage.leases import release_lease, take_lease

T = TypeVar("T")
log = logging.getLogger("goodwill.clock")

WORKSPACES_AT_ONCE = 16
# Longer than any workspace's run (a thousand members' nudges at four a second take about four minutes): a
# clock that dies holding a lease delays that workspace's next run by at most this much.
LEASE = timedelta(minutes=30)
BUSY = object()  # the result for a workspace another run holds


def holder_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def for_each_workspace(
    deps: Deps,
    job: str,
    teams: Iterable[str],
    work: Callable[[str], T],
    *,
    at_once: int = WORKSPACES_AT_ONCE,
) -> dict[str, T | object]:
    """work(team) for every workspace, up to `at_once` side by side, each under the lease of (job, team);
    BUSY for a workspace whose lease another run holds. An exception in one workspace is logged and its
    result is the exception: the others go on."""
    teams = list(dict.fromkeys(teams))

    def leased(team_id: str) -> T | object:
        holder = holder_name()
        with transaction(deps.sessions) as session:
            if not take_lease(session, job, team_id, holder, deps.now(), LEASE):
                return BUSY
        try:
            return work(team_id)
        except Exception as error:  # one workspace must not stop the others
            log.exception("%s for workspace %s failed", job, team_id)
            return error
        finally:
            with transaction(deps.sessions) as session:
                release_lease(session, job, team_id, holder)

    if len(teams) <= 1 or at_once <= 1:
        return {team: leased(team) for team in teams}
    with ThreadPoolExecutor(max_workers=min(at_once, len(teams)), thread_name_prefix=f"clock-{job}") as pool:
        return dict(zip(teams, pool.map(leased, teams), strict=True))
