"""What is drawn again in Slack after a change: decided here, and only here.

- Nudges that list a changed relation are updated in place, so the DM reads as a to-do list that empties.
- A member's Home tab is drawn fresh whenever they open it (app_home_opened). After a change, only the Home of
  the member who made it is drawn again, and only when they made it from their Home tab: a Home button, or a
  modal opened from Home (which carries that origin in its private_metadata). Every other Home shows the change
  the next time its member opens it. Those redraws are coalesced per member (redraw_home_soon).
- Forgetting a person is the one exception (after_forget): every Home that may show them is drawn again at
  once, with the nudges and the gathering DMs that list them, so the erasure reaches all that Goodwill can
  still edit.

Runs after the ack: it calls the Web API.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Iterable
from concurrent.futures import Executor

from bot.deps import Deps
from bot.gatherings import refresh_gathering_messages
from bot.home import publish_home
from bot.nudges import redraw_nudges, refresh_nudges
from storage.forget import Forgotten, nudges_listing


def after_change(deps: Deps, team_id: str, *, relation_ids: Iterable[int] = (), home_of: str | None = None) -> None:
    """Nudges listing these relations are updated in place; `home_of`: the member who made the change from their
    Home tab, whose Home is drawn again (None when the change was made anywhere else)."""
    refresh_nudges(deps, team_id, relation_ids)
    if home_of:
        redraw_home_soon(deps, team_id, home_of)


def after_forget(deps: Deps, team_id: str, forgotten: Forgotten, *, actor: str) -> None:
    """After the erasure was committed: what Goodwill showed and can still edit is drawn again without the person
    (nudges of any day, the gatherings' DMs, and the Home tabs of the actor and of the members who may show them).
    Ephemeral answers, digests and what people wrote are Slack's."""
    redraw_nudges(deps, team_id, lambda session: nudges_listing(session, team_id, forgotten.relation_ids))
    for gathering_id in forgotten.event_ids:
        refresh_gathering_messages(deps, team_id, gathering_id)
    for user_id in dict.fromkeys([actor, *forgotten.members]):
        publish_home(deps, team_id, user_id)


# Home redraws queued on each pool (deps.after_ack) and not started yet.
_waiting: weakref.WeakKeyDictionary[Executor, set[tuple[str, str]]] = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def redraw_home_soon(deps: Deps, team_id: str, user_id: str) -> None:
    """Queue a redraw of the member's Home tab on deps.after_ack, unless one is already waiting there: that one
    has not read the database yet, so it will show this change too. Under a burst of changes by one member, their
    Home is drawn once per turn of the queue instead of once per change."""
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
