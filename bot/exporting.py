"""The export as two CSV files Excel opens cleanly (UTF-8 with a byte-order mark)."""

from __future__ import annotations

import csv
from pathlib import Path

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
        return ", ".join(str(item) for item in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def write_csv(network: dict, prefix: str) -> list[Path]:
    """Write `<prefix>relations.csv` and `<prefix>interactions.csv`; a directory prefix writes inside it."""
    base = Path(prefix)
    if base.is_dir():
        base = base / "goodwill-"
    written = []
    for kind, columns in (("relations", RELATION_COLUMNS), ("interactions", INTERACTION_COLUMNS)):
        path = base.with_name(f"{base.name}{kind}.csv")
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(columns)
            for row in network[kind]:
                writer.writerow([_cell(row.get(column)) for column in columns])
        written.append(path)
    return written
