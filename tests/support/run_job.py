"""One run of a clock job in a process of its own, at a moment the test chooses.

    python -m tests.support.run_job nudges 2026-11-26T08:05:00+00:00

The job comes from the clock's own table (bot.scheduler.jobs) and runs as `goodwill clock` runs it
(bot.scheduler.run_job), configured from the environment like `goodwill clock`; only the time is the test's,
so that a test can kill the process (kill -9) and start it again at a later moment of its choosing.
"""

from __future__ import annotations

import logging
import sys
from datetime import datetime

from bot.deps import Deps
from bot.scheduler import jobs, run_job
from bot.settings import Settings


def main(argv: list[str]) -> int:
    name, moment = argv
    now = datetime.fromisoformat(moment)
    logging.basicConfig(level=logging.WARNING, format="%(name)s %(levelname)s %(message)s")
    settings = Settings.from_env(dotenv=False)
    settings.require_slack(signing=False)
    deps = Deps.from_settings(settings, clock=lambda: now)
    [job] = [job for job in jobs() if job.name == name]
    run_job(job, deps)
    print(f"{name} at {moment}: done", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
