"""The export as two CSV files Excel opens cleanly (UTF-8 with a byte-order mark), safe to open (no cell is
read as a formula: bot.domain.csv_safety) and readable by their owner alone (mode 0600)."""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from bot.domain.csv_safety import neutralise

RELATION_COLUMNS = (
    "id",
    "name",
    "organisation",
    "email",
    "owner",
    "tier",
    "cadence_days",
    "themes",
    "last_contact",
    "snoozed_until",
    "archived",
    "notes",
)
INTERACTION_COLUMNS = (
    "id",
    "relation",
    "occurred_on",
    "logged_by",
    "colleagues",
    "themes",
    "notes",
    "kind",
    "gave",
    "got",
    "private",
)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return neutralise(", ".join(str(item) for item in value))
    if isinstance(value, bool):
        return "true" if value else "false"
    return neutralise(str(value))


def is_export_header(headers: list[str]) -> bool:
    """Whether a CSV's header row is that of our relations export (whose cells `_cell` neutralised)."""
    return tuple(header.strip().lstrip("\ufeff") for header in headers) == RELATION_COLUMNS


def write_private(path: Path, write: Callable[[TextIO], None], *, encoding: str = "utf-8") -> None:
    """Write a file only its owner can read (0600), whatever the umask and whatever was there before.

    The text goes to a new file made 0600 (mkstemp) next to `path`, which then takes its place: an earlier,
    wider-open file at `path` is replaced, never written into, and a failed export leaves no half file."""
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as handle:
            write(handle)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_csv(network: dict, prefix: str) -> list[Path]:
    """Write `<prefix>relations.csv` and `<prefix>interactions.csv`; a directory prefix writes inside it."""
    base = Path(prefix)
    if base.is_dir():
        base = base / "goodwill-"
    written = []
    for kind, columns in (("relations", RELATION_COLUMNS), ("interactions", INTERACTION_COLUMNS)):
        path = base.with_name(f"{base.name}{kind}.csv")

        def rows(handle: TextIO, kind: str = kind, columns: tuple[str, ...] = columns) -> None:
            writer = csv.writer(handle)
            writer.writerow(columns)
            for row in network[kind]:
                writer.writerow([_cell(row.get(column)) for column in columns])

        write_private(path, rows, encoding="utf-8-sig")
        written.append(path)
    return written
