"""Escaping and formatting shared by every message Goodwill sends."""

from __future__ import annotations

import re
from datetime import date

from bot.i18n import Catalog

# After escaping &, < and >, Slack can no longer see mentions or links; broadcast words typed
# literally ("@channel") are broken with a zero-width joiner so they are never read as a ping.
_BROADCAST = re.compile(r"@(channel|here|everyone)\b", re.IGNORECASE)

T = Catalog(
    {
        "weekday": {
            "en": "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday",
            "nl": "maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag",
        },
        "month": {
            "en": "January|February|March|April|May|June|July|August|September|October|November|December",
            "nl": "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december",
        },
    }
)


def escape(text: str) -> str:
    """Make user text safe to show in Slack mrkdwn or plain_text: no pings, no forged links."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _BROADCAST.sub(lambda m: "@\u200d" + m.group(1), text)


def truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def user_mention(user_id: str) -> str:
    """A mention of a Slack user id; ids are validated so that nothing else can be smuggled in."""
    if not re.fullmatch(r"[UW][A-Z0-9]{2,30}", user_id):
        return escape(user_id)
    return f"<@{user_id}>"


def long_date(day: date, language: str = "en") -> str:
    """'Thursday 26 November 2026' / 'donderdag 26 november 2026'."""
    weekday = T("weekday", language).split("|")[day.weekday()]
    month = T("month", language).split("|")[day.month - 1]
    return f"{weekday} {day.day} {month} {day.year}"


def unescape_slack(text: str) -> str:
    """Slack sends '&', '<' and '>' typed by users as entities; this is what they typed."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
