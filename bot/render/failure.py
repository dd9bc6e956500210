"""What a member sees when Goodwill itself failed on their request (handlers.errors)."""

from __future__ import annotations

from slack_sdk.models.blocks import MarkdownTextObject, PlainTextObject, SectionBlock
from slack_sdk.models.views import View

from bot.i18n import LANGUAGES, Catalog

T = Catalog(
    {
        "sorry": {
            "en": "Sorry, that did not work: something went wrong on Goodwill's side. Please try again in a moment.",
            "nl": "Sorry, dat is niet gelukt: er ging bij Goodwill iets mis. Probeer het zo nog eens.",
        },
        "close": {"en": "Close", "nl": "Sluiten"},
    }
)


def sorry_text() -> str:
    """In every language Goodwill speaks: whose language it is, is itself something that may have failed."""
    return "\n".join(T("sorry", language) for language in LANGUAGES)


def sorry_modal() -> dict:
    """Replaces a modal whose submission failed, so that the member does not think it was saved."""
    return View(
        type="modal",
        title=PlainTextObject(text="Goodwill"),
        close=PlainTextObject(text=" / ".join(T("close", language) for language in LANGUAGES)),
        blocks=[SectionBlock(text=MarkdownTextObject(text=sorry_text()))],
    ).to_dict()
