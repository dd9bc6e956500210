"""Workspaces coming and going: installed through "Add to Slack" (storage.installations marks them), adopted
from the single-workspace set-up, uninstalled (tokens deleted at once, nothing sent from then on), and their
data deleted once the retention period has passed (the clock's purge job).
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from slack_sdk.oauth.installation_store.models.installation import Installation

from bot.deps import Deps, make_web_client
from storage.db import transaction
from storage.installations import OAuthStateStore
from storage.workspaces import delete_if_still_uninstalled, mark_reinstalled, mark_uninstalled, uninstalled_before

log = logging.getLogger("goodwill.workspaces")


def uninstalled(deps: Deps, team_id: str, now: datetime) -> None:
    """app_uninstalled, or tokens_revoked for the bot (Slack sends both, in either order): the workspace's tokens
    are deleted at once and the workspace is marked uninstalled; its data stays for the retention period."""
    if deps.installations is not None:
        deps.installations.delete_workspace(team_id)
    with transaction(deps.sessions) as session:
        first = mark_uninstalled(session, team_id, now)
    if first:
        log.warning(
            "workspace %s uninstalled Goodwill; its data is deleted after %d days unless it installs again",
            team_id,
            deps.settings.retention_days,
        )


def purge_job(deps: Deps, now: datetime) -> list[str]:
    """The clock's job: delete the data of every workspace uninstalled longer ago than the retention period
    (and not installed again). Also drops OAuth states nobody came back with. Returns the workspaces deleted."""

    cutoff = now - timedelta(days=deps.settings.retention_days)
    with deps.sessions() as session:
        due = uninstalled_before(session, cutoff)
    purged = []
    for team_id in due:
        with transaction(deps.sessions) as session:
            deleted = delete_if_still_uninstalled(session, team_id, cutoff)
        if deleted is not None:
            purged.append(team_id)
            log.warning("deleted the data of workspace %s, uninstalled before %s: %s", team_id, cutoff.date(), deleted)
    if deps.installations is not None:
        OAuthStateStore(deps.engine).delete_expired(now)
    return purged


def confirm_single_workspace(deps: Deps) -> str:
    """Single-workspace mode, at start: SLACK_BOT_TOKEN works (auth.test), so its workspace is installed, again
    if it was uninstalled and this is the new token. (Its row is created on first contact, as ever.)"""
    client = deps.base_client or make_web_client(deps.settings)
    auth = client.auth_test(token=deps.settings.slack_bot_token)
    deps.know_single_team(auth["team_id"])
    with transaction(deps.sessions) as session:
        mark_reinstalled(session, auth["team_id"], deps.now())
    return auth["team_id"]


def adopt(deps: Deps, token: str, now: datetime) -> Installation:
    """Move a single-workspace installation (its bot token) into the installation store, so that the same
    workspace, with all its data, is served in distributed mode. Idempotent."""
    if deps.installations is None:
        raise ValueError("adopting needs SLACK_CLIENT_ID and SLACK_CLIENT_SECRET (the app the token belongs to)")
    client = make_web_client(deps.settings, token=token)
    auth = client.auth_test()
    if auth.get("is_enterprise_install"):
        raise ValueError("an org-wide (Enterprise Grid) installation cannot be adopted: Goodwill serves workspaces")
    scopes = (auth.headers.get("x-oauth-scopes") or auth.headers.get("X-OAuth-Scopes") or "") if auth.headers else ""
    app_id = auth.get("app_id") or client.bots_info(bot=auth["bot_id"])["bot"]["app_id"]
    installation = Installation(
        app_id=app_id,
        enterprise_id=auth.get("enterprise_id"),
        team_id=auth["team_id"],
        team_name=auth.get("team"),
        bot_token=token,
        bot_id=auth.get("bot_id"),
        bot_user_id=auth.get("user_id"),
        bot_scopes=scopes,
        user_id=auth.get("user_id"),
        token_type="bot",
        installed_at=now.timestamp(),
    )
    deps.installations.save(installation)
    return installation
