"""The cache of Slack users (name, time zone, roles) and the language each chose."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import Connection, bindparam, select, update
from sqlalchemy.orm import Session

from storage.models import Member, Workspace


def get_member(session: Session, team_id: str, user_id: str) -> Member | None:
    return session.get(Member, (team_id, user_id))


class Profile(NamedTuple):
    """What recording a meeting needs of a member: their zone and chosen language, roles, and whether they left."""

    user_id: str
    tz: str | None
    language: str | None  # chosen with /goodwill language; None: the workspace's default
    language_offered: bool
    deleted: bool
    fetched_at: datetime | None
    is_admin: bool
    is_lead: bool
    workspace_language: str | None = None  # the workspace's default, read in the same query

    @classmethod
    def of(cls, member: Member) -> Profile:
        return cls(*(getattr(member, column) for column in cls._fields if column != "workspace_language"))


# Built once: /met reads its members with every request, and building a statement costs more than running it.
# The workspace's language comes along, so that answering in it costs no second query.
_WORKSPACE_LANGUAGE = select(Workspace.default_locale).where(Workspace.team_id == Member.team_id).scalar_subquery()
_PROFILES = select(
    *(getattr(Member, column) for column in Profile._fields if column != "workspace_language"),
    _WORKSPACE_LANGUAGE,
).where(Member.team_id == bindparam("team_id"), Member.user_id.in_(bindparam("user_ids", expanding=True)))


def profiles(db: Session | Connection, team_id: str, user_ids: Iterable[str]) -> dict[str, Profile]:
    """The cached profiles of these members (those we know), in one query. A bare Connection will do: a read
    on its own needs no Session (which costs more than this query)."""
    connection = db.connection() if isinstance(db, Session) else db
    rows = connection.execute(_PROFILES, {"team_id": team_id, "user_ids": list(set(user_ids))})
    return {row.user_id: Profile(*row) for row in rows}


def save_member_from_slack(session: Session, team_id: str, user: dict, *, fetched_at: datetime) -> Member:
    """Store what users.info told us about a user."""
    member = get_member(session, team_id, user["id"])
    if member is None:
        member = Member(team_id=team_id, user_id=user["id"])
        session.add(member)
    profile = user.get("profile") or {}
    member.name = profile.get("display_name") or user.get("name") or ""
    member.real_name = profile.get("real_name") or user.get("real_name") or member.name
    member.email = profile.get("email")
    member.tz = user.get("tz")
    member.locale = user.get("locale")
    member.is_admin = bool(user.get("is_admin") or user.get("is_owner"))
    member.is_bot = bool(user.get("is_bot"))
    _set_deleted(member, bool(user.get("deleted")), fetched_at)
    member.fetched_at = fetched_at
    session.flush()
    return member


def _set_deleted(member: Member, deleted: bool, now: datetime) -> None:
    """Whether Slack says the member left; the moment a member we knew as active is first seen leaving is kept
    (left_at: their relations' hand-over starts from it), and cleared when they return."""
    if deleted and member.deleted is False:
        member.left_at = now
    elif not deleted:
        member.left_at = None
    member.deleted = deleted


def team_members(session: Session, team_id: str) -> dict[str, Member]:
    """Every cached member of the workspace, by user id: one query."""
    rows = session.scalars(select(Member).where(Member.team_id == team_id))
    return {member.user_id: member for member in rows}


def mark_unknown_to_slack(session: Session, team_id: str, user_ids: Iterable[str], *, fetched_at: datetime) -> None:
    """Users Slack does not list in the workspace: they have left (not messaged, relations orphaned)."""
    for user_id in user_ids:
        member = get_member(session, team_id, user_id)
        if member is None:
            member = Member(team_id=team_id, user_id=user_id)
            session.add(member)
        _set_deleted(member, True, fetched_at)
        member.fetched_at = fetched_at
    session.flush()


def admins_and_leads(session: Session, team_id: str) -> list[str]:
    """Members who may change the workspace's settings (admins and team leads still in the workspace)."""
    rows = session.scalars(
        select(Member.user_id)
        .where(Member.team_id == team_id, Member.is_admin | Member.is_lead, ~Member.deleted, ~Member.is_bot)
        .order_by(Member.user_id)
    )
    return list(rows)


def claim_language_offer(session: Session, team_id: str, user_id: str) -> bool:
    """True once per member: the first time they meet Goodwill without having chosen a language."""
    claimed = session.execute(
        update(Member)
        .where(
            Member.team_id == team_id,
            Member.user_id == user_id,
            Member.language.is_(None),
            ~Member.language_offered,
        )
        .values(language_offered=True)
        .execution_options(synchronize_session=False)
    )
    return claimed.rowcount == 1


def choose_language(session: Session, team_id: str, user_id: str, language: str | None) -> None:
    """The member's own language (None: follow the workspace's default)."""
    member = get_member(session, team_id, user_id)
    if member is None:
        member = Member(team_id=team_id, user_id=user_id)
        session.add(member)
    member.language = language
    member.language_offered = True
    session.flush()
