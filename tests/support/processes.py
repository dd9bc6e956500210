"""Goodwill as real processes, for the end-to-end and fault tests: `goodwill serve` on a free port, a clock job at a
chosen moment (killed or run to the end), and the environment they start in."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import datetime
from pathlib import Path

from tests.support.running import BOT_TOKEN
from tests.support.slack_requests import SIGNING_SECRET

ROOT = Path(__file__).resolve().parents[2]
RUN_TIMEOUT = 90  # seconds: a whole run of a job on a busy machine, far more than it needs


def goodwill_command() -> list[str]:
    """`python -m bot` is the `goodwill` console script; run from this checkout whatever is installed."""
    return [sys.executable, "-m", "bot"]


def checkout_env(**values: str) -> dict[str, str]:
    """The environment `values`, in which `python -m bot` runs this checkout."""
    return {**values, "PYTHONPATH": str(ROOT)}


def goodwill_env(database_url: str, slack, **extra: str) -> dict[str, str]:
    """The environment `goodwill serve` / `goodwill clock` would be started with, against the stand-in."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": slack.api_url,
        "PYTHONPATH": str(ROOT),
        **extra,
    }
    env.pop("SLACK_APP_TOKEN", None)
    return env


def start_job(name: str, now: datetime, database_url: str, slack, cwd: Path) -> subprocess.Popen:
    """The clock's job `name` in its own process, at `now`."""
    return subprocess.Popen(
        [sys.executable, "-m", "tests.support.run_job", name, now.isoformat()],
        env=goodwill_env(database_url, slack),
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def run_job(name: str, now: datetime, database_url: str, slack, cwd: Path) -> str:
    """Run the job to its end; its output (the job's log) is returned, and shown if it fails."""
    process = start_job(name, now, database_url, slack, cwd)
    try:
        output, _ = process.communicate(timeout=RUN_TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        output, _ = process.communicate()
        raise AssertionError(f"{name} at {now} did not finish in {RUN_TIMEOUT} s:\n{output}") from None
    assert process.returncode == 0 and "done" in output, output
    return output


def kill_9(process: subprocess.Popen) -> None:
    """SIGKILL: no handler runs, no transaction is finished, no connection is closed politely."""
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    if process.stdout:
        process.stdout.close()


class Served:
    """`goodwill serve` (gunicorn, its default workers and threads) on a free port of this machine's loopback."""

    def __init__(self, database_url: str, slack, cwd: Path, **extra_env: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bot", "serve"],
            env=goodwill_env(database_url, slack, PORT=str(self.port), **extra_env),
            cwd=cwd,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self._wait_until_healthy(timeout=60)

    def healthz(self, timeout: float = 5) -> int:
        try:
            with urllib.request.urlopen(self.url + "/healthz", timeout=timeout) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    def _wait_until_healthy(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while True:
            try:
                if self.healthz(timeout=1) == 200:
                    return
            except OSError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                output = self.stop()
                raise AssertionError(f"goodwill serve did not come up:\n{output}")
            time.sleep(0.1)

    def stop(self) -> str:
        """Stop it (SIGTERM, as a deploy would) and return everything it wrote."""
        if self.process.poll() is None:
            self.process.terminate()
        try:
            output, _ = self.process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            output, _ = self.process.communicate()
        return output or ""


def free_port() -> int:
    """A port nothing listens on now, on this machine's loopback."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
