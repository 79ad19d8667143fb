"""timeline.export's cards: what the API, the downloads and export_events share."""

from timeline.export import card_items, iter_card_events, iter_card_items
from timeline.filters import TimelineFilters
from timeline.index import get_index


def test_cards_read_in_chunks_are_the_cards_read_at_once_in_the_same_order(small_timeline):
    index = get_index()
    for newest_first in (False, True):
        leads = index.all_leads(index.select(TimelineFilters()), newest_first=newest_first)
        assert len(leads) == 7
        whole = card_items(leads)
        assert [item["id"] for item in whole] == leads
        assert list(iter_card_items(leads, chunk_size=2)) == whole


def test_the_events_of_cards_are_each_card_lead_and_reports_together(small_timeline):
    index = get_index()
    leads = index.all_leads(index.select(TimelineFilters()), newest_first=False)
    ids = [item["id"] for item in iter_card_events(leads, chunk_size=3)]
    assert len(ids) == 8 and len(set(ids)) == 8
    kursk = ids.index(small_timeline.kursk_retaken.pk)
    assert ids[kursk + 1] == small_timeline.kursk_retaken_en.pk
