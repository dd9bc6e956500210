"""User-facing text in English and Dutch. Each surface keeps its own Catalog next to its renderer."""

from __future__ import annotations

from collections.abc import Mapping

LANGUAGES = ("en", "nl")


def language_of(locale: str | None, default: str = "en") -> str:
    """Slack locales look like 'nl-NL' or 'en-GB'; we speak English and Dutch."""
    if not locale:
        return default
    language = locale.replace("_", "-").split("-")[0].lower()
    return language if language in LANGUAGES else default


class Catalog:
    """Messages by key, each with an English and a Dutch text (str.format placeholders)."""

    def __init__(self, messages: Mapping[str, Mapping[str, str]]) -> None:
        for key, texts in messages.items():
            missing = set(LANGUAGES) - set(texts)
            if missing:
                raise ValueError(f"message {key!r} lacks {sorted(missing)}")
        self._messages = messages

    def __call__(self, key: str, language: str = "en", /, **values: object) -> str:
        texts = self._messages[key]
        return texts.get(language, texts["en"]).format(**values)

    def __contains__(self, key: str) -> bool:
        return key in self._messages
