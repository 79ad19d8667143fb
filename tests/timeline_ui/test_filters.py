import datetime

import pytest
from django.http import QueryDict

from timeline.filters import TimelineFilters, parse_date, parse_filters
from timeline.index import CardIndex

D = datetime.date


@pytest.fixture
def index(small_timeline):
    return CardIndex.build()


@pytest.mark.parametrize(
    ("value", "end", "expected"),
    [
        ("2025-04-26", False, D(2025, 4, 26)),
        ("2025-04", False, D(2025, 4, 1)),
        ("2025-04", True, D(2025, 4, 30)),
        ("2024-02", True, D(2024, 2, 29)),
        ("2024", True, D(2024, 12, 31)),
        ("2025-13", False, None),
        ("2025-02-30", False, None),
        ("yesterday", False, None),
    ],
)
def test_dates_may_be_days_months_or_years(value, end, expected):
    assert parse_date(value, end=end) == expected


def test_valid_filters_are_kept_in_a_canonical_form(index):
    query = QueryDict(
        "country=ru&country=KP&person=vladimir-putin&category=military&from=2025-03&to=2025-04&q=Koursk"
    )
    filters = parse_filters(query, index)
    assert filters == TimelineFilters(
        countries=("RU", "KP"),
        persons=("vladimir-putin",),
        categories=("military",),
        date_from=D(2025, 3, 1),
        date_to=D(2025, 4, 30),
        q="Koursk",
    )
    assert filters.notes == ()


def test_unknown_and_malformed_values_are_ignored_with_a_note(index):
    query = QueryDict("country=XX&person=nobody&category=sports&from=2025-13&order=sideways&country=RU")
    filters = parse_filters(query, index)
    assert filters.countries == ("RU",)
    assert filters.persons == () and filters.categories == () and filters.date_from is None
    assert filters.order == "oldest"
    assert len(filters.notes) == 5
    assert "Unknown country “XX” ignored." in filters.notes


def test_reversed_dates_are_swapped_with_a_note(index):
    filters = parse_filters(QueryDict("from=2025-05-01&to=2025-04-01"), index)
    assert (filters.date_from, filters.date_to) == (D(2025, 4, 1), D(2025, 5, 1))
    assert filters.notes


def test_a_typed_person_name_selects_the_best_match_without_javascript(index):
    filters = parse_filters(QueryDict("person_q=zelensky"), index, typed_person=True)
    assert filters.persons == ("volodymyr-zelensky",)
    # With JavaScript the box only feeds the suggestions: it never adds a filter by itself.
    assert parse_filters(QueryDict("person_q=zelensky"), index).persons == ()


def test_query_string_round_trips(index):
    query = (
        "country=RU&person=vladimir-putin&category=military&from=2025-03-01&to=2025-04-30"
        "&q=Kursk&order=newest"
    )
    filters = parse_filters(QueryDict(query), index)
    assert filters.query_string() == "?" + query
    assert parse_filters(QueryDict(filters.query_string()[1:]), index) == filters


def test_removing_one_value(index):
    filters = parse_filters(QueryDict("country=RU&country=KP"), index)
    assert filters.without("countries", "RU") == "?country=KP"
    assert TimelineFilters().query_string() == "?"
