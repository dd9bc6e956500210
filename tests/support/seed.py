"""Building a network for nudge stories, and reading the nudges the stand-in received."""

from __future__ import annotations

import json
from datetime import date

from sqlalchemy import select

from bot.nudges import run_daily_nudge
from storage.history import add_interaction, create_relation
from storage.members import choose_language
from storage.models import NudgeDelivery, Relation
from storage.workspaces import ensure_workspace
from tests.support.slack_standin import TEAM_ID

LONG_AGO = date(2025, 1, 6)


def add_relation(
    sessions,
    name: str,
    *,
    owner: str = "U0ANNA",
    last_met: date | None = None,
    by: str | None = None,
    notes: str = "",
    tier: str = "regular",
    organisation: str | None = None,
    created_on: date = LONG_AGO,
    snoozed_until: date | None = None,
    archived: bool = False,
    private: bool = False,
) -> int:
    """A relation owned by `owner`, last met on `last_met` by `by` (default: the owner)."""
    with sessions() as session, session.begin():
        ensure_workspace(session, TEAM_ID)
        relation = create_relation(
            session,
            team_id=TEAM_ID,
            name=name,
            owner_id=owner,
            created_on=created_on,
            organisation=organisation,
            tier=tier,
        )
        if last_met is not None:
            add_interaction(
                session,
                team_id=TEAM_ID,
                relation_id=relation.id,
                occurred_on=last_met,
                logged_by=by or owner,
                notes=notes,
                private=private,
            )
        relation = session.get(Relation, relation.id)
        relation.snoozed_until = snoozed_until
        relation.archived = archived
        return relation.id


def set_workspace(sessions, **values) -> None:
    with sessions() as session, session.begin():
        workspace = ensure_workspace(session, TEAM_ID)
        for key, value in values.items():
            setattr(workspace, key, value)


def run_clock(goodwill):
    """The clock's job, at the test clock's now."""
    return run_daily_nudge(goodwill.deps, goodwill.clock())


def nudges_to(slack, user_id: str) -> list:
    """The chat.postMessage calls that were nudges to this member (DMs go to the user id)."""
    return [
        c
        for c in slack.calls_to("chat.postMessage")
        if c["channel"] == user_id and any(b.get("block_id") == "nudge_intro" for b in _blocks(c))
    ]


def received(slack) -> dict[str, int]:
    """How many messages each DM holds, as its member sees it (failed attempts never arrived)."""
    counts: dict[str, int] = {}
    for channel, _ts in slack.messages:
        counts[channel] = counts.get(channel, 0) + 1
    return counts


def _blocks(call) -> list[dict]:
    blocks = call.get("blocks") or []
    return json.loads(blocks) if isinstance(blocks, str) else blocks


def shown_text(message: dict) -> str:
    """Everything a reader sees in a message's blocks, as one string."""
    return json.dumps(message.get("blocks") or [], ensure_ascii=False)


def relation_blocks(message: dict) -> list[int]:
    """The relations a nudge offers actions for, in order."""
    blocks = message.get("blocks") or []
    blocks = json.loads(blocks) if isinstance(blocks, str) else blocks
    return [
        int(b["block_id"].removeprefix("nudge_"))
        for b in blocks
        if b.get("type") == "actions" and b.get("block_id", "").removeprefix("nudge_").isdigit()
    ]


def deliveries(sessions) -> list[NudgeDelivery]:
    with sessions() as session:
        return list(session.scalars(select(NudgeDelivery).order_by(NudgeDelivery.user_id, NudgeDelivery.day)))


def the_nudge(slack, user_id: str) -> dict:
    """The one nudge in the member's DM, as Slack shows it now (after any chat.update)."""
    [message] = [
        m
        for (channel, _ts), m in slack.messages.items()
        if channel == user_id and any(b.get("block_id") == "nudge_intro" for b in _blocks(m))
    ]
    return message


def chooses_language(sessions, user_id: str, language: str | None, team_id: str = TEAM_ID) -> None:
    """The member's choice as `/goodwill language nl|en` stores it."""
    with sessions() as session, session.begin():
        ensure_workspace(session, team_id)
        choose_language(session, team_id, user_id, language)
