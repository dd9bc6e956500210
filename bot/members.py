"""Who a Slack user is (name, time zone, locale), from our cache or users.info."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from slack_sdk.errors import SlackApiError
from sqlalchemy.orm import Session

from bot.deps import Deps
from storage.members import get_member, save_member_from_slack
from storage.models import Member
from storage.workspaces import ensure_workspace

CACHE_FOR = timedelta(hours=24)
DEFAULT_TZ = "Europe/Amsterdam"


def member(deps: Deps, session: Session, team_id: str, user_id: str) -> Member | None:
    """The cached member, refreshed from users.info when unknown or older than a day."""
    cached = get_member(session, team_id, user_id)
    now = deps.now()
    if cached is not None and cached.fetched_at is not None and _aware(cached.fetched_at) > now - CACHE_FOR:
        return cached
    if deps.client is None:
        return cached
    try:
        user = deps.client.users_info(user=user_id)["user"]
    except SlackApiError:
        return cached
    ensure_workspace(session, team_id)
    return save_member_from_slack(session, team_id, user, fetched_at=now)


def zone(tz_name: str | None) -> ZoneInfo:
    try:
        return ZoneInfo(tz_name or DEFAULT_TZ)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(DEFAULT_TZ)


def local_today(now: datetime, tz_name: str | None) -> date:
    return now.astimezone(zone(tz_name)).date()


def _aware(moment: datetime) -> datetime:
    # SQLite hands datetimes back naive; we only ever store UTC.
    from datetime import UTC

    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
