"""Who may do what in Goodwill: one rule per question, for every surface that asks it (buttons, reactions,
modals when they open and again when they are submitted, commands, the clock). No Slack, no SQL.

`asker` is who is asking (bot.members.Reader, or anything with user_id, is_admin and is_lead); `relation`
anything with an owner_id; `member` a cached Slack user (storage.models.Member, or None when Slack does not
know them).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Protocol

SLACKBOT = "USLACKBOT"  # in every workspace, and users.info does not call it a bot


class Asker(Protocol):
    user_id: str
    is_admin: bool
    is_lead: bool


class Owned(Protocol):
    owner_id: str


class SlackUser(Protocol):
    user_id: str
    deleted: bool
    is_bot: bool


def looks_after_everyone(asker: Asker) -> bool:
    """Workspace admins and team leads may act on every relation, as its owner may."""
    return bool(asker.is_admin or asker.is_lead)


def may_manage(relation: Owned, asker: Asker) -> bool:
    """Snooze, archive, restore, hand over, change tier and cadence, add themes: the owner, an admin or a lead."""
    return relation.owner_id == asker.user_id or looks_after_everyone(asker)


def may_forget(relation: Owned, asker: Asker) -> bool:
    """Erasing a person cannot be undone: only the owner or a workspace admin."""
    return relation.owner_id == asker.user_id or bool(asker.is_admin)


def is_active_colleague(member: SlackUser | None) -> bool:
    """A person of the workspace Slack knows, who has not left, and not a bot."""
    return member is not None and not member.deleted and not member.is_bot and member.user_id != SLACKBOT


def may_own(member: SlackUser | None) -> bool:
    """Who can be made the owner of a relation (and so be nudged about it)."""
    return is_active_colleague(member)


def may_be_lead(member: SlackUser | None) -> bool:
    return is_active_colleague(member)


def may_appoint_leads(asker: Asker) -> bool:
    return bool(asker.is_admin)


def may_set_workspace_settings(asker: Asker) -> bool:
    """The nudge time, the digest's channel and moment, the strategy: admins and team leads."""
    return looks_after_everyone(asker)


def may_answer_nudge(recipient_id: str, asker: Asker) -> bool:
    """Reactions on a nudge count only from the member it was sent to."""
    return recipient_id == asker.user_id


def may_organise(organisers: Collection[str], asker: Asker) -> bool:
    """Attendance, moving and cancelling a gathering: its organisers."""
    return asker.user_id in organisers


def may_decide_handover(asker: Asker) -> bool:
    """The proposals for a leaving colleague's relations: accepted, changed or handed to the lead by admins and
    team leads (each hand-over then passes may_manage and may_own too)."""
    return looks_after_everyone(asker)


def may_mark_leaving(asker: Asker) -> bool:
    """Marking a colleague as leaving on a date (/goodwill leaving): admins and team leads."""
    return looks_after_everyone(asker)
