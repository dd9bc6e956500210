"""Several processes starting at once on an empty database (web processes, clocks, a release step) each run the
migrations: one migrates, the others wait for it and find the schema current."""

from __future__ import annotations

import os
import subprocess
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from storage.db import make_engine, normalise_url
from storage.migrate import current_revision
from tests.support.processes import checkout_env, goodwill_command
from tests.support.running import POSTGRES_ENV

pytestmark = pytest.mark.e2e
PROCESSES = 4


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_database(request, tmp_path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'goodwill.db'}"
        return
    admin_url = os.environ.get(POSTGRES_ENV)
    if not admin_url:
        pytest.skip(f"{POSTGRES_ENV} is not set")
    name = f"goodwill_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(normalise_url(admin_url), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(normalise_url(admin_url)).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_processes_starting_together_migrate_the_database_once(empty_database, tmp_path):
    env = checkout_env(**{**os.environ, "DATABASE_URL": empty_database})
    runs = [
        subprocess.Popen(
            goodwill_command() + ["db", "upgrade"],
            env=env,
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for _ in range(PROCESSES)
    ]
    outputs = [run.communicate(timeout=180) for run in runs]

    assert [run.returncode for run in runs] == [0] * PROCESSES, [err.decode()[-2000:] for _, err in outputs]
    engine = make_engine(empty_database)
    try:
        head = current_revision(engine)
        assert head is not None
        assert all(out.decode().strip() == f"database is at revision {head}" for out, _ in outputs)
    finally:
        engine.dispose()
