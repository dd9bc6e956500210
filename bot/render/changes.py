"""What people are told about a change of a relation (bot.services.relations): why a click could not do what
it says, the note that a colleague's relation was changed, and the DM that tells that colleague."""

from __future__ import annotations

from collections.abc import Mapping

from slack_sdk.models.blocks import MarkdownTextObject, SectionBlock

from bot.i18n import Catalog
from bot.render.text import escape, long_date, truncate, user_mention

T = Catalog(
    {
        # Told privately to whoever clicked, when a click cannot do what it says.
        "gone": {
            "en": "That relation no longer exists in Goodwill.",
            "nl": "Die relatie bestaat niet meer in Goodwill.",
        },
        "not_yours": {
            "en": "*{name}* is looked after by {owner}: only they, a workspace admin or a team lead can change it.",
            "nl": "*{name}* wordt onderhouden door {owner}: alleen die, een beheerder of een teamleider kan dit"
            " wijzigen.",
        },
        "already_archived": {"en": "*{name}* is already archived.", "nl": "*{name}* is al gearchiveerd."},
        "not_archived": {"en": "*{name}* is not archived.", "nl": "*{name}* is niet gearchiveerd."},
        "already_owner": {
            "en": "{owner} already looks after *{name}*.",
            "nl": "{owner} onderhoudt *{name}* al.",
        },
        "cannot_own": {
            "en": "{owner} cannot own relations (a bot, or someone who left the workspace). Pick a colleague.",
            "nl": "{owner} kan geen relaties beheren (een bot, of iemand die de workspace verliet). Kies een collega.",
        },
        "not_understood": {
            "en": "Goodwill did not understand that choice. Please try again.",
            "nl": "Goodwill begreep die keuze niet. Probeer het nog eens.",
        },
        "check_needs_one": {
            "en": ":white_check_mark: logs a contact on a nudge about one relation. Here, use *Logged it*"
            " next to the person you spoke to.",
            "nl": ":white_check_mark: legt contact vast bij een herinnering over één relatie. Gebruik hier"
            " *Ik heb contact gehad* bij de persoon die je sprak.",
        },
        # The same in a modal's error line (plain text: no mentions, no bold).
        "modal_gone": {"en": "This relation no longer exists.", "nl": "Deze relatie bestaat niet meer."},
        "modal_not_yours": {
            "en": "Only the owner of {name}, a workspace admin or a team lead can change this.",
            "nl": "Alleen de eigenaar van {name}, een beheerder of een teamleider kan dit wijzigen.",
        },
        # Told to whoever changed a colleague's relation.
        "on_behalf": {
            "en": "{owner} looks after *{name}* and has been told of this change.",
            "nl": "{owner} onderhoudt *{name}* en heeft over deze wijziging een bericht gekregen.",
        },
        # The DM to the owner whose relation someone else changed.
        "told_snooze": {
            "en": "{who} snoozed *{name}* until {day}: no nudges about them until then.",
            "nl": "{who} heeft *{name}* uitgesteld tot {day}: tot dan krijg je geen herinneringen over deze relatie.",
        },
        "told_wake_up": {
            "en": "{who} ended the snooze of *{name}*.",
            "nl": "{who} heeft het uitstel van *{name}* beëindigd.",
        },
        "told_archive": {
            "en": "{who} archived *{name}*, one of your relations: no more nudges. The history is kept, and the"
            " relation card can restore it.",
            "nl": "{who} heeft *{name}*, een van jouw relaties, gearchiveerd: geen herinneringen meer. De"
            " geschiedenis blijft bewaard en via de relatiekaart zet je de relatie terug.",
        },
        "told_restore": {
            "en": "{who} restored *{name}*: the relation is back in your lists and nudges.",
            "nl": "{who} heeft *{name}* teruggezet: de relatie staat weer in je lijsten en herinneringen.",
        },
        "told_tier": {
            "en": "{who} made *{name}* {tier}: contact every {n} days.",
            "nl": "{who} heeft van *{name}* {tier} gemaakt: elke {n} dagen contact.",
        },
        "told_themes": {
            "en": "{who} added {themes} to *{name}*.",
            "nl": "{who} heeft {themes} toegevoegd aan *{name}*.",
        },
        "told_hand_over": {
            "en": "{who} handed *{name}* over to {owner}, who looks after the relation from now on.",
            "nl": "{who} heeft *{name}* overgedragen aan {owner}; die onderhoudt de relatie voortaan.",
        },
        # Said in the confirmation of a meeting that asked for a tier (`/met … !key`, or the form).
        "tier_refused": {
            "en": "*{name}* keeps its tier: {owner} looks after it, and only they, a workspace admin or a team lead"
            " can change it.",
            "nl": "*{name}* houdt het huidige niveau: {owner} onderhoudt deze relatie, en alleen die, een beheerder"
            " of een teamleider kan het niveau wijzigen.",
        },
        "tier_on_behalf": {
            "en": "*{name}* is now {tier} (contact every {n} days). {owner} looks after it and has been told.",
            "nl": "*{name}* is nu {tier} (elke {n} dagen contact). {owner} onderhoudt deze relatie en heeft"
            " een bericht gekregen.",
        },
        "tier_key": {"en": "a key relation", "nl": "een sleutelrelatie"},
        "tier_regular": {"en": "a regular relation", "nl": "een reguliere relatie"},
        "tier_wider": {"en": "a relation in the wider circle", "nl": "een relatie uit de bredere kring"},
    }
)


