"""The cache of Slack users (name, time zone, locale, roles)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import Connection, bindparam, select
from sqlalchemy.orm import Session

from storage.models import Member
from storage.upsert import insert_ignoring_conflicts


def get_member(session: Session, team_id: str, user_id: str) -> Member | None:
    return session.get(Member, (team_id, user_id))


def _get_or_insert(session: Session, team_id: str, user_id: str) -> tuple[Member, bool]:
    """The member's row, and whether this call inserted it: INSERT … ON CONFLICT DO NOTHING, as two requests (or a
    request and the work after another's ack) may meet the same new member at the same moment."""
    member = get_member(session, team_id, user_id)
    if member is not None:
        return member, False
    new = insert_ignoring_conflicts(session, Member.__table__, {"team_id": team_id, "user_id": user_id})
    return get_member(session, team_id, user_id), new


class Profile(NamedTuple):
    """What recording a meeting needs of a member: their zone and language, roles, and whether they left."""

    user_id: str
    tz: str | None
    locale: str | None
    deleted: bool
    fetched_at: datetime | None
    is_admin: bool
    is_lead: bool

    @classmethod
    def of(cls, member: Member) -> Profile:
        return cls(*(getattr(member, column) for column in cls._fields))


# Built once: /met reads its members with every request, and building a statement costs more than running it.
_PROFILES = select(*(getattr(Member, column) for column in Profile._fields)).where(
    Member.team_id == bindparam("team_id"), Member.user_id.in_(bindparam("user_ids", expanding=True))
)


def profiles(db: Session | Connection, team_id: str, user_ids: Iterable[str]) -> dict[str, Profile]:
    """The cached profiles of these members (those we know), in one query. A bare Connection will do: a read
    on its own needs no Session (which costs more than this query)."""
    connection = db.connection() if isinstance(db, Session) else db
    rows = connection.execute(_PROFILES, {"team_id": team_id, "user_ids": list(set(user_ids))})
    return {row.user_id: Profile(*row) for row in rows}


def save_member_from_slack(session: Session, team_id: str, user: dict, *, fetched_at: datetime) -> Member:
    """Store what users.info told us about a user."""
    member, new = _get_or_insert(session, team_id, user["id"])
    profile = user.get("profile") or {}
    member.name = profile.get("display_name") or user.get("name") or ""
    member.real_name = profile.get("real_name") or user.get("real_name") or member.name
    member.email = profile.get("email")
    member.tz = user.get("tz")
    member.locale = user.get("locale")
    member.is_admin = bool(user.get("is_admin") or user.get("is_owner"))
    member.is_bot = bool(user.get("is_bot"))
    _set_deleted(member, bool(user.get("deleted")), fetched_at, new=new)
    member.fetched_at = fetched_at
    session.flush()
    return member


def _set_deleted(member: Member, deleted: bool, now: datetime, *, new: bool = False) -> None:
    """Whether Slack says the member left; the moment a member we knew as active is first seen leaving is kept
    (left_at: their relations' hand-over starts from it), and cleared when they return. A `new` row was never
    known as active."""
    if deleted and member.deleted is False and not new:
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
        member, new = _get_or_insert(session, team_id, user_id)
        _set_deleted(member, True, fetched_at, new=new)
        member.fetched_at = fetched_at
    session.flush()
