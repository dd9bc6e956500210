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
            "en": "Forget *{name}* for good? This erases the relation, {interactions} and {invitations}, and "
            "removes the name from other notes. It cannot be undone; the audit log records that it happened, "
            "not who it was.",
            "nl": "*{name}* definitief vergeten? Dit wist de relatie, {interactions} en {invitations}, en haalt "
            "de naam uit andere notities. Dit kan niet ongedaan worden gemaakt; het auditlog legt vast dát het "
            "gebeurde, niet wie het was.",
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
            "en": "Forgotten: the relation, {interactions} and {invitations} are erased{mentions}. The audit "
            "log holds only that this happened.",
            "nl": "Vergeten: de relatie, {interactions} en {invitations} zijn gewist{mentions}. Het auditlog "
            "bewaart alleen dat dit gebeurde.",
        },
        "mentions": {
            "en": ", and the name was removed from {notes}",
            "nl": ", en de naam is uit {notes} gehaald",
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


def confirmation(relation_id: int, name: str, interactions: int, invitations: int, language: str) -> dict:
    text = T(
        "ask",
        language,
        name=escape(truncate(name, 100)),
        interactions=counted("logged_meetings", interactions, language),
        invitations=counted("invitations", invitations, language),
    )
    blocks = [
        SectionBlock(text=MarkdownTextObject(text=text)),
        ActionsBlock(
            block_id="forget",
            elements=[
                ButtonElement(
                    text=T("button", language),
                    action_id=CONFIRM,
                    value=str(relation_id),
                    style="danger",
                    confirm=ConfirmObject(
                        title=T("confirm_title", language),
                        text=T("confirm_text", language),
                        confirm=T("button", language),
                        deny=T("cancel", language),
                        style="danger",
                    ),
                ),
                ButtonElement(text=T("cancel", language), action_id=CANCEL, value=str(relation_id)),
            ],
        ),
    ]
    return {
        "response_type": "ephemeral",
        "text": text.replace("*", ""),
        "blocks": [b.to_dict() for b in blocks],
    }


def forgotten(interactions: int, invitations: int, mentions: int, language: str) -> dict:
    extra = T("mentions", language, notes=counted("notes", mentions, language)) if mentions else ""
    done = T(
        "done",
        language,
        interactions=counted("logged_meetings", interactions, language),
        invitations=counted("invitations", invitations, language),
        mentions=extra,
    )
    return notice(done)
