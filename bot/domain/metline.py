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
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from bot.domain.dates import DATE_WORDS, DateReader, looks_like_date_attempt
from bot.domain.names import normalise_name

__all__ = [
    "ERROR_CODES",
    "MetLine",
    "MetLineError",
    "PersonRef",
    "normalise_name",
    "parse_met_line",
]

# "future_date" is never raised here: the caller decides whether to refuse it.
ERROR_CODES = ("empty", "no_name", "unreadable_date", "too_long", "future_date")

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


class MetLineError(ValueError):
    """Raised with a user-facing reason code (one of ERROR_CODES) and details."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


_MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")


def mentioned_users(text: str) -> list[str]:
    """Every user mentioned anywhere in the line (the colleagues are among them)."""
    return _MENTION.findall(text)


_CHANNEL = re.compile(r"<#[A-Z0-9]+(?:\|([^>]*))?>")
_MARKUP = re.compile(r"<[^>]*>")
# Not after a word character, "&" or "/": "C#", "&#39;" and "/page#anchor" are no tags.
_HASHTAG = re.compile(r"(?<![\w#/&])#(\w[\w-]*)")
_TIER = re.compile(r"(?<!\S)!(" + "|".join(TIER_ALIASES) + r")(?!\S)", re.IGNORECASE)
_TRAILING_TAGS = re.compile(
    r"(?:(?:^|\s+)(?:#\w[\w-]*|<#[A-Z0-9]+(?:\|[^>]*)?>|!(?:" + "|".join(TIER_ALIASES) + r")))+\s*$",
    re.IGNORECASE,
)

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
_CONNECTED_GROUP = re.compile(
    rf"(?:^|\s+)(?:samen\s+met|together\s+with|along\s+with|met|with|w/|incl\.?|\+|&|and|en)\s*{_GROUP}",
    re.IGNORECASE,
)

# Words that may open a failed date attempt ("een paar dagen geleden").
_ATTEMPT_WORDS = DATE_WORDS | {
    "few", "couple", "several", "some", "about", "around", "paar", "aantal", "enkele", "ruim",
    "bijna", "ongeveer", "circa", "ca",
}  # fmt: skip

_QUOTES = "\"'“”‘’„«»`"


def _split_head(text: str) -> tuple[str, str]:
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


def _clean_name(words: list[str]) -> str:
    name = " ".join(" ".join(words).split())
    name = name.strip(_QUOTES + " ").lstrip(",;:.-").rstrip(",;:").strip(_QUOTES + " ")
    return name


@dataclass
class _Part:
    name: str
    organisation: str | None
    date_phrase: str | None
    occurred_on: date | None


def _read_part(segment: str, today: date, reader: DateReader) -> _Part:
    """Name, organisation and date of one person's part of the head."""
    organisation: str | None = None
    before, after = segment, ""
    match = re.search(r"\(([^()]*)\)", segment)
    if match:
        organisation = " ".join(match[1].split()) or None
        before, after = segment[: match.start()], segment[match.end() :]
    words, after_words = before.split(), after.split()

    found: tuple[list[str], date] | None = None
    # The date follows the organisation ("Jan (ABN) gisteren"), else ends the name.
    for region in (after_words, words) if after_words else (words,):
        found = _trailing_date(region, today, reader)
        if found:
            phrase_words, when = found
            del region[len(region) - len(phrase_words) :]
            break
    if found is None and not after_words:
        found = _leading_date(words, today, reader)
        if found:
            del words[: len(found[0])]

    name_words = words + after_words
    # Leftovers that look like a date attempt mean the date was not (fully) read:
    # "35 maart", "vorige blauwe maandag", "12/13/2026".
    for i, word in enumerate(name_words):
        if looks_like_date_attempt(word):
            # Report the whole attempt: "een paar dagen geleden", not "geleden".
            while i > 1 and name_words[i - 1].casefold() in _ATTEMPT_WORDS:
                i -= 1
            attempt = name_words[i:] + (found[0] if found else [])
            raise MetLineError("unreadable_date", " ".join(attempt))
    if found is None:
        return _Part(_clean_name(name_words), organisation, None, None)
    return _Part(_clean_name(name_words), organisation, " ".join(found[0]), found[1])


def _trailing_date(words: list[str], today: date, reader: DateReader) -> tuple[list[str], date] | None:
    for start in range(len(words)):  # longest run first
        when = reader.read(" ".join(words[start:]), today=today)
        if when is not None:
            return words[start:], when
    return None


def _leading_date(words: list[str], today: date, reader: DateReader) -> tuple[list[str], date] | None:
    for end in range(len(words) - 1, 0, -1):  # longest run first, leaving a name
        when = reader.read(" ".join(words[:end]), today=today)
        if when is not None:
            return words[:end], when
    return None


def parse_met_line(text: str, *, today: date, reader: DateReader, max_length: int = 3000) -> MetLine:
    """Parse one `/met` line; raise MetLineError with a reason code if it can't be read.

    Future dates are returned as they are: refusing them is up to the caller.
    """
    text = text.strip()
    if not text:
        raise MetLineError("empty")
    if len(text) > max_length:
        raise MetLineError("too_long", str(len(text)))

    head, notes = _split_head(text)
    notes = notes.strip()
    themes = _themes(head) + _themes(notes)
    tiers = _tiers(head) + _tiers(notes)
    notes = _TRAILING_TAGS.sub("", notes).strip()

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

    parts = [_read_part(segment, today, reader) for segment in _split_people(head)]
    parts = [p for p in parts if p.name or p.organisation or p.date_phrase]

    dated = [p for p in parts if p.occurred_on is not None]
    if len({p.occurred_on for p in dated}) > 1:
        # Two different dates in one line: which one is meant is a guess.
        raise MetLineError("unreadable_date", " / ".join(p.date_phrase or "" for p in dated))
    if not parts or any(not p.name for p in parts):
        raise MetLineError("no_name")

    when = dated[0].occurred_on if dated else None
    return MetLine(
        people=tuple(PersonRef(p.name, p.organisation) for p in parts),
        occurred_on=when or today,
        date_phrase=dated[0].date_phrase if dated else None,
        colleagues=colleagues,
        themes=_dedupe(themes),
        tier=tiers[-1] if tiers else None,
        notes=notes,
    )
