"""/met from request to acknowledgement, beside three floors, with 100,000 relations and 1,000,000 interactions.

    python -m bench.met_bench [--requests 2000]

Sends signed /met requests in-process to the real app (App.dispatch: signature check, middleware, the
handler's parse, match and insert) and reports p50/p99 beside: a bare Bolt app that only acks, one parse
of the line alone, and one insert alone (interaction + commit). Target: /met p50 <= 2 ms and p99 < 6 ms
(absolute, since 7 December 2026: the ratio to the floors was retired, see bench/HISTORY.md); parse p50 < 0.5 ms.
"""

from __future__ import annotations

import argparse
import random
import shutil
import time
from concurrent.futures import Future, ThreadPoolExecutor, wait
from datetime import UTC, date, datetime
from urllib.parse import urlencode

from slack_bolt import App, BoltRequest
from slack_sdk import WebClient
from slack_sdk.signature import SignatureVerifier
from sqlalchemy import insert, update

from bench.common import BENCH_TOKEN, ms, percentile, private_sqlite_copy, slack_elsewhere
from bench.dataset import FIRST, TEAM_ID, TODAY, member_id, relation_name
from bot.app import build_app
from bot.deps import Deps, shared_date_reader
from bot.domain.recording_line import parse_met_line
from bot.server import ready_to_serve
from bot.settings import Settings
from storage import search_index
from storage.db import make_session_factory
from storage.models import Interaction, Member

SECRET = "bench-signing-secret"
NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
# The insert floor: an interaction's INSERT alone, as every /met runs it, without what is kept from it.
INSERT = insert(Interaction.__table__).returning(Interaction.id)


def lines(count: int, seed: int = 3) -> list[str]:
    """What members type: mostly people already in the network, some new, dates/themes/notes mixed in."""
    rng = random.Random(seed)
    templates = (
        "{n}",
        "{n} gisteren: koffie over huisvesting #wonen",
        "{n} yesterday: lunch #housing",
        "{n} vorige week dinsdag — belde over subsidie",
        "{n} 5 dagen geleden #lobby",
        "{n} 12 maart",
        "<@U0000001> and I met {n} last Tuesday: rondetafel",
    )
    result = []
    for i in range(count):
        if i % 10 < 8:
            name = relation_name(rng.randrange(100_000))
        else:
            name = f"{FIRST[rng.randrange(len(FIRST))]} {letters(i)}"
        result.append(templates[i % len(templates)].format(n=name))
    return result


def letters(number: int) -> str:
    """A surname nobody in the dataset has: 'Bqx'-like, from a number."""
    word = ""
    while True:
        number, rest = divmod(number, 26)
        word += "bcdfghjklmnpqrstvwxzaeiouy"[rest]
        if not number:
            return "Ka" + word


def signed(body: str, verifier: SignatureVerifier) -> BoltRequest:
    timestamp = str(int(time.time()))
    headers = {
        "content-type": ["application/x-www-form-urlencoded"],
        "x-slack-request-timestamp": [timestamp],
        "x-slack-signature": [verifier.generate_signature(timestamp=timestamp, body=body)],
    }
    return BoltRequest(body=body, headers=headers)


def command_body(text: str, user: str) -> str:
    return urlencode(
        {
            "token": "t",
            "team_id": TEAM_ID,
            "team_domain": "bench",
            "channel_id": "C0BENCH",
            "channel_name": "general",
            "user_id": user,
            "user_name": "bench",
            "command": "/met",
            "text": text,
            "api_app_id": "A0",
            "is_enterprise_install": "false",
            "response_url": "http://127.0.0.1:9/response",
            "trigger_id": "1.2",
        }
    )


class AfterAck(ThreadPoolExecutor):
    """The app's pool for work after the ack (Deps.after_ack), which can be waited for between requests."""

    def __init__(self) -> None:
        super().__init__(max_workers=8)
        self.pending: list[Future] = []

    def submit(self, fn, /, *args, **kwargs) -> Future:
        future = super().submit(fn, *args, **kwargs)
        self.pending.append(future)
        return future

    def drain(self) -> None:
        """Until nothing is left: work after the ack may queue more of its own (bot.redraw's Home redraws, for a
        change made from the Home tab)."""
        while self.pending:
            waiting, self.pending = self.pending, []
            wait(waiting)


