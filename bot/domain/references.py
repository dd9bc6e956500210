"""What a button refers to: a row's id with a stamp of what the member was shown, checked again on the click.

Ids are never given twice (migration 0006: AUTOINCREMENT on SQLite, sequences on PostgreSQL), so a stale button
finds its row gone rather than someone created since. The stamp adds what the member saw — a relation's name,
the relations a meeting was with — so that a button from before that migration, or a crafted one with another
id, is refused too: the click is no more powerful than the button that was shown.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable


def stamp(parts: Iterable[object]) -> str:
    """Eight hex digits that change when any of the parts does."""
    text = "\x1f".join(str(part) for part in parts)
    return hashlib.sha256(text.encode()).hexdigest()[:8]


def reference(row_id: int, parts: Iterable[object]) -> str:
    """A button value: "<id>.<stamp of the id and the parts>"."""
    return f"{row_id}.{stamp([row_id, *parts])}"


def referred_id(value: str | None) -> int | None:
    """The id a button value refers to (None when it is not one)."""
    head = (value or "").partition(".")[0]
    return int(head) if head.isdigit() else None


def still_refers(value: str | None, row_id: int, parts: Iterable[object]) -> bool:
    """Is the row as the button showed it? (A value without its stamp — an old button — is not.)"""
    return value is not None and value == reference(row_id, parts)
