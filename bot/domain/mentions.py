"""Where a person's name occurs in a text: whole words, in any capitalisation, with or without accents.

Used when a person is forgotten, so their name leaves other notes and nothing else does: forgetting "Jan"
touches "Jan", "JAN" and "Ján" but not "januari", "Jansen" or "Jan-Willem"; forgetting "Élodie Dubois" also
finds "elodie  DUBOIS" (full Unicode case folding, so "STRAUSS" is "Strauß").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# A hyphen between letters joins a word ("Jan-Willem", "Smit-de Boer"): a name inside it is another name.
_HYPHENS = "\\-\u2010"
_BEFORE = rf"(?<!\w)(?<!\w[{_HYPHENS}])"
_AFTER = rf"(?!\w|[{_HYPHENS}]\w)"
# Marks that fold away: accents (nonspacing marks) and invisible format characters (zero-width, bidi).
_DROPPED = frozenset({"Mn", "Cf"})


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    """One character as it is compared: compatibility-decomposed, case-folded, without accents."""
    folded = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", ch).casefold())
    return "".join(c for c in folded if unicodedata.category(c) not in _DROPPED)


def fold(text: str) -> tuple[str, list[int]]:
    """The text as it is compared, and for each of its characters the index of the character it came from."""
    if text.isascii():
        return text.lower(), list(range(len(text)))
    parts: list[str] = []
    origin: list[int] = []
    for index, ch in enumerate(text):
        folded = _fold_char(ch)
        parts.append(folded)
        origin.extend([index] * len(folded))
    return "".join(parts), origin


def name_words(name: str) -> list[str]:
    """The words of a name as they are compared ('Élodie  Dubois' → ['elodie', 'dubois'])."""
    return fold(name)[0].split()


def ascii_words(name: str) -> list[str] | None:
    """The lower-case words an ASCII-only text must contain for the name to occur in it, or None when the
    name cannot occur in an ASCII-only text at all. Lets storage skip most rows cheaply in SQL: an ASCII text
    folds to its lower case, so it can hold the name only if it holds each word."""
    words = name_words(name)
    return words if all(word.isascii() for word in words) else None


@lru_cache(maxsize=256)
def _pattern(name: str) -> re.Pattern[str] | None:
    words = name_words(name)
    if not words:
        return None
    return re.compile(_BEFORE + r"\s+".join(re.escape(word) for word in words) + _AFTER)


def mentions(name: str, text: str | None) -> list[tuple[int, int]]:
    """The (start, end) spans of `text` where `name` occurs as whole words, in order."""
    pattern = _pattern(name)
    if pattern is None or not text:
        return []
    folded, origin = fold(text)
    spans = []
    for match in pattern.finditer(folded):
        start, end = origin[match.start()], origin[match.end() - 1] + 1
        # Marks that folded away after the last letter (a combining accent, a zero-width joiner) go with it.
        while end < len(text) and not _fold_char(text[end]):
            end += 1
        spans.append((start, end))
    return spans


def erase_mentions(name: str, text: str | None, replacement: str) -> str | None:
    """`text` with every whole-word occurrence of `name` replaced; None when the name does not occur."""
    spans = mentions(name, text)
    if not spans:
        return None
    assert text is not None
    pieces, last = [], 0
    for start, end in spans:
        pieces += [text[last:start], replacement]
        last = end
    pieces.append(text[last:])
    return "".join(pieces)
