"""Two ways to connect Goodwill to Slack, chosen by the settings (bot.settings.Settings.mode):

- one workspace: the bot token in the environment (SLACK_BOT_TOKEN), Bolt's single-team authorization;
- many workspaces through "Add to Slack" (SLACK_CLIENT_ID + SLACK_CLIENT_SECRET): Bolt's OAuth flow at
  GET /slack/install and GET /slack/oauth_redirect, every workspace's token in slack-sdk's SQLAlchemy
  installation store (storage.installations), each request authorised from it (InstallationStoreAuthorize:
  one query per request, auth.test once per token and process).

Bolt switches to OAuth with stores on the local disk by itself whenever SLACK_CLIENT_ID and SLACK_CLIENT_SECRET
are in the process environment; bolt_arguments passes every setting explicitly and check_mode refuses an app
whose mode is not the one configured.
"""

from __future__ import annotations

import logging

from slack_bolt import App
from slack_bolt.authorization.authorize import InstallationStoreAuthorize
from slack_bolt.oauth.oauth_settings import OAuthSettings

from bot.deps import Deps
from bot.settings import DISTRIBUTED, ConfigError
from storage.installations import STATE_LIFETIME_SECONDS, OAuthStateStore

INSTALL_PATH = "/slack/install"
REDIRECT_PATH = "/slack/oauth_redirect"

# What an installation grants Goodwill in each workspace: the scopes of manifest.yml (tests/bot/test_manifest.py
# checks both against the Web API methods and events the code uses).
BOT_SCOPES: tuple[str, ...] = (
    "commands",  # slash commands and the message shortcut
    "chat:write",  # nudges, digests, answers; chat.update keeps them current
    "im:write",  # conversations.open: the digest's copy to each lead
    "users:read",  # users.info, users.list: names, time zones, languages
    "users:read.email",  # users.lookupByEmail: owners named by email in an import
    "reactions:read",  # reaction_added on a nudge
    "files:write",  # the digest's chart
    "channels:read",  # conversations.info: is the digest channel one Goodwill is in
    "groups:read",  # … a private one
    "im:history",  # conversations.history: after a crash, was this nudge or lead's copy sent? (bot.delivered)
    "channels:history",  # … was the digest posted to its channel?
    "groups:history",  # … a private one
)

log = logging.getLogger("goodwill.slack")


def bolt_arguments(deps: Deps) -> dict:
    """How the Bolt app authorises requests, for the configured mode."""
    settings = deps.settings
    if settings.mode != DISTRIBUTED:  # the token travels in the app's client when there is one
        return {} if deps.base_client is not None else {"token": settings.slack_bot_token}
    store = deps.installations
    oauth = OAuthSettings(
        client_id=settings.slack_client_id,
        client_secret=settings.slack_client_secret,
        scopes=list(BOT_SCOPES),
        user_scopes=[],
        install_path=INSTALL_PATH,
        redirect_uri_path=REDIRECT_PATH,
        installation_store=store,
        installation_store_bot_only=True,
        state_store=OAuthStateStore(deps.engine),
        state_expiration_seconds=STATE_LIFETIME_SECONDS,
        logger=log,
    )
    return {
        "oauth_settings": oauth,
        "installation_store": store,
        "installation_store_bot_only": True,
        # One query per request for the workspace's token; auth.test once per token in each process.
        "authorize": InstallationStoreAuthorize(
            logger=log,
            installation_store=store,
            client_id=settings.slack_client_id,
            client_secret=settings.slack_client_secret,
            bot_only=True,
            cache_enabled=True,
            client=deps.base_client,
        ),
    }


def check_mode(app: App, deps: Deps) -> None:
    """The built app works in the configured mode, or a one-line ConfigError says why it does not."""
    distributed = deps.settings.mode == DISTRIBUTED
    if not distributed and app.oauth_flow is not None:
        raise ConfigError(
            "SLACK_CLIENT_ID and SLACK_CLIENT_SECRET are in the environment next to SLACK_BOT_TOKEN: Bolt would "
            "switch to Add to Slack with its files on the local disk; remove them, or SLACK_BOT_TOKEN"
        )
    if distributed and (app.oauth_flow is None or app.installation_store is not deps.installations):
        raise ConfigError("Add to Slack is configured but the app does not use Goodwill's installation store")
