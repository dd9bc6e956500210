"""Answers to `/goodwill digest …`, `/goodwill nudges …` and `/goodwill lead …` (ephemeral, English and Dutch)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.i18n import Catalog
from bot.render.text import T as TEXT
from bot.render.text import escape, user_mention

T = Catalog(
    {
        "current": {
            "en": "The weekly digest goes to {channel} every {day} at {time} ({tz}).",
            "nl": "Het weekoverzicht gaat elke {day} om {time} ({tz}) naar {channel}.",
        },
        "from_env": {"en": "{channel} (the server's default)", "nl": "{channel} (standaard van de server)"},
        "no_channel": {
            "en": "No digest channel is set yet, so no digest is posted. A workspace admin or team "
            "lead can set "
            "one: `/goodwill digest #channel [day] [HH:MM]`.",
            "nl": "Er is nog geen kanaal voor het weekoverzicht, dus er wordt niets geplaatst. Een "
            "workspace-beheerder "
            "of teamleider stelt het in: `/goodwill digest #kanaal [dag] [UU:MM]`.",
        },
        "how_to_change": {
            "en": "Admins and team leads change it with `/goodwill digest #channel [day] [HH:MM]`.",
            "nl": "Beheerders en teamleiders wijzigen het met `/goodwill digest #kanaal [dag] [UU:MM]`.",
        },
        "saved": {"en": "Saved. {current}", "nl": "Opgeslagen. {current}"},
        "not_allowed": {
            "en": "Only workspace admins and team leads can change the digest settings.",
            "nl": "Alleen workspace-beheerders en teamleiders kunnen het weekoverzicht instellen.",
        },
        "bad_word": {
            "en": "I didn't understand `{word}`. Use `/goodwill digest #channel [day] [HH:MM]`, "
            "e.g. `/goodwill digest #network monday 09:00`.",
            "nl": "`{word}` begrijp ik niet. Gebruik `/goodwill digest #kanaal [dag] [UU:MM]`, "
            "bijvoorbeeld `/goodwill digest #netwerk maandag 09:00`.",
        },
        "plain_channel": {
            "en": "Pick the channel from Slack's list as you type `#`, so that it becomes a link (I got `{word}`).",
            "nl": "Kies het kanaal uit de lijst die Slack toont als je `#` typt, zodat het een link wordt "
            "(ik kreeg `{word}`).",
        },
        "bad_time": {
            "en": "`{word}` is not a time of day; write it as HH:MM, e.g. 09:00.",
            "nl": "`{word}` is geen tijdstip; schrijf het als UU:MM, bijvoorbeeld 09:00.",
        },
        "invite_me": {
            "en": "I am not in {channel} yet: invite me there with `/invite @Goodwill`, or the "
            "digest cannot be posted.",
            "nl": "Ik zit nog niet in {channel}: nodig me uit met `/invite @Goodwill`, anders kan ik het "
            "weekoverzicht niet plaatsen.",
        },
        "cannot_see": {
            "en": "I cannot see {channel}. For a private channel, invite me first with `/invite @Goodwill`.",
            "nl": "Ik kan {channel} niet zien. Nodig me bij een privékanaal eerst uit met `/invite @Goodwill`.",
        },
        "nudges_current": {
            "en": "On working days from {time}, in their own time zone, each owner gets one message about "
            "their relations that have gone quiet.",
            "nl": "Op werkdagen vanaf {time}, in hun eigen tijdzone, krijgt elke eigenaar één bericht over hun "
            "relaties die stil zijn gevallen.",
        },
        "nudges_how_to_change": {
            "en": "Admins and team leads change the time with `/goodwill nudges HH:MM`.",
            "nl": "Beheerders en teamleiders wijzigen het tijdstip met `/goodwill herinneringen UU:MM`.",
        },
        "nudges_not_allowed": {
            "en": "Only workspace admins and team leads can change when nudges are sent.",
            "nl": "Alleen workspace-beheerders en teamleiders kunnen wijzigen wanneer herinneringen komen.",
        },
        "leads": {"en": "Team leads: {names}.", "nl": "Teamleiders: {names}."},
        "no_leads": {"en": "No team leads are set yet.", "nl": "Er zijn nog geen teamleiders."},
        "lead_usage": {
            "en": "Admins mark team leads with `/goodwill lead @name`, and unmark with `/goodwill "
            "lead remove @name`. "
            "Leads get a copy of the weekly digest.",
            "nl": "Beheerders maken iemand teamleider met `/goodwill lead @naam` en halen dat weg met "
            "`/goodwill lead verwijder @naam`. Teamleiders krijgen een kopie van het weekoverzicht.",
        },
        "lead_not_allowed": {
            "en": "Only workspace admins can mark team leads.",
            "nl": "Alleen workspace-beheerders kunnen teamleiders aanwijzen.",
        },
        "lead_bad_word": {
            "en": "I didn't understand `{word}`: mention people with @, e.g. `/goodwill lead @Anna`.",
            "nl": "`{word}` begrijp ik niet: noem mensen met @, bijvoorbeeld `/goodwill lead @Anna`.",
        },
        "lead_unknown": {
            "en": "{user} is not a person in this workspace.",
            "nl": "{user} is geen persoon in deze workspace.",
        },
        "leads_added": {
            "en": "{names} now get the weekly digest as team lead.",
            "nl": "{names} krijgen nu als teamleider het weekoverzicht.",
        },
        "leads_removed": {
            "en": "{names} are no longer team lead.",
            "nl": "{names} zijn geen teamleider meer.",
        },
    }
)

_CHANNEL_ID = re.compile(r"^[CG][A-Z0-9]{2,30}$")


def channel_label(channel: str) -> str:
    """A channel id becomes a link; anything else (a name from the environment) is shown escaped."""
    return f"<#{channel}>" if _CHANNEL_ID.match(channel) else escape(channel)


def current_setting(language: str, *, channel: str | None, from_env: bool, weekday: int, time: str, tz: str) -> str:
    if not channel:
        return T("no_channel", language)
    label = channel_label(channel)
    if from_env:
        label = T("from_env", language, channel=label)
    day = TEXT("weekday", language).split("|")[weekday % 7]
    return T("current", language, channel=label, day=day, time=time, tz=escape(tz))


def names(user_ids: Sequence[str]) -> str:
    return ", ".join(user_mention(user) for user in user_ids)
