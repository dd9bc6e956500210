"""Network events on every surface: the planning modal, the owners' invitation DMs, the organisers'
attendance checklist, /event list, the App Home section, the digest section, and the notices."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from slack_sdk.models.blocks import (
    ActionsBlock,
    ButtonElement,
    CheckboxesElement,
    ConfirmObject,
    ContextBlock,
    DatePickerElement,
    HeaderBlock,
    InputBlock,
    MarkdownTextObject,
    Option,
    PlainTextInputElement,
    PlainTextObject,
    SectionBlock,
    StaticMultiSelectElement,
    StaticSelectElement,
    TimePickerElement,
    UserMultiSelectElement,
)
from slack_sdk.models.views import View

from bot.domain.gatherings import NAME_MAX, OWNER_STATUSES, PLACE_MAX, GatheringSummary, Problem
from bot.i18n import Catalog
from bot.render.text import capitalised, escape, joined, long_date, truncate, user_mention
from bot.render.words import counted

# Slack-facing ids (callback ids, action ids, keys in private_metadata and button values) keep the word "event":
# renaming them would break modals and buttons already sent to members. In the code the concept is a gathering.
CREATE_CALLBACK = "event_create"
MOVE_CALLBACK = "event_move"
PER_CHECKBOXES = 10  # Slack's limit of options in one checkboxes element
MAX_PROPOSED = 50  # five checkbox groups in the modal; the rest is summarised
MAX_OPTIONS = 100  # Slack's limit for a static select
BUTTONS_UP_TO = 22  # an owner's DM: section + buttons per relation within 50 blocks; beyond, one select each
MAX_DM_RELATIONS = 45

T = Catalog(
    {
        "title": {"en": "Plan a network event", "nl": "Bijeenkomst plannen"},
        "create": {"en": "Plan it", "nl": "Plannen"},
        "cancel": {"en": "Cancel", "nl": "Annuleren"},
        "name": {"en": "Name", "nl": "Naam"},
        "name_placeholder": {"en": "e.g. Housing breakfast", "nl": "bijv. Woonontbijt"},
        "date": {"en": "Date", "nl": "Datum"},
        "time": {"en": "Time", "nl": "Tijd"},
        "place": {"en": "Place", "nl": "Plaats"},
        "goal": {"en": "Goal", "nl": "Doel"},
        "goal_placeholder": {"en": "Which goal does it serve?", "nl": "Aan welk doel draagt het bij?"},
        "themes": {"en": "Themes", "nl": "Thema's"},
        "themes_placeholder": {"en": "What is it about?", "nl": "Waar gaat het over?"},
        "organisers": {"en": "Organisers", "nl": "Organisatoren"},
        "invite_header": {"en": "Whom to invite", "nl": "Wie nodig je uit"},
        "invite_hint": {
            "en": "Pick a goal or themes and Goodwill proposes the relations on them, quiet ones first: an "
            "event is a natural way to warm them up again.",
            "nl": "Kies een doel of thema's en Goodwill stelt de relaties daarbij voor, stille eerst: een "
            "bijeenkomst is een mooie gelegenheid om ze weer eens te zien.",
        },
        "invite_none": {
            "en": "No relations on these themes yet.",
            "nl": "Nog geen relaties bij deze thema's.",
        },
        "invite_intro": {
            "en": "Proposed: {relations}, quiet ones first. Untick whom not to invite; each owner gets one "
            "message asking them to invite theirs.",
            "nl": "Voorgesteld: {relations}, stille eerst. Vink uit wie je niet uitnodigt; elke eigenaar krijgt "
            "één bericht met de vraag de eigen relaties uit te nodigen.",
        },
        "invite_group": {"en": "Invite ({first}–{last})", "nl": "Uitnodigen ({first}–{last})"},
        "invite_more": {
            "en": "… and {count} more on these themes, not listed: choose fewer themes to see them.",
            "nl": "… en nog {count} bij deze thema's, niet getoond: kies minder thema's om ze te zien.",
        },
        "owner_of": {"en": "owner {owner}", "nl": "eigenaar {owner}"},
        "quiet_since": {"en": "quiet · last contact {day}", "nl": "stil · laatste contact {day}"},
        "quiet_never": {"en": "quiet · never met", "nl": "stil · nooit gesproken"},
        "last_contact": {"en": "last contact {day}", "nl": "laatste contact {day}"},
        "never_met": {"en": "never met", "nl": "nooit gesproken"},
        # validation
        "name_required": {"en": "Give the event a name.", "nl": "Geef de bijeenkomst een naam."},
        "too_long": {"en": "Keep it to {limit} characters.", "nl": "Hooguit {limit} tekens."},
        "date_required": {"en": "Pick a date.", "nl": "Kies een datum."},
        "time_required": {"en": "Pick a time.", "nl": "Kies een tijd."},
        "in_the_past": {
            "en": "That day has passed: pick a date ahead.",
            "nl": "Die dag is voorbij: kies een latere datum.",
        },
        "time_gone": {
            "en": "That time has passed today: pick a later time.",
            "nl": "Dat tijdstip is vandaag al voorbij: kies een later tijdstip.",
        },
        # time
        "at": {"en": "{day}, {time}", "nl": "{day}, {time} uur"},
        # the organiser's confirmation
        "planned": {
            "en": "Planned: *{name}* on {when}{place}. On the list: {invited}.",
            "nl": "Gepland: *{name}* op {when}{place}. Op de lijst: {invited}.",
        },
        "asked_owners": {
            "en": {
                "one": "I asked their owner to invite them.",
                "other": "I asked their {n} owners to invite theirs.",
            },
            "nl": {
                "one": "Ik heb de eigenaar gevraagd ze uit te nodigen.",
                "other": "Ik heb de {n} eigenaren gevraagd elk hun eigen relaties uit te nodigen.",
            },
        },
        "at_place": {"en": " at {place}", "nl": " (locatie: {place})"},
        # the owner's DM
        "owner_intro": {
            "en": {
                "one": "{organisers} is organising *{name}* on {when}{place}. Would you invite these relations "
                "of yours? Mark each one as you go.",
                "other": "{organisers} are organising *{name}* on {when}{place}. Would you invite these "
                "relations of yours? Mark each one as you go.",
            },
            "nl": {
                "one": "{organisers} organiseert *{name}* op {when}{place}. Wil jij deze relaties uitnodigen? Jij "
                "bent hun eigenaar. Geef per relatie aan hoe het ervoor staat.",
                "other": "{organisers} organiseren *{name}* op {when}{place}. Wil jij deze relaties uitnodigen? Jij "
                "bent hun eigenaar. Geef per relatie aan hoe het ervoor staat.",
            },
        },
        "status_proposed": {"en": "to invite", "nl": "nog uitnodigen"},
        "status_invited": {"en": "invited", "nl": "uitgenodigd"},
        "status_accepted": {"en": "accepted", "nl": "komt"},
        "status_declined": {"en": "declined", "nl": "komt niet"},
        "status_attended": {"en": "attended", "nl": "was er"},
        "mark_invited": {"en": "Invited", "nl": "Uitgenodigd"},
        "mark_accepted": {"en": "Accepted", "nl": "Komt"},
        "mark_declined": {"en": "Declined", "nl": "Komt niet"},
        "owner_more": {
            "en": "… and {count} more: ask an organiser for the rest of your list.",
            "nl": "… en nog {count}: vraag een organisator om de rest van je lijst.",
        },
        "cancelled_banner": {
            "en": ":x: This event has been cancelled.",
            "nl": ":x: Deze bijeenkomst gaat niet door.",
        },
        "not_yours": {
            "en": "Only {owner}, who owns this relation, can mark this invitation.",
            "nl": "Alleen {owner}, eigenaar van deze relatie, kan deze uitnodiging bijwerken.",
        },
        "is_cancelled": {"en": "That event has been cancelled.", "nl": "Die bijeenkomst gaat niet door."},
        "gone": {"en": "That event no longer exists.", "nl": "Die bijeenkomst bestaat niet meer."},
        # the organisers' follow-up
        "followup_intro": {
            "en": "*{name}* was yesterday. Who came? Tick each relation who attended: it counts as a "
            "meeting, so their cadence starts again.",
            "nl": "*{name}* was gisteren. Wie waren er? Vink elke relatie aan die er was: dat telt als "
            "gesprek, dus hun ritme begint opnieuw.",
        },
        "followup_group": {"en": "Attended ({first}–{last})", "nl": "Aanwezig ({first}–{last})"},
        "no_answer": {"en": "no answer logged", "nl": "geen antwoord vastgelegd"},
        "attended_count": {
            "en": {"one": "{n} of {total} attended.", "other": "{n} of {total} attended."},
            "nl": {"one": "{n} van de {total} was er.", "other": "{n} van de {total} waren er."},
        },
        "followup_more": {
            "en": {
                "one": "… and 1 more is on the list; ask its owner to mark it.",
                "other": "… and {n} more are on the list; ask their owners to mark them.",
            },
            "nl": {
                "one": "… en nog 1 op de lijst; de eigenaar kan die bijwerken.",
                "other": "… en nog {n} op de lijst; hun eigenaren kunnen die bijwerken.",
            },
        },
        "only_organisers": {
            "en": "Only the event's organisers can mark attendance.",
            "nl": "Alleen de organisatoren van de bijeenkomst kunnen de aanwezigheid bijhouden.",
        },
        # lists
        "upcoming": {"en": "Upcoming events", "nl": "Komende bijeenkomsten"},
        "recent": {"en": "Recent events", "nl": "Recente bijeenkomsten"},
        "no_upcoming": {
            "en": "No events planned. Plan one with `/event`.",
            "nl": "Geen bijeenkomsten gepland. Plan er een met `/event`.",
        },
        "no_recent": {"en": "None in the last month.", "nl": "Geen bijeenkomsten in de afgelopen maand."},
        "your_events": {"en": "Your events", "nl": "Jouw bijeenkomsten"},
        "no_own_events": {
            "en": "You organise no upcoming events. Plan one with `/event`.",
            "nl": "Je organiseert geen komende bijeenkomsten. Plan er een met `/event`.",
        },
        "n_proposed": {"en": "{n} to invite", "nl": "{n} nog uit te nodigen"},
        "n_invited": {"en": "{n} invited", "nl": "{n} uitgenodigd"},
        "n_accepted": {
            "en": {"one": "{n} coming", "other": "{n} coming"},
            "nl": {"one": "{n} komt", "other": "{n} komen"},
        },
        "n_declined": {
            "en": {"one": "{n} not coming", "other": "{n} not coming"},
            "nl": {"one": "{n} komt niet", "other": "{n} komen niet"},
        },
        "n_said_yes": {
            "en": {"one": "{n} said yes", "other": "{n} said yes"},
            "nl": {"one": "{n} zei ja", "other": "{n} zeiden ja"},
        },
        "n_attended": {
            "en": {"one": "{n} attended", "other": "{n} attended"},
            "nl": {"one": "{n} was er", "other": "{n} waren er"},
        },
        "cancelled_tag": {"en": "cancelled", "nl": "gaat niet door"},
        "organised_by": {"en": "Organised by {people}", "nl": "Georganiseerd door {people}"},
        "and_more": {"en": "… and {count} more", "nl": "… en nog {count}"},
        "cancel_event": {"en": "Cancel event", "nl": "Afzeggen"},
        "move_event": {"en": "Move", "nl": "Verplaatsen"},
        "confirm_cancel_title": {"en": "Cancel this event?", "nl": "Bijeenkomst afzeggen?"},
        "confirm_cancel_text": {
            "en": "Owners who invited people for *{name}* will be told.",
            "nl": "Eigenaren die mensen uitnodigden voor *{name}* krijgen bericht.",
        },
        "confirm_yes": {"en": "Cancel it", "nl": "Afzeggen"},
        "confirm_no": {"en": "Keep it", "nl": "Niet afzeggen"},
        "list_help": {
            "en": "`/event` plans an event; `/event list` shows upcoming and recent ones.",
            "nl": "`/event` plant een bijeenkomst; `/event lijst` toont komende en recente.",
        },
        # move
        "move_title": {"en": "Move event", "nl": "Bijeenkomst verplaatsen"},
        "move_submit": {"en": "Move", "nl": "Verplaatsen"},
        "move_intro": {"en": "New date and time for *{name}*.", "nl": "Nieuwe datum en tijd voor *{name}*."},
        "not_organiser": {
            "en": "Only the organisers of *{name}* can cancel or move it.",
            "nl": "Alleen de organisatoren van *{name}* kunnen de bijeenkomst afzeggen of verplaatsen.",
        },
        "past_event": {
            "en": "*{name}* has already taken place.",
            "nl": "*{name}* heeft al plaatsgevonden.",
        },
        # notices to owners
        "cancelled_notice": {
            "en": "{who} cancelled *{name}* ({when}). Please let the people you invited know: {relations}.",
            "nl": "{who} heeft *{name}* ({when}) afgezegd. Laat het de mensen die je uitnodigde even weten: "
            "{relations}.",
        },
        "moved_notice": {
            "en": "{who} moved *{name}* from {before} to *{after}*. Please let the people you invited know: "
            "{relations}.",
            "nl": "{who} heeft *{name}* verplaatst van {before} naar *{after}*. Laat het de mensen die je "
            "uitnodigde even weten: {relations}.",
        },
        "moved_banner": {
            "en": ":calendar: Moved from {before}.",
            "nl": ":calendar: Verplaatst van {before}.",
        },
        "cancelled_done": {"en": "*{name}* is cancelled.", "nl": "*{name}* gaat niet door."},
        "moved_done": {"en": "*{name}* now starts on {when}.", "nl": "*{name}* begint nu op {when}."},
        "told_owners": {
            "en": {
                "one": "I told the owner who had invited people.",
                "other": "I told the {n} owners who had invited people.",
            },
            "nl": {
                "one": "Ik heb het de eigenaar laten weten die mensen had uitgenodigd.",
                "other": "Ik heb het de {n} eigenaren laten weten die mensen hadden uitgenodigd.",
            },
        },
        "told_nobody": {
            "en": "Nobody had been invited yet, so nobody needed telling.",
            "nl": "Er was nog niemand uitgenodigd, dus niemand hoefde bericht te krijgen.",
        },
        # digest
    }
)


# --- small pieces --------------------------------------------------------------------------------------
def when(moment: datetime, tz: ZoneInfo, language: str = "en", *, start: bool = False) -> str:
    """'Thursday 10 December 2026, 18:30' in the reader's zone; `start`: it opens a line, so a Dutch weekday
    gets its capital ('Vrijdag 11 december 2026, 18:30 uur')."""
    local = moment.astimezone(tz)
    text = T("at", language, day=long_date(local.date(), language), time=local.strftime("%H:%M"))
    return capitalised(text) if start else text


def short_day(day: date, language: str = "en") -> str:
    """'3 September 2026' / '3 september 2026'."""
    return long_date(day, language).split(" ", 1)[1]


def people(user_ids: Sequence[str], language: str | None = None) -> str:
    """Mentions: '@Anna, @Bram' (with a language: '@Anna and @Bram' / '@Anna en @Bram')."""
    mentions = [user_mention(u) for u in user_ids]
    return joined(mentions, language) if language else ", ".join(mentions)


def place_part(place: str, language: str) -> str:
    return T("at_place", language, place=escape(place)) if place else ""


def _fallback(text: str) -> str:
    return truncate(text.replace("*", ""), 300)


# --- the planning modal --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Proposed:
    """A relation on the proposed list, as the organiser sees it."""

    invitation_key: int  # the relation id
    name: str
    organisation: str | None
    owner_id: str
    quiet: bool
    last_contact_on: date | None


@dataclass
class GatheringForm:
    """What the planning modal shows; rebuilt whenever goal or themes change."""

    organiser_id: str
    timezone: str
    goals: Sequence[tuple[int, str]] = ()
    themes: Sequence[tuple[int, str]] = ()
    goal_id: int | None = None
    theme_ids: Sequence[int] = ()
    goal_theme_names: Sequence[str] = ()
    proposed: Sequence[Proposed] = ()
    not_listed: int = 0
    chosen: bool = False  # a goal or theme was picked
    selected: set[int] | None = None  # relation ids ticked (None: all proposed)
    name: str | None = None
    day: str | None = None
    at: str | None = None
    place: str | None = None
    organisers: Sequence[str] = field(default_factory=tuple)


def proposal_key(goal_id: int | None, theme_ids: Sequence[int]) -> str:
    """Part of the checkbox block ids: a new selection of goal/themes gives new blocks, so Slack shows the
    new proposal ticked instead of keeping the old ticks."""
    return f"{goal_id or 0}-{'.'.join(str(t) for t in sorted(theme_ids))}"[:80]


def _proposed_option(row: Proposed, language: str) -> Option:
    organisation = f" ({row.organisation})" if row.organisation else ""
    label = truncate(f"*{escape(row.name + organisation)}*", 60)
    if row.quiet:
        state = (
            T("quiet_since", language, day=short_day(row.last_contact_on, language))
            if row.last_contact_on
            else T("quiet_never", language)
        )
    else:
        state = (
            T("last_contact", language, day=short_day(row.last_contact_on, language))
            if row.last_contact_on
            else T("never_met", language)
        )
    owner = T("owner_of", language, owner=user_mention(row.owner_id))
    return Option(
        value=str(row.invitation_key),
        text=MarkdownTextObject(text=label),
        description=MarkdownTextObject(text=truncate(f"{owner} · {state}", 75)),
    )


def gathering_modal(form: GatheringForm, language: str = "en") -> dict:
    blocks: list = [
        InputBlock(
            block_id="name",
            label=T("name", language),
            element=PlainTextInputElement(
                action_id="value",
                max_length=NAME_MAX,
                initial_value=form.name or None,
                placeholder=T("name_placeholder", language),
            ),
        ),
        InputBlock(
            block_id="date",
            label=T("date", language),
            element=DatePickerElement(action_id="value", initial_date=form.day or None),
        ),
        InputBlock(
            block_id="time",
            label=T("time", language),
            element=TimePickerElement(action_id="value", initial_time=form.at or "18:00"),
        ),
        InputBlock(
            block_id="place",
            label=T("place", language),
            optional=True,
            element=PlainTextInputElement(action_id="value", max_length=PLACE_MAX, initial_value=form.place or None),
        ),
    ]
    if form.goals:
        options = [Option(value=str(goal_id), text=truncate(name, 75)) for goal_id, name in form.goals[:MAX_OPTIONS]]
        initial = next((o for o in options if o.value == str(form.goal_id)), None)
        blocks.append(
            InputBlock(
                block_id="goal",
                label=T("goal", language),
                optional=True,
                dispatch_action=True,
                element=StaticSelectElement(
                    action_id="event_goal",
                    options=options,
                    initial_option=initial,
                    placeholder=T("goal_placeholder", language),
                ),
            )
        )
        if form.goal_theme_names:
            names = " ".join(f"`#{escape(n)}`" for n in form.goal_theme_names)
            blocks.append(ContextBlock(elements=[MarkdownTextObject(text=truncate(names, 2000))]))
    if form.themes:
        options = [Option(value=str(theme_id), text=truncate(f"#{name}", 75)) for theme_id, name in form.themes]
        options = options[:MAX_OPTIONS]
        initial = [o for o in options if int(o.value) in set(form.theme_ids)]
        blocks.append(
            InputBlock(
                block_id="themes",
                label=T("themes", language),
                optional=True,
                dispatch_action=True,
                element=StaticMultiSelectElement(
                    action_id="event_themes",
                    options=options,
                    initial_options=initial or None,
                    placeholder=T("themes_placeholder", language),
                ),
            )
        )
    blocks.append(
        InputBlock(
            block_id="organisers",
            label=T("organisers", language),
            element=UserMultiSelectElement(
                action_id="value", initial_users=list(form.organisers or [form.organiser_id])
            ),
        )
    )
    blocks.append(HeaderBlock(text=T("invite_header", language)))
    if not form.chosen:
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=T("invite_hint", language))]))
    elif not form.proposed:
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=T("invite_none", language))]))
    else:
        listed = list(form.proposed[:MAX_PROPOSED])
        intro = T("invite_intro", language, relations=counted("relations", len(listed), language))
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=intro)]))
        key = proposal_key(form.goal_id, form.theme_ids)
        for start in range(0, len(listed), PER_CHECKBOXES):
            group = listed[start : start + PER_CHECKBOXES]
            options = [_proposed_option(row, language) for row in group]
            ticked = [
                o
                for o, row in zip(options, group, strict=True)
                if form.selected is None or row.invitation_key in form.selected
            ]
            blocks.append(
                InputBlock(
                    block_id=f"invite_{key}_{start // PER_CHECKBOXES}",
                    optional=True,
                    label=T("invite_group", language, first=start + 1, last=start + len(group)),
                    element=CheckboxesElement(action_id="value", options=options, initial_options=ticked or None),
                )
            )
        more = form.not_listed + max(0, len(form.proposed) - MAX_PROPOSED)
        if more:
            blocks.append(ContextBlock(elements=[MarkdownTextObject(text=T("invite_more", language, count=more))]))
    view = View(
        type="modal",
        callback_id=CREATE_CALLBACK,
        title=PlainTextObject(text=truncate(T("title", language), 24)),
        submit=PlainTextObject(text=T("create", language)),
        close=PlainTextObject(text=T("cancel", language)),
        private_metadata=json.dumps({"tz": form.timezone}),
        blocks=blocks,
    )
    return view.to_dict()


def form_errors(problems: Sequence[Problem], language: str = "en") -> dict[str, str]:
    errors: dict[str, str] = {}
    for problem in problems:
        errors.setdefault(problem.field, T(problem.key, language, **problem.values))
    return errors


def planned_message(event: GatheringSummary, *, invited: int, owners: int, tz: ZoneInfo, language: str) -> dict:
    text = T(
        "planned",
        language,
        name=escape(event.name),
        when=when(event.starts_at, tz, language),
        place=place_part(event.place, language),
        invited=counted("relations", invited, language),
    )
    if owners:
        text += " " + T("asked_owners", language, n=owners)
    return {
        "text": _fallback(text),
        "blocks": [SectionBlock(text=MarkdownTextObject(text=truncate(text, 3000))).to_dict()],
    }


# --- the owner's DM ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class InvitationLine:
    invitation_id: int
    name: str
    organisation: str | None
    status: str


def _relation_label(name: str, organisation: str | None) -> str:
    return f"*{escape(name)}*" + (f" ({escape(organisation)})" if organisation else "")


def owner_message(
    event: GatheringSummary,
    lines: Sequence[InvitationLine],
    *,
    tz: ZoneInfo,
    language: str,
    moved_from: datetime | None = None,
) -> dict:
    """One DM per owner: the event, then each relation with its status and buttons invited/accepted/declined
    (a select per relation when the list is long). A cancelled event keeps the list, without buttons."""
    intro = T(
        "owner_intro",
        language,
        organisers=people(event.organisers, language),
        n=len(event.organisers),
        name=escape(event.name),
        when=when(event.starts_at, tz, language),
        place=place_part(event.place, language),
    )
    blocks: list = [SectionBlock(text=MarkdownTextObject(text=truncate(intro, 3000)))]
    if event.cancelled:
        blocks.insert(0, SectionBlock(text=MarkdownTextObject(text=T("cancelled_banner", language))))
    elif moved_from is not None:
        blocks.insert(
            0,
            ContextBlock(
                elements=[MarkdownTextObject(text=T("moved_banner", language, before=when(moved_from, tz, language)))]
            ),
        )
    shown = lines[:MAX_DM_RELATIONS]
    compact = len(shown) > BUTTONS_UP_TO
    for line in shown:
        blocks += _invitation_blocks(line, language, cancelled=event.cancelled, compact=compact)
    if len(lines) > len(shown):
        more = T("owner_more", language, count=len(lines) - len(shown))
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=more)]))
    return {"text": _fallback(intro), "blocks": [b.to_dict() for b in blocks]}


def _invitation_blocks(line: InvitationLine, language: str, *, cancelled: bool, compact: bool) -> list:
    """One relation of the owner's DM: its status, and a select (`compact`, a long list) or buttons to change it;
    neither once the event is cancelled or the relation attended."""
    label = f"{_relation_label(line.name, line.organisation)} — _{T(f'status_{line.status}', language)}_"
    if cancelled or line.status == "attended":
        return [SectionBlock(text=MarkdownTextObject(text=truncate(label, 3000)))]
    if compact:
        options = [Option(value=f"{line.invitation_id}:{s}", text=T(f"status_{s}", language)) for s in OWNER_STATUSES]
        current = next((o for o in options if o.value.endswith(f":{line.status}")), None)
        return [
            SectionBlock(
                block_id=f"inv_{line.invitation_id}",
                text=MarkdownTextObject(text=truncate(label, 3000)),
                accessory=StaticSelectElement(
                    action_id="event_invitation_status",
                    options=options,
                    initial_option=current,
                    placeholder=T("status_proposed", language),
                ),
            )
        ]
    buttons = [
        ButtonElement(
            text=T(f"mark_{s}", language),
            action_id=f"event_invitation_{s}",
            value=str(line.invitation_id),
            style="primary" if line.status == s else None,
        )
        for s in OWNER_STATUSES
    ]
    return [
        SectionBlock(text=MarkdownTextObject(text=truncate(label, 3000))),
        ActionsBlock(block_id=f"inv_{line.invitation_id}", elements=buttons),
    ]


# --- the organisers' attendance checklist --------------------------------------------------------------
def followup_message(event: GatheringSummary, lines: Sequence[InvitationLine], *, language: str) -> dict:
    """Checkboxes (ten per group) of those who accepted — and those invited without an answer, marked so."""
    intro = T("followup_intro", language, name=escape(event.name))
    blocks: list = [SectionBlock(text=MarkdownTextObject(text=truncate(intro, 3000)))]
    shown = lines[: PER_CHECKBOXES * 4]
    for start in range(0, len(shown), PER_CHECKBOXES):
        group = shown[start : start + PER_CHECKBOXES]
        options = []
        for line in group:
            description = T("no_answer", language) if line.status == "invited" else None
            options.append(
                Option(
                    value=str(line.invitation_id),
                    text=MarkdownTextObject(text=truncate(_relation_label(line.name, line.organisation), 75)),
                    description=MarkdownTextObject(text=description) if description else None,
                )
            )
        ticked = [o for o, line in zip(options, group, strict=True) if line.status == "attended"]
        blocks.append(
            ActionsBlock(
                block_id=f"attend_{event.event_id}_{start // PER_CHECKBOXES}",
                elements=[
                    CheckboxesElement(action_id="event_attended", options=options, initial_options=ticked or None)
                ],
            )
        )
    if len(lines) > len(shown):
        blocks.append(
            ContextBlock(elements=[MarkdownTextObject(text=T("followup_more", language, n=len(lines) - len(shown)))])
        )
    attended = sum(1 for line in lines if line.status == "attended")
    blocks.append(
        ContextBlock(elements=[MarkdownTextObject(text=T("attended_count", language, n=attended, total=len(lines)))])
    )
    return {"text": _fallback(intro), "blocks": [b.to_dict() for b in blocks]}


# --- lists ---------------------------------------------------------------------------------------------
def _counts_line(event: GatheringSummary, past: bool, language: str) -> str:
    if past:
        counts = [("n_said_yes", event.accepted_total), ("n_attended", event.count("attended"))]
    else:
        counts = [(f"n_{status}", event.count(status)) for status in ("proposed", "invited", "accepted", "declined")]
    return " · ".join(T(key, language, n=n) for key, n in counts)


def _gathering_text(event: GatheringSummary, *, past: bool, tz: ZoneInfo, language: str) -> str:
    title = f"*{escape(event.name)}*"
    if event.cancelled:
        title = f"~{title}~ _({T('cancelled_tag', language)})_"
    lines = [
        title,
        when(event.starts_at, tz, language, start=True) + (f" · {escape(event.place)}" if event.place else ""),
        T("organised_by", language, people=people(event.organisers, language)),
    ]
    if not event.cancelled:
        lines.append(_counts_line(event, past, language))
    return truncate("\n".join(lines), 3000)


def _gathering_buttons(event: GatheringSummary, language: str) -> ActionsBlock:
    confirm = ConfirmObject(
        title=T("confirm_cancel_title", language),
        text=MarkdownTextObject(text=truncate(T("confirm_cancel_text", language, name=escape(event.name)), 300)),
        confirm=T("confirm_yes", language),
        deny=T("confirm_no", language),
    )
    return ActionsBlock(
        block_id=f"event_{event.event_id}",
        elements=[
            ButtonElement(text=T("move_event", language), action_id="event_move", value=str(event.event_id)),
            ButtonElement(
                text=T("cancel_event", language),
                action_id="event_cancel",
                value=str(event.event_id),
                style="danger",
                confirm=confirm,
            ),
        ],
    )


def gathering_list_message(
    upcoming: Sequence[GatheringSummary],
    recent: Sequence[GatheringSummary],
    *,
    user_id: str,
    tz: ZoneInfo,
    language: str,
    notice: str | None = None,
) -> dict:
    """/event list: upcoming events (Move / Cancel on those the reader organises), then the last month's."""
    blocks: list = []
    if notice:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=truncate(notice, 3000))))
    blocks.append(HeaderBlock(text=T("upcoming", language)))
    if not upcoming:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=T("no_upcoming", language))))
    for event in upcoming[:12]:
        blocks.append(
            SectionBlock(text=MarkdownTextObject(text=_gathering_text(event, past=False, tz=tz, language=language)))
        )
        if user_id in event.organisers and not event.cancelled:
            blocks.append(_gathering_buttons(event, language))
    if len(upcoming) > 12:
        blocks.append(
            ContextBlock(elements=[MarkdownTextObject(text=T("and_more", language, count=len(upcoming) - 12))])
        )
    blocks.append(HeaderBlock(text=T("recent", language)))
    if not recent:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=T("no_recent", language))))
    for event in list(reversed(recent))[:8]:
        blocks.append(
            SectionBlock(text=MarkdownTextObject(text=_gathering_text(event, past=True, tz=tz, language=language)))
        )
    if len(recent) > 8:
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=T("and_more", language, count=len(recent) - 8))]))
    blocks.append(ContextBlock(elements=[MarkdownTextObject(text=T("list_help", language))]))
    fallback = T("upcoming", language) + ": " + (", ".join(escape(e.name) for e in upcoming[:5]) or "—")
    return {
        "response_type": "ephemeral",
        "text": _fallback(fallback),
        "blocks": [b.to_dict() for b in blocks],
    }


