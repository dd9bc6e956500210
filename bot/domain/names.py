"""Names of relations: the normal form used to match what people type to what is stored."""

from __future__ import annotations

import unicodedata


def normalise_name(name: str) -> str:
    """Casefolded, whitespace collapsed, in NFC: 'Jan  de VRIES' and 'jan de vries' are one relation."""
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())
