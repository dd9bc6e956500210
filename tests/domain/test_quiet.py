from datetime import date

from bot.domain.quiet import QuietRelation, attention_order, is_quiet

TODAY = date(2026, 11, 26)


def test_a_relation_met_longer_ago_than_its_cadence_is_quiet():
    assert is_quiet(last_contact_on=date(2026, 10, 26), created_on=date(2025, 1, 1), cadence_days=30, today=TODAY)


def test_a_relation_met_exactly_one_cadence_ago_is_not_yet_quiet():
    assert not is_quiet(last_contact_on=date(2026, 10, 27), created_on=date(2025, 1, 1), cadence_days=30, today=TODAY)


def test_a_fresh_relation_never_met_gets_one_cadence_before_it_is_quiet():
    assert not is_quiet(last_contact_on=None, created_on=date(2026, 11, 20), cadence_days=30, today=TODAY)
    assert is_quiet(last_contact_on=None, created_on=date(2026, 9, 1), cadence_days=30, today=TODAY)


def test_snoozed_and_archived_relations_are_never_quiet():
    old = dict(last_contact_on=date(2025, 1, 1), created_on=date(2025, 1, 1), cadence_days=30, today=TODAY)
    assert not is_quiet(**old, snoozed_until=date(2026, 12, 1))
    assert is_quiet(**old, snoozed_until=TODAY)  # the snooze has run out
    assert not is_quiet(**old, archived=True)


def _quiet(relation_id, tier, due_on, name="X"):
    return QuietRelation(relation_id, name, None, "U1", tier, 30, due_on, None, None, None)


def test_key_relations_come_first_then_the_most_overdue():
    relations = [
        _quiet(1, "regular", date(2026, 1, 1)),
        _quiet(2, "key", date(2026, 11, 1)),
        _quiet(3, "key", date(2026, 6, 1)),
        _quiet(4, "wider", date(2025, 1, 1)),
    ]
    assert [r.relation_id for r in attention_order(relations, TODAY)] == [3, 2, 1, 4]
