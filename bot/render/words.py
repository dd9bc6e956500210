"""The words every surface shares: one term per concept in each language (docs/glossary.md), counted nouns
with real plurals, and the short explanations of the words people meet (tiers, cadence, quiet, warmth)."""

from __future__ import annotations

from bot.domain.tiers import TIER_ORDER, default_cadence
from bot.domain.warmth import COOLING_FROM, WARM_FROM
from bot.i18n import Catalog

W = Catalog(
    {
        # tiers: how close a relation is, and so how often we want contact (its cadence)
        "tier_key": {"en": "key relation", "nl": "sleutelrelatie"},
        "tier_regular": {"en": "regular relation", "nl": "reguliere relatie"},
        "tier_wider": {"en": "wider circle", "nl": "bredere kring"},
        "tiers_key": {"en": "key relations", "nl": "sleutelrelaties"},
        "tiers_regular": {"en": "regular relations", "nl": "reguliere relaties"},
        "tiers_wider": {"en": "wider circle", "nl": "bredere kring"},
        "count_key": {
            "en": {"one": "{n} key relation", "other": "{n} key relations"},
            "nl": {"one": "{n} sleutelrelatie", "other": "{n} sleutelrelaties"},
        },
        "count_regular": {
            "en": {"one": "{n} regular relation", "other": "{n} regular relations"},
            "nl": {"one": "{n} reguliere relatie", "other": "{n} reguliere relaties"},
        },
        "count_wider": {
            "en": {"one": "{n} in the wider circle", "other": "{n} in the wider circle"},
            "nl": {"one": "{n} in de bredere kring", "other": "{n} in de bredere kring"},
        },
        "why_key": {
            "en": "the few people our goals depend on",
            "nl": "de paar mensen van wie onze doelen afhangen",
        },
        "why_regular": {"en": "people we work with", "nl": "mensen met wie we samenwerken"},
        "why_wider": {
            "en": "people worth hearing from now and then",
            "nl": "mensen die we af en toe willen spreken",
        },
        "tier_option": {"en": "{tier} — every {days} days", "nl": "{tier} — elke {days} dagen"},
        "cadence": {
            "en": {"one": "every day", "other": "every {n} days"},
            "nl": {"one": "elke dag", "other": "elke {n} dagen"},
        },
        # what the words mean, told where people meet them
        "quiet_explained": {
            "en": "A relation goes quiet when nobody has logged contact for longer than its cadence: "
            "{key} days for a key relation, {regular} for a regular relation, {wider} for the wider circle.",
            "nl": "Een relatie valt stil als er langer dan haar ritme geen contact is vastgelegd: {key} dagen voor "
            "een sleutelrelatie, {regular} voor een reguliere relatie, {wider} voor de bredere kring.",
        },
        "warmth_explained": {
            "en": "Warmth runs from 0 to 100: each meeting adds to it and it fades as time passes without "
            "contact. Warm from {warm}, cooling from {cooling}, cold below.",
            "nl": "Warmte loopt van 0 tot 100: elk gesprek warmt een relatie op, zonder contact koelt ze langzaam "
            "af. Warm vanaf {warm}, afkoelend vanaf {cooling}, daaronder koud.",
        },
        # counted nouns
        "relations": {
            "en": {"one": "{n} relation", "other": "{n} relations"},
            "nl": {"one": "{n} relatie", "other": "{n} relaties"},
        },
        "meetings": {
            "en": {"one": "{n} meeting", "other": "{n} meetings"},
            "nl": {"one": "{n} gesprek", "other": "{n} gesprekken"},
        },
        "logged_meetings": {
            "en": {"one": "{n} logged meeting", "other": "{n} logged meetings"},
            "nl": {"one": "{n} vastgelegd gesprek", "other": "{n} vastgelegde gesprekken"},
        },
        "owners": {
            "en": {"one": "{n} owner", "other": "{n} owners"},
            "nl": {"one": "{n} eigenaar", "other": "{n} eigenaren"},
        },
        "colleagues": {
            "en": {"one": "{n} colleague", "other": "{n} colleagues"},
            "nl": {"one": "{n} collega", "other": "{n} collega's"},
        },
        "themes": {
            "en": {"one": "{n} theme", "other": "{n} themes"},
            "nl": {"one": "{n} thema", "other": "{n} thema's"},
        },
        "goals": {
            "en": {"one": "{n} goal", "other": "{n} goals"},
            "nl": {"one": "{n} doel", "other": "{n} doelen"},
        },
        "invitations": {
            "en": {"one": "{n} invitation", "other": "{n} invitations"},
            "nl": {"one": "{n} uitnodiging", "other": "{n} uitnodigingen"},
        },
        "events": {
            "en": {"one": "{n} event", "other": "{n} events"},
            "nl": {"one": "{n} bijeenkomst", "other": "{n} bijeenkomsten"},
        },
        "notes": {
            "en": {"one": "{n} other note", "other": "{n} other notes"},
            "nl": {"one": "{n} andere notitie", "other": "{n} andere notities"},
        },
        "quiet": {
            "en": {"one": "{n} quiet", "other": "{n} quiet"},
            "nl": {"one": "{n} stil", "other": "{n} stil"},
        },
    }
)


def tier_name(tier: str, language: str) -> str:
    """'key relation' / 'sleutelrelatie'; an unknown tier as it is stored."""
    return W(f"tier_{tier}", language) if f"tier_{tier}" in W else tier


def tiers_name(tier: str, language: str) -> str:
    """The tier as a group: 'key relations' / 'sleutelrelaties'."""
    return W(f"tiers_{tier}", language) if f"tiers_{tier}" in W else tier


def tier_count(tier: str, n: int, language: str) -> str:
    """'3 key relations' / '3 sleutelrelaties'."""
    return W(f"count_{tier}", language, n=n) if f"count_{tier}" in W else f"{n} {tier}"


def tier_option(tier: str, language: str) -> str:
    """'Key relation — every 30 days': how a tier is offered in a choice."""
    name = tier_name(tier, language)
    return W("tier_option", language, tier=name[:1].upper() + name[1:], days=default_cadence(tier))


def tier_reason(tier: str, language: str) -> str:
    """Why a tier has its cadence: 'the few people our goals depend on'."""
    return W(f"why_{tier}", language) if f"why_{tier}" in W else ""


def counted(noun: str, n: int, language: str) -> str:
    """'1 relation', '3 relations' / '1 relatie', '3 relaties'."""
    return W(noun, language, n=n)


def cadence(days: int, language: str) -> str:
    return W("cadence", language, n=days)


def quiet_explained(language: str) -> str:
    days = {tier: default_cadence(tier) for tier in TIER_ORDER}
    return W("quiet_explained", language, **days)


def warmth_explained(language: str) -> str:
    return W("warmth_explained", language, warm=WARM_FROM, cooling=COOLING_FROM)
