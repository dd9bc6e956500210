from datetime import date, timedelta

from bot.domain.warmth import horizon_days, warmth, warmth_bar, warmth_level

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


def test_beyond_the_horizon_a_contact_adds_less_than_half_a_point():
    cadence = 90
    assert warmth([(ago(horizon_days(cadence)), "meeting")], today=TODAY, cadence_days=cadence) == 0


def test_warmth_is_the_rounded_sum_of_each_contacts_contribution():
    """warmth() inlines contribution() for speed: the arithmetic must stay the same, at every kind and age."""
    from bot.domain.warmth import contribution

    kinds = ("meeting", "Call", "message", "event", None, "import", "")
    for cadence in (1, 7, 30, 90, 180):
        contacts = [(ago(days), kinds[days % len(kinds)]) for days in range(-3, 400, 7)]
        for n in range(len(contacts)):
            some = contacts[: n + 1]
            expected = sum(
                contribution(occurred_on=day, kind=kind, today=TODAY, cadence_days=cadence) for day, kind in some
            )
            assert warmth(some, today=TODAY, cadence_days=cadence) == min(100, round(expected))


def test_warmth_at_most_bounds_every_tie_with_as_many_contacts_none_later_at_a_cadence_up_to():
    """/whoknows works out exact warmth only for colleagues whose bound could still rank them among those shown."""
    from itertools import combinations

    from bot.domain.warmth import warmth_at_most

    kinds = ("meeting", "call", "message", "event", None, "Other")
    contacts = [(ago(days), kinds[days % len(kinds)]) for days in (-2, 0, 3, 40, 95, 300, 900)]
    for size in (1, 2, 3):
        for some in combinations(contacts, size):
            last_on = max(day for day, _ in some)
            for cadence in (30, 90, 180):
                exact = warmth(list(some), today=TODAY, cadence_days=cadence)
                for longest in (cadence, 180):
                    assert warmth_at_most(size, last_on=last_on, today=TODAY, cadence_days=longest) >= exact
    assert warmth_at_most(1, last_on=ago(90), today=TODAY, cadence_days=90) == 50
