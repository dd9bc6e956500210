"""build_app: the one place where Goodwill's Slack app is wired."""

from __future__ import annotations

import logging

from slack_bolt import App

from bot.deps import Deps
from bot.oauth import bolt_arguments, check_mode
from bot.outage import tell_outages_after_the_ack
from bot.workspaces import confirm_single_workspace
from handlers import errors, register_all


def build_app(deps: Deps, *, token_verification: bool = True) -> App:
    """The Bolt app with every listener registered.

    Bolt verifies each HTTP request's signature as well, after bot.web's guard.

    process_before_response=True: Bolt answers Slack as soon as the listener returns, without its
    10 ms acknowledgement poll; Web API calls that may be slow run after the ack on `deps.after_ack`
    (handlers.common.follow_up, and Bolt's lazy listeners).

    One workspace (SLACK_BOT_TOKEN) or many through "Add to Slack" (bot.oauth): the settings decide.
    """

    settings = deps.settings
    settings.require_slack()
    app = App(
        signing_secret=settings.slack_signing_secret,
        # Without a signing secret Goodwill can only run in Socket Mode, whose requests come over the WebSocket
        # the app opened itself and are never signed; serving HTTP without one is refused (bot.web).
        request_verification_enabled=settings.slack_signing_secret is not None,
        client=deps.base_client,
        process_before_response=True,
        token_verification_enabled=token_verification,
        logger=logging.getLogger("goodwill.slack"),
        listener_executor=deps.after_ack,
        **bolt_arguments(deps),
    )
    check_mode(app, deps)
    if token_verification and not settings.distributed:
        confirm_single_workspace(deps)
    register_all(app, deps)
    errors.register(app, deps)
    tell_outages_after_the_ack(app, deps)
    return app
