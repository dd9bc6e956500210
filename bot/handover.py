"""The guided hand-over when a member leaves: proposals for each relation they kept, one DM per admin and lead,
decisions checked again when a click arrives, one DM per new owner, and a note to the lead when a member returns.

Who left is found three ways, all ending in `reconcile` (which does each step once, whoever calls it): Slack's
`user_change` event (handlers/events/user_change.py), the daily member refresh (bot.members.refresh_members
notes when Slack first says a member left), and a leaving date set with `/goodwill leaving` (a week before).
The clock's job (`handover_job`) runs `reconcile` for every workspace and sends any proposals DM not sent yet.
Every DM is claimed in the database before it is sent; every hand-over goes through bot.services.relations.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from slack_sdk.errors import SlackApiError
from sqlalchemy.orm import Session

from bot import permissions
from bot.deps import Deps
from bot.domain import handover as rules
from bot.domain.nudges import DeliveryState, in_nudge_window, may_claim, nudge_time_of
from bot.home import digest_permalink
from bot.language import language_for
from bot.members import Reader, current_member, preferences, reader, refresh_members, zone
from bot.render import handover as render
from bot.render.changes import notice as change_notice
from bot.render.text import user_mention
from bot.services import relations
from storage import handover as store
from storage.audit import SYSTEM, record
from storage.db import transaction
from storage.members import get_member, profiles, save_member_from_slack
from storage.models import Workspace
from storage.nudges import claim_delivery
from storage.relations import load_relations
from storage.workspaces import ensure_workspace, team_ids

log = logging.getLogger("goodwill.handover")


def workspace_today(session: Session, team_id: str, now: datetime) -> date:
    workspace = session.get(Workspace, team_id)
    return now.astimezone(zone(workspace.timezone if workspace else None)).date()


# --- finding who left, opening rounds ------------------------------------------------------------------------
def handover_job(deps: Deps, now: datetime) -> None:
    """The clock's job: every workspace's departures, returns and leaving dates, and proposals DMs not sent yet."""
    with deps.sessions() as session:
        teams = team_ids(session)
    for team_id in teams:
        try:
            with transaction(deps.sessions) as session:
                refresh_members(deps, session, team_id)  # users.list once a day: who left since
            reconcile(deps, team_id)
            with deps.sessions() as session:
                open_ids = store.open_round_ids(session, team_id)
            for handover_id in open_ids:
                send_proposals(deps, team_id, handover_id)
        except Exception:  # one workspace must not stop the others
            log.exception("hand-over job for %s failed", team_id)


def member_changed(deps: Deps, team_id: str, user: dict) -> None:
    """Slack's user_change: store what Slack says of the member now (users.info, since events may come late or
    twice), then take whatever step their hand-over needs."""
    user_id = user.get("id") or ""
    if not user_id:
        return
    with transaction(deps.sessions) as session:
        if current_member(deps, session, team_id, user_id) is None and user.get("team_id") in (None, team_id):
            ensure_workspace(session, team_id)
            save_member_from_slack(session, team_id, user, fetched_at=deps.now())
    with transaction(deps.sessions) as session:
        refresh_members(deps, session, team_id)  # the admins and leads to tell, as Slack knows them
    for handover_id in reconcile(deps, team_id, only=[user_id]):
        send_proposals(deps, team_id, handover_id)


def reconcile(deps: Deps, team_id: str, *, only: Iterable[str] | None = None) -> list[int]:
    """Take each member's next step (bot.domain.handover.next_step); the rounds this call opened."""
    now = deps.now()
    with deps.sessions() as session:
        today = workspace_today(session, team_id, now)
        states = store.member_states(session, team_id, only)
    opened = []
    for state in states:
        step = rules.next_step(state, today)
        if step in (rules.OPEN_LEFT, rules.OPEN_LEAVING):
            handover_id = open_round(deps, team_id, state, step, now=now, today=today)
            if handover_id is not None:
                opened.append(handover_id)
        elif step == rules.NOTE_LEFT and state.active_round and state.left_at:
            with transaction(deps.sessions) as session:
                store.note_left(session, state.active_round.handover_id, state.left_at)
        elif step == rules.RETURNED and state.active_round:
            returned(deps, team_id, state.user_id, state.active_round.handover_id)
    return opened


