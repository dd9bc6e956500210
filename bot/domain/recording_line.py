"""Parsing one `/met` line: who was met, when, with which colleagues, and what about.

A line is a *head* (who and when) optionally followed by a separator and the
*notes*::

    Jan de Vries (Gemeente Den Haag); Karin Mulder gisteren !key: koffie #wonen
    \\_______ people and organisations ______/ \\date/  tier  notes  theme

* Separator: the first ``:`` followed by a space (or ending the line), or a
  dash surrounded by spaces (`` - ``, `` -- ``, `` – ``, `` — ``), outside
  parentheses and Slack markup. So "10:30" or a URL never splits the line.
* People are separated by ``;`` or `` & ``; each may carry an "(organisation)".
  ``,``, "and" and "en" do not separate people: they occur inside names and
  organisations ("Van den Berg en Zonen").
* The date is the longest trailing run of words of a person's part that
  DateReader reads ("Jan de Vries vorige week dinsdag"), or failing that the
  longest leading run ("gisteren Jan de Vries"). Words that look like a failed
  date ("35 maart", "vorige blauwe maandag") raise ``unreadable_date``: the
  date is never guessed.
* Colleagues are Slack mentions in the head (``<@U123>``); mentions in the
  notes are people to follow up with, not necessarily present. Connecting words
  around them ("and I met", "en ik spraken", "samen met", "with") are dropped.
* Themes are ``#hashtags`` and channel links (``<#C1|wonen>``) anywhere in the
  line. Tags and tier marks that *end* the notes are taken off the notes;
  everything else in the notes is kept exactly as typed (including Slack's
  ``&amp;`` escapes: escaping is the renderer's business). Names and
  organisations are unescaped, since they are plain text, not markup.
* Tier: ``!key``/``!sleutel``/``!kern``, ``!regular``/``!regulier``,
  ``!wider``/``!breed``/``!ruim``; if several are given, the last one wins.

What reads as a meeting: ``help``, ``hulp`` and ``?`` are help requests
(is_help_request), never names. A line is recorded only when every person's
part has a name ("no_name" otherwise: "/met gisteren") and the head is not a
question ("not_a_meeting"): it holds no "?", its first name does not open with
a question word followed by more words ("hoe leg ik …", "what does …"), and no
name has more than NAME_MAX_WORDS words (a sentence that lost its colon).
Two different dates ("two_dates") and words that try but fail to give a date
("unreadable_date") are never guessed at. Every such error carries what was
understood (Understood) for the form, the date only when it was read.

The work is bounded whatever the line: see parse_met_line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from bot.domain.dates import DATE_WORDS, PHRASE_MAX_WORDS, DateBudget, DateReader, looks_like_date_attempt
from bot.domain.fields import (
    NAME_MAX,
    ORGANISATION_MAX,
    THEMES_MAX,
    name_too_long,
    organisation_too_long,
    strip_invisible,
)
from bot.domain.names import normalise_name

__all__ = [
    "ERROR_CODES",
    "LINE_MAX",
    "MetLine",
    "MetLineError",
    "PersonRef",
    "Understood",
    "is_help_request",
    "normalise_name",
    "parse_met_line",
]

# "future_date" is never raised here: the caller decides whether to refuse it.
ERROR_CODES = (
    "empty",
    "no_name",
    "not_a_meeting",
    "unreadable_date",
    "two_dates",
    "too_long",
    "too_many_people",
    "too_many_colleagues",
    "too_many_themes",
    "name_too_long",
    "organisation_too_long",
    "future_date",
)

LINE_MAX = 3000  # characters: a line, not a report (the form takes longer notes)
# One meeting, not a mailing list: each person and colleague becomes rows to write (themes: THEMES_MAX).
PEOPLE_MAX = 20
COLLEAGUES_MAX = 20
# A name of more words than this is a sentence that lost its colon, not a name.
NAME_MAX_WORDS = 8
# Words that open a question, not a name ("hoe leg ik een gesprek vast").
QUESTION_WORDS = frozenset({
    "how", "what", "why", "where", "when", "who", "whom", "whose", "which",
    "hoe", "wat", "waarom", "waar", "wanneer", "wie", "welke", "welk", "hoeveel", "hoezo",
})  # fmt: skip
HELP_WORDS = frozenset({"help", "hulp", "-h", "--help", "-help", "-?", "/?", "?"})

TIER_ALIASES: dict[str, str] = {
    "key": "key", "sleutel": "key", "kern": "key",
    "regular": "regular", "regulier": "regular",
    "wider": "wider", "breed": "wider", "ruim": "wider",
}  # fmt: skip


@dataclass(frozen=True)
class PersonRef:
    """An external person as named in a line, with their organisation if given."""

    name: str
    organisation: str | None


@dataclass(frozen=True)
class MetLine:
    """The meaning of one `/met` line."""

    people: tuple[PersonRef, ...]
    occurred_on: date
    date_phrase: str | None
    colleagues: tuple[str, ...]
    themes: tuple[str, ...]
    tier: str | None
    notes: str


@dataclass(frozen=True)
class Understood:
    """What could be read of a line that cannot be recorded as it is: enough to prefill the form.

    `occurred_on` is None when the date was unreadable or ambiguous: the member picks it, it is never
    guessed."""

    people: tuple[PersonRef, ...] = ()
    occurred_on: date | None = None
    colleagues: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    tier: str | None = None
    notes: str = ""


class MetLineError(ValueError):
    """Raised with a user-facing reason code (one of ERROR_CODES), details, and what was understood."""

    def __init__(self, code: str, detail: str = "", understood: Understood | None = None) -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail
        self.understood = understood


_MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")


def mentioned_users(text: str) -> list[str]:
    """Every user mentioned anywhere in the line (the colleagues are among them)."""
    return _MENTION.findall(text)


_CHANNEL = re.compile(r"<#[A-Z0-9]+(?:\|([^>]*))?>")
_MARKUP = re.compile(r"<[^>]*>")
# Not after a word character, "&" or "/": "C#", "&#39;" and "/page#anchor" are no tags.
_HASHTAG = re.compile(r"(?<![\w#/&])#(\w[\w-]*)")
_TIER = re.compile(r"(?<!\S)!(" + "|".join(TIER_ALIASES) + r")(?!\S)", re.IGNORECASE)
# One word of a trailing run of tags: a hashtag, a channel link or a tier mark.
_TAG_WORD = re.compile(r"#\w[\w-]*|<#[A-Z0-9]+(?:\|[^>\s]*)?>|!(?:" + "|".join(TIER_ALIASES) + r")", re.IGNORECASE)
_WORD = re.compile(r"\S+")

# Mentions are replaced by this placeholder so the connecting words around them
# can be matched with plain regular expressions.
_M = "\ue000"
_GROUP = rf"{_M}(?:\s*(?:,|&|\+|\band\b|\ben\b)\s*{_M})*"
_VERBS = (
    r"(?:met(?:\s+with)?|spoke(?:\s+(?:with|to))?|talked(?:\s+(?:with|to))?"
    r"|had\s+(?:coffee|lunch|dinner|drinks|a\s+call|a\s+meeting)\s+with|called|visited|saw"
    r"|spraken(?:\s+af)?(?:\s+met)?|sprak(?:\s+met)?|ontmoetten|ontmoette|zagen|zag"
    r"|hadden\s+(?:koffie|lunch|een\s+gesprek|overleg)\s+met|belden(?:\s+met)?|belde(?:\s+met)?"
    r"|bezochten|bezocht)\b"
)
# "<@U1> and I met …", "<@U1>, <@U2> en ik spraken …", "<@U1> met …"
_LEADING_GROUP = re.compile(rf"^\s*{_GROUP}\s*,?\s*(?:(?:and|en|&)\s+(?:I|ik|me)\s+)?(?:{_VERBS})?", re.IGNORECASE)
# "I met …", "wij spraken …"
_LEADING_SUBJECT = re.compile(rf"^\s*(?:I|ik|we|wij)\s+{_VERBS}", re.IGNORECASE)
# "… with <@U1>", "… samen met <@U1> en <@U2>", "met <@U1>: …"
# "(?<!\S)" rather than "(?:^|\s+)": a pattern that starts by consuming spaces is tried from every space of a
# long run of them, which makes it quadratic in the run's length.
_CONNECTED_GROUP = re.compile(
    rf"(?<!\S)(?:samen\s+met|together\s+with|along\s+with|met|with|w/|incl\.?|\+|&|and|en)\s*{_GROUP}",
    re.IGNORECASE,
)

# Words that may open a failed date attempt ("een paar dagen geleden").
_ATTEMPT_WORDS = DATE_WORDS | {
    "few", "couple", "several", "some", "about", "around", "paar", "aantal", "enkele", "ruim",
    "bijna", "ongeveer", "circa", "ca",
}  # fmt: skip

_QUOTES = "\"'“”‘’„«»`"


def _split_head(text: str) -> tuple[str, str]:  # noqa: C901 -- a parser: one branch per separator rule (module docstring)
    """Split at the first separator outside parentheses and Slack markup."""
    depth = 0
    in_markup = False
    n = len(text)
    for i, c in enumerate(text):
        if c == "<":
            in_markup = True  # Slack escapes a typed "<" as "&lt;": this is markup
        elif c == ">":
            in_markup = False
        elif in_markup:
            continue
        elif c == "(":
            depth += 1
        elif c == ")":
            depth = max(0, depth - 1)
        elif depth:
            continue
        elif (c == ":" and (i + 1 == n or text[i + 1].isspace())) or c in "—–":
            return text[:i], text[i + 1 :]
        elif c == "-" and i > 0 and text[i - 1].isspace():
            # " - " or " -- ", but not "Jean-Pierre" or "12-03".
            end = i + 2 if text[i + 1 : i + 2] == "-" else i + 1
            if end == n or text[end].isspace():
                return text[:i], text[end:]
    return text, ""


def _split_people(head: str) -> list[str]:
    """Split on ";" and on "&" between spaces, outside parentheses."""
    parts: list[str] = []
    depth = 0
    start = 0
    for i, c in enumerate(head):
        if c == "(":
            depth += 1
        elif c == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and (c == ";" or (c == "&" and head[i - 1 : i].isspace() and head[i + 1 : i + 2].isspace())):
            parts.append(head[start:i])
            start = i + 1
    parts.append(head[start:])
    return parts


def _unescape(text: str) -> str:
    # Slack escapes exactly these three; "&amp;" last so "&amp;lt;" stays "&lt;".
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _themes(text: str) -> list[str]:
    found = [label.strip().lower() for label in _CHANNEL.findall(text) if label and label.strip()]
    # Hashtags inside other markup (a URL's "#anchor") are not themes.
    plain = _MARKUP.sub(" ", text)
    found += [tag.rstrip("-").lower() for tag in _HASHTAG.findall(plain) if not tag.isdigit()]
    return found


def _tiers(text: str) -> list[str]:
    return [TIER_ALIASES[t.lower()] for t in _TIER.findall(_MARKUP.sub(" ", text))]


def _dedupe(items: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def _strip_trailing_tags(notes: str) -> str:
    """The notes without the run of tags and tier marks that ends them (they were read as such)."""
    cut = len(notes)
    for word in reversed(list(_WORD.finditer(notes))):
        if not _TAG_WORD.fullmatch(word[0]):
            break
        cut = word.start()
    return notes[:cut].strip()


def _clean_name(words: list[str]) -> str:
    name = " ".join(" ".join(words).split())
    name = name.strip(_QUOTES + " ").lstrip(",;:.-").rstrip(",;:").strip(_QUOTES + " ")
    return name


@dataclass
class _Part:
    name: str
    organisation: str | None
    date_phrase: str | None = None
    occurred_on: date | None = None
    unreadable: str | None = None  # words that try to give a date and fail ("vorige blauwe maandag")
    second_date: str | None = None  # another date phrase beside the one read ("gisteren 12 maart")
    second_first: bool = False  # … typed before it

    def date_phrases(self) -> list[str]:
        phrases = [phrase for phrase in (self.date_phrase, self.second_date) if phrase]
        return phrases[::-1] if self.second_first else phrases


def _read_part(segment: str, today: date, reader: DateReader, budget: DateBudget) -> _Part:  # noqa: C901 -- a parser: one branch per part of the line (module docstring)
    """Name, organisation and date of one person's part of the head."""
    organisation: str | None = None
    before, after = segment, ""
    match = re.search(r"\(([^()]*)\)", segment)
    if match:
        organisation = " ".join(match[1].split()) or None
        before, after = segment[: match.start()], segment[match.end() :]
    words, after_words = before.split(), after.split()

    found: tuple[list[str], date] | None = None
    found_at = 0  # where the date phrase was, among the words that are left
    # The date follows the organisation ("Jan (ABN) gisteren"), else ends the name.
    for region in (after_words, words) if after_words else (words,):
        found = _trailing_date(region, today, reader, budget)
        if found:
            del region[len(region) - len(found[0]) :]
            found_at = len(words) + (len(after_words) if region is after_words else 0)
            break
    if found is None and not after_words:
        found = _leading_date(words, today, reader, budget)
        if found:
            del words[: len(found[0])]

    name_words = words + after_words
    span = _attempt_span(name_words)
    if span is None:
        if found is None:
            return _Part(_clean_name(name_words), organisation)
        return _Part(_clean_name(name_words), organisation, " ".join(found[0]), found[1])
    # Leftovers that look like a date attempt mean a date was not (fully) read:
    # "35 maart", "vorige blauwe maandag", "12/13/2026".
    start, end = span
    attempt = name_words[start:end]
    name = _clean_name(name_words[:start] + name_words[end:])
    if found is not None:
        if reader.read(" ".join(attempt), today=today, budget=budget) is not None:
            second = " ".join(attempt)
            return _Part(
                name, organisation, " ".join(found[0]), found[1], second_date=second, second_first=start < found_at
            )
        # Beside the date that was read, the attempt is part of it: "vorige blauwe" + "maandag".
        if end == found_at:
            attempt = attempt + found[0]
        elif start == found_at:
            attempt = found[0] + attempt
    return _Part(name, organisation, unreadable=" ".join(attempt))


