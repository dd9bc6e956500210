"""How long `goodwill import` takes for a large spreadsheet (default 50,000 rows), first time and again.

    python -m bench.import_bench [--rows 50000] [--backend sqlite|postgresql]

The CSV is written the way Excel in a Dutch locale writes it (`;`, BOM, Dutch headers, day-first dates);
the floor is reading and checking the same file without touching the database, measured in the same run.
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bench.dataset import FIRST, LAST, ORGS, THEMES
from bot.importing import ImportReport, import_file, read_rows
from storage.db import make_engine, make_session_factory, normalise_url
from storage.migrate import upgrade

TODAY = date(2026, 11, 26)


def write_csv(path: Path, rows: int, seed: int = 5) -> None:
    rng = random.Random(seed)
    lines = ["Naam;Organisatie;E-mail;Eigenaar;Niveau;Thema's;Laatste contact;Notities"]
    for i in range(rows):
        name = f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST)) % len(LAST)]} {i}"
        last = TODAY - timedelta(days=rng.randrange(900))
        lines.append(
            ";".join(
                [
                    name,
                    ORGS[rng.randrange(len(ORGS))] or "",
                    f"person{i}@example.org",
                    f"U{rng.randrange(200):07d}",
                    rng.choice(("sleutel", "regulier", "breed", "")),
                    ", ".join(rng.sample(THEMES, 2)),
                    last.strftime("%d-%m-%Y"),
                    "ontmoet op congres" if i % 3 == 0 else "",
                ]
            )
        )
    path.write_bytes(("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8"))


def database(backend: str, directory: Path) -> tuple[str, callable]:
    if backend == "sqlite":
        return f"sqlite:///{directory / 'import.db'}", lambda: None
    admin_url = normalise_url(
        os.environ.get("GOODWILL_BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
    )
    name = f"gw_import_{uuid.uuid4().hex[:8]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    return make_url(admin_url).set(database=name).render_as_string(hide_password=False), drop


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        path = directory / "netwerk.csv"
        write_csv(path, args.rows)
        url, drop = database(args.backend, directory)
        try:
            engine = make_engine(url)
            upgrade(engine)
            sessions = make_session_factory(engine)
            started = time.perf_counter()
            read_rows(path.read_bytes(), TODAY, ImportReport())
            floor = time.perf_counter() - started
            timings = []
            for _ in range(2):
                started = time.perf_counter()
                report = import_file(path, sessions, team_id="T0IMPORT", today=TODAY)
                timings.append((time.perf_counter() - started, report))
            engine.dispose()
        finally:
            drop()
    (first, r1), (again, r2) = timings
    print(f"{args.backend}: {args.rows:,} rows; floor (read and check the file): {floor:.2f} s")
    print(
        f"first import: {first:.2f} s ({first / floor:.1f}× floor) — created {r1.created:,}, "
        f"{r1.interactions:,} last-contact interactions, rejected {len(r1.rejected)}"
    )
    print(
        f"second import: {again:.2f} s ({again / floor:.1f}× floor) — created {r2.created}, "
        f"updated {r2.updated}, "
        f"unchanged {r2.unchanged:,}"
    )


if __name__ == "__main__":
    main()
