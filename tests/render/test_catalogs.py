"""Every text Goodwill can show, in both languages, read by a test: real plurals, no slashed alternatives,
no Dutch sentence opening with a lower-case weekday or month."""

from __future__ import annotations

import importlib
import pkgutil
import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

import bot
import handlers
from bot.i18n import Catalog, language_code, language_of, plural_form
from bot.render.gatherings import when

# "relation(s)", "doel(en)", "thema('s)", "vastgelegd(e)": a word with its plural in brackets.
BRACKETED_PLURAL = re.compile(r"[^\W\d_]\((?:s|es|en|e|n|'s|ren)\)", re.IGNORECASE)
# "eigenaar/eigenaren", "in/bij", "owner/s": alternatives for the reader to choose from. ("t/m" is Dutch for
# "up to and including"; commands such as `/goodwill` have no letter before their slash.)
SLASHED = re.compile(r"[^\W\d_]{2,}/[^\W\d_]{2,}")
WEEKDAYS_AND_MONTHS = (
    "maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|ma|di|wo|do|vr|za|zo|januari|februari|maart|april"
    "|mei|juni|juli|augustus|september|oktober|november|december|jan|feb|mrt|apr|jun|jul|aug|sep|okt|nov|dec"
)
LOWER_CASE_DAY_FIRST = re.compile(rf"^(?:{WEEKDAYS_AND_MONTHS})\b")


def _all_catalogs() -> list[Catalog]:
    for package in (bot, handlers):
        for module in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            if not module.name.endswith("__main__"):  # `python -m bot` runs the command line
                importlib.import_module(module.name)
    return Catalog.made


def _all_texts() -> list[tuple[str, str, str]]:
    return [text for catalog in _all_catalogs() for text in catalog.texts()]


def test_the_walk_finds_every_surfaces_catalog():
    texts = _all_texts()
    keys = {key for key, _, _ in texts}
    # one key of each surface: help, nudge, digest, home, card, events, recording, forget, language …
    assert {"intro", "show_all", "attention", "cadence", "planned", "recorded", "ask", "chosen", "topics"} <= keys
    assert len(texts) > 600


@pytest.mark.parametrize("pattern", [BRACKETED_PLURAL, SLASHED], ids=["bracketed plural", "slashed alternative"])
def test_no_text_leaves_the_reader_to_choose_a_form(pattern):
    found = [f"{key} ({language}): {text!r}" for key, language, text in _all_texts() if pattern.search(text)]
    assert found == []


def _is_a_list_of_names(text: str) -> bool:
    return "|" in text and " " not in text  # "maandag|dinsdag|…": the names themselves, not a sentence


def test_no_dutch_text_opens_with_a_lower_case_weekday_or_month():
    found = [
        f"{key}: {text!r}"
        for key, language, text in _all_texts()
        if language == "nl" and LOWER_CASE_DAY_FIRST.match(text.lstrip("*_:~ ")) and not _is_a_list_of_names(text)
    ]
    assert found == []


def test_the_checks_catch_what_they_look_for():
    assert BRACKETED_PLURAL.search("You own 2 relation(s).") and BRACKETED_PLURAL.search("2 doel(en)")
    assert SLASHED.search("1 eigenaar/eigenaren") and SLASHED.search("in/bij Stadhuis")
    assert not SLASHED.search("ma 23 nov t/m zo 29 nov · `/goodwill taal nl`")
    assert LOWER_CASE_DAY_FIRST.match("vrijdag 11 december, 18:30 uur") and not LOWER_CASE_DAY_FIRST.match("Vrijdag")


def test_plural_forms_follow_english_and_dutch_rules():
    catalog = Catalog(
        {
            "relations": {
                "en": {"one": "{n} relation", "other": "{n} relations"},
                "nl": {"one": "{n} relatie", "other": "{n} relaties"},
            }
        }
    )
    Catalog.made.remove(catalog)
    assert [catalog("relations", "en", n=n) for n in (0, 1, 2)] == ["0 relations", "1 relation", "2 relations"]
    assert catalog("relations", "nl", n=1) == "1 relatie" and catalog("relations", "nl", n=21) == "21 relaties"
    assert plural_form(1) == "one" and plural_form(1.0) == "other" and plural_form(0) == "other"
    with pytest.raises(ValueError):
        Catalog({"broken": {"en": {"one": "x"}, "nl": "y"}})


def test_the_language_is_the_members_choice_else_the_workspaces_else_english():
    assert language_of("nl", "en") == "nl"
    assert language_of(None, "nl-NL") == "nl"
    assert language_of(None, None) == "en"
    assert language_of("fr", "de") == "en"  # Goodwill speaks English and Dutch
    assert language_code("nl_BE") == "nl" and language_code("en-GB") == "en" and language_code("") is None


def test_a_dutch_line_that_starts_with_the_day_starts_with_a_capital():

    friday = datetime(2026, 12, 11, 17, 30, tzinfo=UTC)
    assert when(friday, ZoneInfo("Europe/Amsterdam"), "nl", start=True) == "Vrijdag 11 december 2026, 18:30 uur"
    assert when(friday, ZoneInfo("Europe/Amsterdam"), "nl") == "vrijdag 11 december 2026, 18:30 uur"
