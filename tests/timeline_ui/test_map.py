"""The world map of the timeline: shades from the counts, links that toggle the country filter, place dots,
legend, and the precomputed outlines it draws."""

import itertools
import json
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from tests.foundation.factories import make_entity
from timeline.cards import clear_card_cache
from timeline.models import Entity
from timeline.worldmap import GEO_DIR, CountryCount, PlaceCount, legend, level, world_map

URL = reverse("timeline:timeline")


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    ancestors: list["Element"]
    text: list[str] = field(default_factory=list)

    def inside(self, tag: str, css_class: str) -> bool:
        return any(a.tag == tag and css_class in a.attrs.get("class", "").split() for a in self.ancestors)

    @property
    def classes(self) -> list[str]:
        return self.attrs.get("class", "").split()


class Tree(HTMLParser):
    """Every element of a page with its attributes, its ancestors and its text (stdlib parser)."""

    VOID = {"path", "circle", "rect", "input", "br", "meta", "link", "img", "hr"}

    def name(self, element: Element) -> str:
        """The accessible name of an SVG link: the text of its <title>."""
        titles = [e for e in self.elements if e.tag == "title" and element in e.ancestors]
        return "".join(titles[0].text).strip() if titles else ""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.elements: list[Element] = []
        self.open: list[Element] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {k: v or "" for k, v in attrs}, list(self.open))
        self.elements.append(element)
        if tag not in self.VOID:
            self.open.append(element)

    def handle_startendtag(self, tag, attrs):
        self.elements.append(Element(tag, {k: v or "" for k, v in attrs}, list(self.open)))

    def handle_endtag(self, tag):
        for position in range(len(self.open) - 1, -1, -1):
            if self.open[position].tag == tag:
                del self.open[position:]
                break

    def handle_data(self, data):
        for element in self.open:
            element.text.append(data)

    def find(self, tag: str, css_class: str = "") -> list[Element]:
        return [e for e in self.elements if e.tag == tag and (not css_class or css_class in e.classes)]


def map_countries(html: str) -> dict[str, Element]:
    """The map's country links by the country's name (the start of the link's accessible name)."""
    found = {}
    tree = Tree(html)
    for link in tree.find("a", "country"):
        if link.inside("svg", "map"):
            link.attrs["name"] = tree.name(link)
            found[link.attrs["name"].split(",")[0]] = link
    return found


def countries_of(href: str) -> list[str]:
    return parse_qs(urlsplit(href).query).get("country", [])


# -- the pure part -------------------------------------------------------------------------------------------


def test_shades_grow_with_the_count_and_one_event_is_visible_beside_many():
    assert level(0, 100) == 0
    assert level(1, 10_000) >= 1
    assert level(100, 100) == 5
    assert [level(count, 1000) for count in (1, 10, 100, 1000)] == sorted(
        level(count, 1000) for count in (1, 10, 100, 1000)
    )


@pytest.mark.parametrize("top", [1, 2, 3, 7, 10, 99, 100, 12_345])
def test_legend_covers_every_count_once_with_its_shade(top):
    steps = legend(top)
    assert steps[0].low == 1 and steps[-1].high == top
    for before, after in itertools.pairwise(steps):
        assert after.low == before.high + 1
    for step in steps:
        assert level(step.low, top) == step.level == level(step.high, top)


def test_world_map_draws_countries_with_events_links_and_known_places_only():
    drawn = world_map(
        [
            CountryCount("RU", "Russia", 10, False, "?country=RU"),
            CountryCount("KP", "North Korea", 2, True, "?"),
            CountryCount("FR", "France", 0, False, "?country=FR"),
            CountryCount("SG", "Singapore", 3, False, "?country=SG"),  # no outline at 1:110m
        ],
        [
            PlaceCount("kursk", "Kursk", 4, "/location/kursk/"),
            PlaceCount("nowhere", "Nowhere", 4, "/location/nowhere/"),
            PlaceCount("seoul", "Seoul", 0, "/location/seoul/"),
        ],
    )
    assert [(c.code, c.level, c.selected) for c in drawn.countries] == [("RU", 5, False), ("KP", 3, True)]
    assert [place.slug for place in drawn.places] == ["kursk"]
    # Kursk lies in western Russia: right of the middle of the map, in its upper half.
    kursk = drawn.places[0]
    assert drawn.width / 2 < kursk.x < drawn.width * 0.7 and kursk.y < drawn.height / 2


def test_outlines_are_precomputed_for_the_registry_countries_and_stay_light():
    world = json.loads((GEO_DIR / "world.json").read_text())
    assert {"RU", "UA", "KP", "KR", "US", "FR", "CN"} <= set(world["countries"])
    assert "AQ" not in world["countries"]
    assert (GEO_DIR / "world.json").stat().st_size < 150_000
    assert (GEO_DIR / "LICENSE.md").exists()


