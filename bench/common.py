"""Shared by the benchmarks: timing, percentiles, and a private copy of the cached SQLite dataset."""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine

from bench.dataset import FULL, TEAM_ID, Size, dataset_url, ensure_dataset
from storage.db import make_engine
from tests.support.slack_standin import SlackStandIn


def percentile(samples: Sequence[float], q: float) -> float:
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def timed(run: Callable[[], object], repeat: int) -> list[float]:
    """Seconds per call, `repeat` calls."""
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        samples.append(time.perf_counter() - started)
    return samples


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def summary(samples: Sequence[float]) -> str:
    """Median with spread (min–max), for figures measured a few times."""
    return f"{ms(statistics.median(samples))} (min {ms(min(samples))}, max {ms(max(samples))})"


def private_sqlite_copy(size: Size = FULL) -> tuple[Engine, Path]:
    """A throw-away copy of the cached SQLite dataset, so a benchmark that writes leaves the cache as it was."""
    ensure_dataset("sqlite", size, quiet=False).dispose()
    source = Path(dataset_url("sqlite", size).removeprefix("sqlite:///"))
    folder = Path(tempfile.mkdtemp(prefix="goodwill-bench-"))
    target = folder / "goodwill.db"
    shutil.copyfile(source, target)
    return make_engine(f"sqlite:///{target}"), folder


@contextmanager
def slack_elsewhere() -> Iterator[str]:
    """The Slack stand-in in a process of its own, as Slack is on another machine: its work answering the
    app's calls (views.publish after each /met) is not timed as the app's. Yields its Web API URL."""
    process = subprocess.Popen(
        [sys.executable, "-c", "from bench.common import serve_slack; serve_slack()"],
        cwd=Path(__file__).parent.parent,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        yield process.stdout.readline().strip()
    finally:
        process.terminate()
        process.wait()


BENCH_TOKEN = "xoxb-bench"  # the benchmarks' bot token, of the dataset's workspace


def serve_slack() -> None:
    """Run the Slack stand-in until killed, after printing its Web API URL. It knows the benchmarks' token as the
    dataset's workspace's, so that every call the app makes about that workspace is made and answered."""

    slack = SlackStandIn().start()
    slack.accept_token(BENCH_TOKEN, TEAM_ID)
    print(slack.api_url, flush=True)
    while True:  # keep no record: thousands of calls would only fill this process's memory
        time.sleep(1)
        slack.forget_calls()