def dispatch_latencies(app: App, texts: list[str], after_ack: AfterAck | None = None) -> list[float]:
    """Request-to-acknowledgement times. With `after_ack`, each request's follow-up work (the Home tab
    redraw) finishes, untimed, before the next request: one member at a time, not a backlog."""
    verifier = SignatureVerifier(SECRET)
    samples = []
    for i, text in enumerate(texts):
        request = signed(command_body(text, member_id(i % 1000)), verifier)
        started = time.perf_counter()
        response = app.dispatch(request)
        samples.append(time.perf_counter() - started)
        if response.status != 200:
            raise SystemExit(f"/met answered {response.status}: {response.body[:200]}")
        if after_ack is not None:
            after_ack.drain()
    return samples


def bare_app(api_url: str) -> App:
    app = App(
        signing_secret=SECRET,
        process_before_response=True,
        client=WebClient(token=BENCH_TOKEN, base_url=api_url),
    )
    app.command("/met")(lambda ack: ack())
    return app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument(
        "--without-search-index",
        action="store_true",
        help="skip indexing what was discussed (storage.search_index), to measure what keeping it costs",
    )
    args = parser.parse_args()
    if args.without_search_index:
        search_index.reindex = lambda *args, **kwargs: None
    engine, folder = private_sqlite_copy()
    # Slack answers auth.test at start and views.publish after each ack, from its own process.
    with slack_elsewhere() as slack_api_url:
        try:
            sessions = make_session_factory(engine)
            with sessions() as session, session.begin():
                # Members are known (as after their first command), so no users.info is needed.
                session.execute(update(Member).values(fetched_at=NOW))
            settings = Settings(
                database_url=str(engine.url),
                slack_bot_token=BENCH_TOKEN,
                slack_signing_secret=SECRET,
                slack_api_url=slack_api_url,
            )
            lazies = AfterAck()
            deps = Deps(
                settings=settings,
                engine=engine,
                sessions=sessions,
                clock=lambda: NOW,
                base_client=WebClient(token=BENCH_TOKEN, base_url=slack_api_url),
                after_ack=lazies,
            )
            reader = shared_date_reader(("en", "nl"))  # built (and warmed up) at start, as in `goodwill serve`
            texts = lines(args.requests)

            warm = lines(50, seed=99)
            bare = bare_app(slack_api_url)
            dispatch_latencies(bare, warm)
            ack_floor = dispatch_latencies(bare, texts)

            for text in warm:
                parse_met_line(text, today=TODAY, reader=reader)
            parse_floor = []
            for text in texts:
                started = time.perf_counter()
                parse_met_line(text, today=TODAY, reader=reader)
                parse_floor.append(time.perf_counter() - started)

            insert_floor = []
            for i in range(args.requests):
                started = time.perf_counter()
                with sessions() as session, session.begin():
                    session.connection().execute(
                        INSERT,
                        dict(
                            team_id=TEAM_ID,
                            relation_id=1 + (i * 37) % 100_000,
                            occurred_on=TODAY,
                            logged_by=member_id(i % 1000),
                            notes="koffie",
                            private=False,
                        ),
                    )
                insert_floor.append(time.perf_counter() - started)

            app = build_app(deps)
            ready_to_serve(deps)  # as `goodwill serve` does in each worker
            dispatch_latencies(app, warm, lazies)
            met = dispatch_latencies(app, texts, lazies)
            lazies.shutdown(wait=True)
        finally:
            engine.dispose()
            shutil.rmtree(folder, ignore_errors=True)

    floor = percentile(ack_floor, 50) + percentile(parse_floor, 50) + percentile(insert_floor, 50)
    print(
        f"/met benchmark on SQLite, 100,000 relations, 1,000,000 interactions, {args.requests} requests, {date.today()}"
        + (", without the search index" if args.without_search_index else "")
    )
    print(f"{'':28}{'p50':>10}{'p99':>10}")
    for label, samples in (
        ("bare Bolt ack (floor)", ack_floor),
        ("parse the line (floor)", parse_floor),
        ("insert alone (floor)", insert_floor),
        ("/met, full", met),
    ):
        print(f"{label:28}{ms(percentile(samples, 50)):>10}{ms(percentile(samples, 99)):>10}")
    print(f"/met p50 / (ack + parse + insert p50) = {percentile(met, 50) / floor:.2f} (target <= 1.3)")
    print(
        f"/met p99 = {ms(percentile(met, 99))} (target < 6 ms); parse p50 = {ms(percentile(parse_floor, 50))} "
        "(target < 0.5 ms)"
    )


if __name__ == "__main__":
    main()
