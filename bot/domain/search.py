"""Searching what was discussed: the words of a text as the search index holds them, and the passage to show.

One rule turns text into index terms, for the notes stored and for the words searched alike: fold case and
diacritics (`Café` is `cafe`), split into words, and give each word its Dutch and its English Snowball stem
(PyStemmer, the Snowball project's own C stemmers). A word is found when the text has a word with the same
Dutch or the same English stem, whatever language either was written in: `subsidies` and `subsidie` share
their English stem `subsidi`, `woningen` and `woning` their Dutch stem `woon`, `housing` and `houses` their
English stem `hous`, and `aanvraag`, `aanvragen` and `aangevraagd` their Dutch stem `aanvraag` (Snowball's
current Dutch stemmer removes the `ge` of past participles; PostgreSQL 15's built-in `dutch` configuration
still has the older one, which leaves `aangevraagd` as it is — one reason both databases index these terms
rather than their own stems). Stop words of either language (`de`, `the`) are not indexed.

Knows neither Slack nor SQL.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import Stemmer

# Snowball's stop word lists (the ones PostgreSQL's dutch and english configurations use).
_DUTCH = """
de en van ik te dat die in een hij het niet zijn is was op aan met als voor had er maar om hem dan zou of
wat mijn men dit zo door over ze zich bij ook tot je mij uit der daar haar naar heb hoe heeft hebben deze u
want nog zal me zij nu ge geen omdat iets worden toch al waren veel meer doen toen moet ben zonder kan hun
dus alles onder ja eens hier wie werd altijd doch wordt wezen kunnen ons zelf tegen na reeds wil kon niets
uw iemand geweest andere
"""
_ENGLISH = """
i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her hers
herself it its itself they them their theirs themselves what which who whom this that these those am is are
was were be been being have has had having do does did doing a an the and but if or because as until while
of at by for with about against between into through during before after above below to from up down in out
on off over under again further then once here there when where why how all any both each few more most
other some such no nor not only own same so than too very s t can will just don should now
"""
DUTCH_STOP_WORDS = frozenset(_DUTCH.split())
ENGLISH_STOP_WORDS = frozenset(_ENGLISH.split())

# A stop word of either language says nothing in a bilingual network: `de` would be the English "de", `the` a
# Dutch "the", and between them they would be in every meeting. (So `door` and `want`, English nouns but
# Dutch stop words, are not searchable: a small price for an index a third smaller.)
STOP_WORDS = DUTCH_STOP_WORDS | ENGLISH_STOP_WORDS

WORD_MAX = 40  # longer "words" (a pasted link, a hash) are not words anyone searches for
SEARCH_WORDS_MAX = 8  # a question longer than this is cut: more words only narrow what is found
_WORD = re.compile(r"[^\W_]+")

# PyStemmer's stemmers keep a cache and are not thread-safe: one pair per thread (gunicorn runs threads).
_local = threading.local()


def _stemmers() -> tuple[Stemmer.Stemmer, Stemmer.Stemmer]:
    pair = getattr(_local, "stemmers", None)
    if pair is None:
        pair = _local.stemmers = (Stemmer.Stemmer("dutch"), Stemmer.Stemmer("english"))
    return pair


def fold(text: str) -> str:
    """Case and diacritics folded: 'Café Überweg' → 'cafe uberweg' (ĳ → ij, ß → ss)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@dataclass(frozen=True)
class Word:
    """A word of a text, where it stands (in the original text) and its folded form."""

    start: int
    end: int
    folded: str


def words(text: str) -> list[Word]:
    """The words of a text with their places: runs of letters and digits, apostrophes and hyphens splitting
    (`auto's` is `auto`, `kick-off` is `kick` and `off`). Folding never changes where a word stands, because
    it is done per word."""
    found = []
    for match in _WORD.finditer(text):
        word = match.group()
        # Most words are plain ASCII: lower case is all their folding needs (and much quicker than NFKD).
        folded = word.lower() if word.isascii() else "".join(_WORD.findall(fold(word)))
        if folded and len(folded) <= WORD_MAX:
            found.append(Word(match.start(), match.end(), folded))
    return found


def folded_words(text: str) -> list[str]:
    """words() without their places: what indexing needs, quicker."""
    found = []
    for word in _WORD.findall(text):
        folded = word.lower() if word.isascii() else "".join(_WORD.findall(fold(word)))
        if folded and len(folded) <= WORD_MAX:
            found.append(folded)
    return found


# A network's notes use a few tens of thousands of distinct words: their terms are remembered (thread-safe).
@lru_cache(maxsize=100_000)
def word_terms(folded: str) -> frozenset[str]:
    """The index terms of one folded word: its Dutch and its English stem (often the same); none for a stop
    word of either language or a single letter; a number is itself."""
    if folded.isdigit():
        return frozenset((folded,))
    if len(folded) < 2 or folded in STOP_WORDS:
        return frozenset()
    dutch, english = _stemmers()
    return frozenset((dutch.stemWord(folded), english.stemWord(folded)))


