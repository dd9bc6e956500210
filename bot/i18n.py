"""User-facing text in English and Dutch. Each surface keeps its own Catalog next to its renderer.

Which language a member reads is decided in one place, `language_of`. Counted things use real plural
forms: a Catalog entry may hold {"one": …, "other": …} per language, chosen by the value `n`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

LANGUAGES = ("en", "nl")
DEFAULT_LANGUAGE = "en"
PLURAL_FORMS = ("one", "other")  # CLDR's categories for English and Dutch alike

Text = str | Mapping[str, str]  # a text, or its plural forms


def language_code(value: str | None) -> str | None:
    """'nl', 'NL', 'nl-NL' or 'nl_BE' → 'nl'; None for anything Goodwill does not speak."""
    if not value:
        return None
    language = value.strip().replace("_", "-").split("-")[0].lower()
    return language if language in LANGUAGES else None


def language_of(chosen: str | None, workspace_default: str | None = None) -> str:
    """The language Goodwill speaks to someone: the one they chose (`/goodwill language nl|en`), else the
    workspace's default (`/goodwill language workspace nl|en`), else English.

    Slack's own locale never decides it: Slack has no Dutch interface, so a Dutch colleague's Slack reports
    English (and reports a locale at all only when asked with include_locale=true)."""
    return language_code(chosen) or language_code(workspace_default) or DEFAULT_LANGUAGE


def plural_form(n: float) -> str:
    """English and Dutch: "one" for exactly 1 (not 1.0, not 0), "other" for everything else."""
    return "one" if isinstance(n, int) and n == 1 else "other"


class Catalog:
    """Messages by key, each with an English and a Dutch text (str.format placeholders).

    A text may be a mapping of plural forms ({"one": "{n} relation", "other": "{n} relations"}): the form is
    chosen by the value `n`. Every Catalog made is listed in Catalog.made, so a test can read them all.
    """

    made: ClassVar[list[Catalog]] = []

    def __init__(self, messages: Mapping[str, Mapping[str, Text]]) -> None:
        for key, texts in messages.items():
            missing = set(LANGUAGES) - set(texts)
            if missing:
                raise ValueError(f"message {key!r} lacks {sorted(missing)}")
            for language, text in texts.items():
                if not isinstance(text, str) and set(text) != set(PLURAL_FORMS):
                    raise ValueError(f"message {key!r} ({language}) needs exactly the forms {PLURAL_FORMS}")
        self._messages = messages
        Catalog.made.append(self)

    def __call__(self, key: str, language: str = "en", /, **values: object) -> str:
        texts = self._messages[key]
        text = texts.get(language, texts["en"])
        if not isinstance(text, str):
            if "n" not in values:
                raise KeyError(f"message {key!r} has plural forms: pass n")
            text = text[plural_form(values["n"])]  # type: ignore[arg-type]
        return text.format(**values)

    def __contains__(self, key: str) -> bool:
        return key in self._messages

    def texts(self) -> list[tuple[str, str, str]]:
        """(key, language, text) for every text and plural form, for the catalogue tests."""
        found = []
        for key, texts in self._messages.items():
            for language, text in texts.items():
                forms = [text] if isinstance(text, str) else list(text.values())
                found.extend((key, language, form) for form in forms)
        return found
