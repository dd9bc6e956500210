"""Network events as a service: planning, the owners' DMs, attendance, moving and cancelling, and the
figures other surfaces show (App Home section, digest section). Slack calls happen outside transactions."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime, timedelta

from slack_sdk.errors import SlackApiError
from sqlalchemy.orm import Session

from bot import permissions
from bot.deps import Deps
from bot.domain.gatherings import (
    FOLLOWUP_WINDOW,
    TOLD_ABOUT_CHANGES,
    GatheringDraft,
    GatheringsDigest,
    GatheringSummary,
    digest_windows,
    followup_is_due,
    local_day,
    propose_invitations,
    split_gatherings_digest,
)
from bot.members import Reader, reader, zone
from bot.render import gatherings as render
from storage import gatherings as store
from storage.db import transaction
from storage.models import Gathering
from storage.network import relation_warmths
from storage.workspaces import ensure_workspace, installed_team_ids

log = logging.getLogger("goodwill.events")

INVITATIONS = "invitations"  # network_event_messages.kind of an owner's DM
FOLLOWUP = "followup"  # … of an organiser's attendance checklist
RECENT = timedelta(days=31)  # /event list's "recent"
HOME_GATHERINGS = 5  # upcoming events an organiser's Home lists in full


def summary(session: Session, event: Gathering) -> GatheringSummary:
    counts: dict[str, int] = {}
    for invitation, _ in store.invitations(session, event.id):
        counts[invitation.status] = counts.get(invitation.status, 0) + 1
    return GatheringSummary(
        event_id=event.id,
        name=event.name,
        starts_at=store.aware(event.starts_at),
        place=event.place or "",
        cancelled=event.cancelled,
        organisers=tuple(store.organisers_of(session, event.id)),
        counts=counts,
    )


def _lines(
    session: Session, event_id: int, *, owner_id: str | None = None, statuses: Sequence[str] | None = None
) -> list[render.InvitationLine]:
    return [
        render.InvitationLine(inv.id, rel.name, rel.organisation, inv.status)
        for inv, rel in store.invitations(session, event_id, owner_id=owner_id, statuses=statuses)
    ]


def _post(deps: Deps, team_id: str, channel: str, message: dict) -> tuple[str, str] | None:
    """chat.postMessage; (channel, ts) or None when Slack refused or the workspace is uninstalled (logged,
    never raised to the caller)."""
    client = deps.client_for(team_id)
    if client is None:
        log.warning("not posted to %s: no token for workspace %s", channel, team_id)
        return None
    try:
        response = client.chat_postMessage(channel=channel, **message)
        return response["channel"], response["ts"]
    except SlackApiError as error:
        log.warning("could not post to %s: %s", channel, error.response.get("error"))
        return None


def _update(deps: Deps, team_id: str, channel: str, ts: str, message: dict) -> None:
    client = deps.client_for(team_id)
    if client is None:
        return
    try:
        client.chat_update(channel=channel, ts=ts, **message)
    except SlackApiError as error:
        log.warning("could not update %s/%s: %s", channel, ts, error.response.get("error"))


# --- the planning modal --------------------------------------------------------------------------------
def gathering_form(
    deps: Deps,
    session: Session,
    team_id: str,
    user_id: str,
    *,
    goal_id: int | None = None,
    theme_ids: Sequence[int] = (),
    **typed,
) -> render.GatheringForm:
    """The modal's content for this choice of goal and themes: the proposed list ordered by
    propose_invitations (quiet first, then the coldest by warmth), each with its owner."""
    me = reader(deps, session, team_id, user_id)
    goals = store.goals(session, team_id)
    themes = store.themes_by_name(session, team_id)
    goal_id = goal_id if any(goal.id == goal_id for goal in goals) else None
    own_theme_ids = [t.id for t in themes if t.id in set(theme_ids)]
    all_theme_ids = store.gathering_theme_ids(session, team_id, own_theme_ids, goal_id)
    today = deps.now().astimezone(me.tz).date()
    candidates = store.invitation_candidates(session, team_id, all_theme_ids)
    warmths = relation_warmths(session, team_id, (c.relation_id for c in candidates), today)
    ordered = propose_invitations(candidates, today, warmths)
    proposed = [
        render.Proposed(c.relation_id, c.name, c.organisation, c.owner_id, c.quiet(today), c.last_contact_on)
        for c in ordered
    ]
    return render.GatheringForm(
        organiser_id=user_id,
        timezone=me.tz_name,
        goals=[(goal.id, goal.name) for goal in goals],
        themes=[(t.id, t.name) for t in themes],
        goal_id=goal_id,
        theme_ids=own_theme_ids,
        goal_theme_names=[t.name for t in themes if goal_id is not None and t.goal_id == goal_id],
        proposed=proposed,
        chosen=bool(all_theme_ids) or goal_id is not None,
        **typed,
    )


def plan_gathering(
    deps: Deps,
    session: Session,
    *,
    team_id: str,
    user_id: str,
    draft: GatheringDraft,
    tz_name: str,
    goal_id: int | None,
    theme_ids: Sequence[int],
    organisers: Sequence[str],
    relation_ids: Sequence[int],
) -> int:
    ensure_workspace(session, team_id)
    goal_ids = {goal.id for goal in store.goals(session, team_id)}
    event = store.create_gathering(
        session,
        team_id=team_id,
        created_by=user_id,
        name=draft.name,
        starts_at=draft.starts_at,
        timezone=tz_name,
        place=draft.place,
        goal_id=goal_id if goal_id in goal_ids else None,
        theme_ids=store.gathering_theme_ids(session, team_id, theme_ids, goal_id if goal_id in goal_ids else None),
        organisers=organisers,
        relation_ids=relation_ids,
        now=deps.now(),
    )
    return event.id


def send_invitation_requests(deps: Deps, team_id: str, event_id: int, *, organiser: str) -> int:
    """One DM to each owner of a listed relation (claimed first, so never twice), then the organiser's
    confirmation. Returns how many owners were asked."""
    with transaction(deps.sessions) as session:
        event = store.get_gathering(session, team_id, event_id)
        if event is None:
            return 0
        info = summary(session, event)
        outgoing = []
        owners = sorted({inv.owner_id for inv, _ in store.invitations(session, event_id)})
        for owner in owners:
            if not store.claim_message(session, event_id, owner, INVITATIONS):
                continue
            them = reader(deps, session, team_id, owner)
            lines = _lines(session, event_id, owner_id=owner)
            outgoing.append((owner, render.owner_message(info, lines, tz=them.tz, language=them.language)))
        me = reader(deps, session, team_id, organiser)
        confirmation = render.planned_message(
            info, invited=sum(info.counts.values()), owners=len(owners), tz=me.tz, language=me.language
        )
    sent = 0
    for owner, message in outgoing:
        where = _post(deps, team_id, owner, message)
        with transaction(deps.sessions) as session:
            if where is None:
                store.release_message(session, event_id, owner, INVITATIONS)
            else:
                store.record_message(
                    session, event_id, owner, INVITATIONS, channel_id=where[0], ts=where[1], now=deps.now()
                )
                sent += 1
    _post(deps, team_id, organiser, confirmation)
    return sent


def refresh_owner_messages(
    deps: Deps,
    team_id: str,
    event_id: int,
    *,
    owners: Sequence[str] | None = None,
    moved_from: datetime | None = None,
) -> None:
    """Re-render owners' invitation DMs in place (after a click, a move or a cancellation)."""
    updates = []
    with transaction(deps.sessions) as session:
        event = store.get_gathering(session, team_id, event_id)
        if event is None:
            return
        info = summary(session, event)
        for message in store.messages(session, event_id, INVITATIONS):
            if owners is not None and message.user_id not in owners:
                continue
            them = reader(deps, session, team_id, message.user_id)
            lines = _lines(session, event_id, owner_id=message.user_id)
            body = render.owner_message(info, lines, tz=them.tz, language=them.language, moved_from=moved_from)
            updates.append((message.channel_id, message.message_ts, body))
    for channel, ts, body in updates:
        _update(deps, team_id, channel, ts, body)