def _attempt_span(words: list[str]) -> tuple[int, int] | None:
    """Where the words that try to give a date are: (start, end), or None if no word does."""
    marks = [i for i, word in enumerate(words) if looks_like_date_attempt(word)]
    if not marks:
        return None
    first, last = marks[0], marks[-1]
    if first == 0 and last < len(words) - 1:
        return 0, last + 1  # "vorige blauwe maandag Jan de Vries"
    # Report the whole attempt: "een paar dagen geleden", not "geleden".
    while first > 1 and words[first - 1].casefold() in _ATTEMPT_WORDS:
        first -= 1
    return first, len(words)


def _trailing_date(
    words: list[str], today: date, reader: DateReader, budget: DateBudget
) -> tuple[list[str], date] | None:
    for start in range(max(0, len(words) - PHRASE_MAX_WORDS), len(words)):  # longest run first
        when = reader.read(" ".join(words[start:]), today=today, budget=budget)
        if when is not None:
            return words[start:], when
    return None


def _leading_date(
    words: list[str], today: date, reader: DateReader, budget: DateBudget
) -> tuple[list[str], date] | None:
    for end in range(min(len(words) - 1, PHRASE_MAX_WORDS), 0, -1):  # longest run first, leaving a name
        when = reader.read(" ".join(words[:end]), today=today, budget=budget)
        if when is not None:
            return words[:end], when
    return None


