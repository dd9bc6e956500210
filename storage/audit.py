"""Changes of a relation's own settings (owner, tier, snooze, archive, themes), each with its audit row: what
was done, by whom, when — never personal data. Called by bot.services.relations only, after its checks."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy.orm import Session

from storage.models import AuditEntry, Relation
from storage.relations import ThemeRef, link_themes, theme_refs


def audit(session: Session, relation: Relation, *, actor: str, action: str, at: datetime, **detail) -> None:
    session.add(
        AuditEntry(
            team_id=relation.team_id,
            actor=actor,
            action=action,
            at=at,
            detail={"relation_id": relation.id, **detail},
        )
    )


def change_relation(
    session: Session, relation: Relation, columns: dict, *, actor: str, action: str, at: datetime, **detail
) -> None:
    """Set these columns of the relation and record the change."""
    for column, value in columns.items():
        setattr(relation, column, value)
    audit(session, relation, actor=actor, action=action, at=at, **detail)
    session.flush()


def add_themes(
    session: Session, relation: Relation, names: Iterable[str], *, actor: str, at: datetime
) -> list[ThemeRef]:
    """Attach these themes (created when new) and record it; the themes the relation did not have yet."""
    had = {theme.id for theme in relation.themes}
    added = [ref for ref in theme_refs(session, relation.team_id, names) if ref.id not in had]
    if added:
        link_themes(session, relation.id, added)
        audit(session, relation, actor=actor, action="relation.themes", at=at, themes=[ref.name for ref in added])
        session.flush()
    return added


SYSTEM = "goodwill"  # the actor of what Goodwill does by itself (a clock job, an event from Slack)


def record(session: Session, team_id: str, *, actor: str, action: str, at: datetime, **detail) -> None:
    """An audit row about something other than one relation (a member's leaving date, a hand-over round)."""
    session.add(AuditEntry(team_id=team_id, actor=actor, action=action, at=at, detail=detail))