def mark_invitation(deps: Deps, team_id: str, user_id: str, invitation_id: int, status: str) -> str | None:
    """An owner marks an invitation; their DM is updated in place. Returns a refusal to show, or None."""
    with transaction(deps.sessions) as session:
        me = reader(deps, session, team_id, user_id)
        found = store.owner_invitation(session, team_id, invitation_id)
        if found is None:
            return render.text("gone", me.language)
        invitation, event = found
        if invitation.owner_id != user_id:
            return render.text("not_yours", me.language, owner=render.user_mention(invitation.owner_id))
        if event.cancelled:
            return render.text("is_cancelled", me.language)
        if invitation.status != "attended":  # attendance is the organisers' word, after the event
            store.set_status(session, invitation, status, deps.now())
        event_id = event.id
    refresh_owner_messages(deps, team_id, event_id, owners=[user_id])
    return None


# --- after the event -----------------------------------------------------------------------------------
def send_followups(deps: Deps, now: datetime) -> int:
    """The clock job: the morning after an event (09:00 in its zone) each organiser gets one DM with the
    accepted relations to tick who attended. followup_sent_at is claimed first: sent once, whatever runs."""
    sent = 0
    with transaction(deps.sessions) as session:
        installed = set(installed_team_ids(session))  # an uninstalled workspace is sent nothing
        due = [
            (event.team_id, event.id)
            for event in store.followup_candidates(
                session, started_after=now - FOLLOWUP_WINDOW - timedelta(days=2), now=now
            )
            if event.team_id in installed and followup_is_due(store.aware(event.starts_at), zone(event.timezone), now)
        ]
    for team_id, event_id in due:
        outgoing = []
        with transaction(deps.sessions) as session:
            if not store.claim_followup(session, event_id, now):
                continue
            event = store.get_gathering(session, team_id, event_id)
            lines = _lines(session, event_id, statuses=("accepted", "invited", "attended"))
            if not lines:
                continue  # nobody said yes: nothing to tick
            lines.sort(key=lambda line: line.status == "invited")  # accepted first, unanswered last
            info = summary(session, event)
            for organiser in info.organisers:
                if store.claim_message(session, event_id, organiser, FOLLOWUP):
                    them = reader(deps, session, team_id, organiser)
                    outgoing.append((organiser, render.followup_message(info, lines, language=them.language)))
        for organiser, message in outgoing:
            where = _post(deps, team_id, organiser, message)
            if where is not None:
                with transaction(deps.sessions) as session:
                    store.record_message(
                        session, event_id, organiser, FOLLOWUP, channel_id=where[0], ts=where[1], now=now
                    )
                sent += 1
    return sent


