"""Reading cards: the in-process accelerator and the database give the same answers, agree with plain SQL,
page through every card once, and the accelerator follows changes without a rebuild."""

import datetime

import pytest
from django.db.models import Count

from tests.foundation.factories import make_article, make_event
from timeline import index as index_module
from timeline.filters import TimelineFilters
from timeline.index import CardIndex, DatabaseCards, get_index, months_of
from timeline.linking.folding import fold
from timeline.models import Entity, Event

D = datetime.date
EVERYTHING = TimelineFilters()


@pytest.fixture(params=["accelerator", "database"])
def cards(request, small_timeline):
    return CardIndex.build() if request.param == "accelerator" else DatabaseCards()


def leads(cards, filters=EVERYTHING, newest_first=False):
    return cards.all_leads(cards.select(filters), newest_first=newest_first)


def test_a_card_is_a_group_dated_by_its_lead_event(cards, small_timeline):
    found = leads(cards)
    assert len(found) == 7  # eight events, two of them one happening
    assert small_timeline.kursk_retaken.pk in found
    assert small_timeline.kursk_retaken_en.pk not in found
    events = Event.objects.in_bulk(found)
    keys = [(events[pk].date_start, events[pk].date_end, pk) for pk in found]
    assert keys == sorted(keys)


def test_facet_counts_equal_the_plain_sql_answer(cards, small_timeline):
    with_ru = cards.select(TimelineFilters(countries=("RU",)))
    for kind in ("country", "person"):
        from_cards = {info.id: count for info, count in cards.facet(with_ru, kind)}
        # The same question in SQL: groups involving Russia, counted per other entity.
        groups_with_ru = Event.objects.filter(mentions__entity=small_timeline.ru).values("group")
        from_sql = dict(
            Entity.objects.filter(kind=kind, mentions__event__group__in=groups_with_ru)
            .annotate(n=Count("mentions__event__group", distinct=True))
            .values_list("id", "n")
        )
        assert from_cards == from_sql


def test_category_counts_and_histogram(cards):
    everything = cards.select(EVERYTHING)
    counts = {name: n for name, n in cards.category_counts(everything).items() if n}
    assert counts == {"military": 5, "statement": 1, "diplomatic": 1}
    histogram = dict(cards.histogram(everything))
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
def test_date_range_selects_cards_whose_period_overlaps_it(
    cards, small_timeline, date_from, date_to, expected
):
    found = set(leads(cards, TimelineFilters(date_from=date_from, date_to=date_to)))
    assert found == {getattr(small_timeline, name).pk for name in expected}


def test_text_search_ignores_case_and_accents_and_knows_entity_names(cards, small_timeline):
    def found(query):
        return set(leads(cards, TimelineFilters(q=query)))

    assert found("SEOUL nord-coreens") == {small_timeline.nis_report.pk}
    # Entity names are searchable: the French sentence says "Moscou", the card involves "Russia".
    assert small_timeline.kursk_retaken.pk in found("russia koursk")
    assert found("nothing like this") == set()
    assert fold("Corée’s") == "coree's"


def test_search_matches_word_starts_not_the_inside_of_words(cards):
    def count(query):
        return cards.count(cards.select(TimelineFilters(q=query)))

    # "us" is inside "Russia" on most cards, but starts no word of them (the US card has "United States").
    assert count("us") == 0
    assert count("unit") == 1
    assert count("nord-coréens") == 1  # punctuation splits words on both sides


@pytest.mark.parametrize("newest_first", [False, True], ids=["oldest-first", "newest-first"])
def test_paging_visits_every_card_once_in_order(cards, newest_first):
    seen, cursor = [], ""
    everything = cards.select(EVERYTHING)
    while True:
        refs, cursor = cards.page(everything, newest_first=newest_first, cursor=cursor, size=2)
        seen += [ref.lead_event_id for ref in refs]
        if not cursor:
            break
    assert seen == leads(cards, newest_first=newest_first)
    assert seen[::-1] == leads(cards, newest_first=not newest_first)


def test_a_cursor_survives_new_cards(small_timeline):
    index = CardIndex.build()
    all_leads = leads(index)
    _first_page, cursor = index.page(index.select(EVERYTHING), newest_first=False, size=3)
    make_event(make_article(), (small_timeline.ru,), day=D(2020, 1, 1))  # a card before all others
    for cards in (DatabaseCards(), CardIndex.build()):
        rest, _ = cards.page(cards.select(EVERYTHING), newest_first=False, cursor=cursor, size=50)
        assert [ref.lead_event_id for ref in rest] == all_leads[3:]


def test_a_malformed_cursor_pages_past_the_end_instead_of_repeating_page_one(cards):
    assert cards.page(cards.select(EVERYTHING), newest_first=False, cursor="garbage", size=2) == ([], "")


def test_the_accelerator_follows_changes_without_a_rebuild(small_timeline):
    before = get_index()
    assert isinstance(before, CardIndex)
    make_event(make_article(), (small_timeline.ru,), day=D(2025, 5, 1), category="humanitarian")
    after = get_index()
    assert after is before  # the same index, brought up to date from the change log
    fresh = CardIndex.build()
    for filters in (EVERYTHING, TimelineFilters(countries=("RU",)), TimelineFilters(q="body")):
        assert leads(after, filters) == leads(fresh, filters) == leads(DatabaseCards(), filters)
    assert after.category_counts(after.select(EVERYTHING))["humanitarian"] == 1
    assert dict(after.histogram(after.select(EVERYTHING)))["2025-05"] == 1


