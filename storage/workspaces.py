"""Workspaces and their settings."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import Workspace
from storage.upsert import insert_ignoring_conflicts


def ensure_workspace(session: Session, team_id: str, *, name: str = "", bot_user_id: str | None = None) -> Workspace:
    """The workspace row, created on first contact (INSERT … ON CONFLICT DO NOTHING: members who write first at
    the same moment all succeed)."""
    workspace = session.get(Workspace, team_id)
    if workspace is None:
        insert_ignoring_conflicts(
            session, Workspace.__table__, {"team_id": team_id, "name": name, "bot_user_id": bot_user_id}
        )
        workspace = session.get(Workspace, team_id)
    if bot_user_id and workspace.bot_user_id != bot_user_id:
        workspace.bot_user_id = bot_user_id
    return workspace


def team_ids(session: Session) -> list[str]:
    return list(session.scalars(select(Workspace.team_id).order_by(Workspace.team_id)))
