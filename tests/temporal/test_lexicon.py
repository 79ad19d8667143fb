"""Language files: every one compiles, and the word-table regexes match exactly their words."""

from __future__ import annotations

import re

import pytest

from timeline.temporal.lexicon import _alternation, available_languages, grammar
from timeline.temporal.resolve import RESOLVERS


def test_french_and_english_are_available():
    assert {"fr", "en"} <= set(available_languages())


@pytest.mark.parametrize("lang", available_languages())
def test_language_file_compiles_and_names_known_resolvers(lang):
    g = grammar(lang)
    assert g.rules
    assert {r.kind for r in g.rules} <= set(RESOLVERS)
    assert g.tables["MONTH"] and g.tables["WEEKDAY"]


def test_grammar_is_compiled_once_per_language():
    assert grammar("fr") is grammar("fr")


def test_trie_alternation_matches_each_word_whole_and_nothing_else():
    words = ["mar.", "march", "may", "monday", "mon.", "mi", "mi-temps", "l'an", "week-end"]
    pattern = re.compile(_alternation(words) + r"\Z")
    for word in words:
        assert pattern.match(word), word
    for other in ["ma", "marc", "mond", "m", "lan"]:
        assert not pattern.match(other), other
    assert pattern.match("l’an") and pattern.match("week - end")


@pytest.mark.parametrize(
    ("lang", "text", "value"),
    [
        ("fr", "dix-huit", 18),
        ("fr", "quatre-vingt-dix", 90),
        ("fr", "vingt et un", 21),
        ("fr", "30,4", 30.4),
        ("en", "twenty-four", 24),
        ("en", "a hundred", None),
        ("en", "two hundred", 200),
    ],
)
def test_numbers_in_words_and_digits(lang, text, value):
    got = grammar(lang).number(text)
    if value is not None:
        assert got == value
