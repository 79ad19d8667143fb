"""Calendar conventions: value -> period, seasons, parts of periods."""

from __future__ import annotations

import datetime as dt

import pytest

from timeline.temporal.calendar import cut_part, easter, holiday, value_period
from timeline.temporal.types import Precision

D = dt.date


@pytest.mark.parametrize(
    ("value", "period"),
    [
        ("2025-04-28", (D(2025, 4, 28), D(2025, 4, 28), Precision.DAY)),
        ("2025-04-27TMO", (D(2025, 4, 27), D(2025, 4, 27), Precision.DAY)),
        ("2025-W17", (D(2025, 4, 21), D(2025, 4, 27), Precision.WEEK)),
        ("2025-W17-WE", (D(2025, 4, 26), D(2025, 4, 27), Precision.WEEK)),
        ("2025-02", (D(2025, 2, 1), D(2025, 2, 28), Precision.MONTH)),
        ("2024-SU", (D(2024, 6, 1), D(2024, 8, 31), Precision.SEASON)),
        ("2024-WI", (D(2024, 12, 1), D(2025, 2, 28), Precision.SEASON)),
        ("2025-Q2", (D(2025, 4, 1), D(2025, 6, 30), Precision.QUARTER)),
        ("2025-H2", (D(2025, 7, 1), D(2025, 12, 31), Precision.HALF)),
        ("2025", (D(2025, 1, 1), D(2025, 12, 31), Precision.YEAR)),
        ("199", (D(1990, 1, 1), D(1999, 12, 31), Precision.DECADE)),
        ("19", (D(1900, 1, 1), D(1999, 12, 31), Precision.CENTURY)),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_value_denotes_its_calendar_period(value, period):
    assert value_period(value) == period


@pytest.mark.parametrize("value", ["XXXX-SU", "PRESENT_REF", "P3D", "2025-13", "2025-02-30", ""])
def test_values_without_a_calendar_period_give_none(value):
    assert value_period(value) is None


@pytest.mark.parametrize(
    ("mod", "expected"),
    [
        ("START", (D(2025, 4, 1), D(2025, 4, 10))),
        ("MID", (D(2025, 4, 11), D(2025, 4, 20))),
        ("END", (D(2025, 4, 21), D(2025, 4, 30))),
        (None, (D(2025, 4, 1), D(2025, 4, 30))),
    ],
)
def test_part_of_period_is_a_third_of_it(mod, expected):
    assert cut_part(D(2025, 4, 1), D(2025, 4, 30), mod) == expected


def test_movable_holidays():
    assert easter(2025) == D(2025, 4, 20)
    assert holiday(2024, "thanksgiving-us") == D(2024, 11, 28)
    assert holiday(2025, "easter+39") == D(2025, 5, 29)  # Ascension
