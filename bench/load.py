"""Load: `goodwill serve` under a realistic mix of Slack's requests, at rising rates, on SQLite and PostgreSQL.

    python -m bench.load                      # both databases, rates 50 … 400 a second, 20 s each
    python -m bench.load --backend postgresql --rates 100,200,300 --seconds 30
    python -m bench.load --floor              # the harness's own ceiling: the same load against a trivial app
    python -m bench.load --burst              # 50 members logging at once on SQLite for 30 s (closed loop)

Goodwill runs as deployed: `goodwill serve` (gunicorn, its default workers and threads) in a process of its own,
on a private copy of a seeded dataset (bench/dataset.py; 200 members, 5,000 relations, 50,000 interactions by
default); Slack's Web API is the stand-in, in a process of its own too (it answers views.publish, views.open and
response_url posts, and notes when each arrived). Requests are real HTTP with real v0 signatures, built by
tests/support/slack_requests.py; the mix is /met 50 %, /relation 15 %, /whoknows 15 %, Home opens 10 %, nudge clicks
10 % (Logged it, Snooze).

The generator is open-loop: requests leave on a Poisson schedule fixed in advance, whether or not earlier ones
were answered, and each latency is measured from the moment the request was due (so a stalled server is not
hidden by a generator that waits for it). "ack" is Slack's view: the HTTP answer, which Slack wants within 3 s.
"done" is what the member waits for when the answer comes after the ack: the /relation and /whoknows reply at
their response_url, the published Home tab, the modal opened by Logged it; for /met and Snooze the ack is the
answer. "lag" is how late the generator sent, against its schedule: when it grows, the generator is the
bottleneck and the figures of that rate say nothing about Goodwill (`--floor` measures where that happens).
Each rate also reports the CPU per request of each process (Goodwill, the stand-in, the generator, and the
PostgreSQL backends of the run's database when the server runs on this machine) and how busy the whole machine
was, other work included: latencies measured while other work takes most of the cores say little about Goodwill.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections import defaultdict, deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from sqlalchemy import create_engine, text, update
from sqlalchemy.engine import make_url

from bench.common import percentile
from bench.dataset import FIRST, ORGS, TEAM_ID, THEMES, Size, dataset_url, ensure_dataset, member_id
from bot.settings import Settings
from storage.db import make_engine
from storage.migrate import upgrade
from storage.models import Member
from tests.support.slack_requests import SlackSender
from tests.support.slack_standin import SlackStandIn

ROOT = Path(__file__).resolve().parent.parent
SECRET = "bench-load-signing-secret"
BOT_TOKEN = "xoxb-bench-load"
SIZE = Size(members=200, relations=5_000, interactions=50_000)
RATES = (50, 100, 150, 200, 250, 300, 400)
MIX = (("met", 50), ("relation", 15), ("whoknows", 15), ("home", 10), ("click", 10))
P99_GOAL = 0.5  # seconds
REQUEST_TIMEOUT = 10.0
GIVE_UP_P99 = 5.0  # a rate whose p99 is beyond this ends the run: higher rates only queue more


# --- requests, built in advance ---------------------------------------------------------------------------
@dataclass
class Prepared:
    kind: str
    raw: bytes  # the whole HTTP request
    key: str | None  # what its follow-up at the stand-in is known by (response_url name, trigger_id, user)


class RemoteSlack:
    """What SlackSender needs of the stand-in (response_url addresses), for a stand-in in another process."""

    def __init__(self, api_url: str) -> None:
        self.base = api_url.removesuffix("api/")

    def response_url(self, name: str = "r1") -> str:
        return f"{self.base}response/{name}"


class PreparedRequests(SlackSender):
    """tests/slack_requests.SlackSender's requests, signed and kept as bytes instead of sent."""

    def __init__(self, base_url: str, slack: RemoteSlack) -> None:
        super().__init__(base_url, slack, signing_secret=SECRET)
        parts = urlsplit(self.url)
        self.host, self.path = parts.netloc, parts.path

    def post(self, body: str, content_type: str, *, timestamp=None, signature=None, headers=None, **_) -> bytes:
        timestamp = int(time.time()) if timestamp is None else timestamp
        signature = signature or self.verifier.generate_signature(timestamp=str(timestamp), body=body)
        data = body.encode("utf-8")
        lines = [
            f"POST {self.path} HTTP/1.1",
            f"Host: {self.host}",
            f"Content-Type: {content_type}",
            f"Content-Length: {len(data)}",
            f"X-Slack-Request-Timestamp: {timestamp}",
            f"X-Slack-Signature: {signature}",
            "User-Agent: Slackbot 1.0 (+https://api.slack.com/robots)",
            *(f"{k}: {v}" for k, v in (headers or {}).items()),
        ]
        return ("\r\n".join(lines) + "\r\n\r\n").encode() + data