def open_round(
    deps: Deps, team_id: str, state: rules.MemberState, step: str, *, now: datetime, today: date
) -> int | None:
    """Propose a new owner for each active relation the member kept, in one transaction (a handful of queries,
    whatever their number); None if they kept none, or another process opened the round first."""
    member_id = state.user_id
    with transaction(deps.sessions) as session:
        kept = store.kept_relations(session, team_id, member_id)
        if not kept:
            return None
        colleagues = store.colleagues(session, team_id)
        proposals = rules.propose(
            kept,
            store.ties_with_kept(session, team_id, member_id),
            store.work_on_kept_themes(session, team_id, member_id),
            lead=rules.team_lead(colleagues.values(), member_id),
            may_take=rules.may_take(colleagues, member_id),
            today=today,
        )
        reason = "left" if step == rules.OPEN_LEFT else "leaving"
        handover_id = store.open_round(
            session, team_id, member_id, reason=reason, now=now, member_left_at=state.left_at if state.deleted else None
        )
        if handover_id is None:
            return None
        store.add_proposals(session, handover_id, proposals)
        record(
            session,
            team_id,
            actor=SYSTEM,
            action="handover.open",
            at=now,
            handover_id=handover_id,
            member=member_id,
            reason=reason,
            relations=len(proposals),
            obvious=sum(1 for p in proposals if p.obvious),
        )
    return handover_id


# --- the proposals DM ---------------------------------------------------------------------------------------------
def round_view(session: Session, team_id: str, handover_id: int) -> render.RoundView | None:
    handover = store.get_round(session, team_id, handover_id)
    if handover is None:
        return None
    colleagues = store.colleagues(session, team_id)
    member = colleagues.get(handover.member_id)
    leaving = get_member(session, team_id, handover.member_id)
    lead = rules.team_lead(colleagues.values(), handover.member_id)
    return render.RoundView(
        handover_id=handover.id,
        member_id=handover.member_id,
        member_name=member.name if member else "",
        reason=handover.reason,
        status=handover.status,
        leaving_on=leaving.leaving_on if leaving else None,
        lead=lead,
        lead_name=colleagues[lead].name if lead else "",
        lines=store.proposal_lines(session, handover_id),
    )


def send_proposals(deps: Deps, team_id: str, handover_id: int, *, only: str | None = None) -> list[str]:
    """Send the round's DM to each admin and lead (or `only` one) who has not had it: claimed first, so each gets
    it once however many processes try. Whom it was sent to."""
    now = deps.now()
    with deps.sessions() as session:
        handover = store.get_round(session, team_id, handover_id)
        if handover is None or handover.status != "open":
            return []
        deciders = rules.deciders(store.colleagues(session, team_id).values(), handover.member_id)
        states = store.message_states(session, handover_id)
    sent = []
    for user_id in deciders:
        if only is not None and user_id != only:
            continue
        state = states.get(user_id)
        seen = DeliveryState(state.status, state.attempts, state.claimed_at) if state else None
        if not may_claim(seen, now):
            continue
        with transaction(deps.sessions) as session:
            if not store.claim_message(session, handover_id, user_id, now, expected=state):
                continue
            message = _message_for(deps, session, team_id, handover_id, user_id)
        try:
            if deps.client_for(team_id) is None or message is None:
                raise RuntimeError("nothing to send with")
            response = deps.client_for(team_id).chat_postMessage(channel=user_id, unfurl_links=False, **message)
        except (SlackApiError, RuntimeError, OSError) as error:
            reason = error.response.get("error", "") if isinstance(error, SlackApiError) else str(error)
            log.warning("hand-over proposals to %s failed: %s", user_id, reason)
            with transaction(deps.sessions) as session:
                store.message_failed(session, handover_id, user_id, reason or type(error).__name__)
            continue
        with transaction(deps.sessions) as session:
            store.message_sent(
                session, handover_id, user_id, deps.now(), channel_id=response["channel"], message_ts=response["ts"]
            )
        sent.append(user_id)
    return sent


def _message_for(deps: Deps, session: Session, team_id: str, handover_id: int, user_id: str) -> dict | None:
    view = round_view(session, team_id, handover_id)
    if view is None:
        return None
    return render.proposals_message(view, _language_of(session, team_id, user_id))


def _language_of(session: Session, team_id: str, user_id: str) -> str:
    profile = profiles(session, team_id, [user_id]).get(user_id)
    return language_for(session, team_id, profile)


