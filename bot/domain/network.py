"""What the network views show, as plain data: filled by storage.network, drawn by bot.render.network."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from bot.domain.fields import clean_name
from bot.domain.names import Candidate
from bot.domain.strategy import Strategy

# Enough of a relation to name it and pick it: the same thing name matching works with.
RelationRef = Candidate


@dataclass(frozen=True)
class ColleagueContact:
    """A member who has met the relation, and when last."""

    user_id: str
    last_met_on: date


@dataclass(frozen=True)
class InteractionLine:
    """One interaction as a viewer may see it: private notes are withheld from everyone but their author."""

    interaction_id: int
    occurred_on: date
    logged_by: str
    kind: str | None
    colleagues: tuple[str, ...]
    themes: tuple[str, ...]
    notes: str
    gave: str | None
    got: str | None
    private: bool
    withheld: bool  # private and the viewer is not the author: notes, gave and got are empty


@dataclass(frozen=True)
class RelationCard:
    relation_id: int
    name: str
    organisation: str | None
    email: str | None
    owner_id: str
    tier: str
    cadence_days: int
    themes: tuple[str, ...]
    warmth: int
    last_contact_on: date | None
    last_contact_by: str | None
    snoozed_until: date | None
    archived: bool
    colleagues: tuple[ColleagueContact, ...]
    recent: tuple[InteractionLine, ...]
    interaction_count: int


@dataclass(frozen=True)
class Tie:
    """One colleague's tie with one relation: how warm, and when they last met."""

    relation_id: int
    name: str
    organisation: str | None
    last_met_on: date
    warmth: int


@dataclass
class Acquaintance:
    """A colleague who knows someone behind the question, with the relations behind it (warmest first)."""

    user_id: str
    ties: list[Tie] = field(default_factory=list)

    @property
    def warmth(self) -> int:
        return max((tie.warmth for tie in self.ties), default=0)

    @property
    def last_met_on(self) -> date:
        return max(tie.last_met_on for tie in self.ties)


# /whoknows names at most this many colleagues (the warmest), and counts the others.
COLLEAGUES_SHOWN = 30


@dataclass(frozen=True)
class WhoKnowsAnswer:
    """What /whoknows found: the question read as theme, organisations and/or people, and who knows them."""

    query: str
    theme: str | None
    organisations: tuple[str, ...]
    people: tuple[str, ...]
    relation_count: int
    acquaintances: tuple[Acquaintance, ...]  # the first COLLEAGUES_SHOWN colleagues, warmest first
    relations_read: int = 0  # the most recently met relations whose ties were read (all, unless very many)
    colleague_count: int = 0  # every colleague who knows someone there (acquaintances holds the first ones)


@dataclass(frozen=True)
class ThemeSummary:
    name: str
    relations: int
    owners: int
    quiet: int
    key_relations: int


@dataclass(frozen=True)
class ThemeRelation:
    relation_id: int
    name: str
    organisation: str | None
    owner_id: str
    tier: str
    warmth: int
    last_contact_on: date | None
    quiet: bool


@dataclass(frozen=True)
class ThemeView:
    name: str
    relations: tuple[ThemeRelation, ...]

    @property
    def owners(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(relation.owner_id for relation in self.relations))


@dataclass(frozen=True)
class HomeRelation:
    relation_id: int
    name: str
    organisation: str | None
    tier: str
    warmth: int
    last_contact_on: date | None
    quiet: bool
    due_on: date


@dataclass(frozen=True)
class HomeMeeting:
    relation_id: int
    name: str
    occurred_on: date


@dataclass(frozen=True)
class HomeData:
    """A member's own network for the App Home tab."""

    user_id: str
    owned: int  # how many active relations they own
    needs_attention: tuple[HomeRelation, ...]  # quiet first, then cooling, at most a screenful
    needs_attention_total: int
    last_meetings: tuple[HomeMeeting, ...]
    strategy: Strategy  # the organisation's purpose and goals, shown above everything else
    is_lead: bool
    latest_digest_url: str | None


def theme_words(text: str) -> list[str] | None:
    """'#Housing, climate' -> ['housing', 'climate']; None when a word cannot be a theme name."""

    words = [word.lstrip("#").lower() for word in re.split(r"[\s,;]+", clean_name(text)) if word.lstrip("#")]
    if not words or any(not re.fullmatch(r"[\w-]{1,80}", word) for word in words):
        return None
    return list(dict.fromkeys(words))
