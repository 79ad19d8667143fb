"""Who says so, in Chromium: a disputed happening shows both sides; the Status filter narrows the list."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from tests.foundation.factories import make_article, make_entity, make_event
from timeline.models import Entity

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

D = datetime.date


@pytest.fixture
def claims():
    ru = make_entity("Russia", kind=Entity.Kind.COUNTRY, iso_code="RU", slug="russia")
    ua = make_entity("Ukraine", kind=Entity.Kind.COUNTRY, iso_code="UA", slug="ukraine")
    claim = make_event(
        make_article(title="Claim", published=D(2025, 3, 12)), (ru,), day=D(2025, 3, 12),
        sentence="Russian troops retook Sverdlikovo on 12 March, the Russian Defence Ministry said.",
        speaker=ru, speaker_country="RU", speaker_body="defence_ministry", stance="asserted",
    )  # fmt: skip
    make_event(
        make_article(title="Denial", published=D(2025, 3, 13)), (ru, ua), day=D(2025, 3, 12),
        group=claim.group,
        sentence="Russian troops retook Sverdlikovo on 12 March, Ukraine denied.",
        speaker=ua, speaker_country="UA", stance="denied",
    )  # fmt: skip
    make_event(
        make_article(title="Fact"), (ua,), day=D(2025, 3, 20), sentence="Fighting went on near Sudzha."
    )


def test_a_disputed_happening_shows_both_sides_and_the_status_filter_narrows_the_list(
    page, live_server, claims
):
    page.goto("/")
    expect(page.locator(".card")).to_have_count(2)
    disputed = page.locator(".card", has_text="Sverdlikovo")
    expect(disputed.locator(".status")).to_have_text("Disputed")
    expect(disputed.locator(".claims")).to_have_text(
        "Claimed by Russia (Defence Ministry) · denied by Ukraine"
    )
    expect(disputed.locator(".first-reported")).to_have_text("first reported 12 March 2025")
    expect(page.locator("label", has=page.locator("#status-disputed"))).to_contain_text("1")

    page.get_by_label(re.compile("Disputed")).check()
    expect(page).to_have_url(re.compile(r"\?status=disputed$"))
    expect(page.locator(".card")).to_have_count(1)
    expect(page.locator(".card .sentence")).to_contain_text("Sverdlikovo")

    page.go_back()
    expect(page.locator(".card")).to_have_count(2)
