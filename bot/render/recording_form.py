"""The recording modal ("Log a meeting"): built here, and its submission read back here, so the field ids
live in one place. Opened by /met, Edit, the "Log as meeting" shortcut, nudges and the relation card."""

from __future__ import annotations

import json
import re
from datetime import date

from slack_sdk.models.blocks import (
    CheckboxesElement,
    DatePickerElement,
    DividerBlock,
    ExternalDataMultiSelectElement,
    ExternalDataSelectElement,
    InputBlock,
    MarkdownTextObject,
    Option,
    PlainTextInputElement,
    PlainTextObject,
    SectionBlock,
    StaticSelectElement,
    UserMultiSelectElement,
)
from slack_sdk.models.views import View

from bot.domain.fields import NAME_MAX, ORGANISATION_MAX, THEME_MAX, THEMES_MAX, clean_name, strip_invisible
from bot.domain.recording_form import MeetingForm, MeetingPrefill
from bot.i18n import Catalog
from bot.render.text import escape, truncate
from bot.render.words import tier_option

__all__ = ["MeetingForm", "MeetingPrefill", "form_errors", "meeting_modal", "read_meeting_form"]

CALLBACK_ID = "meeting"
HOME_ORIGIN = "home"  # private_metadata's "origin" when the modal was opened from the Home tab (bot.redraw)
RELATION_SELECT = "relation_select"  # options are loaded as the user types (handlers/views/recording.py)
THEMES_SELECT = "themes_select"
NEW_THEME_PREFIX = "new:"
# "Someone new" in the relation select: the typed name is the option's value, which Slack caps at 150.
NEW_PERSON_PREFIX = "new:"
NEW_PERSON_MAX = 150 - len(NEW_PERSON_PREFIX)
KINDS = ("meeting", "call", "message")
TIERS = ("key", "regular", "wider")
NOTES_MAX = 3000
FIELD_MAX = 500
_USER_ID = re.compile(r"[UW][A-Z0-9]{1,30}")

T = Catalog(
    {
        "title": {"en": "Log a meeting", "nl": "Gesprek vastleggen"},
        "title_edit": {"en": "Edit meeting", "nl": "Gesprek bewerken"},
        "submit": {"en": "Save", "nl": "Opslaan"},
        "close": {"en": "Cancel", "nl": "Annuleren"},
        "relation": {"en": "Who did you meet?", "nl": "Wie sprak je?"},
        "relation_placeholder": {"en": "Type a name", "nl": "Typ een naam"},
        "relation_hint": {
            "en": "Pick someone from the network, or type the name of someone new and choose “Someone new”.",
            "nl": "Kies iemand uit het netwerk, of typ de naam van iemand nieuws en kies ‘Iemand nieuws’.",
        },
        "new_person": {"en": "Someone new: {name}", "nl": "Iemand nieuws: {name}"},
        "meeting_with": {"en": "Meeting with {names}", "nl": "Gesprek met {names}"},
        "organisation": {"en": "Organisation", "nl": "Organisatie"},
        "date": {"en": "Date", "nl": "Datum"},
        "more": {"en": "*More details* (rarely needed)", "nl": "*Meer details* (meestal niet nodig)"},
        "kind": {"en": "How", "nl": "Hoe"},
        "kind_meeting": {"en": "Face to face", "nl": "Ontmoeting"},
        "kind_call": {"en": "Call", "nl": "Telefoon of video"},
        "kind_message": {"en": "Message", "nl": "Bericht"},
        "colleagues": {"en": "Colleagues who were there", "nl": "Collega's die erbij waren"},
        "themes": {"en": "Themes", "nl": "Thema's"},
        "themes_placeholder": {"en": "Type a theme", "nl": "Typ een thema"},
        "tier": {"en": "Tier", "nl": "Niveau"},
        "notes": {"en": "What was discussed", "nl": "Waar ging het over"},
        "private": {"en": "Who can read the notes", "nl": "Wie de notities kan lezen"},
        "private_only_me": {"en": "Only I can see these notes", "nl": "Alleen ik zie deze notities"},
        "gave": {"en": "What we offered them", "nl": "Wat wij aanboden"},
        "got": {"en": "What they offered us", "nl": "Wat zij ons aanboden"},
        "new_theme": {"en": "New theme: {name}", "nl": "Nieuw thema: {name}"},
    }
)


def relation_option(relation_id: int, name: str, organisation: str | None) -> Option:
    label = f"{name} — {organisation}" if organisation else name
    return Option(value=str(relation_id), label=truncate(label, 75))


def new_person_option(name: str, language: str = "en") -> Option | None:
    """ "Someone new: Fatima El Amrani" in the relation select (None when the name is too long to carry)."""
    if not name or len(name) > NEW_PERSON_MAX:
        return None
    return Option(value=NEW_PERSON_PREFIX + name, label=truncate(T("new_person", language, name=name), 75))


