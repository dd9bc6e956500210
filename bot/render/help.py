"""`/goodwill help`: a short overview, and one section per topic on request (`/goodwill help nudges`).

Slack shows a message shortcut by the name in the manifest, in English, whatever the member's language: the
Dutch help names it as Slack shows it (*Log as meeting*).
"""

from __future__ import annotations

from slack_sdk.models.blocks import Block, ContextBlock, HeaderBlock, MarkdownTextObject, SectionBlock

from bot.domain.strategy import Strategy
from bot.domain.tiers import TIER_ORDER, default_cadence
from bot.i18n import Catalog
from bot.render.language import text as language_text
from bot.render.strategy import strategy_blocks
from bot.render.text import escape, truncate
from bot.render.words import quiet_explained, tier_name, tier_reason, warmth_explained

T = Catalog(
    {
        "title": {"en": "Goodwill", "nl": "Goodwill"},
        "intro": {
            "en": "Goodwill keeps our network of external relations warm. Log who you met, right after you met "
            "them; every relation has an owner, who gets one friendly nudge in their own morning when it goes "
            "quiet; and anyone can ask who knows whom.",
            "nl": "Goodwill houdt ons netwerk van externe relaties warm. Leg vast wie je sprak, direct na het "
            "gesprek; elke relatie heeft een eigenaar, die 's ochtends één vriendelijke herinnering krijgt als de "
            "relatie stilvalt; en iedereen kan vragen wie wie kent.",
        },
        "essentials": {
            "en": "`/met Jan de Vries (Gemeente Den Haag) yesterday: coffee about housing #housing`\n"
            "Log a meeting in one line; `/met` alone opens the form.\n\n"
            "`/relation Jan de Vries` · `/whoknows Gemeente Den Haag` · `/network`\n"
            "A relation's card, who knows whom, and the network by theme.\n\n"
            "Goodwill's *Home* tab: your own relations, the ones that need you first.",
            "nl": "`/met Jan de Vries (Gemeente Den Haag) gisteren: koffie over huisvesting #wonen`\n"
            "Leg een gesprek vast in één regel; alleen `/met` opent het formulier.\n\n"
            "`/relation Jan de Vries` · `/whoknows Gemeente Den Haag` · `/network`\n"
            "De kaart van een relatie, wie wie kent, en het netwerk per thema.\n\n"
            "Het *Home*-tabblad van Goodwill: je eigen relaties, met bovenaan wat aandacht vraagt.",
        },
        "topics": {
            "en": "More about one topic: `/goodwill help met` · `nudges` · `relations` · `events` · `digest` · "
            "`settings` · `strategy` · `words`",
            "nl": "Meer over één onderwerp: `/goodwill hulp vastleggen` · `herinneringen` · `relaties` · "
            "`bijeenkomsten` · `weekoverzicht` · `instellingen` · `strategie` · `begrippen`",
        },
        "unknown_topic": {
            "en": "I have no help about `{word}`; these are the topics.",
            "nl": "Over `{word}` heb ik geen uitleg; dit zijn de onderwerpen.",
        },
        # topic titles
        "title_met": {"en": "Logging a meeting", "nl": "Een gesprek vastleggen"},
        "title_nudges": {"en": "Nudges", "nl": "Herinneringen"},
        "title_relations": {"en": "Relations and who knows whom", "nl": "Relaties en wie wie kent"},
        "title_events": {"en": "Events", "nl": "Bijeenkomsten"},
        "title_digest": {"en": "The weekly digest", "nl": "Het weekoverzicht"},
        "title_settings": {"en": "Settings", "nl": "Instellingen"},
        "title_strategy": {"en": "Our network strategy", "nl": "Onze netwerkstrategie"},
        "title_words": {"en": "What the words mean", "nl": "Wat de woorden betekenen"},
        # logging
        "met": {
            "en": "`/met Jan de Vries (Gemeente Den Haag) yesterday: coffee about housing #housing`\n"
            "Who (the organisation in brackets), when (today if you say nothing; `yesterday`, `last Tuesday`, "
            "`12 March`), then `:` and what you talked about. `#themes` anywhere; colleagues who were there as "
            "`@mentions` before the `:`; `!key`, `!regular` or `!wider` sets the tier. Several people from one "
            "meeting: separate them with `;`.",
            "nl": "`/met Jan de Vries (Gemeente Den Haag) gisteren: koffie over huisvesting #wonen`\n"
            "Wie (de organisatie tussen haakjes), wanneer (vandaag als je niets zegt; `gisteren`, `vorige week "
            "dinsdag`, `12 maart`), dan `:` en waar het over ging. `#thema's` mogen overal; collega's die erbij "
            "waren noem je met `@` vóór de `:`; `!sleutel`, `!regulier` of `!breed` bepaalt het niveau. Meer "
            "mensen uit één gesprek: scheid ze met `;`.",
        },
        "met_answer": {
            "en": "Goodwill says exactly what it stored, with *Undo* and *Edit*. `/met` alone opens the form.",
            "nl": "Goodwill zegt precies wat er is opgeslagen, met *Ongedaan maken* en *Bewerken*. Alleen `/met` "
            "opent het formulier.",
        },
        "log_as_meeting": {
            "en": "*Log as meeting* (on a message: ⋮ → *Log as meeting*)\nThe message that arranged or summarised "
            "a meeting becomes the form, filled in with its day, its text and the colleagues it mentions.",
            "nl": "*Log as meeting* (bij een bericht: ⋮ → *Log as meeting*; Slack toont deze naam in het "
            "Engels)\nHet bericht waarin een gesprek werd afgesproken of samengevat wordt het formulier, al "
            "ingevuld met de dag, de tekst en de collega's die erin staan.",
        },
        # nudges
        "nudges": {
            "en": "On working days, in their own morning, each owner gets one message listing their relations "
            "that have gone quiet, key relations first. *Log contact…* opens the form; the ⋮ menu snoozes a "
            "relation (1 week, 2 weeks or 1 month), hands it over to a colleague or archives it. The message "
            "empties as you go.",
            "nl": "Op werkdagen krijgt elke eigenaar 's ochtends, in de eigen tijdzone, één bericht met de eigen "
            "relaties die zijn stilgevallen, sleutelrelaties eerst. *Contact vastleggen…* opent het formulier; "
            "met het ⋮-menu stel je een relatie uit (1 week, 2 weken of 1 maand), draag je haar over aan een "
            "collega of archiveer je haar. Wat je afhandelt, wordt in het bericht afgevinkt.",
        },
        "nudges_reactions": {
            "en": "React with :white_check_mark: when you had contact today (a message about one relation), or "
            "with :zzz: to snooze everything in it two weeks.",
            "nl": "Reageer met :white_check_mark: als je vandaag contact had (bij een bericht over één relatie), "
            "of met :zzz: om alles erin twee weken uit te stellen.",
        },
        "nudges_time": {
            "en": "`/goodwill nudges 08:30`\nFrom what time the messages come (admins and team leads).",
            "nl": "`/goodwill herinneringen 08:30`\nVanaf hoe laat de berichten komen (beheerders en teamleiders).",
        },
        # relations
        "relation": {
            "en": "`/relation Jan de Vries`\nA relation's card: owner, tier and cadence, warmth, who met them, "
            "the last meetings, and buttons to log, hand over, snooze or archive.",
            "nl": "`/relation Jan de Vries`\nDe kaart van een relatie: eigenaar, niveau en ritme, warmte, wie ze "
            "sprak, de laatste gesprekken, en knoppen om vast te leggen, over te dragen, uit te stellen of te "
            "archiveren.",
        },
        "whoknows": {
            "en": "`/whoknows Gemeente Den Haag`\nWhich colleagues know someone at an organisation, a person "
            "or a theme (`/whoknows #housing`), warmest first; and the meetings in which the words were "
            "discussed (`/whoknows subsidy application`: any form, Dutch or English). Also in your Home tab.",
            "nl": "`/whoknows Gemeente Den Haag`\nWelke collega's iemand kennen bij een organisatie, een "
            "persoon of een thema (`/whoknows #wonen`), warmste eerst; en de gesprekken waarin de woorden "
            "besproken zijn (`/whoknows subsidie aanvraag`: elke vorm, Nederlands of Engels). Ook op je Home-tabblad.",
        },
        "network": {
            "en": "`/network` · `/network housing`\nThe themes with their relations, owners and quiet ones; or "
            "one theme in detail, and whether it has a key relation.",
            "nl": "`/network` · `/network wonen`\nDe thema's met hun relaties, eigenaren en stille relaties; of "
            "één thema in detail, en of het een sleutelrelatie heeft.",
        },
        # events
        "event": {
            "en": "`/event`\nPlan a network event: Goodwill proposes relations on its goal or themes, quiet "
            "ones first, and asks their owners to invite them.",
            "nl": "`/event`\nPlan een netwerkbijeenkomst: Goodwill stelt relaties voor bij het doel of de thema's, "
            "stille eerst, en vraagt hun eigenaren ze uit te nodigen.",
        },
        "event_list": {
            "en": "`/event list`\nUpcoming and recent events, with who accepted and who came; move or cancel "
            "the ones you organise.",
            "nl": "`/event lijst`\nKomende en recente bijeenkomsten, met wie ja zei en wie er was; verplaats of "
            "zeg af wat jij organiseert.",
        },
        # digest
        "digest": {
            "en": "Every week Goodwill posts a digest to a channel: first what needs attention (key relations "
            "gone quiet, relations that depend on one person, goals without meetings) with the next step, then "
            "the figures, then the week's meetings. Team leads get a copy in a direct message, with the names "
            "the channel does not show.",
            "nl": "Elke week plaatst Goodwill een overzicht in een kanaal: eerst wat aandacht vraagt "
            "(sleutelrelaties die zijn stilgevallen, relaties die van één persoon afhangen, doelen zonder "
            "gesprekken) met de volgende stap, dan de cijfers, dan de gesprekken van de week. Teamleiders krijgen "
            "een kopie in een direct bericht, met de namen die het kanaal niet toont.",
        },
        "digest_setting": {
            "en": "`/goodwill digest #network monday 09:00`\nWhere and when the digest is posted (channel, day "
            "and time are each optional; admins and team leads).",
            "nl": "`/goodwill weekoverzicht #netwerk maandag 09:00`\nWaar en wanneer het weekoverzicht verschijnt "
            "(kanaal, dag en tijd zijn elk optioneel; beheerders en teamleiders).",
        },
        "lead": {
            "en": "`/goodwill lead @anna`\nMake a colleague a team lead: they get the digest's copy (admins).",
            "nl": "`/goodwill teamleider @anna`\nMaak een collega teamleider: die krijgt de kopie van het "
            "weekoverzicht (beheerders).",
        },
        # settings
        "forget": {
            "en": "`/goodwill forget Jan de Vries`\nErase a person who asks to be forgotten (GDPR): the relation "
            "and every meeting with them. Owner or admin only; asks for confirmation first.",
            "nl": "`/goodwill vergeet Jan de Vries`\nWis iemand die vraagt vergeten te worden (AVG): de relatie en "
            "elk gesprek met die persoon. Alleen de eigenaar of een beheerder; Goodwill vraagt eerst om "
            "bevestiging.",
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
            "en": "`/goodwill strategy`\nWrite down our purpose and goals, and the themes under each goal (admins "
            "and team leads).",
            "nl": "`/goodwill strategie`\nLeg onze missie en doelen vast, en de thema's onder elk doel "
            "(beheerders en teamleiders).",
        },
        # words
        "words_relation": {
            "en": "*Relation* — someone outside the organisation we want to stay in touch with. Its *owner* is "
            "the colleague who looks after it: the one who is nudged.",
            "nl": "*Relatie* — iemand buiten de organisatie met wie we contact willen houden. De *eigenaar* is de "
            "collega die de relatie onderhoudt: die krijgt de herinneringen.",
        },
        "words_meeting": {
            "en": "*Meeting* — any contact you log: face to face, a call or a message. *Log* is what you do "
            "with `/met` or the form.",
            "nl": "*Gesprek* — elk contact dat je vastlegt: een ontmoeting, telefoon of video, of een bericht. "
            "*Vastleggen* doe je met `/met` of het formulier.",
        },
        "words_tiers": {
            "en": "*Tier and cadence* — how close a relation is, and so how often we want contact:",
            "nl": "*Niveau en ritme* — hoe dichtbij een relatie staat, en dus hoe vaak we contact willen:",
        },
        "words_tier": {"en": "• *{tier}*: every {days} days — {why}", "nl": "• *{tier}*: elke {days} dagen — {why}"},
        "words_quiet": {"en": "*Quiet* — {explained}", "nl": "*Stilgevallen* — {explained}"},
        "words_warmth": {"en": "*Warmth* — {explained}", "nl": "*Warmte* — {explained}"},
        "words_snooze": {
            "en": "*Snooze* — no nudges about a relation until a date you choose. *Archive* — no longer a "
            "relation we keep warm; its history stays.",
            "nl": "*Uitstellen* — geen herinneringen over een relatie tot een datum die je kiest. *Archiveren* — "
            "geen relatie meer die we warm houden; de geschiedenis blijft.",
        },
    }
)

