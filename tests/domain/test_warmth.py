import random
from datetime import date, timedelta

from bot.domain.warmth import decayed, kept_warmth, rounded, warmth, warmth_bar, warmth_level, weight

TODAY = date(2026, 11, 26)


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def test_one_meeting_exactly_one_cadence_ago_is_fifty():
    assert warmth([(ago(90), "meeting")], today=TODAY, cadence_days=90) == 50
    assert warmth([(ago(30), None)], today=TODAY, cadence_days=30) == 50  # unknown kind counts as a meeting


def test_two_cadences_ago_is_a_quarter_and_today_is_full():
    assert warmth([(ago(180), "meeting")], today=TODAY, cadence_days=90) == 25
    assert warmth([(TODAY, "meeting")], today=TODAY, cadence_days=90) == 100


def test_calls_and_messages_weigh_less_than_meetings():
    assert warmth([(TODAY, "call")], today=TODAY, cadence_days=90) == 70
    assert warmth([(TODAY, "message")], today=TODAY, cadence_days=90) == 40
    assert warmth([(ago(90), "message")], today=TODAY, cadence_days=90) == 20


def test_contacts_add_up_and_are_capped_at_one_hundred():
    assert warmth([(ago(90), "meeting"), (ago(90), "call")], today=TODAY, cadence_days=90) == 85
    assert warmth([(TODAY, "meeting"), (ago(1), "meeting")], today=TODAY, cadence_days=90) == 100


def test_never_met_is_zero_and_a_future_date_counts_as_today():
    assert warmth([], today=TODAY, cadence_days=90) == 0
    assert warmth([(TODAY + timedelta(days=3), "meeting")], today=TODAY, cadence_days=90) == 100


def test_words_and_bar():
    assert [warmth_level(v) for v in (100, 60, 59, 25, 24, 0)] == [
        "warm",
        "warm",
        "cooling",
        "cooling",
        "cold",
        "cold",
    ]
    assert warmth_bar(50) == "▰▰▰▰▰▱▱▱▱▱"
    assert warmth_bar(0) == "▱" * 10 and warmth_bar(100) == "▰" * 10


def test_a_meeting_eight_cadences_ago_adds_less_than_half_a_point():
    assert warmth([(ago(8 * 90), "meeting")], today=TODAY, cadence_days=90) == 0


def test_a_warmth_kept_as_of_the_last_meeting_decays_to_the_same_warmth_on_any_later_day():
    """storage.warmth and storage.ties keep Σ contributions as of the last meeting; decayed to today it is warmth()
    of the contacts."""

    rng = random.Random(5)
    kinds = ("meeting", "call", "message", "event", None, "Other")
    for _ in range(300):
        cadence = rng.choice((1, 7, 30, 90, 180, 365))
        contacts = [(ago(rng.randrange(0, 900)), rng.choice(kinds)) for _ in range(rng.randrange(1, 8))]
        last = max(day for day, _ in contacts)
        at_last = sum(weight(kind) * 100 * 0.5 ** ((last - day).days / cadence) for day, kind in contacts)
        for today in (TODAY, TODAY + timedelta(days=rng.randrange(1, 400))):
            expected = warmth(contacts, today=today, cadence_days=cadence)
            assert kept_warmth(at_last, last_on=last, today=today, cadence_days=cadence) == expected
    assert decayed(100, 90, 90) == 50
    assert kept_warmth(50.0, last_on=ago(90), today=TODAY, cadence_days=90) == 25
    assert kept_warmth(50.0, last_on=TODAY + timedelta(days=3), today=TODAY, cadence_days=90) == 50  # not yet decayed
    assert kept_warmth(0.0, last_on=None, today=TODAY, cadence_days=90) == 0


def test_warmth_is_rounded_half_up():

    assert [rounded(x) for x in (12.5, 13.5, 12.4999, 0.5, 99.5, 250.0)] == [13, 14, 12, 1, 100, 100]
    assert warmth([(ago(270), "meeting")], today=TODAY, cadence_days=90) == 13  # 100 · 0.5³ = 12.5
