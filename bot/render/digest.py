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
from bot.domain.gatherings import GatheringSummary
from bot.domain.quiet import QuietRelation
from bot.i18n import Catalog
from bot.render.handover import digest_leaving_note, digest_proposal_buttons
from bot.render.text import capitalised, escape, joined, truncate
from bot.render.words import counted, tier_count, tier_name

SECTION_CHARS = 3000  # Block Kit's limit for a section's text
MAX_BLOCKS = 50  # Block Kit's limit for a message
SHOW_THEMES = 15
SHOW_EVENTS = 10  # per list (the next four weeks, the reported week)

T = Catalog(
    {
        "title": {"en": "Weekly digest · week {number}", "nl": "Weekoverzicht · week {number}"},
        "fallback": {
            "en": "Goodwill weekly digest, week {number}: {attention} · {meetings} by {colleagues}",
            "nl": "Goodwill-weekoverzicht, week {number}: {attention} · {meetings} door {colleagues}",
        },
        "fallback_quiet": {
            "en": {"one": "1 key relation gone quiet", "other": "{n} key relations gone quiet"},
            "nl": {"one": "1 sleutelrelatie stilgevallen", "other": "{n} sleutelrelaties stilgevallen"},
        },
        "fallback_calm": {"en": "no key relation gone quiet", "nl": "geen sleutelrelatie stilgevallen"},
        "period": {"en": "{start} to {end}", "nl": "{start} t/m {end}"},
        # 1. what needs attention, each with the next step and who could take it
        "attention": {"en": "Needs attention", "nl": "Vraagt aandacht"},
        "nothing": {
            "en": "Nothing needs attention this week. :sunny:",
            "nl": "Deze week vraagt niets aandacht. :sunny:",
        },
        "quiet_intro": {
            "en": {"one": "A key relation has gone quiet:", "other": "Key relations gone quiet, longest first ({n}):"},
            "nl": {
                "one": "Een sleutelrelatie is stilgevallen:",
                "other": "Stilgevallen sleutelrelaties, langste stilte eerst ({n}):",
            },
        },
        "silent": {
            "en": {"one": "silent for 1 day", "other": "silent for {n} days"},
            "nl": {"one": "1 dag stil", "other": "{n} dagen stil"},
        },
        "never_met": {
            "en": {"one": "added 1 day ago, never met", "other": "added {n} days ago, never met"},
            "nl": {
                "one": "1 dag geleden toegevoegd, nog nooit gesproken",
                "other": "{n} dagen geleden toegevoegd, nog nooit gesproken",
            },
        },
        "next_contact": {
            "en": "Next: {owner} gets in touch{also}.",
            "nl": "Volgende stap: {owner} neemt contact op{also}.",
        },
        "also_last": {"en": " (or {person}, who met them last)", "nl": " (of {person}, die het laatst contact had)"},
        "next_new_owner": {
            "en": "Next: its owner has left, so a team lead picks a new one on its card (`/relation`).",
            "nl": "Volgende stap: de eigenaar is vertrokken, dus een teamleider kiest een nieuwe op de kaart "
            "(`/relation`).",
        },
        "next_first": {
            "en": "Next: {owner} makes first contact.",
            "nl": "Volgende stap: {owner} neemt voor het eerst contact op.",
        },
        "others_intro": {"en": "Also quiet:", "nl": "Ook stil:"},
        "others_counted": {
            "en": "Also quiet: {counts}. Their owners find them in their nudges.",
            "nl": "Ook stil: {counts}. Hun eigenaren vinden ze in hun herinneringen.",
        },
        "single_intro": {
            "en": {
                "one": "A key relation only one colleague has met this year:",
                "other": "Key relations only one colleague has met this year ({n}):",
            },
            "nl": {
                "one": "Een sleutelrelatie die dit jaar door maar één collega is gesproken:",
                "other": "Sleutelrelaties die dit jaar door maar één collega zijn gesproken ({n}):",
            },
        },
        "only": {
            "en": "only {person}. Next: {person} takes a colleague along next time.",
            "nl": "alleen {person}. Volgende stap: {person} neemt de volgende keer een collega mee.",
        },
        "only_leaving": {
            "en": "only {person} ({leaves}). Next: a successor, from the hand-over proposals.",
            "nl": "alleen {person} ({leaves}). Volgende stap: een opvolger, via de overdrachtsvoorstellen.",
        },
        "orphaned_intro": {
            "en": {
                "one": "A relation whose owner has left the workspace:",
                "other": "Relations whose owner has left the workspace ({n}):",
            },
            "nl": {
                "one": "Een relatie waarvan de eigenaar de workspace heeft verlaten:",
                "other": "Relaties waarvan de eigenaar de workspace heeft verlaten ({n}):",
            },
        },
        "former_owner": {
            "en": "{tier}, was {owner}'s. Next: a team lead picks a new owner on its card (`/relation`).",
            "nl": "{tier}, was van {owner}. Volgende stap: een teamleider kiest een nieuwe eigenaar op de kaart "
            "(`/relation`).",
        },
        # the channel's version: counts, not colleagues (docs/digest.md)
        "single_counted": {
            "en": {
                "one": "1 key relation has been met by only one colleague this year.",
                "other": "{n} key relations have been met by only one colleague this year.",
            },
            "nl": {
                "one": "1 sleutelrelatie is dit jaar door maar één collega gesproken.",
                "other": "{n} sleutelrelaties zijn dit jaar door maar één collega gesproken.",
            },
        },
        "orphaned_counted": {
            "en": {
                "one": "1 relation's owner has left the workspace.",
                "other": "{n} relations' owners have left the workspace.",
            },
            "nl": {
                "one": "Van 1 relatie heeft de eigenaar de workspace verlaten.",
                "other": "Van {n} relaties heeft de eigenaar de workspace verlaten.",
            },
        },
        "leads_see": {
            "en": "Team leads find which in their copy of this digest, with the next step for each.",
            "nl": "Teamleiders zien in hun kopie van dit overzicht om welke het gaat, elk met de volgende stap.",
        },
        "goals_intro": {"en": "Goals without meetings:", "nl": "Doelen zonder gesprekken:"},
        "goal_quiet": {
            "en": "no meeting in the last quarter. Next: `/whoknows #{theme}` shows who could pick it up, or "
            "plan an event with `/event`.",
            "nl": "geen gesprek in het afgelopen kwartaal. Volgende stap: `/whoknows #{theme}` laat zien wie het "
            "kan oppakken, of plan een bijeenkomst met `/event`.",
        },
        "goal_empty": {
            "en": "no themes yet. Next: a team lead gives it themes (`/goodwill strategy`).",
            "nl": "nog geen thema's. Volgende stap: een teamleider geeft het doel thema's (`/goodwill strategie`).",
        },
        # 2. the figures
        "activity": {"en": "Activity", "nl": "Activiteit"},
        "summary": {
            "en": "{meetings}, logged by {colleagues}",
            "nl": "{meetings}, vastgelegd door {colleagues}",
        },
        "compare": {
            "en": "Last week: {last} by {last_colleagues} {arrow_last} · {average} a week, 8-week average {arrow_avg}",
            "nl": "Vorige week: {last} door {last_colleagues} {arrow_last} · gemiddeld {average} per week over 8 "
            "weken {arrow_avg}",
        },
        "average": {
            "en": {"one": "{n} meeting", "other": "{n} meetings"},
            "nl": {"one": "{n} gesprek", "other": "{n} gesprekken"},
        },
        "no_meetings": {
            "en": "No meetings were logged this week.",
            "nl": "Deze week zijn geen gesprekken vastgelegd.",
        },
        "themes": {"en": "Themes", "nl": "Thema's"},
        "theme_line": {"en": "{theme}: {relations} · {meetings}", "nl": "{theme}: {relations} · {meetings}"},
        "active_relations": {
            "en": {"one": "{n} active relation", "other": "{n} active relations"},
            "nl": {"one": "{n} actieve relatie", "other": "{n} actieve relaties"},
        },
        "meetings_this_week": {
            "en": {"one": "{n} meeting this week", "other": "{n} meetings this week"},
            "nl": {"one": "{n} gesprek deze week", "other": "{n} gesprekken deze week"},
        },
        "goal_no_key": {"en": "no key relation", "nl": "geen sleutelrelatie"},
        "goal_no_meeting": {
            "en": "no meeting in the last quarter",
            "nl": "geen gesprek in het afgelopen kwartaal",
        },
        "goal_no_themes": {"en": "no themes yet", "nl": "nog geen thema's"},
        "other_themes": {"en": "Other themes", "nl": "Overige thema's"},
        "silent_themes": {
            "en": "No meeting in the last quarter: {themes}",
            "nl": "Geen gesprek in het afgelopen kwartaal: {themes}",
        },
        "events": {"en": "Events", "nl": "Bijeenkomsten"},
        "events_upcoming": {"en": "Next four weeks", "nl": "Komende vier weken"},
        "events_last_week": {"en": "This week", "nl": "Deze week"},
        "event_invited": {"en": "{n} invited", "nl": "{n} uitgenodigd"},
        "event_coming": {
            "en": {"one": "{n} coming", "other": "{n} coming"},
            "nl": {"one": "{n} komt", "other": "{n} komen"},
        },
        "event_said_yes": {
            "en": {"one": "{n} said yes", "other": "{n} said yes"},
            "nl": {"one": "{n} zei ja", "other": "{n} zeiden ja"},
        },
        "event_attended": {
            "en": {"one": "{n} attended", "other": "{n} attended"},
            "nl": {"one": "{n} was er", "other": "{n} waren er"},
        },
        "give_take": {"en": "Give and take", "nl": "Geven en nemen"},
        "give_take_intro": {
            "en": {
                "one": "A relation where the logged give and take over the last year is lopsided:",
                "other": "Relations where the logged give and take over the last year is lopsided ({n}):",
            },
            "nl": {
                "one": "Een relatie waarbij het vastgelegde geven en nemen het afgelopen jaar scheef is:",
                "other": "Relaties waarbij het vastgelegde geven en nemen het afgelopen jaar scheef is ({n}):",
            },
        },
        "we_take": {
            "en": "we mostly ask (they offered {got}×, we offered {gave}×)",
            "nl": "wij vragen vooral (zij boden {got}× iets aan, wij {gave}×)",
        },
        "we_give": {
            "en": "we mostly give (we offered {gave}×, they offered {got}×)",
            "nl": "wij geven vooral (wij boden {gave}× iets aan, zij {got}×)",
        },
        "owner": {"en": "owner {owner}", "nl": "eigenaar {owner}"},
        "connectors": {"en": "Top connectors", "nl": "Beste verbinders"},
        "connectors_intro": {
            "en": "Who kept the most relations warm this week — thank you!",
            "nl": "Wie deze week de meeste relaties warm hield — dank jullie wel!",
        },
        # 3. the week's meetings, last
        "meetings": {"en": "Meetings this week", "nl": "Gesprekken deze week"},
        "met": {"en": "{who} met {relation}", "nl": "{who} sprak {relation}"},
        "with": {"en": "with {names}", "nl": "samen met {names}"},
        "and_more": {"en": "… and {count} more", "nl": "… en nog {count}"},
        "someone_who_left": {"en": "a former colleague", "nl": "een oud-collega"},
        "chart_title": {
            "en": "Meetings per week by tier, and quiet relations — up to week {number}",
            "nl": "Gesprekken per week per niveau, en stille relaties — t/m week {number}",
        },
        "short_weekday": {"en": "Mon|Tue|Wed|Thu|Fri|Sat|Sun", "nl": "ma|di|wo|do|vr|za|zo"},
        "short_month": {
            "en": "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec",
            "nl": "jan|feb|mrt|apr|mei|jun|jul|aug|sep|okt|nov|dec",
        },
    }
)