def is_help_request(text: str) -> bool:
    """`/met help`, `/met hulp`, `/met ?`: the member asks how to record, they did not meet "help"."""
    words = text.split()
    if not words:
        return False
    first = words[0].casefold()
    return first in HELP_WORDS or first.rstrip("?!.:") in HELP_WORDS or set(text.strip()) <= set("?!")


def _reads_as_question(head: str, parts: list[_Part]) -> bool:
    """A question mark before the notes, a name opening with a question word, or a name too long to be one."""
    if "?" in head:
        return True
    names = [part.name.split() for part in parts if part.name]
    if names and len(names[0]) > 1 and names[0][0].casefold().strip("'\"") in QUESTION_WORDS:
        return True
    return any(len(words) > NAME_MAX_WORDS for words in names)


def parse_met_line(text: str, *, today: date, reader: DateReader, max_length: int = LINE_MAX) -> MetLine:  # noqa: C901 -- a parser: one refusal per rule of the line, in order
    """Parse one `/met` line; raise MetLineError with a reason code if it can't be recorded as it is.

    The work is bounded whatever the line holds: at most `max_length` characters, PEOPLE_MAX people, date
    phrases of at most PHRASE_MAX_WORDS words tried at either end of each person's part, and a DateBudget
    of dateparser reads. Future dates are returned as they are: refusing them is up to the caller.
    """
    text = text.strip()
    if not text:
        raise MetLineError("empty")
    if len(text) > max_length:
        raise MetLineError("too_long", str(len(text)))
    text = strip_invisible(text).strip()
    if not text:
        raise MetLineError("empty")

    head, notes = _split_head(text)
    notes = notes.strip()
    themes = _dedupe(_themes(head) + _themes(notes))
    tiers = _tiers(head) + _tiers(notes)
    notes = _strip_trailing_tags(notes)

    colleagues = _dedupe(_MENTION.findall(head))
    head = _CHANNEL.sub(" ", head)
    head = _HASHTAG.sub(" ", head)
    head = _TIER.sub(" ", head)
    head = _MENTION.sub(_M, head)
    # Special mentions (<!channel>) and links are never people.
    head = _unescape(_MARKUP.sub(" ", head))
    head = _LEADING_GROUP.sub(" ", head, count=1)
    head = _LEADING_SUBJECT.sub(" ", head, count=1)
    head = _CONNECTED_GROUP.sub(" ", head)
    head = head.replace(_M, " ")

    segments = [segment for segment in _split_people(head) if segment.strip()]
    if len(segments) > PEOPLE_MAX:
        raise MetLineError("too_many_people", str(len(segments)))
    budget = DateBudget()
    parts = [_read_part(segment, today, reader, budget) for segment in segments]
    parts = [p for p in parts if p.name or p.organisation or p.date_phrase or p.unreadable]

    understood = Understood(
        people=tuple(PersonRef(p.name, p.organisation) for p in parts if p.name),
        colleagues=colleagues,
        themes=themes,
        tier=tiers[-1] if tiers else None,
        notes=notes,
    )
    if _reads_as_question(head, parts):
        raise MetLineError("not_a_meeting", text)
    unreadable = [p.unreadable for p in parts if p.unreadable]
    if unreadable:
        raise MetLineError("unreadable_date", " / ".join(unreadable), understood)
    dated = [p for p in parts if p.occurred_on is not None]
    phrases = [phrase for p in dated for phrase in p.date_phrases()]
    if len({p.occurred_on for p in dated}) > 1 or any(p.second_date for p in dated):
        # Two different dates in one line: which one is meant is a guess.
        raise MetLineError("two_dates", " / ".join(phrases), understood)
    when = dated[0].occurred_on if dated else None
    if not parts or any(not p.name for p in parts):
        raise MetLineError("no_name", text, replace(understood, occurred_on=when or today))
    if len(colleagues) > COLLEAGUES_MAX:
        raise MetLineError("too_many_colleagues", str(len(colleagues)))
    if len(themes) > THEMES_MAX:
        raise MetLineError("too_many_themes", str(len(themes)))
    for part in parts:
        if name_too_long(part.name):
            raise MetLineError("name_too_long", part.name[:NAME_MAX])
        if organisation_too_long(part.organisation):
            raise MetLineError("organisation_too_long", (part.organisation or "")[:ORGANISATION_MAX])
    return MetLine(
        people=tuple(PersonRef(p.name, p.organisation) for p in parts),
        occurred_on=when or today,
        date_phrase=dated[0].date_phrase if dated else None,
        colleagues=colleagues,
        themes=themes,
        tier=tiers[-1] if tiers else None,
        notes=notes,
    )
