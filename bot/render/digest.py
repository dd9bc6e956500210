"""The weekly digest as a Slack message (Block Kit) and as plain text (--dry-run), from the same figures.

Both renderers call the same line builders, so the wording lives in one place; only the markup differs.
Names are shown as text, never as <@mentions>: a weekly digest must not ping thirty people.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from slack_sdk.models.blocks import (
    Block,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
)

from bot.domain.digest import Digest, Exchange, Meeting, RelationRef, ThemeFigure, trend
from bot.domain.events import EventSummary
from bot.domain.quiet import QuietRelation
from bot.i18n import Catalog
from bot.render.handover import digest_leaving_note, digest_proposal_buttons
from bot.render.text import escape, truncate

SECTION_CHARS = 3000  # Block Kit's limit for a section's text
MAX_BLOCKS = 50  # Block Kit's limit for a message
SHOW_THEMES = 15
SHOW_EVENTS = 10  # per list (the next four weeks, the reported week)

T = Catalog(
    {
        "title": {"en": "Weekly digest · week {number}", "nl": "Weekoverzicht · week {number}"},
        "fallback": {
            "en": "Goodwill weekly digest, week {number}: {meetings} meetings by {colleagues} colleagues",
            "nl": "Goodwill-weekoverzicht, week {number}: {meetings} gesprekken door {colleagues} collega's",
        },
        "period": {"en": "{start} to {end}", "nl": "{start} t/m {end}"},
        "this_week": {"en": "This week", "nl": "Deze week"},
        "summary": {
            "en": "{meetings} logged by {colleagues}",
            "nl": "{meetings} vastgelegd door {colleagues}",
        },
        "compare": {
            "en": "Last week: {last} by {last_colleagues} {arrow_last} · 8-week average: {avg} {arrow_avg}",
            "nl": "Vorige week: {last} door {last_colleagues} {arrow_last} · gemiddelde van 8 weken: {avg} {arrow_avg}",
        },
        "meeting_one": {"en": "{count} meeting", "nl": "{count} gesprek"},
        "meeting_many": {"en": "{count} meetings", "nl": "{count} gesprekken"},
        "colleague_one": {"en": "{count} colleague", "nl": "{count} collega"},
        "colleague_many": {"en": "{count} colleagues", "nl": "{count} collega's"},
        "relation_one": {"en": "{count} relation", "nl": "{count} relatie"},
        "relation_many": {"en": "{count} relations", "nl": "{count} relaties"},
        "no_meetings": {
            "en": "No meetings were logged this week.",
            "nl": "Deze week zijn geen gesprekken vastgelegd.",
        },
        "met": {"en": "{who} met {relation}", "nl": "{who} sprak {relation}"},
        "with": {"en": "with {names}", "nl": "samen met {names}"},
        "and_more": {"en": "… and {count} more", "nl": "… en nog {count}"},
        "gone_quiet": {"en": "Gone quiet", "nl": "Stil gevallen"},
        "quiet_intro": {
            "en": "Key relations past their cadence, most overdue first ({count}):",
            "nl": "Kernrelaties over hun ritme heen, langst achterstallig eerst ({count}):",
        },
        "silent_days": {
            "en": "owner {owner}, silent {days} days",
            "nl": "eigenaar {owner}, {days} dagen stil",
        },
        "never_met": {
            "en": "owner {owner}, never met (added {days} days ago)",
            "nl": "eigenaar {owner}, nooit gesproken ({days} dagen geleden toegevoegd)",
        },
        "other_quiet": {"en": "Also quiet: {counts}", "nl": "Ook stil: {counts}"},
        "tier_key": {"en": "key", "nl": "kern"},
        "tier_regular": {"en": "regular", "nl": "regulier"},
        "tier_wider": {"en": "wider", "nl": "breed"},
        "depends": {"en": "Depends on one person", "nl": "Hangt aan één persoon"},
        "single_intro": {
            "en": "Key relations only one colleague has met in the last year ({count}):",
            "nl": "Kernrelaties die het afgelopen jaar maar één collega sprak ({count}):",
        },
        "only": {"en": "only {person}", "nl": "alleen {person}"},
        "orphaned_intro": {
            "en": "Relations whose owner has left the workspace ({count}):",
            "nl": "Relaties waarvan de eigenaar de workspace heeft verlaten ({count}):",
        },
        "former_owner": {"en": "was {owner}'s", "nl": "was van {owner}"},
        "themes": {"en": "Themes", "nl": "Thema's"},
        "theme_line": {
            "en": "{theme}: active relations {relations} · meetings this week {meetings}",
            "nl": "{theme}: actieve relaties {relations} · gesprekken deze week {meetings}",
        },
        "goal_no_key": {"en": "no key relation", "nl": "geen kernrelatie"},
        "goal_no_meeting": {
            "en": "no meeting in the last quarter",
            "nl": "geen gesprek in het laatste kwartaal",
        },
        "goal_no_themes": {"en": "no themes yet", "nl": "nog geen thema's"},
        "other_themes": {"en": "Other themes", "nl": "Overige thema's"},
        "silent_themes": {
            "en": "No meeting in the last quarter: {themes}",
            "nl": "Geen gesprek in het laatste kwartaal: {themes}",
        },
        "events": {"en": "Events", "nl": "Bijeenkomsten"},
        "events_upcoming": {"en": "Next four weeks", "nl": "Komende vier weken"},
        "events_last_week": {"en": "This week", "nl": "Deze week"},
        "event_upcoming": {
            "en": "{accepted} accepted of {invited} invited",
            "nl": "{accepted} van {invited} uitgenodigden komen",
        },
        "event_past": {
            "en": "{attended} of {accepted} who accepted attended",
            "nl": "{attended} van {accepted} die ja zeiden waren er",
        },
        "give_take": {"en": "Give and take", "nl": "Geven en nemen"},
        "give_take_intro": {
            "en": "Relations where the logged give and take over the last year is lopsided ({count}):",
            "nl": "Relaties waar het vastgelegde geven en nemen het afgelopen jaar scheef is ({count}):",
        },
        "we_take": {
            "en": "we mostly ask (they offered {got}×, we offered {gave}×)",
            "nl": "wij vragen vooral (zij boden {got}×, wij {gave}×)",
        },
        "we_give": {
            "en": "we mostly give (we offered {gave}×, they offered {got}×)",
            "nl": "wij geven vooral (wij boden {gave}×, zij {got}×)",
        },
        "owner": {"en": "owner {owner}", "nl": "eigenaar {owner}"},
        "connectors": {"en": "Top connectors", "nl": "Beste verbinders"},
        "connectors_intro": {
            "en": "Who kept the most relations warm this week — thank you!",
            "nl": "Wie hielden deze week de meeste relaties warm — dank je wel!",
        },
        "chart_title": {
            "en": "Meetings per week by tier, and quiet relations — up to week {number}",
            "nl": "Gesprekken per week per laag, en stille relaties — t/m week {number}",
        },
        "short_weekday": {"en": "Mon|Tue|Wed|Thu|Fri|Sat|Sun", "nl": "ma|di|wo|do|vr|za|zo"},
        "short_month": {
            "en": "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec",
            "nl": "jan|feb|mrt|apr|mei|jun|jul|aug|sep|okt|nov|dec",
        },
    }
)

ARROWS = {"up": "↑", "down": "↓", "same": "="}


@dataclass(frozen=True)
class Style:
    """How user text and emphasis are written: Slack mrkdwn (escaped) or plain text for the terminal."""

    escape: Callable[[str], str]
    bold: Callable[[str], str]
    code: Callable[[str], str]
    bullet: str


SLACK = Style(escape=escape, bold=lambda s: f"*{s}*", code=lambda s: f"`{s}`", bullet="•")
PLAIN = Style(escape=lambda s: s, bold=lambda s: s, code=lambda s: s, bullet="-")


def short_date(day: date, language: str) -> str:
    weekday = T("short_weekday", language).split("|")[day.weekday()]
    month = T("short_month", language).split("|")[day.month - 1]
    return f"{weekday} {day.day} {month}"


def _number(value: float, language: str) -> str:
    text = f"{value:.1f}".removesuffix(".0")
    return text.replace(".", ",") if language == "nl" else text


def count(number: int, noun: str, language: str) -> str:
    """'1 meeting', '3 meetings' / '1 gesprek', '3 gesprekken'."""
    return T(f"{noun}_{'one' if number == 1 else 'many'}", language, count=number)


def tier_name(tier: str, language: str) -> str:
    key = f"tier_{tier}"
    return T(key, language) if key in T else tier


def chart_title(digest: Digest, language: str) -> str:
    return T("chart_title", language, number=digest.week.number)


# --- the lines, shared by both renderers ------------------------------------------------------------
def _relation(style: Style, name: str, organisation: str | None) -> str:
    label = style.bold(style.escape(name))
    return f"{label} ({style.escape(organisation)})" if organisation else label


def _person(style: Style, digest: Digest, user_id: str) -> str:
    return style.escape(digest.name_of(user_id))


def summary_lines(digest: Digest, language: str, style: Style) -> list[str]:
    week = digest.this_week
    if not (week.meetings or week.last_week_meetings or week.average_meetings):
        return [T("no_meetings", language)]
    meetings, colleagues = (
        count(week.meetings, "meeting", language),
        count(week.colleagues, "colleague", language),
    )
    lines = [style.bold(T("summary", language, meetings=meetings, colleagues=colleagues))]
    lines.append(
        T(
            "compare",
            language,
            last=count(week.last_week_meetings, "meeting", language),
            last_colleagues=count(week.last_week_colleagues, "colleague", language),
            arrow_last=ARROWS[trend(week.meetings, week.last_week_meetings)],
            avg=_number(week.average_meetings, language),
            arrow_avg=ARROWS[trend(week.meetings, week.average_meetings)],
        )
    )
    if not week.meetings:
        lines.append(T("no_meetings", language))
    return lines


def meeting_line(digest: Digest, meeting: Meeting, language: str, style: Style) -> str:
    who = _person(style, digest, meeting.logged_by)
    line = f"{style.bullet} {short_date(meeting.occurred_on, language)} · "
    line += T("met", language, who=who, relation=_relation(style, meeting.relation_name, meeting.organisation))
    if meeting.colleagues:
        names = ", ".join(_person(style, digest, user) for user in meeting.colleagues)
        line += " " + T("with", language, names=names)
    if meeting.themes:
        line += " · " + " ".join(style.code("#" + style.escape(theme)) for theme in meeting.themes)
    return line


def quiet_line(digest: Digest, relation: QuietRelation, language: str, style: Style) -> str:
    owner = _person(style, digest, relation.owner_id)
    as_of = digest.gone_quiet.as_of
    days = relation.days_silent(as_of)
    if days is None:
        added_days_ago = (as_of - relation.due_on).days + relation.cadence_days  # due = added + cadence
        detail = T("never_met", language, owner=owner, days=added_days_ago)
    else:
        detail = T("silent_days", language, owner=owner, days=days)
    return f"{style.bullet} {_relation(style, relation.name, relation.organisation)} — {detail}"


def other_quiet_line(digest: Digest, language: str) -> str | None:
    others = digest.gone_quiet.other_tiers
    if not others:
        return None
    counts = ", ".join(f"{count} {tier_name(tier, language)}" for tier, count in others.items())
    return T("other_quiet", language, counts=counts)


def single_line(digest: Digest, ref: RelationRef, language: str, style: Style) -> str:
    person_id = ref.person_id or ref.owner_id
    only = T("only", language, person=_person(style, digest, person_id))
    leaving_on = digest.leaving.get(person_id, (None, None))[0]
    if leaving_on:
        only += f" ({digest_leaving_note(leaving_on, language)})"
    return f"{style.bullet} {_relation(style, ref.name, ref.organisation)} — {only}"


def orphan_line(digest: Digest, ref: RelationRef, language: str, style: Style) -> str:
    owner = _person(style, digest, ref.owner_id)
    tier = tier_name(ref.tier, language)
    relation = _relation(style, ref.name, ref.organisation)
    return f"{style.bullet} {relation} — {tier}, {T('former_owner', language, owner=owner)}"


def theme_line(theme: ThemeFigure, language: str, style: Style, indent: str = "") -> str:
    text = T(
        "theme_line",
        language,
        theme=style.code("#" + style.escape(theme.name)),
        relations=theme.active_relations,
        meetings=theme.meetings_this_week,
    )
    return f"{indent}{style.bullet} {text}"


def theme_lines(digest: Digest, language: str, style: Style) -> list[str]:
    """Goals with their themes (and what is missing under a goal), or a flat list without goals."""
    themes = digest.themes
    lines: list[str] = []
    if themes.goals:
        for goal in themes.goals:
            warnings = []
            if not goal.themes:
                warnings.append(T("goal_no_themes", language))
            else:
                if goal.no_key_relation:
                    warnings.append(T("goal_no_key", language))
                if goal.no_recent_meeting:
                    warnings.append(T("goal_no_meeting", language))
            heading = style.bold(style.escape(goal.name))
            lines.append(heading + (" — ⚠ " + "; ".join(warnings) if warnings else ""))
            lines.extend(theme_line(theme, language, style, "    ") for theme in goal.themes)
        if themes.themes:
            lines.append(style.bold(T("other_themes", language)))
            lines.extend(theme_line(theme, language, style, "    ") for theme in themes.themes)
    else:
        lines.extend(theme_line(theme, language, style) for theme in themes.themes)
    return lines


def silent_themes_line(digest: Digest, language: str, style: Style, limit: int = 30) -> str | None:
    silent = digest.themes.silent
    if not silent:
        return None
    names = ", ".join(style.code("#" + style.escape(t.name)) for t in silent[:limit])
    if len(silent) > limit:
        names += " " + T("and_more", language, count=len(silent) - limit)
    return T("silent_themes", language, themes=names)


def event_line(digest: Digest, event: EventSummary, language: str, style: Style, *, past: bool) -> str:
    local = event.starts_at.astimezone(digest.timezone)
    when = f"{short_date(local.date(), language)} {local:%H:%M}"
    if past:
        figures = T("event_past", language, attended=event.count("attended"), accepted=event.accepted_total)
    else:
        figures = T("event_upcoming", language, accepted=event.accepted_total, invited=event.invited_total)
    return f"{style.bullet} {when} · {style.bold(style.escape(event.name))} — {figures}"


def event_lines(digest: Digest, language: str, style: Style) -> list[str]:
    """The reported week's events with attendance, then the next four weeks' with accepted counts."""
    lines: list[str] = []
    for key, events, past in (
        ("events_last_week", digest.events.last_week, True),
        ("events_upcoming", digest.events.upcoming, False),
    ):
        if not events:
            continue
        lines.append(style.bold(T(key, language)))
        lines.extend(event_line(digest, event, language, style, past=past) for event in events[:SHOW_EVENTS])
        if len(events) > SHOW_EVENTS:
            lines.append(T("and_more", language, count=len(events) - SHOW_EVENTS))
    return lines


def exchange_line(digest: Digest, exchange: Exchange, language: str, style: Style) -> str:
    key = "we_take" if exchange.we_only_take else "we_give"
    detail = T(key, language, gave=exchange.gave, got=exchange.got)
    owner = T("owner", language, owner=_person(style, digest, exchange.owner_id))
    return f"{style.bullet} {_relation(style, exchange.name, exchange.organisation)}, {owner} — {detail}"


def connector_lines(digest: Digest, language: str, style: Style) -> list[str]:
    lines = []
    for place, connector in enumerate(digest.connectors, start=1):
        relations = count(connector.relations, "relation", language)
        lines.append(f"{place}. {_person(style, digest, connector.user_id)} — {relations}")
    return lines


@dataclass(frozen=True)
class Section:
    title: str
    intro: list[str]
    items: list[str]
    more: int = 0  # items that exist beyond those listed
    outro: list[str] | None = None
    actions: Block | None = None  # buttons under the section (Block Kit only)


def sections(digest: Digest, language: str, style: Style) -> list[Section]:
    """The digest's sections in order, each left out when it has nothing to say."""
    result = []
    week = digest.this_week
    result.append(
        Section(
            T("this_week", language),
            summary_lines(digest, language, style),
            [meeting_line(digest, m, language, style) for m in week.shown],
            week.more,
        )
    )
    quiet = digest.gone_quiet
    if not quiet.empty:
        intro = [T("quiet_intro", language, count=quiet.key_total)] if quiet.key_total else []
        other = other_quiet_line(digest, language)
        result.append(
            Section(
                T("gone_quiet", language),
                intro,
                [quiet_line(digest, r, language, style) for r in quiet.key],
                quiet.key_total - len(quiet.key),
                [other] if other else None,
            )
        )
    depends = digest.depends
    if depends.single_total:
        result.append(
            Section(
                T("depends", language),
                [T("single_intro", language, count=depends.single_total)],
                [single_line(digest, r, language, style) for r in depends.single],
                depends.single_total - len(depends.single),
            )
        )
    if depends.orphaned_total:
        title = "" if depends.single_total else T("depends", language)
        result.append(
            Section(
                title,
                [T("orphaned_intro", language, count=depends.orphaned_total)],
                [orphan_line(digest, r, language, style) for r in depends.orphaned],
                depends.orphaned_total - len(depends.orphaned),
            )
        )
    if not depends.empty:
        result[-1] = replace(result[-1], actions=handover_buttons(digest, language))
    if not digest.themes.empty:
        lines = theme_lines(digest, language, style)
        silent = silent_themes_line(digest, language, style)
        result.append(
            Section(
                T("themes", language),
                [],
                lines[:SHOW_THEMES],
                max(0, len(lines) - SHOW_THEMES),
                [silent] if silent else None,
            )
        )
    events = event_lines(digest, language, style)
    if events:
        result.append(Section(T("events", language), [], events))
    if digest.give_take_total:
        result.append(
            Section(
                T("give_take", language),
                [T("give_take_intro", language, count=digest.give_take_total)],
                [exchange_line(digest, e, language, style) for e in digest.give_take],
                digest.give_take_total - len(digest.give_take),
            )
        )
    if digest.connectors:
        result.append(
            Section(
                T("connectors", language),
                [T("connectors_intro", language)],
                connector_lines(digest, language, style),
            )
        )
    return result


