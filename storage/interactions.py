"""Interactions: reading them back. (Writes: storage.history.)"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import InteractionColleague, Theme, interaction_themes


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
