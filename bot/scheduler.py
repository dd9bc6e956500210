"""`goodwill clock`: the scheduler process. Jobs are plain callables of (deps, now)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger

from bot.deps import Deps
from bot.digests import weekly_digest_job
from bot.discussed import merge_search_index_job
from bot.gatherings import send_followups
from bot.handover import handover_job
from bot.nudges import nudge_job
from bot.workspaces import purge_job
from storage.migrate import upgrade

log = logging.getLogger("goodwill.clock")


@dataclass(frozen=True)
class Job:
    """A job runs often (every few minutes) and decides itself, from `now`, whom it is time for.

    Delivery is claimed in the database, so running a job twice, or in two clock processes, sends nothing twice.
    """

    name: str
    run: Callable[[Deps, datetime], object]
    minutes: str = "*/5"


def jobs() -> list[Job]:
    """Every scheduled job; features add theirs here."""

    return [
        Job("nudges", nudge_job),
        Job("weekly_digest", weekly_digest_job),
        Job("event_followups", send_followups),
        Job("handovers", handover_job),
        # Once an hour: workspaces uninstalled longer ago than GOODWILL_RETENTION_DAYS lose their data.
        Job("purge_uninstalled", purge_job, minutes="17"),
        # SQLite's search index merged off the request path (migration 0009); nothing to do on PostgreSQL.
        Job("merge_search_index", merge_search_index_job),
    ]


def run_job(job: Job, deps: Deps) -> None:
    try:
        job.run(deps, deps.now())
    except Exception:  # one failing run must not stop the clock
        log.exception("job %s failed", job.name)


def build_scheduler(deps: Deps) -> BlockingScheduler:
    scheduler = BlockingScheduler(timezone="UTC")
    for job in jobs():
        scheduler.add_job(
            run_job,
            CronTrigger(minute=job.minutes, timezone="UTC"),
            args=(job, deps),
            id=job.name,
            max_instances=1,
            coalesce=True,
            misfire_grace_time=300,
        )
    return scheduler


def clock(deps: Deps) -> None:

    upgrade(deps.engine)
    scheduler = build_scheduler(deps)
    log.warning(
        "Goodwill clock started with %d job(s): %s",
        len(scheduler.get_jobs()),
        ", ".join(j.name for j in jobs()),
    )
    scheduler.start()
