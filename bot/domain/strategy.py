"""The network strategy: a purpose, goals, and the themes under each goal.

Plain rules (no Slack, no SQL): reading what an admin typed into the strategy modal. The digest groups its
theme figures under the goals itself (bot.domain.digest.group_themes).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

MAX_GOALS = 5
PURPOSE_MAX = 600
GOAL_NAME_MAX = 150
THEME_MAX = 80

# The same shape as a #hashtag in a /met line, so a theme typed here matches the ones people record.
_THEME = re.compile(r"\w[\w-]*")


@dataclass(frozen=True)
class GoalThemes:
    """A goal and the names of its themes, in the order the strategy lists them."""

    name: str
    themes: tuple[str, ...] = ()
    goal_id: int | None = None


@dataclass(frozen=True)
class Strategy:
    purpose: str
    goals: tuple[GoalThemes, ...]


@dataclass(frozen=True)
class GoalInput:
    """One goal block of the modal as typed: a name, themes picked from those in use, new themes typed."""

    name: str = ""
    picked: Sequence[str] = ()
    typed: str = ""


@dataclass(frozen=True)
class Problem:
    """A validation problem: which goal (None for the purpose), which field, a message key and its values."""

    goal: int | None
    field: str  # "purpose", "name", "picked", "typed"
    key: str
    values: dict = field(default_factory=dict)


def theme_name(text: str) -> str | None:
    """'#Wonen' → 'wonen'; None when it is not a single theme word."""
    name = text.strip().lstrip("#").lower()
    return name if _THEME.fullmatch(name) and len(name) <= THEME_MAX else None


def split_typed_themes(text: str) -> tuple[list[str], list[str]]:
    """New themes typed in a text field ('#energie, mobiliteit'): the themes, and the pieces that are not."""
    themes, bad = [], []
    for piece in re.split(r"[,;\s]+", text or ""):
        if not piece.strip():
            continue
        name = theme_name(piece)
        (themes if name else bad).append(name or piece)
    return themes, bad


def read_strategy(purpose: str, goals: Sequence[GoalInput]) -> tuple[Strategy, list[Problem]]:
    """The strategy as typed, and every problem with it: a theme belongs to at most one goal."""
    problems: list[Problem] = []
    purpose = (purpose or "").strip()
    if len(purpose) > PURPOSE_MAX:
        problems.append(Problem(None, "purpose", "purpose_too_long", {"limit": PURPOSE_MAX}))
    owner_of: dict[str, str] = {}
    seen_names: set[str] = set()
    result: list[GoalThemes] = []
    for index, goal in enumerate(goals):
        name = " ".join((goal.name or "").split())
        typed, bad = split_typed_themes(goal.typed)
        if bad:
            problems.append(Problem(index, "typed", "bad_theme", {"text": bad[0]}))
        themes = list(dict.fromkeys([t for t in (theme_name(p) for p in goal.picked) if t] + typed))
        if not name:
            if themes:
                problems.append(Problem(index, "name", "goal_needs_name"))
            continue
        if len(name) > GOAL_NAME_MAX:
            problems.append(Problem(index, "name", "goal_name_too_long", {"limit": GOAL_NAME_MAX}))
        if name.casefold() in seen_names:
            problems.append(Problem(index, "name", "goal_twice", {"goal": name}))
        seen_names.add(name.casefold())
        for theme in themes:
            if theme in owner_of:
                where = "typed" if theme in typed else "picked"
                problems.append(Problem(index, where, "theme_taken", {"theme": theme, "goal": owner_of[theme]}))
            else:
                owner_of[theme] = name
        result.append(GoalThemes(name=name, themes=tuple(themes)))
    return Strategy(purpose=purpose, goals=tuple(result)), problems
