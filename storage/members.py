"""The cache of Slack users (name, time zone, roles) and the language each chose."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import Connection, and_, bindparam, case, false, null, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.util import identity_key

from storage.models import Member, Workspace
from storage.upsert import upsert


def get_member(session: Session, team_id: str, user_id: str) -> Member | None:
    return session.get(Member, (team_id, user_id))


# Built once: nearly every request reads who is asking.
_MEMBER_AND_WORKSPACE = (
    select(Member, Workspace)
    .join_from(Member, Workspace, Workspace.team_id == Member.team_id, isouter=True)
    .where(Member.team_id == bindparam("team_id"), Member.user_id == bindparam("user_id"))
)


def get_member_and_workspace(session: Session, team_id: str, user_id: str) -> Member | None:
    """The member, with their workspace (whose defaults a reader needs) loaded in the same query. Both are held
    for the session's life, so later reads of either in this session (session.get) come from its identity map.

    The identity map holds objects weakly: without the holding, a member read for a reader and then dropped was
    read again by the next get in the same session (a Home redraw read the same member three times)."""
    held = session.identity_map.get(identity_key(Member, (team_id, user_id)))
    if held is not None:
        return held
    row = session.execute(_MEMBER_AND_WORKSPACE, {"team_id": team_id, "user_id": user_id}).first()
    if row is None:
        return None
    session.info.setdefault("held_for_the_session", []).extend(obj for obj in row if obj is not None)
    return row[0]


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


# What users.info and users.list tell us, set again on every refresh (is_lead is Goodwill's own: kept).
_FROM_SLACK = ("name", "real_name", "email", "tz", "locale", "is_admin", "is_bot", "deleted", "fetched_at")


def save_member_from_slack(session: Session, team_id: str, user: dict, *, fetched_at: datetime) -> Member:
    """Store what users.info told us about a user (one upsert: two requests storing them at once both succeed)."""
    profile = user.get("profile") or {}
    name = profile.get("display_name") or user.get("name") or ""
    row = {
        "team_id": team_id,
        "user_id": user["id"],
        "name": name,
        "real_name": profile.get("real_name") or user.get("real_name") or name,
        "email": profile.get("email"),
        "tz": user.get("tz"),
        "locale": user.get("locale"),
        "is_admin": bool(user.get("is_admin") or user.get("is_owner")),
        "is_bot": bool(user.get("is_bot")),
        "deleted": bool(user.get("deleted")),
        "fetched_at": fetched_at,
    }
    upsert(session, Member.__table__, [row], update=_FROM_SLACK, also=_left_at)
    return session.get(Member, (team_id, user["id"]), populate_existing=True)


def _left_at(excluded) -> dict:
    """Whether Slack says the member left: the moment a member we knew as active is first seen leaving is kept
    (left_at: their relations' hand-over starts from it), and cleared when they return."""
    members = Member.__table__.c
    return {
        "left_at": case(
            (and_(excluded.deleted, members.deleted == false()), excluded.fetched_at),
            (excluded.deleted == false(), null()),
            else_=members.left_at,
        )
    }


def team_members(session: Session, team_id: str) -> dict[str, Member]:
    """Every cached member of the workspace, by user id: one query."""
    rows = session.scalars(select(Member).where(Member.team_id == team_id))
    return {member.user_id: member for member in rows}


def mark_unknown_to_slack(session: Session, team_id: str, user_ids: Iterable[str], *, fetched_at: datetime) -> None:
    """Users Slack does not list in the workspace: they have left (not messaged, relations orphaned)."""
    rows = [{"team_id": team_id, "user_id": user_id, "deleted": True, "fetched_at": fetched_at} for user_id in user_ids]
    upsert(session, Member.__table__, rows, update=("deleted", "fetched_at"), also=_left_at)
    for row in rows:
        loaded = session.identity_map.get(identity_key(Member, (team_id, row["user_id"])))
        if loaded is not None:
            session.expire(loaded, ["deleted", "fetched_at", "left_at"])


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
    """The member's own language (None: follow the workspace's default); one upsert, like every member write."""
    row = {"team_id": team_id, "user_id": user_id, "language": language, "language_offered": True}
    upsert(session, Member.__table__, [row], update=("language", "language_offered"))
    loaded = session.identity_map.get(identity_key(Member, (team_id, user_id)))
    if loaded is not None:
        session.expire(loaded, ["language", "language_offered"])