def home_section(
    events: Sequence[tuple[GatheringSummary, Sequence[InvitationLine]]],
    *,
    tz: ZoneInfo,
    language: str,
    max_events: int = 5,
) -> list[dict]:
    """The organiser's App Home section: their upcoming events, counts and the invitation list with statuses
    (one header and at most one section per event + one context)."""
    blocks: list = [HeaderBlock(text=T("your_events", language))]
    if not events:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=T("no_own_events", language))))
        return [b.to_dict() for b in blocks]
    for event, lines in events[:max_events]:
        text = _gathering_text(event, past=False, tz=tz, language=language)
        listed = [
            f"{_relation_label(line.name, line.organisation)} — _{T(f'status_{line.status}', language)}_"
            for line in lines[:15]
        ]
        if len(lines) > 15:
            listed.append(T("and_more", language, count=len(lines) - 15))
        if listed:
            text += "\n" + "\n".join(listed)
        blocks.append(SectionBlock(text=MarkdownTextObject(text=truncate(text, 3000))))
    if len(events) > max_events:
        blocks.append(
            ContextBlock(elements=[MarkdownTextObject(text=T("and_more", language, count=len(events) - max_events))])
        )
    blocks.append(ContextBlock(elements=[MarkdownTextObject(text=T("list_help", language))]))
    return [b.to_dict() for b in blocks]