ARROWS = {"up": "↑", "down": "↓", "same": "="}
NAME_OTHER_QUIET = 5  # the other tiers' quiet relations are named up to this many, counted beyond


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


def chart_title(digest: Digest, language: str) -> str:
    return T("chart_title", language, number=digest.week.number)


# --- the lines, shared by both renderers ------------------------------------------------------------
def _relation(style: Style, name: str, organisation: str | None) -> str:
    label = style.bold(style.escape(name))
    return f"{label} ({style.escape(organisation)})" if organisation else label


def _person(style: Style, digest: Digest, user_id: str, language: str) -> str:
    """A colleague by name (never a mention: the digest pings nobody; never a bare id)."""
    return style.escape(digest.names.get(user_id) or T("someone_who_left", language))


def summary_lines(digest: Digest, language: str, style: Style) -> list[str]:
    week = digest.this_week
    if not (week.meetings or week.last_week_meetings or week.average_meetings):
        return [T("no_meetings", language)]
    meetings, colleagues = (
        counted("meetings", week.meetings, language),
        counted("colleagues", week.colleagues, language),
    )
    average = round(week.average_meetings, 1)
    lines = [style.bold(T("summary", language, meetings=meetings, colleagues=colleagues))]
    lines.append(
        T(
            "compare",
            language,
            last=counted("meetings", week.last_week_meetings, language),
            last_colleagues=counted("colleagues", week.last_week_colleagues, language),
            arrow_last=ARROWS[trend(week.meetings, week.last_week_meetings)],
            average=T("average", language, n=int(average) if average == int(average) else _number(average, language)),
            arrow_avg=ARROWS[trend(week.meetings, week.average_meetings)],
        )
    )
    if not week.meetings:
        lines.append(T("no_meetings", language))
    return lines


