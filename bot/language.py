"""Which language Goodwill speaks to a member, and offering the other one on their first contact.

The rule itself is bot.i18n.language_of (the member's choice, else the workspace's default, else English);
this module reads what the rule needs from the database.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.i18n import language_of
from storage.members import Profile, claim_language_offer
from storage.models import Member, Workspace


def language_for(session: Session, team_id: str, who: Member | Profile | None) -> str:
    """The language to speak to `who`; the workspace's default is read only when they chose none (and a
    Profile brings it along: /met pays no second query)."""
    if who is not None and who.language:
        return language_of(who.language)
    known = getattr(who, "workspace_language", None)
    if known:
        return language_of(None, known)
    workspace = session.get(Workspace, team_id)
    return language_of(None, workspace.default_locale if workspace else None)


def may_offer_other_language(who: Member | Profile | None) -> bool:
    """A member who has chosen no language and was never offered one: this is their first contact."""
    return who is not None and not who.language and not who.language_offered


def offer_other_language(session: Session, team_id: str, who: Member | Profile | None) -> bool:
    """True on the member's first contact: the answer then offers the other language in one line.
    Remembered, so it is offered once (two answers at once: only one claims it)."""
    return may_offer_other_language(who) and claim_language_offer(session, team_id, who.user_id)