def _followup_updates(deps: Deps, session: Session, team_id: str, event: Gathering) -> list[tuple[str, str, dict]]:
    """(channel, ts, message) of every organiser's attendance checklist of the event, as it should read now."""
    info = summary(session, event)
    lines = _lines(session, event.id, statuses=("accepted", "invited", "attended"))
    lines.sort(key=lambda line: line.status == "invited")
    updates = []
    for message in store.messages(session, event.id, FOLLOWUP):
        them = reader(deps, session, team_id, message.user_id)
        updates.append(
            (message.channel_id, message.message_ts, render.followup_message(info, lines, language=them.language))
        )
    return updates


def refresh_gathering_messages(deps: Deps, team_id: str, event_id: int) -> None:
    """Re-render every DM Goodwill sent about the event in place: owners' lists and organisers' checklists
    (after the event's name, place or list changed behind them, e.g. when a person was forgotten)."""
    refresh_owner_messages(deps, team_id, event_id)
    with transaction(deps.sessions) as session:
        event = store.get_gathering(session, team_id, event_id)
        updates = _followup_updates(deps, session, team_id, event) if event is not None else []
    for channel, ts, body in updates:
        _update(deps, channel, ts, body)


def mark_attended(
    deps: Deps, team_id: str, user_id: str, event_id: int, attended: dict[int, bool]
) -> tuple[str | None, list[int]]:
    """An organiser ticks or unticks attendance; every organiser's checklist is updated in place. Returns a
    refusal to show (or None) and the relations whose history changed (an attendance is a meeting), for
    bot.redraw."""
    with transaction(deps.sessions) as session:
        me = reader(deps, session, team_id, user_id)
        event = store.get_gathering(session, team_id, event_id)
        if event is None:
            return render.text("gone", me.language), []
        organisers = store.organisers_of(session, event_id)
        if not permissions.may_organise(organisers, me):
            return render.text("only_organisers", me.language), []
        changed = store.mark_attendance(
            session,
            event,
            attended=attended,
            logged_by=user_id,
            organisers=organisers,
            occurred_on=local_day(store.aware(event.starts_at), zone(event.timezone)),
            now=deps.now(),
        )
        updates = _followup_updates(deps, session, team_id, event)
    for channel, ts, body in updates:
        _update(deps, team_id, channel, ts, body)
    return None, list(changed)


# --- moving and cancelling -----------------------------------------------------------------------------
def _organised_upcoming(deps: Deps, session: Session, me: Reader, event_id: int) -> tuple[Gathering | None, str | None]:
    language = me.language
    event = store.get_gathering(session, me.team_id, event_id)
    if event is None:
        return None, render.text("gone", language)
    if not permissions.may_organise(store.organisers_of(session, event_id), me):
        return None, render.text("not_organiser", language, name=render.escape(event.name))
    if event.cancelled:
        return None, render.text("is_cancelled", language)
    if store.aware(event.starts_at) <= deps.now():
        return None, render.text("past_event", language, name=render.escape(event.name))
    return event, None


