"""CSV cells a spreadsheet cannot run, and exactly the text back."""

import pytest

from bot.domain.csv_safety import neutralise, restore


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ('=HYPERLINK("http://example.org","klik")', '\'=HYPERLINK("http://example.org","klik")'),
        ("+31 6 1234 5678", "'+31 6 1234 5678"),
        ("-5", "'-5"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("'quoted'", "''quoted'"),
        ("''", "'''"),
        ("Jan de Vries", "Jan de Vries"),
        ("5-11-2026", "5-11-2026"),
        (" =not a formula start", " =not a formula start"),
        ("", ""),
    ],
)
def test_formula_starts_and_quotes_get_a_quote_and_come_back_unchanged(text, written):
    assert neutralise(text) == written
    assert restore(neutralise(text)) == text