def handover_buttons(digest: Digest, language: str) -> Block | None:
    """A button to the hand-over proposals of each member listed above who leaves or left (bot.handover)."""
    rounds = {round_id: digest.name_of(user_id) for user_id, (_, round_id) in digest.leaving.items() if round_id}
    return digest_proposal_buttons(dict(sorted(rounds.items())), language)


# --- Block Kit -----------------------------------------------------------------------------------------
def _pack(lines: Sequence[str], limit: int = SECTION_CHARS) -> list[str]:
    """Lines joined into as few texts as fit Block Kit's section limit (an over-long line is cut)."""
    chunks: list[str] = []
    current = ""
    for line in lines:
        line = truncate(line, limit)
        if current and len(current) + 1 + len(line) > limit:
            chunks.append(current)
            current = line
        else:
            current = f"{current}\n{line}" if current else line
    if current:
        chunks.append(current)
    return chunks


def digest_blocks(digest: Digest, language: str) -> list[Block]:
    week = digest.week
    period = T("period", language, start=short_date(week.start, language), end=short_date(week.end, language))
    blocks: list[Block] = [
        HeaderBlock(text=truncate(T("title", language, number=week.number), 150)),
        ContextBlock(elements=[MarkdownTextObject(text=f"{period} {week.end.year} · {week.label}")]),
    ]
    for section in sections(digest, language, SLACK):
        part: list[Block] = []
        if section.title:
            part.append(DividerBlock())
        heading = [f"*{section.title}*"] if section.title else []
        items = list(section.items)
        if section.more:
            items.append(T("and_more", language, count=section.more))
        for text in _pack(heading + section.intro + items):
            part.append(SectionBlock(text=MarkdownTextObject(text=text)))
        if section.outro:
            part.append(ContextBlock(elements=[MarkdownTextObject(text=truncate(" ".join(section.outro), 3000))]))
        if section.actions is not None:
            part.append(section.actions)
        if len(blocks) + len(part) > MAX_BLOCKS:  # cannot happen with the caps above; never fail to post
            break
        blocks.extend(part)
    return blocks


def digest_message(digest: Digest, language: str) -> dict:
    """chat.postMessage arguments: blocks, and the fallback text for notifications."""
    week = digest.this_week
    fallback = T("fallback", language, number=digest.week.number, meetings=week.meetings, colleagues=week.colleagues)
    return {
        "text": fallback,
        "blocks": [block.to_dict() for block in digest_blocks(digest, language)],
        "unfurl_links": False,
        "unfurl_media": False,
    }


# --- plain text (--dry-run) --------------------------------------------------------------------------
def digest_text(digest: Digest, language: str) -> str:
    week = digest.week
    period = T("period", language, start=short_date(week.start, language), end=short_date(week.end, language))
    out = [T("title", language, number=week.number), f"{period} {week.end.year} ({week.label})"]
    for section in sections(digest, language, PLAIN):
        out.append("")
        if section.title:
            out.append(section.title.upper())
        out.extend(section.intro)
        out.extend(section.items)
        if section.more:
            out.append(T("and_more", language, count=section.more))
        out.extend(section.outro or [])
    return "\n".join(out) + "\n"
