"""What the user sees after recording a meeting."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from slack_sdk.models.blocks import ActionsBlock, ButtonElement, ContextBlock, MarkdownTextObject, SectionBlock

from bot.i18n import Catalog
from bot.render.text import escape, long_date, truncate, user_mention

T = Catalog(
    {
        "recorded": {"en": "Recorded: you met {who}", "nl": "Vastgelegd: je sprak {who}"},
        "on": {"en": "on {day}", "nl": "op {day}"},
        "with_colleagues": {"en": "with {names}", "nl": "samen met {names}"},
        "themes": {"en": "Themes", "nl": "Thema's"},
        "notes": {"en": "Notes", "nl": "Notities"},
        "new_relation": {
            "en": "New relation: {names} (you are the owner)",
            "nl": "Nieuwe relatie: {names} (jij bent eigenaar)",
        },
        "undo": {"en": "Undo", "nl": "Ongedaan maken"},
        "edit": {"en": "Edit", "nl": "Bewerken"},
    }
)


@dataclass(frozen=True)
class RecordedView:
    """Everything the confirmation shows, as stored."""

    people: Sequence[tuple[str, str | None]]  # (name, organisation)
    occurred_on: date
    colleagues: Sequence[str] = ()
    themes: Sequence[str] = ()
    notes: str = ""
    new_relations: Sequence[str] = ()
    undo_value: str = ""
    edit_value: str = ""


def person_label(name: str, organisation: str | None) -> str:
    label = f"*{escape(name)}*"
    return f"{label} ({escape(organisation)})" if organisation else label


def recorded_message(view: RecordedView, language: str = "en") -> dict:
    """Ephemeral confirmation: who, organisation, date with weekday, themes, colleagues, notes; Undo and Edit."""
    who = ", ".join(person_label(name, org) for name, org in view.people)
    lines = [f"{T('recorded', language, who=who)} {T('on', language, day=long_date(view.occurred_on, language))}"]
    if view.colleagues:
        lines.append(T("with_colleagues", language, names=", ".join(user_mention(u) for u in view.colleagues)))
    if view.themes:
        lines.append(f"{T('themes', language)}: " + " ".join(f"`#{escape(t)}`" for t in view.themes))
    if view.notes:
        lines.append(f"{T('notes', language)}: {escape(truncate(view.notes, 2500))}")
    blocks = [SectionBlock(text=MarkdownTextObject(text=truncate("\n".join(lines), 3000)))]
    if view.new_relations:
        names = ", ".join(escape(name) for name in view.new_relations)
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=truncate(T("new_relation", language, names=names), 3000))]))
    buttons = []
    if view.undo_value:
        buttons.append(ButtonElement(text=T("undo", language), action_id="met_undo", value=view.undo_value, style="danger"))
    if view.edit_value:
        buttons.append(ButtonElement(text=T("edit", language), action_id="met_edit", value=view.edit_value))
    if buttons:
        blocks.append(ActionsBlock(block_id="met_confirmation", elements=buttons))
    fallback = truncate(lines[0].replace("*", ""), 300)
    return {"response_type": "ephemeral", "text": fallback, "blocks": [b.to_dict() for b in blocks]}
