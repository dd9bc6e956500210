"""Escaping and formatting shared by every message Goodwill sends."""

from __future__ import annotations

import re
from datetime import date

from bot.domain.elapsed import elapsed
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


AGO = Catalog(
    {
        "today": {"en": "today", "nl": "vandaag"},
        "yesterday": {"en": "yesterday", "nl": "gisteren"},
        "days": {"en": "{n} days ago", "nl": "{n} dagen geleden"},
        "weeks": {"en": "{n} weeks ago", "nl": "{n} weken geleden"},
        "months": {"en": "{n} months ago", "nl": "{n} maanden geleden"},
        "months_1": {"en": "a month ago", "nl": "een maand geleden"},
        "years": {"en": "{n} years ago", "nl": "{n} jaar geleden"},
    }
)


def ago(day: date, today: date, language: str = "en") -> str:
    """'3 weeks ago' / '3 weken geleden': how long since `day` (bot.domain.elapsed); a day still to come by
    its date."""
    unit, n = elapsed(day, today)
    if unit == "future":
        return long_date(day, language)
    if unit == "months" and n == 1:
        return AGO("months_1", language)
    return AGO(unit, language, n=n)


def short_date(day: date, language: str = "en") -> str:
    """'26 Nov 2026' / '26 nov 2026'."""
    month = T("month", language).split("|")[day.month - 1][:3]
    return f"{day.day} {month} {day.year}"
