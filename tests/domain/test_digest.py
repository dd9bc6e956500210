from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.domain.digest import Week, colleague_figures, is_lopsided, reported_week, scheduled_moment, trend


def test_iso_weeks_run_monday_to_sunday_and_cross_the_year():
    week = Week.parse("2026-W47")
    assert (week.start, week.end) == (date(2026, 11, 16), date(2026, 11, 22))
    assert Week.of(date(2027, 1, 1)) == Week(2026, 53)  # a Friday in the last ISO week of 2026
    assert Week(2026, 53).shift(1) == Week(2027, 1)
    assert Week.parse("2026w5").label == "2026-W05"


@pytest.mark.parametrize("text", ["2026-48", "W48", "2026-W54", "2025-W53", ""])
def test_a_week_that_does_not_exist_is_refused(text):
    with pytest.raises(ValueError):
        Week.parse(text)


def test_the_digest_reports_the_last_complete_week():
    assert reported_week(date(2026, 11, 23)) == Week(2026, 47)  # Monday
    assert reported_week(date(2026, 11, 29)) == Week(2026, 47)  # Sunday


def test_the_scheduled_moment_is_local_time_in_the_workspace_zone():
    moment = scheduled_moment(Week(2026, 48), 0, "09:00", ZoneInfo("Europe/Amsterdam"))
    assert moment.astimezone(UTC) == datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
    summer = scheduled_moment(Week(2026, 27), 4, "16:30", ZoneInfo("Europe/Amsterdam"))
    assert summer.astimezone(UTC) == datetime(2026, 7, 3, 14, 30, tzinfo=UTC)


def test_lopsided_needs_three_exchanges_and_a_three_to_one_balance():
    assert is_lopsided(gave=0, got=3) and is_lopsided(gave=3, got=1)
    assert not is_lopsided(gave=0, got=2)  # too few to judge
    assert not is_lopsided(gave=2, got=3) and not is_lopsided(gave=5, got=2)


def test_trends_and_connectors():
    assert [trend(3, 2), trend(1, 1.5), trend(2, 2)] == ["up", "down", "same"]
    colleagues, top = colleague_figures([("U2", 3), ("U1", 3), ("U3", 1)], top=2)
    assert colleagues == 3
    assert [(c.user_id, c.relations) for c in top] == [("U1", 3), ("U2", 3)]  # ties by id
