"""How fast searching what was discussed answers, on the synthetic network's Dutch and English notes.

    python -m bench.search_bench [--backend sqlite|postgresql] [--interactions 100000 1000000] \
        [--runs 200] [--rounds 3] [--build]

One- and two-word searches (bench/dataset.py's vocabulary: common words and rare ones, in the forms notes use
and in others) are asked as /whoknows asks them (bot.discussed.search_discussed: the index, then the meetings
found with their people, themes and passage), `--runs` times each with varying searchers, the sizes taking
turns for `--rounds` rounds. Reported per kind and size: p50 and p99 in ms (median over the rounds) with the
rounds' range of p50, the growth of p50 from the smallest size to the largest, and the floor measured in the
same run: reading the newest 10 interactions by primary key with their relations (what any answer listing
meetings pays, without searching). The index alone (storage.search_index.matching) is timed as well.

`--build`: time building the index of every interaction as migration 0006 does (documents, then the full-text
index), on the cached dataset, median of `--build-runs`.
"""

from __future__ import annotations

import argparse
import random
import statistics
from collections import defaultdict
from collections.abc import Callable

from sqlalchemy import func, select

from bench.common import p50_p99_ms, print_growth_table
from bench.dataset import (
    NOUNS_EN,
    NOUNS_NL,
    PARTICIPLES_NL,
    TEAM_ID,
    Size,
    build_search_index,
    ensure_dataset,
    member_id,
    surname,
)
from bot.discussed import search_discussed
from bot.domain.search import search_query
from bot.server import settle_heap
from storage.db import make_session_factory
from storage.models import Interaction, Relation
from storage.search_index import matching

ONE_WORD = (
    # common: in a quarter of the Dutch notes, asked in another form than often written
    "subsidies",
    "aanvraag",
    "woningen",
    "housing",
    "grants",
    # middling
    "vergunning",
    "wachtlijsten",
    "tenants",
    "cafe",
    "Rotterdam",
    "bespreken",
    # rare: the long tail (made-up project names, an amount), and a word no note has
    "Bergdamhof",
    "Hofveldman",
    "137000",
    "stikstof",
)


# The worst case of an inverted index: two words each in a tenth of the notes or more, but (being Dutch and
# English) hardly ever in the same one, so that their long lists must be walked to the end.
SELDOM_TOGETHER = ("subsidie grants", "aanvraag tenants", "woningen permits", "vergunning houses")


def two_word_queries(rng: random.Random, n: int) -> list[str]:
    """Pairs as people ask them: a noun with a verb, two nouns, a noun and a place or a project."""
    queries = []
    for _ in range(n):
        form = rng.randrange(4)
        if form == 0:
            queries.append(f"{rng.choice(NOUNS_NL)[1]} {rng.choice(PARTICIPLES_NL)}")
        elif form == 1:
            queries.append(f"{rng.choice(NOUNS_NL)[0]} {rng.choice(NOUNS_NL)[1]}")
        elif form == 2:
            queries.append(f"{rng.choice(NOUNS_EN)[1]} {rng.choice(('Utrecht', 'Delft', 'Leiden', 'unie'))}")
        else:
            queries.append(f"project {surname(rng.randrange(13_824))}")
    return queries


def bench(backend: str, size: Size, runs: int) -> list[tuple[str, float, float]]:
    engine = ensure_dataset(backend, size)
    sessions = make_session_factory(engine)
    rng = random.Random(5)
    one = [ONE_WORD[i % len(ONE_WORD)] for i in range(runs)]
    two = two_word_queries(rng, runs)
    viewers = [member_id(rng.randrange(size.members)) for _ in range(runs)]
    results = []
    with sessions() as session:
        newest = (
            select(Interaction.id, Interaction.notes, Relation.name, Relation.organisation)
            .join(Relation, Relation.id == Interaction.relation_id)
            .where(Interaction.team_id == TEAM_ID)
            .order_by(Interaction.id.desc())
            .limit(10)
        )
        questions: list[tuple[str, Callable[[int], object]]] = [
            ("floor: the newest 10 interactions with their relations", lambda i: session.execute(newest).all()),
            (
                "index alone, one word",
                lambda i: matching(session, TEAM_ID, search_query(one[i]), viewer_id=viewers[i], limit=31),
            ),
            ("search, one word", lambda i: search_discussed(session, TEAM_ID, viewers[i], one[i])),
            (
                "index alone, two words",
                lambda i: matching(session, TEAM_ID, search_query(two[i]), viewer_id=viewers[i], limit=31),
            ),
            ("search, two words", lambda i: search_discussed(session, TEAM_ID, viewers[i], two[i])),
            (
                "search, two common words seldom together (worst case)",
                lambda i: search_discussed(session, TEAM_ID, viewers[i], SELDOM_TOGETHER[i % len(SELDOM_TOGETHER)]),
            ),
        ]
        settle_heap()  # as a serving process does once it has started (bot.server.ready_to_serve)
        for label, work in questions:
            work(0)  # warm the cache and the plan
            p50, p99 = p50_p99_ms(runs, work)
            results.append((label, p50, p99))
            session.rollback()
    return results


def found_counts(backend: str, size: Size) -> dict[str, int]:
    """How many meetings each one-word search matches (to show the mix of common and rare words)."""
    engine = ensure_dataset(backend, size)
    with make_session_factory(engine)() as session:
        total = session.scalar(select(func.count()).select_from(Interaction))
        words = ONE_WORD + SELDOM_TOGETHER
        counts = {word: len(matching(session, TEAM_ID, search_query(word), viewer_id=None)) for word in words}
    return {"(interactions)": total, **counts}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--interactions", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--relations", type=int, default=100_000)
    parser.add_argument("--members", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--build", action="store_true", help="time building the index (migration 0006)")
    parser.add_argument("--build-runs", type=int, default=1)
    parser.add_argument("--counts", action="store_true", help="how many meetings each one-word search matches")
    args = parser.parse_args()
    sizes = [Size(args.members, args.relations, n) for n in args.interactions]
    if args.counts:
        for size in sizes:
            print(size.tag, found_counts(args.backend, size))
    if args.build:
        for size in sizes:
            print_build_time(args.backend, size, args.build_runs)
    rounds: dict[str, dict[int, list[tuple[float, float]]]] = defaultdict(lambda: defaultdict(list))
    for _ in range(args.rounds):
        for size in sizes:
            for label, p50, p99 in bench(args.backend, size, args.runs):
                rounds[label][size.interactions].append((p50, p99))
    if rounds:
        print_table(args, sizes, rounds)


def print_build_time(backend: str, size: Size, runs: int) -> None:
    engine = ensure_dataset(backend, size)
    seconds = [build_search_index(engine) for _ in range(runs)]
    print(
        f"{backend} {size.interactions:,} interactions: index built in {statistics.median(seconds):.1f} s "
        f"(min {min(seconds):.1f}, max {max(seconds):.1f}, {len(seconds)} run(s))"
    )


def print_table(args: argparse.Namespace, sizes: list[Size], rounds: dict) -> None:
    heading = (
        f"{args.backend}, {args.relations:,} relations, {args.members:,} members, {args.rounds} rounds of {args.runs}"
    )
    print_growth_table(heading, [s.interactions for s in sizes], rounds)


if __name__ == "__main__":
    main()
