import datetime

import pytest

from tests.foundation.factories import make_article, make_event

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_timeline_opens_in_chromium_with_htmx_loaded(page):
    make_event(
        make_article(title="Kursk"),
        day=datetime.date(2025, 4, 26),
        sentence="Moscow said the Kursk region was retaken.",
    )
    page.goto("/")
    assert page.locator("h1").inner_text() == "Timeline"
    assert page.locator("ol.timeline li").first.inner_text().count("Kursk region was retaken") == 1
    # htmx is served from the django-htmx package and runs in the page.
    assert page.evaluate("typeof window.htmx") == "object"