def refresh_proposals(deps: Deps, team_id: str, handover_id: int) -> None:
    """Bring every admin's and lead's DM of the round up to date (after a decision, a return, a cancel)."""
    if deps.client_for(team_id) is None:
        return
    with deps.sessions() as session:
        updates = [
            (state.channel_id, state.message_ts, _message_for(deps, session, team_id, handover_id, user_id))
            for user_id, state in store.message_states(session, handover_id).items()
            if state.status == "sent" and state.channel_id and state.message_ts
        ]
    for channel, ts, message in updates:
        if message is None:
            continue
        try:
            deps.client_for(team_id).chat_update(channel=channel, ts=ts, **message)
        except SlackApiError as error:
            log.warning("could not update hand-over message %s/%s: %s", channel, ts, error.response.get("error"))


# --- deciding --------------------------------------------------------------------------------------------------------
ACCEPT, CHOOSE, TO_LEAD = "accepted", "chosen", "to_lead"  # HandoverProposal.status when decided so


@dataclass
class Decision:
    """What a click decided, or why it decided nothing; what to tell the clicker privately (`notes`)."""

    language: str = "en"
    notes: list[str] = field(default_factory=list)
    changes: list[relations.Change] = field(default_factory=list)
    refresh: bool = False  # the round's DMs show something new (or the clicked one was outdated)

    @property
    def handed(self) -> list[relations.Change]:
        return [change for change in self.changes if change.done]


def decide(
    deps: Deps,
    team_id: str,
    user_id: str,
    handover_id: int,
    relation_ids: Sequence[int],
    *,
    kind: str,
    to: str | None = None,
) -> Decision:
    """Accept the proposals for `relation_ids` (kind ACCEPT), give one to a colleague picked (CHOOSE, `to`) or to
    the team lead (TO_LEAD, `to` the lead the button named). Checked again here, whatever the message showed:
    only admins and leads, only relations of this round still pending, only the current lead; each hand-over
    by bot.services.relations' rules. Then each new owner gets one DM and the round's DMs are redrawn."""
    now = deps.now()
    with transaction(deps.sessions) as session:
        asker = reader(deps, session, team_id, user_id)
        view = round_view(session, team_id, handover_id) if permissions.may_decide_handover(asker) else None
    decision = Decision(asker.language)
    refusal = _refusal(asker, view, relation_ids, kind, to)
    if refusal or view is None:
        decision.notes.append(refusal or "")
        decision.refresh = view is not None  # the message clicked on may be outdated: show where things stand
        return decision
    wanted = set(relation_ids)
    lines = [line for line in view.lines if line.relation_id in wanted]
    pending = [line for line in lines if line.pending and (kind != ACCEPT or line.proposed_owner)]
    if not pending:
        decision.refresh = True
        decision.notes += _stale_notes(view, lines, kind, asker.language)
        return decision
    owners = {line.proposed_owner if to is None else to for line in pending} - {None}
    heirs = {owner: relations.heir(deps, team_id, owner) for owner in owners}  # Slack, outside any write

    with transaction(deps.sessions) as session:
        asker = reader(deps, session, team_id, user_id)  # again: roles may have changed meanwhile
        if not permissions.may_decide_handover(asker):
            decision.notes.append(render.T("not_allowed", asker.language))
            return decision
        handover = store.get_round(session, team_id, handover_id)
        if handover is None:
            decision.notes.append(render.T("gone", asker.language))
            return decision
        taken = store.claim_proposals(
            session, handover_id, [line.relation_id for line in pending], owner=to, status=kind, by=user_id, now=now
        )
        kept = {r.id: r for r in load_relations(session, team_id, taken)}
        moves = {rid: owner for rid, owner in taken.items() if rid in kept and _still_kept(kept[rid], handover)}
        store.supersede(session, handover_id, set(taken) - set(moves), now)
        decision.changes = relations.hand_over_all(session, asker, moves, heirs, now=now, handover_id=handover_id)
        store.reopen(session, handover_id, [change.relation_id for change in decision.changes if not change.done])
        store.finish_if_decided(session, handover_id, now)
    decision.refresh = True
    decision.notes += [relations_notice(change) for change in decision.changes if not change.done]
    if len(taken) < len(pending):
        decision.notes.append(render.T("stale_all", asker.language))
    tell_new_owners(deps, team_id, handover_id, asker, decision.handed)
    return decision