def _shown(values: Mapping[str, object]) -> dict[str, str]:
    return {
        name: user_mention(str(value)) if name == "owner" else escape(truncate(str(value), 150))
        for name, value in values.items()
    }


def notice(key: str, language: str, values: Mapping[str, object]) -> str:
    """A private answer to a click; names are escaped, user ids become mentions."""
    return T(key, language, **_shown(values))


def modal_error(key: str, language: str, name: str) -> str:
    """Why a modal's submission was refused, for its error line."""
    modal_key = f"modal_{key}" if f"modal_{key}" in T else "modal_not_yours"
    return T(modal_key, language, name=truncate(name, 150))


def on_behalf_note(owner_id: str, name: str, language: str) -> str:
    return T("on_behalf", language, **_shown({"owner": owner_id, "name": name}))


def tier_notes(changes, language: str) -> list[str]:
    """What became of the tier a meeting asked for, where the confirmation must say it: refused, or set on a
    colleague's relation (bot.services.relations.Change)."""
    notes = []
    for change in changes:
        shown = _shown({"name": change.name, "owner": change.owner_id or ""})
        if change.refusal == "not_yours":
            notes.append(T("tier_refused", language, **shown))
        elif change.on_behalf:
            tier = T(f"tier_{change.values['tier']}", language)
            notes.append(T("tier_on_behalf", language, tier=tier, n=change.values["cadence_days"], **shown))
    return notes


def with_notes(message: dict, notes: list[str]) -> dict:
    """The message with these lines added before its buttons (and to its fallback text)."""
    if not notes:
        return message
    blocks = list(message.get("blocks") or [])
    at = len(blocks) - 1 if blocks and blocks[-1].get("type") == "actions" else len(blocks)
    blocks.insert(at, SectionBlock(text=MarkdownTextObject(text=truncate("\n".join(notes), 3000))).to_dict())
    text = truncate("\n".join([message.get("text") or "", *(note.replace("*", "") for note in notes)]), 3000)
    return {**message, "blocks": blocks, "text": text}


def owner_told(kind: str, name: str, by_user: str, values: Mapping[str, object], language: str) -> dict:
    """The DM to an owner whose relation `by_user` changed: what they did."""
    shown = {"who": user_mention(by_user), "name": escape(truncate(name, 150))}
    if kind == "snooze":
        until = values.get("until")
        text = (
            T("told_snooze", language, day=long_date(until, language), **shown)
            if until
            else T("told_wake_up", language, **shown)
        )
    elif kind == "tier":
        tier = T(f"tier_{values['tier']}", language)
        text = T("told_tier", language, tier=tier, n=values["cadence_days"], **shown)
    elif kind == "themes":
        themes = " ".join(f"`#{escape(str(theme))}`" for theme in values.get("themes") or ())
        text = T("told_themes", language, themes=themes, **shown)
    elif kind == "hand_over":
        text = T("told_hand_over", language, owner=user_mention(str(values["new_owner"])), **shown)
    else:
        text = T(f"told_{kind}", language, **shown)
    fallback = text.replace("*", "")
    return {"text": truncate(fallback, 3000), "blocks": [SectionBlock(text=MarkdownTextObject(text=text)).to_dict()]}
