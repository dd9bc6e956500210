"""DateReader: Dutch and English date phrases, relative to a fixed today."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bot.domain.dates import DateReader, looks_like_date_attempt

TODAY = date(2026, 11, 26)  # a Thursday


@pytest.fixture(scope="module")
def reader() -> DateReader:
    # Building the reader loads dateparser's locales (~0.3 s): once per module.
    return DateReader()


DUTCH = [
    ("vandaag", date(2026, 11, 26)),
    ("gisteren", date(2026, 11, 25)),
    ("gister", date(2026, 11, 25)),
    ("eergisteren", date(2026, 11, 24)),
    ("vanochtend", date(2026, 11, 26)),
    ("vanmorgen", date(2026, 11, 26)),
    ("vanmiddag", date(2026, 11, 26)),
    ("vanavond", date(2026, 11, 26)),
    ("gisteravond", date(2026, 11, 25)),
    ("gistermiddag", date(2026, 11, 25)),
    ("gisterochtend", date(2026, 11, 25)),
    ("gistermorgen", date(2026, 11, 25)),
    ("gisteren 's avonds", date(2026, 11, 25)),
    ("gisteren om 14:00", date(2026, 11, 25)),
    ("vorige week dinsdag", date(2026, 11, 17)),  # Tuesday of the previous ISO week
    ("dinsdag vorige week", date(2026, 11, 17)),
    ("afgelopen dinsdag", date(2026, 11, 24)),
    ("vorige dinsdag", date(2026, 11, 24)),
    ("dinsdag", date(2026, 11, 24)),
    ("op dinsdag", date(2026, 11, 24)),
    ("dinsdagavond", date(2026, 11, 24)),
    ("donderdag", date(2026, 11, 26)),  # today is a Thursday
    ("afgelopen donderdag", date(2026, 11, 19)),  # strictly before today
    ("maandag jl.", date(2026, 11, 23)),
    ("maandag j.l.", date(2026, 11, 23)),
    ("deze week maandag", date(2026, 11, 23)),
    ("5 dagen geleden", date(2026, 11, 21)),
    ("vijf dagen geleden", date(2026, 11, 21)),
    ("1 dag geleden", date(2026, 11, 25)),
    ("twee weken geleden", date(2026, 11, 12)),
    ("een week geleden", date(2026, 11, 19)),
    ("één week geleden", date(2026, 11, 19)),
    ("drie weken geleden", date(2026, 11, 5)),
    ("twaalf dagen geleden", date(2026, 11, 14)),
    ("twee weken terug", date(2026, 11, 12)),
    ("een maand geleden", date(2026, 10, 26)),
    ("een jaar geleden", date(2025, 11, 26)),
    ("een uur geleden", date(2026, 11, 26)),
    ("12 maart", date(2026, 3, 12)),
    ("12 mrt", date(2026, 3, 12)),
    ("de 12e maart", date(2026, 3, 12)),
    ("12-03", date(2026, 3, 12)),
    ("12/3", date(2026, 3, 12)),
    ("12.03.2026", date(2026, 3, 12)),
    ("12-03-2026", date(2026, 3, 12)),
    ("12-03-25", date(2025, 3, 12)),
    ("2026-11-20", date(2026, 11, 20)),
    ("vorige week", date(2026, 11, 19)),
    ("afgelopen week", date(2026, 11, 19)),
    ("eind vorige week", date(2026, 11, 20)),
    ("begin vorige week", date(2026, 11, 16)),
    ("zaterdag 21 november", date(2026, 11, 21)),
    ("za 21 nov", date(2026, 11, 21)),
    ("21 nov", date(2026, 11, 21)),
    ("27 november", date(2025, 11, 27)),  # tomorrow's day-month: last year's
    ("donderdag 12 maart 2026", date(2026, 3, 12)),
    ("op 12 maart", date(2026, 3, 12)),
    # Explicit future dates are returned as such; the caller refuses them.
    ("morgen", date(2026, 11, 27)),
    ("overmorgen", date(2026, 11, 28)),
    ("volgende week", date(2026, 12, 3)),
    ("volgende dinsdag", date(2026, 12, 1)),
    ("volgende week dinsdag", date(2026, 12, 1)),
    ("dinsdag a.s.", date(2026, 12, 1)),
    ("over drie dagen", date(2026, 11, 29)),
]

ENGLISH = [
    ("today", date(2026, 11, 26)),
    ("yesterday", date(2026, 11, 25)),
    ("this morning", date(2026, 11, 26)),
    ("this afternoon", date(2026, 11, 26)),
    ("this evening", date(2026, 11, 26)),
    ("tonight", date(2026, 11, 26)),
    ("last night", date(2026, 11, 25)),
    ("yesterday afternoon", date(2026, 11, 25)),
    ("yesterday at 10:30", date(2026, 11, 25)),
    ("the day before yesterday", date(2026, 11, 24)),
    ("last Tuesday", date(2026, 11, 24)),
    ("last thursday", date(2026, 11, 19)),  # strictly before today
    ("tuesday", date(2026, 11, 24)),
    ("Tuesday evening", date(2026, 11, 24)),
    ("on tuesday", date(2026, 11, 24)),
    ("thursday", date(2026, 11, 26)),
    ("last week tuesday", date(2026, 11, 17)),
    ("tuesday last week", date(2026, 11, 17)),
    ("5 days ago", date(2026, 11, 21)),
    ("five days ago", date(2026, 11, 21)),
    ("one day ago", date(2026, 11, 25)),
    ("two weeks ago", date(2026, 11, 12)),
    ("a week ago", date(2026, 11, 19)),
    ("3 weeks ago", date(2026, 11, 5)),
    ("a month ago", date(2026, 10, 26)),
    ("a year ago", date(2025, 11, 26)),
    ("an hour ago", date(2026, 11, 26)),
    ("March 12", date(2026, 3, 12)),
    ("12 March", date(2026, 3, 12)),
    ("12 mar", date(2026, 3, 12)),
    ("Nov 21st", date(2026, 11, 21)),
    ("Nov. 21", date(2026, 11, 21)),
    ("21st of November", date(2026, 11, 21)),
    ("the 21st of November", date(2026, 11, 21)),
    ("November 21, 2025", date(2025, 11, 21)),
    ("Sat, 21 Nov 2026", date(2026, 11, 21)),
    ("last week", date(2026, 11, 19)),
    ("end of last week", date(2026, 11, 20)),
    ("3/12", date(2025, 12, 3)),  # day first: 3 December, the most recent one
    ("2026-11-20", date(2026, 11, 20)),
    ("1 week and 2 days ago", date(2026, 11, 17)),  # read by dateparser
    ("  On Tuesday  ", date(2026, 11, 24)),
    ("TODAY", date(2026, 11, 26)),
    ("tomorrow", date(2026, 11, 27)),
    ("next week", date(2026, 12, 3)),
    ("next tuesday", date(2026, 12, 1)),
    ("in 3 days", date(2026, 11, 29)),
    ("2027-01-05", date(2027, 1, 5)),
    ("3000-01-01", date(3000, 1, 1)),
]


@pytest.mark.parametrize(("phrase", "expected"), DUTCH)
def test_dutch(reader: DateReader, phrase: str, expected: date) -> None:
    assert reader.read(phrase, today=TODAY) == expected


@pytest.mark.parametrize(("phrase", "expected"), ENGLISH)
def test_english(reader: DateReader, phrase: str, expected: date) -> None:
    assert reader.read(phrase, today=TODAY) == expected


@pytest.mark.parametrize(
    ("phrase", "today", "expected"),
    [
        ("dinsdag", date(2026, 11, 24), date(2026, 11, 24)),  # on a Tuesday: today
        ("tuesday", date(2026, 11, 24), date(2026, 11, 24)),
        ("vorige dinsdag", date(2026, 11, 24), date(2026, 11, 17)),
        ("last tuesday", date(2026, 11, 24), date(2026, 11, 17)),
        ("vorige week dinsdag", date(2026, 11, 24), date(2026, 11, 17)),
        ("vorige week zondag", date(2026, 11, 30), date(2026, 11, 29)),  # Monday: yesterday
        ("12 december", date(2026, 1, 5), date(2025, 12, 12)),  # across the year boundary
        ("12 december", date(2026, 12, 12), date(2026, 12, 12)),
        ("31-12", date(2026, 1, 5), date(2025, 12, 31)),
        ("gisteren", date(2026, 1, 1), date(2025, 12, 31)),
        ("vorige week dinsdag", date(2026, 1, 2), date(2025, 12, 23)),
        ("29 februari", date(2026, 11, 26), date(2024, 2, 29)),  # the most recent leap day
        ("een maand geleden", date(2026, 3, 31), date(2026, 2, 28)),  # clamped to month end
    ],
)
def test_other_todays(reader: DateReader, phrase: str, today: date, expected: date) -> None:
    assert reader.read(phrase, today=today) == expected


@pytest.mark.parametrize(
    "phrase",
    [
        "",
        "   ",
        "Jan de Vries",
        "Jan",
        "May",
        "Maart",
        "mei",
        "koffie",
        "Mulder",
        "Jan May",
        "Mei 3 mei",
        "sun",
        "Li Sun",
        "ma",
        "12",
        "2026",
        "35 maart",
        "31 april",
        "12/13/2026",
        "2026-02-30",
        "vorige blauwe maandag",
        "a few days ago",
        "een paar dagen geleden",
        "vorige maand",  # a month, not a day
        "woensdag 12 maart 2026",  # 12 March 2026 is a Thursday: never guess
        "gisteren koffie",
        "koffie gisteren",
        "the",
        "de",
        "10:30",
        "om 10 uur",
        "at noon",
    ],
)
def test_not_a_date(reader: DateReader, phrase: str) -> None:
    assert reader.read(phrase, today=TODAY) is None


def test_reader_handles_many_todays(reader: DateReader) -> None:
    # One parser per today is kept; the dateparser fallback must honour each today.
    for day in range(1, 11):
        today = date(2026, 1, day)
        assert reader.read("1 week and 2 days ago", today=today) == today - timedelta(days=9)


def test_english_only_reader() -> None:
    english = DateReader(languages=("en",), warm_up=False)
    assert english.read("yesterday", today=TODAY) == date(2026, 11, 25)
    assert english.read("21st of November", today=TODAY) == date(2026, 11, 21)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("35", True),
        ("12/13/2026", True),
        ("vorige", True),
        ("geleden", True),
        ("Maandag", True),
        ("dinsdagavond", True),
        ("May", False),
        ("Maart", False),
        ("Vries", False),
        ("de", False),
    ],
)
def test_looks_like_date_attempt(word: str, expected: bool) -> None:
    assert looks_like_date_attempt(word) is expected
