"""The strategy: the workspace's purpose, its goals, and which themes hang under which goal."""

from __future__ import annotations

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from bot.domain.strategy import GoalThemes, Strategy
from storage.models import Goal, Theme, Workspace
from storage.relations import themes_named
from storage.workspaces import ensure_workspace

# Built once: every Home tab drawn reads the goals.
_GOALS = select(Goal).where(Goal.team_id == bindparam("team_id")).order_by(Goal.position, Goal.id)


def get_strategy(session: Session, team_id: str) -> Strategy:
    """Purpose and goals (in their order), each with its themes by name; two queries."""
    workspace = session.get(Workspace, team_id)
    goals = list(session.scalars(_GOALS, {"team_id": team_id}))
    themes: dict[int, list[str]] = {}
    if goals:
        rows = session.execute(
            select(Theme.goal_id, Theme.name)
            .where(Theme.team_id == team_id, Theme.goal_id.in_([goal.id for goal in goals]))
            .order_by(Theme.name)
        )
        for goal_id, name in rows:
            themes.setdefault(goal_id, []).append(name)
    return Strategy(
        purpose=(workspace.purpose or "") if workspace else "",
        goals=tuple(GoalThemes(goal.name, tuple(themes.get(goal.id, ())), goal.id) for goal in goals),
    )


def save_strategy(session: Session, team_id: str, strategy: Strategy) -> None:
    """Store purpose and goals; goals keep their id when their name stays (events refer to them)."""
    workspace = ensure_workspace(session, team_id)
    workspace.purpose = strategy.purpose or None
    existing = {goal.name.casefold(): goal for goal in session.scalars(select(Goal).where(Goal.team_id == team_id))}
    kept: list[Goal] = []
    for position, wanted in enumerate(strategy.goals):
        goal = existing.pop(wanted.name.casefold(), None) or Goal(team_id=team_id)
        goal.name, goal.position = wanted.name, position
        session.add(goal)
        kept.append(goal)
    for gone in existing.values():
        session.delete(gone)
    session.flush()
    session.execute(update(Theme).where(Theme.team_id == team_id, Theme.goal_id.is_not(None)).values(goal_id=None))
    for goal, wanted in zip(kept, strategy.goals, strict=True):
        for theme in themes_named(session, team_id, wanted.themes):
            theme.goal_id = goal.id
    session.flush()
