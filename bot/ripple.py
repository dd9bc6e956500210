"""What else must change on screen after the network changed: nudges that list a relation, and Home tabs."""

from __future__ import annotations

from collections.abc import Iterable

from bot.deps import Deps


def after_change(deps: Deps, team_id: str, *, relation_ids: Iterable[int] = (), user_ids: Iterable[str] = ()) -> None:
    """Run after the ack (it calls the Web API): nudges listing these relations are updated in place, so the
    to-do list empties, and these members' Home tabs are drawn again."""
    from bot.home import publish_home
    from bot.nudges import refresh_nudges

    refresh_nudges(deps, team_id, relation_ids)
    for user_id in dict.fromkeys(user_ids):
        publish_home(deps, team_id, user_id)
