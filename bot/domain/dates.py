"""Reading date phrases in English and Dutch ("gisteren", "last Tuesday", "12 maart").

The common phrases are read by a small pure-Python grammar (fast, and precise
about what each phrase means); anything else that consists only of date words
falls back to dateparser, restricted to the configured languages.

Meanings chosen for the weekday phrases (``today`` is always a parameter):

* ``tuesday`` / ``dinsdag`` / ``on tuesday`` / ``op dinsdag``: the most recent
  Tuesday on or before today (today itself if today is a Tuesday).
* ``last tuesday`` / ``past tuesday`` / ``afgelopen dinsdag`` /
  ``vorige dinsdag`` / ``dinsdag jl.``: the most recent Tuesday strictly
  before today.
* ``last week tuesday`` / ``tuesday last week`` / ``vorige week dinsdag`` /
  ``dinsdag vorige week``: the Tuesday of the previous ISO week (Monday-Sunday).
* ``this tuesday`` / ``deze dinsdag`` / ``deze week dinsdag``: the Tuesday of the
  current ISO week (may lie in the future).
* ``next tuesday`` / ``volgende dinsdag`` / ``komende dinsdag`` /
  ``dinsdag a.s.``: the first Tuesday strictly after today;
  ``volgende week dinsdag``: the Tuesday of the next ISO week.
* ``last week`` / ``vorige week``: exactly 7 days ago; ``eind vorige week`` /
  ``end of last week``: the Friday of the previous ISO week; ``begin vorige
  week`` / ``start of last week``: its Monday.

Phrases without a year ("12 maart", "3/12") resolve to the most recent such
day on or before today. Explicit future dates ("2027-01-05", "morgen") are
returned as they are; refusing them is the caller's business.
"""

from __future__ import annotations

import calendar
import re
import threading
from collections import OrderedDict
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from dateparser.date import DateDataParser

__all__ = ["DATE_WORDS", "PHRASE_MAX_WORDS", "DateBudget", "DateReader", "looks_like_date_attempt"]

# A date phrase is a few words ("Tuesday the 21st of November 2026 in the afternoon" has nine): longer
# phrases are not dates, and are not read, so the work per phrase is bounded whatever a line holds.
PHRASE_MAX_WORDS = 10
PHRASE_MAX_CHARS = 80
# How many phrases one line may hand to dateparser, which takes up to milliseconds each (a line needs one
# or two). A line that would need more gets no more dates read: its date is then unreadable, never guessed.
SLOW_READS_PER_LINE = 12

# --- vocabulary -------------------------------------------------------------

_WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3,
    "friday": 4, "saturday": 5, "sunday": 6,
    "maandag": 0, "dinsdag": 1, "woensdag": 2, "donderdag": 3,
    "vrijdag": 4, "zaterdag": 5, "zondag": 6,
}  # fmt: skip

# Abbreviations are only trusted next to a day and month ("di 12 maart",
# "Sat 21 Nov"): alone, "sun", "wed", "do" or "zo" are far more often words or
# surnames than dates.
_WEEKDAY_ABBREVIATIONS: dict[str, int] = {
    "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3,
    "fri": 4, "sat": 5, "sun": 6,
    "ma": 0, "di": 1, "wo": 2, "do": 3, "vr": 4, "za": 5, "zo": 6,
}  # fmt: skip

_MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11,
    "december": 12,
    "januari": 1, "februari": 2, "maart": 3, "mei": 5, "juni": 6, "juli": 7,
    "augustus": 8, "oktober": 10,
    "jan": 1, "feb": 2, "mar": 3, "mrt": 3, "apr": 4, "jun": 6, "jul": 7,
    "aug": 8, "sep": 9, "sept": 9, "oct": 10, "okt": 10, "nov": 11, "dec": 12,
}  # fmt: skip

_NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
    "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20,
    "een": 1, "één": 1, "eén": 1, "éen": 1, "twee": 2, "drie": 3, "vier": 4,
    "vijf": 5, "zes": 6, "zeven": 7, "acht": 8, "negen": 9, "tien": 10,
    "elf": 11, "twaalf": 12, "dertien": 13, "veertien": 14, "vijftien": 15,
    "zestien": 16, "zeventien": 17, "achttien": 18, "negentien": 19,
    "twintig": 20,
}  # fmt: skip

