"""Several organisations on one Goodwill: their workspaces, members and relations."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from storage.history import add_interaction, create_relation
from storage.models import Base
from storage.workspaces import ensure_workspace
from tests.support.install import install

LONG_AGO = date(2025, 1, 6)


@dataclass(frozen=True)
class Organisation:
    team_id: str
    name: str
    members: tuple[str, ...]


ALFA = Organisation("T0ALFA", "Gemeente Alfa", ("U0ALFA1", "U0ALFA2"))
BETA = Organisation("T0BETA", "Stichting Beta", ("U0BETA1", "U0BETA2", "U0BETA3"))


def join_slack(slack, organisation: Organisation) -> None:
    """The organisation's workspace and members, as Slack knows them."""
    slack.add_workspace(organisation.team_id, organisation.name)
    for i, user_id in enumerate(organisation.members):
        slack.add_user(user_id, f"Member {user_id}", team_id=organisation.team_id, locale="nl-NL" if i else "en-GB")


def install_organisation(app_url: str, slack, organisation: Organisation, *, complete_on: str | None = None) -> None:
    join_slack(slack, organisation)
    install(app_url, slack, organisation.team_id, installer=organisation.members[0], complete_on=complete_on)


def quiet_relations_for_everyone(sessions, organisation: Organisation, per_member: int = 1) -> None:
    """Each member owns relations last met long ago: each is due a nudge."""
    with sessions() as session, session.begin():
        ensure_workspace(session, organisation.team_id)
        for user_id in organisation.members:
            for n in range(per_member):
                relation = create_relation(
                    session,
                    team_id=organisation.team_id,
                    name=f"Relatie {n} van {user_id}",
                    owner_id=user_id,
                    created_on=LONG_AGO,
                )
                add_interaction(
                    session,
                    team_id=organisation.team_id,
                    relation_id=relation.id,
                    occurred_on=LONG_AGO,
                    logged_by=user_id,
                    notes="koffie",
                )


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
