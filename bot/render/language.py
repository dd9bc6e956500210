"""`/goodwill language` (`taal`): the answers, and the one line that offers the other language."""

from __future__ import annotations

from collections.abc import Sequence

from bot.i18n import Catalog
from bot.render.text import joined, user_mention

T = Catalog(
    {
        "name_en": {"en": "English", "nl": "Engels"},
        "name_nl": {"en": "Dutch", "nl": "Nederlands"},
        "yours": {
            "en": "Goodwill speaks {language} to you: your own choice.",
            "nl": "Goodwill spreekt {language} met je: je eigen keuze.",
        },
        "workspace_default": {
            "en": "Goodwill speaks {language} to you: the workspace's language, as you have not chosen one.",
            "nl": "Goodwill spreekt {language} met je: de taal van de workspace, want je hebt zelf geen taal gekozen.",
        },
        "how": {
            "en": "`/goodwill language nl` for Dutch, `/goodwill language en` for English; "
            "`/goodwill language workspace nl` or `en` sets the workspace's language (admins and team leads).",
            "nl": "`/goodwill taal nl` voor Nederlands, `/goodwill taal en` voor Engels; "
            "`/goodwill taal workspace nl` of `en` stelt de taal van de workspace in (beheerders en teamleiders).",
        },
        "chosen": {
            "en": "From now on Goodwill speaks English to you: in answers, forms, nudges, your Home tab and "
            "your copy of the weekly digest. Dutch instead: `/goodwill language nl`.",
            "nl": "Goodwill spreekt voortaan Nederlands met je: in antwoorden, formulieren, herinneringen, je "
            "Home-tabblad en je kopie van het weekoverzicht. Liever Engels: `/goodwill taal en`.",
        },
        "follows_workspace": {
            "en": "Goodwill follows the workspace's language for you again: {language}.",
            "nl": "Goodwill volgt voor jou weer de taal van de workspace: {language}.",
        },
        "workspace_current": {
            "en": "The workspace's language is {language}. Members who have not chosen their own read it, "
            "and so does the digest channel.",
            "nl": "De taal van de workspace is {language}. Wie zelf geen taal heeft gekozen, krijgt Goodwill in die "
            "taal, net als het weekoverzicht in het kanaal.",
        },
        "workspace_set": {
            "en": "The workspace's language is now {language}. Members who have not chosen their own read "
            "{language} from now on, and so does the digest channel.",
            "nl": "De taal van de workspace is nu {language}. Wie zelf geen taal heeft gekozen, krijgt Goodwill "
            "voortaan in het {language}, net als het weekoverzicht in het kanaal.",
        },
        "workspace_not_allowed": {
            "en": "Only workspace admins and team leads can set the workspace's language: ask {people}. "
            "Your own language is yours to choose: `/goodwill language nl` or `en`.",
            "nl": "Alleen workspace-beheerders en teamleiders kunnen de taal van de workspace instellen: vraag "
            "het {people}. Je eigen taal kies je zelf: `/goodwill taal nl` of `en`.",
        },
        "workspace_not_allowed_nobody": {
            "en": "Only workspace admins and team leads can set the workspace's language. Your own language is "
            "yours to choose: `/goodwill language nl` or `en`.",
            "nl": "Alleen workspace-beheerders en teamleiders kunnen de taal van de workspace instellen. Je eigen "
            "taal kies je zelf: `/goodwill taal nl` of `en`.",
        },
        "unknown": {
            "en": "I don't know the language `{word}`. Goodwill speaks English (`en`) and Dutch (`nl`).",
            "nl": "De taal `{word}` ken ik niet. Goodwill spreekt Engels (`en`) en Nederlands (`nl`).",
        },
        # Offered on a member's first contact, written in the other language so that its reader understands it.
        "offer": {
            "en": ":flag-nl: Liever Nederlands? Typ `/goodwill taal nl`.",
            "nl": ":gb: Prefer English? Type `/goodwill language en`.",
        },
        # The Home tab's last line: which language, and how to switch.
        "home": {
            "en": "Goodwill speaks English to you. Liever Nederlands? `/goodwill taal nl`",
            "nl": "Goodwill spreekt Nederlands met je. Prefer English? `/goodwill language en`",
        },
    }
)


def language_name(code: str, language: str) -> str:
    """'Dutch' / 'Nederlands' for 'nl', in the reader's language."""
    return T(f"name_{code}", language)


def text(key: str, language: str, /, **values: object) -> str:
    return T(key, language, **values)


def offer_line(language: str) -> str:
    return T("offer", language)


def not_allowed(people: Sequence[str], language: str) -> str:
    if not people:
        return T("workspace_not_allowed_nobody", language)
    mentions = joined([user_mention(user) for user in people], language, "or")
    return T("workspace_not_allowed", language, people=mentions)
