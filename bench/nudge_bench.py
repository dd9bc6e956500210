"""The daily nudge computation against the GROUP BY floor, on SQLite and PostgreSQL.

    python -m bench.nudge_bench [--backend sqlite|postgresql|both] [--runs 5]

For 1,000 members and 100,000 relations with 10,000, 100,000 and 1,000,000 interactions (bench/dataset.py,
built once and cached), it times the full daily nudge computation — every member's list, in attention
order, ready to render, nothing sent — and, in the same run, the floor any history-based answer pays:
the last contact of every relation by GROUP BY over the interactions, joined to the relations.
Reports the median and the min–max of each, and the ratios the issue asks for (≤ 0.4× the floor,
≤ 1.5× growth from 10k to 1M interactions).
"""

from __future__ import annotations

import argparse
import statistics
import time
from datetime import UTC, datetime

from sqlalchemy import func, select

from bench.dataset import TEAM_ID, TODAY, Size, ensure_dataset
from bot.deps import Deps
from bot.nudges import plan_team
from bot.settings import Settings
from storage.db import make_session_factory
from storage.models import Interaction, Relation

SIZES = (10_000, 100_000, 1_000_000)
NOW = datetime.combine(TODAY, datetime.min.time(), tzinfo=UTC).replace(hour=10)


def group_by_floor(session) -> int:
    last = (
        select(Interaction.relation_id, func.max(Interaction.occurred_on).label("last"))
        .where(Interaction.team_id == TEAM_ID)
        .group_by(Interaction.relation_id)
        .subquery()
    )
    rows = session.execute(
        select(Relation.id, Relation.owner_id, last.c.last).join(last, last.c.relation_id == Relation.id)
    ).all()
    return len(rows)


def nudge_computation(deps: Deps, session) -> int:
    plans = plan_team(deps, session, TEAM_ID, NOW, respect_window=False)
    return sum(plan.nudge.total for plan in plans)


def timed(work, runs: int) -> tuple[list[float], int]:
    work()  # warm the caches once: we measure the steady state of a process that runs every day
    times, result = [], 0
    for _ in range(runs):
        started = time.perf_counter()
        result = work()
        times.append((time.perf_counter() - started) * 1000)
    return times, result


def fmt(times: list[float]) -> str:
    return f"{statistics.median(times):7.1f} ms ({min(times):.1f}–{max(times):.1f})"


def bench(backend: str, runs: int) -> None:
    print(f"\n{backend}: 1,000 members, 100,000 relations; median of {runs} runs (min–max)")
    print(f"{'interactions':>12}  {'nudge computation':>28}  {'GROUP BY floor':>28}  ratio  quiet listed")
    medians = {}
    for interactions in SIZES:
        engine = ensure_dataset(backend, Size(1000, 100_000, interactions))
        sessions = make_session_factory(engine)
        deps = Deps(
            settings=Settings(database_url=str(engine.url)),
            engine=engine,
            sessions=sessions,
            clock=lambda: NOW,
            base_client=None,
        )
        with sessions() as session:
            nudge_times, listed = timed(lambda s=session, d=deps: nudge_computation(d, s), runs)
            floor_times, _ = timed(lambda s=session: group_by_floor(s), runs)
            session.rollback()
        engine.dispose()
        medians[interactions] = statistics.median(nudge_times)
        ratio = statistics.median(nudge_times) / statistics.median(floor_times)
        row = f"{interactions:>12,}  {fmt(nudge_times):>28}  {fmt(floor_times):>28}"
        print(f"{row}  {ratio:4.2f}x  {listed:,}")
    growth = medians[SIZES[-1]] / medians[SIZES[0]]
    print(f"growth of the nudge computation from {SIZES[0]:,} to {SIZES[-1]:,} interactions: {growth:.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    for backend in ("sqlite", "postgresql") if args.backend == "both" else (args.backend,):
        bench(backend, args.runs)


if __name__ == "__main__":
    main()
