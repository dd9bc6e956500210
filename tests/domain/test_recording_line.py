"""parse_met_line: one `/met` line into people, date, colleagues, themes, tier and notes."""

from __future__ import annotations

import contextlib
from datetime import date

import pytest

from bot.domain.dates import PHRASE_MAX_CHARS, PHRASE_MAX_WORDS, SLOW_READS_PER_LINE, DateReader
from bot.domain.fields import NAME_MAX, ORGANISATION_MAX, THEMES_MAX
from bot.domain.recording_line import (
    COLLEAGUES_MAX,
    PEOPLE_MAX,
    MetLine,
    MetLineError,
    PersonRef,
    is_help_request,
    normalise_name,
    parse_met_line,
)

TODAY = date(2026, 11, 26)  # a Thursday
YESTERDAY = date(2026, 11, 25)


@pytest.fixture(scope="module")
def reader() -> DateReader:
    return DateReader()


@pytest.fixture
def parse(reader: DateReader):
    def _parse(text: str, **kwargs) -> MetLine:
        return parse_met_line(text, today=TODAY, reader=reader, **kwargs)

    return _parse


def _error(parse, text: str, **kwargs) -> MetLineError:
    with pytest.raises(MetLineError) as caught:
        parse(text, **kwargs)
    return caught.value


def test_person_organisation_date_notes_theme(parse) -> None:
    line = parse("Jan de Vries (Gemeente Den Haag) yesterday: coffee about refugee housing #housing")
    assert line == MetLine(
        people=(PersonRef("Jan de Vries", "Gemeente Den Haag"),),
        occurred_on=YESTERDAY,
        date_phrase="yesterday",
        colleagues=(),
        themes=("housing",),
        tier=None,
        notes="coffee about refugee housing",
    )


def test_dutch_with_em_dash(parse) -> None:
    line = parse("Fatima El Amrani gisteren — lunch, vroeg naar haar nieuwe rol #onderwijs")
    assert line.people == (PersonRef("Fatima El Amrani", None),)
    assert line.occurred_on == YESTERDAY
    assert line.date_phrase == "gisteren"
    assert line.notes == "lunch, vroeg naar haar nieuwe rol"
    assert line.themes == ("onderwijs",)


@pytest.mark.parametrize("separator", [":", " —", " –", " -", " --"])
def test_separators(parse, separator: str) -> None:
    line = parse(f"Jan de Vries gisteren{separator} belde over de subsidie")
    assert line.people == (PersonRef("Jan de Vries", None),)
    assert line.occurred_on == YESTERDAY
    assert line.notes == "belde over de subsidie"


def test_only_the_first_separator_counts(parse) -> None:
    line = parse("Jan de Vries gisteren: om 10:30 gebeld - zie https://example.org/a:b — ok")
    assert line.notes == "om 10:30 gebeld - zie https://example.org/a:b — ok"


def test_hyphenated_names_and_dates_are_not_separators(parse) -> None:
    line = parse("Jean-Pierre Dubois-Martin 12-03")
    assert line.people == (PersonRef("Jean-Pierre Dubois-Martin", None),)
    assert line.occurred_on == date(2026, 3, 12)
    assert line.notes == ""


def test_colon_inside_organisation_is_not_a_separator(parse) -> None:
    line = parse("Jan de Vries (Gemeente: Den Haag) gisteren: koffie")
    assert line.people == (PersonRef("Jan de Vries", "Gemeente: Den Haag"),)
    assert line.notes == "koffie"


@pytest.mark.parametrize(
    ("text", "expected_date"),
    [
        ("<@U123> and I met Karin Mulder last Tuesday", date(2026, 11, 24)),
        ("<@U123> en ik spraken Karin Mulder", TODAY),
        ("<@U123> en ik spraken met Karin Mulder gisteren", YESTERDAY),
        ("Karin Mulder with <@U123> yesterday", YESTERDAY),
        ("Karin Mulder samen met <@U123>", TODAY),
        ("Karin Mulder met <@U123|anna>: koffie", TODAY),
        ("met <@U123|anna> Karin Mulder gisteren: koffie", YESTERDAY),
        ("<@U123> met Karin Mulder", TODAY),
    ],
)
def test_colleagues_are_mentions_not_people(parse, text: str, expected_date: date) -> None:
    line = parse(text)
    assert line.colleagues == ("U123",)
    assert line.people == (PersonRef("Karin Mulder", None),)
    assert line.occurred_on == expected_date