@dataclass
class Network:
    """What the requests name: members who are still there, relations with their owners."""

    members: list[str]
    relations: list[tuple[int, str, str]]  # (id, name, owner)
    owned: dict[str, list[int]]


def read_network(url: str, size: Size) -> Network:
    engine = create_engine(url)
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT id, name, owner_id FROM relations WHERE NOT archived")).all()
    engine.dispose()
    members = [member_id(i) for i in range(size.members) if i % 97]  # bench/dataset: every 97th has left
    owned: dict[str, list[int]] = defaultdict(list)
    for relation_id, _name, owner in rows:
        owned[owner].append(relation_id)
    return Network(members, [tuple(r) for r in rows], dict(owned))


def build_requests(
    sender: PreparedRequests, network: Network, count: int, rng: random.Random, mix=MIX
) -> list[Prepared]:
    kinds = [kind for kind, weight in mix for _ in range(weight)]
    prepared = []
    for _i in range(count):
        kind = rng.choice(kinds)
        user = rng.choice(network.members)
        relation_id, name, _owner = rng.choice(network.relations)
        if kind == "met":
            person = name if rng.random() < 0.9 else f"{rng.choice(FIRST)} {_new_surname(rng)}"
            line = rng.choice(("{} gisteren: koffie over huisvesting #wonen", "{} yesterday: lunch", "{}"))
            raw = sender.command("/met", line.format(person), user_id=user, team_id=TEAM_ID)
            prepared.append(Prepared(kind, raw, None))
        elif kind in ("relation", "whoknows"):
            if kind == "relation":
                typed = name
            else:
                typed = rng.choice((rng.choice([o for o in ORGS if o]), "#" + rng.choice(THEMES), name))
            raw = sender.command("/" + kind, typed, user_id=user, team_id=TEAM_ID)
            prepared.append(Prepared(kind, raw, _response_name(raw)))
        elif kind == "home":
            event = {"type": "app_home_opened", "user": user, "channel": "D" + user[1:], "tab": "home"}
            event["event_ts"] = f"{time.time():.6f}"
            raw = sender.event(event, team_id=TEAM_ID)
            prepared.append(Prepared(kind, raw, user))
        else:
            own = network.owned.get(user)
            if own and rng.random() < 0.4:  # Snooze one of one's own relations, from its nudge
                rid = rng.choice(own)
                raw = sender.block_action(
                    "nudge_snooze",
                    None,
                    user_id=user,
                    team_id=TEAM_ID,
                    block_id=f"nudge_{rid}",
                    channel_id="D" + user[1:],
                    selected_option={"value": f"{rid}:{rng.choice(('1w', '2w', '1m'))}"},
                    action_type="static_select",
                )
                prepared.append(Prepared("click", raw, None))
            else:  # Logged it: opens the recording modal
                raw = sender.block_action(
                    "nudge_logged",
                    str(relation_id),
                    user_id=user,
                    team_id=TEAM_ID,
                    block_id=f"nudge_{relation_id}",
                    channel_id="D" + user[1:],
                )
                prepared.append(Prepared("click", raw, _trigger_id(raw)))
    return prepared


