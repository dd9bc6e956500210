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


def p50_p99_ms(runs: int, work: Callable[[int], object]) -> tuple[float, float]:
    """Run `work(i)` for i in range(runs) and return its p50 and p99 in milliseconds."""
    samples = []
    for i in range(runs):
        started = time.perf_counter()
        work(i)
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return statistics.median(samples), samples[min(len(samples) - 1, int(len(samples) * 0.99))]


def print_growth_table(
    heading: str, counts: Sequence[int], rounds: dict[str, dict[int, list[tuple[float, float]]]]
) -> None:
    """A markdown table, a row per question and a column per history size: the median p50 / p99 over the rounds,
    the range of p50, and how p50 grew from the smallest history to the largest."""
    print(f"{heading}; p50 / p99 in ms (median over rounds), [range of p50]")
    growth = f"p50 {counts[-1] // counts[0]}x history" if len(counts) > 1 else ""
    print("| question | " + " | ".join(f"{n:,} interactions" for n in counts) + f" | {growth} |")
    print("|---|" + "---|" * (len(counts) + 1))
    for label, by_size in rounds.items():
        cells, medians = [], []
        for n in counts:
            p50s = [p50 for p50, _ in by_size[n]]
            medians.append(statistics.median(p50s))
            p99 = statistics.median(p99 for _, p99 in by_size[n])
            cells.append(f"{medians[-1]:.2f} / {p99:.2f} [{min(p50s):.2f}–{max(p50s):.2f}]")
        ratio = f"{medians[-1] / medians[0]:.2f}x" if len(counts) > 1 else ""
        print(f"| {label} | " + " | ".join(cells) + f" | {ratio} |")


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
