"""What an owner does from a nudge: snooze, hand over, archive, and the ✅ / 💤 reactions.

Each returns what changed (so the nudges listing those relations are updated in place) and, when the
user must be told something, a notice key of bot.render.nudge's Catalog in the actor's language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy.orm import Session

from bot.deps import Deps
from bot.domain.nudging import REACTION_SNOOZE_DAYS, SNOOZE_CHOICES, outcome, snooze_until
from bot.language import language_for
from bot.members import local_today, member
from bot.recording import Person, record_meeting
from bot.render.nudge import handed_over_message
from storage.db import transaction
from storage.models import Member, Relation
from storage.nudges import (
    archive_relation,
    delivery_for_message,
    hand_over_relation,
    relation_in_team,
    snooze_relation,
)
from storage.quiet import listed_relations
from storage.upsert import first_time

LOGGED_REACTIONS = frozenset({"white_check_mark", "heavy_check_mark", "ballot_box_with_check"})
SNOOZE_REACTIONS = frozenset({"zzz", "sleeping"})


@dataclass
class ActionResult:
    language: str = "en"
    changed: list[int] = field(default_factory=list)  # relations whose nudges must be brought up to date
    notice: str | None = None  # a key of bot.render.nudge.T to tell the actor, privately
    values: dict = field(default_factory=dict)
    direct_message: tuple[str, dict] | None = None  # (user id, message) to send, e.g. to a new owner


@dataclass
class Actor:
    user_id: str
    language: str
    today: date
    may_manage_all: bool  # admins and team leads may act on anyone's relations


def actor_of(deps: Deps, session: Session, team_id: str, user_id: str) -> Actor:
    who = member(deps, session, team_id, user_id)
    return Actor(
        user_id,
        language_for(session, team_id, who),
        local_today(deps.now(), who.tz if who else None),
        bool(who and (who.is_admin or who.is_lead)),
    )


def _owned(session: Session, team_id: str, relation_id: int, actor: Actor, result: ActionResult) -> Relation | None:
    """The relation, if the actor may change it; else None with the reason in result.notice."""
    relation = relation_in_team(session, team_id, relation_id)
    if relation is None:
        result.notice = "gone"
        return None
    if relation.owner_id != actor.user_id and not actor.may_manage_all:
        result.notice, result.values = "not_yours", {"owner": relation.owner_id, "name": relation.name}
        result.changed = [relation_id]  # the nudge may be out of date: show where it stands
        return None
    if relation.archived:
        result.notice, result.values = "already_archived", {"name": relation.name}
        result.changed = [relation_id]
        return None
    return relation


def snooze(deps: Deps, team_id: str, user_id: str, relation_id: int, choice: str) -> ActionResult:
    with transaction(deps.sessions) as session:
        actor = actor_of(deps, session, team_id, user_id)
        result = ActionResult(actor.language)
        if choice not in SNOOZE_CHOICES:
            result.notice = "gone"
            return result
        relation = _owned(session, team_id, relation_id, actor, result)
        if relation is None:
            return result
        snooze_relation(session, relation, snooze_until(actor.today, choice), actor=user_id, at=deps.now())
        result.changed = [relation_id]
    return result


def archive(deps: Deps, team_id: str, user_id: str, relation_id: int) -> ActionResult:
    with transaction(deps.sessions) as session:
        actor = actor_of(deps, session, team_id, user_id)
        result = ActionResult(actor.language)
        relation = _owned(session, team_id, relation_id, actor, result)
        if relation is None:
            return result
        archive_relation(session, relation, actor=user_id, at=deps.now())
        result.changed = [relation_id]
    return result


def hand_over(deps: Deps, team_id: str, user_id: str, relation_id: int, new_owner: str) -> ActionResult:
    """Make `new_owner` the owner; they are told in a DM, in their own language."""
    with transaction(deps.sessions) as session:
        actor = actor_of(deps, session, team_id, user_id)
        result = ActionResult(actor.language)
        relation = _owned(session, team_id, relation_id, actor, result)
        if relation is None:
            return result
        if new_owner == relation.owner_id:
            result.notice, result.values = "already_owner", {"owner": new_owner, "name": relation.name}
            return result
        heir: Member | None = member(deps, session, team_id, new_owner)
        if heir is None or heir.deleted or heir.is_bot:
            result.notice, result.values = "cannot_own", {"owner": new_owner}
            return result
        hand_over_relation(session, relation, new_owner, actor=user_id, at=deps.now())
        listed = listed_relations(session, team_id, [relation_id])[relation_id]
        heir_language = language_for(session, team_id, heir)
        heir_today = local_today(deps.now(), heir.tz)
        result.direct_message = (new_owner, handed_over_message(listed, user_id, heir_today, heir_language))
        result.changed = [relation_id]
    return result


def react(
    deps: Deps, team_id: str, event_id: str, user_id: str, channel_id: str, message_ts: str, reaction: str
) -> ActionResult:
    """✅ on a nudge naming one relation records a contact today; 💤 snoozes what it lists two weeks.

    The event id is recorded in the same transaction as the effect, so a redelivery does nothing.
    """
    base = reaction.split("::")[0]  # skin tones arrive as "white_check_mark::skin-tone-2"
    if base not in LOGGED_REACTIONS | SNOOZE_REACTIONS:
        return ActionResult()
    with transaction(deps.sessions) as session:
        delivery = delivery_for_message(session, team_id, channel_id, message_ts)
        if delivery is None or delivery.user_id != user_id:
            return ActionResult()  # not a nudge, or not theirs to act on
        if not first_time(session, team_id, event_id):
            return ActionResult()  # Slack redelivered an event we already handled
        actor = actor_of(deps, session, team_id, user_id)
        result = ActionResult(actor.language)
        listed = listed_relations(session, team_id, delivery.relation_ids or [])
        still_open = [
            rid
            for rid in delivery.relation_ids or []
            if rid in listed and outcome(listed[rid], recipient=user_id, today=actor.today) is None
        ]
        if base in LOGGED_REACTIONS:
            if len(delivery.relation_ids or []) != 1:
                result.notice = "check_needs_one"
                return result
            rid = delivery.relation_ids[0]
            relation = listed.get(rid)
            if relation is None or relation.archived:
                result.notice = "gone"
                return result
            if relation.last_contact_on is None or relation.last_contact_on < actor.today:
                record_meeting(
                    session,
                    team_id=team_id,
                    logged_by=user_id,
                    people=[Person(relation.name, relation.organisation, relation_id=rid)],
                    occurred_on=actor.today,
                    today=actor.today,
                )
            result.changed = [rid]
            return result
        until = actor.today + timedelta(days=REACTION_SNOOZE_DAYS)
        for rid in still_open:
            relation = relation_in_team(session, team_id, rid)
            if relation is not None:
                snooze_relation(session, relation, until, actor=user_id, at=deps.now())
        result.changed = still_open
    return result


def meeting_view_for(
    deps: Deps, team_id: str, user_id: str, relation_id: int, *, channel_id: str | None = None
) -> tuple[dict | None, ActionResult]:
    """Logged it: the recording modal, prefilled with the relation and the actor's today.

    Saving it is handled by handlers/views/meeting.py, which then brings the nudge up to date.
    """
    from bot.render.meeting import MeetingPrefill, meeting_modal

    with transaction(deps.sessions) as session:
        actor = actor_of(deps, session, team_id, user_id)
        result = ActionResult(actor.language)
        relation = relation_in_team(session, team_id, relation_id)
        if relation is None:
            result.notice = "gone"
            return None, result
        prefill = MeetingPrefill(
            relation_id=relation.id,
            relation_name=relation.name,
            organisation=relation.organisation,
            occurred_on=actor.today,
            channel_id=channel_id,
        )
    return meeting_modal(prefill, actor.language), result
