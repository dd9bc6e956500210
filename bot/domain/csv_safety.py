"""Spreadsheet cells that cannot be read as formulas (OWASP's CSV injection rule), and back again.

A cell a spreadsheet could take for a formula — one starting with = + - @, a tab or a carriage return — gets a
single quote in front, which spreadsheets show as "this is text". A cell that starts with the quote itself gets
one too, so that taking exactly one leading quote off (`restore`) gives back every text unchanged, including a
note that really starts with "'" or a "-5" that must stay "-5".
"""

from __future__ import annotations

QUOTE = "'"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """The cell as written to a CSV file."""
    return QUOTE + text if text.startswith((*FORMULA_STARTS, QUOTE)) else text


def restore(text: str) -> str:
    """A cell of a file `neutralise` wrote, as it was before."""
    return text[1:] if text.startswith(QUOTE) else text
