"""What was discussed, as Slack shows it: the meetings a search found (below /whoknows, and on the App Home with
its search box)."""

from __future__ import annotations

from slack_sdk.models.blocks import (
    Block,
    ContextBlock,
    DividerBlock,
    InputBlock,
    MarkdownTextObject,
    PlainTextInputElement,
    SectionBlock,
)
from slack_sdk.models.blocks.basic_components import DispatchActionConfig

from bot.domain.search import DiscussedAnswer, FoundMeeting, Passage, matching_names
from bot.i18n import Catalog
from bot.render.network import kind_label
from bot.render.text import escape, short_date, truncate, user_mention

SEARCH_ACTION = "home_search"  # the App Home's search box: Enter sends block_actions with this action_id
QUERY_MAX = 200

T = Catalog(
    {
        "title": {"en": "Discussed: *{query}*", "nl": "Besproken: *{query}*"},
        "none": {
            "en": "No meeting notes, themes, organisations or gatherings mention *{query}*.",
            "nl": "Geen gespreksnotities, thema's, organisaties of bijeenkomsten noemen *{query}*.",
        },
        "too_common": {
            "en": "*{query}*: those words are too common to search for. Try a more telling word.",
            "nl": "*{query}*: die woorden zijn te algemeen om op te zoeken. Probeer een woord dat meer zegt.",
        },
        "newest": {
            "en": "The {n} most recent meetings. Add a word to narrow the search.",
            "nl": "De {n} meest recente gesprekken. Voeg een woord toe om gerichter te zoeken.",
        },
        "met": {"en": "{who} met {whom}", "nl": "{who} sprak {whom}"},
        "with": {"en": "{who} (with {others})", "nl": "{who} (samen met {others})"},
        "archived": {"en": "archived", "nl": "gearchiveerd"},
        "private_withheld": {
            "en": ":lock: Private notes — only {who} can read them",
            "nl": ":lock: Privénotities — alleen {who} kan ze lezen",
        },
        "private_yours": {
            "en": ":lock: Private: only you see these notes",
            "nl": ":lock: Privé: alleen jij ziet deze notities",
        },
        "box_label": {"en": "Search what was discussed", "nl": "Zoek in wat er besproken is"},
        "box_placeholder": {
            "en": "e.g. housing subsidy, or a theme or organisation",
            "nl": "bijv. subsidie woningbouw, of een thema of organisatie",
        },
        "box_hint": {
            "en": "Press Enter. Dutch and English, any form of a word: `aanvraag` finds “aangevraagd”.",
            "nl": "Druk op Enter. Nederlands en Engels, elke vorm van een woord: `aanvraag` vindt “aangevraagd”.",
        },
    }
)


def _bold_if(text: str, bold: bool) -> str:
    return f"*{escape(text)}*" if bold else escape(text)


def passage_text(passage: Passage) -> str:
    """The passage, escaped piece by piece, with the words searched for in bold."""
    text = "".join(_bold_if(piece, bold) for piece, bold in passage.pieces)
    return ("…" if passage.cut_before else "") + text + ("…" if passage.cut_after else "")


def meeting_text(meeting: FoundMeeting, answer: DiscussedAnswer, language: str) -> str:  # noqa: C901 -- a declaration: one optional part per field
    """'*26 Nov 2026* · call · @Anna (with @Bram) met Jan de Vries (Gemeente Den Haag) · #wonen' and the
    passage, quoted, with the words searched for in bold."""
    query = answer.query
    names = [meeting.gathering or "", *meeting.themes, *(p.organisation or "" for p in meeting.people)]
    found = matching_names([name for name in names if name], query)
    whom = []
    for person in meeting.people[:5]:
        label = escape(person.name)
        if person.organisation:
            label += f" ({_bold_if(person.organisation, person.organisation in found)})"
        if person.archived:
            label += f" _{T('archived', language)}_"
        whom.append(label)
    if len(meeting.people) > 5:
        whom.append(f"+{len(meeting.people) - 5}")
    who = user_mention(meeting.logged_by)
    if meeting.colleagues:
        who = T("with", language, who=who, others=", ".join(user_mention(c) for c in meeting.colleagues[:10]))
    head = [f"*{short_date(meeting.occurred_on, language)}*"]
    kind = kind_label(meeting.kind, language)
    if kind:
        head.append(kind)
    if meeting.gathering:
        head.append(f":calendar: {_bold_if(truncate(meeting.gathering, 100), meeting.gathering in found)}")
    head.append(T("met", language, who=who, whom=", ".join(whom)))
    if meeting.themes:
        head.append(" ".join(f"*#{escape(t)}*" if t in found else f"`#{escape(t)}`" for t in meeting.themes))
    lines = [" · ".join(head)]
    if meeting.withheld:
        lines.append(T("private_withheld", language, who=user_mention(meeting.logged_by)))
    elif meeting.passage is not None:
        lines.append("> " + passage_text(meeting.passage))
        if meeting.private:
            lines.append(T("private_yours", language))
    return "\n".join(lines)


def discussed_blocks(answer: DiscussedAnswer, language: str, *, shown: int | None = None) -> list[Block]:
    """The meetings found, newest first (at most `shown`), under a title; a line saying so when none."""
    query = escape(truncate(answer.query.typed, 100))
    if answer.query.empty:
        return [_section(T("too_common", language, query=query))]
    if not answer.found:
        return [_section(T("none", language, query=query))]
    meetings = answer.meetings[:shown] if shown is not None else answer.meetings
    blocks: list[Block] = [_section(T("title", language, query=query))]
    blocks += [_section(meeting_text(meeting, answer, language)) for meeting in meetings]
    if answer.more or len(meetings) < len(answer.meetings):
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=T("newest", language, n=len(meetings)))]))
    return blocks


def discussed_message(answer: DiscussedAnswer, language: str) -> dict:
    """/whoknows when the words are no organisation, person or theme: the meetings that mention them."""
    blocks = discussed_blocks(answer, language)
    fallback = T("title", language, query=escape(truncate(answer.query.typed, 100))).replace("*", "")
    return {"response_type": "ephemeral", "text": fallback, "blocks": [b.to_dict() for b in blocks]}


def with_discussed(message: dict, answer: DiscussedAnswer, language: str, *, block_limit: int = 50) -> dict:
    """A /whoknows answer with, below it, the meetings that mention the words (as many as fit in a message)."""
    room = block_limit - len(message["blocks"]) - 3  # a divider, the title, the closing line
    if room < 1 or not answer.found:
        return message
    extra = [DividerBlock(), *discussed_blocks(answer, language, shown=min(room, 5))]
    return {**message, "blocks": [*message["blocks"], *(b.to_dict() for b in extra)]}


def search_box_blocks(typed: str, answer: DiscussedAnswer | None, language: str) -> list[Block]:
    """The App Home's search box (Enter dispatches SEARCH_ACTION) and, after a search, what it found."""
    box = InputBlock(
        block_id=SEARCH_ACTION,
        label=T("box_label", language),
        dispatch_action=True,
        optional=True,
        hint=T("box_hint", language),
        element=PlainTextInputElement(
            action_id=SEARCH_ACTION,
            placeholder=T("box_placeholder", language),
            initial_value=typed[:QUERY_MAX] or None,
            max_length=QUERY_MAX,
            dispatch_action_config=DispatchActionConfig(trigger_actions_on=["on_enter_pressed"]),
        ),
    )
    blocks: list[Block] = [box]
    if answer is not None:
        blocks += discussed_blocks(answer, language)
    return blocks


def _section(text: str) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=truncate(text, 3000)))
