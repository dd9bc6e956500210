"""Answers to `/goodwill digest …`, `/goodwill nudges …` and `/goodwill lead …` (ephemeral, English and Dutch)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.i18n import Catalog
from bot.render.text import T as TEXT
from bot.render.text import escape, joined, user_mention

T = Catalog(
    {
        "current": {
            "en": "The weekly digest goes to {channel} every {day} at {time} ({zone}).",
            "nl": "Het weekoverzicht gaat elke {day} om {time} ({zone}) naar {channel}.",
        },
        "zone": {"en": "{city} time", "nl": "tijd in {city}"},
        "from_env": {"en": "{channel} (the server's default)", "nl": "{channel} (standaard van de server)"},
        "no_channel": {
            "en": "No digest channel is set yet, so no digest is posted. A workspace admin or team lead can "
            "set one: `/goodwill digest #channel [day] [HH:MM]`.",
            "nl": "Er is nog geen kanaal voor het weekoverzicht, dus er wordt niets geplaatst. Een "
            "workspace-beheerder of teamleider stelt het in: `/goodwill weekoverzicht #kanaal [dag] [UU:MM]`.",
        },
        "how_to_change": {
            "en": "Admins and team leads change it with `/goodwill digest #channel [day] [HH:MM]`.",
            "nl": "Beheerders en teamleiders wijzigen het met `/goodwill weekoverzicht #kanaal [dag] [UU:MM]`.",
        },
        "saved": {"en": "Saved. {current}", "nl": "Opgeslagen. {current}"},
        "not_allowed": {
            "en": "Only workspace admins and team leads can change the digest settings.",
            "nl": "Alleen workspace-beheerders en teamleiders kunnen het weekoverzicht instellen.",
        },
        "bad_word": {
            "en": "I didn't understand `{word}`. Use `/goodwill digest #channel [day] [HH:MM]`, "
            "e.g. `/goodwill digest #network monday 09:00`.",
            "nl": "`{word}` begrijp ik niet. Gebruik `/goodwill weekoverzicht #kanaal [dag] [UU:MM]`, "
            "bijvoorbeeld `/goodwill weekoverzicht #netwerk maandag 09:00`.",
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
            "nl": "Op werkdagen vanaf {time}, in de eigen tijdzone, krijgt elke eigenaar één bericht over de "
            "eigen relaties die zijn stilgevallen.",
        },
        "nudges_how_to_change": {
            "en": "Admins and team leads change the time with `/goodwill nudges HH:MM`.",
            "nl": "Beheerders en teamleiders wijzigen het tijdstip met `/goodwill herinneringen UU:MM`.",
        },
        "nudges_not_allowed": {
            "en": "Only workspace admins and team leads can change when nudges are sent.",
            "nl": "Alleen workspace-beheerders en teamleiders kunnen wijzigen wanneer herinneringen komen.",
        },
        "leads": {
            "en": {"one": "Team lead: {names}.", "other": "Team leads: {names}."},
            "nl": {"one": "Teamleider: {names}.", "other": "Teamleiders: {names}."},
        },
        "no_leads": {"en": "No team leads are set yet.", "nl": "Er zijn nog geen teamleiders."},
        "lead_usage": {
            "en": "Admins make someone a team lead with `/goodwill lead @name`, and undo it with `/goodwill "
            "lead remove @name`. Team leads get a copy of the weekly digest.",
            "nl": "Beheerders maken iemand teamleider met `/goodwill teamleider @naam` en halen dat weg met "
            "`/goodwill teamleider verwijder @naam`. Teamleiders krijgen een kopie van het weekoverzicht.",
        },
        "lead_not_allowed": {
            "en": "Only workspace admins can mark team leads.",
            "nl": "Alleen workspace-beheerders kunnen teamleiders aanwijzen.",
        },
        "lead_bad_word": {
            "en": "I didn't understand `{word}`: mention people with @, e.g. `/goodwill lead @Anna`.",
            "nl": "`{word}` begrijp ik niet: noem mensen met @, bijvoorbeeld `/goodwill teamleider @Anna`.",
        },
        "lead_unknown": {
            "en": "{user} is not a person in this workspace.",
            "nl": "{user} is geen persoon in deze workspace.",
        },
        "leads_added": {
            "en": {
                "one": "{names} is now a team lead and gets the weekly digest.",
                "other": "{names} are now team leads and get the weekly digest.",
            },
            "nl": {
                "one": "{names} is nu teamleider en krijgt het weekoverzicht.",
                "other": "{names} zijn nu teamleider en krijgen het weekoverzicht.",
            },
        },
        "leads_removed": {
            "en": {"one": "{names} is no longer a team lead.", "other": "{names} are no longer team leads."},
            "nl": {"one": "{names} is geen teamleider meer.", "other": "{names} zijn geen teamleider meer."},
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
    return T("current", language, channel=label, day=day, time=time, zone=zone_label(tz, language))


def zone_label(tz: str, language: str) -> str:
    """'Amsterdam time' / 'tijd in Amsterdam' for Europe/Amsterdam: never the zone's internal name."""
    city = tz.rsplit("/", 1)[-1].replace("_", " ") or tz
    return T("zone", language, city=escape(city))


def names(user_ids: Sequence[str], language: str | None = None) -> str:
    """Mentions: '@Anna and @Bram' (without a language: '@Anna, @Bram')."""
    mentions = [user_mention(user) for user in user_ids]
    return joined(mentions, language) if language else ", ".join(mentions)
