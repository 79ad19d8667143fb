import datetime

import pytest
from django.utils import translation

from timeline.period import Period

D = datetime.date


@pytest.mark.parametrize(
    ("lang", "start", "end", "precision", "extra", "expected"),
    [
        ("fr", D(2025, 4, 28), D(2025, 4, 28), "day", {}, "28 avril 2025"),
        ("en", D(2025, 4, 28), D(2025, 4, 28), "day", {}, "28 April 2025"),
        ("fr", D(2025, 5, 8), D(2025, 5, 10), "day", {}, "8 mai 2025 – 10 mai 2025"),
        ("fr", D(2024, 6, 1), D(2024, 8, 31), "season", {"timex": "2024-SU"}, "été 2024"),
        ("en", D(2024, 6, 1), D(2024, 8, 31), "season", {"timex": "2024-SU"}, "summer 2024"),
        ("fr", D(2025, 4, 21), D(2025, 4, 30), "month", {"mod": "END", "timex": "2025-04"}, "fin avril 2025"),
        ("en", D(2024, 12, 1), D(2024, 12, 10), "month", {"mod": "START"}, "early December 2024"),
        ("fr", D(2024, 10, 11), D(2024, 10, 20), "month", {"mod": "MID"}, "mi-octobre 2024"),
        ("fr", D(2024, 10, 1), D(2024, 10, 31), "month", {}, "octobre 2024"),
        ("en", D(2025, 4, 21), D(2025, 4, 27), "week", {}, "week of 21 April 2025"),
        ("fr", D(2025, 4, 1), D(2025, 6, 30), "quarter", {}, "T2 2025"),
        ("en", D(2024, 1, 1), D(2024, 12, 31), "year", {}, "2024"),
        ("fr", D(1990, 1, 1), D(1999, 12, 31), "decade", {}, "les années 1990"),
        (
            "fr",
            D(2025, 3, 31),
            D(2025, 4, 28),
            "approximate",
            {"date_text": "ces dernières semaines"},
            "≈ ces dernières semaines",
        ),
    ],
)
def test_dates_are_said_as_a_reader_of_the_language_would(lang, start, end, precision, extra, expected):
    with translation.override(lang):
        assert Period(start, end, precision, **extra).label() == expected


@pytest.mark.parametrize(
    ("precision", "expected_label", "expected_iso"),
    [("day", "≈ 28 April 2025", "2025-04-28"), ("month", "≈ April 2025", "2025-04")],
)
def test_an_estimate_is_marked_with_the_approximation_sign(precision, expected_label, expected_iso):
    end = D(2025, 4, 28) if precision == "day" else D(2025, 4, 30)
    start = D(2025, 4, 28) if precision == "day" else D(2025, 4, 1)
    with translation.override("en"):
        period = Period(start, end, precision, approximate=True)
        assert period.label() == expected_label and period.is_estimate
        assert period.iso() == expected_iso
        assert "day" not in period.date_fields(start)  # an estimate knows no day
        exact = Period(start, end, precision)
        assert not exact.is_estimate and "≈" not in exact.label()


def test_the_machine_readable_date_is_never_more_precise_than_the_period():
    assert Period(D(2024, 10, 1), D(2024, 10, 31), "month").iso() == "2024-10"
    assert Period(D(2024, 1, 1), D(2024, 12, 31), "year").iso() == "2024"
    assert Period(D(2024, 1, 1), D(2024, 12, 31), "year").date_fields(D(2024, 1, 1)) == {"year": 2024}
    assert Period(D(2025, 4, 21), D(2025, 4, 27), "week").date_fields(D(2025, 4, 21)) == {
        "year": 2025, "month": 4, "day": 21,
    }  # fmt: skip