def meeting_line(digest: Digest, meeting: Meeting, language: str, style: Style) -> str:
    who = _person(style, digest, meeting.logged_by, language)
    line = f"{style.bullet} {capitalised(short_date(meeting.occurred_on, language))} · "
    line += T("met", language, who=who, relation=_relation(style, meeting.relation_name, meeting.organisation))
    if meeting.colleagues:
        names = ", ".join(_person(style, digest, user, language) for user in meeting.colleagues)
        line += " " + T("with", language, names=names)
    if meeting.themes:
        line += " · " + " ".join(style.code("#" + style.escape(theme)) for theme in meeting.themes)
    return line


def quiet_line(digest: Digest, relation: QuietRelation, language: str, style: Style, *, tier: bool = False) -> str:
    """A quiet relation: how long, and the next step with who could take it (the owner, or who met them last)."""
    owner = _person(style, digest, relation.owner_id, language)
    as_of = digest.gone_quiet.as_of
    days = relation.days_silent(as_of)
    if relation.owner_id in digest.departed:
        step = T("next_new_owner", language)
        state = T("silent", language, n=days) if days is not None else ""
        state = state or T("never_met", language, n=(as_of - relation.due_on).days + relation.cadence_days)
    elif days is None:
        added_days_ago = (as_of - relation.due_on).days + relation.cadence_days  # due = added + cadence
        state, step = T("never_met", language, n=added_days_ago), T("next_first", language, owner=owner)
    else:
        last = relation.last_contact_by
        also = ""
        if last and last != relation.owner_id and last in digest.names:
            also = T("also_last", language, person=_person(style, digest, last, language))
        state = T("silent", language, n=days)
        step = T("next_contact", language, owner=owner, also=also)
    if tier:
        state = f"{tier_name(relation.tier, language)}, {state}"
    return f"{style.bullet} {_relation(style, relation.name, relation.organisation)} — {state}. {step}"


