"""bot.domain.fields: invisible characters and length limits, and the import applying them per row."""

from __future__ import annotations

from datetime import date

import pytest

from bot.domain.fields import NAME_MAX, clean_name, name_too_long, organisation_too_long, strip_invisible
from bot.domain.network import theme_words
from bot.importing import ImportReport, read_rows

SCOTLAND = "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("Jan de Vr\u200bies", "Jan de Vries"),  # zero-width space
        ("\u202eseirV ed naJ", "seirV ed naJ"),  # right-to-left override
        ("Jan \u2066de\u2069 Vries", "Jan de Vries"),  # isolates
        ("\ufeffJan\u200e\u200f\u00ad", "Jan"),  # byte-order mark, direction marks, soft hyphen
        ("Jan\x00 de\x07 Vries", "Jan de Vries"),  # controls (PostgreSQL refuses NUL)
        ("a\u200db", "ab"),  # a joiner between letters hides nothing visible: gone
        ("👩\u200d💻", "👩\u200d💻"),  # … between pictographs it makes one emoji: kept
        ("👍🏽\u200d🔥", "👍🏽\u200d🔥"),  # also after a skin tone
        ("🏳️\u200d🌈", "🏳️\u200d🌈"),  # and after a variation selector
        ("می\u200cخواهم", "می\u200cخواهم"),  # Persian spelling needs the non-joiner
        ("ab\u200ccd", "abcd"),  # Latin does not
        (SCOTLAND, SCOTLAND),  # tag characters after a black flag spell a subdivision flag
        ("x\U000e0067", "x"),  # tag characters elsewhere hide text
    ],
)  # fmt: skip
def test_invisible_characters(typed: str, kept: str) -> None:
    assert strip_invisible(typed) == kept


def test_notes_keep_their_lines_and_names_do_not() -> None:
    assert strip_invisible("eerste\u202e regel\n\ttweede\r\n") == "eerste regel\n\ttweede\r\n"
    assert clean_name("  Jan\n de\tVries\u200b ") == "Jan de Vries"


def test_limits_are_the_columns() -> None:
    assert not name_too_long("J" * NAME_MAX) and name_too_long("J" * (NAME_MAX + 1))
    assert name_too_long("ß" * (NAME_MAX // 2 + 1))  # its matching key is "ss…", twice as long
    assert not organisation_too_long(None) and organisation_too_long("O" * 201)


def test_card_themes_are_cleaned_the_same_way() -> None:
    assert theme_words("#wo\u200bnen, zo\u202erg") == ["wonen", "zorg"]


def test_the_import_cleans_each_cell_and_names_the_limit_of_a_row_it_rejects() -> None:
    rows = (
        "Naam;Organisatie;Thema's;Notities\n"
        "Jan\u200b de Vries;Gemeente\u202e Den Haag;wo\u2066nen;belde\u200f over huur\n"
        f"{'ß' * 101};Woonbond;;\n"
        f"Piet;{'O' * 201};;\n"
    )
    report = ImportReport()

    [jan] = read_rows(rows.encode("utf-8"), date(2026, 11, 26), report)

    assert (jan.name, jan.organisation, jan.themes, jan.notes) == (
        "Jan de Vries",
        "Gemeente Den Haag",
        ["wonen"],
        "belde over huur",
    )
    assert [(r.line, r.reason) for r in report.rejected] == [
        (3, "name longer than 200 characters"),
        (4, "organisation longer than 200 characters"),
    ]