def index_terms(*texts: str | None) -> list[str]:
    """Every term of these texts, once each, in order: what the index holds for them."""
    terms: dict[str, None] = {}
    for text in texts:
        if text:
            for folded in folded_words(unicodedata.normalize("NFC", text)):
                for term in _ordered_terms(folded):
                    terms[term] = None
    return list(terms)


@lru_cache(maxsize=100_000)
def _ordered_terms(folded: str) -> tuple[str, ...]:
    return tuple(sorted(word_terms(folded)))


def index_document(*texts: str | None) -> str:
    """index_terms as one string, terms separated by single spaces: the column the databases index."""
    return " ".join(index_terms(*texts))


@dataclass(frozen=True)
class SearchQuery:
    """What was typed, as index terms: one set per word, and a meeting matches when it has, for every word, at
    least one of its terms."""

    typed: str
    words: tuple[frozenset[str], ...]

    @property
    def empty(self) -> bool:
        return not self.words

    def matches(self, folded: str) -> bool:
        """Whether a word of a text (folded) is one of the words searched for: for the passage's bold."""
        terms = word_terms(folded)
        return any(terms & wanted for wanted in self.words)


def search_query(typed: str) -> SearchQuery:
    """The searchable words of a question: stop words in both languages and single letters say nothing, a word
    typed twice counts once, and at most SEARCH_WORDS_MAX words are kept."""
    wanted: list[frozenset[str]] = []
    for word in words(unicodedata.normalize("NFC", typed)):
        terms = word_terms(word.folded)
        if terms and terms not in wanted:
            wanted.append(terms)
    return SearchQuery(typed, tuple(wanted[:SEARCH_WORDS_MAX]))


# --- the passage shown --------------------------------------------------------------------------------
PASSAGE_CHARS = 240  # about two lines in Slack
PASSAGE_BEFORE = 60  # context kept before the first matching word


@dataclass(frozen=True)
class Passage:
    """A stretch of a text around the first word searched for: plain pieces, and which are the words found
    (the renderer escapes each piece and sets the found ones in bold)."""

    pieces: tuple[tuple[str, bool], ...]
    cut_before: bool
    cut_after: bool

    @property
    def text(self) -> str:
        return "".join(piece for piece, _ in self.pieces)

    @property
    def found(self) -> bool:
        return any(bold for _, bold in self.pieces)


def passage(text: str, query: SearchQuery, *, limit: int = PASSAGE_CHARS) -> Passage:
    """The part of `text` to show for `query`: from shortly before the first matching word, at most `limit`
    characters, cut between words; the whole text when it is short. Matching words are marked."""
    text = " ".join(unicodedata.normalize("NFC", text).split())
    found = [w for w in words(text) if query.matches(w.folded)]
    start = 0
    if len(text) > limit and found and found[0].start > PASSAGE_BEFORE:
        start = found[0].start - PASSAGE_BEFORE
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < found[0].start else found[0].start
    end = len(text)
    if end - start > limit:
        end = start + limit
        space = text.rfind(" ", start, end)
        if space > start:
            end = space
    pieces: list[tuple[str, bool]] = []
    at = start
    for word in found:
        if word.start < start or word.end > end:
            continue
        if word.start > at:
            pieces.append((text[at : word.start], False))
        pieces.append((text[word.start : word.end], True))
        at = word.end
    if at < end:
        pieces.append((text[at:end], False))
    return Passage(tuple(pieces), cut_before=start > 0, cut_after=end < len(text))


def first_passage(texts: Sequence[str | None], query: SearchQuery) -> Passage | None:
    """The passage of the first of these texts (notes, what we gave, what we got) that has a word searched
    for; else of the first that has any text (the meeting matched on its themes, organisation or gathering)."""
    present = [text for text in texts if text and text.strip()]
    for text in present:
        candidate = passage(text, query)
        if candidate.found:
            return candidate
    return passage(present[0], query) if present else None


def matching_names(names: Iterable[str], query: SearchQuery) -> set[str]:
    """Which of these names (themes, an organisation, a gathering) have a word searched for."""
    return {name for name in names if any(query.matches(word.folded) for word in words(name))}


# --- what a search answers ----------------------------------------------------------------------------
@dataclass(frozen=True)
class MetPerson:
    relation_id: int
    name: str
    organisation: str | None
    archived: bool


@dataclass(frozen=True)
class FoundMeeting:
    """A meeting that matched, as the one searching may see it: one line per meeting, however many people
    were met (a meeting with two people, or a gathering, is stored once per relation)."""

    occurred_on: date
    logged_by: str
    colleagues: tuple[str, ...]
    people: tuple[MetPerson, ...]
    kind: str | None
    themes: tuple[str, ...]
    gathering: str | None
    passage: Passage | None  # None when withheld or when there are no notes
    private: bool
    withheld: bool  # private, and the one searching is not its author


@dataclass(frozen=True)
class DiscussedAnswer:
    query: SearchQuery
    meetings: tuple[FoundMeeting, ...]
    more: bool  # more meetings match than these (the newest)

    @property
    def found(self) -> bool:
        return bool(self.meetings)
