"""Forgetting a person (GDPR/AVG right to erasure): the relation, its interactions and invitations, and every
mention of the name in other notes — with an audit entry that holds counts and ids, never the
personal data."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from storage.history import delete_relation
from storage.models import (
    AuditEntry,
    Interaction,
    Invitation,
    Relation,
)
from storage.relations import get_relation

ERASED = "[…]"


@dataclass(frozen=True)
class Forgotten:
    relation_id: int
    interactions: int
    invitations: int
    mentions: int  # other notes in which the name was replaced by ERASED


def forget_relation(session: Session, team_id: str, relation_id: int, *, actor: str, at: datetime) -> Forgotten | None:
    relation = get_relation(session, team_id, relation_id)
    if relation is None:
        return None
    name = relation.name
    erased = delete_relation(session, team_id, relation_id)
    interactions, invitations = erased.interactions, erased.invitations
    mentions = _scrub_mentions(session, team_id, name)
    session.add(
        AuditEntry(
            team_id=team_id,
            actor=actor,
            action="relation.forgotten",
            at=at,
            detail={
                "relation_id": relation_id,
                "interactions": interactions,
                "invitations": invitations,
                "mentions_erased": mentions,
            },
        )
    )
    session.flush()
    session.expire_all()
    return Forgotten(relation_id, interactions, invitations, mentions)


def _scrub_mentions(session: Session, team_id: str, name: str) -> int:
    """Replace the full name, in any capitalisation, in the notes of the workspace's other interactions and
    relations (a meeting with two people stores the same notes on both)."""
    pattern = re.compile(r"\s+".join(re.escape(word) for word in name.split()), re.IGNORECASE)
    like = f"%{name.split()[0].lower() if name.split() else name.lower()}%"
    changed = 0
    columns = (Interaction.notes, Interaction.gave, Interaction.got)
    for row in session.scalars(
        select(Interaction).where(Interaction.team_id == team_id, or_(*(func.lower(c).like(like) for c in columns)))
    ):
        changed += _scrub(row, ("notes", "gave", "got"), pattern)
    for row in session.scalars(
        select(Relation).where(Relation.team_id == team_id, func.lower(Relation.notes).like(like))
    ):
        changed += _scrub(row, ("notes",), pattern)
    return changed


def _scrub(row, fields: tuple[str, ...], pattern: re.Pattern) -> int:
    touched = 0
    for field in fields:
        value = getattr(row, field)
        if value and pattern.search(value):
            setattr(row, field, pattern.sub(ERASED, value))
            touched = 1
    return touched


def erasure_counts(session: Session, team_id: str, relation_id: int) -> tuple[int, int]:
    """(interactions, invitations) that forgetting the relation would erase, for the confirmation."""
    interactions = session.scalar(
        select(func.count())
        .select_from(Interaction)
        .where(Interaction.team_id == team_id, Interaction.relation_id == relation_id)
    )
    invitations = session.scalar(
        select(func.count()).select_from(Invitation).where(Invitation.relation_id == relation_id)
    )
    return interactions or 0, invitations or 0
