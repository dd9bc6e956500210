"""The one rule that turns text into search terms, for notes stored and words searched alike (bot.domain.search)."""

from __future__ import annotations

import pytest

from bot.domain.search import fold, index_terms, passage, search_query, word_terms


def finds(typed: str, stored: str) -> bool:
    """Whether searching `typed` finds a meeting whose notes are `stored` (the databases' rule: every word
    searched shares a term with the document)."""
    document = set(index_terms(stored))
    query = search_query(typed)
    return not query.empty and all(wanted & document for wanted in query.words)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("subsidies", "Gesproken over de subsidie voor buurthuizen"),
        ("subsidie", "Three subsidies were discussed"),
        ("aanvraag", "De subsidie is vorige week aangevraagd"),
        ("aanvraag", "Zij gaan de vergunning aanvragen"),
        ("aangevraagd", "Onze aanvraag ligt bij de provincie"),
        ("woningen", "Koffie over de woning aan de Laan"),
        ("woning", "Lunch over 40 sociale woningen"),
        ("housing", "Talked about the houses on the estate"),
        ("houses", "Social housing, again"),
        ("cafe", "Koffie in Café De Unie"),
        ("café", "Coffee at the cafe near the station"),
        ("CAFÉ", "koffie in het café"),
        ("Überweg", "uberweg"),
        ("gesprek", "twee gesprekken gehad"),
        ("subsidie woningen", "Subsidies for the woning project"),
        ("2027", "Begroting 2027 besproken"),
    ],
)
def test_words_find_their_other_forms_in_dutch_and_english(typed, stored):
    assert finds(typed, stored)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("subsidie", "Koffie over de woning"),
        ("subsidie woningen", "Alleen over subsidie gesproken"),  # every word must be there
        ("cafe", "caffeine"),
        ("huur", "huurtoeslag"),  # a compound is one word: not split
    ],
)
def test_words_do_not_find_what_is_not_there(typed, stored):
    assert not finds(typed, stored)


def test_aanvraag_and_aangevraagd_meet_under_the_dutch_snowball_stemmer():
    # Snowball's current Dutch stemmer takes the participle's "ge" out; the three share one stem.
    assert word_terms("aanvraag") & word_terms("aangevraagd") & word_terms("aanvragen")


def test_stop_words_of_either_language_are_not_searched_for():
    assert search_query("de het the of").empty
    assert index_terms("de het the of") == []
    assert [sorted(w) for w in search_query("de subsidie").words] == [["subsidi", "subsidie"]]


def test_folding_removes_case_and_diacritics_and_keeps_letters():
    assert fold("Café Ĳsselmeer Straße") == "cafe ijsselmeer strasse"
    assert index_terms("naïef café") == index_terms("NAIEF CAFE")


def test_odd_input_gives_no_terms_or_plain_ones():
    assert index_terms("", None, "   ", "!!! ??? —") == []
    assert index_terms("x" * 200) == []  # not a word anyone searches for
    assert index_terms("<!channel> *bold* `code`") == ["channel", "bold", "code"]
    assert search_query("'; DROP TABLE interactions; --").words  # just words: drop, tabl…, interact…


def test_a_long_question_keeps_its_first_words():
    assert len(search_query(" ".join(f"woord{i}" for i in range(20))).words) == 8


def test_the_passage_marks_the_words_found_and_starts_near_the_first():
    notes = "Eerst over het weer en het verkeer gepraat, lang en breed. " * 6 + "Daarna de subsidies voor het café."
    shown = passage(notes, search_query("subsidie cafe"))
    assert shown.cut_before and not shown.cut_after
    assert [piece for piece, bold in shown.pieces if bold] == ["subsidies", "café"]
    assert shown.text.endswith("Daarna de subsidies voor het café.")


def test_a_short_text_is_shown_whole_and_a_long_one_cut_between_words():
    assert passage("Subsidie besproken", search_query("subsidie")).text == "Subsidie besproken"
    long = passage("subsidie " + "woord " * 100, search_query("subsidie"))
    assert long.cut_after and not long.cut_before and len(long.text) <= 240 and long.text.endswith("woord")