def _tell_owners(deps: Deps, team_id: str, event_id: int, *, by: str, notice, **extra) -> int:
    """DM each owner who invited people (invited/accepted) for this event, except the one acting."""
    outgoing = []
    with transaction(deps.sessions) as session:
        event = store.get_gathering(session, team_id, event_id)
        info = summary(session, event)
        for owner in store.owners_with(session, event_id, TOLD_ABOUT_CHANGES):
            names = [
                rel.name for _, rel in store.invitations(session, event_id, owner_id=owner, statuses=TOLD_ABOUT_CHANGES)
            ]
            them = reader(deps, session, team_id, owner)
            if owner != by:
                outgoing.append(
                    (owner, notice(info, by=by, relations=names, tz=them.tz, language=them.language, **extra))
                )
    for owner, message in outgoing:
        _post(deps, team_id, owner, message)
    return len(outgoing)


def cancel(deps: Deps, team_id: str, user_id: str, event_id: int) -> str:
    """Cancel an upcoming event the user organises; owners who invited people are told. Returns the answer."""
    with transaction(deps.sessions) as session:
        me = reader(deps, session, team_id, user_id)
        event, refusal = _organised_upcoming(deps, session, me, event_id)
        if event is None:
            return refusal
        name = event.name
        if not store.cancel_gathering(session, event):
            return render.text("is_cancelled", me.language)
    told = _tell_owners(deps, team_id, event_id, by=user_id, notice=render.cancelled_notice)
    refresh_owner_messages(deps, team_id, event_id)
    return render.cancelled_text(name, told, me.language)


def move_form(deps: Deps, team_id: str, user_id: str, event_id: int) -> tuple[dict | None, str | None]:
    """The move modal for an event the user organises, or a refusal."""
    with transaction(deps.sessions) as session:
        me = reader(deps, session, team_id, user_id)
        event, refusal = _organised_upcoming(deps, session, me, event_id)
        if event is None:
            return None, refusal
        return render.move_modal(summary(session, event), tz=zone(event.timezone), language=me.language), None


def move(deps: Deps, team_id: str, user_id: str, event_id: int, starts_at: datetime) -> str:
    with transaction(deps.sessions) as session:
        me = reader(deps, session, team_id, user_id)
        event, refusal = _organised_upcoming(deps, session, me, event_id)
        if event is None:
            return refusal
        before = store.move_gathering(session, event, starts_at)
        before = store.aware(before)
        name = event.name
    told = _tell_owners(deps, team_id, event_id, by=user_id, notice=render.moved_notice, before=before)
    refresh_owner_messages(deps, team_id, event_id, moved_from=before)
    return render.moved_text(name, render.when(starts_at, me.tz, me.language), told, me.language)


# --- what other surfaces show --------------------------------------------------------------------------
def gathering_list(deps: Deps, session: Session, team_id: str, user_id: str, *, notice: str | None = None) -> dict:
    """/event list: the workspace's upcoming events and the last month's, as an ephemeral message."""
    me = reader(deps, session, team_id, user_id)
    now = deps.now()
    upcoming = store.gathering_summaries(session, team_id, starts_from=now, starts_before=now + timedelta(days=3650))
    recent = store.gathering_summaries(session, team_id, starts_from=now - RECENT, starts_before=now)
    return render.gathering_list_message(
        upcoming, recent, user_id=user_id, tz=me.tz, language=me.language, notice=notice
    )


def gatherings_home_blocks(
    deps: Deps, session: Session, team_id: str, user_id: str, language: str | None = None
) -> list[dict]:
    """The App Home's events section for an organiser: their upcoming events, each with its counts and the
    invitation list with statuses. At most 8 blocks."""
    me = reader(deps, session, team_id, user_id)
    now = deps.now()
    mine = store.gathering_summaries(
        session,
        team_id,
        starts_from=now,
        starts_before=now + timedelta(days=3650),
        organiser=user_id,
        include_cancelled=False,
    )
    # Invitation lists for the events shown; the rest are counted in "and N more".
    with_lines = [
        (event, _lines(session, event.event_id) if shown < HOME_GATHERINGS else ()) for shown, event in enumerate(mine)
    ]
    return render.home_section(with_lines, tz=me.tz, language=language or me.language, max_events=HOME_GATHERINGS)


def gatherings_digest_section(session: Session, team_id: str, now: datetime) -> GatheringsDigest:
    """The digest's Events figures: events in the four weeks after `now` with accepted counts, the week
    before it with attendance (cancelled ones left out). Rendered by the digest (bot.render.digest)."""
    (_, up_to), (past_from, _) = digest_windows(now)
    return split_gatherings_digest(
        store.gathering_summaries(
            session, team_id, starts_from=past_from, starts_before=up_to, include_cancelled=False
        ),
        now,
    )