# topic -> the catalog keys of its sections
TOPICS: dict[str, tuple[str, ...]] = {
    "met": ("met", "met_answer", "log_as_meeting"),
    "nudges": ("nudges", "nudges_reactions", "nudges_time"),
    "relations": ("relation", "whoknows", "network"),
    "events": ("event", "event_list"),
    "digest": ("digest", "digest_setting", "lead"),
    "settings": ("nudges_time", "digest_setting", "lead", "leaving", "strategy", "forget"),
    "strategy": ("strategy",),
    "words": ("words_relation", "words_meeting"),
}
# what members may type after `/goodwill help`, in English and Dutch
_WORDS: dict[str, tuple[str, ...]] = {
    "met": ("met", "log", "logging", "vastleggen", "gesprek", "gesprekken", "shortcut"),
    "nudges": ("nudges", "nudge", "herinneringen", "herinnering", "snooze", "uitstellen"),
    "relations": ("relations", "relation", "relaties", "relatie", "network", "netwerk", "whoknows", "card", "kaart"),
    "events": ("events", "event", "bijeenkomsten", "bijeenkomst"),
    "digest": ("digest", "weekoverzicht", "lead", "leads", "teamleider"),
    "settings": (
        "settings",
        "instellingen",
        "language",
        "taal",
        "forget",
        "vergeet",
        "vergeten",
        "leaving",
        "vertrekt",
    ),
    "strategy": ("strategy", "strategie", "goals", "doelen", "purpose", "missie"),
    "words": (
        "words",
        "woorden",
        "begrippen",
        "glossary",
        "tiers",
        "tier",
        "niveau",
        "cadence",
        "ritme",
        "warmth",
        "warmte",
        "quiet",
        "stil",
    ),
}
TOPIC_WORDS = {word: topic for topic, words in _WORDS.items() for word in words}


