"""A meeting as submitted from the recording modal, and the rules it must meet to be stored."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from bot.domain.fields import THEME_MAX, THEMES_MAX, name_too_long, organisation_too_long

__all__ = ["THEME_MAX", "MeetingForm", "MeetingPrefill", "meeting_errors"]


@dataclass(frozen=True)
class MeetingPrefill:
    """What the modal starts with."""

    relation_id: int | None = None
    relation_name: str = ""  # the existing relation's name (with relation_id), or a new name
    organisation: str | None = None
    occurred_on: date | None = None
    colleagues: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    notes: str = ""
    gave: str = ""
    got: str = ""
    kind: str | None = None
    tier: str | None = None
    private: bool = False
    editing: tuple[int, ...] = ()  # interaction ids when editing a recorded meeting
    people_label: tuple[str, ...] = ()  # when editing a meeting with several people: their names
    channel_id: str | None = None  # where to confirm after saving
    from_home: bool = False  # opened from the member's Home tab, which is drawn again after saving (bot.redraw)

    def with_channel(self, channel_id: str | None) -> MeetingPrefill:
        return replace(self, channel_id=channel_id)


@dataclass
class MeetingForm:
    """A submitted modal, read back from view.state.values."""

    relation_id: int | None = None
    new_name: str = ""  # someone new, picked as such in the relation select
    organisation: str = ""
    occurred_on: date | None = None
    kind: str | None = None
    colleagues: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    tier: str | None = None
    notes: str = ""
    private: bool = False
    gave: str = ""
    got: str = ""
    editing: list[int] = field(default_factory=list)
    channel_id: str | None = None
    from_home: bool = False


def meeting_errors(form: MeetingForm, *, today: date) -> dict[str, str]:
    """Field (block id) -> error key, empty when the form can be stored (as far as the form itself tells:
    whether a picked relation still exists is the database's to say). Editing a meeting with several people
    shows no relation field, so it needs no relation."""
    errors: dict[str, str] = {}
    several = len(form.editing) > 1
    if not several:
        if form.relation_id is None and not form.new_name:
            errors["relation"] = "relation_missing"
        elif form.relation_id is None and name_too_long(form.new_name):
            errors["relation"] = "name_too_long"
        if organisation_too_long(form.organisation):
            errors["organisation"] = "organisation_too_long"
    if form.occurred_on is None:
        errors["date"] = "date_missing"
    elif form.occurred_on > today:
        errors["date"] = "date_future"
    if any(len(theme) > THEME_MAX for theme in form.themes):
        errors["themes"] = "theme_invalid"
    elif len(set(form.themes)) > THEMES_MAX:
        errors["themes"] = "too_many_themes"
    return errors
