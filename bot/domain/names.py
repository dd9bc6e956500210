"""Names of relations: the normal form used for matching, and fuzzy matching of what people type."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

# Particles of Dutch (and other) surnames: too common to say anything about who is meant.
PARTICLES = frozenset({"de", "der", "den", "van", "von", "het", "te", "ter", "ten", "la", "le", "el", "al", "du", "di"})
LIKELY = 85  # a score from here on is probably the same person, but we ask


def normalise_name(name: str) -> str:
    """Casefolded, whitespace collapsed, in NFC: 'Jan  de VRIES' and 'jan de vries' are one relation."""
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def name_tokens(name: str) -> list[str]:
    """The words of a name that identify someone, accents removed: used to find fuzzy candidates by index."""
    plain = unicodedata.normalize("NFKD", normalise_name(name))
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    words = ("".join(ch for ch in word if ch.isalnum()) for word in plain.split())
    return list(dict.fromkeys(w for w in words if len(w) >= 2 and w not in PARTICLES))[:8]


VARIANT_MIN = 4  # shorter words are matched exactly: their one-letter-off variants say too little


def deletion_variants(word: str) -> set[str]:
    """The word with one letter left out. Two words one typo apart (a letter wrong, missing, extra, or two
    letters swapped) share a variant, so typos are found by index lookups instead of scanning every name."""
    if len(word) < VARIANT_MIN:
        return set()
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def index_keys(name: str) -> list[tuple[str, bool]]:
    """(key, is_variant) rows to index for a name: its words, and their one-deletion variants."""
    keys: dict[str, bool] = {}
    for word in name_tokens(name):
        keys[word] = False
    for word in name_tokens(name):
        for variant in deletion_variants(word):
            keys.setdefault(variant, True)
    return list(keys.items())


def lookup_keys(word: str) -> set[str]:
    """Keys to look up for a typed word: itself and its variants (matching indexed words and variants)."""
    return {word} | deletion_variants(word)


@dataclass(frozen=True)
class Candidate:
    relation_id: int
    name: str
    organisation: str | None


@dataclass(frozen=True)
class Resolution:
    """How a typed name maps onto the workspace's relations."""

    status: str  # "exact" (use `chosen`), "uncertain" (ask, offering `options`), "new" (create)
    chosen: Candidate | None = None
    options: tuple[Candidate, ...] = ()


# How alike two normalised names are, 0–100: tolerant of a typo or two (ratio) and of word order
# ('Vries, Jan de': token_sort_ratio); a name's score is the best of them.
SIMILARITY = (fuzz.ratio, fuzz.token_sort_ratio)


def scores(query: str, names: Sequence[str], scorers=SIMILARITY, *, cutoff: float) -> dict[int, float]:
    """The best score of `scorers` per index of `names` (both normalised), for those scoring at least `cutoff`.

    rapidfuzz compares the whole list in C and, given the cutoff, stops early on names that cannot reach it:
    a few hundred candidates cost a tenth of what one call per name and scorer did."""
    best: dict[int, float] = {}
    for scorer in scorers:
        for _, score, index in process.extract(
            query, names, scorer=scorer, processor=None, score_cutoff=cutoff, limit=None
        ):
            if score > best.get(index, -1):
                best[index] = score
    return best


def resolve_name(name: str, organisation: str | None, candidates: Sequence[Candidate], *, limit: int = 3) -> Resolution:
    """Match a typed name to existing relations: never silently duplicate, never silently guess.

    One exact (case-insensitive) match is certain; several exact matches are told apart by organisation,
    else asked. Without an exact match, close names (typos) are offered to confirm; otherwise it is new.
    """
    key = normalise_name(name)
    keys = [normalise_name(c.name) for c in candidates]
    exact = [c for c, candidate_key in zip(candidates, keys, strict=True) if candidate_key == key]
    if len(exact) == 1:
        return Resolution("exact", exact[0])
    if exact:
        if organisation:
            same_org = [c for c in exact if normalise_name(c.organisation or "") == normalise_name(organisation)]
            if len(same_org) == 1:
                return Resolution("exact", same_org[0])
        return Resolution("uncertain", options=tuple(exact[: limit + 2]))
    scored = sorted(
        ((score, candidates[i]) for i, score in scores(key, keys, cutoff=LIKELY).items()),
        key=lambda pair: (-pair[0], pair[1].relation_id),
    )
    close = tuple(c for _, c in scored)[:limit]
    return Resolution("uncertain", options=close) if close else Resolution("new")


def closest_names(
    query: str, candidates: Sequence[Candidate], *, limit: int = 5, cutoff: float = 60
) -> list[Candidate]:
    """The best matches for a search (for /relation and pickers), best first: a name can also contain what
    was typed (partial_ratio)."""
    found = scores(
        normalise_name(query),
        [normalise_name(c.name) for c in candidates],
        (*SIMILARITY, fuzz.partial_ratio),
        cutoff=cutoff,
    )
    scored = sorted(((score, candidates[i]) for i, score in found.items()), key=lambda pair: (-pair[0], pair[1].name))
    return [c for _, c in scored][:limit]
