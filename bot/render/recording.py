"""What the user sees after recording a meeting."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from slack_sdk.models.blocks import (
    ActionsBlock,
    ButtonElement,
    ContextBlock,
    MarkdownTextObject,
    SectionBlock,
)

from bot.domain.fields import NAME_MAX, ORGANISATION_MAX, THEMES_MAX
from bot.domain.recording_line import COLLEAGUES_MAX, LINE_MAX, PEOPLE_MAX
from bot.i18n import Catalog
from bot.recording import clean_themes
from bot.render.changes import tier_notes, with_notes
from bot.render.language import offer_line
from bot.render.recording_form import MeetingPrefill, meeting_modal
from bot.render.text import capitalised, escape, joined, long_date, truncate, unescape_slack, user_mention

T = Catalog(
    {
        "recorded": {"en": "Logged: you met {who}", "nl": "Vastgelegd: je sprak {who}"},
        "on": {"en": "on {day}", "nl": "op {day}"},
        "with_colleagues": {"en": "with {names}", "nl": "samen met {names}"},
        "themes": {"en": "Themes", "nl": "Thema's"},
        "notes": {"en": "Notes", "nl": "Notities"},
        "new_relation": {
            "en": {
                "one": "New relation: {names} (you are its owner)",
                "other": "New relations: {names} (you are their owner)",
            },
            "nl": {
                "one": "Nieuwe relatie: {names} (jij bent eigenaar)",
                "other": "Nieuwe relaties: {names} (jij bent eigenaar)",
            },
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
        new = T("new_relation", language, names=names, n=len(view.new_relations))
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=truncate(new, 3000))]))
    buttons = []
    if view.undo_value:
        buttons.append(
            ButtonElement(text=T("undo", language), action_id="met_undo", value=view.undo_value, style="danger")
        )
    if view.edit_value:
        buttons.append(ButtonElement(text=T("edit", language), action_id="met_edit", value=view.edit_value))
    if buttons:
        blocks.append(ActionsBlock(block_id="met_confirmation", elements=buttons))
    fallback = truncate(lines[0].replace("*", ""), 300)
    return {"response_type": "ephemeral", "text": fallback, "blocks": [b.to_dict() for b in blocks]}


PROBLEMS = Catalog(
    {
        "too_long": {
            "en": "That line is {length} characters long; `/met` takes up to {limit}. Nothing was saved. "
            "For long notes, type `/met` alone and use the form.",
            "nl": "Die regel is {length} tekens lang; voor `/met` is het maximum {limit}. Er is niets opgeslagen. "
            "Voor lange notities: typ alleen `/met` en gebruik het formulier.",
        },
        "unreadable_date": {
            "en": "I couldn't read “{detail}” as a date, so nothing was saved. The form I opened has the rest "
            "filled in: pick the day there. In a line, `yesterday`, `last Tuesday`, `12 March` and "
            "`2026-11-20` all work.",
            "nl": "Ik kon “{detail}” niet als datum lezen, dus er is niets opgeslagen. In het formulier dat ik "
            "opende staat de rest al ingevuld: kies daar de dag. In een regel werken bijvoorbeeld `gisteren`, "
            "`vorige week dinsdag`, `12 maart` en `2026-11-20`.",
        },
        "two_dates": {
            "en": "I read two dates, {detail}, and can't tell which one you meant, so nothing was saved. "
            "Pick the day in the form I opened.",
            "nl": "Ik las twee datums, {detail}, en weet niet welke je bedoelt, dus er is niets opgeslagen. "
            "Kies de dag in het formulier dat ik opende.",
        },
        "not_a_meeting": {
            "en": "I can't make a meeting of “{detail}”, so nothing was saved. Start with who you met, like "
            "`/met Jan de Vries yesterday: coffee about housing`, or fill in the form I opened. "
            "`/met help` tells more.",
            "nl": "Ik zie in “{detail}” geen gesprek, dus er is niets opgeslagen. Begin met wie je sprak, zoals "
            "`/met Jan de Vries gisteren: koffie over huisvesting`, of vul het formulier in dat ik opende. "
            "`/met help` legt het verder uit.",
        },
        "left_out": {
            "en": "The form holds one person; log {names} with a `/met` of their own.",
            "nl": "In het formulier past één persoon; leg {names} vast met een eigen `/met`.",
        },
        "too_many_people": {
            "en": "That line names {count} people; one `/met` logs up to {limit}. Nothing was saved: "
            "spread them over more lines.",
            "nl": "Die regel noemt {count} personen; één `/met` legt er hoogstens {limit} vast. Er is niets "
            "opgeslagen: verdeel ze over meer regels.",
        },
        "too_many_colleagues": {
            "en": "That line mentions {count} colleagues; one meeting takes up to {limit}. Nothing was saved.",
            "nl": "Die regel noemt {count} collega's; bij één gesprek passen er hoogstens {limit}. "
            "Er is niets opgeslagen.",
        },
        "too_many_themes": {
            "en": "That line has {count} themes; one meeting takes up to {limit}. Nothing was saved.",
            "nl": "Die regel heeft {count} thema's; één gesprek krijgt er hoogstens {limit}. Er is niets opgeslagen.",
        },
        "name_too_long": {
            "en": "A name can be up to {limit} characters long, and “{detail}…” is longer. Nothing was saved.",
            "nl": "Een naam is hoogstens {limit} tekens lang, en “{detail}…” is langer. Er is niets opgeslagen.",
        },
        "organisation_too_long": {
            "en": "An organisation's name can be up to {limit} characters long, and “{detail}…” is longer. "
            "Nothing was saved.",
            "nl": "De naam van een organisatie is hoogstens {limit} tekens lang, en “{detail}…” is langer. "
            "Er is niets opgeslagen.",
        },
        "no_name": {
            "en": "I found no name in “{detail}”, so nothing was saved. Who did you meet? Start with their name, "
            "like `/met Jan de Vries yesterday: coffee`, or fill in the form I opened.",
            "nl": "Ik vond geen naam in “{detail}”, dus er is niets opgeslagen. Wie sprak je? Begin met de naam, "
            "zoals `/met Jan de Vries gisteren: koffie`, of vul het formulier in dat ik opende.",
        },
        "future_date": {
            "en": "{detail} is still to come, so nothing was saved: log a meeting once it has happened.",
            "nl": "{detail} moet nog komen, dus er is niets opgeslagen: leg een gesprek vast als het geweest is.",
        },
        "unknown_colleague": {
            "en": "I can't find {detail} in this workspace, so nothing was saved. Mention colleagues with @.",
            "nl": "Ik kan {detail} niet vinden in deze workspace, dus er is niets opgeslagen. Noem collega's met @.",
        },
        "ask": {
            "en": "Which *{name}* did you mean? Nothing is saved until you choose.",
            "nl": "Welke *{name}* bedoel je? Er wordt niets opgeslagen tot je kiest.",
        },
        "ask_new": {"en": "Someone new: {name}", "nl": "Iemand anders: {name}"},
        "ask_in_form": {
            "en": "I'm not sure which *{name}* you meant; choose in the form I opened. Nothing was saved yet.",
            "nl": "Ik weet niet zeker welke *{name}* je bedoelt; kies in het formulier dat ik opende. "
            "Er is nog niets opgeslagen.",
        },
        "undone": {
            "en": "Undone: the meeting with {names} is removed.",
            "nl": "Ongedaan: het gesprek met {names} is verwijderd.",
        },
        "undone_relations": {
            "en": {"one": "{names} is no longer in the network.", "other": "{names} are no longer in the network."},
            "nl": {
                "one": "{names} staat niet meer in het netwerk.",
                "other": "{names} staan niet meer in het netwerk.",
            },
        },
        "not_yours": {
            "en": "Only the colleague who logged this meeting can change it.",
            "nl": "Alleen de collega die dit gesprek vastlegde kan het wijzigen.",
        },
        "gone": {"en": "That meeting no longer exists.", "nl": "Dat gesprek bestaat niet meer."},
        "stale_button": {
            "en": "That button no longer works, so nothing was changed. Type the line again.",
            "nl": "Die knop werkt niet meer, dus er is niets gewijzigd. Typ de regel opnieuw.",
        },
    }
)

# A button value holds at most 2000 characters; questions about longer lines go to the form.
BUTTON_VALUE_MAX = 2000
SAID_BACK_MAX = 200  # characters of a line said back in an answer

HELP = Catalog(
    {
        "help": {
            "en": "*Log a meeting in one line*\n"
            "`/met Jan de Vries (Gemeente Den Haag) yesterday: coffee about housing #housing`\n"
            "• *Who*: their name, with the organisation in brackets. Several people from one meeting: "
            "separate them with `;`.\n"
            "• *When*: `yesterday`, `last Tuesday`, `12 March`, `2026-11-20`, `3 days ago`. Without a date "
            "it is today; days still to come are refused.\n"
            "• *Colleagues who were there*: mention them, as in `/met @Bram and I met Jan de Vries`.\n"
            "• *What about*: after `:` or ` - `, with themes as `#housing` and, if you like, a tier: "
            "`!key`, `!regular` or `!wider`.\n"
            "A line is logged when it starts with who you met. A question, or a line without a name, is not: "
            "you get the form instead. `/met` alone opens the form too, as does *Log as meeting* in a "
            "message's menu.",
            "nl": "*Een gesprek vastleggen in één regel*\n"
            "`/met Jan de Vries (Gemeente Den Haag) gisteren: koffie over huisvesting #wonen`\n"
            "• *Wie*: de naam, met de organisatie tussen haakjes. Meer mensen uit één gesprek: scheid ze "
            "met `;`.\n"
            "• *Wanneer*: `gisteren`, `vorige week dinsdag`, `12 maart`, `2026-11-20`, `3 dagen geleden`. "
            "Zonder datum is het vandaag; een dag die nog moet komen wordt geweigerd.\n"
            "• *Collega's die erbij waren*: noem ze met @, zoals in `/met @Bram en ik spraken Jan de Vries`.\n"
            "• *Waarover*: na `:` of ` - `, met thema's als `#wonen` en, als je wilt, een niveau: "
            "`!sleutel`, `!regulier` of `!breed`.\n"
            "Een regel wordt vastgelegd als hij begint met wie je sprak. Een vraag, of een regel zonder naam, "
            "niet: dan krijg je het formulier. Met alleen `/met` open je het formulier meteen, net als met "
            "*Log as meeting* in het menu van een bericht.",
        },
    }
)


def recording_help(language: str = "en") -> dict:
    """`/met help`: how to record, as an ephemeral answer."""
    text = HELP("help", language)
    return {
        "response_type": "ephemeral",
        "text": text,
        "blocks": [SectionBlock(text=MarkdownTextObject(text=text)).to_dict()],
    }


def problem_message(
    problem: str, language: str = "en", *, also: str = "", markup: Mapping[str, str] | None = None, **values: object
) -> dict:
    """A problem's text with its values escaped (they echo what the member typed), `markup` (mentions Goodwill
    built) as it is, and `also` (already Slack text) after it."""
    safe = {key: escape(str(value)) if isinstance(value, str) else value for key, value in values.items()}
    safe.update(markup or {})
    text = truncate(" ".join(filter(None, [PROBLEMS(problem, language, **safe), also])), 3000)
    return {
        "response_type": "ephemeral",
        "text": text,
        "blocks": [SectionBlock(text=MarkdownTextObject(text=text)).to_dict()],
    }


def ask_message(
    name: str,
    options: Sequence[tuple[int, str, str | None]],
    values: Sequence[str],
    new_value: str,
    language: str = "en",
) -> dict:
    """Which relation did you mean? One button per candidate (value = the answer), and "someone new"."""
    question = PROBLEMS("ask", language, name=escape(name))
    buttons = [
        ButtonElement(
            text=truncate(f"{option_name} — {org}" if org else option_name, 75),
            action_id=f"met_pick_{i}",
            value=value,
        )
        for i, ((_, option_name, org), value) in enumerate(zip(options, values, strict=True))
    ]
    buttons.append(
        ButtonElement(
            text=truncate(PROBLEMS("ask_new", language, name=name), 75),
            action_id="met_pick_new",
            value=new_value,
        )
    )
    blocks = [
        SectionBlock(text=MarkdownTextObject(text=truncate(question, 3000))),
        ActionsBlock(block_id="met_pick", elements=buttons[:25]),
    ]
    return {
        "response_type": "ephemeral",
        "text": truncate(question.replace("*", ""), 300),
        "blocks": [block.to_dict() for block in blocks],
    }


def undone_message(names: Sequence[str], removed: Sequence[str], language: str = "en") -> dict:
    text = PROBLEMS("undone", language, names=", ".join(f"*{escape(n)}*" for n in names) or "—")
    if removed:
        shown = joined([escape(n) for n in removed], language)
        text += " " + PROBLEMS("undone_relations", language, names=shown, n=len(removed))
    return {"response_type": "ephemeral", "replace_original": True, "text": truncate(text, 3000)}


def confirmation_from(
    recorded,
    *,
    occurred_on: date,
    colleagues: Sequence[str],
    themes: Sequence[str],
    notes: str,
    language: str,
) -> dict:
    """The confirmation for a stored meeting, with Undo and Edit carrying what they need."""
    undo = json.dumps(
        {"i": recorded.interaction_ids, "c": recorded.created_relation_ids, "s": recorded.stamp}, separators=(",", ":")
    )
    edit = json.dumps({"i": recorded.interaction_ids}, separators=(",", ":"))
    view = RecordedView(
        people=recorded.people,
        occurred_on=occurred_on,
        colleagues=colleagues,
        themes=themes,
        notes=notes,
        new_relations=recorded.new_names,
        undo_value=undo if len(undo) <= BUTTON_VALUE_MAX else "",
        edit_value=edit if len(edit) <= BUTTON_VALUE_MAX else "",
    )
    return recorded_message(view, language)


def met_reply(outcome, text: str) -> tuple[dict | None, dict | None]:
    """(ephemeral message, modal to open) for a /met outcome (bot.recording_line.MetOutcome); on the member's first
    contact the message ends with a line offering the other language."""
    message, form = _met_reply(outcome, text)
    if message is not None and getattr(outcome, "offer_language", False):
        message = with_language_offer(message, outcome.language)
    return message, form


def with_language_offer(message: dict, language: str) -> dict:
    """The message with one more line, offering the other language (a member's first contact)."""

    line = offer_line(language)
    offered = {**message, "text": f"{message.get('text', '')}\n{line}"}
    if message.get("blocks"):
        offered["blocks"] = [*message["blocks"], ContextBlock(elements=[MarkdownTextObject(text=line)]).to_dict()]
    return offered


def _met_reply(outcome, text: str) -> tuple[dict | None, dict | None]:

    language = outcome.language
    form = meeting_modal(outcome.prefill, language) if outcome.prefill else None
    if outcome.kind == "help":
        return recording_help(language), None
    if outcome.kind == "modal":
        return None, form
    if outcome.kind == "recorded":
        line = outcome.line
        message = confirmation_from(
            outcome.recorded,
            occurred_on=outcome.occurred_on,
            colleagues=line.colleagues,
            themes=clean_themes(line.themes),
            notes=unescape_slack(line.notes),
            language=language,
        )
        return with_notes(message, tier_notes(outcome.changes, language)), None
    if outcome.kind == "ask":
        person = outcome.ask_person
        base = {"t": text, "d": outcome.occurred_on.isoformat()}

        def answer(relation_id: int) -> str:
            choices = {**{str(k): v for k, v in outcome.choices.items()}, str(outcome.ask_index): relation_id}
            return json.dumps({**base, "c": choices}, separators=(",", ":"))

        values = [answer(option.relation_id) for option in outcome.ask_options]
        new_value = answer(0)
        if max(len(v) for v in [*values, new_value]) > BUTTON_VALUE_MAX:
            line = outcome.line
            prefill = MeetingPrefill(
                relation_name=person.name,
                organisation=person.organisation,
                occurred_on=outcome.occurred_on,
                colleagues=line.colleagues,
                themes=tuple(clean_themes(line.themes)),
                notes=unescape_slack(line.notes),
                tier=line.tier,
            )
            return problem_message("ask_in_form", language, name=person.name), meeting_modal(prefill, language)
        options = [(o.relation_id, o.name, o.organisation) for o in outcome.ask_options]
        return ask_message(person.name, options, values, new_value, language), None
    also = ""
    if outcome.left_out:
        names = joined([f"*{escape(name)}*" for name in outcome.left_out], language)
        also = PROBLEMS("left_out", language, names=names)
    if outcome.problem == "unknown_colleague":
        # Mentions, never bare ids: Slack shows whom they were (a colleague who left, by name).
        mentions = joined([user_mention(user) for user in outcome.detail.split(",")], language)
        return problem_message(outcome.problem, language, also=also, markup={"detail": mentions}), form
    return problem_message(outcome.problem, language, also=also, **_problem_values(outcome, text)), form


def _problem_values(outcome, text: str) -> dict:
    """The values a problem's text names: lengths and limits, the words that were not a date …"""

    problem, detail, language = outcome.problem, outcome.detail, outcome.language
    limits = {
        "too_many_people": PEOPLE_MAX,
        "too_many_colleagues": COLLEAGUES_MAX,
        "too_many_themes": THEMES_MAX,
        "name_too_long": NAME_MAX,
        "organisation_too_long": ORGANISATION_MAX,
    }
    if problem == "too_long":
        return {"length": len(text), "limit": LINE_MAX}
    if problem == "future_date":
        return {"detail": capitalised(long_date(outcome.occurred_on, language))}  # it opens the sentence
    if problem in ("too_many_people", "too_many_colleagues", "too_many_themes"):
        return {"count": detail, "limit": limits[problem]}
    if problem in ("name_too_long", "organisation_too_long"):
        return {"detail": detail[:40].rstrip(), "limit": limits[problem]}
    if problem == "two_dates":
        return {"detail": joined([f"“{phrase}”" for phrase in detail.split(" / ")], language)}
    return {"detail": truncate(detail, SAID_BACK_MAX)}