# Unit word -> (kind, multiplier). Kinds: days, months, hours, minutes.
_UNITS: dict[str, tuple[str, int]] = {
    "day": ("days", 1), "days": ("days", 1), "dag": ("days", 1), "dagen": ("days", 1),
    "week": ("days", 7), "weeks": ("days", 7), "weken": ("days", 7),
    "fortnight": ("days", 14), "fortnights": ("days", 14),
    "month": ("months", 1), "months": ("months", 1),
    "maand": ("months", 1), "maanden": ("months", 1),
    "year": ("months", 12), "years": ("months", 12),
    "jaar": ("months", 12), "jaren": ("months", 12),
    "hour": ("hours", 1), "hours": ("hours", 1), "uur": ("hours", 1), "uren": ("hours", 1),
    "minute": ("minutes", 1), "minutes": ("minutes", 1), "min": ("minutes", 1),
    "minuut": ("minutes", 1), "minuten": ("minutes", 1),
}  # fmt: skip

_AGO = frozenset({"ago", "geleden", "terug"})
_IN_FUTURE = frozenset({"in", "over"})

# Whole phrases with a fixed offset in days from today.
_DAY_OFFSETS: dict[str, int] = {
    "today": 0, "vandaag": 0, "tonight": 0, "vannacht": 0,
    "vanochtend": 0, "vanmorgen": 0, "vanmiddag": 0, "vanavond": 0,
    "this morning": 0, "this afternoon": 0, "this evening": 0, "this noon": 0,
    "earlier today": 0, "eerder vandaag": 0, "just now": 0, "zojuist": 0,
    "yesterday": -1, "gisteren": -1, "gister": -1, "last night": -1,
    "the day before yesterday": -2, "day before yesterday": -2,
    "eergisteren": -2, "eergister": -2,
    "tomorrow": 1, "morgen": 1, "overmorgen": 2,
    "the day after tomorrow": 2, "day after tomorrow": 2,
    "last week": -7, "past week": -7, "vorige week": -7, "afgelopen week": -7,
    "a week ago today": -7,
    "next week": 7, "volgende week": 7, "komende week": 7,
}  # fmt: skip

# Parts of the day that may trail a day phrase ("gisteren avond", "tuesday night").
_PARTS_OF_DAY = frozenset({
    "morning", "afternoon", "evening", "night", "noon", "lunchtime",
    "ochtend", "morgen", "middag", "avond", "nacht", "lunch",
})  # fmt: skip
# Dutch glues the part of the day onto the day: "gisteravond", "dinsdagmiddag".
_COMPOUND_SUFFIXES = ("ochtend", "morgen", "middag", "avond", "nacht")
_COMPOUND_PREFIXES: dict[str, str] = {
    "gister": "gisteren", "gisteren": "gisteren", "eergister": "eergisteren",
    "eergisteren": "eergisteren", "van": "vandaag", "morgen": "morgen",
    "overmorgen": "overmorgen", **{w: w for w in _WEEKDAYS if w.endswith("dag")},
}  # fmt: skip
_DUTCH_GENITIVE_PARTS = {
    "ochtends": "ochtend", "morgens": "morgen", "middags": "middag",
    "avonds": "avond", "nachts": "nacht",
}  # fmt: skip

_END_OF_LAST_WEEK = frozenset({
    "eind vorige week", "einde vorige week", "eind afgelopen week", "end of last week",
})  # fmt: skip
_START_OF_LAST_WEEK = frozenset({
    "begin vorige week", "begin afgelopen week", "start of last week", "beginning of last week",
})  # fmt: skip

_LAST = frozenset({"last", "past", "previous", "vorige", "afgelopen", "voorbije"})
_NEXT = frozenset({"next", "coming", "volgende", "komende", "aanstaande"})
_THIS = frozenset({"this", "deze"})
_LAST_AFTER = frozenset({"jl", "jongstleden", "last"})  # "maandag jl."
_NEXT_AFTER = frozenset({"as", "aanstaande", "next"})  # "maandag a.s."

_FILLERS = frozenset({
    "the", "of", "de", "het", "van", "op", "on", "at", "om", "in", "over", "and",
    "en", "this", "deze", "dit", "week", "end", "eind", "einde", "begin", "start",
    "beginning", "am", "pm", "midnight", "middernacht", "s", "'s", "u", "h",
})  # fmt: skip

