"""`goodwill import`: a messy real-world CSV twice with the same result, encodings and delimiters, and the
export round trip (export → import into a fresh workspace → the same network)."""

from __future__ import annotations

import csv
from datetime import date

import pytest
from sqlalchemy import select

from bot.cli import main
from bot.exporting import write_csv
from bot.importing import ImportReport, read_rows
from storage.export import export_network
from storage.models import Interaction, Relation
from tests.support.running import BOT_TOKEN
from tests.support.seed import build_known_network
from tests.support.slack_standin import TEAM_ID
from tests.support.stored import network_of

TODAY = date(2026, 11, 26)

# Excel in a Dutch locale: `;`, a byte-order mark, Dutch headers, blank lines; plus what people type.
MESSY = (
    "\ufeffNaam;Organisatie;E-mail;Eigenaar;Niveau;Thema's;Laatste contact;Notities;Telefoon\r\n"
    "Jan de Vries;Gemeente Den Haag;jan@denhaag.nl;U0ANNA;sleutel;#wonen, zorg;5-11-2026;Wethouder "
    "wonen;070-123\r\n"
    "\r\n"
    "Fatima El Amrani;Woonbond;;u0bram@example.org;;wonen;2026-10-01;;\r\n"
    "Piet Bakker;ABN AMRO;piet@abn.nl;U0ANNA;regulier;;32-13-2026;;\r\n"
    ";;;;;;;;\r\n"
    "  jan   DE VRIES ;Gemeente Den Haag;JAN@denhaag.nl;U0ANNA;sleutel;wonen;5-11-2026;;\r\n"
    'Karin Mulder;Rode Kruis;karin@rodekruis.nl;;breed;zorg;;"Ontmoet op congres; wil samenwerken";\r\n'
    "Onbekende Eigenaar;X;;nobody@example.org;;;;;\r\n"
    "Sanne Visser;Gemeente Utrecht;;U0BRAM;level 9;;;;\r\n"
).encode("utf-8")


@pytest.fixture
def cli_env(db, slack, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)  # no stray .env
    monkeypatch.setenv("DATABASE_URL", db.url)
    monkeypatch.setenv("SLACK_BOT_TOKEN", BOT_TOKEN)
    monkeypatch.setenv("SLACK_API_URL", slack.api_url)
    return tmp_path


def run(*argv: str) -> int:
    return main(["import", *argv])


def test_a_messy_dutch_csv_imports_good_rows_rejects_bad_ones_with_line_numbers(cli_env, db, capsys):
    path = cli_env / "netwerk.csv"
    path.write_bytes(MESSY)

    assert run(str(path), "--team", TEAM_ID, "--owner", "U0BRAM") == 1  # some rows were rejected
    out = capsys.readouterr().out
    assert "read 7 row(s) (utf-8-sig, delimiter ';')" in out
    assert "created 3, updated 0, unchanged 0, skipped 1 duplicate(s), rejected 3; 2 last-contact interaction(s)" in out
    assert "line 5: cannot read the date '32-13-2026'" in out
    assert "line 7: same person as line 2, skipped" in out
    assert "line 9: owner nobody@example.org is not a member of the Slack workspace" in out
    assert "line 10: unknown tier 'level 9'" in out
    assert "ignored columns: Telefoon" in out

    network = network_of(db, TEAM_ID)
    assert [r["name"] for r in network] == ["Fatima El Amrani", "Jan de Vries", "Karin Mulder"]
    fatima, jan, karin = network
    assert jan == {
        "name": "Jan de Vries",
        "organisation": "Gemeente Den Haag",
        "email": "jan@denhaag.nl",
        "owner": "U0ANNA",
        "tier": "key",
        "cadence_days": 30,
        "themes": ["wonen", "zorg"],
        "last_contact": "2026-11-05",
        "archived": False,
        "snoozed_until": None,
        "notes": "Wethouder wonen",
    }
    assert fatima["owner"] == "U0BRAM"  # resolved from her email through users.lookupByEmail
    assert fatima["last_contact"] == "2026-10-01"
    assert karin["owner"] == "U0BRAM" and karin["tier"] == "wider"  # --owner for rows without one
    assert karin["notes"] == "Ontmoet op congres; wil samenwerken" and karin["last_contact"] is None
    with db.sessions() as session:
        kinds = session.scalars(select(Interaction.kind)).all()
        jan_row = session.scalars(select(Relation).where(Relation.name == "Jan de Vries")).one()
    assert kinds == ["import", "import"]
    assert jan_row.due_on == date(2026, 12, 5)  # last contact + 30 days: quiet detection sees the import

    # Importing the same file again changes nothing.
    assert run(str(path), "--team", TEAM_ID, "--owner", "U0BRAM") == 1
    again = capsys.readouterr().out
    assert "created 0, updated 0, unchanged 3, skipped 1 duplicate(s), rejected 3; 0 last-contact" in again
    assert network_of(db, TEAM_ID) == network


