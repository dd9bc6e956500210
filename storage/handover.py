"""Hand-over rounds (bot.handover): what a leaving member kept and who knows it, the rounds and their proposals,
and the claims of the DMs that present them. Every question is a query or two, never one per relation."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import and_, exists, false, func, literal, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from bot.domain.handover import (
    Colleague,
    Kept,
    MemberState,
    Proposal,
    ProposalLine,
    Received,
    RoundState,
    ThemeWork,
    Tie,
)
from storage.models import (
    Handover,
    HandoverMessage,
    HandoverProposal,
    Interaction,
    Member,
    MemberTie,
    Relation,
    Theme,
    relation_themes,
)
from storage.upsert import insert_ignoring_conflicts

ACTIVE = ("open", "done")  # a member's round that still stands (returned and cancelled ones do not)


def _aware(moment: datetime | None) -> datetime | None:
    # SQLite hands datetimes back naive; we only ever store UTC.
    return moment.replace(tzinfo=UTC) if moment is not None and moment.tzinfo is None else moment


# --- what the member kept, and who knows it ------------------------------------------------------------
def _kept_ids(team_id: str, member_id: str):
    return select(Relation.id).where(
        Relation.team_id == team_id, Relation.owner_id == member_id, Relation.archived == false()
    )


def kept_relations(session: Session, team_id: str, member_id: str) -> list[Kept]:
    """The active relations the member owns, with their themes: two queries."""
    rows = session.execute(
        select(Relation.id, Relation.name, Relation.tier).where(Relation.id.in_(_kept_ids(team_id, member_id)))
    ).all()
    themes: dict[int, list[str]] = {}
    for relation_id, name in session.execute(
        select(relation_themes.c.relation_id, Theme.name)
        .join(Theme, Theme.id == relation_themes.c.theme_id)
        .where(relation_themes.c.relation_id.in_(_kept_ids(team_id, member_id)))
    ):
        themes.setdefault(relation_id, []).append(name)
    return [Kept(r.id, r.name, r.tier, tuple(sorted(themes.get(r.id, ())))) for r in rows]


def ties_with_kept(session: Session, team_id: str, member_id: str) -> dict[int, list[Tie]]:
    """Every colleague's tie with the member's active relations, by relation: one query."""
    rows = session.execute(
        select(
            MemberTie.relation_id,
            MemberTie.user_id,
            MemberTie.last_met_on,
            MemberTie.warmth_at_last,
            Relation.cadence_days,
        )
        .join(Relation, Relation.id == MemberTie.relation_id)
        .where(Relation.id.in_(_kept_ids(team_id, member_id)), MemberTie.user_id != member_id)
    )
    ties: dict[int, list[Tie]] = {}
    for row in rows:
        ties.setdefault(row.relation_id, []).append(
            Tie(row.user_id, row.last_met_on, row.warmth_at_last, row.cadence_days)
        )
    return ties


def work_on_kept_themes(session: Session, team_id: str, member_id: str) -> dict[str, list[ThemeWork]]:
    """For each theme of the member's active relations: every colleague who met relations on it, how many and
    when last (from the kept ties: no history is read). One query."""
    themes = (
        select(relation_themes.c.theme_id)
        .where(relation_themes.c.relation_id.in_(_kept_ids(team_id, member_id)))
        .distinct()
    )
    rows = session.execute(
        select(
            Theme.name,
            MemberTie.user_id,
            func.count(func.distinct(relation_themes.c.relation_id)).label("relations"),
            func.max(MemberTie.last_met_on).label("last"),
        )
        .select_from(relation_themes)
        .join(Theme, Theme.id == relation_themes.c.theme_id)
        .join(MemberTie, MemberTie.relation_id == relation_themes.c.relation_id)
        .where(relation_themes.c.theme_id.in_(themes), MemberTie.user_id != member_id)
        .group_by(Theme.name, MemberTie.user_id)
    )
    work: dict[str, list[ThemeWork]] = {}
    for row in rows:
        work.setdefault(row.name, []).append(ThemeWork(row.user_id, row.relations, row.last))
    return work


def colleagues(session: Session, team_id: str) -> dict[str, Colleague]:
    """What the rules need of every cached member of the workspace: one query."""
    rows = session.execute(
        select(
            Member.user_id,
            Member.real_name,
            Member.name,
            Member.deleted,
            Member.is_bot,
            Member.is_admin,
            Member.is_lead,
            Member.leaving_on,
        ).where(Member.team_id == team_id)
    )
    return {
        r.user_id: Colleague(
            r.user_id,
            r.real_name or r.name or "",
            bool(r.deleted),
            bool(r.is_bot),
            bool(r.is_admin),
            bool(r.is_lead),
            r.leaving_on,
        )
        for r in rows
    }


# --- rounds ---------------------------------------------------------------------------------------------
def member_states(session: Session, team_id: str, only: Iterable[str] | None = None) -> list[MemberState]:
    """The members whose hand-over may need a step (bot.domain.handover.next_step): those who left, are marked
    as leaving, or have a round that still stands. One query."""
    active = _standing_rounds(team_id)
    query = (
        select(
            Member.user_id,
            Member.deleted,
            Member.left_at,
            Member.leaving_on,
            active.c.id,
            active.c.reason,
            active.c.member_left_at,
        )
        .outerjoin(active, active.c.member_id == Member.user_id)
        .where(
            Member.team_id == team_id,
            or_(Member.left_at.is_not(None), Member.leaving_on.is_not(None), active.c.id.is_not(None)),
        )
    )
    if only is not None:
        query = query.where(Member.user_id.in_(list(only)))
    states = []
    for row in session.execute(query):
        round_ = RoundState(row.id, row.reason, _aware(row.member_left_at)) if row.id is not None else None
        states.append(MemberState(row.user_id, bool(row.deleted), _aware(row.left_at), row.leaving_on, round_))
    return states


def _standing_rounds(team_id: str):
    return (
        select(Handover.id, Handover.member_id, Handover.reason, Handover.member_left_at)
        .where(Handover.team_id == team_id, Handover.status.in_(ACTIVE))
        .subquery()
    )


def open_round(
    session: Session, team_id: str, member_id: str, *, reason: str, now: datetime, member_left_at: datetime | None
) -> int | None:
    """Open the member's next round, unless one stands already; its id if this call opened it.

    One INSERT … SELECT: the next round number, only when no open or done round exists, and ON CONFLICT DO
    NOTHING on (team, member, round), so of two processes opening at once exactly one succeeds."""
    dialect = sqlite if session.get_bind().dialect.name == "sqlite" else postgresql
    rounds = select(func.coalesce(func.max(Handover.round), 0) + 1).where(
        Handover.team_id == team_id, Handover.member_id == member_id
    )
    standing = exists().where(Handover.team_id == team_id, Handover.member_id == member_id, Handover.status.in_(ACTIVE))
    values = select(
        literal(team_id),
        literal(member_id),
        rounds.scalar_subquery(),
        literal(reason),
        literal("open"),
        literal(member_left_at, type_=Handover.member_left_at.type),
        literal(now, type_=Handover.opened_at.type),
    ).where(~standing)
    statement = (
        dialect.insert(Handover)
        .from_select(["team_id", "member_id", "round", "reason", "status", "member_left_at", "opened_at"], values)
        .on_conflict_do_nothing()
        .returning(Handover.id)
    )
    return session.execute(statement).scalar()


def add_proposals(session: Session, handover_id: int, proposals: Sequence[Proposal]) -> None:
    if proposals:
        session.execute(
            HandoverProposal.__table__.insert(),
            [
                {
                    "handover_id": handover_id,
                    "relation_id": p.relation_id,
                    "position": position,
                    "proposed_owner": p.user_id,
                    "basis": p.basis,
                    "detail": dict(p.detail),
                    "status": "pending",
                }
                for position, p in enumerate(proposals)
            ],
        )


def note_left(session: Session, handover_id: int, left_at: datetime) -> None:
    """The member of a round opened ahead of their leaving date has now left Slack."""
    session.execute(
        update(Handover)
        .where(Handover.id == handover_id, Handover.member_left_at.is_(None))
        .values(member_left_at=left_at)
        .execution_options(synchronize_session=False)
    )


def close_round(session: Session, handover_id: int, status: str, now: datetime) -> tuple[int, int] | None:
    """End a standing round as `returned` or `cancelled`: its pending proposals are withdrawn. None if another
    process ended it first; else (relations handed over, proposals withdrawn)."""
    ended = session.execute(
        update(Handover)
        .where(Handover.id == handover_id, Handover.status.in_(ACTIVE))
        .values(status=status, closed_at=now)
        .execution_options(synchronize_session=False)
    )
    if ended.rowcount != 1:
        return None
    withdrawn = session.execute(
        update(HandoverProposal)
        .where(HandoverProposal.handover_id == handover_id, HandoverProposal.status == "pending")
        .values(status="withdrawn", decided_at=now)
        .execution_options(synchronize_session=False)
    ).rowcount
    handed = session.scalar(
        select(func.count()).where(
            HandoverProposal.handover_id == handover_id, HandoverProposal.decided_owner.is_not(None)
        )
    )
    return int(handed or 0), int(withdrawn or 0)


def set_leaving_date(session: Session, team_id: str, member_id: str, day: date | None) -> None:
    member = session.get(Member, (team_id, member_id))
    if member is not None:
        member.leaving_on = day
        session.flush()


def leaving_members(session: Session, team_id: str) -> list[tuple[str, date]]:
    """Members marked as leaving and still here, soonest first."""
    rows = session.execute(
        select(Member.user_id, Member.leaving_on)
        .where(Member.team_id == team_id, Member.leaving_on.is_not(None), Member.deleted == false())
        .order_by(Member.leaving_on, Member.user_id)
    )
    return [tuple(row) for row in rows]


def standing_round(session: Session, team_id: str, member_id: str) -> Handover | None:
    return session.scalars(
        select(Handover).where(
            Handover.team_id == team_id, Handover.member_id == member_id, Handover.status.in_(ACTIVE)
        )
    ).first()


def get_round(session: Session, team_id: str, handover_id: int) -> Handover | None:
    handover = session.get(Handover, handover_id)
    return handover if handover is not None and handover.team_id == team_id else None


# --- reading a round, for its messages ---------------------------------------------------------------------
def proposal_lines(session: Session, handover_id: int) -> list[ProposalLine]:
    """The round's proposals in their order, with each relation as it stands now: one query."""
    query = (
        select(
            HandoverProposal.relation_id,
            Relation.name,
            Relation.organisation,
            Relation.tier,
            HandoverProposal.proposed_owner,
            HandoverProposal.basis,
            HandoverProposal.detail,
            HandoverProposal.status,
            HandoverProposal.decided_owner,
            HandoverProposal.decided_by,
            Relation.owner_id,
            Relation.archived,
        )
        .join(Relation, Relation.id == HandoverProposal.relation_id)
        .where(HandoverProposal.handover_id == handover_id)
        .order_by(HandoverProposal.position, HandoverProposal.relation_id)
    )
    return [
        ProposalLine(
            r.relation_id,
            r.name,
            r.organisation,
            r.tier,
            r.proposed_owner,
            r.basis,
            r.detail or {},
            r.status,
            r.decided_owner,
            r.decided_by,
            r.owner_id,
            bool(r.archived),
        )
        for r in session.execute(query)
    ]


