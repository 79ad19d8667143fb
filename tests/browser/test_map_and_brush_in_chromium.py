"""The map, the time brush and the phone layout in Chromium: what a reader clicks, drags and sees."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from tests.foundation.factories import make_article, make_entity, make_event
from timeline.models import Entity

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

D = datetime.date


@pytest.fixture
def war_timeline():
    ru = make_entity("Russia", kind=Entity.Kind.COUNTRY, iso_code="RU", slug="russia")
    kp = make_entity("North Korea", kind=Entity.Kind.COUNTRY, iso_code="KP", slug="north-korea")
    ua = make_entity("Ukraine", kind=Entity.Kind.COUNTRY, iso_code="UA", slug="ukraine")
    kursk = make_entity("Kursk", kind=Entity.Kind.LOCATION, country=ru, slug="kursk")
    article = make_article(title="Demo", body="Demo text.")
    make_event(article, (ua, ru, kursk), day=D(2024, 8, 6), sentence="Ukrainian troops crossed into Kursk.")
    make_event(article, (ua, ru), day=D(2024, 9, 10), sentence="Fighting went on near Sudzha.")
    make_event(article, (kp, ru), day=D(2024, 10, 18), sentence="Seoul said North Korean troops had arrived.")
    make_event(article, (kp, ru), day=D(2024, 11, 5), sentence="North Korean soldiers were seen in Kursk.")
    make_event(article, (ru, kursk), day=D(2025, 3, 13), sentence="Russia said it had retaken Sudzha.")
    make_event(article, (kp, ru), day=D(2025, 4, 28), sentence="Pyongyang confirmed its troops fought.")
    return article


def test_clicking_a_country_on_the_map_filters_the_list_and_the_address(page, war_timeline):
    page.goto("/")
    expect(page.locator(".summary")).to_contain_text("6 events")
    page.locator("svg.map a.country", has=page.locator("title", has_text="North Korea")).click()
    expect(page).to_have_url(re.compile(r"\?country=KP$"))
    expect(page.locator(".summary")).to_contain_text("3 events")
    expect(page.locator(".card")).to_have_count(3)
    # The persistent live region says so to a screen reader.
    expect(page.locator("#results-announcer")).to_have_text("3 events")
    # Clicking it again removes the filter.
    page.locator("svg.map a.country.selected").click()
    expect(page.locator(".summary")).to_contain_text("6 events")


def test_the_map_is_reached_with_the_keyboard(page, war_timeline):
    page.goto("/")
    # Tab from the brush (one tab stop) reaches the map's countries, most reported first.
    page.locator("[data-brush] svg a[data-from]").last.focus()
    page.keyboard.press("Tab")
    russia = page.locator("svg.map a.country", has=page.locator("title", has_text="Russia"))
    expect(russia).to_be_focused()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    country = page.locator("svg.map a.country", has=page.locator("title", has_text="Ukraine"))
    expect(country).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"\?country=UA$"))


def test_a_place_dot_leads_to_its_page(page, war_timeline):
    page.goto("/")
    page.locator("svg.map a.place").click()
    expect(page).to_have_url(re.compile(r"/location/kursk/$"))


def _bar_centre(page, index: int) -> tuple[float, float]:
    box = page.locator("[data-brush] svg").bounding_box()
    count = page.locator("[data-brush] svg a[data-from]").count()
    return box["x"] + box["width"] * (index + 0.5) / count, box["y"] + box["height"] / 2


def test_dragging_across_the_brush_sets_from_and_to(page, war_timeline):
    page.goto("/")
    bars = page.locator("[data-brush] svg a[data-from]")
    expect(bars).to_have_count(9)  # August 2024 to April 2025
    page.mouse.move(*_bar_centre(page, 1))  # September 2024
    page.mouse.down()
    page.mouse.move(*_bar_centre(page, 2), steps=4)
    page.mouse.move(*_bar_centre(page, 3), steps=4)  # November 2024
    page.mouse.up()
    expect(page).to_have_url(re.compile(r"from=2024-09-01&to=2024-11-30"))
    expect(page.locator("#from")).to_have_value("2024-09-01")
    expect(page.locator("#to")).to_have_value("2024-11-30")
    expect(page.locator(".card")).to_have_count(3)
    # Three months are zoomed in to weeks.
    expect(page.locator("[data-brush]")).to_have_attribute("data-unit", "week")


def test_a_single_bar_is_still_a_link_to_its_month(page, war_timeline):
    page.goto("/")
    page.mouse.click(*_bar_centre(page, 0))
    expect(page).to_have_url(re.compile(r"from=2024-08-01&to=2024-08-31"))
    expect(page.locator(".card")).to_have_count(1)
    expect(page.locator("[data-brush]")).to_have_attribute("data-unit", "day")  # a month: one bar per day


def test_the_keyboard_selects_a_range_on_the_brush(page, war_timeline):
    page.goto("/")
    last = page.locator("[data-brush] svg a[data-from]").last
    last.focus()  # April 2025, the bar in the tab order
    page.keyboard.press("Shift+ArrowLeft")
    page.keyboard.press("Shift+ArrowLeft")
    expect(page.locator(".brush-status")).to_contain_text("February 2025")
    page.keyboard.press("Enter")
    expect(page.locator("#from")).to_have_value("2025-02-01")
    expect(page.locator("#to")).to_have_value("2025-04-30")
    expect(page.locator(".card")).to_have_count(2)


def test_touch_drag_sets_the_range_on_a_phone(browser, live_server, war_timeline):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True
    )
    page = context.new_page()
    try:
        page.goto("/")
        svg = page.locator("[data-brush] svg")
        expect(svg).to_be_visible()
        start, end = _bar_centre(page, 4), _bar_centre(page, 8)
        # Touch pointers, as a finger sends them (Chromium's DevTools protocol).
        cdp = context.new_cdp_session(page)
        cdp.send(
            "Input.dispatchTouchEvent",
            {"type": "touchStart", "touchPoints": [{"x": start[0], "y": start[1]}]},
        )
        for step in range(1, 9):
            x = start[0] + (end[0] - start[0]) * step / 8
            cdp.send(
                "Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x, "y": start[1]}]}
            )
        cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
        expect(page).to_have_url(re.compile(r"from=2024-12-01&to=2025-04-30"))
    finally:
        context.close()


def test_on_a_phone_an_event_is_on_the_first_screen_and_the_filters_are_folded(
    browser, live_server, war_timeline
):
    # Many countries, so the line of chips is wider than the screen (it scrolls, the page does not).
    for code, name in [
        ("DE", "Germany"),
        ("FR", "France"),
        ("CN", "China"),
        ("US", "United States"),
        ("KR", "South Korea"),
        ("TR", "Türkiye"),
        ("BE", "Belgium"),
        ("NL", "Netherlands"),
    ]:
        country = make_entity(name, kind=Entity.Kind.COUNTRY, iso_code=code, slug=name.lower())
        russia = Entity.objects.get(iso_code="RU")
        make_event(
            war_timeline, (country, russia), day=D(2025, 4, 29), sentence=f"{name} spoke about Russia."
        )
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto("/?country=RU")
        assert page.evaluate("document.scrollingElement.scrollWidth") <= 390  # no sideways scrolling
        panel = page.locator("details.filters-panel")
        expect(panel.locator(":scope > summary")).to_have_text("Filters (1)")
        expect(page.locator("#q")).to_be_hidden()  # folded
        first_card = page.locator(".card").first
        expect(first_card).to_be_in_viewport()
        assert first_card.bounding_box()["y"] + 40 < 844  # its first lines, not only its border
        # The map is a line of country chips.
        expect(page.locator("svg.map")).to_be_hidden()
        expect(page.locator(".map-chips a", has_text="North Korea")).to_be_visible()
        # Opening the panel shows the filters; it stays open when a filter changes.
        panel.locator(":scope > summary").click()
        expect(page.locator("#q")).to_be_visible()
        page.locator("#country-KP").check()
        expect(page).to_have_url(re.compile(r"country=KP"))
        expect(page.locator("#q")).to_be_visible()
    finally:
        context.close()


def test_without_javascript_the_map_and_the_bars_are_links_and_results_come_first(
    browser, live_server, war_timeline
):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 390, "height": 844}, java_script_enabled=False
    )
    page = context.new_page()
    try:
        page.goto("/")
        expect(page.locator(".card").first).to_be_in_viewport()
        # The filters panel is open (nothing would unfold it) and comes after the results.
        assert page.locator("details.filters-panel").evaluate("panel => panel.open")
        assert page.locator("#q").bounding_box()["y"] > page.locator(".card").first.bounding_box()["y"]
        page.locator(".map-chips a", has_text="North Korea").click()
        expect(page).to_have_url(re.compile(r"\?country=KP$"))
        expect(page.locator(".card")).to_have_count(3)
    finally:
        context.close()
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto("/")
        page.locator("svg.map a.country", has=page.locator("title", has_text="Ukraine")).click()
        expect(page).to_have_url(re.compile(r"\?country=UA$"))
        page.locator("[data-brush] svg a[data-from]").first.click()
        expect(page).to_have_url(re.compile(r"country=UA&from=2024-08-01&to=2024-08-31"))
        expect(page.locator(".card")).to_have_count(1)
    finally:
        context.close()
