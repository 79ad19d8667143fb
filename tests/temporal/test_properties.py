"""Properties that hold for any input: no crash, spans inside the text, no overlap, valid values."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.temporal.helpers import TIMEX3_VALUE
from timeline.temporal import TimexType, tag
from timeline.temporal.lexicon import grammar
from timeline.temporal.tagger import _tag

# Text made of temporal vocabulary, digits and punctuation finds far more corner cases than
# random unicode alone.
WORDS = {
    "fr": [
        "le",
        "la",
        "l'",
        "du",
        "au",
        "en",
        "il",
        "y",
        "a",
        "dans",
        "ces",
        "les",
        "dernières",
        "derniers",
        "prochain",
        "dernier",
        "fin",
        "début",
        "mi-",
        "lundi",
        "samedi",
        "hier",
        "aujourd'hui",
        "demain",
        "veille",
        "lendemain",
        "matin",
        "soir",
        "semaine",
        "mois",
        "an",
        "année",
        "été",
        "hiver",
        "janvier",
        "avril",
        "mai",
        "août",
        "décembre",
        "1er",
        "26",
        "2024",
        "98",
        "h",
        "21",
        "45",
        "/",
        "-",
        ",",
        ".",
        "trois",
        "deux",
        "chaque",
        "tous",
        "jours",
        "semaines",
        "désormais",
        "récemment",
        "trimestre",
        "années",
        "1990",
        "siècle",
        "XXe",
        "Noël",
        "av. J.-C.",
        "480",
        "1915-17",
        "depuis",
        "suivante",
        "précédent",
        "plus tard",
        "il y a près d'un",
        "une dizaine d'années",
        "avenir",
        "jeudi 3",
    ],
    "en": [
        "the",
        "a",
        "an",
        "on",
        "in",
        "last",
        "next",
        "this",
        "early",
        "late",
        "mid-",
        "ago",
        "from",
        "now",
        "Monday",
        "Friday",
        "May",
        "March",
        "April",
        "December",
        "26",
        "2025",
        "1990s",
        "8",
        "PM",
        "p.m.",
        "a.m.",
        ":",
        ",",
        ".",
        "-",
        "two",
        "three",
        "weeks",
        "days",
        "years",
        "quarter",
        "third-quarter",
        "every",
        "daily",
        "today",
        "yesterday",
        "tonight",
        "morning",
        "night",
        "summer",
        "fall",
        "recent",
        "nineteen",
        "ninety-six",
        "Christmas",
        "year",
        "earlier",
        "BC",
        "480",
        "1915-17",
        "since",
        "following",
        "previous",
        "later",
        "that same day",
        "nearly",
        "the 3rd",
        "1940",
        "1942",
    ],
}


def _texts(lang: str) -> st.SearchStrategy[str]:
    vocab = st.sampled_from(WORDS[lang])
    return st.one_of(
        st.text(max_size=200),
        st.lists(st.one_of(vocab, st.text(max_size=4)), max_size=40).map(" ".join),
    )


dates = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))


def _check(text: str, lang: str, dct: dt.date) -> None:
    found = tag(text, lang, dct)
    assert isinstance(found, list)
    last_end = 0
    for t in found:
        assert 0 <= last_end <= t.start < t.end <= len(text), "spans in order, inside, apart"
        assert text[t.start : t.end] == t.text
        assert t.type in set(TimexType)
        assert TIMEX3_VALUE.match(t.value), t.value
        if t.period_start is not None:
            assert t.period_end is not None and t.period_start <= t.period_end
            assert t.precision is not None
        last_end = t.end


@pytest.mark.parametrize("lang", ["fr", "en"])
@settings(max_examples=150, deadline=None)
@given(data=st.data(), dct=dates)
def test_any_text_gives_well_formed_non_overlapping_expressions(lang, data, dct):
    _check(data.draw(_texts(lang)), lang, dct)


@pytest.mark.parametrize("lang", ["fr", "en"])
@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_trigger_regions_find_the_same_expressions_as_scanning_everything(lang, data):
    text = data.draw(_texts(lang))
    dct = dt.date(2025, 4, 28)
    assert _tag(text, grammar(lang), dct, whole_text=False) == _tag(text, grammar(lang), dct, whole_text=True)


def test_unknown_language_gives_nothing():
    assert tag("le 26 avril 2025", "xx", dt.date(2025, 4, 28)) == []


@pytest.mark.parametrize("text", ["", "\x00\x00", "31/02/2025", "le 31 février 2025", "9999-99-99"])
def test_impossible_or_empty_input_gives_no_crash(text):
    assert all(TIMEX3_VALUE.match(t.value) for t in tag(text, "fr", dt.date(2025, 4, 28)))


def test_extreme_publication_dates_give_no_crash():
    for dct in (dt.date(1, 1, 1), dt.date(9999, 12, 31)):
        for lang in ("fr", "en"):
            _check("hier, l'an dernier, next year, 12 décembre, in two weeks, dans 3 ans", lang, dct)


@pytest.mark.parametrize(
    ("lang", "unit"),
    [("en", "twenty-one "), ("en", "nineteen ninety-six "), ("fr", "dix-huit et "), ("fr", "mai juin ")],
    ids=["number words", "spoken years", "french numbers", "many months"],
)
def test_repetitive_text_gives_well_formed_expressions(lang, unit):
    # Long runs of number words and month names once made the rules backtrack; how fast they
    # are tagged is measured by bench/bench_tagger.py --pathological, not asserted here.
    text = unit * (20_000 // len(unit))
    _check(text, lang, dt.date(2025, 4, 28))
