"""Interactions: recording, removing, and reading them back."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from storage.models import Interaction, InteractionColleague, Relation, Theme, interaction_themes
from storage.relations import ContactState, ThemeRef, exchange_of, note_contact, refresh_last_contact

# Built once: this is the statement of every /met, and building it costs more than running it.
_INSERT = insert(Interaction.__table__).returning(Interaction.id)
_INSERT_COLLEAGUES = insert(InteractionColleague.__table__)
_INSERT_THEMES = insert(interaction_themes)


def add_interaction(
    session: Session,
    *,
    team_id: str,
    relation_id: int,
    occurred_on: date,
    logged_by: str,
    colleagues: Sequence[str] = (),
    themes: Sequence[Theme | ThemeRef] = (),
    notes: str = "",
    gave: str | None = None,
    got: str | None = None,
    kind: str | None = None,
    private: bool = False,
    event_id: int | None = None,
    refresh: bool = True,
    relation: ContactState | Relation | None = None,
) -> int:
    """Store an interaction (its id is returned) and keep its relation's last-contact columns true.

    Pass the `relation` when you have it: those columns are then updated from their values before instead
    of recomputed from the history. Plain INSERTs, not the
    ORM's unit of work: this is the path of every /met, and the ORM would triple its cost.
    """
    gave, got = gave or None, got or None
    present = [user for user in dict.fromkeys(colleagues) if user != logged_by]
    known = relation if relation is not None and relation.id == relation_id else None
    connection = session.connection()
    interaction_id = connection.execute(
        _INSERT,
        dict(
            team_id=team_id,
            relation_id=relation_id,
            occurred_on=occurred_on,
            logged_by=logged_by,
            notes=notes,
            gave=gave,
            got=got,
            kind=kind,
            private=private,
            event_id=event_id,
            # The kept values (see storage.relations._refresh), stored right away rather than updated after.
            relation_tier=known.tier if known is not None else None,
            exchange=exchange_of(gave, got),
            colleagues_present=len(present),
        ),
    ).scalar_one()
    if present:
        connection.execute(
            _INSERT_COLLEAGUES,
            [{"interaction_id": interaction_id, "user_id": user, "position": i} for i, user in enumerate(present)],
        )
    if themes:
        connection.execute(
            _INSERT_THEMES,
            [{"interaction_id": interaction_id, "theme_id": theme.id, "occurred_on": occurred_on} for theme in themes],
        )
    if refresh:
        if known is not None:
            note_contact(
                session,
                known,
                interaction_id=interaction_id,
                occurred_on=occurred_on,
                logged_by=logged_by,
                present=present,
                exchanged=gave is not None or got is not None,
                kind=kind,
            )
        else:
            refresh_last_contact(session, [relation_id])
    return interaction_id


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
