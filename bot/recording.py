"""Recording a meeting: match or create the relations, store one interaction each."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import Session

from bot.domain.tiers import default_cadence
from storage.interactions import add_interaction
from storage.models import Relation
from storage.relations import create_relation, relations_named, themes_named
from storage.workspaces import ensure_workspace


@dataclass(frozen=True)
class Person:
    name: str
    organisation: str | None = None
    relation_id: int | None = None  # when the user already picked an existing relation


@dataclass
class Recorded:
    """What was stored, for the confirmation and for Undo."""

    interaction_ids: list[int] = field(default_factory=list)
    relation_ids: list[int] = field(default_factory=list)
    created_relation_ids: list[int] = field(default_factory=list)


def record_meeting(
    session: Session,
    *,
    team_id: str,
    logged_by: str,
    people: Sequence[Person],
    occurred_on: date,
    today: date,
    colleagues: Sequence[str] = (),
    themes: Sequence[str] = (),
    notes: str = "",
    tier: str | None = None,
    gave: str | None = None,
    got: str | None = None,
    kind: str | None = None,
    private: bool = False,
) -> Recorded:
    ensure_workspace(session, team_id)
    theme_rows = themes_named(session, team_id, themes)
    recorded = Recorded()
    for person in people:
        relation = None
        if person.relation_id is not None:
            relation = session.get(Relation, person.relation_id)
            if relation is not None and relation.team_id != team_id:
                relation = None
        if relation is None:
            matches = relations_named(session, team_id, person.name)
            relation = matches[0] if matches else None
        if relation is None:
            relation = create_relation(
                session,
                team_id=team_id,
                name=person.name,
                organisation=person.organisation,
                owner_id=logged_by,
                created_on=today,
                tier=tier or "regular",
            )
            recorded.created_relation_ids.append(relation.id)
        else:
            if person.organisation and not relation.organisation:
                relation.organisation = person.organisation
            if tier and tier != relation.tier:
                relation.tier = tier
                relation.cadence_days = default_cadence(tier)
        for theme in theme_rows:
            if theme not in relation.themes:
                relation.themes.append(theme)
        interaction = add_interaction(
            session,
            team_id=team_id,
            relation_id=relation.id,
            occurred_on=occurred_on,
            logged_by=logged_by,
            colleagues=colleagues,
            themes=theme_rows,
            notes=notes,
            gave=gave,
            got=got,
            kind=kind,
            private=private,
        )
        recorded.interaction_ids.append(interaction.id)
        recorded.relation_ids.append(relation.id)
    return recorded
