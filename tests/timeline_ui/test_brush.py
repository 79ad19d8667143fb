"""The time brush: month bars as an overview, weeks then days when the date range narrows; every bar is a
link to its own period."""

import datetime
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from tests.timeline_ui.test_map import Tree
from timeline.brush import buckets
from timeline.filters import TimelineFilters
from timeline.index import CardIndex, DatabaseCards

D = datetime.date
URL = reverse("timeline:timeline")


def brush_bars(html: str) -> list[dict[str, str]]:
    tree = Tree(html)
    bars = []
    for link in tree.find("a"):
        if "data-from" in link.attrs and any("data-brush" in a.attrs for a in link.ancestors):
            bars.append({**link.attrs, "title": "".join(link.text).strip()})
    return bars


def unit(html: str) -> str:
    return next(e.attrs["data-unit"] for e in Tree(html).elements if "data-brush" in e.attrs)


def test_a_range_picks_days_then_weeks_then_months():
    assert buckets(D(2025, 4, 1), D(2025, 4, 30))[0] == "day"
    kind, weeks = buckets(D(2025, 3, 1), D(2025, 5, 31))
    assert kind == "week"
    assert weeks[0] == (D(2025, 2, 24), D(2025, 3, 2))  # Monday to Sunday, covering the first day
    assert weeks[-1][0] <= D(2025, 5, 31) <= weeks[-1][1]
    assert buckets(D(2024, 1, 1), D(2024, 12, 31)) == ("month", [])


def test_the_overview_has_a_bar_per_month_each_a_link_to_its_month(client, small_timeline):
    html = client.get(URL).content.decode()
    assert unit(html) == "month"
    bars = brush_bars(html)
    assert bars[0]["data-from"] == "2024-08-01" and bars[0]["data-to"] == "2024-08-31"
    assert bars[-1]["data-from"] == "2025-04-01" and bars[-1]["data-to"] == "2025-04-30"
    query = parse_qs(urlsplit(bars[0]["href"]).query)
    assert query["from"] == ["2024-08-01"] and query["to"] == ["2024-08-31"]
    assert bars[0]["hx-get"] == bars[0]["href"]


def test_a_month_zooms_in_to_days_with_counts_of_overlapping_cards(client, small_timeline, read_path):
    html = client.get(URL, {"from": "2025-04-01", "to": "2025-04-30"}).content.decode()
    assert unit(html) == "day"
    bars = {bar["data-from"]: bar for bar in brush_bars(html)}
    assert len(bars) == 30
    # 26 April: the retaking of Kursk (one card for two reports), the Vatican meeting, and "in recent
    # weeks" (31 March to 28 April), which overlaps every day up to the 28th.
    assert bars["2025-04-26"]["title"].endswith(": 3")
    assert bars["2025-04-28"]["title"].endswith(": 2")  # the confirmation and "recent weeks"
    assert bars["2025-04-29"]["title"].endswith(": 0")
    query = parse_qs(urlsplit(bars["2025-04-26"]["href"]).query)
    assert query["from"] == query["to"] == ["2025-04-26"]
    # A way back to the overview, keeping the other filters.
    tree = Tree(html)
    zoom_out = [a for a in tree.find("a", "zoom-out")]
    assert zoom_out and "from" not in parse_qs(urlsplit(zoom_out[0].attrs["href"]).query)


def test_a_quarter_zooms_in_to_weeks_under_the_other_filters(client, small_timeline, read_path):
    html = client.get(URL, {"from": "2025-03-01", "to": "2025-05-31", "country": "KP"}).content.decode()
    assert unit(html) == "week"
    bars = brush_bars(html)
    counts = {bar["data-from"]: int(bar["title"].rsplit(": ", 1)[1]) for bar in bars}
    assert counts["2025-04-28"] == 1  # the week of the confirmation, the only North Korean card then
    assert sum(counts.values()) == 1
    assert parse_qs(urlsplit(bars[0]["href"]).query)["country"] == ["KP"]


def test_the_brush_comes_with_the_htmx_fragment(client, small_timeline):
    html = client.get(
        URL, {"from": "2025-04-01", "to": "2025-04-30"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert unit(html) == "day"


@pytest.mark.parametrize(
    "filters",
    [TimelineFilters(), TimelineFilters(countries=("KP",)), TimelineFilters(q="kursk")],
    ids=["all", "country", "search"],
)
def test_the_database_and_the_card_index_count_the_same_days_and_weeks(small_timeline, filters):
    days = buckets(D(2025, 4, 1), D(2025, 4, 30))[1]
    weeks = buckets(D(2024, 7, 1), D(2025, 1, 5))[1]
    index, database = CardIndex.build(), DatabaseCards()
    for periods in (days, weeks):
        counted = index.period_counts(index.select(filters), periods)
        assert counted == database.period_counts(database.select(filters), periods)
    assert sum(index.period_counts(index.select(TimelineFilters()), days)) > 0