def test_several_colleagues_in_order_without_duplicates(parse) -> None:
    line = parse("<@U2>, <@U1|bo> and I met Karin Mulder with <@U2> and <@W3> yesterday")
    assert line.colleagues == ("U2", "U1", "W3")
    assert line.people == (PersonRef("Karin Mulder", None),)
    assert line.occurred_on == YESTERDAY


def test_mentions_in_notes_are_not_colleagues(parse) -> None:
    line = parse("Karin Mulder: <@U9> volgt op")
    assert line.colleagues == ()
    assert line.notes == "<@U9> volgt op"


def test_i_met(parse) -> None:
    line = parse("I met Karin Mulder on Tuesday")
    assert line.people == (PersonRef("Karin Mulder", None),)
    assert line.occurred_on == date(2026, 11, 24)
    assert line.date_phrase == "on Tuesday"


@pytest.mark.parametrize(
    ("text", "expected_date", "phrase"),
    [
        ("Pieter Bakker 12 maart: belde over subsidie", date(2026, 3, 12), "12 maart"),
        ("Sanne Visser 2026-11-20", date(2026, 11, 20), "2026-11-20"),
        ("Ruud Smit 5 dagen geleden #lobby", date(2026, 11, 21), "5 dagen geleden"),
        ("Ruud Smit vorige week dinsdag", date(2026, 11, 17), "vorige week dinsdag"),
        ("Ruud Smit twee weken geleden", date(2026, 11, 12), "twee weken geleden"),
        ("Ruud Smit 21st of November", date(2026, 11, 21), "21st of November"),
        ("Ruud Smit op 3/12", date(2025, 12, 3), "op 3/12"),
        ("gisteren Ruud Smit", YESTERDAY, "gisteren"),
    ],
)
def test_dates(parse, text: str, expected_date: date, phrase: str) -> None:
    line = parse(text)
    assert line.people[0].name == "Ruud Smit" or line.people[0].name in ("Pieter Bakker", "Sanne Visser")
    assert line.occurred_on == expected_date
    assert line.date_phrase == phrase


def test_name_only(parse) -> None:
    line = parse("Jan de Vries")
    assert line == MetLine(
        people=(PersonRef("Jan de Vries", None),),
        occurred_on=TODAY,
        date_phrase=None,
        colleagues=(),
        themes=(),
        tier=None,
        notes="",
    )


def test_ruud_smit_hashtag_in_head(parse) -> None:
    line = parse("Ruud Smit 5 dagen geleden #lobby")
    assert line.people == (PersonRef("Ruud Smit", None),)
    assert line.themes == ("lobby",)
    assert line.notes == ""


def test_future_date_is_returned_not_refused(parse) -> None:
    assert parse("Jan de Vries 2027-01-05").occurred_on == date(2027, 1, 5)
    assert parse("Jan de Vries morgen").occurred_on == date(2026, 11, 27)
    assert parse("Jan de Vries 3000-01-01").occurred_on == date(3000, 1, 1)


def test_several_people_each_with_organisation(parse) -> None:
    line = parse("Jan de Vries; Karin Mulder (ABN AMRO) gisteren: koffie")
    assert line.people == (PersonRef("Jan de Vries", None), PersonRef("Karin Mulder", "ABN AMRO"))
    assert line.occurred_on == YESTERDAY
    assert line.notes == "koffie"


def test_ampersand_separates_people_also_escaped(parse) -> None:
    line = parse("Jan de Vries (Gemeente) &amp; Karin Mulder (AT&amp;T) gisteren")
    assert line.people == (PersonRef("Jan de Vries", "Gemeente"), PersonRef("Karin Mulder", "AT&T"))
    assert line.occurred_on == YESTERDAY


def test_en_and_comma_do_not_separate_people(parse) -> None:
    line = parse("Van den Berg en Zonen, Piet")
    assert line.people == (PersonRef("Van den Berg en Zonen, Piet", None),)


@pytest.mark.parametrize(
    ("mark", "tier"),
    [
        ("!key", "key"),
        ("!KEY", "key"),
        ("!sleutel", "key"),
        ("!kern", "key"),
        ("!regular", "regular"),
        ("!regulier", "regular"),
        ("!wider", "wider"),
        ("!breed", "wider"),
        ("!ruim", "wider"),
    ],
)
def test_tier(parse, mark: str, tier: str) -> None:
    line = parse(f"Jan de Vries {mark} yesterday")
    assert line.tier == tier
    assert line.people == (PersonRef("Jan de Vries", None),)
    assert line.occurred_on == YESTERDAY


