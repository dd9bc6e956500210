"""`/goodwill forget <name>`: the confirmation, and what was erased."""

from __future__ import annotations

from slack_sdk.models.blocks import (
    ActionsBlock,
    ButtonElement,
    ConfirmObject,
    MarkdownTextObject,
    SectionBlock,
)

from bot.i18n import Catalog
from bot.render.text import escape, joined, truncate, user_mention
from bot.render.words import counted

CONFIRM = "forget_confirm"
CANCEL = "forget_cancel"
PICK = "forget_pick"

T = Catalog(
    {
        "usage": {
            "en": "Tell me whom to forget: `/goodwill forget Jan de Vries`",
            "nl": "Zeg wie ik moet vergeten: `/goodwill vergeet Jan de Vries`",
        },
        "ask": {
            "en": "Forget *{name}* for good? It cannot be undone; the audit log records that it happened, not who "
            "it was.",
            "nl": "*{name}* definitief vergeten? Dit kan niet ongedaan worden gemaakt; het auditlog legt vast dát "
            "het gebeurde, niet wie het was.",
        },
        "will": {
            "en": "*Erased:*\n"
            "• the relation, {interactions} and {invitations} (to events)\n"
            "• the name in {mentions} and in the name or place of {gatherings}: "
            "as a whole word, in any capitalisation, with or without accents, replaced by […]\n"
            "• Goodwill's own messages that it can still edit (reminders, invitation lists, attendance "
            "checklists) are redrawn without this person",
            "nl": "*Wordt gewist:*\n"
            "• de relatie, {interactions} en {invitations} (voor bijeenkomsten)\n"
            "• de naam in {mentions} en in de naam of plaats van {gatherings}: als heel woord, met hoofd- of "
            "kleine letters, met of zonder accenten; vervangen "
            "door […]\n"
            "• berichten van Goodwill zelf die het nog kan bijwerken (herinneringen, uitnodigingslijsten, "
            "aanwezigheidslijsten) worden bijgewerkt: deze persoon staat er daarna niet meer in",
        },
        "will_not": {
            "en": "*Not erased:*\n"
            "• messages already in Slack that Goodwill cannot edit: what people wrote themselves, answers only "
            "one person saw, the weekly digests and their copies. They are Slack's: delete them there, or ask a "
            "Slack admin\n"
            "• a first name, nickname or misspelling on its own: only the full name *{name}* is recognised; "
            "check notes that refer to this person in another way\n"
            "• exports made earlier",
            "nl": "*Wordt niet gewist:*\n"
            "• berichten die al in Slack staan en die Goodwill niet kan bijwerken: wat mensen zelf schreven, "
            "antwoorden die maar één persoon zag, de wekelijkse overzichten en de kopieën daarvan. Die zijn van "
            "Slack: verwijder ze daar, of vraag een Slack-beheerder\n"
            "• een losse voornaam, bijnaam of verschrijving: alleen de volledige naam *{name}* wordt herkend; "
            "kijk notities na die op een andere manier naar deze persoon verwijzen\n"
            "• eerder gemaakte exports",
        },
        "button": {"en": "Forget for good", "nl": "Definitief vergeten"},
        "cancel": {"en": "Cancel", "nl": "Annuleren"},
        "confirm_title": {"en": "Are you sure?", "nl": "Weet je het zeker?"},
        "confirm_text": {
            "en": "Everything about this person is erased.",
            "nl": "Alles over deze persoon wordt gewist.",
        },
        "not_allowed": {
            "en": "Only the relation's owner ({owner}) or a workspace admin can erase a relation.",
            "nl": "Alleen de eigenaar van de relatie ({owner}) of een workspace-beheerder kan een relatie wissen.",
        },
        "done": {
            "en": "Forgotten: the relation, {interactions} and {invitations} are "
            "erased{mentions}. Goodwill's own messages about them that it can edit are redrawn; other messages "
            "in Slack are not changed. The audit log holds only that this happened.",
            "nl": "Vergeten: de relatie, {interactions} en {invitations} zijn "
            "gewist{mentions}. Berichten van Goodwill zelf die het kan bijwerken, worden bijgewerkt; "
            "andere berichten in Slack blijven zoals ze zijn. Het auditlog bewaart alleen dat dit gebeurde.",
        },
        "mentions": {
            "en": ", and the name was removed from {where}",
            "nl": ", en de naam is uit {where} gehaald",
        },
        "cancelled": {"en": "Nothing was erased.", "nl": "Er is niets gewist."},
        "gone": {"en": "That relation no longer exists.", "nl": "Die relatie bestaat niet meer."},
    }
)


def notice(text: str) -> dict:
    return {
        "response_type": "ephemeral",
        "text": text,
        "blocks": [SectionBlock(text=MarkdownTextObject(text=truncate(text, 3000))).to_dict()],
    }


def not_allowed(owner_id: str, language: str) -> dict:
    return notice(T("not_allowed", language, owner=user_mention(owner_id)))


def confirmation(
    reference: str, name: str, *, interactions: int, invitations: int, mentions: int, gatherings: int, language: str
) -> dict:
    """What will be erased and what will not, and the buttons. `reference`: the relation as shown
    (bot.domain.references), checked again when the button is pressed."""
    shown = escape(truncate(name, 100))
    ask = T("ask", language, name=shown)
    counts = dict(
        interactions=counted("logged_meetings", interactions, language),
        invitations=counted("invitations", invitations, language),
        mentions=counted("notes", mentions, language),
        gatherings=counted("events", gatherings, language),
    )
    will = T("will", language, **counts)
    will_not = T("will_not", language, name=shown)
    blocks = [
        SectionBlock(text=MarkdownTextObject(text=ask)),
        SectionBlock(text=MarkdownTextObject(text=will)),
        SectionBlock(text=MarkdownTextObject(text=will_not)),
        ActionsBlock(
            block_id="forget",
            elements=[
                ButtonElement(
                    text=T("button", language),
                    action_id=CONFIRM,
                    value=reference,
                    style="danger",
                    confirm=ConfirmObject(
                        title=T("confirm_title", language),
                        text=T("confirm_text", language),
                        confirm=T("button", language),
                        deny=T("cancel", language),
                        style="danger",
                    ),
                ),
                ButtonElement(text=T("cancel", language), action_id=CANCEL, value=reference),
            ],
        ),
    ]
    return {
        "response_type": "ephemeral",
        "text": ask.replace("*", ""),
        "blocks": [b.to_dict() for b in blocks],
    }


def forgotten(interactions: int, invitations: int, mentions: int, gatherings: int, language: str) -> dict:
    extra = ""
    where = [counted(noun, n, language) for noun, n in (("notes", mentions), ("events", gatherings)) if n]
    if where:
        extra = T("mentions", language, where=joined(where, language))
    done = T(
        "done",
        language,
        interactions=counted("logged_meetings", interactions, language),
        invitations=counted("invitations", invitations, language),
        mentions=extra,
    )
    return notice(done)
