"""CPU per request by kind, and queries per request: Goodwill's WSGI app in this process, one request at a time.

    python -m bench.request_cpu                       # PostgreSQL, every kind of bench.load's mix, 200 of each
    python -m bench.request_cpu --backend sqlite --kinds met,home --count 300

The app is built as `goodwill serve` builds it (bot.server.ready_to_serve) on a private copy of bench.load's
dataset; Slack's Web API is the stand-in in a process of its own. Each request is signed and handed to the WSGI
app directly, and the next one waits until the work after its ack is done, so the CPU time of this process
(time.process_time, every thread) divided by the count is what one request of that kind costs, without the
queueing of a load test. CPU time is less distorted by other work on the machine than wall time, but not immune
to it (shared caches): compare runs made back to back, and report the load average printed with each line.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import event

from bench.load import (
    BOT_TOKEN,
    MIX,
    SECRET,
    SIZE,
    PreparedRequests,
    RemoteSlack,
    SlackElsewhere,
    build_requests,
    private_copy,
    read_network,
)
from bot.app import build_app
from bot.deps import Deps
from bot.server import ready_to_serve
from bot.settings import Settings
from bot.web import make_wsgi_app


class DrainableExecutor(ThreadPoolExecutor):
    """deps.after_ack that can be waited on until every task submitted so far is done."""

    def __init__(self) -> None:
        super().__init__(thread_name_prefix="goodwill-after-ack")
        self.pending = 0
        self._lock = threading.Lock()

    def submit(self, fn, /, *args, **kwargs):
        with self._lock:
            self.pending += 1

        def run():
            try:
                return fn(*args, **kwargs)
            finally:
                with self._lock:
                    self.pending -= 1

        return super().submit(run)

    def drain(self) -> None:
        while self.pending:
            time.sleep(0.0005)


def environ_of(raw: bytes) -> dict:
    """The WSGI environ of a raw HTTP request (bench.load's prepared bytes)."""
    head, body = raw.split(b"\r\n\r\n", 1)
    lines = head.decode().split("\r\n")
    method, path, _ = lines[0].split(" ")
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(body),
    }
    for line in lines[1:]:
        name, value = line.split(": ", 1)
        name = name.upper().replace("-", "_")
        environ[name if name in ("CONTENT_TYPE", "CONTENT_LENGTH") else "HTTP_" + name] = value
    return environ


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=("sqlite", "postgresql"), default="postgresql")
    parser.add_argument("--kinds", default=",".join([kind for kind, _ in MIX] + ["mix"]))
    parser.add_argument("--count", type=int, default=200, help="requests of each kind")
    args = parser.parse_args()
    with private_copy(args.backend, SIZE) as url:
        network = read_network(url, SIZE)
        slack = SlackElsewhere()
        try:
            measure(url, slack, network, args.kinds.split(","), args.count, args.backend)
        finally:
            slack.stop()


def measure(url: str, slack: SlackElsewhere, network, kinds: list[str], count: int, backend: str) -> None:
    environ = {"DATABASE_URL": url, "SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SECRET}
    deps = Deps.from_settings(Settings.from_env({**environ, "SLACK_API_URL": slack.api_url}))
    deps.after_ack = DrainableExecutor()
    app = build_app(deps)
    ready_to_serve(deps)
    wsgi = make_wsgi_app(app, deps.engine, deps.settings)
    queries = Counter()
    event.listen(deps.engine, "before_cursor_execute", lambda *_: queries.update(["query"]))
    statuses: list[str] = []

    def call(raw: bytes) -> None:
        b"".join(wsgi(environ_of(raw), lambda status, headers, exc_info=None: statuses.append(status)))
        deps.after_ack.drain()

    sender = PreparedRequests("http://127.0.0.1:80", RemoteSlack(slack.api_url))
    rng = random.Random(11)
    for prepared in build_requests(sender, network, 200, rng):  # what each path builds on first use
        call(prepared.raw)
    print(f"{backend}: CPU per request of Goodwill's process, one request at a time, after its follow-ups")
    for kind in kinds:
        requests = build_requests(sender, network, count, rng, MIX if kind == "mix" else ((kind, 1),))
        statuses.clear()
        queries.clear()
        cpu, slack_cpu = time.process_time(), slack.cpu_seconds()
        for prepared in requests:
            call(prepared.raw)
        cpu, slack_cpu = time.process_time() - cpu, slack.cpu_seconds() - slack_cpu
        refused = sum(not status.startswith("200") for status in statuses)
        print(
            f"  {kind:9} {cpu / count * 1000:6.2f} ms, {queries['query'] / count:5.1f} queries; stand-in "
            f"{slack_cpu / count * 1000:.2f} ms; not 200: {refused}; load average {os.getloadavg()[0]:.1f}",
            flush=True,
        )
    deps.engine.dispose()


if __name__ == "__main__":
    main()
