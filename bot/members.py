"""Who a Slack user is (name, time zone, locale, roles), from our cache or users.info; and the one reader of
who is asking (Reader), used by every handler, service and job."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from slack_sdk.errors import SlackApiError
from sqlalchemy.orm import Session

from bot.deps import Deps
from bot.i18n import language_of
from storage.db import transaction
from storage.members import (
    Profile,
    get_member,
    get_member_and_workspace,
    mark_unknown_to_slack,
    profiles,
    save_member_from_slack,
    team_members,
)
from storage.models import Member, Workspace
from storage.workspaces import ensure_workspace

CACHE_FOR = timedelta(hours=24)
log = logging.getLogger("goodwill.members")
DEFAULT_TZ = "Europe/Amsterdam"


def member(deps: Deps, session: Session, team_id: str, user_id: str) -> Member | None:
    """The cached member, refreshed from users.info when unknown or older than a day."""
    cached = get_member_and_workspace(session, team_id, user_id)
    now = deps.now()
    if cached is not None and is_fresh(cached, now):
        return cached
    client = deps.client_for(team_id)
    if client is None:
        return cached
    try:
        user = client.users_info(user=user_id)["user"]
    except SlackApiError:
        return cached
    ensure_workspace(session, team_id)
    return save_member_from_slack(session, team_id, user, fetched_at=now)


def current_member(deps: Deps, session: Session, team_id: str, user_id: str) -> Member | None:
    """The member as Slack knows them right now (users.info, whatever the cache says), for a decision that must
    not rest on a day-old cache, such as making someone an owner. None when Slack does not know the id, or
    knows them as someone of another organisation; the cache when Slack cannot be reached."""
    if deps.client_for(team_id) is None:
        return get_member(session, team_id, user_id)
    try:
        user = deps.client_for(team_id).users_info(user=user_id)["user"]
    except SlackApiError as error:
        if error.response.get("error") == "user_not_found":
            return None
        log.warning("users.info failed for %s (%s); using the cache", user_id, error.response.get("error"))
        return get_member(session, team_id, user_id)
    if not _of_this_workspace(user, team_id):
        return None
    ensure_workspace(session, team_id)
    return save_member_from_slack(session, team_id, user, fetched_at=deps.now())


def _of_this_workspace(user: dict, team_id: str) -> bool:
    """A Slack Connect colleague of another organisation is no member of ours (Enterprise Grid lists the
    workspaces of its members)."""
    teams = (user.get("enterprise_user") or {}).get("teams") or []
    return user.get("team_id") in (None, team_id) or team_id in teams


def member_profile(
    deps: Deps, session: Session, team_id: str, user_id: str, read: Mapping[str, Profile]
) -> Profile | None:
    """The member's profile from those already `read` (storage.members.profiles), refreshed like member()
    when unknown or stale; None when Slack does not know them."""
    cached = read.get(user_id)
    if cached is not None and is_fresh(cached, deps.now()):
        return cached
    refreshed = member(deps, session, team_id, user_id)
    return Profile.of(refreshed) if refreshed is not None else None


def profiles_of(
    deps: Deps, team_id: str, user_ids: Sequence[str], read: Mapping[str, Profile] | None = None
) -> dict[str, Profile | None]:
    """These members' profiles (None for those Slack does not know), from the cache or those already `read`,
    refreshed from users.info when unknown or older than a day.

    Unlike member(), this holds no database transaction while Slack answers: the cache is read in a short
    read-only session, Slack is asked with no session open, and its answers are stored in one short
    transaction."""
    wanted = list(dict.fromkeys(user_ids))
    if read is None:
        with deps.engine.connect() as connection:
            read = profiles(connection, team_id, wanted)
    now = deps.now()
    found: dict[str, Profile | None] = {user_id: read.get(user_id) for user_id in wanted}
    stale = [user_id for user_id, cached in found.items() if cached is None or not is_fresh(cached, now)]
    client = deps.client_for(team_id)
    if not stale or client is None:
        return found
    answers = {}
    for user_id in stale:
        # On an error, keep what we had (None when Slack does not know them).
        with contextlib.suppress(SlackApiError):
            answers[user_id] = client.users_info(user=user_id)["user"]
    if answers:
        with transaction(deps.sessions) as session:
            ensure_workspace(session, team_id)
            for user_id, user in answers.items():
                found[user_id] = Profile.of(save_member_from_slack(session, team_id, user, fetched_at=now))
    return found


def is_fresh(cached: Member | Profile, now: datetime) -> bool:
    return cached.fetched_at is not None and _aware(cached.fetched_at) > now - CACHE_FOR


def refresh_members(deps: Deps, session: Session, team_id: str, also: Iterable[str] = ()) -> dict[str, Member]:
    """The workspace's cached members, refreshed in bulk (users.list) when any is older than a day.

    `also` names users who must be known (owners of relations): missing ones trigger the refresh too.
    Scheduled jobs use this instead of a users.info per member, so a 1,000-member workspace costs a
    few users.list pages once a day. Users Slack does not list are marked as having left.
    """
    now = deps.now()
    cached = team_members(session, team_id)
    wanted = set(also) - set(cached)
    if not wanted and cached and all(is_fresh(m, now) for m in cached.values()):
        return cached
    client = deps.client_for(team_id)
    if client is None:
        return cached
    listed: set[str] = set()
    try:
        cursor = None
        while True:
            page = client.users_list(limit=200, **({"cursor": cursor} if cursor else {}))
            ensure_workspace(session, team_id)
            for user in page.get("members") or []:
                if user.get("team_id", team_id) != team_id:
                    continue
                save_member_from_slack(session, team_id, user, fetched_at=now)
                listed.add(user["id"])
            cursor = (page.get("response_metadata") or {}).get("next_cursor")
            if not cursor:
                break
    except SlackApiError as error:
        log.warning("users.list failed for %s (%s); using the cache", team_id, error.response.get("error"))
        return team_members(session, team_id)
    mark_unknown_to_slack(session, team_id, (set(cached) | wanted) - listed, fetched_at=now)
    return team_members(session, team_id)


def zone(tz_name: str | None) -> ZoneInfo:
    try:
        return ZoneInfo(tz_name or DEFAULT_TZ)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(DEFAULT_TZ)


def local_today(now: datetime, tz_name: str | None) -> date:
    return now.astimezone(zone(tz_name)).date()


def _aware(moment: datetime) -> datetime:
    # SQLite hands datetimes back naive; we only ever store UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@dataclass(frozen=True)
class Reader:
    """Who is asking or reading: their language, time zone and today (the workspace's zone and language when
    Slack does not say), and their roles."""

    team_id: str
    user_id: str
    language: str
    tz: ZoneInfo
    tz_name: str
    today: date
    is_admin: bool = False
    is_lead: bool = False


def preferences(who: Member | Profile | None, workspace: Workspace | None) -> tuple[str, ZoneInfo]:
    """A member's language and time zone: their own, else the workspace's (else English, Amsterdam). The
    language is the one they chose in Goodwill (`/goodwill language`), never Slack's locale: the rule is
    bot.i18n.language_of. A Profile brings the workspace's language along (storage.members.profiles)."""
    tz = zone((who.tz if who else None) or (workspace.timezone if workspace else None))
    default = workspace.default_locale if workspace else getattr(who, "workspace_language", None)
    return language_of(who.language if who else None, default), tz


