"""Messages to one workspace, paced to stay within Slack's limits for chat.postMessage.

Slack allows about one message per second per channel (short bursts tolerated) and several hundred per minute
per workspace, and answers 429 with Retry-After beyond that (slack-sdk's RateLimitErrorRetryHandler waits and
retries: bot.deps.retry_handlers). Pacing keeps a fan-out (every member's nudge at the same minute) from
running into those 429s: each workspace's messages leave at most `per_second` a second, and never two to one
channel within a second. Each workspace has its own pace, so workspaces are served side by side.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from slack_sdk import WebClient
from slack_sdk.web import SlackResponse

SAME_CHANNEL_EVERY = 1.0  # seconds


class Pacer:
    """Hands out the moments at which a workspace's messages may leave; thread-safe."""

    def __init__(
        self,
        per_second: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.interval = 1.0 / per_second
        self._clock, self._sleep = clock, sleep
        self._lock = threading.Lock()
        self._next = 0.0
        self._channels: dict[str, float] = {}  # channel -> when its next message may leave

    def wait(self, channel: str | None = None) -> float:
        """Block until the next message (to `channel`) may leave; returns the seconds waited."""
        with self._lock:
            now = self._clock()
            at = max(now, self._next, self._channels.get(channel or "", 0.0))
            self._next = at + self.interval
            if channel:
                self._channels[channel] = at + SAME_CHANNEL_EVERY
                if len(self._channels) > 1000:  # forget channels whose second is long over
                    self._channels = {c: t for c, t in self._channels.items() if t > now}
        if at > now:
            self._sleep(at - now)
        return at - now


class PacedWebClient(WebClient):
    """A workspace's WebClient whose chat.postMessage calls keep the workspace's pace."""

    def __init__(self, *, pacer: Pacer, **kwargs) -> None:
        super().__init__(**kwargs)
        self.pacer = pacer

    def chat_postMessage(self, **kwargs) -> SlackResponse:  # noqa: N802 (slack-sdk's name)
        self.pacer.wait(kwargs.get("channel"))
        return super().chat_postMessage(**kwargs)
