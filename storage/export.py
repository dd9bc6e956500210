"""The whole network of a workspace as plain data: the user's data-portability promise."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import (
    Interaction,
    InteractionColleague,
    Relation,
    Theme,
    interaction_themes,
    relation_themes,
)


def _iso(day) -> str | None:
    return day.isoformat() if day is not None else None


def export_network(session: Session, team_id: str, *, with_private: bool = True) -> dict:
    """Every relation and interaction of the workspace, in the documented export shape.

    Private interactions are included with their notes, gives and takes (the export is the workspace's data,
    for whoever runs Goodwill); `with_private=False` withholds those three as Slack withholds them from
    everyone but the author: the interaction itself (day, who, kind) stays, marked private.
    A fixed number of queries whatever the size: rows and their themes/colleagues are joined in Python.
    """
    relation_theme_names = defaultdict(list)
    for relation_id, theme in session.execute(
        select(relation_themes.c.relation_id, Theme.name)
        .join(Theme, Theme.id == relation_themes.c.theme_id)
        .where(Theme.team_id == team_id)
        .order_by(Theme.name)
    ):
        relation_theme_names[relation_id].append(theme)

    interaction_theme_names = defaultdict(list)
    for interaction_id, theme in session.execute(
        select(interaction_themes.c.interaction_id, Theme.name)
        .join(Theme, Theme.id == interaction_themes.c.theme_id)
        .where(Theme.team_id == team_id)
        .order_by(Theme.name)
    ):
        interaction_theme_names[interaction_id].append(theme)

    colleagues = defaultdict(list)
    for interaction_id, user_id in session.execute(
        select(InteractionColleague.interaction_id, InteractionColleague.user_id)
        .join(Interaction, Interaction.id == InteractionColleague.interaction_id)
        .where(Interaction.team_id == team_id)
        .order_by(InteractionColleague.interaction_id, InteractionColleague.position)
    ):
        colleagues[interaction_id].append(user_id)

    relation_columns = (
        Relation.id,
        Relation.name,
        Relation.organisation,
        Relation.email,
        Relation.owner_id,
        Relation.tier,
        Relation.cadence_days,
        Relation.last_contact_on,
        Relation.snoozed_until,
        Relation.archived,
        Relation.notes,
    )
    relations = [
        {
            "id": row.id,
            "name": row.name,
            "organisation": row.organisation,
            "email": row.email,
            "owner": row.owner_id,
            "tier": row.tier,
            "cadence_days": row.cadence_days,
            "themes": relation_theme_names.get(row.id, []),
            "last_contact": _iso(row.last_contact_on),
            "snoozed_until": _iso(row.snoozed_until),
            "archived": bool(row.archived),
            "notes": row.notes or "",
        }
        for row in session.execute(select(*relation_columns).where(Relation.team_id == team_id).order_by(Relation.id))
    ]
    interaction_columns = (
        Interaction.id,
        Interaction.relation_id,
        Interaction.occurred_on,
        Interaction.logged_by,
        Interaction.kind,
        Interaction.notes,
        Interaction.gave,
        Interaction.got,
        Interaction.private,
    )

    def interaction(row) -> dict:
        shown = with_private or not row.private  # a private interaction's words are its author's alone
        return {
            "id": row.id,
            "relation": row.relation_id,
            "occurred_on": row.occurred_on.isoformat(),
            "logged_by": row.logged_by,
            "colleagues": colleagues.get(row.id, []),
            "themes": interaction_theme_names.get(row.id, []),
            "notes": (row.notes or "") if shown else "",
            "kind": row.kind,
            "gave": row.gave if shown else None,
            "got": row.got if shown else None,
            "private": bool(row.private),
        }

    interactions = [
        interaction(row)
        for row in session.execute(
            select(*interaction_columns)
            .where(Interaction.team_id == team_id)
            .order_by(Interaction.occurred_on, Interaction.id)
        )
    ]
    return {"team_id": team_id, "relations": relations, "interactions": interactions}
