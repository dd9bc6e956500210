"""The recording modal ("Log a meeting"): built here, and its submission read back here, so the field ids
live in one place. Opened by /met, Edit, the "Log as meeting" shortcut, nudges and the relation card."""

from __future__ import annotations

import json
from datetime import date

from slack_sdk.models.blocks import (
    CheckboxesElement,
    DatePickerElement,
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

from bot.domain.meeting import MeetingForm, MeetingPrefill
from bot.i18n import Catalog
from bot.render.text import escape, truncate
from bot.render.words import tier_option

__all__ = ["MeetingForm", "MeetingPrefill", "meeting_modal", "read_meeting_form"]

CALLBACK_ID = "meeting"
RELATION_SELECT = "relation_select"  # options are loaded as the user types (handlers/views/meeting.py)
THEMES_SELECT = "themes_select"
NEW_THEME_PREFIX = "new:"
KINDS = ("meeting", "call", "message")
TIERS = ("key", "regular", "wider")
NOTES_MAX = 3000
FIELD_MAX = 500

T = Catalog(
    {
        "title": {"en": "Log a meeting", "nl": "Gesprek vastleggen"},
        "title_edit": {"en": "Edit meeting", "nl": "Gesprek bewerken"},
        "submit": {"en": "Save", "nl": "Opslaan"},
        "close": {"en": "Cancel", "nl": "Annuleren"},
        "relation": {"en": "Who did you meet?", "nl": "Wie sprak je?"},
        "relation_hint": {
            "en": "Type to find someone in the network, or fill in a new name below.",
            "nl": "Typ om iemand uit het netwerk te vinden, of vul hieronder een nieuwe naam in.",
        },
        "new_name": {"en": "…or someone new", "nl": "…of iemand nieuws"},
        "new_name_placeholder": {"en": "First and last name", "nl": "Voor- en achternaam"},
        "meeting_with": {"en": "Meeting with {names}", "nl": "Gesprek met {names}"},
        "organisation": {"en": "Organisation", "nl": "Organisatie"},
        "date": {"en": "Date", "nl": "Datum"},
        "kind": {"en": "How", "nl": "Hoe"},
        "kind_meeting": {"en": "In person", "nl": "Persoonlijk"},
        "kind_call": {"en": "Call", "nl": "Telefoon of video"},
        "kind_message": {"en": "Message", "nl": "Bericht"},
        "colleagues": {"en": "Colleagues who were there", "nl": "Collega's die erbij waren"},
        "themes": {"en": "Themes", "nl": "Thema's"},
        "themes_placeholder": {"en": "Type a theme", "nl": "Typ een thema"},
        "tier": {"en": "Tier", "nl": "Niveau"},
        "notes": {"en": "What was discussed", "nl": "Waar ging het over"},
        "private": {"en": "Only I can see these notes", "nl": "Alleen ik zie deze notities"},
        "gave": {"en": "What we offered them", "nl": "Wat wij aanboden"},
        "got": {"en": "What they offered us", "nl": "Wat zij ons aanboden"},
        "new_theme": {"en": "New theme: {name}", "nl": "Nieuw thema: {name}"},
    }
)


def relation_option(relation_id: int, name: str, organisation: str | None) -> Option:
    label = f"{name} — {organisation}" if organisation else name
    return Option(value=str(relation_id), label=truncate(label, 75))


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
            else None
        )
        new_name = prefill.relation_name if not prefill.relation_id else None
        blocks += [
            field(
                "relation",
                ExternalDataSelectElement(action_id=RELATION_SELECT, min_query_length=1, initial_option=initial),
                hint=T("relation_hint", language),
            ),
            field(
                "new_name",
                text("new_name", new_name, max_length=200, placeholder=T("new_name_placeholder", language)),
            ),
            field("organisation", text("organisation", prefill.organisation, max_length=200)),
        ]
    day = (prefill.occurred_on or date.today()).isoformat()
    blocks += [
        field("date", DatePickerElement(action_id="date", initial_date=day), optional=False),
        field("kind", _select(KINDS, "kind", language, prefill.kind, "kind")),
        field(
            "colleagues", UserMultiSelectElement(action_id="colleagues", initial_users=list(prefill.colleagues) or None)
        ),
        field(
            "themes",
            ExternalDataMultiSelectElement(
                action_id=THEMES_SELECT,
                min_query_length=1,
                placeholder=T("themes_placeholder", language),
                initial_options=[theme_option(name) for name in prefill.themes[:100]] or None,
            ),
        ),
    ]
    if not prefill.people_label:
        blocks.append(field("tier", _select(TIERS, "tier", language, prefill.tier, "tier")))
    private = Option(value="private", label=T("private", language))
    blocks += [
        field("notes", text("notes", prefill.notes, max_length=NOTES_MAX, multiline=True)),
        field(
            "private",
            CheckboxesElement(
                action_id="private", options=[private], initial_options=[private] if prefill.private else None
            ),
            label=" ",
        ),
        field("gave", text("gave", prefill.gave)),
        field("got", text("got", prefill.got)),
    ]
    metadata = {"edit": list(prefill.editing), "channel": prefill.channel_id}
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


def read_meeting_form(view: dict) -> MeetingForm:
    """The submitted modal's values, untrusted: validation happens in bot.recording.meeting_errors."""
    values = view.get("state", {}).get("values", {})
    metadata = json.loads(view.get("private_metadata") or "{}")
    relation = (_value(values, "relation").get("selected_option") or {}).get("value")
    day = _value(values, "date").get("selected_date")
    themes = []
    for option in _value(values, "themes").get("selected_options") or []:
        value = option.get("value", "")
        themes.append(value.removeprefix(NEW_THEME_PREFIX))
    return MeetingForm(
        relation_id=int(relation) if relation and relation.isdigit() else None,
        new_name=(_value(values, "new_name").get("value") or "").strip(),
        organisation=(_value(values, "organisation").get("value") or "").strip(),
        occurred_on=date.fromisoformat(day) if day else None,
        kind=(_value(values, "kind").get("selected_option") or {}).get("value"),
        colleagues=list(_value(values, "colleagues").get("selected_users") or []),
        themes=themes,
        tier=(_value(values, "tier").get("selected_option") or {}).get("value"),
        notes=_value(values, "notes").get("value") or "",
        private=bool(_value(values, "private").get("selected_options")),
        gave=(_value(values, "gave").get("value") or "").strip(),
        got=(_value(values, "got").get("value") or "").strip(),
        editing=[int(i) for i in metadata.get("edit") or []],
        channel_id=metadata.get("channel"),
    )


ERRORS = Catalog(
    {
        "relation_missing": {
            "en": "Pick someone from the network, or fill in a new name.",
            "nl": "Kies iemand uit het netwerk, of vul een nieuwe naam in.",
        },
        "relation_both": {
            "en": "Pick someone or fill in a new name — not both.",
            "nl": "Kies iemand of vul een nieuwe naam in — niet allebei.",
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
            "en": "Someone with a name like this is already in the network: pick them above, "
            "or add the organisation if this is someone else.",
            "nl": "Er staat al iemand met zo'n naam in het netwerk: kies die hierboven, "
            "of vul de organisatie in als het iemand anders is.",
        },
        "not_editable": {
            "en": "This meeting was removed, or logged by someone else: it can't be changed here.",
            "nl": "Dit gesprek is verwijderd, of door iemand anders vastgelegd: het kan hier niet worden gewijzigd.",
        },
        "theme_invalid": {
            "en": "Themes are single words or short phrases (up to 80 characters).",
            "nl": "Thema's zijn losse woorden of korte zinnen (tot 80 tekens).",
        },
    }
)