def other_quiet_lines(digest: Digest, language: str, style: Style) -> list[str]:
    """The other tiers' quiet relations: each named (with its next step) when few, counted when many."""
    quiet = digest.gone_quiet
    if not quiet.others_total:
        return []
    if quiet.others_named(NAME_OTHER_QUIET):
        return [T("others_intro", language)] + [quiet_line(digest, r, language, style, tier=True) for r in quiet.others]
    counts = [tier_count(tier, count, language) for tier, count in quiet.other_tiers.items()]
    return [T("others_counted", language, counts=joined(counts, language))]


def single_line(digest: Digest, ref: RelationRef, language: str, style: Style) -> str:
    person_id = ref.person_id or ref.owner_id
    person = _person(style, digest, person_id, language)
    leaving_on = digest.leaving.get(person_id, (None, None))[0]
    if leaving_on:  # the next step is then a successor: the hand-over proposals (bot.handover)
        leaves = digest_leaving_note(leaving_on, language)
        detail = T("only_leaving", language, person=person, leaves=leaves)
    else:
        detail = T("only", language, person=person)
    return f"{style.bullet} {_relation(style, ref.name, ref.organisation)} — {detail}"


def orphan_line(digest: Digest, ref: RelationRef, language: str, style: Style) -> str:
    owner = _person(style, digest, ref.owner_id, language)
    detail = T("former_owner", language, tier=tier_name(ref.tier, language), owner=owner)
    return f"{style.bullet} {_relation(style, ref.name, ref.organisation)} — {detail}"


