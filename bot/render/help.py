"""`/goodwill help`: what Goodwill does and every command with an example, in the member's language."""

from __future__ import annotations

from collections.abc import Sequence

from slack_sdk.models.blocks import (
    Block,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
)

from bot.i18n import Catalog
from bot.render.home import strategy_blocks

T = Catalog(
    {
        "title": {"en": "Goodwill", "nl": "Goodwill"},
        "intro": {
            "en": "Goodwill keeps our network of external relations warm. Log who you met right after you "
            "met them; every relation has an owner and a rhythm, owners get one friendly nudge in their own "
            "morning when a relation goes quiet, and anyone can ask who knows whom.",
            "nl": "Goodwill houdt ons netwerk van externe relaties warm. Leg vast wie je sprak, direct na "
            "het gesprek; elke relatie heeft een eigenaar en een ritme, eigenaren krijgen 's ochtends één "
            "vriendelijke herinnering als een relatie stil valt, en iedereen kan vragen wie wie kent.",
        },
        "commands": {"en": "Commands", "nl": "Commando's"},
        "met": {
            "en": "`/met Jan de Vries (Gemeente Den Haag) yesterday: coffee about housing #housing`\n"
            "Record a meeting in one line: who, organisation, when, what about, themes.",
            "nl": "`/met Jan de Vries (Gemeente Den Haag) gisteren: koffie over huisvesting #wonen`\n"
            "Leg een gesprek vast in één regel: wie, organisatie, wanneer, waarover, thema's.",
        },
        "relation": {
            "en": "`/relation Jan de Vries`\nA relation's card: owner, warmth, who met them, the last "
            "conversations, and buttons to log, hand over, snooze or archive.",
            "nl": "`/relation Jan de Vries`\nDe kaart van een relatie: eigenaar, warmte, wie ze sprak, de "
            "laatste gesprekken, en knoppen om vast te leggen, over te dragen, te sluimeren of te "
            "archiveren.",
        },
        "whoknows": {
            "en": "`/whoknows Gemeente Den Haag`\nWhich colleagues know someone at an organisation, a person "
            "or a theme (`/whoknows #housing`), warmest first.",
            "nl": "`/whoknows Gemeente Den Haag`\nWelke collega's iemand kennen bij een organisatie, een "
            "persoon of een thema (`/whoknows #wonen`), warmste eerst.",
        },
        "network": {
            "en": "`/network` · `/network housing`\nThe themes with their relations, owners and quiet ones; "
            "or one theme in detail, and whether it has a key relation.",
            "nl": "`/network` · `/network wonen`\nDe thema's met hun relaties, eigenaren en stille relaties; "
            "of één thema in detail, en of het een sleutelrelatie heeft.",
        },
        "event": {
            "en": "`/event` · `/event list`\nOrganise a network gathering and invite relations, or list "
            "them.",
            "nl": "`/event` · `/event list`\nOrganiseer een netwerkbijeenkomst en nodig relaties uit, of "
            "bekijk ze.",
        },
        "digest": {
            "en": "`/goodwill digest #network`\nThe channel for the weekly digest of how the network is "
            "kept.",
            "nl": "`/goodwill digest #netwerk`\nHet kanaal voor het wekelijkse overzicht van het netwerk.",
        },
        "strategy": {
            "en": "`/goodwill strategy`\nOur purpose and goals, and the themes under each goal.",
            "nl": "`/goodwill strategy`\nOns doel en onze doelen, en de thema's onder elk doel.",
        },
        "lead": {
            "en": "`/goodwill lead @anna`\nMake a colleague a team lead: they receive the weekly digest.",
            "nl": "`/goodwill lead @anna`\nMaak een collega teamleider: die krijgt het weekoverzicht.",
        },
        "forget": {
            "en": "`/goodwill forget Jan de Vries`\nErase a person who asks to be forgotten (GDPR): the "
            "relation and every conversation with them. Owner or admin only; asks for confirmation.",
            "nl": "`/goodwill vergeet Jan de Vries`\nWis iemand die vraagt vergeten te worden (AVG): de "
            "relatie en elk gesprek met die persoon. Alleen eigenaar of beheerder; vraagt om bevestiging.",
        },
        "help": {
            "en": "`/goodwill help`\nThis overview.",
            "nl": "`/goodwill hulp`\nDit overzicht.",
        },
        "home": {
            "en": "Open Goodwill's *Home* tab for your own relations, what needs attention first, and a "
            "button to log a meeting. Warmth runs from 0 to 100: warm from 60, cooling from 25, cold below.",
            "nl": "Open het tabblad *Home* van Goodwill voor je eigen relaties, wat het eerst aandacht "
            "vraagt, en een knop om een gesprek vast te leggen. Warmte loopt van 0 tot 100: warm vanaf 60, "
            "afkoelend vanaf 25, daaronder koud.",
        },
    }
)

COMMANDS = ("met", "relation", "whoknows", "network", "event", "digest", "strategy", "lead", "forget", "help")


def help_message(language: str, *, purpose: str | None = None, goals: Sequence[str] = ()) -> dict:
    blocks: list[Block] = [
        HeaderBlock(text=T("title", language)),
        SectionBlock(text=MarkdownTextObject(text=T("intro", language))),
    ]
    blocks += strategy_blocks(purpose, goals, language)
    blocks.append(DividerBlock())
    blocks.append(SectionBlock(text=MarkdownTextObject(text=f"*{T('commands', language)}*")))
    blocks += [SectionBlock(text=MarkdownTextObject(text=T(name, language))) for name in COMMANDS]
    blocks.append(ContextBlock(elements=[MarkdownTextObject(text=T("home", language))]))
    return {
        "response_type": "ephemeral",
        "text": T("intro", language),
        "blocks": [b.to_dict() for b in blocks],
    }