def test_tier_and_tags_ending_the_notes(parse) -> None:
    line = parse("Jan de Vries: sprak over #wonen en zorg #Zorg !key")
    assert line.tier == "key"
    assert line.themes == ("wonen", "zorg")
    assert line.notes == "sprak over #wonen en zorg"


def test_themes_from_channel_links_deduplicated(parse) -> None:
    line = parse("Jan de Vries <#C123|Wonen> gisteren: over #wonen en <#C9|zorg> #wonen")
    assert line.themes == ("wonen", "zorg")
    assert line.people == (PersonRef("Jan de Vries", None),)


def test_no_theme_from_urls_or_numbers(parse) -> None:
    line = parse("Jan de Vries: zie <https://example.org/page#anchor|site>, C# en #1 prio")
    assert line.themes == ()
    assert line.notes == "zie <https://example.org/page#anchor|site>, C# en #1 prio"


@pytest.mark.parametrize("name", ["Jan May", "Anna Maart", "Piet Juni", "Mei Ling", "June Smith"])
def test_month_surnames_are_not_dates(parse, name: str) -> None:
    line = parse(name)
    assert line.people == (PersonRef(name, None),)
    assert line.occurred_on == TODAY
    assert line.date_phrase is None


def test_surname_month_then_date(parse) -> None:
    line = parse("Sanne Mei 3 mei")
    assert line.people == (PersonRef("Sanne Mei", None),)
    assert line.occurred_on == date(2026, 5, 3)
    assert line.date_phrase == "3 mei"


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("Jan de Vries 35 maart", "35 maart"),
        ("Jan de Vries vorige blauwe maandag", "vorige blauwe maandag"),
        ("Jan de Vries 12/13/2026", "12/13/2026"),
        ("Jan de Vries een paar dagen geleden", "een paar dagen geleden"),
        ("Jan de Vries a few days ago: koffie", "a few days ago"),
        ("Jan de Vries (ABN) 31 april", "31 april"),
    ],
)
def test_unreadable_date(parse, text: str, detail: str) -> None:
    error = _error(parse, text)
    assert error.code == "unreadable_date"
    assert error.detail == detail


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_empty(parse, text: str) -> None:
    assert _error(parse, text).code == "empty"


def test_too_long(parse) -> None:
    assert _error(parse, "Jan de Vries: " + "x" * 3000).code == "too_long"
    assert _error(parse, "Jan de Vries: hallo", max_length=10).code == "too_long"


@pytest.mark.parametrize(
    "text",
    ["gisteren", "<@U1>", "<@U1> gisteren: koffie", "met <@U1|anna>: koffie", ": koffie", "#wonen", "(ABN)"],
)
def test_no_name(parse, text: str) -> None:
    assert _error(parse, text).code == "no_name"


def test_error_is_a_value_error_with_code_and_detail() -> None:
    error = MetLineError("unreadable_date", "35 maart")
    assert isinstance(error, ValueError)
    assert (error.code, error.detail) == ("unreadable_date", "35 maart")


def test_name_cleanup_and_special_mentions(parse) -> None:
    line = parse('<!channel> "  Jan   de Vries " <https://x.org|site> gisteren: hoi <!here>')
    assert line.people == (PersonRef("Jan de Vries", None),)
    assert line.occurred_on == YESTERDAY
    assert line.notes == "hoi <!here>"


def test_accents_and_emoji_kept(parse) -> None:
    line = parse("Zoë Çelik 🌷 (Café Søren) gisteren")
    assert line.people == (PersonRef("Zoë Çelik 🌷", "Café Søren"),)


def test_notes_kept_exactly(parse) -> None:
    line = parse("Jan de Vries:   *vet*  &amp; <https://x.org|link>   \n tweede regel  ")
    assert line.notes == "*vet*  &amp; <https://x.org|link>   \n tweede regel"


def test_normalise_name() -> None:
    assert normalise_name("  Jan   de VRIES ") == "jan de vries"
    assert normalise_name("Zoë") == "zoë"
    assert normalise_name("Zoë") != normalise_name("Zoe")


