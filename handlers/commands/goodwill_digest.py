"""/goodwill digest [#channel] [day] [HH:MM]: where and when the weekly digest is posted.

Without arguments it shows the setting (to anyone); changing it is for workspace admins and team leads.
Slack sends a channel picked from its list as <#C123|name> (or <#C123|>), since the command escapes.
"""

from __future__ import annotations

import re

from slack_bolt import Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot import permissions
from bot.deps import Deps
from bot.domain.digest import parse_clock_time
from bot.members import reader
from bot.render.digest_settings import T, channel_label, current_setting
from bot.render.text import escape, truncate
from storage.db import transaction
from storage.workspaces import ensure_workspace

CHANNEL = re.compile(r"^<#([CG][A-Z0-9]{2,30})(?:\|[^>]*)?>$")
WEEKDAYS = {
    name: index
    for index, names in enumerate(
        [
            ("monday", "mon", "maandag", "ma"),
            ("tuesday", "tue", "tues", "dinsdag", "di"),
            ("wednesday", "wed", "woensdag", "wo"),
            ("thursday", "thu", "thur", "thurs", "donderdag", "do"),
            ("friday", "fri", "vrijdag", "vr"),
            ("saturday", "sat", "zaterdag", "za"),
            ("sunday", "sun", "zondag", "zo"),
        ]
    )
    for name in names
}


class BadInput(ValueError):
    """A word we could not read; `key` names the message that explains it."""

    def __init__(self, key: str, word: str) -> None:
        super().__init__(word)
        self.key, self.word = key, word


def parse(args: str) -> tuple[str | None, int | None, str | None]:
    """(channel id, weekday 0-6, 'HH:MM') from the command's words, each optional, in any order."""
    channel = weekday = clock = None
    for word in args.split():
        folded = word.lower().rstrip(".,")
        if match := CHANNEL.match(word):
            channel = match.group(1)
        elif folded in WEEKDAYS:
            weekday = WEEKDAYS[folded]
        elif re.fullmatch(r"\d{1,2}[:.]\d{2}", folded):
            try:
                clock = parse_clock_time(folded).strftime("%H:%M")
            except ValueError:
                raise BadInput("bad_time", word) from None
        elif word.startswith("#"):
            raise BadInput("plain_channel", word)
        else:
            raise BadInput("bad_word", word)
    return channel, weekday, clock


def handle(deps: Deps, command: dict, args: str, client: WebClient, respond: Respond) -> None:
    # Answer after the commit, so that whoever reads the answer finds the change stored.
    respond(response_type="ephemeral", text=_answer(deps, command, args, client))


def _answer(deps: Deps, command: dict, args: str, client: WebClient) -> str:
    team_id, user_id = command["team_id"], command["user_id"]
    with transaction(deps.sessions) as session:
        who = reader(deps, session, team_id, user_id)
        language = who.language
        workspace = ensure_workspace(session, team_id)
        if not args:
            text = _setting(deps, workspace, language)
            if not permissions.may_set_workspace_settings(who):
                text += "\n" + T("how_to_change", language)
            return text
        if not permissions.may_set_workspace_settings(who):
            return T("not_allowed", language)
        try:
            channel, weekday, clock = parse(args)
        except BadInput as error:
            return T(error.key, language, word=escape(truncate(error.word, 80)))
        _save(workspace, channel, weekday, clock)
        text = T("saved", language, current=_setting(deps, workspace, language))
    if channel is not None:
        warning = _membership_warning(client, channel, language)
        if warning:
            text += "\n" + warning
    return text


def _setting(deps: Deps, workspace, language: str) -> str:
    channel = workspace.digest_channel or deps.settings.digest_channel
    return current_setting(
        language,
        channel=channel,
        from_env=not workspace.digest_channel and bool(channel),
        weekday=workspace.digest_weekday,
        time=workspace.digest_time,
        tz=workspace.timezone,
    )


def _save(workspace, channel: str | None, weekday: int | None, clock) -> None:
    """What was given changes; what was not stays."""
    if channel is not None:
        workspace.digest_channel = channel
    if weekday is not None:
        workspace.digest_weekday = weekday
    if clock is not None:
        workspace.digest_time = clock


def _membership_warning(client: WebClient, channel: str, language: str) -> str | None:
    """Posting fails in a channel the bot is not in: say so now rather than on Monday morning."""
    try:
        info = client.conversations_info(channel=channel)["channel"]
    except SlackApiError:
        return T("cannot_see", language, channel=channel_label(channel))
    if info.get("is_member") is False and not info.get("is_im"):
        return T("invite_me", language, channel=channel_label(channel))
    return None