def test_dry_run_reports_and_stores_nothing(cli_env, db, capsys):
    path = cli_env / "netwerk.csv"
    path.write_bytes(MESSY)
    run(str(path), "--team", TEAM_ID, "--owner", "U0BRAM", "--dry-run")
    out = capsys.readouterr().out
    assert "would create 3, would update 0" in out and "dry run: nothing was stored" in out
    with db.sessions() as session:
        assert session.scalars(select(Relation)).all() == []


def test_a_row_with_news_updates_only_what_it_says(cli_env, db, capsys):
    path = cli_env / "netwerk.csv"
    path.write_bytes(MESSY)
    run(str(path), "--team", TEAM_ID, "--owner", "U0BRAM")
    update = cli_env / "update.csv"
    update.write_text(
        "name,email,company,tags,last contact\nJan de Vries,jan@denhaag.nl,Gemeente Den Haag,klimaat,2026-11-20\n",
        encoding="utf-8",
    )
    assert run(str(update), "--team", TEAM_ID) == 0
    assert "created 0, updated 1, unchanged 0" in capsys.readouterr().out
    jan = next(r for r in network_of(db, TEAM_ID) if r["name"] == "Jan de Vries")
    assert jan["themes"] == ["klimaat", "wonen", "zorg"] and jan["last_contact"] == "2026-11-20"
    assert jan["owner"] == "U0ANNA" and jan["tier"] == "key" and jan["notes"] == "Wethouder wonen"


def test_a_file_without_a_name_column_is_one_line_on_the_terminal(cli_env, db, capsys):
    path = cli_env / "wrong.csv"
    path.write_text("foo,bar\n1,2\n", encoding="utf-8")
    assert run(str(path), "--team", TEAM_ID) == 2
    err = capsys.readouterr().err
    assert err.startswith("goodwill: ") and "no name column" in err and err.count("\n") == 1


@pytest.mark.parametrize(
    "encoding, delimiter",
    [("utf-16", "\t"), ("cp1252", ";"), ("utf-8", ","), ("latin-1", ",")],
)
def test_encodings_and_delimiters_that_spreadsheets_write(encoding, delimiter):
    text = delimiter.join(["Voornaam", "Tussenvoegsel", "Achternaam", "Bedrijf", "Last contact"]) + "\r\n"
    text += delimiter.join(["José", "van den", "Bergé", "Café Noël", "05/11/26"]) + "\r\n"
    report = ImportReport()
    [row] = read_rows(text.encode(encoding), TODAY, report)
    assert (row.name, row.organisation, row.last_contact) == (
        "José van den Bergé",
        "Café Noël",
        date(2026, 11, 5),
    )
    assert report.delimiter == delimiter


def test_export_then_import_into_a_fresh_workspace_gives_the_same_network(cli_env, db, slack, capsys):
    build_known_network(db.sessions, slack)
    with db.sessions() as session, session.begin():
        karin = session.get(
            Relation, session.scalars(select(Relation.id).where(Relation.organisation == "Rode Kruis")).one()
        )
        karin.email, karin.notes, karin.snoozed_until = (
            "karin@rodekruis.nl",
            'Zegt: ‘bel me’, ; and "quotes"',
            date(2027, 1, 5),
        )
    assert main(["export", "--format", "csv", "--team", TEAM_ID, "-o", str(cli_env / "gw-")]) == 0
    before = network_of(db, TEAM_ID)

    assert run(str(cli_env / "gw-relations.csv"), "--team", "T0FRESH") == 0
    assert "created 4, updated 0" in capsys.readouterr().out
    assert network_of(db, "T0FRESH") == before
    assert (cli_env / "gw-relations.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8


def test_the_export_csv_is_what_the_json_says(db, slack, tmp_path):
    build_known_network(db.sessions, slack)
    with db.sessions() as session:
        network = export_network(session, TEAM_ID)
    relations, interactions = write_csv(network, str(tmp_path / "x-"))

    with relations.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["name"] for r in rows] == [r["name"] for r in network["relations"]]
    assert rows[0]["themes"] == "wonen" and rows[0]["last_contact"] == "2026-11-05"
    with interactions.open(encoding="utf-8-sig", newline="") as handle:
        assert len(list(csv.DictReader(handle))) == len(network["interactions"]) == 4
