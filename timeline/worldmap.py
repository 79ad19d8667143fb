"""The timeline's world map: countries shaded by their number of cards, places as dots.

`world_map` is a pure function from counts to what the SVG template draws; the country outlines are
precomputed by tools/build_world_map.py into data/geo/world.json (projected, simplified, as SVG path data),
so a request only pastes strings. `timeline_world_map` feeds it the country facet counts the timeline
already computed and the location facet under the same selection (the same counts as the filters, from
either implementation of timeline.index.Cards), with their links.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import ngettext

if TYPE_CHECKING:
    from timeline.facets import FacetItem
    from timeline.filters import TimelineFilters
    from timeline.index import Cards

GEO_DIR = Path(__file__).resolve().parent / "data" / "geo"
LEVELS = 5  # shades of the map, besides "no event"
PLACE_RADIUS = 3.5


def natural_earth(lon: float, lat: float) -> tuple[float, float]:
    """The Natural Earth I projection (Šavrič et al. 2011) of a point, on the unit sphere."""
    lam, phi = math.radians(lon), math.radians(lat)
    phi2 = phi * phi
    phi4 = phi2 * phi2
    x = lam * (0.8707 - 0.131979 * phi2 + phi4 * (-0.013791 + phi4 * (0.003971 * phi2 - 0.001529 * phi4)))
    y = phi * (1.007226 + phi2 * (0.015085 + phi4 * (-0.044475 + 0.028874 * phi2 - 0.005916 * phi4)))
    return x, y


@dataclass(frozen=True)
class Geometry:
    width: int
    height: int
    scale: float
    left: float
    top: float
    paths: dict[str, str]  # ISO alpha-2 -> SVG path data
    coordinates: dict[str, tuple[float, float]]  # place slug -> (latitude, longitude)

    def point(self, latitude: float, longitude: float) -> tuple[float, float]:
        """Where a place falls on the map, in the SVG's units."""
        x, y = natural_earth(longitude, latitude)
        return round((x - self.left) * self.scale, 1), round((self.top - y) * self.scale, 1)


@cache
def geometry() -> Geometry:
    """The outlines and place coordinates, read once per process."""
    world = json.loads((GEO_DIR / "world.json").read_text(encoding="utf-8"))
    places = yaml.safe_load((GEO_DIR / "places.yaml").read_text(encoding="utf-8")) or {}
    return Geometry(
        width=world["width"],
        height=world["height"],
        scale=world["scale"],
        left=world["left"],
        top=world["top"],
        # Numbers and path commands only (our own file): nothing to escape, and escaping 40 KB costs.
        paths={code: mark_safe(path) for code, path in world["countries"].items()},
        coordinates={slug: (float(lat), float(lon)) for slug, (lat, lon) in places.items()},
    )


@dataclass(frozen=True)
class CountryCount:
    """A country of the facet: its code, name, cards under the filters, whether it is a filter, its link."""

    code: str
    name: str
    count: int
    selected: bool
    href: str


@dataclass(frozen=True)
class PlaceCount:
    slug: str
    name: str
    count: int
    href: str


@dataclass(frozen=True)
class MapCountry:
    code: str
    name: str
    count: int
    selected: bool
    href: str
    level: int  # 1..LEVELS, darker for more cards
    path: str

    @property
    def title(self) -> str:
        """The link's accessible name: the country, its count, and what following the link does."""
        if self.selected:
            text = ngettext(
                "%(name)s, %(n)s event: remove from the filters",
                "%(name)s, %(n)s events: remove from the filters",
                self.count,
            )
        else:
            text = ngettext(
                "%(name)s, %(n)s event: add to the filters",
                "%(name)s, %(n)s events: add to the filters",
                self.count,
            )
        return text % {"name": self.name, "n": self.count}


@dataclass(frozen=True)
class MapPlace:
    slug: str
    name: str
    count: int
    href: str
    x: float
    y: float

    @property
    def title(self) -> str:
        return ngettext("%(name)s, %(n)s event", "%(name)s, %(n)s events", self.count) % {
            "name": self.name,
            "n": self.count,
        }


@dataclass(frozen=True)
class LegendStep:
    level: int
    low: int
    high: int


