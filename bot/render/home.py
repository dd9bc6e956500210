"""The App Home tab: the member's to-do first (their quiet relations), then their last meetings, then the
strategy; for leads the latest digest at the top."""

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
from bot.render.language import text as language_text
from bot.render.network import tier_label, warmth_label
from bot.render.strategy import strategy_blocks
from bot.render.text import ago, escape, long_date, truncate
from bot.render.words import quiet_explained, warmth_explained

MAX_HOME_BLOCKS = 100

T = Catalog(
    {
        "title": {"en": "Your network", "nl": "Jouw netwerk"},
        "log": {"en": "Log a meeting", "nl": "Gesprek vastleggen"},
        "attention": {
            "en": {"one": "1 relation needs you", "other": "{n} relations need you"},
            "nl": {"one": "1 relatie vraagt je aandacht", "other": "{n} relaties vragen je aandacht"},
        },
        "all_warm": {
            "en": "Nothing needs you right now: every relation you own is warm. :sunny:",
            "nl": "Niets vraagt nu je aandacht: al je relaties zijn warm. :sunny:",
        },
        "nothing_owned": {
            "en": "You don't own any relations yet. Log a meeting and the people you meet become yours to keep warm.",
            "nl": "Je bent nog van geen enkele relatie eigenaar. Leg een gesprek vast: wie je spreekt, wordt jouw "
            "relatie om warm te houden.",
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
            "en": ":bar_chart: The latest weekly digest, with what needs attention: <{url}|open it in Slack>",
            "nl": ":bar_chart: Het laatste weekoverzicht, met wat aandacht vraagt: <{url}|openen in Slack>",
        },
        "no_digest": {
            "en": ":bar_chart: No weekly digest has been posted yet.",
            "nl": ":bar_chart: Er is nog geen weekoverzicht geplaatst.",
        },
        "footer": {
            "en": {
                "one": "You own 1 relation. `/goodwill help` explains the rest.",
                "other": "You own {n} relations. `/goodwill help` explains the rest.",
            },
            "nl": {
                "one": "Je bent eigenaar van 1 relatie. `/goodwill hulp` legt de rest uit.",
                "other": "Je bent eigenaar van {n} relaties. `/goodwill hulp` legt de rest uit.",
            },
        },
    }
)


def _section(text: str) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=truncate(text, 3000)))


def _context(text: str) -> ContextBlock:
    return ContextBlock(elements=[MarkdownTextObject(text=truncate(text, 3000))])


def home_view(  # noqa: C901 -- a declaration: one optional section per condition
    data: HomeData, language: str, today: date, *, events: Sequence[dict] = (), search: Sequence[Block] = ()
) -> dict:
    """The Home tab, in the order a member needs it: for leads the latest digest; the Log button; the search
    box and what it found (`search`: bot.home.home_search); their to-do (quiet relations, then cooling ones);
    their last meetings; the events they organise (`events`: bot.gatherings.gatherings_home_blocks); the organisation's
    strategy; which language Goodwill speaks to them."""
    blocks: list[Block | dict] = [HeaderBlock(text=T("title", language))]
    if data.is_lead:
        text = T("digest", language, url=data.latest_digest_url) if data.latest_digest_url else T("no_digest", language)
        blocks.append(_section(text))
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
        more = data.needs_attention_total - len(data.needs_attention)
        # What "quiet" and "warmth" mean, under the list where members meet them.
        explained = [quiet_explained(language), warmth_explained(language)]
        if more:
            explained.insert(0, T("more", language, n=more))
        blocks.append(_context("\n".join(explained)))
    blocks.append(DividerBlock())
    if data.last_meetings:
        lines = [f"• {escape(m.name)} — {ago(m.occurred_on, today, language)}" for m in data.last_meetings]
        blocks.append(_section(f"*{T('last_meetings', language)}*\n" + "\n".join(lines)))
    else:
        blocks.append(_section(f"*{T('last_meetings', language)}*\n{T('no_meetings', language)}"))
    if events:
        blocks.append(DividerBlock())
        blocks += events
    blocks.append(DividerBlock())
    blocks += strategy_blocks(data.strategy.purpose, data.strategy.goals, language)
    footer = f"{T('footer', language, n=data.owned)}\n{language_text('home', language)}"
    blocks.append(_context(footer))
    # Few enough by construction (1 for the digest, the search box and its results, ATTENTION_SHOWN relations,
    # 8 for events, 2 for the strategy) for Slack's 100 on a Home tab; the guard keeps the footer should a
    # section ever grow.
    if len(blocks) > MAX_HOME_BLOCKS:
        blocks = blocks[: MAX_HOME_BLOCKS - 1] + blocks[-1:]
    return View(type="home", callback_id="home", blocks=blocks).to_dict()
