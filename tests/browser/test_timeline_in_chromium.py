"""A reader's path through the timeline in Chromium: filters, history, paging, entity page, language."""

import datetime
import re
import time

import pytest
from playwright.sync_api import expect

from tests.foundation.factories import make_article, make_entity, make_event
from timeline.models import Entity

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

D = datetime.date


@pytest.fixture
def timeline_data():
    ru = make_entity("Russia", kind=Entity.Kind.COUNTRY, iso_code="RU", slug="russia")
    kp = make_entity("North Korea", kind=Entity.Kind.COUNTRY, iso_code="KP", slug="north-korea")
    ua = make_entity("Ukraine", kind=Entity.Kind.COUNTRY, iso_code="UA", slug="ukraine")
    putin = make_entity("Vladimir Putin", country=ru)
    kim = make_entity("Kim Jong Un", country=kp)
    article = make_article(title="Demo", body="Demo text.")
    make_event(article, (kp, ru, kim), day=D(2025, 4, 28), sentence="Pyongyang confirmed its troops fought.")
    make_event(article, (ru, putin, kp), day=D(2025, 4, 28), sentence="Putin thanked North Korea.")
    make_event(article, (ru, putin), day=D(2025, 4, 26), sentence="Putin was told Kursk was retaken.")
    for day in range(1, 13):
        make_event(article, (ua, ru), day=D(2024, 8, day), sentence=f"Fighting in Kursk, day {day}.")
    return {"putin": putin}


def test_filter_by_country_then_person_go_back_and_load_more(page, live_server, timeline_data, settings):
    settings.TIMELINE_PAGE_SIZE = 5
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto("/")
    expect(page.locator(".summary")).to_contain_text("15 events")

    page.get_by_label(re.compile("North Korea")).check()
    expect(page).to_have_url(re.compile(r"\?country=KP$"))
    expect(page.locator(".summary")).to_contain_text("2 events")
    # The country facet counts follow: Russia is on both North Korean cards.
    expect(page.locator("label", has=page.locator("#country-RU"))).to_contain_text("2")

    page.get_by_label(re.compile("Vladimir Putin")).check()
    expect(page).to_have_url(re.compile(r"\?country=KP&person=vladimir-putin$"))
    expect(page.locator(".card")).to_have_count(1)
    expect(page.locator(".card .sentence")).to_have_text("Putin thanked North Korea.")

    page.go_back()
    expect(page).to_have_url(re.compile(r"\?country=KP$"))
    expect(page.locator(".card")).to_have_count(2)
    page.go_back()
    expect(page.locator(".summary")).to_contain_text("15 events")

    # Pages of five cards, each loaded as the "load more" row comes into view, until none is left.
    deadline = time.monotonic() + 30
    while page.locator(".card").count() < 15 and time.monotonic() < deadline:
        page.keyboard.press("End")
        page.wait_for_timeout(300)
    expect(page.locator(".card")).to_have_count(15)
    expect(page.get_by_role("link", name="Load more")).to_have_count(0)
    sentences = page.locator(".card .sentence").all_inner_texts()
    assert len(set(sentences)) == 15  # every card once, none repeated across pages
    assert errors == []  # no Content-Security-Policy violation, no failed request


def test_text_search_updates_as_you_type(page, live_server, timeline_data):
    page.goto("/")
    page.get_by_label("Search").fill("thanked")
    expect(page.locator(".card")).to_have_count(1)
    expect(page).to_have_url(re.compile(r"q=thanked"))
    expect(page.get_by_label("Search")).to_be_focused()  # focus stays in the box after the swap


def test_person_type_ahead_adds_the_picked_person_only(page, live_server, timeline_data):
    timeline_data["putin"].aliases.create(name="Vladimir Poutine", language="fr")
    page.goto("/")
    page.get_by_label("Find a person").fill("im")  # Kim Jong Un first, then Vladimir Putin
    suggestions = page.locator("#person-suggestions").get_by_role("option")  # issue 14: a combobox listbox
    expect(suggestions).to_have_count(2)
    suggestions.filter(has_text="Vladimir Putin").click()
    expect(page).to_have_url(re.compile(r"/\?person=vladimir-putin$"))
    expect(page.locator(".card")).to_have_count(2)


def test_switching_language_keeps_the_filters(page, live_server, timeline_data):
    page.goto("/")
    page.get_by_label(re.compile("North Korea")).check()
    expect(page).to_have_url(re.compile(r"\?country=KP$"))
    page.get_by_label("Language").select_option("fr")
    page.get_by_role("button", name="Switch").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page).to_have_url(re.compile(r"\?country=KP$"))
    expect(page.locator(".card")).to_have_count(2)


def test_open_an_entity_page_and_switch_language(page, live_server, timeline_data):
    page.goto("/")
    page.locator(".card .sentence a", has_text="Putin").first.click()
    expect(page).to_have_url(re.compile(r"/person/vladimir-putin/$"))
    expect(page.locator("h1")).to_have_text("Vladimir Putin")
    expect(page.locator(".card")).to_have_count(2)

    page.get_by_label("Language").select_option("fr")
    page.get_by_role("button", name="Switch").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator("h2", has_text="Chronologie")).to_be_visible()
    expect(page.locator(".day time").first).to_contain_text("avril 2025")


def test_every_filter_works_without_javascript(browser, live_server, timeline_data):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/")
    page.get_by_label(re.compile("North Korea")).check()
    page.get_by_role("button", name="Apply").click()
    expect(page).to_have_url(re.compile(r"country=KP"))
    expect(page.locator(".card")).to_have_count(2)
    context.close()


def test_new_events_are_announced_without_moving_the_page(page, live_server, timeline_data):
    page.set_viewport_size({"width": 1000, "height": 400})
    page.goto("/?country=RU")
    expect(page.locator(".summary")).to_contain_text("15 events")
    page.mouse.wheel(0, 600)
    deadline = time.monotonic() + 10  # (wait_for_function would eval a string, which the CSP forbids)
    while page.evaluate("window.scrollY") == 0 and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    scrolled = page.evaluate("window.scrollY")
    assert scrolled > 0

    ru = Entity.objects.get(iso_code="RU")
    make_event(make_article(title="Fresh"), (ru,), day=D(2025, 5, 1), sentence="A fresh report from Kursk.")
    make_event(make_article(title="Elsewhere"), (), day=D(2025, 5, 1), sentence="Unrelated news.")

    banner = page.locator(".new-events-show")
    expect(banner).to_have_text("1 new event — show")  # only what the page's filters select
    expect(banner).to_be_in_viewport()  # seen wherever the reader is
    assert page.evaluate("window.scrollY") == scrolled  # the page did not move
    expect(page.locator(".card")).to_have_count(15)  # nor change under the reader's eyes

    banner.click()
    expect(page.locator(".summary")).to_contain_text("16 events")
    expect(page.get_by_text("A fresh report from Kursk.")).to_be_visible()
    expect(page).to_have_url(re.compile(r"\?country=RU$"))  # the filters stay
    expect(page.locator(".new-events-show")).to_have_count(0)
