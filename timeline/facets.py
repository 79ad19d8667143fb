"""Counts under the current filters, read from the cards (timeline.index): facets and the monthly chart.
Plain functions returning plain data for the templates."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils.html import format_html
from django.utils.translation import gettext as _

from timeline.cards import flag
from timeline.display import day, month
from timeline.filters import TimelineFilters, parse_date
from timeline.index import Cards
from timeline.models import CardStatus, Category

PERSON_FACET_SIZE = 12
CHART_HEIGHT = 60
BAR_WIDTH = 10


@dataclass(frozen=True)
class FacetItem:
    value: str  # the query-string value: ISO code, slug or category
    label: str
    count: int
    selected: bool
    flag: str = ""


@dataclass(frozen=True)
class ActiveFilter:
    """An active filter, with the link that removes it."""

    label: str
    remove_query: str


@dataclass(frozen=True)
class Facets:
    countries: list[FacetItem]
    persons: list[FacetItem]
    categories: list[FacetItem]
    statuses: list[FacetItem]
    chips: list[ActiveFilter]


def facets(index: Cards, mask: Any, filters: TimelineFilters) -> Facets:
    """Countries, persons and categories with the number of cards each would leave under the filters."""
    countries = [
        FacetItem(info.iso_code, info.name, count, info.iso_code in filters.countries, flag(info.iso_code))
        for info, count in index.facet(mask, "country")
    ]
    persons = [
        FacetItem(info.slug, info.name, count, info.slug in filters.persons)
        for info, count in index.facet(mask, "person", limit=PERSON_FACET_SIZE)
    ]
    shown = {item.value for item in persons}
    # A selected person stays visible (with its count) even when outside the top of the list.
    for slug in filters.persons:
        info = index.person(slug)
        if slug not in shown and info is not None:
            persons.append(FacetItem(slug, info.name, index.entity_count(mask, info.id), True))
    # Categories combine with OR: each count is what ticking that category would add, so it is taken
    # under the other filters only.
    # Each implementation of Cards has its own selection type (a numpy mask, a QuerySet).
    others: Any = index.select(filters, categories=False)
    counts = index.category_counts(others)
    categories = [
        FacetItem(value, str(label), counts.get(value, 0), value in filters.categories)
        for value, label in Category.choices
    ]
    # Statuses combine with OR too.
    others = index.select(filters, statuses=False)
    counts = index.status_counts(others)
    statuses = [
        FacetItem(value, str(label), counts.get(value, 0), value in filters.statuses)
        for value, label in CardStatus.choices
    ]
    return Facets(countries, persons, categories, statuses, active_chips(index, filters))


def active_chips(index: Cards, filters: TimelineFilters) -> list[ActiveFilter]:
    chips = []
    for code in filters.countries:
        info = index.country(code)
        name = info.name if info else code
        chips.append(ActiveFilter(format_html("{} {}", flag(code), name), filters.without("countries", code)))
    for slug in filters.persons:
        info = index.person(slug)
        chips.append(ActiveFilter(info.name if info else slug, filters.without("persons", slug)))
    labels = dict(Category.choices)
    for name in filters.categories:
        chips.append(ActiveFilter(str(labels[name]), filters.without("categories", name)))
    statuses = dict(CardStatus.choices)
    for name in filters.statuses:
        chips.append(ActiveFilter(str(statuses[name]), filters.without("statuses", name)))
    if filters.date_from:
        label = _("from %(date)s") % {"date": day(filters.date_from)}
        chips.append(ActiveFilter(label, filters.query_string(date_from=None)))
    if filters.date_to:
        label = _("to %(date)s") % {"date": day(filters.date_to)}
        chips.append(ActiveFilter(label, filters.query_string(date_to=None)))
    if filters.q:
        chips.append(ActiveFilter(f"“{filters.q}”", filters.query_string(q="")))
    return chips


@dataclass(frozen=True)
class Bar:
    month: str
    label: str
    count: int
    x: int
    height: int
    query: str

    @property
    def y(self) -> int:
        return CHART_HEIGHT + 1 - self.height


def month_bounds(key: str) -> tuple[datetime.date, datetime.date]:
    """First and last day of a "YYYY-MM" month."""
    first, last = parse_date(key, end=False), parse_date(key, end=True)
    assert first is not None and last is not None
    return first, last


def chart_bars(histogram: list[tuple[str, int]], filters: TimelineFilters) -> list[Bar]:
    """Bars of the events-per-month chart; each links to the current filters narrowed to its month."""
    if not histogram:
        return []
    top = max(count for _, count in histogram) or 1
    bars = []
    for position, (key, count) in enumerate(histogram):
        first, last = month_bounds(key)
        bars.append(
            Bar(
                month=key,
                label=month(first),
                count=count,
                x=position * BAR_WIDTH,
                height=max(1, round(CHART_HEIGHT * count / top)) if count else 0,
                query=filters.query_string(date_from=first, date_to=last, cursor=""),
            )
        )
    return bars
