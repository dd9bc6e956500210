"""`/goodwill help`: what Goodwill does and every command with an example, in the member's language."""

from __future__ import annotations

from slack_sdk.models.blocks import (
    Block,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
)

from bot.domain.strategy import Strategy
from bot.i18n import Catalog
from bot.render.strategy import strategy_blocks

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
        "log_as_meeting": {
            "en": "*Log as meeting* (on a message: ⋮ → _Log as meeting_)\nThe message that arranged or "
            "summarised a meeting becomes the meeting form, prefilled with its day, text and the colleagues "
            "it mentions.",
            "nl": "*Log as meeting* (bij een bericht: ⋮ → _Log as meeting_)\nHet bericht waarin een "
            "gesprek werd afgesproken of samengevat wordt het gespreksformulier, vooraf ingevuld met de dag, "
            "de tekst en de genoemde collega's.",
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
            "en": "`/event`\nPlan a network gathering: Goodwill proposes relations on its goal or themes, "
            "quiet and cooling ones first, and asks their owners to invite them.",
            "nl": "`/event`\nPlan een netwerkbijeenkomst: Goodwill stelt relaties voor op het doel of de "
            "thema's, stille en afkoelende eerst, en vraagt hun eigenaren ze uit te nodigen.",
        },
        "event_list": {
            "en": "`/event list`\nUpcoming and recent events with who accepted and attended; move or cancel "
            "the ones you organise.",
            "nl": "`/event lijst`\nKomende en recente bijeenkomsten, met wie ja zei en wie er was; "
            "verplaats of zeg af wat jij organiseert.",
        },
        "digest": {
            "en": "`/goodwill digest #network monday 09:00`\nWhere and when the weekly digest of how the "
            "network is kept is posted (channel, day and time are each optional; admins and leads).",
            "nl": "`/goodwill weekoverzicht #netwerk maandag 09:00`\nWaar en wanneer het wekelijkse "
            "overzicht van het netwerk verschijnt (kanaal, dag en tijd zijn elk optioneel; beheerders en "
            "teamleiders).",
        },
        "nudges": {
            "en": "`/goodwill nudges 08:30`\nFrom what time owners get their daily message about quiet "
            "relations, each in their own time zone (admins and leads).",
            "nl": "`/goodwill herinneringen 08:30`\nVanaf hoe laat eigenaren hun dagelijkse bericht over stille "
            "relaties krijgen, elk in hun eigen tijdzone (beheerders en teamleiders).",
        },
        "lead": {
            "en": "`/goodwill lead @anna`\nMake a colleague a team lead: they receive the weekly digest (admins).",
            "nl": "`/goodwill teamleider @anna`\nMaak een collega teamleider: die krijgt het weekoverzicht "
            "(beheerders).",
        },
        "leaving": {
            "en": "`/goodwill leaving @anna 2027-01-29`\nMark a colleague's last day (admins and leads). A week before,"
            " and whenever someone's Slack account is deactivated, every admin and lead gets one message proposing"
            " who takes over each of their relations; accept all, pick someone else, or hand one to the team lead."
            " `@anna off` takes the date back.",
            "nl": "`/goodwill vertrekt @anna 2027-01-29`\nNoteer de laatste werkdag van een collega (beheerders en"
            " teamleiders). Een week eerder, en zodra iemands Slack-account wordt gedeactiveerd, krijgt elke beheerder"
            " en teamleider één bericht met voorstellen voor wie elke relatie overneemt; accepteer alles, kies iemand"
            " anders of draag een relatie over aan de teamleider. `@anna uit` maakt de datum ongedaan.",
        },
        "strategy": {
            "en": "`/goodwill strategy`\nWrite down our purpose and goals, and the themes under each goal "
            "(admins and leads).",
            "nl": "`/goodwill strategie`\nLeg ons doel en onze doelen vast, en de thema's onder elk doel "
            "(beheerders en teamleiders).",
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

# Every command and the message shortcut, each with an example (the catalog keys above).
COMMANDS = (
    "met",
    "log_as_meeting",
    "relation",
    "whoknows",
    "network",
    "event",
    "event_list",
    "digest",
    "nudges",
    "lead",
    "leaving",
    "strategy",
    "forget",
    "help",
)


def help_message(language: str, strategy: Strategy) -> dict:
    """What Goodwill does, why (the organisation's purpose and goals), and every command with an example."""
    blocks: list[Block | dict] = [
        HeaderBlock(text=T("title", language)),
        SectionBlock(text=MarkdownTextObject(text=T("intro", language))),
    ]
    blocks += strategy_blocks(strategy.purpose, strategy.goals, language)
    blocks.append(DividerBlock())
    blocks.append(SectionBlock(text=MarkdownTextObject(text=f"*{T('commands', language)}*")))
    blocks += [SectionBlock(text=MarkdownTextObject(text=T(name, language))) for name in COMMANDS]
    blocks.append(ContextBlock(elements=[MarkdownTextObject(text=T("home", language))]))
    return {
        "response_type": "ephemeral",
        "text": T("intro", language),
        "blocks": [b if isinstance(b, dict) else b.to_dict() for b in blocks],
    }