# --- moving, cancelling --------------------------------------------------------------------------------
def move_modal(event: GatheringSummary, *, tz: ZoneInfo, language: str) -> dict:
    local = event.starts_at.astimezone(tz)
    view = View(
        type="modal",
        callback_id=MOVE_CALLBACK,
        title=PlainTextObject(text=truncate(T("move_title", language), 24)),
        submit=PlainTextObject(text=T("move_submit", language)),
        close=PlainTextObject(text=T("cancel", language)),
        private_metadata=json.dumps({"event_id": event.event_id, "tz": str(tz)}),
        blocks=[
            SectionBlock(
                text=MarkdownTextObject(text=truncate(T("move_intro", language, name=escape(event.name)), 3000))
            ),
            InputBlock(
                block_id="date",
                label=T("date", language),
                element=DatePickerElement(action_id="value", initial_date=local.date().isoformat()),
            ),
            InputBlock(
                block_id="time",
                label=T("time", language),
                element=TimePickerElement(action_id="value", initial_time=local.strftime("%H:%M")),
            ),
        ],
    )
    return view.to_dict()


def relations_list(names: Sequence[str]) -> str:
    shown = [escape(n) for n in names[:20]]
    if len(names) > 20:
        shown.append(f"+{len(names) - 20}")
    return ", ".join(shown)


