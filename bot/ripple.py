"""What else must change on screen after the network changed: nudges that list a relation, and Home tabs."""

from __future__ import annotations

import threading
import weakref
from collections.abc import Iterable
from concurrent.futures import Executor

from bot.deps import Deps


def after_change(deps: Deps, team_id: str, *, relation_ids: Iterable[int] = (), user_ids: Iterable[str] = ()) -> None:
    """Run after the ack (it calls the Web API): nudges listing these relations are updated in place, so the
    to-do list empties, and these members' Home tabs are drawn again (redraw_home_soon)."""
    from bot.nudges import refresh_nudges

    refresh_nudges(deps, team_id, relation_ids)
    for user_id in dict.fromkeys(user_ids):
        redraw_home_soon(deps, team_id, user_id)


# Home redraws queued on each pool (deps.after_ack) and not started yet.
_waiting: weakref.WeakKeyDictionary[Executor, set[tuple[str, str]]] = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def redraw_home_soon(deps: Deps, team_id: str, user_id: str) -> None:
    """Queue a redraw of the member's Home tab on deps.after_ack, unless one is already waiting there: that one
    has not read the database yet, so it will show this change too. Under a burst (fifty changes touching the
    same owners), each Home is drawn once per turn of the queue instead of once per change."""
    from bot.home import publish_home

    queue = deps.after_ack
    key = (team_id, user_id)
    with _lock:
        waiting = _waiting.setdefault(queue, set())
        if key in waiting:
            return
        waiting.add(key)

    def redraw() -> None:
        with _lock:
            waiting.discard(key)
        publish_home(deps, team_id, user_id)

    try:
        deps.after_ack.submit(redraw)
    except RuntimeError:  # the pool is shutting down (the process is stopping): draw it now
        redraw()
