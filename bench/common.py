"""Shared by the benchmarks: timing, percentiles, and a private copy of the cached SQLite dataset."""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from sqlalchemy import Engine

from bench.dataset import FULL, Size, dataset_url, ensure_dataset
from storage.db import make_engine


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
