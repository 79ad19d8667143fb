"""The in-memory timeline index agrees with plain SQL, pages through every card once, rebuilds on change."""

import datetime

import pytest
from django.db.models import Count

from tests.foundation.factories import make_article, make_event
from timeline.index import TimelineIndex, get_index
from timeline.linking.folding import fold
from timeline.models import Entity, Event

D = datetime.date


def test_a_card_is_a_group_dated_by_its_lead_event(small_timeline):
    index = TimelineIndex.build()
    assert index.size == 7  # eight events, two of them one happening
    assert small_timeline.kursk_retaken.pk in index.lead_ids
    assert small_timeline.kursk_retaken_en.pk not in index.lead_ids
    assert index.keys == sorted(index.keys)


def test_facet_counts_equal_the_plain_sql_answer(small_timeline):
    index = TimelineIndex.build()
    ru_mask = index.entity_mask(small_timeline.ru.pk)
    for kind in ("country", "person"):
        from_index = {info.id: count for info, count in index.facet(ru_mask, kind)}
        # The same question in SQL: groups involving Russia, counted per other entity.
        groups_with_ru = Event.objects.filter(mentions__entity=small_timeline.ru).values("group")
        from_sql = dict(
            Entity.objects.filter(kind=kind, mentions__event__group__in=groups_with_ru)
            .annotate(n=Count("mentions__event__group", distinct=True))
            .values_list("id", "n")
        )
        assert from_index == from_sql


def test_category_counts_and_histogram(small_timeline):
    index = TimelineIndex.build()
    assert index.category_counts(index.everything) == {"military": 5, "statement": 1, "diplomatic": 1}
    histogram = dict(index.histogram(index.everything))
    months = list(histogram)
    assert (months[0], months[-1]) == ("2024-08", "2025-04")
    assert histogram["2024-09"] == 0  # gaps are kept, so the chart's time axis is linear
    # "Recent weeks" (31 March to 28 April) counts in both months, as either month's filter shows it.
    assert histogram["2025-04"] == 4 and histogram["2025-03"] == 2


@pytest.mark.parametrize(
    ("date_from", "date_to", "expected"),
    [
        (D(2025, 4, 1), D(2025, 4, 30), {"kursk_retaken", "vatican", "confirmation", "recent_weeks"}),
        (D(2024, 10, 15), D(2024, 10, 15), {"nis_report"}),  # a month overlaps a day inside it
        (None, D(2024, 12, 31), {"incursion", "nis_report"}),
        (D(2025, 4, 27), None, {"confirmation", "recent_weeks"}),
    ],
    ids=["april", "inside-a-month", "open-start", "open-end"],
)
def test_date_range_selects_cards_whose_period_overlaps_it(small_timeline, date_from, date_to, expected):
    index = TimelineIndex.build()
    found = {index.lead_ids[p] for p in range(index.size) if index.date_mask(date_from, date_to) >> p & 1}
    assert found == {getattr(small_timeline, name).pk for name in expected}


def test_text_search_ignores_case_and_accents_and_knows_entity_names(small_timeline):
    index = TimelineIndex.build()

    def found(query):
        return {index.lead_ids[p] for p in range(index.size) if index.text_mask(query) >> p & 1}

    assert found("SEOUL nord-coreens") == {small_timeline.nis_report.pk}
    # Entity names are searchable: the French sentence says "Moscou", the card involves "Russia".
    assert small_timeline.kursk_retaken.pk in found("russia koursk")
    assert found("nothing like this") == set()
    assert fold("Corée’s") == "coree's"


@pytest.mark.parametrize("newest_first", [False, True], ids=["oldest-first", "newest-first"])
def test_paging_visits_every_card_once_in_order(small_timeline, newest_first):
    index = TimelineIndex.build()
    seen, cursor = [], ""
    while True:
        ids, cursor = index.page(index.everything, newest_first=newest_first, cursor=cursor, size=2)
        seen += ids
        if not cursor:
            break
    expected = list(reversed(index.lead_ids)) if newest_first else index.lead_ids
    assert seen == expected


def test_a_cursor_survives_a_rebuild_with_new_cards(small_timeline):
    index = TimelineIndex.build()
    _first_page, cursor = index.page(index.everything, newest_first=False, size=3)
    make_event(make_article(), (small_timeline.ru,), day=D(2020, 1, 1))  # a card before all others
    rebuilt = TimelineIndex.build()
    rest, _ = rebuilt.page(rebuilt.everything, newest_first=False, cursor=cursor, size=50)
    assert rest == index.lead_ids[3:]


def test_a_malformed_cursor_pages_past_the_end_instead_of_repeating_page_one(small_timeline):
    index = TimelineIndex.build()
    assert index.page(index.everything, newest_first=False, cursor="garbage", size=2) == ([], "")


def test_search_matches_word_starts_not_the_inside_of_words(small_timeline):
    index = TimelineIndex.build()
    # "us" is inside "Russia" on most cards, but starts no word of them (the US card has "United States").
    assert index.text_mask("us").bit_count() == 0
    assert index.text_mask("unit").bit_count() == 1
    assert index.text_mask("nord-coréens").bit_count() == 1  # punctuation splits words on both sides


def test_the_index_is_rebuilt_when_the_timeline_changes(small_timeline):
    before = get_index()
    assert get_index() is before  # unchanged data: the same index, no rebuild
    make_event(make_article(), (small_timeline.ru,), day=D(2025, 5, 1))
    after = get_index()
    assert after is not before and after.size == before.size + 1


def test_find_persons_matches_aliases_without_accents(small_timeline):
    small_timeline.putin.aliases.create(name="Vladimir Poutine", language="fr")
    index = TimelineIndex.build()
    assert [info.name for info, _ in index.find_persons("poutine")] == ["Vladimir Putin"]
    assert index.find_persons("p") == []  # one letter suggests nothing
