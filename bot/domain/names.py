"""Names of relations: the normal form used to match what people type to what is stored."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from rapidfuzz import fuzz, process


def normalise_name(name: str) -> str:
    """Casefolded, whitespace collapsed, in NFC: 'Jan  de VRIES' and 'jan de vries' are one relation."""
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def closest_names(query: str, names: Iterable[str], limit: int = 5, *, cutoff: float = 60) -> list[str]:
    """The names most like `query` (typos, missing or extra words, other order), best first, without repeats.

    WRatio copes with partial names ("de vries" for "Jan de Vries") as well as typos ("Jan de Vris").
    """
    key = normalise_name(query)
    if not key:
        return []
    by_key: dict[str, str] = {}
    for name in names:
        by_key.setdefault(normalise_name(name), name)
    found = process.extract(key, list(by_key), scorer=fuzz.WRatio, limit=limit, score_cutoff=cutoff)
    return [by_key[match] for match, _score, _index in found]
