"""The daily nudge: who is due, what their DM lists, and delivering it exactly once.

Used by the clock (every five minutes, within each member's working-day morning window) and by
`goodwill nudge` (now, whatever the day and hour). Each member's DM is claimed in nudge_deliveries
before it is sent, so a second run, a restarted clock or two clock processes never send it twice.

Also what a member does from a nudge besides its buttons (which are bot.services.relations' operations): the
✅ / 💤 reactions, and Log contact…'s recording modal.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from sqlalchemy.orm import Session

from bot import delivered, permissions
from bot.deps import Deps
from bot.domain.nudges import (
    SHOWN,
    DeliveryState,
    NudgeList,
    in_nudge_window,
    may_claim,
    nudge_list,
    nudge_time_of,
    outcome,
)
from bot.fanout import BUSY, for_each_workspace
from bot.members import preferences, reader, refresh_members, zone
from bot.recording import Person, record_meeting
from bot.render.nudges import NudgeView, nudge_message
from bot.render.recording_form import MeetingPrefill, meeting_modal
from bot.services import relations
from storage.db import transaction
from storage.models import Member, NudgeDelivery, Workspace
from storage.nudges import (
    claim_delivery,
    delivery_for_message,
    delivery_states,
    latest_deliveries_listing,
    mark_failed,
    mark_sent,
    relation_owner_ids,
)
from storage.quiet import first_quiet_by_owner, listed_relations, quiet_relations
from storage.relations import get_relation
from storage.upsert import first_time
from storage.workspaces import installed_team_ids

log = logging.getLogger("goodwill.nudges")

# After an action, nudges of the last week that list the relation are brought up to date.
REFRESH_NUDGES_OF = timedelta(days=7)


@dataclass(frozen=True)
class Recipient:
    user_id: str
    name: str
    language: str
    tz_name: str


@dataclass(frozen=True)
class PlannedNudge:
    """A member due a nudge now, what it lists, and the delivery state the plan was made from."""

    team_id: str
    recipient: Recipient
    nudge: NudgeList
    state: DeliveryState | None

    def message(self) -> dict:
        return nudge_message(NudgeView.fresh(self.nudge, self.recipient.name), self.recipient.language)


@dataclass
class NudgeOutcome:
    team_id: str
    user_id: str
    status: str  # sent, failed, empty, taken (another run got it), would-send, would-skip
    relations: int = 0
    error: str | None = None
    message: dict | None = None


@dataclass
class NudgeRun:
    outcomes: list[NudgeOutcome] = field(default_factory=list)
    busy: list[str] = field(default_factory=list)  # workspaces another run was nudging at the time

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)


def recipient_of(member: Member | None, user_id: str, workspace: Workspace) -> Recipient:
    """(A member never seen by Slack here, as with no client in a dry run, gets the workspace's defaults.)"""
    language, tz = preferences(member, workspace)
    name = (member.real_name or member.name or "").split(" ")[0] if member else ""  # "Anna" for Anna de Boer
    return Recipient(user_id, name, language, str(tz))


def plan_team(
    deps: Deps, session: Session, team_id: str, now: datetime, *, respect_window: bool = True
) -> list[PlannedNudge]:
    """Every member of the workspace due a nudge at `now`, with their list: a constant number of queries.

    Members who left the workspace, bots, and members whose nudge for the day was sent (or is being
    sent) are left out. Members with nothing quiet get a plan with an empty list.
    """
    workspace = session.get(Workspace, team_id)
    if workspace is None:
        return []
    owners = relation_owner_ids(session, team_id)
    if not owners:
        return []
    members = refresh_members(deps, session, team_id, also=owners)
    nudge_time = nudge_time_of(workspace.nudge_time)
    due: dict[str, tuple[Recipient, date]] = {}
    for user_id in sorted(owners):
        member = members.get(user_id)
        if member is not None and (member.deleted or member.is_bot):
            continue
        recipient = recipient_of(member, user_id, workspace)
        tz = zone(recipient.tz_name)
        if respect_window and not in_nudge_window(now, tz, nudge_time):
            continue
        due[user_id] = (recipient, now.astimezone(tz).date())
    if not due:
        return []
    states = delivery_states(session, team_id, {day for _, day in due.values()})
    reconsider_empty = not respect_window
    due = {
        user_id: (recipient, day)
        for user_id, (recipient, day) in due.items()
        if may_claim(states.get((user_id, day)), now, reconsider_empty=reconsider_empty)
    }
    # Members' mornings fall on at most two or three different dates at once: one query per date.
    by_day = {day: first_quiet_by_owner(session, team_id, day, first=SHOWN) for day in {d for _, d in due.values()}}
    plans = []
    for user_id, (recipient, day) in due.items():
        first, total = by_day[day].get(user_id, ([], 0))
        plans.append(
            PlannedNudge(team_id, recipient, nudge_list(user_id, day, first, total=total), states.get((user_id, day)))
        )
    return plans


def deliver(deps: Deps, plan: PlannedNudge, now: datetime, client: WebClient | None = None) -> NudgeOutcome:
    """Claim, send (with `client`, else the workspace's), record. Any failure is recorded and retried by a later
    run the same day."""
    recipient, nudge = plan.recipient, plan.nudge
    done = NudgeOutcome(plan.team_id, recipient.user_id, "", relations=nudge.total)
    if not nudge.shown:
        if plan.state is None:  # nothing quiet: remembered, so later runs today need not look again
            with transaction(deps.sessions) as session:
                claim_delivery(session, plan.team_id, recipient.user_id, nudge.day, now, expected=None, status="empty")
        done.status = "empty"
        return done
    with transaction(deps.sessions) as session:
        claimed = claim_delivery(
            session,
            plan.team_id,
            recipient.user_id,
            nudge.day,
            now,
            expected=plan.state,
            relation_ids=nudge.relation_ids,
        )
    if not claimed:
        done.status = "taken"
        return done
    try:
        message = plan.message()
        done.message = message
        client = client or deps.client_for(plan.team_id)
        if client is None:
            raise RuntimeError(f"no token for workspace {plan.team_id}")
        response = _sent_before(client, plan) or _send(client, plan, message)
        relation_ids = response.get("relation_ids", nudge.relation_ids)
    except Exception as error:  # one member's failure must not stop the others
        reason = error.response.get("error", str(error)) if isinstance(error, SlackApiError) else str(error)
        if not isinstance(error, SlackApiError | SlackClientError | OSError | RuntimeError):
            log.exception("nudge for %s/%s failed", plan.team_id, recipient.user_id)
        with transaction(deps.sessions) as session:
            mark_failed(session, plan.team_id, recipient.user_id, nudge.day, reason or type(error).__name__)
        done.status, done.error = "failed", reason
        return done
    with transaction(deps.sessions) as session:
        mark_sent(
            session,
            plan.team_id,
            recipient.user_id,
            nudge.day,
            deps.now(),
            channel_id=response["channel"],
            message_ts=response["ts"],
            relation_ids=relation_ids,
        )
    done.status = "sent"
    return done


def _send(client, plan: PlannedNudge, message: dict) -> dict:
    """Post the nudge with metadata naming it, so a later run can tell that it arrived (bot.delivered)."""
    nudge = plan.nudge
    day, relations = nudge.day.isoformat(), ",".join(str(i) for i in nudge.relation_ids)
    # Posting to the user id lands in the app's DM with them; Slack answers with the channel's id.
    response = client.chat_postMessage(
        channel=plan.recipient.user_id,
        unfurl_links=False,
        unfurl_media=False,
        metadata=delivered.marker(delivered.NUDGE, day=day, relations=relations),
        **message,
    )
    return {"channel": response["channel"], "ts": response["ts"]}


def _sent_before(client, plan: PlannedNudge) -> dict | None:
    """An earlier attempt that may have reached Slack (its sender died, or lost the answer): the nudge it posted,
    if it is in the member's DM; then it is recorded, not sent again."""
    if plan.state is None or plan.state.status not in ("claimed", "failed"):
        return None
    found = delivered.posted(
        client, delivered.dm_channel(client, plan.recipient.user_id), delivered.NUDGE, day=plan.nudge.day.isoformat()
    )
    if found is None:
        return None
    listed = [int(i) for i in str(found.payload.get("relations", "")).split(",") if i.isdigit()]
    return {"channel": found.channel, "ts": found.ts, "relation_ids": listed}


def run_daily_nudge(
    deps: Deps,
    now: datetime,
    *,
    team_id: str | None = None,
    dry_run: bool = False,
    respect_window: bool = True,
) -> NudgeRun:
    """Send every due member their nudge (dry: say what would be sent). Safe to run any number of times.

    Every installed workspace (or `team_id`), side by side, each under its lease (bot.fanout): a workspace
    another run is busy with is listed in `run.busy` and left to it."""
    run = NudgeRun()
    with deps.sessions() as session:
        teams = [team_id] if team_id else installed_team_ids(session)

    def one_workspace(team: str) -> list[NudgeOutcome]:
        try:
            with transaction(deps.sessions) as session:  # the plan may refresh the member cache
                plans = plan_team(deps, session, team, now, respect_window=respect_window)
        except Exception:
            log.exception("planning nudges for %s failed", team)
            return []
        if dry_run:
            return [
                NudgeOutcome(
                    team,
                    plan.recipient.user_id,
                    "would-send" if plan.nudge.shown else "would-skip",
                    plan.nudge.total,
                    message=plan.message() if plan.nudge.shown else None,
                )
                for plan in plans
            ]
        client = deps.client_for(team) if plans else None  # the token is read once per workspace and run
        return [deliver(deps, plan, now, client) for plan in plans]

    if dry_run:
        results = {team: one_workspace(team) for team in teams}
    else:
        results = for_each_workspace(deps, "nudges", teams, one_workspace)
    for team, outcomes in results.items():
        if outcomes is BUSY:
            run.busy.append(team)
        elif isinstance(outcomes, list):
            run.outcomes.extend(outcomes)
    if not dry_run and run.outcomes:
        log.info(
            "nudges: %d sent, %d failed, %d with nothing quiet",
            run.count("sent"),
            run.count("failed"),
            run.count("empty"),
        )
    return run


def nudge_job(deps: Deps, now: datetime) -> NudgeRun:
    """The clock's job: every five minutes, whoever's morning it is."""
    return run_daily_nudge(deps, now)


# --- keeping sent nudges true ---------------------------------------------------------------------------
def current_view(deps: Deps, session: Session, delivery: NudgeDelivery) -> tuple[NudgeView, str]:
    """A sent nudge as it should read now: each listed relation with what became of it, and the rest."""
    workspace = session.get(Workspace, delivery.team_id)
    member = session.get(Member, (delivery.team_id, delivery.user_id))
    recipient = recipient_of(member, delivery.user_id, workspace)
    today = deps.now().astimezone(zone(recipient.tz_name)).date()
    listed = listed_relations(session, delivery.team_id, delivery.relation_ids or [])
    lines = [
        (listed[rid], outcome(listed[rid], recipient=delivery.user_id, today=today))
        for rid in delivery.relation_ids or []
        if rid in listed
    ]
    shown = set(delivery.relation_ids or [])
    more = sum(
        1
        for r in quiet_relations(session, delivery.team_id, today, owner_ids=[delivery.user_id])
        if r.relation_id not in shown
    )
    return NudgeView(delivery.user_id, recipient.name, today, lines, more), recipient.language


def refresh_nudges(deps: Deps, team_id: str, relation_ids: Iterable[int]) -> int:
    """chat.update every recent nudge that lists one of these relations; returns how many were updated.

    Called after anything that changes a listed relation (a button, a reaction, a recorded meeting).
    """
    ids = set(relation_ids)
    if not ids:
        return 0
    since = (deps.now() - REFRESH_NUDGES_OF).date()
    return redraw_nudges(deps, team_id, lambda session: latest_deliveries_listing(session, team_id, ids, since))


def redraw_nudges(deps: Deps, team_id: str, find: Callable[[Session], Iterable[NudgeDelivery]]) -> int:
    """chat.update the workspace's sent nudges that `find` returns, each as it should read now; returns how many."""
    client = deps.client_for(team_id)
    if client is None:  # uninstalled meanwhile
        return 0
    with deps.sessions() as session:
        updates = []
        for delivery in find(session):
            view, language = current_view(deps, session, delivery)
            updates.append((delivery.channel_id, delivery.message_ts, nudge_message(view, language)))
    for channel, ts, message in updates:
        try:
            client.chat_update(channel=channel, ts=ts, **message)
        except SlackApiError as error:
            log.warning("could not update nudge %s/%s: %s", channel, ts, error.response.get("error"))
    return len(updates)


# What a member does from a nudge besides its buttons.

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
    deps: Deps,
    team_id: str,
    user_id: str,
    relation_id: int,
    *,
    channel_id: str | None = None,
    from_home: bool = False,
) -> tuple[dict | None, str]:
    """Log contact…: the recording modal prefilled with the relation and the member's today (None if the relation
    is gone), and the member's language.

    Saving it is handled by handlers/views/recording.py, which then brings the nudge up to date.
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
            from_home=from_home,
        )
    return meeting_modal(prefill, asker.language), asker.language