def _stale_notes(view: render.RoundView, lines: Sequence[rules.ProposalLine], kind: str, language: str) -> list[str]:
    """Nothing asked for is pending any more: say so once (accepting), or what became of each line."""
    if kind == ACCEPT:
        return [render.T("stale_all", language)]
    return [render.T("stale", language, line=render.decided_text(line, view, language)) for line in lines]


def relations_notice(change: relations.Change) -> str:
    return change_notice(change.refusal or "", change.language, change.refusal_values)


def _still_kept(relation, handover) -> bool:
    """A relation still with the member who leaves, and active: else it was dealt with another way meanwhile."""
    return relation.owner_id == handover.member_id and not relation.archived


def _refusal(
    asker: Reader, view: render.RoundView | None, relation_ids: Sequence[int], kind: str, to: str | None
) -> str | None:
    """Why a click on a round's DM may do nothing, checked when it arrives (whatever the message showed)."""
    language = asker.language
    if not permissions.may_decide_handover(asker):
        return render.T("not_allowed", language)
    if view is None:
        return render.T("gone", language)
    if view.status in ("returned", "cancelled"):
        return render.T("ended", language)
    if not relation_ids or not set(relation_ids) <= {line.relation_id for line in view.lines}:
        return render.T("not_in_round", language)
    if kind == TO_LEAD:
        if view.lead is None:
            return render.T("no_lead", language)
        if view.lead != to:
            return render.T("lead_changed", language, lead=user_mention(to or "?"))
    return None


def tell_new_owners(
    deps: Deps, team_id: str, handover_id: int, asker: Reader, changes: Sequence[relations.Change]
) -> None:
    """One DM per new owner listing what they received (last contact, and the latest notes they may read). Their
    relations keep their due dates: the first nudge about an overdue one comes the next morning, not today."""
    received_by: dict[str, list[int]] = defaultdict(list)
    for change in changes:
        received_by[change.values["new_owner"]].append(change.relation_id)
    if not received_by or deps.client_for(team_id) is None:
        return
    now = deps.now()
    for owner, relation_ids in received_by.items():
        with transaction(deps.sessions) as session:
            handover = store.get_round(session, team_id, handover_id)
            workspace = session.get(Workspace, team_id)
            profile = profiles(session, team_id, [owner]).get(owner)
            language, tz = preferences(profile, workspace)
            today = now.astimezone(tz).date()
            if workspace and in_nudge_window(now, tz, nudge_time_of(workspace.nudge_time)):
                # Today's nudge is this message: claimed for the day unless one was planned already.
                claim_delivery(session, team_id, owner, today, now, expected=None, status="handover")
            member = get_member(session, team_id, handover.member_id)
            message = render.received_message(
                store.received(session, team_id, relation_ids, owner),
                by_user=asker.user_id,
                member_name=(member.real_name or member.name) if member else "",
                reason=handover.reason,
                leaving_on=member.leaving_on if member else None,
                recipient_id=owner,
                today=today,
                language=language,
            )
        try:
            deps.client_for(team_id).chat_postMessage(channel=owner, unfurl_links=False, **message)
        except SlackApiError as error:
            log.warning("could not tell %s what they received: %s", owner, error.response.get("error"))
    tell_leaving_owner(deps, team_id, handover_id, asker, changes)


def tell_leaving_owner(
    deps: Deps, team_id: str, handover_id: int, asker: Reader, changes: Sequence[relations.Change]
) -> None:
    """A member still here (leaving on a date) is told, in one DM, where their relations went, as any owner is
    told when someone else changes their relation."""
    with transaction(deps.sessions) as session:
        handover = store.get_round(session, team_id, handover_id)
        member = get_member(session, team_id, handover.member_id) if handover else None
        if member is None or not permissions.is_active_colleague(member) or member.user_id == asker.user_id:
            return
        language = _language_of(session, team_id, member.user_id)
        moves = [(change.name, change.values["new_owner"]) for change in changes]
        message = render.handed_on_message(
            moves, by_user=asker.user_id, leaving_on=member.leaving_on, language=language
        )
    try:
        deps.client_for(team_id).chat_postMessage(channel=member.user_id, unfurl_links=False, **message)
    except SlackApiError as error:
        log.warning("could not tell %s where their relations went: %s", member.user_id, error.response.get("error"))


