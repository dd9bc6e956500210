"""Leases: one clock process at a time does a job for a workspace (storage.models.JobLease)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from storage.models import JobLease


def take_lease(session: Session, job: str, team_id: str, holder: str, now: datetime, lasts: timedelta) -> bool:
    """Take the lease unless another holder has one that has not expired; True if `holder` has it now.

    One statement (INSERT … ON CONFLICT DO UPDATE … WHERE the old lease expired), so of two clocks asking at
    once exactly one gets it, on SQLite and PostgreSQL alike."""
    dialect = sqlite if session.get_bind().dialect.name == "sqlite" else postgresql
    table = JobLease.__table__
    values = {"job": job, "team_id": team_id, "holder": holder, "expires_at": now + lasts}
    statement = dialect.insert(table).values(**values)
    statement = statement.on_conflict_do_update(
        index_elements=[table.c.job, table.c.team_id],
        set_={"holder": statement.excluded.holder, "expires_at": statement.excluded.expires_at},
        where=table.c.expires_at <= now,
    ).returning(table.c.holder)
    return session.execute(statement).first() is not None


def release_lease(session: Session, job: str, team_id: str, holder: str) -> None:
    """Give the lease back (only the holder's own: an expired lease may have passed to someone else)."""
    session.execute(delete(JobLease).where(JobLease.job == job, JobLease.team_id == team_id, JobLease.holder == holder))