def _new_surname(rng: random.Random) -> str:
    return "".join(rng.choice("bcdfghjklmnprstvwz") + rng.choice("aeiou") for _ in range(3)).capitalize() + "x"


def _form(raw: bytes) -> dict[str, str]:
    body = raw.split(b"\r\n\r\n", 1)[1].decode()
    return {k: v[0] for k, v in parse_qs(body).items()}


def _response_name(raw: bytes) -> str:
    return _form(raw)["response_url"].rsplit("/", 1)[-1]


def _trigger_id(raw: bytes) -> str:
    return json.loads(_form(raw)["payload"])["trigger_id"]


# --- the open-loop generator ------------------------------------------------------------------------------
@dataclass
class Result:
    kind: str
    due: float
    sent: float
    answered: float | None
    status: int
    key: str | None
    done: float | None = None
    body: bytes = b""


class Connections:
    """Keep-alive HTTP/1.1 connections to the server, as many as requests in flight."""

    IDLE_FOR = 1.0  # gunicorn closes idle keep-alive connections after 2 s: never reuse one near that

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.idle: deque = deque()

    async def send(self, raw: bytes) -> tuple[int, bytes]:
        for attempt in range(2):
            reader, writer = await self._connection()
            try:
                writer.write(raw)
                head = await reader.readuntil(b"\r\n\r\n")
            except (ConnectionError, asyncio.IncompleteReadError):
                writer.close()
                if attempt:
                    raise
                continue  # a keep-alive connection the server had just closed
            status = int(head.split(b" ", 2)[1])
            headers = head.lower()
            length = None
            for line in headers.split(b"\r\n"):
                if line.startswith(b"content-length:"):
                    length = int(line.split(b":", 1)[1])
            if length is None:
                body = await reader.read()
                writer.close()
            else:
                body = await reader.readexactly(length)
                if b"connection: close" in headers:
                    writer.close()
                else:
                    self.idle.append((reader, writer, time.monotonic()))
            return status, body
        raise AssertionError("unreachable")

    async def _connection(self):
        while self.idle:
            reader, writer, since = self.idle.pop()
            if time.monotonic() - since < self.IDLE_FOR and not reader.at_eof():
                return reader, writer
            writer.close()
        return await asyncio.open_connection(self.host, self.port)


async def _open_loop(url: str, requests: list[Prepared], rate: float, seed: int) -> list[Result]:
    parts = urlsplit(url)
    connections = Connections(parts.hostname, parts.port)
    rng = random.Random(seed)
    results: list[Result] = []
    tasks = []

    async def one(request: Prepared, due: float) -> None:
        sent = time.monotonic()
        try:
            status, _ = await asyncio.wait_for(connections.send(request.raw), REQUEST_TIMEOUT)
            answered = time.monotonic()
        except (TimeoutError, OSError, asyncio.IncompleteReadError):
            status, answered = 0, None
        results.append(Result(request.kind, due, sent, answered, status, request.key))

    due = time.monotonic() + 0.1
    for request in requests:
        due += rng.expovariate(rate)
        wait = due - time.monotonic()
        if wait > 0:
            await asyncio.sleep(wait)
        tasks.append(asyncio.create_task(one(request, due)))
    await asyncio.gather(*tasks)
    return results


async def _closed_loop(url: str, members: list[list[Prepared]], seconds: float, pause: float) -> list[Result]:
    """Each member sends their next request when the previous one is answered (and `pause` has passed)."""
    parts = urlsplit(url)
    results: list[Result] = []
    ends = time.monotonic() + seconds

    async def member(queue: list[Prepared]) -> None:
        connections = Connections(parts.hostname, parts.port)
        for request in queue:
            if time.monotonic() >= ends:
                return
            sent = time.monotonic()
            body = b""
            try:
                status, body = await asyncio.wait_for(connections.send(request.raw), 60)
                answered = time.monotonic()
            except (TimeoutError, OSError, asyncio.IncompleteReadError):
                status, answered = 0, None
            result = Result(request.kind, sent, sent, answered, status, request.key)
            result.body = body
            results.append(result)
            await asyncio.sleep(pause)

    await asyncio.gather(*(member(queue) for queue in members))
    return results