# --- a member who returns, a leaving date taken back ---------------------------------------------------------
def returned(deps: Deps, team_id: str, member_id: str, handover_id: int) -> None:
    """The member is back: nothing is given back; open proposals are withdrawn (they still own those) and the
    team leads (or, without leads, the admins) are told."""
    now = deps.now()
    with transaction(deps.sessions) as session:
        ended = store.close_round(session, handover_id, "returned", now)
        if ended is None:
            return  # another process took this step
        store.set_leaving_date(session, team_id, member_id, None)
        handed, withdrawn = ended
        record(
            session,
            team_id,
            actor=SYSTEM,
            action="handover.returned",
            at=now,
            handover_id=handover_id,
            member=member_id,
            handed_over=handed,
            withdrawn=withdrawn,
        )
        colleagues = store.colleagues(session, team_id)
        member = colleagues.get(member_id)
        leads = [c.user_id for c in colleagues.values() if c.is_lead and not (c.deleted or c.is_bot)]
        told = [u for u in (leads or rules.deciders(colleagues.values(), member_id)) if u != member_id]
        messages = [
            (
                user_id,
                render.returned_message(
                    member.name if member else "", member_id, handed, withdrawn, _language_of(session, team_id, user_id)
                ),
            )
            for user_id in told
        ]
    for user_id, message in messages:
        try:
            if deps.client_for(team_id) is not None:
                deps.client_for(team_id).chat_postMessage(channel=user_id, unfurl_links=False, **message)
        except SlackApiError as error:
            log.warning("could not tell %s that %s returned: %s", user_id, member_id, error.response.get("error"))
    refresh_proposals(deps, team_id, handover_id)


# --- /goodwill leaving --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class LeavingSet:
    opens_now: bool  # the proposals go out now (the date is within a week)
    cancelled_round: int | None = None  # a leaving date taken back ended this round


def set_leaving(session: Session, asker: Reader, member_id: str, day: date | None, *, now: datetime) -> LeavingSet:
    """Mark (or, with None, unmark) a member as leaving on `day`; audited. Taking a date back ends a round
    opened for it (not one opened because the member left)."""
    store.set_leaving_date(session, asker.team_id, member_id, day)
    record(
        session,
        asker.team_id,
        actor=asker.user_id,
        action="member.leaving",
        at=now,
        member=member_id,
        leaving_on=day.isoformat() if day else None,
    )
    if day is not None:
        return LeavingSet(opens_now=asker.today >= day - rules.PROPOSE_AHEAD)
    standing = store.standing_round(session, asker.team_id, member_id)
    if standing is None or standing.reason != "leaving" or standing.member_left_at is not None:
        return LeavingSet(False)
    if store.close_round(session, standing.id, "cancelled", now) is None:
        return LeavingSet(False)
    record(session, asker.team_id, actor=asker.user_id, action="handover.cancelled", at=now, handover_id=standing.id)
    return LeavingSet(False, cancelled_round=standing.id)


# --- the digest's link -------------------------------------------------------------------------------------------
def show(deps: Deps, team_id: str, user_id: str, handover_id: int) -> str:
    """A click on the digest's "Proposals for Anna's relations": an admin or lead is pointed to their DM (sent
    now if they never had it); anyone else is told who decides."""
    with transaction(deps.sessions) as session:
        asker = reader(deps, session, team_id, user_id)
        language = asker.language
        if not permissions.may_decide_handover(asker):
            return render.T("not_allowed", language)
        view = round_view(session, team_id, handover_id)
        if view is None:
            return render.T("gone", language)
        if view.status != "open":
            return render.T("show_finished", language, name=view.shown_name)
        mine = store.message_states(session, handover_id).get(user_id)
    if mine is None or mine.status != "sent":
        send_proposals(deps, team_id, handover_id, only=user_id)
        with deps.sessions() as session:
            mine = store.message_states(session, handover_id).get(user_id)
        if mine is None or mine.status != "sent":
            return render.T("gone", language)
        return render.T("show_sent", language, name=view.shown_name)
    link = digest_permalink(mine.channel_id or user_id, mine.message_ts or "")
    return render.T("show_link", language, name=view.shown_name, link=link)
