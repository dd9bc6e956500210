"""Nudge deliveries: claimed before sending, one per member per day; found again when someone acts on one."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime

from sqlalchemy import and_, select, update
from sqlalchemy.orm import Session

from bot.domain.nudges import DeliveryState
from storage.models import NudgeDelivery, Relation
from storage.upsert import insert_ignoring_conflicts


def _aware(moment: datetime | None) -> datetime | None:
    # SQLite hands datetimes back naive; we only ever store UTC.
    return moment.replace(tzinfo=UTC) if moment is not None and moment.tzinfo is None else moment


def delivery_states(session: Session, team_id: str, days: Iterable[date]) -> dict[tuple[str, date], DeliveryState]:
    """Every member's nudge delivery on these days, by (user_id, day): one query."""
    wanted = sorted(set(days))
    if not wanted:
        return {}
    rows = session.execute(
        select(
            NudgeDelivery.user_id,
            NudgeDelivery.day,
            NudgeDelivery.status,
            NudgeDelivery.attempts,
            NudgeDelivery.claimed_at,
        ).where(NudgeDelivery.team_id == team_id, NudgeDelivery.day.in_(wanted))
    )
    return {(r.user_id, r.day): DeliveryState(r.status, r.attempts, _aware(r.claimed_at)) for r in rows}


def claim_delivery(
    session: Session,
    team_id: str,
    user_id: str,
    day: date,
    now: datetime,
    *,
    expected: DeliveryState | None,
    status: str = "claimed",
    relation_ids: list[int] | None = None,
) -> bool:
    """Claim the member's nudge for `day`; True if this caller got it and may send.

    A new row is inserted, or nothing happens if another process inserted it first (the unique key
    on team, user and day). An existing row (failed, or a claim abandoned by a crashed sender) is
    taken over only if it is still exactly as the caller saw it: status and attempts are compared
    and set in one UPDATE, so of two processes only one succeeds.
    """
    if expected is None:
        return insert_ignoring_conflicts(
            session,
            NudgeDelivery.__table__,
            dict(
                team_id=team_id,
                user_id=user_id,
                day=day,
                status=status,
                attempts=1,
                claimed_at=now,
                relation_ids=relation_ids or [],
            ),
        )
    result = session.execute(
        update(NudgeDelivery)
        .where(
            NudgeDelivery.team_id == team_id,
            NudgeDelivery.user_id == user_id,
            NudgeDelivery.day == day,
            NudgeDelivery.status == expected.status,
            NudgeDelivery.attempts == expected.attempts,
        )
        .values(
            status=status,
            attempts=NudgeDelivery.attempts + 1,
            claimed_at=now,
            error=None,
            relation_ids=relation_ids or [],
        )
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def _this_claim(team_id: str, user_id: str, day: date):
    return and_(
        NudgeDelivery.team_id == team_id,
        NudgeDelivery.user_id == user_id,
        NudgeDelivery.day == day,
        NudgeDelivery.status == "claimed",
    )


def mark_sent(
    session: Session,
    team_id: str,
    user_id: str,
    day: date,
    now: datetime,
    *,
    channel_id: str,
    message_ts: str,
    relation_ids: list[int],
) -> None:
    session.execute(
        update(NudgeDelivery)
        .where(_this_claim(team_id, user_id, day))
        .values(
            status="sent",
            sent_at=now,
            channel_id=channel_id,
            message_ts=message_ts,
            relation_ids=relation_ids,
            error=None,
        )
        .execution_options(synchronize_session=False)
    )


def mark_failed(session: Session, team_id: str, user_id: str, day: date, error: str) -> None:
    session.execute(
        update(NudgeDelivery)
        .where(_this_claim(team_id, user_id, day))
        .values(status="failed", error=error[:500])
        .execution_options(synchronize_session=False)
    )


def delivery_for_message(session: Session, team_id: str, channel_id: str, message_ts: str) -> NudgeDelivery | None:
    """The nudge posted as this message (for clicks and reactions on it)."""
    return session.scalars(
        select(NudgeDelivery).where(
            NudgeDelivery.team_id == team_id,
            NudgeDelivery.channel_id == channel_id,
            NudgeDelivery.message_ts == message_ts,
        )
    ).first()


def latest_deliveries_listing(
    session: Session, team_id: str, relation_ids: Iterable[int], since: date
) -> list[NudgeDelivery]:
    """Sent nudges since `since` that list any of these relations: to update them when something changes."""
    wanted = set(relation_ids)
    rows = session.scalars(
        select(NudgeDelivery).where(
            NudgeDelivery.team_id == team_id,
            NudgeDelivery.day >= since,
            NudgeDelivery.status == "sent",
            NudgeDelivery.message_ts.is_not(None),
        )
    )
    return [row for row in rows if wanted.intersection(row.relation_ids or [])]


def relation_owner_ids(session: Session, team_id: str) -> set[str]:
    """Everyone who owns a relation in the workspace (an index-only scan of ix_relations_team_owner)."""
    return set(session.scalars(select(Relation.owner_id).where(Relation.team_id == team_id).distinct()))
