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
    relation_theme_names = _relation_theme_names(session, team_id)
    interaction_theme_names = _interaction_theme_names(session, team_id)
    colleagues = _colleagues(session, team_id)
    relations = [
        _relation_record(row, relation_theme_names.get(row.id, []))
        for row in session.execute(select(*_RELATION_COLUMNS).where(Relation.team_id == team_id).order_by(Relation.id))
    ]
    interactions = [
        _interaction_record(
            row, colleagues.get(row.id, []), interaction_theme_names.get(row.id, []), with_private=with_private
        )
        for row in session.execute(
            select(*_INTERACTION_COLUMNS)
            .where(Interaction.team_id == team_id)
            .order_by(Interaction.occurred_on, Interaction.id)
        )
    ]
    return {"team_id": team_id, "relations": relations, "interactions": interactions}


def _relation_theme_names(session: Session, team_id: str) -> dict[int, list[str]]:
    names = defaultdict(list)
    for relation_id, theme in session.execute(
        select(relation_themes.c.relation_id, Theme.name)
        .join(Theme, Theme.id == relation_themes.c.theme_id)
        .where(Theme.team_id == team_id)
        .order_by(Theme.name)
    ):
        names[relation_id].append(theme)
    return names


def _interaction_theme_names(session: Session, team_id: str) -> dict[int, list[str]]:
    names = defaultdict(list)
    for interaction_id, theme in session.execute(
        select(interaction_themes.c.interaction_id, Theme.name)
        .join(Theme, Theme.id == interaction_themes.c.theme_id)
        .where(Theme.team_id == team_id)
        .order_by(Theme.name)
    ):
        names[interaction_id].append(theme)
    return names


def _colleagues(session: Session, team_id: str) -> dict[int, list[str]]:
    """Each interaction's colleagues, in the order they were named."""
    colleagues = defaultdict(list)
    for interaction_id, user_id in session.execute(
        select(InteractionColleague.interaction_id, InteractionColleague.user_id)
        .join(Interaction, Interaction.id == InteractionColleague.interaction_id)
        .where(Interaction.team_id == team_id)
        .order_by(InteractionColleague.interaction_id, InteractionColleague.position)
    ):
        colleagues[interaction_id].append(user_id)
    return colleagues


_RELATION_COLUMNS = (
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


def _relation_record(row, themes: list[str]) -> dict:
    return {
        "id": row.id,
        "name": row.name,
        "organisation": row.organisation,
        "email": row.email,
        "owner": row.owner_id,
        "tier": row.tier,
        "cadence_days": row.cadence_days,
        "themes": themes,
        "last_contact": _iso(row.last_contact_on),
        "snoozed_until": _iso(row.snoozed_until),
        "archived": bool(row.archived),
        "notes": row.notes or "",
    }


_INTERACTION_COLUMNS = (
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


def _interaction_record(row, colleagues: list[str], themes: list[str], *, with_private: bool) -> dict:
    shown = with_private or not row.private  # a private interaction's words are its author's alone
    return {
        "id": row.id,
        "relation": row.relation_id,
        "occurred_on": row.occurred_on.isoformat(),
        "logged_by": row.logged_by,
        "colleagues": colleagues,
        "themes": themes,
        "notes": (row.notes or "") if shown else "",
        "kind": row.kind,
        "gave": row.gave if shown else None,
        "got": row.got if shown else None,
        "private": bool(row.private),
    }