def test_the_accelerator_forgets_deleted_cards_and_keeps_cached_searches_true(small_timeline):
    index = get_index()
    assert leads(index, TimelineFilters(q="sudzha")) == [small_timeline.sudzha_retaken.pk]  # now cached
    small_timeline.sudzha_retaken.delete()
    make_event(make_article(), (), day=D(2025, 5, 2), sentence="Sudzha again.")
    index = get_index()
    assert leads(index, TimelineFilters(q="sudzha")) == leads(DatabaseCards(), TimelineFilters(q="sudzha"))
    assert len(leads(index, TimelineFilters(q="sudzha"))) == 1
    assert small_timeline.sudzha_retaken.pk not in leads(index)


def test_the_first_request_is_answered_by_the_database_while_the_accelerator_builds(small_timeline, settings):
    settings.TIMELINE_ACCELERATOR_BACKGROUND = True
    index_module._current = None
    started = []
    index_module._building = type("Busy", (), {"is_alive": lambda self: started.append(1) or True})()
    try:
        assert isinstance(get_index(), DatabaseCards)  # no waiting for a build
    finally:
        index_module._building = None
    assert started  # a build was under way, so no second one started


def test_find_persons_matches_aliases_without_accents(cards, small_timeline):
    if isinstance(cards, CardIndex):
        small_timeline.putin.aliases.create(name="Vladimir Poutine", language="fr")
        cards = CardIndex.build()
    else:
        small_timeline.putin.aliases.create(name="Vladimir Poutine", language="fr")
    assert [info.name for info, _ in cards.find_persons("poutine")] == ["Vladimir Putin"]
    assert cards.find_persons("p") == []  # one letter suggests nothing


def test_a_very_long_period_counts_in_its_first_month_only():
    assert months_of(D(1990, 1, 1), D(1999, 12, 31)) == ["1990-01"]
    assert months_of(D(2025, 3, 31), D(2025, 4, 28)) == ["2025-03", "2025-04"]


def test_many_changes_leave_the_accelerator_equal_to_a_fresh_build(small_timeline):
    index = get_index()
    for n in range(25):  # each save rewrites a card: its old entity pairs die and are compacted away
        event = [small_timeline.vatican, small_timeline.kursk_retaken, small_timeline.incursion][n % 3]
        event.category = ["military", "diplomatic", "political"][n % 3]
        event.save()
        get_index()
    fresh = CardIndex.build()
    assert index.pair_count < 3 * len(fresh._live_pairs()[0])  # dead pairs do not pile up
    for kind in ("country", "person", "location"):
        assert index.facet(index.select(EVERYTHING), kind) == fresh.facet(fresh.select(EVERYTHING), kind)
    assert index.category_counts(index.select(EVERYTHING)) == fresh.category_counts(fresh.select(EVERYTHING))
    ukraine = TimelineFilters(countries=("UA",))
    assert leads(index, ukraine) == leads(fresh, ukraine)
    assert index.related(small_timeline.putin.pk) == fresh.related(small_timeline.putin.pk)


def test_search_texts_find_word_starts_in_joined_and_changed_texts():
    from timeline.index import SearchTexts

    texts = SearchTexts()
    for pk, text in [(1, " russia retook kursk "), (3, " talks in riyadh "), (4, " kursk border ")]:
        texts.set(pk, text)
    texts.rejoin()
    texts.set(3, " kursk talks ")  # changed after the join
    texts.set(5, " new kursk report ")
    texts.set(4, "")  # gone
    assert texts.search(("kurs",), 8).nonzero()[0].tolist() == [1, 3, 5]
    assert texts.search(("talk", "kursk"), 8).nonzero()[0].tolist() == [3]
    assert texts.search(("ursk",), 8).nonzero()[0].tolist() == []  # a word's start only
    texts.rejoin()
    assert texts.get(3) == " kursk talks " and texts.get(4) == ""
    assert texts.search(("kurs",), 8).nonzero()[0].tolist() == [1, 3, 5]


def test_search_texts_rejoined_after_random_changes_equal_their_plain_model():
    import random

    from timeline.index import SearchTexts

    rng = random.Random(5)
    model: dict[int, str] = {}
    texts = SearchTexts()
    for round_ in range(30):
        for _ in range(rng.randrange(1, 12)):
            pk = rng.randrange(1, 60)
            text = rng.choice(["", f" kursk {round_} ", f" talks {pk} ", " sudzha kursk "])
            texts.set(pk, text)
            model[pk] = text
        if round_ % 3 == 0:
            texts.rejoin()
            assert texts.changed == {}
        for pk in range(1, 60):
            assert texts.get(pk) == model.get(pk, "")
        for word in ("kurs", "talks", "sudzha"):
            found = texts.search((word,), 64).nonzero()[0].tolist()
            assert found == sorted(pk for pk, text in model.items() if f" {word}" in text)
