"""Workspaces and their settings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, exists, func, literal, select, update
from sqlalchemy.orm import Session

from storage.models import Base, Member, Relation, Workspace, slack_bots, slack_installations
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


# --- installed, uninstalled, deleted ------------------------------------------------------------------
def mark_installed(
    session: Session,
    team_id: str,
    *,
    name: str,
    enterprise_id: str | None,
    bot_user_id: str | None,
    at: datetime,
) -> None:
    """The workspace installed Goodwill (again): created when new; an uninstall is forgotten, so its data stays."""
    insert_ignoring_conflicts(session, Workspace.__table__, {"team_id": team_id, "name": name})
    values: dict = {"enterprise_id": enterprise_id, "installed_at": at, "uninstalled_at": None}
    if name:
        values["name"] = name
    if bot_user_id:
        values["bot_user_id"] = bot_user_id
    session.execute(update(Workspace).where(Workspace.team_id == team_id).values(**values))


def mark_reinstalled(session: Session, team_id: str, at: datetime) -> None:
    """A known workspace's token works again (single-workspace mode, at start): no longer uninstalled."""
    session.execute(
        update(Workspace)
        .where(Workspace.team_id == team_id)
        .values(uninstalled_at=None, installed_at=func.coalesce(Workspace.installed_at, at))
    )


def mark_uninstalled(session: Session, team_id: str, at: datetime) -> bool:
    """Slack said the app is gone from the workspace; True the first time (app_uninstalled and tokens_revoked
    both say it, in either order: the first one's moment is kept)."""
    result = session.execute(
        update(Workspace)
        .where(Workspace.team_id == team_id, Workspace.uninstalled_at.is_(None))
        .values(uninstalled_at=at)
        .returning(Workspace.team_id)
    )
    return result.first() is not None


def installed_team_ids(session: Session) -> list[str]:
    """The workspaces Goodwill may send to: every one not uninstalled."""
    query = select(Workspace.team_id).where(Workspace.uninstalled_at.is_(None)).order_by(Workspace.team_id)
    return list(session.scalars(query))


def is_installed(session: Session, team_id: str) -> bool:
    return session.scalar(select(Workspace.uninstalled_at.is_(None)).where(Workspace.team_id == team_id)) is not False


def uninstalled_before(session: Session, moment: datetime) -> list[str]:
    """Workspaces uninstalled before `moment` and not installed since: their retention period is over."""
    query = select(Workspace.team_id).where(Workspace.uninstalled_at < moment).order_by(Workspace.team_id)
    return list(session.scalars(query))


def delete_if_still_uninstalled(session: Session, team_id: str, uninstalled_before: datetime) -> dict[str, int] | None:
    """Everything stored about the workspace, the workspace row last, if it is still uninstalled since before
    `uninstalled_before` (its row is locked first, so a reinstall at that very moment wins or waits); None when
    it is not. Returns the rows deleted per table.

    Every table with a team_id column is cleared of the workspace's rows, children before parents; tables
    without one (themes of a relation, colleagues of an interaction, invitations …) go with their parent
    through ON DELETE CASCADE. The installation store's rows are not touched: they went at the uninstall, and
    a reinstall's are new. tests/bot/test_workspaces.py checks that nothing else is left anywhere."""
    locked = session.scalar(
        select(Workspace.team_id)
        .where(Workspace.team_id == team_id, Workspace.uninstalled_at < uninstalled_before)
        .with_for_update()
    )
    if locked is None:
        return None
    deleted: dict[str, int] = {}
    for table in reversed(Base.metadata.sorted_tables):
        if "team_id" in table.c and table not in (slack_bots, slack_installations):
            count = session.execute(delete(table).where(table.c.team_id == team_id)).rowcount
            if count:
                deleted[table.name] = count
    return deleted


@dataclass(frozen=True)
class WorkspaceSummary:
    team_id: str
    name: str
    installed_at: datetime | None
    uninstalled_at: datetime | None
    members: int
    relations: int
    has_token: bool


def workspace_summaries(session: Session, client_id: str | None) -> list[WorkspaceSummary]:
    """Every workspace with its counts of members (not bots, not left) and relations (not archived): one query."""
    members = (
        select(func.count())
        .where(Member.team_id == Workspace.team_id, Member.deleted.is_(False), Member.is_bot.is_(False))
        .scalar_subquery()
    )
    relations = (
        select(func.count())
        .where(Relation.team_id == Workspace.team_id, Relation.archived.is_(False))
        .scalar_subquery()
    )
    has_token = (
        exists().where(slack_bots.c.team_id == Workspace.team_id, slack_bots.c.client_id == client_id)
        if client_id
        else literal(False)
    )
    rows = session.execute(
        select(
            Workspace.team_id,
            Workspace.name,
            Workspace.installed_at,
            Workspace.uninstalled_at,
            members,
            relations,
            has_token,
        ).order_by(Workspace.team_id)
    )
    return [WorkspaceSummary(*row) for row in rows]