def cancelled_notice(
    event: GatheringSummary, *, by: str, relations: Sequence[str], tz: ZoneInfo, language: str
) -> dict:
    text = T(
        "cancelled_notice",
        language,
        who=user_mention(by),
        name=escape(event.name),
        when=when(event.starts_at, tz, language),
        relations=relations_list(relations),
    )
    return {
        "text": _fallback(text),
        "blocks": [SectionBlock(text=MarkdownTextObject(text=truncate(text, 3000))).to_dict()],
    }


def moved_notice(
    event: GatheringSummary, *, by: str, before: datetime, relations: Sequence[str], tz: ZoneInfo, language: str
) -> dict:
    text = T(
        "moved_notice",
        language,
        who=user_mention(by),
        name=escape(event.name),
        before=when(before, tz, language),
        after=when(event.starts_at, tz, language),
        relations=relations_list(relations),
    )
    return {
        "text": _fallback(text),
        "blocks": [SectionBlock(text=MarkdownTextObject(text=truncate(text, 3000))).to_dict()],
    }


def _told(owners: int, language: str) -> str:
    return T("told_owners", language, n=owners) if owners else T("told_nobody", language)


def cancelled_text(name: str, owners_told: int, language: str) -> str:
    """The organiser's answer after cancelling: done, and who was told."""
    return f"{T('cancelled_done', language, name=escape(name))} {_told(owners_told, language)}"


def moved_text(name: str, starts: str, owners_told: int, language: str) -> str:
    """The organiser's answer after moving: the new moment, and who was told."""
    return f"{T('moved_done', language, name=escape(name), when=starts)} {_told(owners_told, language)}"


def text(key: str, language: str = "en", **values: object) -> str:
    """A short answer from this surface's catalog (ephemeral replies of the handlers)."""
    return T(key, language, **values)
