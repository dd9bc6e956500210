"""The nudge DM (a to-do list that empties as the owner acts), the full list modal, the hand-over and archive
modals, and the hand-over DM."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    InputBlock,
    MarkdownTextObject,
    Option,
    OverflowMenuElement,
    PlainTextObject,
    SectionBlock,
    UserSelectElement,
)
from slack_sdk.models.views import View

from bot.domain.nudges import SNOOZE_CHOICES, NudgeList, Outcome
from bot.domain.quiet import QuietRelation
from bot.i18n import Catalog
from bot.render.text import ago, escape, long_date, truncate, user_mention
from bot.render.words import quiet_explained

T = Catalog(
    {
        "intro": {
            "en": {
                "one": "Hi {name}, one of your relations has gone quiet:",
                "other": "Hi {name}, {n} of your relations have gone quiet:",
            },
            "nl": {
                "one": "Hoi {name}, een van je relaties is stilgevallen:",
                "other": "Hoi {name}, {n} van je relaties zijn stilgevallen:",
            },
        },
        "fallback": {
            "en": {
                "one": "One of your relations has gone quiet: {names}",
                "other": "{n} of your relations have gone quiet: {names}",
            },
            "nl": {
                "one": "Een van je relaties is stilgevallen: {names}",
                "other": "{n} van je relaties zijn stilgevallen: {names}",
            },
        },
        "last_contact": {
            "en": "Last contact {ago} ({day}), by {who}",
            "nl": "Laatste contact {ago} ({day}), door {who}",
        },
        "you": {"en": "you", "nl": "jou"},
        "never_met": {"en": "No contact logged yet", "nl": "Nog geen contact vastgelegd"},
        "last_time": {"en": "Last time", "nl": "Vorige keer"},
        "key": {"en": "key relation", "nl": "sleutelrelatie"},
        "log": {"en": "Log contact…", "nl": "Contact vastleggen…"},
        "snooze_1w": {"en": "Snooze 1 week", "nl": "1 week uitstellen"},
        "snooze_2w": {"en": "Snooze 2 weeks", "nl": "2 weken uitstellen"},
        "snooze_1m": {"en": "Snooze 1 month", "nl": "1 maand uitstellen"},
        "hand_over": {"en": "Hand over…", "nl": "Overdragen…"},
        "archive_menu": {"en": "Archive…", "nl": "Archiveren…"},
        # the hand-over and archive modals, opened from the menu
        "hand_over_title": {"en": "Hand over", "nl": "Overdragen"},
        "hand_over_ask": {
            "en": "Who looks after *{name}* from now on?",
            "nl": "Wie onderhoudt *{name}* voortaan?",
        },
        "new_owner": {"en": "New owner", "nl": "Nieuwe eigenaar"},
        "hand_over_to": {
            "en": "{who} becomes the owner of *{name}* and gets a message about it, with these same buttons.",
            "nl": "{who} wordt eigenaar van *{name}* en krijgt daar een bericht over, met dezelfde knoppen.",
        },
        "hand_over_confirm": {"en": "Hand over", "nl": "Overdragen"},
        "pick_someone": {
            "en": "Pick the colleague who takes over.",
            "nl": "Kies de collega die de relatie overneemt.",
        },
        "archive": {"en": "Archive", "nl": "Archiveren"},
        "archive_text": {
            "en": "*{name}* will no longer be a relation we keep warm: no more nudges. The history is kept, "
            "and the relation can be restored from its card (`/relation`).",
            "nl": "*{name}* is dan geen relatie meer die we warm houden: geen herinneringen meer. De "
            "geschiedenis blijft bewaard, en via de kaart (`/relation`) kun je de relatie terugzetten.",
        },
        "cancel": {"en": "Cancel", "nl": "Annuleren"},
        "done_logged": {
            "en": "contact logged ({day}) by {who}",
            "nl": "contact vastgelegd ({day}) door {who}",
        },
        "done_snoozed": {"en": "snoozed until {day}", "nl": "uitgesteld tot {day}"},
        "done_handed_over": {"en": "handed over to {who}", "nl": "overgedragen aan {who}"},
        "done_archived": {"en": "archived", "nl": "gearchiveerd"},
        "all_done": {"en": "All done, thank you!", "nl": "Alles afgehandeld, dank je wel!"},
        "show_all": {"en": "Show all {n}", "nl": "Alle {n} tonen"},
        "tip_one": {
            "en": "Or react with :white_check_mark: when you have had contact today, or :zzz: to snooze for two weeks.",
            "nl": "Of reageer met :white_check_mark: als je vandaag contact had, of met :zzz: om twee weken uit "
            "te stellen.",
        },
        "tip_many": {
            "en": "Or react with :zzz: to snooze all of them for two weeks.",
            "nl": "Of reageer met :zzz: om ze allemaal twee weken uit te stellen.",
        },
        "list_title": {"en": "Quiet relations", "nl": "Stille relaties"},
        "close": {"en": "Close", "nl": "Sluiten"},
        "list_intro": {
            "en": {
                "one": "One of your relations has gone quiet.",
                "other": "{n} of your relations have gone quiet; key relations and the longest silence first.",
            },
            "nl": {
                "one": "Een van je relaties is stilgevallen.",
                "other": "{n} van je relaties zijn stilgevallen; sleutelrelaties en de langste stilte eerst.",
            },
        },
        "list_empty": {
            "en": "Nothing has gone quiet. Well kept!",
            "nl": "Er is niets stilgevallen. Goed bijgehouden!",
        },
        "list_cut": {
            "en": {
                "one": "… and 1 more that does not fit here. Act on some of the above and open the list again.",
                "other": "… and {n} more that do not fit here. Act on some of the above and open the list again.",
            },
            "nl": {
                "one": "… en nog 1 die hier niet past. Handel er een paar af en open de lijst opnieuw.",
                "other": "… en nog {n} die hier niet passen. Handel er een paar af en open de lijst opnieuw.",
            },
        },
        "handed_to_you": {
            "en": "{who} handed *{name}* over to you: you are now the owner and will be nudged about it.",
            "nl": "{who} heeft *{name}* aan jou overgedragen: jij bent nu eigenaar en krijgt de herinneringen.",
        },
        "handed_to_you_fallback": {
            "en": "A relation was handed over to you: {name}",
            "nl": "Er is een relatie aan jou overgedragen: {name}",
        },
    }
)

# Slack's limits: 50 blocks per message, 100 per modal; a relation takes two (its text and its actions).
MODAL_RELATIONS = 47


@dataclass(frozen=True)
class NudgeView:
    """A nudge as it stands: the relations it listed, each with what has been done about it (None: to do)."""

    recipient_id: str
    recipient_name: str
    today: date
    lines: Sequence[tuple[QuietRelation, Outcome | None]]
    more: int = 0

    @classmethod
    def fresh(cls, nudge: NudgeList, recipient_name: str) -> NudgeView:
        return cls(nudge.user_id, recipient_name, nudge.day, [(r, None) for r in nudge.shown], nudge.more)

    @property
    def open_relations(self) -> list[QuietRelation]:
        return [relation for relation, done in self.lines if done is None]


def _who(user_id: str | None, recipient_id: str, language: str) -> str:
    if user_id is None:
        return "?"
    return T("you", language) if user_id == recipient_id else user_mention(user_id)


def _title(relation: QuietRelation, language: str) -> str:
    title = f"*{escape(truncate(relation.name, 150))}*"
    if relation.organisation:
        title += f" · {escape(truncate(relation.organisation, 150))}"
    if relation.tier == "key":
        title += f"  `{T('key', language)}`"
    return title


def relation_text(relation: QuietRelation, recipient_id: str, today: date, language: str) -> str:
    """Name, organisation, how long since the last contact and who had it, what was discussed then."""
    lines = [_title(relation, language)]
    if relation.last_contact_on is None:
        lines.append(T("never_met", language))
    else:
        lines.append(
            T(
                "last_contact",
                language,
                ago=ago(relation.last_contact_on, today, language),
                day=long_date(relation.last_contact_on, language),
                who=_who(relation.last_contact_by, recipient_id, language),
            )
        )
    if relation.last_notes:
        notes = " ".join(relation.last_notes.split())
        lines.append(f"_{T('last_time', language)}:_ {escape(truncate(notes, 400))}")
    return truncate("\n".join(lines), 3000)


# The menu's choices (an overflow menu holds at most five): its option values, read by handlers/actions/nudges.py.
MENU_SNOOZE = "snooze:"  # + a SNOOZE_CHOICES key
MENU_HAND_OVER = "handover"
MENU_ARCHIVE = "archive"


def relation_actions(relation: QuietRelation, language: str) -> ActionsBlock:
    """One primary button (Log contact…) and one menu: snooze 1 week, 2 weeks or 1 month, hand over, archive.
    The relation travels in the block id ("nudge_<id>")."""
    rid = str(relation.relation_id)
    menu = [Option(value=MENU_SNOOZE + c, label=T(f"snooze_{c}", language)) for c in SNOOZE_CHOICES]
    menu += [
        Option(value=MENU_HAND_OVER, label=T("hand_over", language)),
        Option(value=MENU_ARCHIVE, label=T("archive_menu", language)),
    ]
    return ActionsBlock(
        block_id=f"nudge_{rid}",
        elements=[
            ButtonElement(text=T("log", language), action_id="nudge_logged", value=rid, style="primary"),
            OverflowMenuElement(action_id="nudge_menu", options=menu),
        ],
    )


HAND_OVER_MODAL = "nudge_hand_over"
ARCHIVE_MODAL = "nudge_archive_modal"
PICK_OWNER = "nudge_pick_owner"


def hand_over_modal(relation_name: str, metadata: Mapping, language: str, chosen: str | None = None) -> dict:
    """Hand over: pick the colleague; once picked, the modal names them before anything happens."""
    name = escape(truncate(relation_name, 150))
    blocks: list[Block] = [
        SectionBlock(text=MarkdownTextObject(text=T("hand_over_ask", language, name=name))),
        InputBlock(
            block_id="new_owner",
            label=T("new_owner", language),
            dispatch_action=True,  # picking someone redraws the modal, naming them
            element=UserSelectElement(action_id=PICK_OWNER, initial_user=chosen),
        ),
    ]
    if chosen:
        text = T("hand_over_to", language, who=user_mention(chosen), name=name)
        blocks.append(ContextBlock(block_id="hand_over_to", elements=[MarkdownTextObject(text=text)]))
    return View(
        type="modal",
        callback_id=HAND_OVER_MODAL,
        title=PlainTextObject(text=T("hand_over_title", language)),
        submit=PlainTextObject(text=T("hand_over_confirm", language)),
        close=PlainTextObject(text=T("cancel", language)),
        private_metadata=json.dumps(dict(metadata)),
        blocks=blocks,
    ).to_dict()


def archive_modal(relation_name: str, metadata: Mapping, language: str) -> dict:
    """Archive: what it means, then Archive or Cancel."""
    text = T("archive_text", language, name=escape(truncate(relation_name, 150)))
    return View(
        type="modal",
        callback_id=ARCHIVE_MODAL,
        title=PlainTextObject(text=T("archive", language)),
        submit=PlainTextObject(text=T("archive", language)),
        close=PlainTextObject(text=T("cancel", language)),
        private_metadata=json.dumps(dict(metadata)),
        blocks=[SectionBlock(text=MarkdownTextObject(text=text))],
    ).to_dict()


def outcome_text(relation: QuietRelation, done: Outcome, recipient_id: str, language: str) -> str:
    name = f"~{escape(truncate(relation.name, 150))}~"
    if done.kind == "logged":
        day = long_date(done.on, language) if done.on else "?"
        what = T("done_logged", language, day=day, who=_who(done.user_id, recipient_id, language))
        return f":white_check_mark: {name} — {what}"
    if done.kind == "snoozed":
        return f":zzz: {name} — {T('done_snoozed', language, day=long_date(done.on, language))}"
    if done.kind == "handed_over":
        return f":arrow_right: {name} — {T('done_handed_over', language, who=user_mention(done.user_id or ''))}"
    return f":file_cabinet: {name} — {T('done_archived', language)}"


def nudge_message(view: NudgeView, language: str = "en") -> dict:
    """The DM: text and blocks for chat.postMessage / chat.update."""
    count = len(view.lines) + view.more
    name = escape(truncate(view.recipient_name or "", 80)) or user_mention(view.recipient_id)
    intro = T("intro", language, name=name, n=count)
    blocks: list[Block] = [SectionBlock(block_id="nudge_intro", text=MarkdownTextObject(text=intro))]
    for relation, done in view.lines:
        if done is None:
            blocks.append(
                SectionBlock(
                    text=MarkdownTextObject(text=relation_text(relation, view.recipient_id, view.today, language))
                )
            )
            blocks.append(relation_actions(relation, language))
        else:
            blocks.append(
                ContextBlock(
                    elements=[MarkdownTextObject(text=outcome_text(relation, done, view.recipient_id, language))]
                )
            )
    if view.more:
        blocks.append(
            ActionsBlock(
                block_id="nudge_more",
                elements=[
                    ButtonElement(text=T("show_all", language, n=count), action_id="nudge_more", value=str(count))
                ],
            )
        )
    if not view.open_relations and not view.more:
        blocks.append(SectionBlock(block_id="nudge_done", text=MarkdownTextObject(text=T("all_done", language))))
    elif view.lines:
        tip = "tip_one" if len(view.lines) == 1 and not view.more else "tip_many"
        # What "quiet" means, where owners meet the word; then what reactions do.
        lines = f"{quiet_explained(language)}\n{T(tip, language)}"
        blocks.append(ContextBlock(block_id="nudge_tip", elements=[MarkdownTextObject(text=lines)]))
    names = ", ".join(escape(r.name) for r, _ in view.lines) + (", …" if view.more else "")
    text = T("fallback", language, n=count, names=names)
    return {"text": truncate(text, 3000), "blocks": [block.to_dict() for block in blocks]}


def quiet_list_modal(
    relations: Sequence[QuietRelation],
    recipient_id: str,
    today: date,
    language: str,
    *,
    nudge: Mapping[str, str],
) -> dict:
    """Every quiet relation of the owner (opened from "Show all N"), with the same actions as the nudge.

    `nudge` (its channel and ts) travels in private_metadata, so acting here also updates the DM.
    """
    blocks: list[Block] = []
    if relations:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=T("list_intro", language, n=len(relations)))))
    else:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=T("list_empty", language))))
    for relation in relations[:MODAL_RELATIONS]:
        blocks.append(
            SectionBlock(text=MarkdownTextObject(text=relation_text(relation, recipient_id, today, language)))
        )
        blocks.append(relation_actions(relation, language))
    if len(relations) > MODAL_RELATIONS:
        cut = len(relations) - MODAL_RELATIONS
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=T("list_cut", language, n=cut))]))
    view = View(
        type="modal",
        callback_id="nudge_list",
        title=PlainTextObject(text=T("list_title", language)),
        close=PlainTextObject(text=T("close", language)),
        private_metadata=json.dumps(dict(nudge)),
        blocks=blocks,
    )
    return view.to_dict()


def pick_someone(language: str) -> str:
    """The hand-over modal's error when no colleague was picked."""
    return T("pick_someone", language)


