"""After a person is forgotten: what Goodwill showed in Slack and can still edit is drawn again without them.

Goodwill can edit its own messages whose channel and ts it kept: the nudges (any day) and the DMs about
gatherings (owners' invitation lists, organisers' attendance checklists); and it redraws the Home tabs that
may show the person. Everything else already in Slack is Slack's: ephemeral answers, digests, what people wrote.
"""

from __future__ import annotations

from bot.deps import Deps
from storage.forget import Forgotten, nudges_listing


def redraw_after_forget(deps: Deps, team_id: str, forgotten: Forgotten, *, actor: str) -> None:
    """Run after the ack and after the erasure was committed (it calls the Web API)."""
    from bot.gatherings import refresh_gathering_messages
    from bot.home import publish_home
    from bot.nudges import redraw_nudges

    redraw_nudges(deps, team_id, lambda session: nudges_listing(session, team_id, forgotten.relation_ids))
    for event_id in forgotten.event_ids:
        refresh_gathering_messages(deps, team_id, event_id)
    for user_id in dict.fromkeys([actor, *forgotten.members]):
        publish_home(deps, team_id, user_id)