# --- what is understood of a line that cannot be recorded as it is ----------------------------------------


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("Jan de Vries gisteren; Karin Mulder vandaag", "gisteren / vandaag"),
        ("Jan de Vries gisteren 12 maart", "gisteren / 12 maart"),
        ("Jan de Vries dinsdag 12 maart: koffie", "dinsdag / 12 maart"),  # 12 March 2026 was a Thursday
    ],
)
def test_two_dates_are_their_own_problem_and_no_date_is_kept(parse, text: str, detail: str) -> None:
    error = _error(parse, text)
    assert (error.code, error.detail) == ("two_dates", detail)
    assert error.understood.occurred_on is None
    assert error.understood.people[0] == PersonRef("Jan de Vries", None)


def test_an_unreadable_date_keeps_the_name_the_notes_and_no_date(parse) -> None:
    error = _error(parse, "<@U1> en ik spraken Jan de Vries (ABN) vorige blauwe maandag: koffie #wonen !key")
    assert (error.code, error.detail) == ("unreadable_date", "vorige blauwe maandag")
    understood = error.understood
    assert understood.people == (PersonRef("Jan de Vries", "ABN"),)
    assert understood.occurred_on is None
    assert (understood.colleagues, understood.themes, understood.tier, understood.notes) == (
        ("U1",),
        ("wonen",),
        "key",
        "koffie",
    )


def test_an_unreadable_date_before_the_name_is_told_apart_from_it(parse) -> None:
    error = _error(parse, "vorige blauwe maandag Jan de Vries: koffie")
    assert (error.code, error.detail) == ("unreadable_date", "vorige blauwe maandag")
    assert error.understood.people == (PersonRef("Jan de Vries", None),)


@pytest.mark.parametrize(
    ("text", "day"), [("gisteren", YESTERDAY), ("vorige week dinsdag: koffie", date(2026, 11, 17))]
)
def test_a_date_without_a_name_keeps_the_date(parse, text: str, day: date) -> None:
    error = _error(parse, text)
    assert (error.code, error.detail) == ("no_name", text)  # said back
    assert error.understood.occurred_on == day


def test_a_line_without_name_or_date_keeps_today(parse) -> None:
    assert _error(parse, ": koffie").understood.occurred_on == TODAY


# --- help, and lines that do not read as a meeting ----------------------------------------------------------


@pytest.mark.parametrize("text", ["help", "Help", "hulp", "?", "??", "help?", "--help", "-h", "hulp: hoe werkt dit"])
def test_help_requests(text: str) -> None:
    assert is_help_request(text)


@pytest.mark.parametrize("text", ["Jan de Vries", "Helpman", "Hulpverlening Noord (GGD): koffie", ""])
def test_names_are_no_help_requests(text: str) -> None:
    assert not is_help_request(text)


@pytest.mark.parametrize(
    "text",
    [
        "hoe leg ik een gesprek vast",
        "how do I log a meeting",
        "Wie kent iemand bij de gemeente",
        "Jan de Vries?",
        "kan ik hier ook iets anders mee?: of niet",
        "Jan de Vries van de gemeente over de nieuwe woonvisie gisteren",  # a sentence that lost its colon
    ],
)
def test_questions_and_sentences_do_not_read_as_a_meeting(parse, text: str) -> None:
    error = _error(parse, text)
    assert error.code == "not_a_meeting" and error.detail == text


@pytest.mark.parametrize(
    "text",
    [
        "Wie",  # one word: a name, however unlikely
        "Jan de Vries: hoe gaat het met de woonvisie?",  # a question in the notes is a note
        "Maria del Carmen de la Fuente García gisteren",  # eight words: still a name
        "Jan de Vries (Gemeente Den Haag) <https://x.org/?q=1|link>",
    ],
)
def test_names_and_notes_with_question_words_still_read_as_a_meeting(parse, text: str) -> None:
    assert parse(text).people


# --- limits ---------------------------------------------------------------------------------------------


def test_limits_on_people_colleagues_and_themes(parse) -> None:
    many = "; ".join(f"Persoon {chr(ord('A') + i)}" for i in range(PEOPLE_MAX))
    assert len(parse(many).people) == PEOPLE_MAX
    assert _error(parse, many + "; Nog Iemand").code == "too_many_people"
    mentions = " ".join(f"<@U{i}>" for i in range(COLLEAGUES_MAX + 1))
    assert _error(parse, f"{mentions} en ik spraken Jan").code == "too_many_colleagues"
    tags = " ".join(f"#t{i}" for i in range(THEMES_MAX + 1))
    assert _error(parse, f"Jan: koffie {tags}").code == "too_many_themes"


