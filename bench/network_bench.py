"""How fast /relation, /whoknows and the App Home answer, on the synthetic network (bench/dataset.py).

    python -m bench.network_bench [--backend sqlite|postgresql] \
        [--interactions 10000 100000 1000000] [--runs 200] [--rounds 5]

Each question is asked `--runs` times with varying subjects (random relations, members), and the whole is
repeated `--rounds` times, the sizes taking turns, so that a noisy moment on this shared machine lands on one
round of one size, not on one size. We report, per question and size, the median over the rounds of p50 and
of p99 in milliseconds with the rounds' range of p50, the growth of p50 from the smallest size to the
largest, and the floor (a bare `SELECT 1` through the same session) measured in the same run.
The start-up heap is frozen first, as `goodwill serve` does in each worker (bot.server.settle_heap).
"""

from __future__ import annotations

import argparse
import random
from collections import defaultdict
from collections.abc import Callable

from sqlalchemy import select, text

from bench.common import p50_p99_ms, print_growth_table
from bench.dataset import TEAM_ID, TODAY, Size, ensure_dataset, member_id, relation_name
from bot.home import home_data
from bot.network import look_up_relation, who_knows
from bot.server import settle_heap
from storage import network as store
from storage.db import make_session_factory
from storage.models import Relation


def bench(backend: str, size: Size, runs: int) -> list[tuple[str, float, float]]:
    engine = ensure_dataset(backend, size)
    sessions = make_session_factory(engine)
    rng = random.Random(11)
    results = []
    with sessions() as session:
        count = session.scalar(select(Relation.id).order_by(Relation.id.desc()).limit(1))
        names = [relation_name(rng.randrange(count)) for _ in range(runs)]
        members = [member_id(rng.randrange(size.members)) for _ in range(runs)]

        def card(i: int) -> None:
            found = look_up_relation(session, TEAM_ID, names[i])
            ref = found.found or found.choices[0]
            store.relation_card(session, TEAM_ID, ref.relation_id, viewer_id=members[i], today=TODAY)

        questions: list[tuple[str, Callable[[int], object]]] = [
            ("floor: SELECT 1", lambda i: session.execute(text("SELECT 1")).scalar()),
            ("/relation <exact name> (lookup + card)", card),
            (
                "/relation <typo> (fuzzy suggestions)",
                lambda i: look_up_relation(session, TEAM_ID, names[i][:-1] + "x"),
            ),
            ("/whoknows <person>", lambda i: who_knows(session, TEAM_ID, names[i], today=TODAY)),
            (
                "/whoknows <organisation> (~9% of relations)",
                lambda i: who_knows(session, TEAM_ID, "Woonbond", today=TODAY),
            ),
            (
                "/whoknows #<theme> (~5% of relations)",
                lambda i: who_knows(session, TEAM_ID, "#klimaat", today=TODAY),
            ),
            ("App Home (home_data of a member)", lambda i: home_data(session, TEAM_ID, members[i], TODAY)),
        ]
        settle_heap()  # as a serving process does once it has started (bot.server.ready_to_serve)
        for label, work in questions:
            work(0)  # warm the cache and the plan
            p50, p99 = p50_p99_ms(runs, work)
            results.append((label, p50, p99))
            session.rollback()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--interactions", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--relations", type=int, default=100_000)
    parser.add_argument("--members", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    sizes = args.interactions
    rounds: dict[str, dict[int, list[tuple[float, float]]]] = defaultdict(lambda: defaultdict(list))
    for _ in range(args.rounds):
        for interactions in sizes:
            for label, p50, p99 in bench(args.backend, Size(args.members, args.relations, interactions), args.runs):
                rounds[label][interactions].append((p50, p99))
    heading = f"{args.backend}, {args.relations:,} relations, {args.members:,} members, {args.rounds} rounds"
    print_growth_table(heading, sizes, rounds)


if __name__ == "__main__":
    main()