def test_every_place_with_coordinates_is_a_place_of_the_registry():
    import yaml

    from timeline.linking.folding import slugify

    records = yaml.safe_load((GEO_DIR.parent / "entities" / "locations.yaml").read_text())
    registry = {slugify(record["name"]) for record in records}
    coordinates = yaml.safe_load((GEO_DIR / "places.yaml").read_text())
    assert set(coordinates) <= registry
    for latitude, longitude in coordinates.values():
        assert -90 <= latitude <= 90 and -180 <= longitude <= 180


# -- on the page ---------------------------------------------------------------------------------------------


def test_map_shades_the_countries_of_the_filtered_events(client, small_timeline, read_path):
    everything = map_countries(client.get(URL).content.decode())
    assert set(everything) == {"Russia", "Ukraine", "North Korea", "United States"}
    # Russia is in 6 of the 7 cards, the United States in 1: the darkest and a light shade.
    assert "level-5" in everything["Russia"].classes
    assert "level-5" not in everything["United States"].classes

    narrowed = map_countries(client.get(URL, {"country": "KP"}).content.decode())
    assert set(narrowed) == {"Russia", "North Korea"}


def test_a_country_link_adds_it_to_the_filter_and_a_selected_one_removes_it(client, small_timeline):
    page = map_countries(client.get(URL, {"country": "RU"}).content.decode())
    assert sorted(countries_of(page["North Korea"].attrs["href"])) == ["KP", "RU"]
    assert "add to the filters" in page["North Korea"].attrs["name"]
    assert countries_of(page["Russia"].attrs["href"]) == []
    assert "selected" in page["Russia"].classes
    assert "remove from the filters" in page["Russia"].attrs["name"]
    # htmx swaps the region like the other facets; without JavaScript the href is a plain link.
    assert page["North Korea"].attrs["hx-get"] == page["North Korea"].attrs["href"]


def test_following_a_country_link_filters_the_list(client, small_timeline):
    link = map_countries(client.get(URL).content.decode())["United States"].attrs["href"]
    response = client.get(URL + link)
    assert "1 event" in response.content.decode()


def test_the_map_comes_with_the_htmx_fragment(client, small_timeline, read_path):
    html = client.get(URL, {"country": "UA"}, HTTP_HX_REQUEST="true").content.decode()
    assert set(map_countries(html)) == {"Russia", "Ukraine", "United States"}


def test_places_with_coordinates_are_dots_linking_to_their_page(client, small_timeline, read_path):
    tree = Tree(client.get(URL).content.decode())
    dots = [a for a in tree.find("a", "place") if a.inside("svg", "map")]
    assert [dot.attrs["href"] for dot in dots] == [reverse("timeline:entity", args=["location", "kursk"])]
    # The incursion, and the retaking reported twice (one card).
    assert tree.name(dots[0]) == "Kursk, 2 events"
    # Also named in a line of links below the map, as dots a few pixels apart are hard to pick.
    listed = [a for a in tree.find("a") if a.inside("p", "map-places")]
    assert [("".join(a.text), a.attrs["href"]) for a in listed] == [("Kursk", dots[0].attrs["href"])]


def test_the_map_has_a_legend_and_phone_chips(client, small_timeline):
    tree = Tree(client.get(URL).content.decode())
    assert tree.find("ul", "map-legend")
    chips = [a for a in tree.find("a", "chip") if a.inside("ul", "map-chips")]
    assert {"".join(chip.text).split()[0] for chip in chips} == {"Russia", "Ukraine", "North", "United"}


def test_no_map_on_an_empty_timeline(client, db):
    make_entity("Russia", kind=Entity.Kind.COUNTRY, iso_code="RU", slug="russia")
    assert not Tree(client.get(URL).content.decode()).find("svg", "map")


def test_no_link_inside_an_svg_image_on_the_timeline(client, small_timeline):
    # A role="img" hides its content from assistive technology: its links could not be reached.
    tree = Tree(client.get(URL).content.decode())
    links = tree.find("a")
    assert links
    for link in links:
        assert not any(a.tag == "svg" and a.attrs.get("role") == "img" for a in link.ancestors)


def test_the_map_and_the_brush_cost_no_query(client, small_timeline, django_assert_num_queries):
    client.get(URL)  # builds the index
    clear_card_cache()
    with django_assert_num_queries(4):  # as without them: timeline version, lead events, mentions, sources
        client.get(URL, {"country": "RU", "from": "2025-04-01", "to": "2025-04-30"})


def test_the_map_speaks_french(client, small_timeline):
    html = client.get(URL, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    tree = Tree(html)
    assert [("".join(h.text)) for h in tree.find("h2") if h.attrs.get("id") == "map-title"] == ["Où"]
    names = [link.attrs["name"] for link in map_countries(html).values()]
    assert any(name.endswith("événement : ajouter aux filtres") for name in names)
