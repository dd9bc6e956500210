"""How long ago, as the card, the nudge and the Home tab all say it (bot.domain.elapsed)."""

from datetime import date, timedelta

from bot.domain.elapsed import elapsed
from bot.render.text import ago

THURSDAY = date(2026, 11, 26)


def test_days_then_weeks_then_calendar_months_then_years():
    assert elapsed(THURSDAY, THURSDAY) == ("today", 0)
    assert elapsed(date(2026, 11, 25), THURSDAY) == ("yesterday", 1)
    assert elapsed(date(2026, 11, 20), THURSDAY) == ("days", 6)
    assert elapsed(date(2026, 11, 19), THURSDAY) == ("days", 7)
    assert elapsed(date(2026, 11, 13), THURSDAY) == ("days", 13)
    assert elapsed(date(2026, 11, 12), THURSDAY) == ("weeks", 2)
    assert elapsed(date(2026, 10, 20), THURSDAY) == ("weeks", 5)
    assert elapsed(date(2026, 9, 28), THURSDAY) == ("weeks", 8)  # 59 days
    assert elapsed(date(2026, 9, 27), THURSDAY) == ("months", 1)  # 60 days, but not yet two calendar months
    assert elapsed(date(2026, 7, 27), THURSDAY) == ("months", 3)
    assert elapsed(date(2026, 7, 26), THURSDAY) == ("months", 4)


def test_a_year_and_two_months_is_fourteen_months_not_one_year():
    assert elapsed(date(2025, 9, 20), THURSDAY) == ("months", 14)
    assert elapsed(date(2024, 11, 27), THURSDAY) == ("months", 23)
    assert elapsed(date(2024, 11, 26), THURSDAY) == ("years", 2)
    assert elapsed(date(2023, 11, 27), THURSDAY) == ("years", 2)


def test_a_day_still_to_come():
    assert elapsed(date(2026, 12, 1), THURSDAY) == ("future", 5)


def test_never_more_than_it_was_and_never_going_backwards():
    """Over four years of days, the amount shown never overstates the days passed and never shrinks as time
    goes on."""
    in_days = {"today": 0, "yesterday": 1, "days": 1, "weeks": 7, "months": 28, "years": 365}
    order = ["today", "yesterday", "days", "weeks", "months", "years"]
    previous = (0, 0)
    for days in range(0, 4 * 366):
        unit, n = elapsed(THURSDAY - timedelta(days=days), THURSDAY)
        assert n * in_days[unit] <= days
        rank = (order.index(unit), n)
        assert rank >= previous
        previous = rank


def test_said_in_english_and_dutch():
    assert ago(date(2025, 9, 20), THURSDAY, "en") == "14 months ago"
    assert ago(date(2025, 9, 20), THURSDAY, "nl") == "14 maanden geleden"
    assert ago(date(2026, 9, 27), THURSDAY, "en") == "a month ago"
    assert ago(date(2026, 11, 25), THURSDAY, "nl") == "gisteren"
    assert ago(date(2026, 12, 1), THURSDAY, "en") == "Tuesday 1 December 2026"
