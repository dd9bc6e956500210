"""Network events, their invitations and the DMs about them: one function per question, by workspace."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from functools import lru_cache

from sqlalchemy import bindparam, delete, false, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.domain.gatherings import Candidate, GatheringSummary
from storage import history
from storage.models import (
    Gathering,
    GatheringMessage,
    Goal,
    Interaction,
    Invitation,
    Relation,
    Theme,
    network_event_organisers,
    network_event_themes,
    relation_themes,
)


# --- choosing whom to invite ---------------------------------------------------------------------------
def goals(session: Session, team_id: str) -> list[Goal]:
    return list(session.scalars(select(Goal).where(Goal.team_id == team_id).order_by(Goal.position, Goal.id)))


def themes_by_name(session: Session, team_id: str) -> list[Theme]:
    return list(session.scalars(select(Theme).where(Theme.team_id == team_id).order_by(Theme.name)))


def gathering_theme_ids(session: Session, team_id: str, theme_ids: Iterable[int], goal_id: int | None) -> list[int]:
    """The chosen themes (the workspace's own only) together with the chosen goal's themes."""
    ids = {int(i) for i in theme_ids}
    query = select(Theme.id).where(Theme.team_id == team_id)
    if goal_id is not None:
        query = query.where((Theme.id.in_(ids)) | (Theme.goal_id == goal_id))
    else:
        query = query.where(Theme.id.in_(ids))
    return sorted(session.scalars(query)) if ids or goal_id is not None else []


def invitation_candidates(session: Session, team_id: str, theme_ids: Sequence[int]) -> list[Candidate]:
    """Active relations on any of these themes, each once, with what the proposal order needs; one query."""
    if not theme_ids:
        return []
    on_theme = select(relation_themes.c.relation_id).where(relation_themes.c.theme_id.in_(list(theme_ids)))
    rows = session.execute(
        select(
            Relation.id,
            Relation.name,
            Relation.organisation,
            Relation.owner_id,
            Relation.tier,
            Relation.cadence_days,
            Relation.created_on,
            Relation.last_contact_on,
            Relation.snoozed_until,
        ).where(Relation.team_id == team_id, Relation.archived == false(), Relation.id.in_(on_theme))
    )
    return [Candidate(*row) for row in rows]


# --- creating, moving, cancelling ----------------------------------------------------------------------
def create_gathering(
    session: Session,
    *,
    team_id: str,
    created_by: str,
    name: str,
    starts_at: datetime,
    timezone: str,
    place: str,
    goal_id: int | None,
    theme_ids: Sequence[int],
    organisers: Sequence[str],
    relation_ids: Sequence[int],
    now: datetime,
) -> Gathering:
    """The event, its themes and organisers, and a 'proposed' invitation per chosen relation of this workspace
    (owned by the relation's owner; archived or foreign relations are skipped)."""
    if (
        goal_id is not None
        and session.scalar(select(Goal.id).where(Goal.id == goal_id, Goal.team_id == team_id)) is None
    ):
        goal_id = None
    event = Gathering(
        team_id=team_id,
        name=name,
        starts_at=starts_at.astimezone(UTC),
        timezone=timezone,
        place=place,
        goal_id=goal_id,
        created_by=created_by,
        cancelled=False,
    )
    session.add(event)
    session.flush()
    own_themes = list(session.scalars(select(Theme.id).where(Theme.team_id == team_id, Theme.id.in_(list(theme_ids)))))
    if own_themes:
        session.execute(insert(network_event_themes), [{"event_id": event.id, "theme_id": t} for t in own_themes])
    people = list(dict.fromkeys([created_by, *organisers]))
    session.execute(insert(network_event_organisers), [{"event_id": event.id, "user_id": u} for u in people])
    owners = session.execute(
        select(Relation.id, Relation.owner_id).where(
            Relation.team_id == team_id, Relation.archived == false(), Relation.id.in_(list(relation_ids))
        )
    ).all()
    for relation_id, owner_id in owners:
        session.add(
            Invitation(
                event_id=event.id,
                relation_id=relation_id,
                owner_id=owner_id,
                status="proposed",
                updated_at=now,
            )
        )
    session.flush()
    return event


def get_gathering(session: Session, team_id: str, event_id: int) -> Gathering | None:
    event = session.get(Gathering, event_id)
    return event if event is not None and event.team_id == team_id else None


def organisers_of(session: Session, event_id: int) -> list[str]:
    return list(
        session.scalars(
            select(network_event_organisers.c.user_id)
            .where(network_event_organisers.c.event_id == event_id)
            .order_by(network_event_organisers.c.user_id)
        )
    )


def gathering_themes(session: Session, event_id: int) -> list[Theme]:
    return list(
        session.scalars(
            select(Theme)
            .join(network_event_themes, network_event_themes.c.theme_id == Theme.id)
            .where(network_event_themes.c.event_id == event_id)
            .order_by(Theme.name)
        )
    )


def move_gathering(session: Session, event: Gathering, starts_at: datetime) -> datetime:
    """Give the event a new start; the earlier start is returned (to tell people what changed)."""
    before = aware(event.starts_at)
    event.starts_at = starts_at.astimezone(UTC)  # stored as UTC: SQLite would drop any other offset
    event.followup_sent_at = None
    session.flush()
    return before


def cancel_gathering(session: Session, event: Gathering) -> bool:
    """Cancel once: False when it already was (a double click tells nobody twice)."""
    done = session.execute(
        update(Gathering).where(Gathering.id == event.id, Gathering.cancelled == false()).values(cancelled=True)
    ).rowcount
    session.refresh(event)
    return done == 1


# --- invitations ---------------------------------------------------------------------------------------
def invitations(
    session: Session, event_id: int, *, owner_id: str | None = None, statuses: Sequence[str] | None = None
) -> list[tuple[Invitation, Relation]]:
    """The event's invitations with their relations, by relation name."""
    query = (
        select(Invitation, Relation)
        .join(Relation, Relation.id == Invitation.relation_id)
        .where(Invitation.event_id == event_id)
        .order_by(Relation.name_key, Relation.id)
    )
    if owner_id is not None:
        query = query.where(Invitation.owner_id == owner_id)
    if statuses is not None:
        query = query.where(Invitation.status.in_(list(statuses)))
    return [(invitation, relation) for invitation, relation in session.execute(query)]


def owners_with(session: Session, event_id: int, statuses: Sequence[str]) -> list[str]:
    """Owners who have an invitation in one of these statuses (e.g. who has people to tell about a move)."""
    return list(
        session.scalars(
            select(Invitation.owner_id)
            .where(Invitation.event_id == event_id, Invitation.status.in_(list(statuses)))
            .distinct()
            .order_by(Invitation.owner_id)
        )
    )


def owner_invitation(session: Session, team_id: str, invitation_id: int) -> tuple[Invitation, Gathering] | None:
    row = session.execute(
        select(Invitation, Gathering)
        .join(Gathering, Gathering.id == Invitation.event_id)
        .where(Invitation.id == invitation_id, Gathering.team_id == team_id)
    ).first()
    return (row[0], row[1]) if row else None


def set_status(session: Session, invitation: Invitation, status: str, now: datetime) -> None:
    invitation.status = status
    invitation.updated_at = now
    session.flush()


# --- the DMs about an event ----------------------------------------------------------------------------
def claim_message(session: Session, event_id: int, user_id: str, kind: str) -> bool:
    """Claim the one DM of this kind for this person about this event; False when it was claimed before."""
    try:
        with session.begin_nested():
            session.add(GatheringMessage(event_id=event_id, user_id=user_id, kind=kind))
        return True
    except IntegrityError:
        return False


def record_message(
    session: Session, event_id: int, user_id: str, kind: str, *, channel_id: str, ts: str, now: datetime
) -> None:
    session.execute(
        update(GatheringMessage)
        .where(
            GatheringMessage.event_id == event_id,
            GatheringMessage.user_id == user_id,
            GatheringMessage.kind == kind,
        )
        .values(channel_id=channel_id, message_ts=ts, sent_at=now)
    )


def release_message(session: Session, event_id: int, user_id: str, kind: str) -> None:
    """Give a claim back after the DM could not be sent, so a later attempt may send it."""
    session.execute(
        delete(GatheringMessage).where(
            GatheringMessage.event_id == event_id,
            GatheringMessage.user_id == user_id,
            GatheringMessage.kind == kind,
        )
    )


def messages(session: Session, event_id: int, kind: str) -> list[GatheringMessage]:
    """The sent DMs of this kind about the event (those with a place to update)."""
    return list(
        session.scalars(
            select(GatheringMessage)
            .where(
                GatheringMessage.event_id == event_id,
                GatheringMessage.kind == kind,
                GatheringMessage.message_ts.is_not(None),
            )
            .order_by(GatheringMessage.user_id)
        )
    )


# --- the follow-up -------------------------------------------------------------------------------------
def followup_candidates(session: Session, *, started_after: datetime, now: datetime) -> list[Gathering]:
    """Events (all workspaces) that have started, not been cancelled, and not had their follow-up yet."""
    return list(
        session.scalars(
            select(Gathering)
            .where(
                Gathering.followup_sent_at.is_(None),
                Gathering.cancelled == false(),
                Gathering.starts_at >= started_after,
                Gathering.starts_at <= now,
            )
            .order_by(Gathering.starts_at, Gathering.id)
        )
    )


def claim_followup(session: Session, event_id: int, now: datetime) -> bool:
    """Compare-and-set on followup_sent_at: exactly one clock run sends an event's follow-up."""
    claimed = session.execute(
        update(Gathering)
        .where(Gathering.id == event_id, Gathering.followup_sent_at.is_(None))
        .values(followup_sent_at=now)
    ).rowcount
    return claimed == 1


def mark_attendance(
    session: Session,
    event: Gathering,
    *,
    attended: dict[int, bool],
    logged_by: str,
    organisers: Sequence[str],
    occurred_on,
    now: datetime,
) -> list[int]:
    """Set attended / not attended for these invitation ids of the event. An attendance is an interaction
    (kind "event", this event, the organisers as colleagues, the event's themes); taking it back removes it.
    Returns the relation ids whose attendance changed."""
    if not attended:
        return []
    rows = {
        inv.id: inv
        for inv in session.scalars(
            select(Invitation).where(Invitation.event_id == event.id, Invitation.id.in_(list(attended)))
        )
    }
    existing = _attending_relations(session, event.id, [inv.relation_id for inv in rows.values()])
    themes = gathering_themes(session, event.id)
    changed: list[int] = []
    with history.unit_of_work(session):  # what is kept from the history: recomputed once, at the end
        for invitation_id, present in attended.items():
            invitation = rows.get(invitation_id)
            if invitation is None or invitation.status not in ("accepted", "invited", "attended"):
                continue
            if present and invitation.relation_id not in existing:
                _add_attendance(
                    session,
                    event,
                    invitation.relation_id,
                    logged_by=logged_by,
                    organisers=organisers,
                    occurred_on=occurred_on,
                    themes=themes,
                )
                changed.append(invitation.relation_id)
            elif not present and invitation.relation_id in existing:
                _remove_attendance(session, event, invitation.relation_id)
                changed.append(invitation.relation_id)
            if present and invitation.status != "attended":
                set_status(session, invitation, "attended", now)
            elif not present and invitation.status == "attended":
                set_status(session, invitation, "accepted", now)
    return changed


def _attending_relations(session: Session, event_id: int, relation_ids: list[int]) -> set[int]:
    """Which of these relations already have the event's attendance interaction."""
    return set(
        session.scalars(
            select(Interaction.relation_id).where(
                Interaction.event_id == event_id,
                Interaction.kind == "event",
                Interaction.relation_id.in_(relation_ids),
            )
        )
    )


def _add_attendance(
    session: Session,
    event: Gathering,
    relation_id: int,
    *,
    logged_by: str,
    organisers: Sequence[str],
    occurred_on,
    themes: list[Theme],
) -> None:
    """The attendance interaction: kind "event", this event, the organisers as colleagues, the event's themes."""
    history.add_interaction(
        session,
        team_id=event.team_id,
        relation_id=relation_id,
        occurred_on=occurred_on,
        logged_by=logged_by,
        colleagues=organisers,
        themes=themes,
        notes=event.name,
        kind="event",
        event_id=event.id,
    )


def _remove_attendance(session: Session, event: Gathering, relation_id: int) -> None:
    history.delete_interactions(
        session,
        event.team_id,
        (Interaction.event_id == event.id) & (Interaction.kind == "event") & (Interaction.relation_id == relation_id),
    )


# --- lists and figures ---------------------------------------------------------------------------------
@lru_cache(maxsize=4)
def _gatherings_statement(by_organiser: bool, include_cancelled: bool):
    """gathering_summaries' first query, built once for each combination of filters (every Home tab drawn runs
    it, and building it cost more than running it)."""
    query = select(Gathering).where(
        Gathering.team_id == bindparam("team_id"),
        Gathering.starts_at >= bindparam("starts_from"),
        Gathering.starts_at < bindparam("starts_before"),
    )
    if by_organiser:
        organised = network_event_organisers.c.user_id == bindparam("organiser")
        query = query.where(Gathering.id.in_(select(network_event_organisers.c.event_id).where(organised)))
    if not include_cancelled:
        query = query.where(Gathering.cancelled == false())
    return query.order_by(Gathering.starts_at, Gathering.id)


def gathering_summaries(
    session: Session,
    team_id: str,
    *,
    starts_from: datetime,
    starts_before: datetime,
    organiser: str | None = None,
    include_cancelled: bool = True,
) -> list[GatheringSummary]:
    """Events starting in [from, before), with organisers and counts by status: three queries in all."""
    statement = _gatherings_statement(organiser is not None, include_cancelled)
    parameters = {"team_id": team_id, "starts_from": starts_from, "starts_before": starts_before}
    events = list(session.scalars(statement, {**parameters, "organiser": organiser}))
    if not events:
        return []
    ids = [event.id for event in events]
    counts: dict[int, dict[str, int]] = {}
    for event_id, status, n in session.execute(
        select(Invitation.event_id, Invitation.status, func.count())
        .where(Invitation.event_id.in_(ids))
        .group_by(Invitation.event_id, Invitation.status)
    ):
        counts.setdefault(event_id, {})[status] = n
    people: dict[int, list[str]] = {}
    for event_id, user_id in session.execute(
        select(network_event_organisers.c.event_id, network_event_organisers.c.user_id)
        .where(network_event_organisers.c.event_id.in_(ids))
        .order_by(network_event_organisers.c.user_id)
    ):
        people.setdefault(event_id, []).append(user_id)
    return [
        GatheringSummary(
            event_id=e.id,
            name=e.name,
            starts_at=aware(e.starts_at),
            place=e.place or "",
            cancelled=e.cancelled,
            organisers=tuple(people.get(e.id, ())),
            counts=counts.get(e.id, {}),
        )
        for e in events
    ]


def aware(moment: datetime) -> datetime:
    """SQLite hands datetimes back naive; we only ever store UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
