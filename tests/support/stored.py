"""What Goodwill holds in its database, read back for checks a member cannot see: that nothing of a forgotten
person or an uninstalled workspace is left, that each nudge was sent once, that an export reads back the same."""

from __future__ import annotations

import json

from sqlalchemy import String, Text, func, select

from storage.export import export_network
from storage.models import Base, NudgeDelivery


def rows_of(db, team_id: str) -> dict[str, int]:
    """Rows held for the workspace in every table that has a team_id (the installation store's included)."""
    counts = {}
    with db.engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            if "team_id" in table.c:
                count = connection.execute(select(func.count()).where(table.c.team_id == team_id)).scalar()
                if count:
                    counts[table.name] = count
    return counts


def every_text(db) -> str:
    """Every text column of every table, as one string (for 'no trace' checks)."""
    found = []
    with db.sessions() as session:
        for table in Base.metadata.sorted_tables:
            columns = [
                c for c in table.columns if isinstance(c.type, String | Text) or c.type.__class__.__name__ == "JSON"
            ]
            for row in session.execute(select(*columns)) if columns else ():
                found.extend(json.dumps(v, ensure_ascii=False) if not isinstance(v, str) else v for v in row if v)
    return "\n".join(found).casefold()


def deliveries(sessions) -> list[NudgeDelivery]:
    """The nudges Goodwill recorded as sent (one per member and day)."""
    with sessions() as session:
        return list(session.scalars(select(NudgeDelivery).order_by(NudgeDelivery.user_id, NudgeDelivery.day)))


def network_of(db, team_id: str) -> list[dict]:
    """The network as a user would compare it: per relation, what, whose, its themes and last contact."""
    with db.sessions() as session:
        relations = export_network(session, team_id)["relations"]
    keys = (
        "name",
        "organisation",
        "email",
        "owner",
        "tier",
        "cadence_days",
        "themes",
        "last_contact",
        "archived",
        "snoozed_until",
        "notes",
    )
    return sorted(({k: r[k] for k in keys} for r in relations), key=lambda r: (r["name"], r["organisation"] or ""))
