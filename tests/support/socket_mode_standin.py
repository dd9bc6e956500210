"""Slack's side of Socket Mode: a local WebSocket server that the app connects to (the URL that
apps.connections.open hands out), which sends envelopes as Slack does and keeps the app's answers."""

from __future__ import annotations

import json
import queue
import threading
from typing import Any

from websockets.sync.server import ServerConnection, serve


class SocketModeStandIn:
    def __init__(self) -> None:
        self.answers: queue.Queue[dict[str, Any]] = queue.Queue()
        self._connected = threading.Event()
        self._connection: ServerConnection | None = None
        self.server = serve(self._serve, "127.0.0.1", 0)
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> SocketModeStandIn:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()

    @property
    def url(self) -> str:
        host, port = self.server.socket.getsockname()[:2]
        return f"ws://{host}:{port}/link/?ticket=t1&app_id=A0GOODWILL"

    def _serve(self, connection: ServerConnection) -> None:
        self._connection = connection
        connection.send(json.dumps({"type": "hello", "num_connections": 1, "debug_info": {}}))
        self._connected.set()
        for message in connection:
            self.answers.put(json.loads(message))

    def send(self, envelope: dict[str, Any], timeout: float = 10.0) -> None:
        if not self._connected.wait(timeout):
            raise AssertionError("the app never opened the Socket Mode connection")
        assert self._connection is not None
        self._connection.send(json.dumps(envelope))

    def answer_to(self, envelope_id: str, timeout: float = 10.0) -> dict[str, Any]:
        """The app's acknowledgement of one envelope (its payload is what the user sees)."""
        while True:
            answer = self.answers.get(timeout=timeout)
            if answer.get("envelope_id") == envelope_id:
                return answer