def theme_option(name: str, language: str = "en", *, new: bool = False) -> Option:
    if new:
        return Option(value=NEW_THEME_PREFIX + name[:70], label=truncate(T("new_theme", language, name=name), 75))
    return Option(value=name[:75], label=truncate("#" + name, 75))


def _select(options: tuple[str, ...], key_prefix: str, language: str, initial: str | None, action_id: str):
    # Tiers read the same wherever they are offered (bot.render.words).
    label = (lambda value: tier_option(value, language)) if key_prefix == "tier" else None
    choices = [
        Option(value=value, label=label(value) if label else T(f"{key_prefix}_{value}", language)) for value in options
    ]
    chosen = next((option for option in choices if option.value == initial), None)
    return StaticSelectElement(action_id=action_id, options=choices, initial_option=chosen)


def meeting_modal(prefill: MeetingPrefill, language: str = "en") -> dict:
    """The recording modal as a views.open payload (validated by slack-sdk's models)."""

    def field(block_id: str, element, *, optional: bool = True, label: str | None = None, hint: str | None = None):
        # The block id is also the label's text key: one name per field, read back by read_meeting_form.
        return InputBlock(
            block_id=block_id, optional=optional, label=label or T(block_id, language), hint=hint, element=element
        )

    def text(action_id: str, initial: str | None, *, max_length: int = FIELD_MAX, **options):
        return PlainTextInputElement(
            action_id=action_id, max_length=max_length, initial_value=(initial or "")[:max_length] or None, **options
        )

    blocks: list = []
    if prefill.people_label:
        names = ", ".join(f"*{escape(name)}*" for name in prefill.people_label)
        heading = truncate(T("meeting_with", language, names=names), 3000)
        blocks.append(SectionBlock(block_id="people", text=MarkdownTextObject(text=heading)))
    else:
        initial = (
            relation_option(prefill.relation_id, prefill.relation_name, prefill.organisation)
            if prefill.relation_id
            else new_person_option(prefill.relation_name, language)
        )
        blocks += [
            field(
                "relation",
                ExternalDataSelectElement(
                    action_id=RELATION_SELECT,
                    min_query_length=1,
                    placeholder=T("relation_placeholder", language),
                    initial_option=initial,
                ),
                optional=False,
                hint=T("relation_hint", language),
            ),
            field("organisation", text("organisation", prefill.organisation, max_length=ORGANISATION_MAX)),
        ]
    # No date is invented here: the caller passes the member's own today, or leaves it for them to pick.
    day = prefill.occurred_on.isoformat() if prefill.occurred_on else None
    blocks += [
        field("date", DatePickerElement(action_id="date", initial_date=day), optional=False),
        field(
            "colleagues", UserMultiSelectElement(action_id="colleagues", initial_users=list(prefill.colleagues) or None)
        ),
        field(
            "themes",
            ExternalDataMultiSelectElement(
                action_id=THEMES_SELECT,
                min_query_length=1,
                placeholder=T("themes_placeholder", language),
                initial_options=[theme_option(name) for name in prefill.themes[:THEMES_MAX]] or None,
                max_selected_items=THEMES_MAX,
            ),
        ),
        field("notes", text("notes", prefill.notes, max_length=NOTES_MAX, multiline=True)),
        # What a member rarely needs comes after the essentials.
        DividerBlock(),
        SectionBlock(block_id="more", text=MarkdownTextObject(text=T("more", language))),
        field("kind", _select(KINDS, "kind", language, prefill.kind, "kind")),
    ]
    if not prefill.people_label:
        blocks.append(field("tier", _select(TIERS, "tier", language, prefill.tier, "tier")))
    private = Option(value="private", label=T("private_only_me", language))
    blocks += [
        field(
            "private",
            CheckboxesElement(
                action_id="private", options=[private], initial_options=[private] if prefill.private else None
            ),
        ),
        field("gave", text("gave", prefill.gave)),
        field("got", text("got", prefill.got)),
    ]
    metadata = {"edit": list(prefill.editing), "channel": prefill.channel_id}
    if prefill.from_home:
        metadata["origin"] = HOME_ORIGIN
    view = View(
        type="modal",
        callback_id=CALLBACK_ID,
        title=PlainTextObject(text=T("title_edit" if prefill.editing else "title", language)),
        submit=PlainTextObject(text=T("submit", language)),
        close=PlainTextObject(text=T("close", language)),
        private_metadata=json.dumps(metadata),
        blocks=blocks,
    )
    return view.to_dict()


def _value(values: dict, block_id: str) -> dict:
    return next(iter(values.get(block_id, {}).values()), {}) if values.get(block_id) else {}


