from datetime import UTC, date, datetime, timedelta

from bot.domain.nudges import (
    DEFAULT_NUDGE_TIME,
    MAX_ATTEMPTS,
    DeliveryState,
    in_nudge_window,
    may_claim,
    nudge_list,
    nudge_time_of,
    outcome,
    snooze_until,
)
from bot.domain.quiet import QuietRelation
from bot.members import zone

AMSTERDAM, NEW_YORK = zone("Europe/Amsterdam"), zone("America/New_York")
THURSDAY = date(2026, 11, 26)


def test_the_nudge_window_is_a_working_day_from_the_nudge_time_in_the_members_own_zone():
    nine = DEFAULT_NUDGE_TIME
    assert not in_nudge_window(datetime(2026, 11, 26, 7, 59, tzinfo=UTC), AMSTERDAM, nine)  # 08:59 there
    assert in_nudge_window(datetime(2026, 11, 26, 8, 0, tzinfo=UTC), AMSTERDAM, nine)  # 09:00 there
    assert in_nudge_window(datetime(2026, 11, 26, 16, 0, tzinfo=UTC), AMSTERDAM, nine)  # caught up later
    assert not in_nudge_window(datetime(2026, 11, 26, 8, 0, tzinfo=UTC), NEW_YORK, nine)  # 03:00 in New York
    assert in_nudge_window(datetime(2026, 11, 26, 14, 0, tzinfo=UTC), NEW_YORK, nine)
    assert not in_nudge_window(datetime(2026, 11, 28, 10, 0, tzinfo=UTC), AMSTERDAM, nine)  # Saturday
    assert not in_nudge_window(datetime(2026, 11, 29, 10, 0, tzinfo=UTC), AMSTERDAM, nine)  # Sunday


def test_a_workspace_nudge_time_is_read_and_a_bad_one_falls_back_to_nine():
    assert nudge_time_of("08:30").hour == 8 and nudge_time_of("8.30").minute == 30
    assert nudge_time_of("25:00") == DEFAULT_NUDGE_TIME
    assert nudge_time_of(None) == DEFAULT_NUDGE_TIME


def test_who_may_claim_a_nudge():
    now = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
    assert may_claim(None, now)
    assert not may_claim(DeliveryState("sent", 1, now), now)
    assert not may_claim(DeliveryState("claimed", 1, now - timedelta(minutes=2)), now)  # someone is sending
    assert may_claim(DeliveryState("claimed", 1, now - timedelta(minutes=11)), now)  # the sender died
    assert may_claim(DeliveryState("failed", 2, now), now)
    assert not may_claim(DeliveryState("failed", MAX_ATTEMPTS, now), now)
    assert not may_claim(DeliveryState("empty", 1, now), now)
    assert may_claim(DeliveryState("empty", 1, now), now, reconsider_empty=True)


def _relation(rid, *, tier="regular", due_on=date(2026, 9, 1), owner="U0ANNA", **values):
    return QuietRelation(rid, f"R{rid}", None, owner, tier, 90, due_on, None, None, None, **values)


def test_a_nudge_shows_five_key_first_then_most_overdue_and_counts_the_rest():
    quiet = [_relation(i, due_on=date(2026, 9, i)) for i in range(1, 8)] + [
        _relation(8, tier="key", due_on=date(2026, 11, 20)),
        _relation(9, owner="U0BRAM"),
        _relation(10, snoozed_until=date(2026, 12, 1)),
    ]
    nudge = nudge_list("U0ANNA", THURSDAY, quiet)
    assert nudge.relation_ids == [8, 1, 2, 3, 4]
    assert nudge.more == 3 and nudge.total == 8


def test_what_became_of_a_listed_relation():
    assert outcome(_relation(1), recipient="U0ANNA", today=THURSDAY) is None
    assert outcome(_relation(1, archived=True), recipient="U0ANNA", today=THURSDAY).kind == "archived"
    assert outcome(_relation(1, owner="U0BRAM"), recipient="U0ANNA", today=THURSDAY).user_id == "U0BRAM"
    snoozed = outcome(_relation(1, snoozed_until=date(2026, 12, 10)), recipient="U0ANNA", today=THURSDAY)
    assert (snoozed.kind, snoozed.on) == ("snoozed", date(2026, 12, 10))
    assert outcome(_relation(1, due_on=date(2027, 2, 24)), recipient="U0ANNA", today=THURSDAY).kind == "logged"


def test_snoozes_for_a_week_two_weeks_a_calendar_month_or_wake_up():
    assert snooze_until(THURSDAY, "1w") == date(2026, 12, 3)
    assert snooze_until(THURSDAY, "2w") == date(2026, 12, 10)
    assert snooze_until(date(2026, 1, 31), "1m") == date(2026, 2, 28)
    assert snooze_until(date(2026, 12, 15), "1m") == date(2027, 1, 15)
    assert snooze_until(THURSDAY, "off") is None
