"""The App Home tab: the member's own network, what needs attention first, and the way to log a meeting."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
)
from slack_sdk.models.views import View

from bot.domain.network import HomeData
from bot.i18n import Catalog
from bot.render.network import tier_label, warmth_label
from bot.render.strategy import strategy_blocks
from bot.render.text import ago, escape, long_date, truncate

MAX_HOME_BLOCKS = 100

T = Catalog(
    {
        "title": {"en": "Your network", "nl": "Jouw netwerk"},
        "log": {"en": "Log a meeting", "nl": "Gesprek vastleggen"},
        "attention": {"en": "Needs your attention ({n})", "nl": "Vraagt je aandacht ({n})"},
        "all_warm": {
            "en": "Nothing needs you right now: every relation you own is warm. :sunny:",
            "nl": "Niets vraagt nu je aandacht: al je relaties zijn warm. :sunny:",
        },
        "nothing_owned": {
            "en": "You don't own any relations yet. Log a meeting and the people you meet become yours to keep warm.",
            "nl": "Je bent nog van geen relaties eigenaar. Leg een gesprek vast; wie je spreekt houd jij warm.",
        },
        "quiet_since": {"en": "quiet since {day}", "nl": "stil sinds {day}"},
        "last_met": {"en": "last contact {ago}", "nl": "laatste contact {ago}"},
        "never": {"en": "never met", "nl": "nog nooit gesproken"},
        "more": {
            "en": "…and {n} more. `/network` shows every theme.",
            "nl": "…en nog {n}. `/network` toont alle thema's.",
        },
        "last_meetings": {"en": "Your last meetings", "nl": "Je laatste gesprekken"},
        "no_meetings": {"en": "No meetings logged yet.", "nl": "Nog geen gesprekken vastgelegd."},
        "digest": {
            "en": "Latest weekly digest: <{url}|open in Slack>",
            "nl": "Laatste weekoverzicht: <{url}|openen in Slack>",
        },
        "no_digest": {
            "en": "No weekly digest has been posted yet.",
            "nl": "Er is nog geen weekoverzicht geplaatst.",
        },
        "footer": {
            "en": "You own {n} relation(s). `/goodwill help` lists every command.",
            "nl": "Je bent eigenaar van {n} relatie(s). `/goodwill help` toont alle commando's.",
        },
    }
)


def _section(text: str) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=truncate(text, 3000)))


def home_view(
    data: HomeData, language: str, today: date, *, events: Sequence[dict] = (), search: Sequence[Block] = ()
) -> dict:
    """The Home tab: purpose and goals, the Log button, the search box and what it found (`search`:
    bot.home.home_search), what needs attention, the member's events (`events`: bot.events.events_home_blocks),
    their last meetings, and for leads the latest digest."""
    blocks: list[Block | dict] = [HeaderBlock(text=T("title", language))]
    blocks += strategy_blocks(data.strategy.purpose, data.strategy.goals, language)
    blocks.append(
        ActionsBlock(
            block_id="home_actions",
            elements=[
                ButtonElement(text=T("log", language), action_id="home_log_meeting", value="new", style="primary")
            ],
        )
    )
    blocks += search
    blocks.append(DividerBlock())
    if not data.owned:
        blocks.append(_section(T("nothing_owned", language)))
    elif not data.needs_attention:
        blocks.append(_section(T("all_warm", language)))
    else:
        blocks.append(_section(f"*{T('attention', language, n=data.needs_attention_total)}*"))
        for relation in data.needs_attention:
            line = f"*{escape(relation.name)}*"
            if relation.organisation:
                line += f" ({escape(relation.organisation)})"
            line += f" · {tier_label(relation.tier, language)}\n{warmth_label(relation.warmth, language)} · "
            if relation.quiet:
                line += T("quiet_since", language, day=long_date(relation.due_on, language))
            elif relation.last_contact_on:
                line += T("last_met", language, ago=ago(relation.last_contact_on, today, language))
            else:
                line += T("never", language)
            blocks.append(
                SectionBlock(
                    text=MarkdownTextObject(text=truncate(line, 3000)),
                    accessory=ButtonElement(
                        text=T("log", language), action_id="relation_log", value=str(relation.relation_id)
                    ),
                )
            )
        if data.needs_attention_total > len(data.needs_attention):
            blocks.append(
                ContextBlock(
                    elements=[
                        MarkdownTextObject(
                            text=T("more", language, n=data.needs_attention_total - len(data.needs_attention))
                        )
                    ]
                )
            )
    blocks.append(DividerBlock())
    if events:
        blocks += events
        blocks.append(DividerBlock())
    if data.last_meetings:
        lines = [f"• {escape(m.name)} — {ago(m.occurred_on, today, language)}" for m in data.last_meetings]
        blocks.append(_section(f"*{T('last_meetings', language)}*\n" + "\n".join(lines)))
    else:
        blocks.append(_section(f"*{T('last_meetings', language)}*\n{T('no_meetings', language)}"))
    if data.is_lead:
        text = T("digest", language, url=data.latest_digest_url) if data.latest_digest_url else T("no_digest", language)
        blocks.append(_section(text))
    blocks.append(ContextBlock(elements=[MarkdownTextObject(text=T("footer", language, n=data.owned))]))
    # At most ~55 blocks by construction (2 for the strategy, ATTENTION_SHOWN relations, 8 for events), well
    # under Slack's 100 for a Home tab; the guard keeps the footer's promise should a section ever grow.
    if len(blocks) > MAX_HOME_BLOCKS:
        blocks = blocks[: MAX_HOME_BLOCKS - 1] + blocks[-1:]
    return View(type="home", callback_id="home", blocks=blocks).to_dict()
