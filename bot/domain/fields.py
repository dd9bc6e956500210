"""What a typed name, organisation, theme or note may hold: the limits, and the cleaning every input surface
(the /met line, the recording form, the relation card, the import) applies before anything is stored.

Invisible format characters (Unicode category Cf: bidi overrides and isolates U+202A–U+202E and
U+2066–U+2069, zero-width spaces and joiners U+200B–U+200F, U+2060, the BOM U+FEFF, the soft hyphen …) let
"Jan de Vries" and "Jan de Vr\u200bies" look alike yet differ, or make a name render backwards. They are
removed, except where they only shape what is visible:

* U+200D ZERO WIDTH JOINER between two pictographs ("👩\u200d💻", "🏳️\u200d🌈"): it joins emoji into one
  glyph and cannot hide or reorder letters;
* U+200C ZERO WIDTH NON-JOINER between two letters of a joining script (Arabic, Indic): it is part of the
  correct spelling of Persian and Hindi words, and visibly changes their shape;
* tag characters (U+E0020–U+E007F) following U+1F3F4, which spell subdivision flags ("🏴 Scotland").

Control characters other than tab and newline (NUL among them, which PostgreSQL refuses) are removed too.
"""

from __future__ import annotations

import unicodedata

from bot.domain.names import normalise_name

# Sizes of the columns that hold them (storage/models.py uses these).
NAME_MAX = 200
ORGANISATION_MAX = 200
THEME_MAX = 80
# Themes on one meeting: each becomes rows to write, for every person met.
THEMES_MAX = 20

_ZWJ, _ZWNJ = "\u200d", "\u200c"
_BLACK_FLAG = "\U0001f3f4"
_EMOJI_MODIFIERS = {"\ufe0f", "\ufe0e"} | {chr(c) for c in range(0x1F3FB, 0x1F400)}  # variation, skin tone


def _is_pictograph(char: str) -> bool:
    return unicodedata.category(char) == "So"


def _joins_script(char: str) -> bool:
    # Arabic (and its supplements and presentation forms) and the Indic scripts, Devanagari to Sinhala.
    code = ord(char)
    letter = unicodedata.category(char)[0] in "LM"
    return letter and (0x0600 <= code <= 0x08FF or 0x0900 <= code <= 0x0DFF or 0xFB50 <= code <= 0xFEFC)


def _is_tag(char: str) -> bool:
    return 0xE0020 <= ord(char) <= 0xE007F


def _kept(char: str, kept: list[str], after: str) -> bool:
    """Whether the format character `char`, between what was kept so far and the next character, shapes
    something visible (see the module docstring)."""
    if _is_tag(char):
        return bool(kept) and (kept[-1] == _BLACK_FLAG or _is_tag(kept[-1]))
    # An emoji may carry a skin tone and a variation selector before the joiner: "👍🏽️‍…".
    before = next((c for c in reversed(kept[-3:]) if c not in _EMOJI_MODIFIERS), "")
    if char == _ZWJ:
        return bool(before and after) and _is_pictograph(before) and _is_pictograph(after)
    if char == _ZWNJ:
        return bool(before and after) and _joins_script(before) and _joins_script(after)
    return False


def strip_invisible(text: str, *, keep_lines: bool = True) -> str:
    """`text` without invisible format and control characters (see the module docstring).

    With keep_lines (notes), tabs and line breaks stay; without (names), they become spaces."""
    if text.isprintable():  # the common case (a line break is not "printable"), at C speed
        return text
    kept: list[str] = []
    for i, char in enumerate(text):
        category = unicodedata.category(char)
        if category == "Cf":
            if _kept(char, kept, text[i + 1 : i + 2]):
                kept.append(char)
        elif category == "Cc":
            if char in "\t\n\r":
                kept.append(char if keep_lines else " ")
        else:
            kept.append(char)
    return "".join(kept)


def clean_name(text: str) -> str:
    """A name, organisation or theme as typed: invisible characters removed, whitespace collapsed."""
    return " ".join(strip_invisible(text, keep_lines=False).split())


def name_too_long(name: str) -> bool:
    """Longer than the column. Casefolding may lengthen a name ("ß" → "ss"), and its matching key is stored
    casefolded in a column of the same size, so that length counts too."""
    return len(name) > NAME_MAX or len(normalise_name(name)) > NAME_MAX


def organisation_too_long(organisation: str | None) -> bool:
    return bool(organisation) and len(organisation) > ORGANISATION_MAX