def _section(text: str) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=truncate(text, 3000)))


def _context(text: str) -> ContextBlock:
    return ContextBlock(elements=[MarkdownTextObject(text=truncate(text, 3000))])


def _language_line(language: str) -> str:
    return language_text("home", language)


def _message(blocks: list[Block | dict], fallback: str) -> dict:
    return {
        "response_type": "ephemeral",
        "text": fallback,
        "blocks": [b if isinstance(b, dict) else b.to_dict() for b in blocks],
    }


def help_message(language: str, strategy: Strategy, topic: str = "") -> dict:
    """The short overview, or one topic (English or Dutch words); an unknown topic gets the overview."""
    word = topic.strip().lower()
    chosen = TOPIC_WORDS.get(word) if word else None
    if chosen:
        return topic_message(chosen, language, strategy)
    blocks: list[Block | dict] = [
        HeaderBlock(text=T("title", language)),
        _section(T("intro", language)),
        _section(T("essentials", language)),
    ]
    if word:
        blocks.append(_context(T("unknown_topic", language, word=escape(truncate(word, 40)))))
    blocks += [_context(T("topics", language)), _context(_language_line(language))]
    return _message(blocks, T("intro", language))


def topic_message(topic: str, language: str, strategy: Strategy) -> dict:
    title = T(f"title_{topic}", language)
    blocks: list[Block | dict] = [HeaderBlock(text=title)]
    if topic == "strategy":
        blocks += strategy_blocks(strategy.purpose, strategy.goals, language)
    blocks += [_section(T(key, language)) for key in TOPICS[topic]]
    if topic == "words":
        tiers = [T("words_tiers", language)]
        for tier in TIER_ORDER:
            name = tier_name(tier, language)
            days, why = default_cadence(tier), tier_reason(tier, language)
            tiers.append(T("words_tier", language, tier=name[:1].upper() + name[1:], days=days, why=why))
        blocks.append(_section("\n".join(tiers)))
        blocks.append(_section(T("words_quiet", language, explained=quiet_explained(language))))
        blocks.append(_section(T("words_warmth", language, explained=warmth_explained(language))))
        blocks.append(_section(T("words_snooze", language)))
    if topic == "settings":
        blocks.insert(1, _section(language_text("how", language)))
    blocks.append(_context(T("topics", language)))
    return _message(blocks, title)