def knows_language(who: Member | Profile | None) -> bool:
    """Whether `who` alone settles the language (a choice, or a Profile carrying the workspace's)."""
    return who is not None and bool(who.language or getattr(who, "workspace_language", None))


def reader(deps: Deps, session: Session, team_id: str, user_id: str) -> Reader:
    """Who is asking (or reading): from the member cache, refreshed from users.info when stale."""
    return reader_of(deps, session, team_id, user_id, member(deps, session, team_id, user_id))


def reader_of(deps: Deps, session: Session, team_id: str, user_id: str, who: Member | Profile | None) -> Reader:
    """The same from a member already read (the workspace is read only when the member lacks a zone or a
    language)."""
    workspace = session.get(Workspace, team_id) if not (who and who.tz and knows_language(who)) else None
    language, tz = preferences(who, workspace)
    return Reader(
        team_id=team_id,
        user_id=user_id,
        language=language,
        tz=tz,
        tz_name=str(tz),
        today=deps.now().astimezone(tz).date(),
        is_admin=bool(who and who.is_admin),
        is_lead=bool(who and who.is_lead),
    )


def asking(deps: Deps, team_id: str, user_id: str) -> Reader:
    """Who is asking, read with no database transaction open while Slack answers (profiles_of)."""
    who = profiles_of(deps, team_id, [user_id])[user_id]
    with deps.sessions() as session:  # the workspace's defaults, only when the member lacks them
        return reader_of(deps, session, team_id, user_id, who)
