"""Interactions: recording, removing, and reading them back."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import Interaction, InteractionColleague, Relation, Theme, interaction_themes
from storage.relations import is_latest, note_latest_contact, refresh_last_contact


def add_interaction(
    session: Session,
    *,
    team_id: str,
    relation_id: int,
    occurred_on: date,
    logged_by: str,
    colleagues: Sequence[str] = (),
    themes: Sequence[Theme] = (),
    notes: str = "",
    gave: str | None = None,
    got: str | None = None,
    kind: str | None = None,
    private: bool = False,
    event_id: int | None = None,
    refresh: bool = True,
    relation: Relation | None = None,
) -> Interaction:
    """Store an interaction and keep its relation's last-contact columns true.

    Pass the loaded `relation` when you have it: a meeting newer than its last contact (the usual case)
    then updates those columns directly instead of recomputing them from the history.
    """
    interaction = Interaction(
        team_id=team_id,
        relation_id=relation_id,
        occurred_on=occurred_on,
        logged_by=logged_by,
        notes=notes,
        gave=gave or None,
        got=got or None,
        kind=kind,
        private=private,
        event_id=event_id,
    )
    present = [user for user in dict.fromkeys(colleagues) if user != logged_by]
    interaction.colleagues = [InteractionColleague(user_id=user, position=i) for i, user in enumerate(present)]
    interaction.themes = list(themes)
    session.add(interaction)
    session.flush()
    if refresh:
        if relation is not None and relation.id == relation_id and is_latest(relation, occurred_on):
            note_latest_contact(session, relation, interaction)
        else:
            refresh_last_contact(session, [relation_id])
    return interaction


def get_interaction(session: Session, team_id: str, interaction_id: int) -> Interaction | None:
    interaction = session.get(Interaction, interaction_id)
    return interaction if interaction is not None and interaction.team_id == team_id else None


def people_and_themes(
    session: Session, interaction_ids: list[int]
) -> tuple[dict[int, list[str]], dict[int, list[str]]]:
    """Colleagues present (in order) and theme names of these interactions: two queries, whatever the count."""
    colleagues: dict[int, list[str]] = defaultdict(list)
    themes: dict[int, list[str]] = defaultdict(list)
    if not interaction_ids:
        return colleagues, themes
    for interaction_id, user_id in session.execute(
        select(InteractionColleague.interaction_id, InteractionColleague.user_id)
        .where(InteractionColleague.interaction_id.in_(interaction_ids))
        .order_by(InteractionColleague.interaction_id, InteractionColleague.position)
    ):
        colleagues[interaction_id].append(user_id)
    for interaction_id, name in session.execute(
        select(interaction_themes.c.interaction_id, Theme.name)
        .join(Theme, Theme.id == interaction_themes.c.theme_id)
        .where(interaction_themes.c.interaction_id.in_(interaction_ids))
        .order_by(Theme.name)
    ):
        themes[interaction_id].append(name)
    return colleagues, themes
