from bot.domain.names import Candidate, closest_names, name_tokens, normalise_name, resolve_name

JAN = Candidate(1, "Jan de Vries", "Gemeente Den Haag")
JAN_ABN = Candidate(2, "Jan de Vries", "ABN AMRO")
KARIN = Candidate(3, "Karin Mulder", None)
FATIMA = Candidate(4, "Fatima El Amrani", None)


def test_names_match_ignoring_case_and_spacing():
    assert normalise_name("  Jan  de VRIES ") == "jan de vries"
    assert resolve_name("jan de vries", None, [JAN, KARIN]).chosen == JAN


def test_a_small_typo_is_offered_for_confirmation_not_taken_silently():
    resolution = resolve_name("Jan de Vreis", None, [JAN, KARIN])
    assert resolution.status == "uncertain"
    assert resolution.options == (JAN,)


def test_a_name_nobody_has_is_new():
    assert resolve_name("Pieter Bakker", None, [JAN, KARIN, FATIMA]).status == "new"


def test_two_people_with_the_same_name_are_told_apart_by_organisation_or_asked():
    assert resolve_name("Jan de Vries", "abn amro", [JAN, JAN_ABN]).chosen == JAN_ABN
    asked = resolve_name("Jan de Vries", None, [JAN, JAN_ABN])
    assert asked.status == "uncertain" and set(asked.options) == {JAN, JAN_ABN}


def test_tokens_skip_surname_particles_and_accents():
    assert name_tokens("Fatima El Amrani") == ["fatima", "amrani"]
    assert name_tokens("José van den Berg") == ["jose", "berg"]


def test_closest_names_rank_the_best_first():
    assert closest_names("mulder", [JAN, KARIN, FATIMA])[0] == KARIN


def test_names_in_another_word_order_are_close_and_the_best_come_first():
    asked = resolve_name("de Vries Jan", None, [KARIN, JAN_ABN, JAN])
    assert asked.status == "uncertain" and asked.options == (JAN, JAN_ABN)  # equal scores: the older first
    assert resolve_name("Karin Mulders", None, [JAN, KARIN, FATIMA]).options == (KARIN,)
