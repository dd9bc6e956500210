"""Small pieces every listener kind shares."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from slack_bolt import Ack, BoltContext, Respond

from bot import redraw
from bot.deps import Deps
from bot.services import relations

log = logging.getLogger("goodwill.slack")


DEPS = "goodwill_deps"  # the key under which bot.app.build_app's middleware puts the Deps into Bolt's context


def deps_of(context: BoltContext) -> Deps:
    """The Deps of the app this request came to (bot.app.build_app puts them into every request's context)."""
    return context[DEPS]


def made_from_home(body: dict) -> bool:
    """Whether an action was clicked on the member's own Home tab (bot.redraw then draws that Home again)."""
    view = body.get("view")
    return isinstance(view, dict) and view.get("type") == "home"


@dataclass(frozen=True)
class FollowUp:
    """What an ack function leaves for after the ack: the Web API calls, which may be slow."""

    team_id: str
    form: dict | None = None  # a modal to open, with trigger_id
    trigger_id: str | None = None
    reply: dict | None = None  # a message for response_url
    response_url: str | None = None
    relation_ids: Sequence[int] = ()  # changed: what shows them is drawn again (bot.redraw.after_change) …
    home_of: str | None = None  # … and the Home of this member, who made the change from their Home tab
    changes: Sequence = ()  # bot.services.relations.Change: owners and new owners to tell


def follow_up(deps: Deps, after: FollowUp) -> None:
    """Run `after` on deps.after_ack once the listener has acked (call it last).

    Instead of a Bolt lazy listener, which deep-copies the whole request for its thread (about half a
    millisecond per request): a follow-up needs only these few values. The pool is the one Bolt's lazy
    listeners run on too (bot.app.build_app), so whoever waits for that pool waits for these."""
    if after.form or after.reply or after.relation_ids or after.home_of or after.changes:
        deps.after_ack.submit(_run, deps, after)


def _run(deps: Deps, after: FollowUp) -> None:
    try:
        if after.form and after.trigger_id:
            client = deps.client_for(after.team_id)  # the workspace's token (None: uninstalled meanwhile)
            if client is not None:
                client.views_open(trigger_id=after.trigger_id, view=after.form)
        if after.reply and after.response_url:  # a response_url needs no token
            if deps.settings.allows_response_url(after.response_url):
                base = deps.base_client
                respond = Respond(response_url=after.response_url, proxy=base and base.proxy, ssl=base and base.ssl)
                respond(**after.reply)
            else:
                log.warning("not posting to a response_url that is not Slack's (team %s)", after.team_id)
        for change in after.changes:
            relations.tell(deps, after.team_id, change)
        if after.relation_ids or after.home_of:
            redraw.after_change(deps, after.team_id, relation_ids=after.relation_ids, home_of=after.home_of)
    except Exception:  # as Bolt does for lazy listeners: nobody waits for the result but the log
        log.exception("follow-up after the ack failed (team %s)", after.team_id)


def acknowledge(ack: Ack) -> None:
    """Bolt's ack for listeners whose answer comes after it (lazy listeners): an empty 200 at once."""
    ack()
