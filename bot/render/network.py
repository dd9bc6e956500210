"""The network surfaces: the relation card, pick-a-relation lists, /whoknows and /network answers."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ConfirmObject,
    ContextBlock,
    DividerBlock,
    InputBlock,
    MarkdownTextObject,
    Option,
    PlainTextInputElement,
    RadioButtonsElement,
    SectionBlock,
    StaticSelectElement,
    UserSelectElement,
)
from slack_sdk.models.views import View

from bot.domain.network import (
    InteractionLine,
    RelationCard,
    RelationRef,
    ThemeSummary,
    ThemeView,
    WhoKnowsAnswer,
)
from bot.domain.tiers import TIER_ORDER, default_cadence
from bot.domain.warmth import warmth_bar, warmth_level
from bot.i18n import Catalog
from bot.render.text import ago, escape, long_date, short_date, truncate, user_mention
from bot.render.words import cadence, counted, tier_name, tier_option, tier_reason

SECTION_LIMIT = 3000
MAX_MESSAGE_BLOCKS = 50
SNOOZE_CHOICES = (("1w", 7), ("2w", 14), ("1m", 30))

T = Catalog(
    {
        "owner": {"en": "Owner", "nl": "Eigenaar"},
        "tier": {"en": "Tier", "nl": "Niveau"},
        "themes": {"en": "Themes", "nl": "Thema's"},
        "no_themes": {"en": "none yet", "nl": "nog geen"},
        "warmth": {"en": "Warmth", "nl": "Warmte"},
        "warm": {"en": "warm", "nl": "warm"},
        "cooling": {"en": "cooling", "nl": "afkoelend"},
        "cold": {"en": "cold", "nl": "koud"},
        "last_contact": {"en": "Last contact", "nl": "Laatste contact"},
        "by": {"en": "by {who}", "nl": "door {who}"},
        "never_met": {"en": "not met yet", "nl": "nog niet gesproken"},
        "met_by": {"en": "Met by", "nl": "Gesproken door"},
        "recent": {"en": "The last {n} of {total} meetings", "nl": "De laatste {n} van {total} gesprekken"},
        "recent_all": {
            "en": {"one": "The one meeting so far", "other": "All {n} meetings"},
            "nl": {"one": "Het enige gesprek tot nu toe", "other": "Alle {n} gesprekken"},
        },
        "no_interactions": {"en": "No meetings logged yet.", "nl": "Nog geen gesprekken vastgelegd."},
        "with": {"en": "with {names}", "nl": "samen met {names}"},
        "gave": {"en": "What we offered", "nl": "Wat wij aanboden"},
        "got": {"en": "What they offered", "nl": "Wat zij aanboden"},
        "private_withheld": {
            "en": ":lock: Private notes — only {who} can read them",
            "nl": ":lock: Privénotities — alleen {who} kan ze lezen",
        },
        "private_yours": {
            "en": ":lock: Private: only you see these notes",
            "nl": ":lock: Privé: alleen jij ziet deze notities",
        },
        "kind_meeting": {"en": "face to face", "nl": "ontmoeting"},
        "kind_call": {"en": "call", "nl": "telefoon of video"},
        "kind_message": {"en": "message", "nl": "bericht"},
        "kind_event": {"en": "event", "nl": "bijeenkomst"},
        "kind_import": {"en": "imported", "nl": "geïmporteerd"},
        "snoozed": {"en": ":zzz: Snoozed until {day}", "nl": ":zzz: Uitgesteld tot {day}"},
        "archived": {"en": ":file_cabinet: Archived", "nl": ":file_cabinet: Gearchiveerd"},
        "log": {"en": "Log a meeting", "nl": "Gesprek vastleggen"},
        "change_owner": {"en": "Change owner", "nl": "Andere eigenaar"},
        "change_tier": {"en": "Tier and cadence", "nl": "Niveau en ritme"},
        "add_theme": {"en": "Add theme", "nl": "Thema toevoegen"},
        "snooze": {"en": "Snooze", "nl": "Uitstellen"},
        "snooze_1w": {"en": "Snooze 1 week", "nl": "1 week uitstellen"},
        "snooze_2w": {"en": "Snooze 2 weeks", "nl": "2 weken uitstellen"},
        "snooze_1m": {"en": "Snooze 1 month", "nl": "1 maand uitstellen"},
        "snooze_off": {"en": "Stop snoozing", "nl": "Niet meer uitstellen"},
        "archive": {"en": "Archive", "nl": "Archiveren"},
        "restore": {"en": "Restore", "nl": "Terugzetten"},
        "archive_confirm_title": {"en": "Archive this relation?", "nl": "Deze relatie archiveren?"},
        "archive_confirm": {
            "en": "{name} leaves every list, nudge and digest. The history stays and you can restore it.",
            "nl": "{name} verdwijnt uit alle lijsten, herinneringen en overzichten. De geschiedenis blijft "
            "en je kunt de relatie terugzetten.",
        },
        "yes_archive": {"en": "Archive", "nl": "Archiveren"},
        "cancel": {"en": "Cancel", "nl": "Annuleren"},
        "and_more": {"en": "and {n} more", "nl": "en nog {n}"},  # after a list: "A, B and 3 more"
        "no_such_relation": {
            "en": "I know no relation called *{name}*.",
            "nl": "Ik ken geen relatie met de naam *{name}*.",
        },
        "did_you_mean": {"en": "Did you mean:", "nl": "Bedoel je:"},
        "several": {
            "en": "Several relations are called *{name}*. Which one?",
            "nl": "Er zijn meerdere relaties met de naam *{name}*. Welke bedoel je?",
        },
        "no_suggestions": {
            "en": "Nothing comes close. Log a meeting with `/met {name}` to add them.",
            "nl": "Er lijkt niets op. Leg een gesprek vast met `/met {name}` om de relatie toe te voegen.",
        },
        "relation_usage": {
            "en": "Tell me whose card to show: `/relation Jan de Vries`",
            "nl": "Zeg van wie je de kaart wilt zien: `/relation Jan de Vries`",
        },
        # /whoknows
        "whoknows_usage": {
            "en": "Ask for an organisation, a person, a theme or what was discussed: `/whoknows Gemeente Den Haag`, "
            "`/whoknows subsidie woningbouw`",
            "nl": "Vraag naar een organisatie, persoon, thema of wat er besproken is: `/whoknows Gemeente Den Haag`, "
            "`/whoknows subsidie woningbouw`",
        },
        "whoknows_title": {"en": "Who knows someone at *{query}*", "nl": "Wie kent iemand bij *{query}*"},
        "whoknows_nobody": {
            "en": {
                "one": "*{query}*: 1 relation in the network, but nobody has logged contact with them yet.",
                "other": "*{query}*: {n} relations in the network, but nobody has logged contact with them yet.",
            },
            "nl": {
                "one": "*{query}*: 1 relatie in het netwerk, maar niemand heeft nog contact vastgelegd.",
                "other": "*{query}*: {n} relaties in het netwerk, maar niemand heeft nog contact vastgelegd.",
            },
        },
        "whoknows_unknown": {
            "en": "Nobody in the network matches *{query}* (no organisation, person or theme by that name, and no "
            "meeting mentions it).",
            "nl": "Niets in het netwerk past bij *{query}* (geen organisatie, persoon of thema met die naam, en geen "
            "gesprek noemt het).",
        },
        "matched_theme": {"en": "theme `#{name}`", "nl": "thema `#{name}`"},
        "matched_organisation": {"en": "organisation {name}", "nl": "organisatie {name}"},
        "matched_person": {"en": "person {name}", "nl": "persoon {name}"},
        "matched": {"en": "Read as {what} — {relations}.", "nl": "Gelezen als {what} — {relations}."},
        "read_recent": {
            "en": "Counting the {n} relations there that were met most recently.",
            "nl": "Geteld zijn de {n} relaties daar die het laatst zijn gesproken.",
        },
        # /network
        "network_empty": {
            "en": "No themes yet. Add them when you log a meeting: `/met Jan de Vries #housing`",
            "nl": "Nog geen thema's. Voeg ze toe als je een gesprek vastlegt: `/met Jan de Vries #wonen`",
        },
        "network_title": {"en": "The network by theme", "nl": "Het netwerk per thema"},
        "network_line": {
            "en": "`#{name}` — {relations}, {owners}, {quiet}{no_key}",
            "nl": "`#{name}` — {relations}, {owners}, {quiet}{no_key}",
        },
        "no_key": {"en": " · no key relation", "nl": " · geen sleutelrelatie"},
        "network_hint": {
            "en": "Details of one theme: `/network <theme>`",
            "nl": "Details van één thema: `/network <thema>`",
        },
        "unknown_theme": {"en": "There is no theme *{name}*.", "nl": "Er is geen thema *{name}*."},
        "theme_title": {
            "en": {
                "one": "`#{name}` — 1 relation, owner: {owners}",
                "other": "`#{name}` — {n} relations, owners: {owners}",
            },
            "nl": {
                "one": "`#{name}` — 1 relatie, eigenaar: {owners}",
                "other": "`#{name}` — {n} relaties, eigenaren: {owners}",
            },
        },
        "theme_empty": {
            "en": "`#{name}` has no active relations.",
            "nl": "`#{name}` heeft geen actieve relaties.",
        },
        "theme_no_key": {
            "en": ":warning: This theme has no key relation: nobody here is kept in touch with every 30 days.",
            "nl": ":warning: Dit thema heeft geen sleutelrelatie: met niemand hier houden we elke 30 dagen contact.",
        },
        "theme_key": {"en": "Key relations: {n}", "nl": "Sleutelrelaties: {n}"},
        "quiet": {"en": "quiet", "nl": "stil"},
        "gone": {"en": "That relation no longer exists.", "nl": "Die relatie bestaat niet meer."},
        "network_usage": {
            "en": "`/network` lists the themes; `/network housing` shows one theme.",
            "nl": "`/network` toont de thema's; `/network wonen` toont één thema.",
        },
    }
)


def tier_label(tier: str, language: str) -> str:
    return escape(tier_name(tier, language))


def warmth_label(value: int, language: str) -> str:
    """'▰▰▰▰▰▱▱▱▱▱ 50 · cooling': the same on every surface."""
    return f"{warmth_bar(value)} {value} · {T(warmth_level(value), language)}"


def kind_label(kind: str | None, language: str) -> str | None:
    if not kind:
        return None
    key = f"kind_{kind}"
    return T(key, language) if key in T else escape(kind)


def _mentions(user_ids: Sequence[str]) -> str:
    return ", ".join(user_mention(u) for u in user_ids)


def _section(text: str) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=truncate(text, SECTION_LIMIT)))


def _context(text: str) -> ContextBlock:
    return ContextBlock(elements=[MarkdownTextObject(text=truncate(text, SECTION_LIMIT))])


def _join_within(parts: list[str], language: str, *, separator: str = ", ", limit: int = SECTION_LIMIT - 100) -> str:
    """Join as many parts as fit in a section, then 'and N more'."""
    shown: list[str] = []
    length = 0
    for index, part in enumerate(parts):
        if length + len(part) + len(separator) > limit:
            return separator.join(shown) + " " + T("and_more", language, n=len(parts) - index)
        shown.append(part)
        length += len(part) + len(separator)
    return separator.join(shown)


def relation_label(ref: RelationRef) -> str:
    return f"{ref.name} ({ref.organisation})" if ref.organisation else ref.name


# --- the card ----------------------------------------------------------------------------------------
def relation_card_blocks(card: RelationCard, language: str, today: date, *, manage: bool = True) -> list[Block]:
    title = f"*{escape(card.name)}*"
    if card.organisation:
        title += f" — {escape(card.organisation)}"
    lines = [title]
    if card.archived:
        lines.append(T("archived", language))
    elif card.snoozed_until and card.snoozed_until > today:
        lines.append(T("snoozed", language, day=long_date(card.snoozed_until, language)))
    lines.append(
        f"{T('owner', language)}: {user_mention(card.owner_id)} · {T('tier', language)}: "
        f"{tier_label(card.tier, language)} ({cadence(card.cadence_days, language)})"
    )
    themes = " ".join(f"`#{escape(t)}`" for t in card.themes) or T("no_themes", language)
    lines.append(f"{T('themes', language)}: {themes}")
    lines.append(f"{T('warmth', language)}: {warmth_label(card.warmth, language)}")
    if card.last_contact_on:
        by = T("by", language, who=user_mention(card.last_contact_by)) if card.last_contact_by else ""
        lines.append(
            f"{T('last_contact', language)}: {ago(card.last_contact_on, today, language)} "
            f"({long_date(card.last_contact_on, language)}) {by}".rstrip()
        )
    else:
        lines.append(f"{T('last_contact', language)}: {T('never_met', language)}")
    if card.email:
        lines.append(escape(card.email))
    blocks: list[Block] = [_section("\n".join(lines))]
    if card.colleagues:
        met = [f"{user_mention(c.user_id)} ({ago(c.last_met_on, today, language)})" for c in card.colleagues]
        blocks.append(_context(f"{T('met_by', language)}: {_join_within(met, language)}"))
    blocks.append(DividerBlock())
    if card.recent:
        shown = len(card.recent)
        heading = (
            T("recent_all", language, n=shown)
            if shown >= card.interaction_count
            else T("recent", language, n=shown, total=card.interaction_count)
        )
        blocks.append(_context(heading))
        blocks.extend(_section(interaction_text(line, language)) for line in card.recent)
    else:
        blocks.append(_context(T("no_interactions", language)))
    blocks.extend(relation_card_actions(card, language, today, manage=manage))
    return blocks


def interaction_text(line: InteractionLine, language: str) -> str:
    head = [f"*{short_date(line.occurred_on, language)}*"]
    kind = kind_label(line.kind, language)
    if kind:
        head.append(kind)
    who = user_mention(line.logged_by)
    if line.colleagues:
        who += " " + T("with", language, names=_mentions(line.colleagues))
    head.append(who)
    if line.themes:
        head.append(" ".join(f"`#{escape(t)}`" for t in line.themes))
    parts = [" · ".join(head)]
    if line.withheld:
        parts.append(T("private_withheld", language, who=user_mention(line.logged_by)))
        return "\n".join(parts)
    if line.notes:
        parts.append(escape(truncate(line.notes, 1500)))
    if line.gave:
        parts.append(f"{T('gave', language)}: {escape(truncate(line.gave, 500))}")
    if line.got:
        parts.append(f"{T('got', language)}: {escape(truncate(line.got, 500))}")
    if line.private:
        parts.append(T("private_yours", language))
    return "\n".join(parts)


def relation_card_actions(card: RelationCard, language: str, today: date, *, manage: bool = True) -> list[Block]:
    """Two rows of controls; the relation id rides in block_id (selects carry no value of their own). Only
    "Log a meeting" for a reader who may not change the relation (bot.permissions.may_manage)."""
    value = str(card.relation_id)
    log = ButtonElement(text=T("log", language), action_id="relation_log", value=value, style="primary")
    if not manage:
        return [ActionsBlock(block_id=f"relation_card:{value}", elements=[log])]
    first = [
        log,
        UserSelectElement(
            placeholder=T("change_owner", language), action_id="relation_owner", initial_user=card.owner_id
        ),
        ButtonElement(text=T("change_tier", language), action_id="relation_tier", value=value),
        ButtonElement(text=T("add_theme", language), action_id="relation_theme", value=value),
    ]
    snooze_options = [Option(text=T(f"snooze_{key}", language), value=f"{key}") for key, _ in SNOOZE_CHOICES]
    if card.snoozed_until and card.snoozed_until > today:
        snooze_options.append(Option(text=T("snooze_off", language), value="off"))
    second: list = [
        StaticSelectElement(placeholder=T("snooze", language), action_id="relation_snooze", options=snooze_options)
    ]
    if card.archived:
        second.append(ButtonElement(text=T("restore", language), action_id="relation_restore", value=value))
    else:
        second.append(
            ButtonElement(
                text=T("archive", language),
                action_id="relation_archive",
                value=value,
                style="danger",
                confirm=ConfirmObject(
                    title=T("archive_confirm_title", language),
                    text=truncate(T("archive_confirm", language, name=escape(card.name)), 300),
                    confirm=T("yes_archive", language),
                    deny=T("cancel", language),
                    style="danger",
                ),
            )
        )
    return [
        ActionsBlock(block_id=f"relation_card:{value}", elements=first),
        ActionsBlock(block_id=f"relation_card_more:{value}", elements=second),
    ]


def relation_card_message(card: RelationCard, language: str, today: date, *, manage: bool = True) -> dict:
    fallback = card.name + (f" — {card.organisation}" if card.organisation else "")
    return {
        "response_type": "ephemeral",
        "text": truncate(escape(fallback), 300),
        "blocks": [b.to_dict() for b in relation_card_blocks(card, language, today, manage=manage)],
    }


# --- choosing a relation ----------------------------------------------------------------------------
def choose_relation_message(
    query: str, choices: Sequence[RelationRef], language: str, *, action_id: str, ambiguous: bool = False
) -> dict:
    """Unknown or ambiguous names: the closest relations as buttons (at most 25 in one actions block)."""
    name = escape(truncate(query, 100))
    head = T("several", language, name=name) if ambiguous else T("no_such_relation", language, name=name)
    if not choices:
        text = f"{head} {T('no_suggestions', language, name=name)}"
        return {"response_type": "ephemeral", "text": text, "blocks": [_section(text).to_dict()]}
    if not ambiguous:
        head += " " + T("did_you_mean", language)
    buttons = [
        ButtonElement(
            text=truncate(relation_label(ref), 75),
            action_id=f"{action_id}_{index}",
            value=str(ref.relation_id),
        )
        for index, ref in enumerate(choices[:25])
    ]
    blocks = [_section(head), ActionsBlock(block_id=f"{action_id}_choices", elements=buttons)]
    return {
        "response_type": "ephemeral",
        "text": head.replace("*", ""),
        "blocks": [b.to_dict() for b in blocks],
    }


def notice(text: str) -> dict:
    return {"response_type": "ephemeral", "text": text, "blocks": [_section(text).to_dict()]}


# --- /whoknows ----------------------------------------------------------------------------------------
def whoknows_message(answer: WhoKnowsAnswer, language: str, today: date) -> dict:
    query = escape(truncate(answer.query, 100))
    what = []
    if answer.theme:
        what.append(T("matched_theme", language, name=escape(answer.theme)))
    what.extend(T("matched_organisation", language, name=escape(o)) for o in answer.organisations)
    what.extend(T("matched_person", language, name=escape(p)) for p in answer.people)
    if not answer.acquaintances:
        text = T("whoknows_nobody", language, query=query, n=answer.relation_count)
        return notice(text)
    title = T("whoknows_title", language, query=query)
    blocks: list[Block] = [
        _section(title),
        _context(
            T(
                "matched",
                language,
                what=", ".join(what),
                relations=counted("relations", answer.relation_count, language),
            )
            + (
                " " + T("read_recent", language, n=answer.relations_read)
                if answer.relations_read < answer.relation_count
                else ""
            )
        ),
    ]
    people = list(answer.acquaintances)
    for person in people:
        ties = [
            f"{escape(t.name)}"
            + (f" ({escape(t.organisation)})" if t.organisation and not answer.organisations else "")
            + f", {ago(t.last_met_on, today, language)} · {warmth_bar(t.warmth)}"
            for t in person.ties
        ]
        head = f"{user_mention(person.user_id)} — {T(warmth_level(person.warmth), language)} {person.warmth}"
        blocks.append(_section(head + "\n" + _join_within(ties, language, separator="\n", limit=2700)))
    if answer.colleague_count > len(people):
        blocks.append(_context(T("and_more", language, n=answer.colleague_count - len(people))))
    first = people[0]
    fallback = f"{T('whoknows_title', language, query=query)}: " + ", ".join(f"<@{p.user_id}>" for p in people[:5])
    del first
    return {
        "response_type": "ephemeral",
        "text": truncate(fallback.replace("*", ""), 300),
        "blocks": [b.to_dict() for b in blocks],
    }


def whoknows_suggestions(query: str, suggestions: Sequence[str], language: str) -> dict:
    text = T("whoknows_unknown", language, query=escape(truncate(query, 100)))
    if not suggestions:
        return notice(text)
    buttons = [
        ButtonElement(text=truncate(s, 75), action_id=f"whoknows_pick_{i}", value=truncate(s, 200))
        for i, s in enumerate(suggestions[:10])
    ]
    blocks = [
        _section(f"{text} {T('did_you_mean', language)}"),
        ActionsBlock(block_id="whoknows_choices", elements=buttons),
    ]
    return {
        "response_type": "ephemeral",
        "text": text.replace("*", ""),
        "blocks": [b.to_dict() for b in blocks],
    }


# --- /network -----------------------------------------------------------------------------------------
def network_overview_message(summaries: Sequence[ThemeSummary], language: str) -> dict:
    if not summaries:
        return notice(T("network_empty", language))
    lines = [
        T(
            "network_line",
            language,
            name=escape(s.name),
            relations=counted("relations", s.relations, language),
            owners=counted("owners", s.owners, language),
            quiet=counted("quiet", s.quiet, language),
            no_key="" if s.key_relations or not s.relations else T("no_key", language),
        )
        for s in summaries
    ]
    blocks: list[Block] = [_section(f"*{T('network_title', language)}*")]
    # 45 sections of up to ~2,900 characters each: more themes than any workspace has, then "and N more".
    chunk: list[str] = []
    size = 0
    shown = 0
    for line in lines:
        if size + len(line) + 1 > SECTION_LIMIT - 100:
            if len(blocks) >= MAX_MESSAGE_BLOCKS - 3:
                break
            blocks.append(_section("\n".join(chunk)))
            chunk, size = [], 0
        chunk.append(line)
        size += len(line) + 1
        shown += 1
    if chunk:
        blocks.append(_section("\n".join(chunk)))
    if shown < len(lines):
        blocks.append(_context(T("and_more", language, n=len(lines) - shown)))
    blocks.append(_context(T("network_hint", language)))
    return {
        "response_type": "ephemeral",
        "text": T("network_title", language),
        "blocks": [b.to_dict() for b in blocks],
    }


def theme_message(view: ThemeView, language: str, today: date, *, max_lines: int = 60) -> dict:
    name = escape(view.name)
    if not view.relations:
        return notice(T("theme_empty", language, name=name))
    owners = view.owners
    owner_text = _join_within([user_mention(o) for o in owners], language, limit=1500)
    title = T("theme_title", language, name=name, n=len(view.relations), owners=owner_text)
    blocks: list[Block] = [_section(title)]
    key_count = sum(1 for r in view.relations if r.tier == "key")
    blocks.append(_context(T("theme_key", language, n=key_count) if key_count else T("theme_no_key", language)))
    lines = []
    for r in view.relations[:max_lines]:
        line = f"{warmth_bar(r.warmth)} *{escape(r.name)}*"
        if r.organisation:
            line += f" ({escape(r.organisation)})"
        line += f" — {user_mention(r.owner_id)} · {tier_label(r.tier, language)}"
        if r.last_contact_on:
            line += f" · {ago(r.last_contact_on, today, language)}"
        if r.quiet:
            line += f" · _{T('quiet', language)}_"
        lines.append(line)
    chunk: list[str] = []
    size = 0
    for line in lines:
        if size + len(line) + 1 > SECTION_LIMIT - 100:
            blocks.append(_section("\n".join(chunk)))
            chunk, size = [], 0
        chunk.append(line)
        size += len(line) + 1
    if chunk:
        blocks.append(_section("\n".join(chunk)))
    if len(view.relations) > max_lines:
        blocks.append(_context(T("and_more", language, n=len(view.relations) - max_lines)))
    return {
        "response_type": "ephemeral",
        "text": truncate(title.replace("`", ""), 300),
        "blocks": [b.to_dict() for b in blocks],
    }


# --- the card's modals --------------------------------------------------------------------------------
TIER_MODAL = "relation_tier_modal"
THEME_MODAL = "relation_theme_modal"
MODAL_TEXT = Catalog(
    {
        "tier_title": {"en": "Tier and cadence", "nl": "Niveau en ritme"},
        "theme_title": {"en": "Add theme", "nl": "Thema toevoegen"},
        "save": {"en": "Save", "nl": "Opslaan"},
        "cancel": {"en": "Cancel", "nl": "Annuleren"},
        "for": {"en": "For *{name}*", "nl": "Voor *{name}*"},
        "tier": {"en": "Tier", "nl": "Niveau"},
        "tier_hint": {
            "en": "The tier sets the cadence: how often we want contact before the relation goes quiet and its "
            "owner is nudged.",
            "nl": "Het niveau bepaalt het ritme: hoe vaak we contact willen voordat de relatie stilvalt en de "
            "eigenaar een herinnering krijgt.",
        },
        "cadence": {"en": "Cadence: keep in touch every … days", "nl": "Ritme: contact houden elke … dagen"},
        "cadence_hint": {
            "en": "Leave empty for the tier's own cadence.",
            "nl": "Laat leeg voor het ritme dat bij het niveau hoort.",
        },
        "cadence_invalid": {
            "en": "A whole number of days from 1 to 730, please.",
            "nl": "Graag een heel aantal dagen van 1 tot en met 730.",
        },
        "themes": {"en": "Themes", "nl": "Thema's"},
        "themes_hint": {
            "en": "One or more, separated by spaces or commas: #housing #climate",
            "nl": "Eén of meer, gescheiden door spaties of komma's: #wonen #klimaat",
        },
        "themes_invalid": {
            "en": "Theme names are at most 80 characters, letters, digits and - or _.",
            "nl": "Themanamen zijn hooguit 80 tekens: letters, cijfers en - of _.",
        },
    }
)


def _card_modal(callback_id: str, title_key: str, relation_name: str, language: str, metadata: str, fields) -> dict:
    """A small modal opened from a relation card: whose it is, the fields, Save and Cancel."""

    view = View(
        type="modal",
        callback_id=callback_id,
        private_metadata=metadata,
        title=MODAL_TEXT(title_key, language),
        submit=MODAL_TEXT("save", language),
        close=MODAL_TEXT("cancel", language),
        blocks=[_section(MODAL_TEXT("for", language, name=escape(relation_name))), *fields],
    )
    return view.to_dict()


def tier_modal(relation_name: str, tier: str, cadence_days: int, language: str, metadata: str) -> dict:

    # Radio buttons, so that each tier says what it is for where people choose it.
    options = [
        Option(
            text=tier_option(t, language),
            value=t,
            description=MarkdownTextObject(text=tier_reason(t, language)) if tier_reason(t, language) else None,
        )
        for t in TIER_ORDER
    ]
    initial = next((o for o in options if o.value == tier), None)
    custom = "" if cadence_days == default_cadence(tier) else str(cadence_days)
    fields = [
        InputBlock(
            block_id="tier",
            label=MODAL_TEXT("tier", language),
            hint=MODAL_TEXT("tier_hint", language),
            element=RadioButtonsElement(action_id="tier", options=options, initial_option=initial),
        ),
        InputBlock(
            block_id="cadence",
            label=MODAL_TEXT("cadence", language),
            optional=True,
            hint=MODAL_TEXT("cadence_hint", language),
            element=PlainTextInputElement(action_id="cadence", initial_value=custom or None, max_length=4),
        ),
    ]
    return _card_modal(TIER_MODAL, "tier_title", relation_name, language, metadata, fields)


def theme_modal(relation_name: str, language: str, metadata: str) -> dict:

    fields = [
        InputBlock(
            block_id="themes",
            label=MODAL_TEXT("themes", language),
            hint=MODAL_TEXT("themes_hint", language),
            element=PlainTextInputElement(action_id="themes", max_length=500),
        )
    ]
    return _card_modal(THEME_MODAL, "theme_title", relation_name, language, metadata, fields)
