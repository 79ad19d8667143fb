"""The time brush above the cards: bars of cards per month, zoomed to weeks or days when the date filter is
narrow. Each bar is a link to its period (without JavaScript); static/js/brush.js lets the reader drag
across bars or pick them with the keyboard to set From and To.
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils.html import format_html_join
from django.utils.safestring import SafeString

from timeline.display import day
from timeline.facets import BAR_WIDTH, CHART_HEIGHT  # the bars are the monthly chart's, zoomed
from timeline.period import Period
from timeline.temporal.types import Precision

if TYPE_CHECKING:
    from timeline.facets import Bar
    from timeline.filters import TimelineFilters
    from timeline.index import Cards

DAYS_UP_TO = 45  # a date range up to this many days shows one bar per day
WEEKS_UP_TO = 190  # ... up to this many, one bar per week; beyond, one per month


@dataclass(frozen=True)
class BrushBar:
    label: str
    count: int
    x: int
    height: int
    query: str
    first: datetime.date
    last: datetime.date

    @property
    def y(self) -> int:
        return CHART_HEIGHT + 1 - self.height

    @property
    def geometry(self) -> tuple[int, ...]:
        """x and width of the bar's hit area, then x, y, width and height of the bar drawn."""
        return (self.x, BAR_WIDTH, self.x, self.y, BAR_WIDTH - 2, self.height)

    @property
    def first_iso(self) -> str:
        return self.first.isoformat()

    @property
    def last_iso(self) -> str:
        return self.last.isoformat()


@dataclass(frozen=True)
class TimeBrush:
    unit: str  # "month", "week" or "day"
    bars: list[BrushBar]
    zoom_out_query: str  # the same filters over all dates, when zoomed in; else ""

    @property
    def width(self) -> int:
        return len(self.bars) * BAR_WIDTH

    def bar_links(self) -> SafeString:
        """Every bar as an SVG link to its period, with the dates brush.js fills From and To with. Built
        here rather than in a template loop, which costs about 0.1 ms a bar."""
        return format_html_join(
            "",
            '<a href="{}" hx-get="{}" data-from="{}" data-to="{}" data-label="{}"><title>{}: {}</title>'
            '<rect class="bar-hit" x="{}" y="0" width="{}" height="62"></rect>'
            '<rect class="bar" x="{}" y="{}" width="{}" height="{}"></rect></a>',
            (
                (b.query, b.query, b.first_iso, b.last_iso, b.label, b.label, b.count, *b.geometry)
                for b in self.bars
            ),
        )


def _height(count: int, top: int) -> int:
    return max(1, round(CHART_HEIGHT * count / top)) if count else 0


def month_last_day(first: datetime.date) -> datetime.date:
    return first.replace(day=calendar.monthrange(first.year, first.month)[1])


def buckets(
    date_from: datetime.date, date_to: datetime.date
) -> tuple[str, list[tuple[datetime.date, datetime.date]]]:
    """The unit and the periods of the bars for a date range: days, weeks (Monday to Sunday) or months."""
    span = (date_to - date_from).days + 1
    if span <= DAYS_UP_TO:
        return "day", [(d, d) for d in (date_from + datetime.timedelta(n) for n in range(span))]
    if span <= WEEKS_UP_TO:
        monday = date_from - datetime.timedelta(date_from.weekday())
        weeks = []
        while monday <= date_to:
            weeks.append((monday, monday + datetime.timedelta(6)))
            monday += datetime.timedelta(7)
        return "week", weeks
    return "month", []


def time_brush(
    index: Cards, selection: Any, filters: TimelineFilters, month_bars: Sequence[Bar]
) -> TimeBrush:
    """The brush for the current view: the view's month bars (timeline.facets.chart_bars), or, when From
    and To span at most WEEKS_UP_TO days, bars per week or per day of that range, counted by the cards
    (`index.period_counts`, the in-process index or the database alike) under the same selection."""
    unit: str = "month"
    periods: list[tuple[datetime.date, datetime.date]] = []
    if filters.date_from and filters.date_to and filters.date_from <= filters.date_to:
        unit, periods = buckets(filters.date_from, filters.date_to)
    if unit == "month":
        bars = []
        for bar in month_bars:
            first = datetime.date(int(bar.month[:4]), int(bar.month[5:7]), 1)
            bars.append(
                BrushBar(bar.label, bar.count, bar.x, bar.height, bar.query, first, month_last_day(first))
            )
        return TimeBrush("month", bars, "")

    counts = index.period_counts(selection, periods)
    top = max(counts, default=0) or 1
    bars = [
        BrushBar(
            label=day(first) if unit == "day" else Period(first, last, Precision.WEEK).label(),
            count=count,
            x=position * BAR_WIDTH,
            height=_height(count, top),
            query=filters.query_string(date_from=first, date_to=last, cursor=""),
            first=first,
            last=last,
        )
        for position, ((first, last), count) in enumerate(zip(periods, counts, strict=True))
    ]
    return TimeBrush(unit, bars, filters.query_string(date_from=None, date_to=None, cursor=""))