def handed_over_message(relation: QuietRelation, by_user: str, today: date, language: str) -> dict:
    """The DM to the new owner: what they now look after, where it stands, and the nudge's buttons."""
    text = T("handed_to_you", language, who=user_mention(by_user), name=escape(truncate(relation.name, 150)))
    blocks = [
        SectionBlock(text=MarkdownTextObject(text=text)),
        SectionBlock(text=MarkdownTextObject(text=relation_text(relation, relation.owner_id, today, language))),
        relation_actions(relation, language),
    ]
    fallback = T("handed_to_you_fallback", language, name=escape(relation.name))
    return {"text": truncate(fallback, 3000), "blocks": [block.to_dict() for block in blocks]}


_MENTION = re.compile(r"<@([UW][A-Z0-9]+)>")


def plain_text(message: dict, names: Mapping[str, str] | None = None) -> str:
    """A message's blocks as the terminal shows them, for `goodwill nudge --dry-run`."""
    names = names or {}
    out: list[str] = []

    def text_of(obj: dict) -> str:
        value = obj.get("text", "")
        value = _MENTION.sub(lambda m: "@" + names.get(m[1], m[1]), value)
        return value.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")

    for block in message.get("blocks", []):
        kind = block.get("type")
        if kind == "section":
            out.extend("  " + line if out else line for line in text_of(block["text"]).splitlines())
        elif kind == "context":
            out.append("  " + " ".join(text_of(e) for e in block.get("elements", [])))
        elif kind == "actions":
            labels = []
            for element in block.get("elements", []):
                if element.get("type") == "overflow":
                    labels.append("[⋮ " + " · ".join(text_of(o["text"]) for o in element.get("options", [])) + "]")
                    continue
                label = element.get("text") or element.get("placeholder") or {}
                labels.append(f"[{text_of(label)}]")
            out.append("  " + " ".join(labels))
    return "\n".join(out)