_TIME_WORDS = frozenset({
    "at", "om", "around", "rond", "uur", "u", "h", "am", "pm", "noon", "midnight", "middernacht",
}) | _PARTS_OF_DAY  # fmt: skip

# Every word that can take part in a date phrase. dateparser is only asked about
# phrases made of these words, so a name ("Jan de Vries") never reaches it.
DATE_WORDS: frozenset[str] = frozenset(
    set(_WEEKDAYS)
    | set(_WEEKDAY_ABBREVIATIONS)
    | set(_MONTHS)
    | set(_NUMBER_WORDS)
    | set(_UNITS)
    | _AGO
    | _IN_FUTURE
    | _PARTS_OF_DAY
    | _LAST
    | _NEXT
    | _THIS
    | _LAST_AFTER
    | _NEXT_AFTER
    | _FILLERS
    | set(_DUTCH_GENITIVE_PARTS)
    | {w for phrase in _DAY_OFFSETS for w in phrase.split()}
)

# Words that only ever occur in attempts to give a (relative) date; a name
# ending in one of them is a date the reader failed to read, not a name.
_RELATIVE_WORDS = frozenset({
    "ago", "geleden", "last", "vorige", "afgelopen", "jl", "jongstleden",
    "yesterday", "gisteren", "gister", "eergisteren", "today", "vandaag",
    "tomorrow", "morgen", "overmorgen", "next", "volgende", "tonight",
    "vanochtend", "vanmorgen", "vanmiddag", "vanavond", "vannacht",
})  # fmt: skip

# --- token patterns ---------------------------------------------------------

_ORDINAL = re.compile(r"^(\d{1,2})(?:st|nd|rd|th|ste|de|e)?$")
_ISO = re.compile(r"^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$")
# Day first, as Europeans write it: 12-03, 12/3, 12.03.2026, 12-03-26.
_NUMERIC_DMY = re.compile(r"^(\d{1,2})([-/.])(\d{1,2})(?:\2(\d{4}|\d{2}))?$")
_YEAR = re.compile(r"^(?:\d{4}|'\d{2})$")
_CLOCK = re.compile(r"^\d{1,2}(?:[:.]\d{2})?(?:am|pm|u|h)?$")
_HAS_DIGIT = re.compile(r"\d")
_SPLIT = re.compile(r"[\s,]+")


class DateBudget:
    """The dateparser reads one line may still spend (DateReader.read takes one per line)."""

    def __init__(self, slow_reads: int = SLOW_READS_PER_LINE) -> None:
        self.slow_reads = slow_reads

    def spend(self) -> bool:
        if self.slow_reads <= 0:
            return False
        self.slow_reads -= 1
        return True


class _Miss:
    """Marker: the fast path does not know the phrase (distinct from a firm None)."""


_MISS = _Miss()


def _tokens(phrase: str) -> list[str]:
    """Casefold and split; strip dots from word tokens ("jl." -> "jl", "a.s." -> "as")."""
    out = []
    for raw in _SPLIT.split(phrase.casefold()):
        if not raw:
            continue
        token = raw
        if any(c.isalpha() for c in token) and not _HAS_DIGIT.search(token):
            token = token.replace(".", "")
        elif token.endswith("."):
            # "21." / "12-03." -- a full stop ends the phrase, it is not part of it.
            token = token.rstrip(".")
        if token:
            out.append(token)
    return out


def _weekday_in_week(today: date, weekday: int, week_offset: int) -> date:
    monday = today - timedelta(days=today.weekday()) + timedelta(weeks=week_offset)
    return monday + timedelta(days=weekday)


def _last_weekday(today: date, weekday: int, *, strict: bool) -> date:
    back = (today.weekday() - weekday) % 7
    if back == 0 and strict:
        back = 7
    return today - timedelta(days=back)


def _next_weekday(today: date, weekday: int) -> date:
    ahead = (weekday - today.weekday()) % 7 or 7
    return today + timedelta(days=ahead)


def _add_months(day: date, months: int) -> date:
    year, month0 = divmod(day.year * 12 + day.month - 1 + months, 12)
    last = calendar.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(day.day, last))


def _make_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _recent_day_month(today: date, month: int, day: int) -> date | None:
    """Most recent `day month` on or before today; None if no year has it."""
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    # 29 February needs a leap year, which is at most 8 years back.
    for year in range(today.year, today.year - 9, -1):
        candidate = _make_date(year, month, day)
        if candidate is not None and candidate <= today:
            return candidate
    return None