# --- deciding ------------------------------------------------------------------------------------------------
def claim_proposals(
    session: Session,
    handover_id: int,
    relation_ids: Iterable[int],
    *,
    owner: str | None,
    status: str,
    by: str,
    now: datetime,
) -> dict[int, str]:
    """Mark these proposals decided, if still pending: to `owner`, or (None) each to its proposed owner. One
    UPDATE, conditional on the status, so of two deciders at once each relation goes to one. The relations
    taken, with their new owners."""
    ids = list(relation_ids)
    if not ids:
        return {}
    conditions = [
        HandoverProposal.handover_id == handover_id,
        HandoverProposal.relation_id.in_(ids),
        HandoverProposal.status == "pending",
    ]
    if owner is None:
        conditions.append(HandoverProposal.proposed_owner.is_not(None))
    rows = session.execute(
        update(HandoverProposal)
        .where(*conditions)
        .values(
            status=status,
            decided_owner=HandoverProposal.proposed_owner if owner is None else owner,
            decided_by=by,
            decided_at=now,
        )
        .returning(HandoverProposal.relation_id, HandoverProposal.decided_owner)
        .execution_options(synchronize_session=False)
    )
    return {row.relation_id: row.decided_owner for row in rows}


def reopen(session: Session, handover_id: int, relation_ids: Iterable[int]) -> None:
    """Put proposals whose hand-over was refused back to pending (in the transaction that took them)."""
    ids = list(relation_ids)
    if ids:
        session.execute(
            update(HandoverProposal)
            .where(HandoverProposal.handover_id == handover_id, HandoverProposal.relation_id.in_(ids))
            .values(status="pending", decided_owner=None, decided_by=None, decided_at=None)
            .execution_options(synchronize_session=False)
        )


