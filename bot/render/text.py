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


LISTS = Catalog(
    {
        "and": {"en": "{first} and {last}", "nl": "{first} en {last}"},
        "or": {"en": "{first} or {last}", "nl": "{first} of {last}"},
    }
)


def joined(items: list[str] | tuple[str, ...], language: str, word: str = "and") -> str:
    """'A', 'A and B', 'A, B and C' (Dutch: 'A, B en C'; word="or": 'A, B of C')."""
    items = list(items)
    if len(items) < 2:
        return "".join(items)
    return LISTS(word, language, first=", ".join(items[:-1]), last=items[-1])


def capitalised(text: str) -> str:
    """The first letter upper case: a sentence may start with a Dutch weekday or month ('vrijdag …')."""
    return text[:1].upper() + text[1:]


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
        "days": {
            "en": {"one": "{n} day ago", "other": "{n} days ago"},
            "nl": {"one": "{n} dag geleden", "other": "{n} dagen geleden"},
        },
        "weeks": {
            "en": {"one": "a week ago", "other": "{n} weeks ago"},
            "nl": {"one": "een week geleden", "other": "{n} weken geleden"},
        },
        "months": {
            "en": {"one": "a month ago", "other": "{n} months ago"},
            "nl": {"one": "een maand geleden", "other": "{n} maanden geleden"},
        },
        "years": {
            "en": {"one": "a year ago", "other": "{n} years ago"},
            "nl": {"one": "een jaar geleden", "other": "{n} jaar geleden"},
        },
    }
)


def ago(day: date, today: date, language: str = "en") -> str:
    """'3 weeks ago' / '3 weken geleden': how long since `day` (bot.domain.elapsed, the one rule for every
    surface), with real plurals; a day still to come by its date."""
    unit, n = elapsed(day, today)
    if unit == "future":
        return long_date(day, language)
    return AGO(unit, language, n=n)


def short_date(day: date, language: str = "en") -> str:
    """'26 Nov 2026' / '26 nov 2026'."""
    month = T("month", language).split("|")[day.month - 1][:3]
    return f"{day.day} {month} {day.year}"