def _year_of(token: str) -> int:
    digits = token.lstrip("'")
    return 2000 + int(digits) if len(digits) == 2 else int(digits)


def _number(token: str) -> int | None:
    if token.isdigit():
        return int(token)
    return _NUMBER_WORDS.get(token)


def _split_part_of_day(tokens: list[str]) -> list[str]:
    """Drop the part of the day: "gisteravond" -> "gisteren", "tuesday night" -> "tuesday"."""
    out: list[str] = []
    for token in tokens:
        for suffix in _COMPOUND_SUFFIXES:
            if token.endswith(suffix) and token[: -len(suffix)] in _COMPOUND_PREFIXES:
                token = _COMPOUND_PREFIXES[token[: -len(suffix)]]
                break
        out.append(token)
    # "'s avonds" -> "avond"; "in the evening" / "at night" -> part of the day.
    while len(out) >= 2:
        if out[-2] in ("'s", "s") and out[-1] in _DUTCH_GENITIVE_PARTS:
            out[-2:] = [_DUTCH_GENITIVE_PARTS[out[-1]]]
        elif len(out) >= 3 and out[-3:-1] == ["in", "the"] and out[-1] in _PARTS_OF_DAY:
            out[-3:] = [out[-1]]
        elif out[-2] == "at" and out[-1] == "night":
            out[-2:] = ["night"]
        # A clock time ("om 14:00", "at 10am", "3 uur") says nothing about the day.
        elif (_CLOCK.match(out[-1]) and out[-2] in ("at", "om", "around", "rond")) or (
            out[-1] == "uur" and out[-2].isdigit() and len(out) >= 3
        ):
            del out[-2:]
        elif (":" in out[-1] and _CLOCK.match(out[-1])) or (
            out[-1] in _PARTS_OF_DAY and out[-2] not in ("this", "last", "deze", "van")
        ):
            del out[-1]
        else:
            break
    return out


class DateReader:
    """Reads a date phrase ("gisteren", "last Tuesday", "12 maart", "2026-11-20") relative to a today."""

    def __init__(self, languages: Sequence[str] = ("en", "nl"), *, warm_up: bool = True) -> None:
        self._languages = list(languages)
        # dateparser fixes its settings (RELATIVE_BASE among them) when a
        # DateDataParser is built, so there is one parser per `today`. Building one
        # costs ~50 us: the language data lives in a class-level loader that all
        # parsers share, so it is loaded once per process, not per parser.
        self._parsers: OrderedDict[date, DateDataParser] = OrderedDict()
        self._lock = threading.Lock()
        if warm_up:
            # Loading the locales takes ~150 ms; pay it at start-up, not on the
            # first user's command.
            self._parser_for(date(2000, 1, 1)).get_date_data("12 maart")
            self._parser_for(date(2000, 1, 1)).get_date_data("march 12")

    def _parser_for(self, today: date) -> DateDataParser:
        with self._lock:
            parser = self._parsers.get(today)
            if parser is None:
                parser = DateDataParser(
                    languages=self._languages,
                    settings={
                        "PREFER_DATES_FROM": "past",
                        "DATE_ORDER": "DMY",
                        # Never swap day and month when the day-first reading fails
                        # ("12/13/2026" is unreadable, not 13 December).
                        "STRICT_DATE_ORDER": "all",
                        "RELATIVE_BASE": datetime.combine(today, time(12, 0)),
                        "RETURN_AS_TIMEZONE_AWARE": False,
                    },
                )
                self._parsers[today] = parser
                while len(self._parsers) > 4:
                    self._parsers.popitem(last=False)
            else:
                self._parsers.move_to_end(today)
            return parser

    def read(self, phrase: str, *, today: date, budget: DateBudget | None = None) -> date | None:
        """Return the date `phrase` names, or None unless the whole phrase is a date phrase.

        With a `budget`, dateparser is only asked while the budget lasts (see SLOW_READS_PER_LINE)."""
        if len(phrase) > 4 * PHRASE_MAX_CHARS:  # not worth splitting: no date is this long
            return None
        tokens = _tokens(phrase)
        if tokens and tokens[0] in ("on", "op") and len(tokens) > 1:
            tokens = tokens[1:]
        if not tokens or len(tokens) > PHRASE_MAX_WORDS or sum(map(len, tokens)) > PHRASE_MAX_CHARS:
            return None
        found = _read_fast(tokens, today)
        if isinstance(found, _Miss):
            return self._read_slow(tokens, today, budget)
        return found

    def _read_slow(self, tokens: list[str], today: date, budget: DateBudget | None = None) -> date | None:  # noqa: C901 -- a parser: one branch per date form, read top to bottom
        # Only phrases made purely of date words reach dateparser: it happily
        # ignores or reinterprets unknown words, and names must never become dates.
        # A clock time alone ("10:30", "om 10 uur") is not a day, though dateparser
        # reads it as today.
        if all(_CLOCK.match(t) or t in _TIME_WORDS for t in tokens):
            return None
        months = weekdays = abbreviations = digits = 0
        for token in tokens:
            if token in _MONTHS:
                months += 1
            elif token in _WEEKDAYS:
                weekdays += 1
            elif token in _WEEKDAY_ABBREVIATIONS:
                abbreviations += 1
            elif _HAS_DIGIT.search(token):
                digits += 1
            elif token not in DATE_WORDS:
                return None
        # Two months or weekdays ("Jan May", "Mei 3 mei") are a name plus a date at
        # best; a weekday abbreviation ("sun", "ma") is only a weekday next to a date.
        if months > 1 or weekdays + abbreviations > 1 or (abbreviations and not (months and digits)):
            return None
        if budget is not None and not budget.spend():
            return None
        data = self._parser_for(today).get_date_data(" ".join(tokens))
        # A month or a bare day number ("12") is not a day.
        if data.date_obj is None or not {"day", "month"} <= set(data.parts):
            return None
        return data.date_obj.date()