def test_names_and_organisations_longer_than_their_columns(parse) -> None:
    assert parse("J" * NAME_MAX).people[0].name == "J" * NAME_MAX
    assert _error(parse, "J" * (NAME_MAX + 1)).code == "name_too_long"
    # Stored casefolded as the matching key too: "ß" becomes "ss".
    assert _error(parse, "ß" * (NAME_MAX // 2 + 1)).code == "name_too_long"
    assert parse(f"Jan ({'O' * ORGANISATION_MAX})").people[0].organisation == "O" * ORGANISATION_MAX
    assert _error(parse, f"Jan ({'O' * (ORGANISATION_MAX + 1)})").code == "organisation_too_long"


def test_invisible_format_characters_are_stripped_everywhere(parse) -> None:
    line = parse(
        "Jan\u200b de\u202e Vr\u2066ies (Gemeente\ufeff Den Haag) gisteren: koffie\u200f met \u202ataart #wo\u200bnen"
    )
    assert line.people == (PersonRef("Jan de Vries", "Gemeente Den Haag"),)
    assert line.notes == "koffie met taart"
    assert line.themes == ("wonen",)
    assert line.occurred_on == YESTERDAY


def test_emoji_sequences_keep_their_joiners(parse) -> None:
    assert parse("Zoë 👩\u200d💻 O'Brien").people == (PersonRef("Zoë 👩\u200d💻 O'Brien", None),)


# --- bounded work ---------------------------------------------------------------------------------------


class CountingReader(DateReader):
    """The real reader, counting the phrases it is asked about and those it hands to dateparser."""

    def __init__(self) -> None:
        super().__init__(warm_up=False)
        self.reads = 0
        self.dateparser_phrases: list[str] = []

    def read(self, phrase: str, **options):
        self.reads += 1
        return super().read(phrase, **options)

    def _parser_for(self, today: date):
        parser, asked = super()._parser_for(today), self.dateparser_phrases

        class Counted:
            def get_date_data(self, text: str):
                asked.append(text)
                return parser.get_date_data(text)

        return Counted()


@pytest.fixture(scope="module")
def counting() -> CountingReader:
    return CountingReader()


PATHOLOGICAL = {
    "a long run of numbers after a month": "Jan " + "1 " * 1400 + ": x",  # ~58 s of dateparser before
    "a long run of date fillers": "Jan " + "de " * 995,
    "many dates": "Jan " + "12 maart " * 330,
    "many colons": "Jan de Vries" + ": x" * 990,
    "only colons": "Jan" + ":" * 2990,
    "many themes": "Jan de Vries " + "#a " * 995,
    "many themes in the notes": "Jan: x " + "#aa " * 740 + "x",
    "many mentions": "Jan de Vries " + "<@U123> " * 370,
    "many mentions with": "Jan " + "with <@U1> " * 270,
    "many people": "a 1;" * 749,
    "a long run of spaces": "Jan" + " " * 2990 + "gisteren",
    "3,000 characters": "x" * 3000,
    "3,000 characters of words": ("vorige week " * 300)[:3000],
}


@pytest.mark.parametrize("text", PATHOLOGICAL.values(), ids=PATHOLOGICAL.keys())
def test_the_work_on_any_line_is_bounded(counting: CountingReader, text: str) -> None:
    counting.reads, counting.dateparser_phrases = 0, []
    with contextlib.suppress(MetLineError):
        parse_met_line(text, today=TODAY, reader=counting)
    # Each person's part: the date phrases of at most PHRASE_MAX_WORDS words at its end, then at its start,
    # and one more read of words that look like a second date.
    people = min(text.count(";") + 1, PEOPLE_MAX)
    assert counting.reads <= people * (2 * PHRASE_MAX_WORDS + 1)
    assert len(counting.dateparser_phrases) <= SLOW_READS_PER_LINE
    assert all(len(phrase) <= PHRASE_MAX_CHARS + PHRASE_MAX_WORDS for phrase in counting.dateparser_phrases)


def test_the_minute_long_line_now_asks_about_its_date_after_a_handful_of_reads(counting: CountingReader) -> None:
    counting.reads, counting.dateparser_phrases = 0, []
    error = _error(lambda text: parse_met_line(text, today=TODAY, reader=counting), "Jan " + "1 " * 1400 + ": x")
    assert error.code == "unreadable_date"
    assert counting.reads <= 2 * PHRASE_MAX_WORDS + 1 and len(counting.dateparser_phrases) <= SLOW_READS_PER_LINE