def supersede(session: Session, handover_id: int, relation_ids: Iterable[int], now: datetime) -> None:
    """Proposals for relations that were handed over or archived another way in the meantime."""
    ids = list(relation_ids)
    if ids:
        session.execute(
            update(HandoverProposal)
            .where(HandoverProposal.handover_id == handover_id, HandoverProposal.relation_id.in_(ids))
            .values(status="superseded", decided_owner=None, decided_at=now)
            .execution_options(synchronize_session=False)
        )


def finish_if_decided(session: Session, handover_id: int, now: datetime) -> bool:
    """An open round with nothing pending is done."""
    pending = exists().where(HandoverProposal.handover_id == handover_id, HandoverProposal.status == "pending")
    result = session.execute(
        update(Handover)
        .where(Handover.id == handover_id, Handover.status == "open", ~pending)
        .values(status="done", closed_at=now)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


# --- the proposals DM: claimed once per admin or lead -----------------------------------------------------
@dataclass(frozen=True)
class MessageState:
    status: str
    attempts: int
    claimed_at: datetime | None
    channel_id: str | None
    message_ts: str | None


def message_states(session: Session, handover_id: int) -> dict[str, MessageState]:
    rows = session.execute(
        select(
            HandoverMessage.user_id,
            HandoverMessage.status,
            HandoverMessage.attempts,
            HandoverMessage.claimed_at,
            HandoverMessage.channel_id,
            HandoverMessage.message_ts,
        ).where(HandoverMessage.handover_id == handover_id)
    )
    return {
        r.user_id: MessageState(r.status, r.attempts, _aware(r.claimed_at), r.channel_id, r.message_ts) for r in rows
    }


def claim_message(
    session: Session, handover_id: int, user_id: str, now: datetime, *, expected: MessageState | None
) -> bool:
    """Claim the round's DM to this member; True if this caller may send it. A new claim is an INSERT … ON
    CONFLICT DO NOTHING; a failed or abandoned one is taken over only as the caller saw it (one UPDATE)."""
    if expected is None:
        return insert_ignoring_conflicts(
            session,
            HandoverMessage.__table__,
            {"handover_id": handover_id, "user_id": user_id, "status": "claimed", "attempts": 1, "claimed_at": now},
        )
    result = session.execute(
        update(HandoverMessage)
        .where(
            HandoverMessage.handover_id == handover_id,
            HandoverMessage.user_id == user_id,
            HandoverMessage.status == expected.status,
            HandoverMessage.attempts == expected.attempts,
        )
        .values(status="claimed", attempts=HandoverMessage.attempts + 1, claimed_at=now, error=None)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def message_sent(
    session: Session, handover_id: int, user_id: str, now: datetime, *, channel_id: str, message_ts: str
) -> None:
    session.execute(
        update(HandoverMessage)
        .where(HandoverMessage.handover_id == handover_id, HandoverMessage.user_id == user_id)
        .values(status="sent", sent_at=now, channel_id=channel_id, message_ts=message_ts, error=None)
        .execution_options(synchronize_session=False)
    )


def message_failed(session: Session, handover_id: int, user_id: str, error: str) -> None:
    session.execute(
        update(HandoverMessage)
        .where(HandoverMessage.handover_id == handover_id, HandoverMessage.user_id == user_id)
        .values(status="failed", error=error[:500])
        .execution_options(synchronize_session=False)
    )


def open_round_ids(session: Session, team_id: str) -> list[int]:
    return list(
        session.scalars(
            select(Handover.id).where(Handover.team_id == team_id, Handover.status == "open").order_by(Handover.id)
        )
    )


# --- what a new owner receives -----------------------------------------------------------------------------
def received(session: Session, team_id: str, relation_ids: Sequence[int], reader_id: str) -> list[Received]:
    """These relations with their last contact, and the notes of the latest meeting `reader_id` may read:
    shared notes, or private ones they wrote themselves (nobody else's private notes). Two queries."""
    ids = list(relation_ids)
    if not ids:
        return []
    readable = and_(
        Interaction.relation_id.in_(ids),
        Interaction.team_id == team_id,
        Interaction.notes != "",
        or_(Interaction.private == false(), Interaction.logged_by == reader_id),
    )
    latest = (
        select(
            Interaction.relation_id,
            Interaction.notes,
            func.row_number()
            .over(
                partition_by=Interaction.relation_id,
                order_by=(Interaction.occurred_on.desc(), Interaction.id.desc()),
            )
            .label("n"),
        )
        .where(readable)
        .subquery()
    )
    notes = dict(session.execute(select(latest.c.relation_id, latest.c.notes).where(latest.c.n == 1)).all())
    rows = session.execute(
        select(
            Relation.id,
            Relation.name,
            Relation.organisation,
            Relation.tier,
            Relation.last_contact_on,
            Relation.last_contact_by,
        ).where(Relation.team_id == team_id, Relation.id.in_(ids))
    )
    by_id = {
        r.id: Received(r.id, r.name, r.organisation, r.tier, r.last_contact_on, r.last_contact_by, notes.get(r.id))
        for r in rows
    }
    return [by_id[i] for i in ids if i in by_id]


# --- the digest ----------------------------------------------------------------------------------------------
def leaving_people(
    session: Session, team_id: str, user_ids: Iterable[str]
) -> dict[str, tuple[date | None, int | None]]:
    """Of these members, those marked as leaving or with an open round: (leaving date, open round id)."""
    wanted = list(set(user_ids))
    if not wanted:
        return {}
    opened = (
        select(Handover.id, Handover.member_id).where(Handover.team_id == team_id, Handover.status == "open").subquery()
    )
    rows = session.execute(
        select(Member.user_id, Member.leaving_on, opened.c.id)
        .outerjoin(opened, opened.c.member_id == Member.user_id)
        .where(
            Member.team_id == team_id,
            Member.user_id.in_(wanted),
            or_(Member.leaving_on.is_not(None), opened.c.id.is_not(None)),
        )
    )
    return {row.user_id: (row.leaving_on, row.id) for row in rows}