def _date(value: object) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _metadata(view: dict) -> dict:
    try:
        metadata = json.loads(view.get("private_metadata") or "{}")
    except ValueError:
        return {}
    return metadata if isinstance(metadata, dict) else {}


def _id(value: object) -> int | None:
    # A row id, never more digits than a 64-bit integer holds.
    return int(value) if isinstance(value, str) and value.isdigit() and len(value) <= 18 else None


def read_meeting_form(view: dict) -> MeetingForm:
    """The submitted modal's values, untrusted: values the form does not offer are dropped (a crafted
    payload is no more powerful than the form), text is cleaned of invisible characters, and validation
    happens in bot.domain.recording_form.meeting_errors."""
    values = view.get("state", {}).get("values", {})
    metadata = _metadata(view)
    relation = (_value(values, "relation").get("selected_option") or {}).get("value") or ""
    themes = []
    for option in _value(values, "themes").get("selected_options") or []:
        theme = clean_name(str(option.get("value", "")).removeprefix(NEW_THEME_PREFIX)).lower().lstrip("#")
        if theme:
            themes.append(theme)
    kind = (_value(values, "kind").get("selected_option") or {}).get("value")
    tier = (_value(values, "tier").get("selected_option") or {}).get("value")
    colleagues = [u for u in _value(values, "colleagues").get("selected_users") or [] if _USER_ID.fullmatch(str(u))]
    return MeetingForm(
        relation_id=_id(relation),
        new_name=clean_name(relation.removeprefix(NEW_PERSON_PREFIX)) if relation.startswith(NEW_PERSON_PREFIX) else "",
        organisation=clean_name(_value(values, "organisation").get("value") or ""),
        occurred_on=_date(_value(values, "date").get("selected_date")),
        kind=kind if kind in KINDS else None,
        colleagues=list(dict.fromkeys(colleagues)),
        themes=list(dict.fromkeys(themes)),
        tier=tier if tier in TIERS else None,
        notes=strip_invisible(_value(values, "notes").get("value") or ""),
        private=bool(_value(values, "private").get("selected_options")),
        gave=strip_invisible(_value(values, "gave").get("value") or "").strip(),
        got=strip_invisible(_value(values, "got").get("value") or "").strip(),
        editing=[i for i in map(_id, map(str, metadata.get("edit") or [])) if i is not None],
        channel_id=metadata.get("channel") if isinstance(metadata.get("channel"), str) else None,
        from_home=metadata.get("origin") == HOME_ORIGIN,
    )


def form_errors(errors: dict[str, str], language: str) -> dict[str, str]:
    """meeting_errors' keys as the texts shown under the fields (response_action "errors")."""
    return {block: ERRORS(key, language, **LIMITS) for block, key in errors.items()}


LIMITS = {"name_max": NAME_MAX, "organisation_max": ORGANISATION_MAX, "theme_max": THEME_MAX, "themes_max": THEMES_MAX}

ERRORS = Catalog(
    {
        "relation_missing": {
            "en": "Pick someone from the network, or type a new name and choose “Someone new”.",
            "nl": "Kies iemand uit het netwerk, of typ een nieuwe naam en kies ‘Iemand nieuws’.",
        },
        "relation_gone": {
            "en": "That relation no longer exists; pick another.",
            "nl": "Die relatie bestaat niet meer; kies een andere.",
        },
        "date_missing": {"en": "Pick the day you met.", "nl": "Kies de dag van het gesprek."},
        "date_future": {
            "en": "That day is still to come: log a meeting once it has happened.",
            "nl": "Die dag moet nog komen: leg een gesprek vast als het geweest is.",
        },
        "maybe_duplicate": {
            "en": "Someone with a name like this is already in the network: pick them here, "
            "or fill in the organisation if this is someone else.",
            "nl": "Er staat al iemand met zo'n naam in het netwerk: kies die hier, "
            "of vul de organisatie in als het iemand anders is.",
        },
        "not_editable": {
            "en": "This meeting was removed, or logged by someone else: it can't be changed here.",
            "nl": "Dit gesprek is verwijderd, of door iemand anders vastgelegd: het kan hier niet worden gewijzigd.",
        },
        "theme_invalid": {
            "en": "Themes are single words or short phrases (up to {theme_max} characters).",
            "nl": "Thema's zijn losse woorden of korte zinnen (tot {theme_max} tekens).",
        },
        "too_many_themes": {
            "en": "A meeting takes up to {themes_max} themes.",
            "nl": "Een gesprek krijgt hoogstens {themes_max} thema's.",
        },
        "name_too_long": {
            "en": "A name can be up to {name_max} characters long.",
            "nl": "Een naam is hoogstens {name_max} tekens lang.",
        },
        "organisation_too_long": {
            "en": "An organisation's name can be up to {organisation_max} characters long.",
            "nl": "De naam van een organisatie is hoogstens {organisation_max} tekens lang.",
        },
    }
)
