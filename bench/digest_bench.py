"""How long the weekly digest takes: its figures (aggregate SQL) and its chart, on the bench dataset.

    python -m bench.digest_bench --backend sqlite [--runs 5]
    python -m bench.digest_bench --backend postgresql

Reports the median and spread (min–max) over several runs of compute_digest for week 2026-W47 with
1,000 members, 100,000 relations and 1,000,000 interactions, the slowest queries of the last run, and the
chart's rendering time. Then growth with the history's length: the same week on histories written at the
same rate (about 913 interactions a day, spread evenly) that go back 110 days (100,000 interactions),
one year (333,000) and three years (1,000,000) — the reported week is the same size in all three.
"""

from __future__ import annotations

import argparse
import statistics
import time
from datetime import date

from sqlalchemy import event

from bench.dataset import HISTORY_DAYS, TEAM_ID, Size, ensure_dataset
from bot.digests import compute_digest
from bot.domain.digest import Week
from bot.render.chart import render_chart
from storage.db import make_session_factory

WEEK = Week(2026, 47)
TODAY = date(2026, 11, 26)
# (interactions, days of history) at the same rate a day: the history grows in length, not in density.
GROWTH = ((100_000, round(HISTORY_DAYS / 10)), (333_000, 365), (1_000_000, HISTORY_DAYS))


def _spread(samples: list[float]) -> str:
    median, low, high = (value * 1000 for value in (statistics.median(samples), min(samples), max(samples)))
    return f"median {median:.0f} ms (min {low:.0f}, max {high:.0f})"


def figures(backend: str, size: Size, runs: int) -> tuple[list[float], list[tuple[float, str]], object]:
    engine = ensure_dataset(backend, size)
    sessions = make_session_factory(engine)
    queries: list[tuple[float, str]] = []

    @event.listens_for(engine, "before_cursor_execute")
    def _start(conn, cursor, statement, params, context, executemany):
        conn.info["started"] = time.perf_counter()

    @event.listens_for(engine, "after_cursor_execute")
    def _end(conn, cursor, statement, params, context, executemany):
        queries.append((time.perf_counter() - conn.info["started"], " ".join(statement.split())[:100]))

    samples, digest = [], None
    for _ in range(runs):
        queries.clear()
        with sessions() as session:
            started = time.perf_counter()
            digest = compute_digest(session, TEAM_ID, WEEK, TODAY)
            samples.append(time.perf_counter() - started)
    engine.dispose()
    return samples, sorted(queries, reverse=True), digest


def chart(digest, runs: int) -> list[float]:

    render_chart(digest.chart, "nl")  # the first call imports matplotlib (paid once per process)
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        png = render_chart(digest.chart, "nl")
        samples.append(time.perf_counter() - started)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-growth", action="store_true", help="only the 1,000,000-interaction dataset")
    args = parser.parse_args()

    full, queries, digest = figures(args.backend, Size(), args.runs)
    week = digest.this_week
    print(
        f"{args.backend}, week {WEEK.label}: {week.meetings} interactions in the week, "
        f"{len(queries)} queries per digest"
    )
    print(f"figures, 1,000,000 interactions: {_spread(full)}")
    for seconds, statement in queries[:6]:
        print(f"    {seconds * 1000:7.0f} ms  {statement}")
    print(f"chart: {_spread(chart(digest, args.runs))}")
    if args.no_growth:
        return
    print("growth with the history's length (same week, same interactions a day):")
    medians = []
    for interactions, days in GROWTH:
        samples, _, grown = figures(
            args.backend, Size(interactions=interactions, history_days=days, even=True), args.runs
        )
        medians.append(statistics.median(samples))
        print(
            f"    {interactions:>9,} interactions over {days:>4} days: {_spread(samples)} "
            f"({grown.this_week.meetings} in the week)"
        )
    print(f"    longest / shortest history: {medians[-1] / medians[0]:.1f} x")


if __name__ == "__main__":
    main()