# --- processes ------------------------------------------------------------------------------------------
def _free_port() -> int:

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SlackElsewhere:
    """The stand-in in a process of its own, noting when each follow-up arrived (bench.load's recorder)."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", "from bench.load import serve_recording_slack; serve_recording_slack()"],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.api_url = self.process.stdout.readline().strip()

    def arrivals(self) -> list[tuple[str, str, float]]:
        """(method, key, monotonic time) of every call since the last ask."""
        self.process.stdin.write("log\n")
        self.process.stdin.flush()
        return [tuple(entry) for entry in json.loads(self.process.stdout.readline())]

    def cpu_seconds(self) -> float:
        return _cpu_of(self.process.pid)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def serve_recording_slack() -> None:
    """The stand-in, keeping only (method, key, time) of each call; prints its Web API URL, then on each
    "log" line read from stdin prints (and forgets) what arrived since."""

    arrivals: list = []
    lock = threading.Lock()

    class Recorder(SlackStandIn):
        def _record(self, call) -> None:
            if call.method == "response_url":
                key = call.path.rsplit("/", 1)[-1]
            elif call.method in ("views.open", "views.push"):
                key = call.params.get("trigger_id")
            elif call.method == "views.publish":
                key = call.params.get("user_id")
            else:
                key = None
            with lock:
                arrivals.append((call.method, key, call.at))
            self.messages.clear()  # nothing reads them back here; keep memory flat

    slack = Recorder().start()
    slack.add_workspace(TEAM_ID, "Bench")  # the dataset's workspace, whose token the server is given
    slack.tokens[BOT_TOKEN] = TEAM_ID
    print(slack.api_url, flush=True)
    for line in sys.stdin:
        if line.strip() == "log":
            with lock:
                taken = arrivals[:]
                arrivals.clear()
            print(json.dumps(taken), flush=True)


def _cpu_of(pid: int) -> float:
    """User + system CPU seconds of a process and its children, from /proc."""
    total = 0.0
    ticks = os.sysconf("SC_CLK_TCK")
    for candidate in [pid, *_children(pid)]:
        try:
            fields = Path(f"/proc/{candidate}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / ticks
        except (OSError, IndexError, ValueError):
            pass
    return total


def _postgres_cpu(database: str | None) -> dict[int, float]:
    """CPU seconds of each PostgreSQL backend serving `database` (found by their process titles, "postgres:
    [cluster:] user database host …"); empty when the server is not on this machine or `database` is None."""
    if database is None:
        return {}
    found = {}
    ticks = os.sysconf("SC_CLK_TCK")
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            title = (entry / "cmdline").read_bytes().split(b"\0")[0].split()
            if title[:1] == [b"postgres:"] and database.encode() in title[1:4]:  # after the cluster's name, if any
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                found[int(entry.name)] = (int(fields[11]) + int(fields[12])) / ticks
        except (OSError, IndexError, ValueError):
            pass
    return found


def _postgres_cpu_since(before: dict[int, float], database: str | None) -> float:
    """CPU seconds of the backends since `before`: a backend that ended meanwhile (the pool closes its overflow
    connections) takes its last share with it, so this is a lower bound."""
    return sum(cpu - before.get(pid, 0.0) for pid, cpu in _postgres_cpu(database).items())


def _machine_busy() -> float:
    """CPU seconds the whole machine has been busy since boot (every process: other work on it included)."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle, iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def _children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


class Served:
    """`goodwill serve` in a process of its own, on a free port."""

    def __init__(self, database_url: str, slack_api_url: str, extra_env: dict[str, str]) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "SLACK_BOT_TOKEN": BOT_TOKEN,
            "SLACK_SIGNING_SECRET": SECRET,
            "SLACK_API_URL": slack_api_url,
            "PORT": str(self.port),
            "PYTHONPATH": str(ROOT),
            **extra_env,
        }
        env.pop("SLACK_APP_TOKEN", None)
        self.log = tempfile.NamedTemporaryFile(prefix="goodwill-load-", suffix=".log", delete=False)  # noqa: SIM115
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bot", "serve"], env=env, cwd=ROOT, stdout=self.log, stderr=subprocess.STDOUT
        )
        _wait_for_health(self.url, self.process)

    def cpu_seconds(self) -> float:
        return _cpu_of(self.process.pid)

    def stop(self) -> str:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()
        output = Path(self.log.name).read_text(errors="replace")
        os.unlink(self.log.name)
        return output


def _wait_for_health(url: str, process: subprocess.Popen, timeout: float = 60) -> None:

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server exited ({process.returncode})")
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("the server did not come up")


def trivial_app(environ: dict, start_response) -> list[bytes]:
    """The floor: reads the request and answers 200, as cheaply as a WSGI app can."""
    length = int(environ.get("CONTENT_LENGTH") or 0)
    environ["wsgi.input"].read(length)
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "2")])
    return [b"ok"]


@contextmanager
def trivial_server(workers: int, threads: int) -> Iterator[str]:
    port = _free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--worker-class",
            "gthread",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "bench.load:trivial_app",
        ],
        cwd=ROOT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise SystemExit("the trivial server did not come up") from None
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


# --- databases ------------------------------------------------------------------------------------------
@contextmanager
def private_copy(backend: str, size: Size) -> Iterator[str]:
    """A throw-away copy of the cached dataset (the run writes to it), with every member known as after their
    first command today (so no users.info is needed)."""
    ensure_dataset(backend, size, quiet=False).dispose()
    source = dataset_url(backend, size)
    if backend == "sqlite":
        folder = Path(tempfile.mkdtemp(prefix="goodwill-load-"))
        target = folder / "goodwill.db"
        shutil.copyfile(source.removeprefix("sqlite:///"), target)
        url = f"sqlite:///{target}"
    else:
        parsed = make_url(source)
        name = f"load_bench_{os.getpid()}"
        admin = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
            connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{parsed.database}"'))
        url = parsed.set(database=name).render_as_string(hide_password=False)

    engine = make_engine(url)
    upgrade(engine)  # a cached dataset may predate the newest migrations
    with engine.begin() as connection:
        connection.execute(update(Member).values(fetched_at=datetime.now(UTC)))
        if backend == "postgresql":
            connection.execute(text("ANALYZE"))
    engine.dispose()
    try:
        yield url
    finally:
        if backend == "sqlite":
            shutil.rmtree(folder, ignore_errors=True)
        else:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()


# --- reporting ------------------------------------------------------------------------------------------
@dataclass
class Step:
    rate: float
    seconds: float
    results: list[Result]
    server_cpu: float = 0.0
    slack_cpu: float = 0.0
    generator_cpu: float = 0.0
    postgres_cpu: float = 0.0
    machine_busy: float = 0.0  # CPU seconds of the whole machine while the CPU figures were taken
    window: float = 0.0  # seconds during which the CPU figures were taken (the step and its follow-ups)
    notes: list[str] = field(default_factory=list)

    @property
    def answered(self) -> list[Result]:
        return [r for r in self.results if r.status == 200 and r.answered is not None]

    def ack_latencies(self, kind: str | None = None) -> list[float]:
        return [r.answered - r.due for r in self.answered if kind in (None, r.kind)]

    def done_latencies(self, kind: str) -> list[float]:
        return [(r.done or r.answered) - r.due for r in self.answered if r.kind == kind and (r.done or not r.key)]

    @property
    def p99(self) -> float:
        values = self.ack_latencies()
        return percentile(values, 99) if values else float("inf")

    @property
    def p99_done(self) -> float:
        values = [v for kind, _ in MIX for v in self.done_latencies(kind)]
        return percentile(values, 99) if values else float("inf")


def match_follow_ups(results: list[Result], arrivals: list[tuple[str, str, float]]) -> int:
    """Attach to each request the arrival of its follow-up at the stand-in; returns how many had none."""
    by_key: dict[tuple[str, str], deque] = defaultdict(deque)
    for method, key, at in sorted(arrivals, key=lambda a: a[2]):
        if key is not None:
            by_key[(method, key)].append(at)
    follow_up = {"relation": "response_url", "whoknows": "response_url", "click": "views.open", "home": "views.publish"}
    missing = 0
    for result in sorted(results, key=lambda r: r.due):
        if result.key is None or result.answered is None:
            continue
        times = by_key.get((follow_up[result.kind], result.key))
        # Home: the first publish for that member after the request was sent (a /met also redraws Home).
        while times and times[0] < result.sent:
            times.popleft()
        if times:
            result.done = times.popleft()
        else:
            missing += 1
    return missing


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f}" if seconds < 100 else "-"


def report(backend: str, steps: list[Step]) -> None:
    print(f"\n{backend}: offered rate, throughput, ack p50/p99 per kind (ms), and done p50/p99 where it differs")
    kinds = [kind for kind, _ in MIX]
    header = f"{'rate/s':>7} {'done/s':>7} {'errors':>6} {'lag p99':>8} {'all p50/p99':>12} " + " ".join(
        f"{kind:>13}" for kind in kinds
    )
    print(header)
    for step in steps:
        ok = step.answered
        lag = percentile([r.sent - r.due for r in step.results], 99)
        cells = []
        for kind in kinds:
            ack = step.ack_latencies(kind)
            cells.append(f"{ms(percentile(ack, 50)):>5}/{ms(percentile(ack, 99)):<7}" if ack else f"{'-':>13}")
        everything = step.ack_latencies()
        print(
            f"{step.rate:>7.0f} {len(ok) / step.seconds:>7.1f} {len(step.results) - len(ok):>6} {ms(lag):>8} "
            f"{ms(percentile(everything, 50)):>5}/{ms(percentile(everything, 99)):<6} " + " ".join(cells)
        )
        dones = []
        for kind in ("relation", "whoknows", "home", "click"):
            done = step.done_latencies(kind)
            if done:
                dones.append(f"{kind} {ms(percentile(done, 50))}/{ms(percentile(done, 99))}")
        per_request = step.server_cpu / max(1, len(ok)) * 1000
        ours = step.server_cpu + step.slack_cpu + step.generator_cpu + step.postgres_cpu
        print(
            f"{'':>7} done: {', '.join(dones)}; CPU per request: Goodwill {per_request:.1f} ms, "
            f"stand-in {step.slack_cpu / max(1, len(ok)) * 1000:.1f} ms, generator "
            f"{step.generator_cpu / max(1, len(step.results)) * 1000:.2f} ms"
            + (f", PostgreSQL ≥ {step.postgres_cpu / max(1, len(ok)) * 1000:.1f} ms" if step.postgres_cpu else "")
            + (
                f"; machine busy {step.machine_busy / step.window:.2f} of {os.cpu_count()} cores, other work "
                f"{max(0.0, step.machine_busy - ours) / step.window:.2f}"
                if step.window
                else ""
            )
            + ("; " + "; ".join(step.notes) if step.notes else "")
        )
    good = [s.rate for s in steps if s.p99 < P99_GOAL and len(s.answered) == len(s.results)]
    good_done = [s.rate for s in steps if s.p99_done < P99_GOAL and len(s.answered) == len(s.results)]
    print(
        f"highest rate with every request answered and ack p99 < {P99_GOAL * 1000:.0f} ms: "
        f"{max(good) if good else 'none'}/s; with done p99 < {P99_GOAL * 1000:.0f} ms too: "
        f"{max(good_done) if good_done else 'none'}/s"
    )


def _generator_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


# --- runs -----------------------------------------------------------------------------------------------
def run_backend(
    backend: str, rates: list[float], seconds: float, size: Size, env: dict[str, str], mix=MIX
) -> list[Step]:
    steps: list[Step] = []
    with private_copy(backend, size) as url:
        network = read_network(url, size)
        database = make_url(url).database if backend == "postgresql" else None
        slack = SlackElsewhere()
        served = Served(url, slack.api_url, env)
        try:
            sender = PreparedRequests(served.url, RemoteSlack(slack.api_url))
            rng = random.Random(11)
            warm = build_requests(sender, network, 200, rng)  # each worker builds what it caches on first use
            asyncio.run(_open_loop(served.url, warm, 50, seed=1))
            time.sleep(1)
            slack.arrivals()
            for rate in rates:
                requests = build_requests(sender, network, int(rate * seconds), rng, mix)
                cpu = (served.cpu_seconds(), slack.cpu_seconds(), _generator_cpu(), _postgres_cpu(database))
                busy, since = _machine_busy(), time.monotonic()
                results = asyncio.run(_open_loop(served.url, requests, rate, seed=int(rate)))
                time.sleep(2)  # the last follow-ups arrive
                step = Step(rate, seconds, results)
                step.server_cpu = served.cpu_seconds() - cpu[0]
                step.slack_cpu = slack.cpu_seconds() - cpu[1]
                step.generator_cpu = _generator_cpu() - cpu[2]
                step.postgres_cpu = _postgres_cpu_since(cpu[3], database)
                step.machine_busy = _machine_busy() - busy
                step.window = time.monotonic() - since
                missing = match_follow_ups(results, slack.arrivals())
                if missing:
                    step.notes.append(f"{missing} follow-up(s) never arrived")
                steps.append(step)
                print(
                    f"  {backend} {rate:.0f}/s: ack p99 {step.p99 * 1000:.0f} ms, done p99 "
                    f"{step.p99_done * 1000:.0f} ms, load average {os.getloadavg()[0]:.1f}",
                    flush=True,
                )
                if step.p99 > GIVE_UP_P99:
                    break
        finally:
            output = served.stop()
            slack.stop()
    errors = [line for line in output.splitlines() if "Traceback" in line or " ERROR " in line]
    if errors:
        print(f"  {backend}: the server logged {len(errors)} error line(s), e.g. {errors[0][:200]}")
    return steps


def run_floor(rates: list[float], seconds: float, workers: int, threads: int) -> list[Step]:
    """The same generator against a trivial WSGI app under the same gunicorn: the harness's own ceiling."""
    steps = []
    network = Network(["U0000001"], [(1, "Jan de Vries", "U0000001")], {})
    with trivial_server(workers, threads) as url:
        sender = PreparedRequests(url, RemoteSlack("http://127.0.0.1:9/api/"))
        rng = random.Random(5)
        asyncio.run(_open_loop(url, build_requests(sender, network, 200, rng), 100, seed=1))  # warm up
        for rate in rates:
            requests = build_requests(sender, network, int(rate * seconds), rng)
            for request in requests:
                request.key = None  # the trivial app makes no follow-ups
            cpu = _generator_cpu()
            results = asyncio.run(_open_loop(url, requests, rate, seed=int(rate)))
            step = Step(rate, seconds, results, generator_cpu=_generator_cpu() - cpu)
            steps.append(step)
            print(f"  floor {rate:.0f}/s: p99 {step.p99 * 1000:.1f} ms", flush=True)
            if step.p99 > GIVE_UP_P99:
                break
    return steps


def run_burst(seconds: float, members: int, size: Size, env: dict[str, str]) -> None:
    """`members` members logging /met after /met on SQLite (the fault suite's test, for the issue's full 30 s)."""
    with private_copy("sqlite", size) as url:
        network = read_network(url, size)
        slack = SlackElsewhere()
        served = Served(url, slack.api_url, env)
        engine = create_engine(url)
        with engine.connect() as connection:
            before = connection.scalar(text("SELECT count(*) FROM interactions"))
        try:
            sender = PreparedRequests(served.url, RemoteSlack(slack.api_url))
            rng = random.Random(3)
            queues = []
            for index in range(members):
                user = network.members[index % len(network.members)]
                queue = []
                for _ in range(int(seconds * 40)):
                    _id, name, _owner = rng.choice(network.relations)
                    raw = sender.command("/met", f"{name} gisteren: overleg", user_id=user, team_id=TEAM_ID)
                    queue.append(Prepared("met", raw, None))
                queues.append(queue)
            results = asyncio.run(_closed_loop(served.url, queues, seconds, pause=0.1))
        finally:
            output = served.stop()
            slack.stop()
        with engine.connect() as connection:
            stored = connection.scalar(text("SELECT count(*) FROM interactions")) - before
        engine.dispose()
    answered = [r for r in results if r.status == 200]
    recorded = sum(1 for r in answered if b'"Recorded: ' in r.body or b'"Vastgelegd: ' in r.body)
    latencies = sorted(r.answered - r.sent for r in answered)
    print(
        f"burst on SQLite: {members} members for {seconds:.0f} s (closed loop, 0.1 s between answer and next): "
        f"{len(results)} /met, {len(answered)} answered 200 ({recorded} confirmed as recorded, the others asked "
        f"which relation was meant), {len(results) - len(answered)} not; {stored} meetings stored; "
        f"{len(answered) / seconds:.1f}/s; answer p50 {percentile(latencies, 50):.3f} s, "
        f"p99 {percentile(latencies, 99):.3f} s, max {latencies[-1]:.3f} s; "
        f"'locked' in the server's log: {output.count('locked')}; load average {os.getloadavg()[0]:.1f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--rates", default=",".join(str(r) for r in RATES), help="requests a second, rising")
    parser.add_argument("--seconds", type=float, default=20.0, help="at each rate")
    parser.add_argument("--members", type=int, default=SIZE.members)
    parser.add_argument("--relations", type=int, default=SIZE.relations)
    parser.add_argument("--interactions", type=int, default=SIZE.interactions)
    parser.add_argument("--workers", type=int, help="WEB_CONCURRENCY for goodwill serve (default: its own)")
    parser.add_argument("--floor", action="store_true", help="measure the harness against a trivial app instead")
    parser.add_argument("--burst", action="store_true", help="50 members logging at once on SQLite, closed loop")
    parser.add_argument("--mix", help="another mix, e.g. met=1 (one kind alone: what it costs)")
    args = parser.parse_args()
    rates = [float(r) for r in args.rates.split(",")]
    size = Size(args.members, args.relations, args.interactions)
    env = {"WEB_CONCURRENCY": str(args.workers)} if args.workers else {}
    mix = MIX
    if args.mix:
        mix = tuple((kind, int(weight)) for kind, weight in (part.split("=") for part in args.mix.split(",")))
    started = datetime.now(UTC)
    print(
        f"bench.load {started:%Y-%m-%d %H:%M} UTC; {os.cpu_count()} cores; load average at start "
        f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}; dataset {size.members} members, {size.relations:,} "
        f"relations, {size.interactions:,} interactions; {args.seconds:.0f} s per rate"
    )
    if args.floor:
        workers = args.workers or Settings(database_url="").web_concurrency
        report("floor (trivial WSGI app, same gunicorn)", run_floor(rates, args.seconds, workers, 8))
    elif args.burst:
        run_burst(30.0 if args.seconds == 20.0 else args.seconds, 50, size, env)
    else:
        for backend in ("sqlite", "postgresql") if args.backend == "both" else (args.backend,):
            report(backend, run_backend(backend, rates, args.seconds, size, env, mix))
    print(f"load average at the end {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