@dataclass(frozen=True)
class WorldMap:
    width: int
    height: int
    land: SafeString  # every outline, drawn in the "no event" shade under the linked countries
    countries: list[MapCountry]  # the countries with cards (or selected), biggest counts first
    places: list[MapPlace]
    legend: list[LegendStep]
    place_radius: float = PLACE_RADIUS

    # The links are built here rather than in a template loop: Django's templates cost about 0.1 ms a
    # link, a few milliseconds for a map of many countries (see bench/bench_timeline.py).
    def country_links(self) -> SafeString:
        """The countries as SVG links (htmx swaps the timeline region like the other filters)."""
        return format_html_join(
            "",
            '<a class="country level-{}{}" href="{}" hx-get="{}"><title>{}</title><path d="{}"/></a>',
            (
                (c.level, " selected" if c.selected else "", c.href, c.href, c.title, c.path)
                for c in self.countries
            ),
        )

    def place_links(self) -> SafeString:
        return format_html_join(
            "",
            '<a class="place" href="{}"><title>{}</title><circle cx="{}" cy="{}" r="{}"/></a>',
            ((p.href, p.title, p.x, p.y, self.place_radius) for p in self.places),
        )

    def place_list(self) -> SafeString:
        """The places as links with their counts, most reported first: dots a few pixels apart on a world
        map (Kursk and Sudzha) are hard to pick, their names are not."""
        return format_html_join(
            ", ",
            '<a href="{}">{}</a> <span class="count">{}</span>',
            ((p.href, p.name, p.count) for p in self.places),
        )

    def country_chips(self) -> SafeString:
        """The countries as a line of chips, the map of narrow screens."""
        return format_html_join(
            "",
            '<li><a class="chip{}" href="{}" hx-get="{}"{}>{} <span class="count">{}</span></a></li>',
            (
                (
                    " active" if c.selected else "",
                    c.href,
                    c.href,
                    mark_safe(' aria-current="true"') if c.selected else "",
                    c.name,
                    c.count,
                )
                for c in self.countries
            ),
        )


def level(count: int, top: int) -> int:
    """Shade of a count on a logarithmic scale up to the largest count: 1 card is visible beside 10,000."""
    if count <= 0 or top <= 0:
        return 0
    return max(1, math.ceil(LEVELS * math.log1p(count) / math.log1p(top)))


def legend(top: int) -> list[LegendStep]:
    """The range of counts each shade stands for (shades no count can reach are left out)."""
    if top <= 0:
        return []
    steps = []
    low = 1
    for shade in range(1, LEVELS + 1):
        if level(low, top) != shade:
            continue
        # The largest count of this shade: the bound of the formula, then corrected for rounding.
        high = min(top, max(low, math.floor(math.expm1(shade * math.log1p(top) / LEVELS))))
        while high < top and level(high + 1, top) == shade:
            high += 1
        while level(high, top) != shade:
            high -= 1
        steps.append(LegendStep(shade, low, high))
        low = high + 1
        if low > top:
            break
    return steps


def world_map(countries: Iterable[CountryCount], places: Iterable[PlaceCount]) -> WorldMap:
    """What the map draws for these counts: shades, links, dots and the legend.

    Countries without an outline at this scale (Singapore, Malta...) are left out of the drawing (the
    filters still list them); so are places without coordinates."""
    shapes = geometry()
    shown = [item for item in countries if item.count > 0 or item.selected]
    top = max((item.count for item in shown), default=0)
    drawn = [
        MapCountry(item.code, item.name, item.count, item.selected, item.href, level(item.count, top), path)
        for item in shown
        if (path := shapes.paths.get(item.code))
    ]
    dots = []
    for place in places:
        if place.count <= 0 or place.slug not in shapes.coordinates:
            continue
        x, y = shapes.point(*shapes.coordinates[place.slug])
        dots.append(MapPlace(place.slug, place.name, place.count, place.href, x, y))
    # Most reported first: they are reached first with the keyboard.
    dots.sort(key=lambda dot: (-dot.count, dot.name))
    return WorldMap(shapes.width, shapes.height, land_markup(), drawn, dots, legend(top))


@cache
def land_markup() -> SafeString:
    """Every outline as SVG paths, joined once per process (the same for every view)."""
    return mark_safe("".join(f'<path d="{path}"/>' for path in geometry().paths.values()))  # our own data


def timeline_world_map(
    index: Cards, selection: Any, filters: TimelineFilters, country_items: Iterable[FacetItem]
) -> WorldMap:
    """The map of the timeline under `filters`: the country facet's counts (FacetItem list the view
    already has), the places of the cards of `selection` (the location facet, counted with the other
    facets), and links that toggle a country filter."""
    countries = [
        CountryCount(
            item.value,
            item.label,
            item.count,
            item.selected,
            filters.without("countries", item.value)
            if item.selected
            else filters.query_string(countries=(*filters.countries, item.value), cursor=""),
        )
        for item in country_items
    ]
    # Only places with coordinates become dots: the others are left out before building their links.
    coordinates = geometry().coordinates
    places = [
        PlaceCount(info.slug, info.name, count, reverse("timeline:entity", args=["location", info.slug]))
        for info, count in index.facet(selection, "location")
        if info.slug in coordinates
    ]
    return world_map(countries, places)
