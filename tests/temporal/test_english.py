"""English: each phenomenon the tagger must handle, as (sentence, DCT, span, type, value, period)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.temporal.helpers import only
from timeline.temporal import Precision, tag

D = dt.date
DCT = D(2025, 4, 28)  # a Monday

CASES = [
    (
        "The Kremlin said on April 26, 2025 that the region was retaken.",
        "April 26, 2025",
        "DATE",
        "2025-04-26",
        (D(2025, 4, 26), D(2025, 4, 26)),
        "day",
    ),
    (
        "Talks resumed on 26 April 2025.",
        "26 April 2025",
        "DATE",
        "2025-04-26",
        (D(2025, 4, 26), D(2025, 4, 26)),
        "day",
    ),
    ("Prices fell in April 2025.", "April 2025", "DATE", "2025-04", (D(2025, 4, 1), D(2025, 4, 30)), "month"),
    (
        "Troops arrived last summer.",
        "last summer",
        "DATE",
        "2024-SU",
        (D(2024, 6, 1), D(2024, 8, 31)),
        "season",
    ),
    (
        "A vote took place in early December.",
        "early December",
        "DATE",
        "2024-12",
        (D(2024, 12, 1), D(2024, 12, 10)),
        "month",
    ),
    (
        "It happened late last July.",
        "late last July",
        "DATE",
        "2024-07",
        (D(2024, 7, 21), D(2024, 7, 31)),
        "month",
    ),
    ("The president spoke today.", "today", "DATE", "2025-04-28", (DCT, DCT), "day"),
    (
        "The minister resigned yesterday.",
        "yesterday",
        "DATE",
        "2025-04-27",
        (D(2025, 4, 27), D(2025, 4, 27)),
        "day",
    ),
    (
        "Elections will be held next month.",
        "next month",
        "DATE",
        "2025-05",
        (D(2025, 5, 1), D(2025, 5, 31)),
        "month",
    ),
    (
        "The ceasefire collapsed two weeks ago.",
        "two weeks ago",
        "DATE",
        "2025-W16",
        (D(2025, 4, 14), D(2025, 4, 20)),
        "week",
    ),
    (
        "Sales rose in the third quarter.",
        "the third quarter",
        "DATE",
        "2024-Q3",
        (D(2024, 7, 1), D(2024, 9, 30)),
        "quarter",
    ),
    (
        "Fighting intensified in recent weeks.",
        "recent weeks",
        "DURATION",
        "PXW",
        (D(2025, 3, 31), DCT),
        "approximate",
    ),
    ("The army is now in control.", "now", "DATE", "PRESENT_REF", (DCT, DCT), "day"),
    (
        "The vote happened in the 1990s.",
        "the 1990s",
        "DATE",
        "199",
        (D(1990, 1, 1), D(1999, 12, 31)),
        "decade",
    ),
    ("The blast occurred at 8 PM.", "8 PM", "TIME", "2025-04-28T20:00", (DCT, DCT), "day"),
    ("He left this morning.", "this morning", "TIME", "2025-04-28TMO", (DCT, DCT), "day"),
    ("The strike lasted three days.", "three days", "DURATION", "P3D", None, None),
    ("He signed a two-year contract.", "two-year", "DURATION", "P2Y", None, None),
    ("The council meets every week.", "every week", "SET", "P1W", None, None),
    ("Figures are published daily.", "daily", "SET", "P1D", None, None),
]


@pytest.mark.parametrize(
    ("sentence", "span", "ttype", "value", "period", "precision"),
    CASES,
    ids=[c[1] for c in CASES],
)
def test_english_expression_is_found_and_resolved(sentence, span, ttype, value, period, precision):
    timex = only(sentence, "en", DCT, span)
    assert (timex.type, timex.value) == (ttype, value)
    if period is None:
        assert timex.period_start is None and timex.precision is None
    else:
        assert (timex.period_start, timex.period_end) == period
        assert timex.precision == Precision(precision)


def test_between_two_months_gives_two_months():
    found = [(t.text, t.value) for t in tag("Prices rose between March and May.", "en", DCT)]
    assert found == [("March", "2025-03"), ("May", "2025-05")]


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("The company said Friday it would cut jobs.", "2025-04-25"),
        ("The talks will resume Thursday.", "2025-05-01"),
        ("He met the envoy last Monday.", "2025-04-21"),
    ],
    ids=["past", "future tense", "last"],
)
def test_relative_weekday_resolves_against_publication_date(sentence, value):
    weekdays = [t for t in tag(sentence, "en", DCT) if t.type == "DATE"]
    assert [t.value for t in weekdays] == [value]


def test_lowercase_may_is_not_a_month():
    assert tag("Officials said the talks may fail.", "en", DCT) == []


def test_a_year_ago_follows_the_quarter_under_discussion():
    text = "Profit rose in the third quarter from $3 million a year ago."
    values = [t.value for t in tag(text, "en", D(1989, 10, 26))]
    assert values == ["1989-Q3", "1988-Q3"]


@pytest.mark.parametrize(
    ("sentence", "value"),
    [("Troops were home by Christmas.", "2024-12-25"), ("Troops will be home by Christmas.", "2025-12-25")],
    ids=["past", "future tense"],
)
def test_holiday_is_resolved_to_its_date(sentence, value):
    assert only(sentence, "en", DCT, "Christmas").value == value


def test_spelled_out_year():
    assert only("It was built in nineteen ninety-six.", "en", DCT, "nineteen ninety-six").value == "1996"


@pytest.mark.parametrize(
    ("sentence", "span", "ttype", "value"),
    [
        ("They will meet again in two weeks.", "in two weeks", "DATE", "2025-W20"),
        ("It was the first such attack in 20 years.", "in 20 years", "DURATION", "P20Y"),
    ],
    ids=["future clause: a date", "otherwise: a span"],
)
def test_in_n_units_is_a_date_only_in_a_future_clause(sentence, span, ttype, value):
    timex = only(sentence, "en", DCT, span)
    assert (timex.type, timex.value) == (ttype, value)


@pytest.mark.parametrize(
    ("sentence", "span", "value"),
    [
        ("The company reported Q3 results.", "Q3", "2024-Q3"),
        ("Revenue rose in Q1 2025.", "Q1 2025", "2025-Q1"),
        ("Growth slowed in the first half of 2025.", "the first half of 2025", "2025-H1"),
        ("He was elected in 1998. Later that year he resigned.", "Later that year", "1998"),
        ("Talks are set for Jan 5 in Geneva.", "Jan 5", "2026-01-05"),
    ],
    ids=["Q3", "Q1 2025", "first half", "that year", "Jan 5 future"],
)
def test_quarters_halves_and_anchored_years(sentence, span, value):
    assert only(sentence, "en", DCT, span).value == value


@pytest.mark.parametrize(
    ("sentence", "span", "value"),
    [
        ("It lasted 2 1/2 years.", "2 1/2 years", "P2Y6M"),
        ("He spoke for half an hour.", "half an hour", "PT30M"),
        ("He waited a minute and a half.", "a minute and a half", "PT1M30S"),
    ],
    ids=["2 1/2 years", "half an hour", "a minute and a half"],
)
def test_fractional_durations_use_the_next_smaller_unit(sentence, span, value):
    assert only(sentence, "en", DCT, span).value == value


@pytest.mark.parametrize(
    ("sentence", "span", "value"),
    [
        ("He arrived at 4 in the morning.", "4 in the morning", "2025-04-28T04:00"),
        ("Police said the crash happened around 10 p.m. Saturday.", "10 p.m.", "2025-04-26T22:00"),
        ("Fighting continued Monday night.", "Monday night", "2025-04-28TNI"),
        ("It happened mid-afternoon yesterday.", "mid-afternoon yesterday", "2025-04-27TAF"),
    ],
    ids=["in the morning", "time then day", "weekday night", "mid-afternoon yesterday"],
)
def test_times_of_day(sentence, span, value):
    assert only(sentence, "en", DCT, span).value == value


def test_ages_and_ordinals_are_not_durations():
    for text in ("He is 45 years old.", "He won a second term.", "It took three-quarters of the vote."):
        assert tag(text, "en", DCT) == []
