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
from bot.render.text import escape, truncate, user_mention

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
            "en": "Forget *{name}* for good? This erases the relation, {interactions} logged contact(s) and "
            "{invitations} invitation(s), and removes the name from other notes. It cannot be undone; "
            "the audit log records that it happened, not who it was.",
            "nl": "*{name}* definitief vergeten? Dit wist de relatie, {interactions} vastgelegd(e) "
            "contact(en) "
            "en {invitations} uitnodiging(en), en haalt de naam uit andere notities. Dit kan niet "
            "ongedaan worden gemaakt; het auditlog legt vast dát het gebeurde, niet wie het was.",
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
            "nl": "Alleen de eigenaar van de relatie ({owner}) of een beheerder van de werkruimte kan een "
            "relatie wissen.",
        },
        "done": {
            "en": "Forgotten: the relation, {interactions} contact(s) and {invitations} invitation(s) are "
            "erased"
            "{mentions}. The audit log holds only that this happened.",
            "nl": "Vergeten: de relatie, {interactions} contact(en) en {invitations} uitnodiging(en) zijn "
            "gewist"
            "{mentions}. Het auditlog bewaart alleen dat dit gebeurde.",
        },
        "mentions": {
            "en": ", and the name was removed from {n} other note(s)",
            "nl": ", en de naam is uit {n} andere notitie(s) gehaald",
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


def confirmation(reference: str, name: str, interactions: int, invitations: int, language: str) -> dict:
    """`reference`: the relation as shown (bot.domain.references), checked again when the button is pressed."""
    text = T("ask", language, name=escape(truncate(name, 100)), interactions=interactions, invitations=invitations)
    blocks = [
        SectionBlock(text=MarkdownTextObject(text=text)),
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
        "text": text.replace("*", ""),
        "blocks": [b.to_dict() for b in blocks],
    }


def forgotten(interactions: int, invitations: int, mentions: int, language: str) -> dict:
    extra = T("mentions", language, n=mentions) if mentions else ""
    return notice(T("done", language, interactions=interactions, invitations=invitations, mentions=extra))
