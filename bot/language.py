"""Which language Goodwill speaks to a member, and offering the other one on their first contact.

The rule itself is bot.i18n.language_of (the member's choice, else the workspace's default, else English),
applied by bot.members.preferences with the member's time zone; this module reads what it needs.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.members import knows_language, preferences
from storage.members import Profile, claim_language_offer
from storage.models import Member, Workspace


def language_for(session: Session, team_id: str, who: Member | Profile | None) -> str:
    """The language to speak to `who` (bot.members.preferences); the workspace is read only when needed."""
    workspace = None if knows_language(who) else session.get(Workspace, team_id)
    return preferences(who, workspace)[0]


def may_offer_other_language(who: Member | Profile | None) -> bool:
    """A member who has chosen no language and was never offered one: this is their first contact."""
    return who is not None and not who.language and not who.language_offered


def offer_other_language(session: Session, team_id: str, who: Member | Profile | None) -> bool:
    """True on the member's first contact: the answer then offers the other language in one line.
    Remembered, so it is offered once (two answers at once: only one claims it)."""
    return may_offer_other_language(who) and claim_language_offer(session, team_id, who.user_id)