def goal_lines(digest: Digest, language: str, style: Style) -> list[str]:
    """Goals without meetings in the last quarter (or without themes), each with its next step."""
    lines = []
    for goal in digest.themes.goals:
        if not goal.themes:
            detail = T("goal_empty", language)
        elif goal.no_recent_meeting:
            detail = T("goal_quiet", language, theme=style.escape(goal.themes[0].name))
        else:
            continue
        lines.append(f"{style.bullet} {style.bold(style.escape(goal.name))} — {detail}")
    return lines


def theme_line(theme: ThemeFigure, language: str, style: Style, indent: str = "") -> str:
    text = T(
        "theme_line",
        language,
        theme=style.code("#" + style.escape(theme.name)),
        relations=T("active_relations", language, n=theme.active_relations),
        meetings=T("meetings_this_week", language, n=theme.meetings_this_week),
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


def event_line(digest: Digest, event: GatheringSummary, language: str, style: Style, *, past: bool) -> str:
    local = event.starts_at.astimezone(digest.timezone)
    when = f"{capitalised(short_date(local.date(), language))} {local:%H:%M}"
    if past:
        figures = [
            T("event_said_yes", language, n=event.accepted_total),
            T("event_attended", language, n=event.count("attended")),
        ]
    else:
        figures = [
            T("event_invited", language, n=event.invited_total),
            T("event_coming", language, n=event.accepted_total),
        ]
    return f"{style.bullet} {when} · {style.bold(style.escape(event.name))} — {', '.join(figures)}"


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
    owner = T("owner", language, owner=_person(style, digest, exchange.owner_id, language))
    return f"{style.bullet} {_relation(style, exchange.name, exchange.organisation)}, {owner} — {detail}"


def connector_lines(digest: Digest, language: str, style: Style) -> list[str]:
    lines = []
    for place, connector in enumerate(digest.connectors, start=1):
        relations = counted("relations", connector.relations, language)
        lines.append(f"{place}. {_person(style, digest, connector.user_id, language)} — {relations}")
    return lines


@dataclass(frozen=True)
class Section:
    title: str
    intro: list[str]
    items: list[str]
    more: int = 0  # items that exist beyond those listed
    outro: list[str] | None = None
    actions: Block | None = None  # buttons under the section (Block Kit only)


def attention_sections(digest: Digest, language: str, style: Style, *, for_lead: bool) -> list[Section]:  # noqa: C901 -- a declaration: one optional section per condition
    """What needs attention, most urgent first, each with the next step and who could take it. The channel
    sees counts where the lead's copy names who a relation depends on (docs/digest.md)."""
    parts: list[Section] = []
    quiet = digest.gone_quiet
    if quiet.key_total:
        parts.append(
            Section(
                "",
                [T("quiet_intro", language, n=quiet.key_total)],
                [quiet_line(digest, r, language, style) for r in quiet.key],
                quiet.key_total - len(quiet.key),
            )
        )
    others = other_quiet_lines(digest, language, style)
    if others:
        parts.append(Section("", others[:1], others[1:]))
    depends = digest.depends
    if for_lead:
        if depends.single_total:
            parts.append(
                Section(
                    "",
                    [T("single_intro", language, n=depends.single_total)],
                    [single_line(digest, r, language, style) for r in depends.single],
                    depends.single_total - len(depends.single),
                )
            )
        if depends.orphaned_total:
            parts.append(
                Section(
                    "",
                    [T("orphaned_intro", language, n=depends.orphaned_total)],
                    [orphan_line(digest, r, language, style) for r in depends.orphaned],
                    depends.orphaned_total - len(depends.orphaned),
                )
            )
        if parts and not depends.empty:  # buttons to the hand-over proposals of who leaves (bot.handover)
            parts[-1] = replace(parts[-1], actions=handover_buttons(digest, language))
    elif not depends.empty:
        counted_lines = []
        if depends.single_total:
            counted_lines.append(T("single_counted", language, n=depends.single_total))
        if depends.orphaned_total:
            counted_lines.append(T("orphaned_counted", language, n=depends.orphaned_total))
        parts.append(Section("", [" ".join([*counted_lines, T("leads_see", language)])], []))
    goals = goal_lines(digest, language, style)
    if goals:
        parts.append(Section("", [T("goals_intro", language)], goals))
    if not parts:
        parts.append(Section("", [T("nothing", language)], []))
    return [replace(parts[0], title=T("attention", language)), *parts[1:]]


def sections(digest: Digest, language: str, style: Style, *, for_lead: bool = False) -> list[Section]:
    """The digest's sections in order: what needs attention, the figures, the week's meetings last."""
    result = attention_sections(digest, language, style, for_lead=for_lead)
    week = digest.this_week
    result.append(Section(T("activity", language), summary_lines(digest, language, style), []))
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
                [T("give_take_intro", language, n=digest.give_take_total)],
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
    if week.shown:
        result.append(
            Section(
                T("meetings", language), [], [meeting_line(digest, m, language, style) for m in week.shown], week.more
            )
        )
    return result


def handover_buttons(digest: Digest, language: str) -> Block | None:
    """A button to the hand-over proposals of each member listed above who leaves or left (bot.handover)."""
    rounds = {
        round_id: digest.names.get(user_id) or T("someone_who_left", language)
        for user_id, (_, round_id) in digest.leaving.items()
        if round_id
    }
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


def _period(digest: Digest, language: str) -> str:
    week = digest.week
    period = T("period", language, start=short_date(week.start, language), end=short_date(week.end, language))
    return capitalised(period)  # "Ma 16 nov t/m zo 22 nov": a line opens with a capital


def digest_blocks(digest: Digest, language: str, *, for_lead: bool = False) -> list[Block]:
    week = digest.week
    blocks: list[Block] = [
        HeaderBlock(text=truncate(T("title", language, number=week.number), 150)),
        ContextBlock(elements=[MarkdownTextObject(text=f"{_period(digest, language)} {week.end.year} · {week.label}")]),
    ]
    for section in sections(digest, language, SLACK, for_lead=for_lead):
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


def digest_message(digest: Digest, language: str, *, for_lead: bool = False) -> dict:
    """chat.postMessage arguments: blocks, and the fallback text for notifications. `for_lead`: the copy a
    team lead gets in a DM, naming who each relation depends on."""
    week = digest.this_week
    key_quiet = digest.gone_quiet.key_total
    fallback = T(
        "fallback",
        language,
        number=digest.week.number,
        attention=T("fallback_quiet", language, n=key_quiet) if key_quiet else T("fallback_calm", language),
        meetings=counted("meetings", week.meetings, language),
        colleagues=counted("colleagues", week.colleagues, language),
    )
    return {
        "text": fallback,
        "blocks": [block.to_dict() for block in digest_blocks(digest, language, for_lead=for_lead)],
        "unfurl_links": False,
        "unfurl_media": False,
    }


# --- plain text (--dry-run) --------------------------------------------------------------------------
def digest_text(digest: Digest, language: str, *, for_lead: bool = False) -> str:
    week = digest.week
    out = [T("title", language, number=week.number), f"{_period(digest, language)} {week.end.year} ({week.label})"]
    for section in sections(digest, language, PLAIN, for_lead=for_lead):
        if section.title:
            out.append("")
            out.append(section.title.upper())
        out.extend(section.intro)
        out.extend(section.items)
        if section.more:
            out.append(T("and_more", language, count=section.more))
        out.extend(section.outro or [])
    return "\n".join(out) + "\n"