def _read_fast(tokens: list[str], today: date) -> date | None | _Miss:  # noqa: C901 -- a parser: one branch per date form, read top to bottom
    """The common phrases in pure Python; _MISS when the phrase is not covered."""
    joined = " ".join(tokens)
    offset = _DAY_OFFSETS.get(joined)
    if offset is not None:
        return today + timedelta(days=offset)

    stripped = _split_part_of_day(tokens)
    if not stripped:
        return _MISS
    if len(stripped) < len(tokens):  # a part of the day was dropped
        if stripped in (["this"], ["deze"]):  # "this evening", "deze middag"
            return today
        if stripped == ["last"]:  # "last evening"
            return today - timedelta(days=1)
    tokens = stripped
    joined = " ".join(tokens)
    offset = _DAY_OFFSETS.get(joined)
    if offset is not None:
        return today + timedelta(days=offset)

    n = len(tokens)
    first, last = tokens[0], tokens[-1]

    # "N days ago", "twee weken geleden", "in 3 days", "over een week".
    if n == 3 and last in _AGO and tokens[1] in _UNITS:
        return _relative(today, _number(first), tokens[1], -1)
    if n == 3 and first in _IN_FUTURE and last in _UNITS:
        return _relative(today, _number(tokens[1]), last, +1)

    weekday_result = _read_weekday(tokens, today)
    if weekday_result is not _MISS:
        return weekday_result

    if joined in _END_OF_LAST_WEEK:
        return _weekday_in_week(today, 4, -1)  # its Friday: the end of the working week
    if joined in _START_OF_LAST_WEEK:
        return _weekday_in_week(today, 0, -1)

    return _read_absolute(tokens, today)


def _relative(today: date, amount: int | None, unit: str, sign: int) -> date | None | _Miss:
    if amount is None:
        return _MISS
    kind, factor = _UNITS[unit]
    amount *= factor * sign
    if kind == "days":
        return today + timedelta(days=amount)
    if kind == "months":
        return _add_months(today, amount)
    # Hours and minutes count from noon: the reader does not know the clock
    # time, so "an hour ago" is today and "30 hours ago" yesterday.
    delta = timedelta(hours=amount) if kind == "hours" else timedelta(minutes=amount)
    return (datetime.combine(today, time(12, 0)) + delta).date()


