"""What a member does from a nudge besides its buttons (which are bot.services.relations' operations): the
✅ / 💤 reactions, and Logged it's recording modal."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot import permissions
from bot.deps import Deps
from bot.domain.nudging import outcome
from bot.members import reader
from bot.recording import Person, record_meeting
from bot.render.meeting import MeetingPrefill, meeting_modal
from bot.services import relations
from storage.db import transaction
from storage.nudges import delivery_for_message
from storage.quiet import listed_relations
from storage.relations import get_relation
from storage.upsert import first_time

LOGGED_REACTIONS = frozenset({"white_check_mark", "heavy_check_mark", "ballot_box_with_check"})
SNOOZE_REACTIONS = frozenset({"zzz", "sleeping"})
REACTION_SNOOZE = "2w"


@dataclass
class ReactionResult:
    language: str = "en"
    changed: list[int] = field(default_factory=list)  # relations whose nudges must be brought up to date
    notice: str | None = None  # a key of bot.render.changes.T to tell the member, privately


def react(
    deps: Deps, team_id: str, event_id: str, user_id: str, channel_id: str, message_ts: str, reaction: str
) -> ReactionResult:
    """✅ on a nudge naming one relation records a contact today; 💤 snoozes what it lists two weeks.

    The event id is recorded in the same transaction as the effect, so a redelivery does nothing.
    """
    base = reaction.split("::")[0]  # skin tones arrive as "white_check_mark::skin-tone-2"
    if base not in LOGGED_REACTIONS | SNOOZE_REACTIONS:
        return ReactionResult()
    with transaction(deps.sessions) as session:
        delivery = delivery_for_message(session, team_id, channel_id, message_ts)
        if delivery is None:
            return ReactionResult()  # not a nudge
        asker = reader(deps, session, team_id, user_id)
        if not permissions.may_answer_nudge(delivery.user_id, asker):
            return ReactionResult()  # someone else's nudge
        if not first_time(session, team_id, event_id):
            return ReactionResult()  # Slack redelivered an event we already handled
        result = ReactionResult(asker.language)
        listed_ids = delivery.relation_ids or []
        listed = listed_relations(session, team_id, listed_ids)
        if base in LOGGED_REACTIONS:
            if len(listed_ids) != 1:
                result.notice = "check_needs_one"
                return result
            relation = listed.get(listed_ids[0])
            if relation is None or relation.archived:
                result.notice = "gone"
                return result
            if relation.last_contact_on is None or relation.last_contact_on < asker.today:
                record_meeting(
                    session,
                    team_id=team_id,
                    logged_by=user_id,
                    people=[Person(relation.name, relation.organisation, relation_id=relation.relation_id)],
                    occurred_on=asker.today,
                    today=asker.today,
                )
            result.changed = [relation.relation_id]
            return result
        still_open = [
            rid
            for rid in listed_ids
            if rid in listed and outcome(listed[rid], recipient=user_id, today=asker.today) is None
        ]
        for rid in still_open:
            relations.snooze(session, asker, rid, REACTION_SNOOZE, now=deps.now())
        result.changed = still_open
    return result


def meeting_view_for(
    deps: Deps, team_id: str, user_id: str, relation_id: int, *, channel_id: str | None = None
) -> tuple[dict | None, str]:
    """Logged it: the recording modal prefilled with the relation and the member's today (None if the relation
    is gone), and the member's language.

    Saving it is handled by handlers/views/meeting.py, which then brings the nudge up to date.
    """
    with transaction(deps.sessions) as session:
        asker = reader(deps, session, team_id, user_id)
        relation = get_relation(session, team_id, relation_id)
        if relation is None:
            return None, asker.language
        prefill = MeetingPrefill(
            relation_id=relation.id,
            relation_name=relation.name,
            organisation=relation.organisation,
            occurred_on=asker.today,
            channel_id=channel_id,
        )
    return meeting_modal(prefill, asker.language), asker.language
