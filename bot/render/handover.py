"""The hand-over when a member leaves (bot.handover): the proposals DM to admins and leads, the DM to each new
owner, the note to leads when a member returns, the answers of `/goodwill leaving`, and the digest's link."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ConfirmObject,
    ContextBlock,
    MarkdownTextObject,
    Option,
    SectionBlock,
    StaticSelectElement,
    UserSelectElement,
)

from bot.domain.handover import LEAD, OBVIOUS, THEME, TIE, ProposalLine, Received
from bot.i18n import Catalog
from bot.render import nudges
from bot.render.text import ago, escape, long_date, short_date, truncate, user_mention

MAX_BLOCKS = 50  # Block Kit's limit for a message
SECTION_CHARS = 3000
OPTION_CHARS = 75  # a select option's text

T = Catalog(
    {
        # --- the proposals DM ---------------------------------------------------------------------------
        "headline_left": {
            "en": "*{name} has left.* {first} kept {relations}; {successors}.",
            "nl": "*{name} is vertrokken.* {first} beheerde {relations}; {successors}.",
        },
        "headline_leaving": {
            "en": "*{name} leaves on {day}.* {first} keeps {relations}; {successors}.",
            "nl": "*{name} vertrekt op {day}.* {first} beheert {relations}; {successors}.",
        },
        "relation_one": {"en": "1 relation", "nl": "1 relatie"},
        "relation_many": {"en": "{n} relations", "nl": "{n} relaties"},
        "only_obvious": {"en": "it has an obvious successor", "nl": "daarvoor is er een duidelijke opvolger"},
        "only_not_obvious": {
            "en": "it has no obvious successor",
            "nl": "daarvoor is er geen duidelijke opvolger",
        },
        "all_obvious": {
            "en": "all {n} have an obvious successor",
            "nl": "voor alle {n} is er een duidelijke opvolger",
        },
        "none_obvious": {
            "en": "none has an obvious successor",
            "nl": "voor geen enkele is er een duidelijke opvolger",
        },
        "one_obvious": {"en": "1 has an obvious successor", "nl": "voor 1 daarvan is er een duidelijke opvolger"},
        "some_obvious": {
            "en": "{k} have an obvious successor",
            "nl": "voor {k} daarvan is er een duidelijke opvolger",
        },
        "explain": {
            "en": "*Accept* gives each relation to the colleague proposed. To choose someone else, pick them in the"
            " relation's menu{lead_part}. Each new owner gets one message with what they take over; private"
            " notes stay private.",
            "nl": "Met *Accepteren* gaat elke relatie naar de voorgestelde collega. Kies iemand anders in het menu"
            " bij een relatie{lead_part}. Elke nieuwe eigenaar krijgt één bericht met wat die overneemt;"
            " privénotities blijven privé.",
        },
        "explain_lead": {
            "en": ", or hand a relation to the team lead, {lead}",
            "nl": ", of draag een relatie over aan de teamleider, {lead}",
        },
        "why_tie": {
            "en": "knows them best (warmth {warmth}, last met {day})",
            "nl": "kent deze relatie het best (warmte {warmth}, laatst gesproken {day})",
        },
        "why_theme": {
            "en": "works most on {themes}: met {relations}",
            "nl": "werkt het meest aan {themes}: sprak {relations}",
        },
        "why_lead": {
            "en": "team lead: no colleague has met them or works on their themes",
            "nl": "teamleider: geen collega heeft deze relatie gesproken of werkt aan de thema's ervan",
        },
        "why_none": {"en": "no one to propose: pick a colleague", "nl": "geen voorstel: kies een collega"},
        "decided_accepted": {"en": "{owner} (accepted by {by})", "nl": "{owner} (geaccepteerd door {by})"},
        "decided_chosen": {"en": "{owner} (chosen by {by})", "nl": "{owner} (gekozen door {by})"},
        "decided_to_lead": {"en": "{owner}, the team lead (by {by})", "nl": "{owner}, de teamleider (door {by})"},
        "decided_superseded": {
            "en": "changed meanwhile: now with {owner}",
            "nl": "intussen gewijzigd: nu bij {owner}",
        },
        "decided_archived": {"en": "archived meanwhile", "nl": "intussen gearchiveerd"},
        "decided_withdrawn": {"en": "stays with {owner}", "nl": "blijft bij {owner}"},
        "more": {
            "en": "… and {n} more: they appear here as these are decided.",
            "nl": "… en nog {n}: die verschijnen hier zodra deze zijn afgehandeld.",
        },
        "more_decided": {"en": "… and {n} more decided.", "nl": "… en nog {n} afgehandeld."},
        "accept_one": {"en": "Accept the proposal", "nl": "Voorstel accepteren"},
        "accept_many": {"en": "Accept all {n} proposals", "nl": "Alle {n} voorstellen accepteren"},
        "accept_title": {"en": "Hand over as proposed?", "nl": "Overdragen zoals voorgesteld?"},
        "accept_text": {
            "en": "Each relation listed goes to the colleague proposed. Each new owner gets one message about what"
            " they take over.",
            "nl": "Elke relatie in de lijst gaat naar de voorgestelde collega. Elke nieuwe eigenaar krijgt één"
            " bericht over wat die overneemt.",
        },
        "accept_confirm": {"en": "Hand over", "nl": "Overdragen"},
        "cancel": {"en": "Cancel", "nl": "Annuleren"},
        "pick": {"en": "Someone else…", "nl": "Iemand anders…"},
        "pick_title": {"en": "Hand over?", "nl": "Overdragen?"},
        "pick_text": {
            "en": "Make the colleague you picked the owner of *{name}*? They get a message about it.",
            "nl": "De collega die je koos eigenaar maken van *{name}*? Die krijgt daar een bericht over.",
        },
        "to_lead": {"en": "Hand to the lead…", "nl": "Aan de teamleider…"},
        "to_lead_title": {"en": "Hand to the team lead?", "nl": "Aan de teamleider overdragen?"},
        "to_lead_text": {
            "en": "The relation you picked goes to {lead}, who gets a message about it.",
            "nl": "De relatie die je koos gaat naar {lead}, die daarover een bericht krijgt.",
        },
        "done": {"en": "All decided, thank you!", "nl": "Alles is afgehandeld, dank je!"},
        "ended_returned": {
            "en": "{name} is back in the workspace: the open proposals were withdrawn.",
            "nl": "{name} is terug in de workspace: de open voorstellen zijn ingetrokken.",
        },
        "ended_cancelled": {
            "en": "{name} is no longer marked as leaving: the open proposals were withdrawn.",
            "nl": "{name} staat niet meer als vertrekkend genoteerd: de open voorstellen zijn ingetrokken.",
        },
        # --- told privately to whoever clicked ------------------------------------------------------------
        "not_allowed": {
            "en": "Only workspace admins and team leads decide who takes over a colleague's relations.",
            "nl": "Alleen beheerders en teamleiders beslissen wie de relaties van een collega overneemt.",
        },
        "gone": {"en": "That hand-over no longer exists.", "nl": "Die overdracht bestaat niet meer."},
        "not_in_round": {
            "en": "That relation is not part of this hand-over.",
            "nl": "Die relatie hoort niet bij deze overdracht.",
        },
        "stale": {"en": "Nothing changed: {line}", "nl": "Er is niets gewijzigd: {line}"},
        "stale_all": {
            "en": "These proposals were already decided; nothing changed.",
            "nl": "Deze voorstellen waren al afgehandeld; er is niets gewijzigd.",
        },
        "no_lead": {
            "en": "There is no team lead to hand it to: pick a colleague instead.",
            "nl": "Er is geen teamleider om aan over te dragen: kies een collega.",
        },
        "lead_changed": {
            "en": "{lead} is no longer the team lead; the message now shows who is.",
            "nl": "{lead} is geen teamleider meer; het bericht toont nu wie dat wel is.",
        },
        "ended": {
            "en": "This hand-over has ended; nothing changed.",
            "nl": "Deze overdracht is beëindigd; er is niets gewijzigd.",
        },
        # --- the DM to a new owner ------------------------------------------------------------------------------
        "received_left": {
            "en": "{by} handed {relations} of {member}, who has left, over to you. You are the owner from now on:"
            " Goodwill nudges you in your morning when a relation goes quiet.",
            "nl": "{by} heeft {relations} van {member}, die vertrokken is, aan jou overgedragen. Jij bent voortaan"
            " de eigenaar: Goodwill stuurt je 's ochtends een herinnering als een relatie stilvalt.",
        },
        "received_leaving": {
            "en": "{by} handed {relations} of {member}, who leaves on {day}, over to you. You are the owner from now"
            " on: Goodwill nudges you in your morning when a relation goes quiet.",
            "nl": "{by} heeft {relations} van {member}, die op {day} vertrekt, aan jou overgedragen. Jij bent"
            " voortaan de eigenaar: Goodwill stuurt je 's ochtends een herinnering als een relatie stilvalt.",
        },
        "received_fallback": {
            "en": "{relations} of {member} handed over to you: {names}",
            "nl": "{relations} van {member} aan jou overgedragen: {names}",
        },
        "received_more": {
            "en": "… and {n} more: your Home tab lists them all.",
            "nl": "… en nog {n}: je Home-tabblad toont ze allemaal.",
        },
        # --- the DM to a member who leaves on a date ---------------------------------------------------------------
        "handed_on": {
            "en": "{by} handed {relations} of yours over to colleagues, ahead of your leaving on {day}:",
            "nl": "{by} heeft {relations} van jou overgedragen aan collega's, met het oog op je vertrek op {day}:",
        },
        "handed_on_fallback": {
            "en": "{relations} of yours handed over to colleagues",
            "nl": "{relations} van jou overgedragen aan collega's",
        },
        # --- the note to leads when a member returns ------------------------------------------------------------
        "returned": {"en": "*{name} is back in the workspace.*", "nl": "*{name} is terug in de workspace.*"},
        "returned_handed_one": {
            "en": "Goodwill gives nothing back by itself: the relation handed over while they were away stays with"
            " its new owner. Hand it back from its card (`/relation`) if that suits everyone.",
            "nl": "Goodwill geeft niets vanzelf terug: de relatie die in de tussentijd is overgedragen, blijft bij de"
            " nieuwe eigenaar. Draag die terug via de kaart van de relatie (`/relation`) als iedereen dat wil.",
        },
        "returned_handed_many": {
            "en": "Goodwill gives nothing back by itself: the {n} relations handed over while they were away stay"
            " with their new owners. Hand one back from its card (`/relation`) if that suits everyone.",
            "nl": "Goodwill geeft niets vanzelf terug: de {n} relaties die in de tussentijd zijn overgedragen,"
            " blijven bij hun nieuwe eigenaren. Draag er een terug via de kaart van de relatie (`/relation`) als"
            " iedereen dat wil.",
        },
        "returned_withdrawn_one": {
            "en": "The open proposal was withdrawn: {first} keeps that relation.",
            "nl": "Het open voorstel is ingetrokken: {first} houdt die relatie.",
        },
        "returned_withdrawn_many": {
            "en": "The {n} open proposals were withdrawn: {first} keeps those relations.",
            "nl": "De {n} open voorstellen zijn ingetrokken: {first} houdt die relaties.",
        },
        # --- /goodwill leaving ------------------------------------------------------------------------------------
        "leaving_set": {
            "en": "{member} is marked as leaving on {day}. A week before, from {ahead}, the admins and team leads"
            " get proposals for who takes over each of {first}'s relations.",
            "nl": "{member} staat genoteerd als vertrekkend op {day}. Een week eerder, vanaf {ahead}, krijgen de"
            " beheerders en teamleiders voorstellen voor wie elke relatie van {first} overneemt.",
        },
        "leaving_set_now": {
            "en": "{member} is marked as leaving on {day}. The admins and team leads get the proposals for who"
            " takes over each of {first}'s relations now.",
            "nl": "{member} staat genoteerd als vertrekkend op {day}. De beheerders en teamleiders krijgen nu de"
            " voorstellen voor wie elke relatie van {first} overneemt.",
        },
        "leaving_cleared": {
            "en": "{member} is no longer marked as leaving.",
            "nl": "{member} staat niet meer als vertrekkend genoteerd.",
        },
        "leaving_withdrawn": {
            "en": "The open proposals were withdrawn.",
            "nl": "De open voorstellen zijn ingetrokken.",
        },
        "leaving_list": {"en": "Marked as leaving: {people}", "nl": "Genoteerd als vertrekkend: {people}"},
        "leaving_on": {"en": "{member} on {day}", "nl": "{member} op {day}"},
        "leaving_none": {
            "en": "No one is marked as leaving.",
            "nl": "Niemand staat als vertrekkend genoteerd.",
        },
        "leaving_usage": {
            "en": "`/goodwill leaving @name YYYY-MM-DD` marks a colleague's last day (admins and team leads);"
            " `/goodwill leaving @name off` takes it back.",
            "nl": "`/goodwill vertrekt @naam JJJJ-MM-DD` noteert de laatste werkdag van een collega (beheerders en"
            " teamleiders); `/goodwill vertrekt @naam uit` maakt dat ongedaan.",
        },
        "leaving_not_allowed": {
            "en": "Only workspace admins and team leads can mark a colleague as leaving.",
            "nl": "Alleen beheerders en teamleiders kunnen een collega als vertrekkend noteren.",
        },
        "leaving_bad_date": {
            "en": "`{word}` is not a date: write it as YYYY-MM-DD, for example `2027-01-29`.",
            "nl": "`{word}` is geen datum: schrijf die als JJJJ-MM-DD, bijvoorbeeld `2027-01-29`.",
        },
        "leaving_past": {
            "en": "{day} has passed: give a leaving date still to come.",
            "nl": "{day} is al voorbij: geef een vertrekdatum die nog moet komen.",
        },
        "leaving_bad_member": {
            "en": "{who} is not a colleague who can be marked as leaving (a bot, or someone who has left).",
            "nl": "{who} is geen collega die als vertrekkend genoteerd kan worden (een bot, of iemand die al weg is).",
        },
        "leaving_no_mention": {
            "en": "Name the colleague with an @mention: `/goodwill leaving @name YYYY-MM-DD`.",
            "nl": "Noem de collega met een @vermelding: `/goodwill vertrekt @naam JJJJ-MM-DD`.",
        },
        # --- the digest's link ----------------------------------------------------------------------------------
        "digest_leaves": {"en": "leaves {day}", "nl": "vertrekt {day}"},
        "digest_proposals": {"en": "Proposals for {name}'s relations", "nl": "Voorstellen voor relaties van {name}"},
        "show_link": {
            "en": "The proposals for {name}'s relations are in your messages with Goodwill: {link}",
            "nl": "De voorstellen voor de relaties van {name} staan in je berichten met Goodwill: {link}",
        },
        "show_sent": {
            "en": "Goodwill has sent you the proposals for {name}'s relations in a direct message.",
            "nl": "Goodwill heeft je de voorstellen voor de relaties van {name} in een privébericht gestuurd.",
        },
        "show_finished": {
            "en": "The hand-over of {name}'s relations is finished.",
            "nl": "De overdracht van de relaties van {name} is afgerond.",
        },
    }
)


def count_relations(n: int, language: str) -> str:
    return T("relation_one", language) if n == 1 else T("relation_many", language, n=n)


def successors(total: int, obvious: int, language: str) -> str:
    """'29 have an obvious successor' / 'voor 29 daarvan is er een duidelijke opvolger', with real plurals."""
    if total == 1:
        return T("only_obvious" if obvious else "only_not_obvious", language)
    if obvious == total:
        return T("all_obvious", language, n=total)
    if obvious == 0:
        return T("none_obvious", language)
    if obvious == 1:
        return T("one_obvious", language)
    return T("some_obvious", language, k=obvious)


def first_name(name: str) -> str:
    return name.split(" ")[0] if name.strip() else name


@dataclass(frozen=True)
class RoundView:
    """A hand-over round as its DM shows it now."""

    handover_id: int
    member_id: str
    member_name: str
    reason: str  # left, leaving
    status: str  # open, done, returned, cancelled
    leaving_on: date | None
    lead: str | None  # the team lead relations can be handed to
    lead_name: str
    lines: Sequence[ProposalLine]

    @property
    def pending(self) -> list[ProposalLine]:
        return [line for line in self.lines if line.pending]

    @property
    def decided(self) -> list[ProposalLine]:
        return [line for line in self.lines if not line.pending]

    @property
    def shown_name(self) -> str:
        return escape(truncate(self.member_name, 100)) if self.member_name else user_mention(self.member_id)


def headline(view: RoundView, language: str) -> str:
    total = len(view.lines)
    obvious = sum(1 for line in view.lines if line.basis in OBVIOUS)
    values = dict(
        name=view.shown_name,
        first=escape(first_name(view.member_name)) or user_mention(view.member_id),
        relations=count_relations(total, language),
        successors=successors(total, obvious, language),
    )
    if view.reason == "leaving" and view.leaving_on:
        return T("headline_leaving", language, day=long_date(view.leaving_on, language), **values)
    return T("headline_left", language, **values)


def _title(line: ProposalLine | Received, language: str) -> str:
    title = f"*{escape(truncate(line.name, 150))}*"
    if line.organisation:
        title += f" · {escape(truncate(line.organisation, 150))}"
    if line.tier == "key":
        title += f"  `{nudges.T('key', language)}`"
    return title


def why(line: ProposalLine, language: str) -> str:
    detail = line.detail
    if line.basis == TIE:
        day = date.fromisoformat(str(detail.get("last_met_on")))
        return T("why_tie", language, warmth=detail.get("warmth", 0), day=short_date(day, language))
    if line.basis == THEME:
        themes = " ".join(f"`#{escape(str(theme))}`" for theme in detail.get("themes") or ())
        relations = count_relations(int(detail.get("relations") or 0), language)
        return T("why_theme", language, themes=themes, relations=relations)
    return T("why_lead" if line.basis == LEAD else "why_none", language)


def pending_text(line: ProposalLine, language: str) -> str:
    proposal = f"→ {user_mention(line.proposed_owner)} — " if line.proposed_owner else ""
    return truncate(f"{_title(line, language)}\n{proposal}{why(line, language)}", SECTION_CHARS)


def decided_text(line: ProposalLine, view: RoundView, language: str) -> str:
    """One line: what became of a relation of the round."""
    name = f"*{escape(truncate(line.name, 150))}*"
    owner, by = user_mention(line.decided_owner or line.owner_now), user_mention(line.decided_by or "")
    if line.status in ("accepted", "chosen", "to_lead"):
        return f":white_check_mark: {name} → {T(f'decided_{line.status}', language, owner=owner, by=by)}"
    if line.status == "withdrawn":
        return f":leftwards_arrow_with_hook: {name} — {T('decided_withdrawn', language, owner=view.shown_name)}"
    if line.archived:
        return f":file_cabinet: {name} — {T('decided_archived', language)}"
    return f":heavy_minus_sign: {name} — {T('decided_superseded', language, owner=user_mention(line.owner_now))}"


def _pack(lines: Sequence[str]) -> list[str]:
    chunks: list[str] = []
    for line in lines:
        if chunks and len(chunks[-1]) + 1 + len(line) <= SECTION_CHARS:
            chunks[-1] += "\n" + line
        else:
            chunks.append(truncate(line, SECTION_CHARS))
    return chunks


def proposals_message(view: RoundView, language: str) -> dict:
    """The DM to an admin or lead: the headline, each open proposal with a picker, what was decided, and the
    buttons. The relations past what one message holds appear as the first ones are decided."""
    lead = user_mention(view.lead) if view.lead else ""
    blocks: list[Block] = [
        SectionBlock(block_id="handover_headline", text=MarkdownTextObject(text=headline(view, language)))
    ]
    pending = view.pending if view.status == "open" else []
    if pending:
        lead_part = T("explain_lead", language, lead=lead) if view.lead else ""
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=T("explain", language, lead_part=lead_part))]))
    decided = _pack([decided_text(line, view, language) for line in view.decided])
    # Room: headline, explanation, "and N more", the buttons, the closing line, and a few decided sections.
    shown_decided = decided[:4]
    room = MAX_BLOCKS - len(blocks) - len(shown_decided) - 3
    shown = pending[:room]
    for line in shown:
        name = escape(truncate(line.name, 120))
        blocks.append(
            SectionBlock(
                block_id=f"handover:{view.handover_id}:{line.relation_id}",
                text=MarkdownTextObject(text=pending_text(line, language)),
                accessory=UserSelectElement(
                    action_id="handover_pick",
                    placeholder=T("pick", language),
                    initial_user=line.proposed_owner,
                    confirm=ConfirmObject(
                        title=T("pick_title", language),
                        text=MarkdownTextObject(text=T("pick_text", language, name=name)),
                        confirm=T("accept_confirm", language),
                        deny=T("cancel", language),
                    ),
                ),
            )
        )
    if len(pending) > len(shown):
        blocks.append(
            ContextBlock(elements=[MarkdownTextObject(text=T("more", language, n=len(pending) - len(shown)))])
        )
    blocks += [SectionBlock(text=MarkdownTextObject(text=chunk)) for chunk in shown_decided]
    if len(decided) > len(shown_decided):
        hidden = sum(chunk.count("\n") + 1 for chunk in decided[len(shown_decided) :])
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=T("more_decided", language, n=hidden))]))
    actions = _actions(view, shown, language)
    if actions is not None:
        blocks.append(actions)
    closing = _closing(view, language)
    if closing:
        blocks.append(SectionBlock(block_id="handover_closed", text=MarkdownTextObject(text=closing)))
    fallback = headline(view, language).replace("*", "")
    return {"text": truncate(fallback, 3000), "blocks": [block.to_dict() for block in blocks[:MAX_BLOCKS]]}


def _actions(view: RoundView, shown: Sequence[ProposalLine], language: str) -> ActionsBlock | None:
    acceptable = [line for line in shown if line.proposed_owner]
    elements: list = []
    if acceptable:
        n = len(acceptable)
        elements.append(
            ButtonElement(
                action_id="handover_accept",
                text=T("accept_one", language) if n == 1 else T("accept_many", language, n=n),
                style="primary",
                # The relations shown: a click accepts those (still pending) and no others.
                value=f"{view.handover_id}:" + ",".join(str(line.relation_id) for line in acceptable),
                confirm=ConfirmObject(
                    title=T("accept_title", language),
                    text=T("accept_text", language),
                    confirm=T("accept_confirm", language),
                    deny=T("cancel", language),
                ),
            )
        )
    to_lead = [line for line in shown if view.lead and line.proposed_owner != view.lead][:100]
    if to_lead:
        elements.append(
            StaticSelectElement(
                action_id="handover_to_lead",
                placeholder=T("to_lead", language),
                options=[
                    Option(value=f"{line.relation_id}:{view.lead}", label=truncate(line.name, OPTION_CHARS))
                    for line in to_lead
                ],
                confirm=ConfirmObject(
                    title=T("to_lead_title", language),
                    text=T("to_lead_text", language, lead=truncate(view.lead_name, 80) or "?"),
                    confirm=T("accept_confirm", language),
                    deny=T("cancel", language),
                ),
            )
        )
    return ActionsBlock(block_id=f"handover:{view.handover_id}", elements=elements) if elements else None


def _closing(view: RoundView, language: str) -> str | None:
    if view.status in ("returned", "cancelled"):
        return T(f"ended_{view.status}", language, name=view.shown_name)
    if not view.pending:
        return T("done", language)
    return None


# --- the DM to a new owner ---------------------------------------------------------------------------------
def received_message(
    items: Sequence[Received],
    *,
    by_user: str,
    member_name: str,
    reason: str,
    leaving_on: date | None,
    recipient_id: str,
    today: date,
    language: str,
) -> dict:
    """What a new owner received: each relation with its last contact and the latest notes they may read."""
    member = escape(truncate(member_name, 100))
    values = dict(by=user_mention(by_user), relations=count_relations(len(items), language), member=member)
    if reason == "leaving" and leaving_on:
        intro = T("received_leaving", language, day=long_date(leaving_on, language), **values)
    else:
        intro = T("received_left", language, **values)
    blocks: list[Block] = [SectionBlock(block_id="handover_received", text=MarkdownTextObject(text=intro))]
    room = MAX_BLOCKS - 2
    for item in items[:room]:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=_received_text(item, recipient_id, today, language))))
    if len(items) > room:
        blocks.append(
            ContextBlock(elements=[MarkdownTextObject(text=T("received_more", language, n=len(items) - room))])
        )
    names = ", ".join(escape(item.name) for item in items[:20]) + (", …" if len(items) > 20 else "")
    fallback = T("received_fallback", language, relations=values["relations"], member=member, names=names)
    return {"text": truncate(fallback, 3000), "blocks": [block.to_dict() for block in blocks]}


def _received_text(item: Received, recipient_id: str, today: date, language: str) -> str:
    lines = [_title(item, language)]
    if item.last_contact_on is None:
        lines.append(nudges.T("never_met", language))
    else:
        who = item.last_contact_by
        lines.append(
            nudges.T(
                "last_contact",
                language,
                ago=ago(item.last_contact_on, today, language),
                day=long_date(item.last_contact_on, language),
                who=nudges.T("you", language) if who == recipient_id else user_mention(who or "?"),
            )
        )
    if item.notes:
        notes = " ".join(item.notes.split())
        lines.append(f"_{nudges.T('last_time', language)}:_ {escape(truncate(notes, 400))}")
    return truncate("\n".join(lines), SECTION_CHARS)


def handed_on_message(
    moves: Sequence[tuple[str, str]], *, by_user: str, leaving_on: date | None, language: str
) -> dict:
    """The DM to a member who is leaving: which of their relations went to whom."""
    relations = count_relations(len(moves), language)
    day = long_date(leaving_on, language) if leaving_on else "?"
    lines = [T("handed_on", language, by=user_mention(by_user), relations=relations, day=day)]
    lines += [f"• *{escape(truncate(name, 150))}* → {user_mention(owner)}" for name, owner in moves]
    blocks = [SectionBlock(text=MarkdownTextObject(text=chunk)) for chunk in _pack(lines)[:MAX_BLOCKS]]
    fallback = T("handed_on_fallback", language, relations=relations)
    return {"text": fallback, "blocks": [block.to_dict() for block in blocks]}


# --- the note to leads when a member returns -------------------------------------------------------------------
def returned_message(member_name: str, member_id: str, handed: int, withdrawn: int, language: str) -> dict:
    name = escape(truncate(member_name, 100)) if member_name else user_mention(member_id)
    first = escape(first_name(member_name)) or user_mention(member_id)
    parts = [T("returned", language, name=name)]
    if handed == 1:
        parts.append(T("returned_handed_one", language))
    elif handed:
        parts.append(T("returned_handed_many", language, n=handed))
    if withdrawn == 1:
        parts.append(T("returned_withdrawn_one", language, first=first))
    elif withdrawn:
        parts.append(T("returned_withdrawn_many", language, n=withdrawn, first=first))
    text = " ".join(parts)
    return {
        "text": truncate(text.replace("*", ""), 3000),
        "blocks": [SectionBlock(block_id="handover_returned", text=MarkdownTextObject(text=text)).to_dict()],
    }


# --- the digest ---------------------------------------------------------------------------------------------------
def digest_leaving_note(leaving_on: date, language: str) -> str:
    """'leaves 12 Dec 2026', after the one colleague a relation depends on."""
    return T("digest_leaves", language, day=short_date(leaving_on, language))


def digest_proposal_buttons(rounds: Mapping[int, str], language: str) -> ActionsBlock | None:
    """A button per open hand-over round (id → the member's name): it brings an admin or lead to the proposals."""
    if not rounds:
        return None
    return ActionsBlock(
        block_id="digest_handover",
        elements=[
            ButtonElement(
                action_id="handover_show",
                text=truncate(T("digest_proposals", language, name=name), 75),
                value=str(handover_id),
            )
            for handover_id, name in list(rounds.items())[:25]
        ],
    )