def _read_weekday(tokens: list[str], today: date) -> date | None | _Miss:  # noqa: C901 -- a parser: one branch per date form, read top to bottom
    """Weekday phrases; see the module docstring for their meaning."""
    positions = [i for i, t in enumerate(tokens) if t in _WEEKDAYS]
    if len(positions) != 1:
        return _MISS
    i = positions[0]
    weekday = _WEEKDAYS[tokens[i]]
    before, after = tokens[:i], tokens[i + 1 :]
    if not before and not after:
        return _last_weekday(today, weekday, strict=False)
    # "vorige week dinsdag" / "dinsdag vorige week" / "tuesday last week"
    context = before if before else after
    if (before and after) or len(context) > 2:
        return _MISS
    if len(context) == 2 and context[1] == "week":
        if context[0] in _LAST:
            return _weekday_in_week(today, weekday, -1)
        if context[0] in _NEXT:
            return _weekday_in_week(today, weekday, +1)
        if context[0] in _THIS:
            return _weekday_in_week(today, weekday, 0)
        return _MISS
    if len(context) != 1:
        return _MISS
    word = context[0]
    if before:
        if word in _LAST:
            return _last_weekday(today, weekday, strict=True)
        if word in _NEXT:
            return _next_weekday(today, weekday)
        if word in _THIS:
            return _weekday_in_week(today, weekday, 0)
    else:
        if word in _LAST_AFTER:
            return _last_weekday(today, weekday, strict=True)
        if word in _NEXT_AFTER:
            return _next_weekday(today, weekday)
    return _MISS


def _read_absolute(tokens: list[str], today: date) -> date | None | _Miss:  # noqa: C901 -- a parser: one branch per date form, read top to bottom
    """ISO, day-first numeric and "12 maart" / "Nov 21st, 2026" dates."""
    weekday: int | None = None
    head = tokens[0]
    if head in _WEEKDAYS or head in _WEEKDAY_ABBREVIATIONS:
        weekday = _WEEKDAYS.get(head, _WEEKDAY_ABBREVIATIONS.get(head))
        tokens = tokens[1:]
        if not tokens:
            # A full weekday alone was read above; "sun" or "do" alone is no date.
            return None
    # Fillers that only decorate: "the 21st of November", "de 12e maart".
    core = [t for t in tokens if t not in ("the", "of", "de")]
    if not core:
        return _MISS

    found: date | None | _Miss = _MISS
    if len(core) == 1:
        token = core[0]
        if token in _MONTHS or token in _WEEKDAY_ABBREVIATIONS:
            return None  # a month or "sun" alone is not a day
        if token.isdigit():
            return None  # a bare number is not a day
        match = _ISO.match(token)
        if match:
            found = _make_date(int(match[1]), int(match[3]), int(match[4]))
        else:
            match = _NUMERIC_DMY.match(token)
            if match:
                day, month = int(match[1]), int(match[3])
                found = _make_date(_year_of(match[4]), month, day) if match[4] else _recent_day_month(today, month, day)
    elif len(core) in (2, 3):
        year_token = core[2] if len(core) == 3 else None
        if year_token is not None and not _YEAR.match(year_token):
            return _MISS
        a, b = core[0], core[1]
        day_month: tuple[int, int] | None = None
        ordinal_a, ordinal_b = _ORDINAL.match(a), _ORDINAL.match(b)
        if a in _MONTHS and ordinal_b:
            day_month = (int(ordinal_b[1]), _MONTHS[a])
        elif b in _MONTHS and ordinal_a:
            day_month = (int(ordinal_a[1]), _MONTHS[b])
        if day_month is None:
            return _MISS
        day, month = day_month
        if year_token is not None:
            found = _make_date(_year_of(year_token), month, day)
        else:
            found = _recent_day_month(today, month, day)
    if not isinstance(found, date):
        return found
    # A weekday that contradicts the date means a typo somewhere: never guess.
    if weekday is not None and found.weekday() != weekday:
        return None
    return found


def looks_like_date_attempt(token: str) -> bool:
    """True for a word that only appears when someone tries to give a date.

    Digits, weekday names and relative words ("ago", "vorige", "gisteren")
    qualify; month names alone do not, because they are also surnames
    ("Jan May", "Piet Juni").
    """
    word = token.casefold().strip(".,;:!?()")
    if _HAS_DIGIT.search(word):
        return True
    if word in _WEEKDAYS or word in _RELATIVE_WORDS:
        return True
    # "gisteravond", "dinsdagmiddag", "maandagochtend".
    return any(word.endswith(suffix) and word[: -len(suffix)] in _COMPOUND_PREFIXES for suffix in _COMPOUND_SUFFIXES)
