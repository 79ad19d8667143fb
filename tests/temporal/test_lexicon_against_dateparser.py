"""The hand-written word tables agree with dateparser's language data (month and weekday names)."""

from __future__ import annotations

import datetime as dt

import dateparser
import pytest

from timeline.temporal.lexicon import grammar

SETTINGS = {"PREFER_DATES_FROM": "past", "RELATIVE_BASE": dt.datetime(2020, 6, 15)}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_month_names_mean_the_month_dateparser_reads(lang):
    for name, month in grammar(lang).tables["MONTH"].items():
        parsed = dateparser.parse(f"15 {name} 2020", languages=[lang], settings=SETTINGS)
        assert parsed is not None and parsed.month == month, name


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_weekday_names_mean_the_weekday_dateparser_reads(lang):
    full_names = {k: v for k, v in grammar(lang).tables["WEEKDAY"].items() if "." not in k}
    for name, weekday in full_names.items():
        parsed = dateparser.parse(name, languages=[lang], settings=SETTINGS)
        assert parsed is not None and parsed.weekday() == weekday, name
