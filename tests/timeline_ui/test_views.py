"""The timeline pages through the test client: full pages, htmx fragments, bad input, queries, languages."""

import datetime
import html as html_lib
import re

import pytest
from django.urls import reverse

from tests.foundation.factories import make_article, make_entity, make_event
from timeline.cards import clear_card_cache
from timeline.index import get_index
from timeline.models import Entity

D = datetime.date
URL = reverse("timeline:timeline")


def cards(response) -> list[str]:
    """The sentences of the cards of a page, in order (markup stripped)."""
    html = response.content.decode()
    found = re.findall(r'<p class="sentence">(.*?)</p>', html, re.S)
    return [html_lib.unescape(re.sub(r"<[^>]+>", "", sentence)) for sentence in found]


def test_full_page_has_filters_chart_and_cards_in_date_order(client, small_timeline):
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" in html and 'id="filters"' in html and 'class="chart"' in html
    sentences = cards(response)
    assert sentences[0].startswith("Ukrainian troops crossed")
    assert sentences[-1].startswith("Pyongyang a confirmé")
    assert "7 events" in html


def test_htmx_request_gets_the_timeline_region_only(client, small_timeline):
    response = client.get(URL, {"country": "KP"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="timeline-region"')
    assert "<html" not in html
    assert len(cards(response)) == 2
    assert "HX-Request" in response["Vary"]


def test_history_restore_gets_the_full_page(client, small_timeline):
    response = client.get(
        URL, {"country": "KP"}, HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true"
    )
    assert "<html" in response.content.decode()


def test_country_and_person_filters_combine(client, small_timeline):
    response = client.get(URL, {"country": "RU", "person": "vladimir-putin"})
    assert cards(response) == ["Le 26 avril 2025, Moscou a annoncé la reprise de Koursk à Vladimir Poutine."]
    html = response.content.decode()
    assert 'id="country-RU" type="checkbox" name="country" value="RU" checked' in html
    assert "1 event" in html


def test_several_countries_narrow_to_events_involving_all(client, small_timeline):
    response = client.get(URL, {"country": ["US", "UA"]})
    assert cards(response) == ["Donald Trump met Volodymyr Zelensky in St Peter's Basilica."]


def test_category_date_and_text_filters(client, small_timeline):
    response = client.get(URL, {"category": "military", "from": "2025-04", "to": "2025-04", "q": "koursk"})
    assert cards(response) == ["Le 26 avril 2025, Moscou a annoncé la reprise de Koursk à Vladimir Poutine."]


def test_facet_counts_follow_the_filters(client, small_timeline):
    html = client.get(URL, {"country": "KP"}).content.decode()
    facet = re.search(r'value="RU"[^>]*>.*?<span class="count">(\d+)</span>', html, re.S)
    assert facet and facet.group(1) == "2"


def test_one_card_per_happening_with_its_sources(client, small_timeline):
    html = client.get(URL, {"from": "2025-04-26", "to": "2025-04-26"}).content.decode()
    assert "2 sources" in html
    # The Kursk announcement (2 reports), the Vatican meeting, and "recent weeks", which overlaps the day.
    assert html.count('class="card ') == 3


def test_dates_are_written_with_their_precision(client, small_timeline):
    html = client.get(URL).content.decode()
    assert '<time datetime="2024-10">October 2024</time>' in html
    assert "≈ ces dernières semaines" in html
    assert '<time datetime="2024-08-06">6 August 2024</time>' in html
    assert "publication date" in html  # the confirmation is dated by its article


@pytest.mark.parametrize(
    ("query", "note"),
    [
        ({"country": "XX"}, "Unknown country “XX” ignored."),
        ({"person": "nobody"}, "Unknown person “nobody” ignored."),
        ({"from": "2025-13-45"}, "is not a date"),
        ({"category": "<script>"}, "Unknown category “&lt;script&gt;” ignored."),
        ({"order": "random"}, "Unknown order"),
    ],
)
def test_bad_parameters_never_fail_and_say_what_was_ignored(client, small_timeline, query, note):
    response = client.get(URL, query)
    assert response.status_code == 200
    notes = [
        html_lib.unescape(n) for n in re.findall(r'<p class="note">(.*?)</p>', response.content.decode())
    ]
    assert any(html_lib.unescape(note) in found for found in notes)
    assert len(cards(response)) == 7  # what was ignored filters nothing


def test_load_more_returns_the_next_cards_only(client, small_timeline, settings):
    settings.TIMELINE_PAGE_SIZE = 3
    first = client.get(URL)
    more = re.search(r'<li class="load-more">\s*<a href="([^"]+)"', first.content.decode())
    assert more
    next_url = URL + more.group(1).replace("&amp;", "&")
    fragment = client.get(next_url, HTTP_HX_REQUEST="true")
    assert 'id="filters"' not in fragment.content.decode()
    settings.TIMELINE_PAGE_SIZE = 50
    everything = cards(client.get(URL))
    # The first page and the next one are the first six cards of the whole timeline, in order.
    assert len(cards(first)) == 3 and len(cards(fragment)) == 3
    assert cards(first) + cards(fragment) == everything[:6]
    # Without JavaScript the same link renders a whole page.
    assert "<html" in client.get(next_url).content.decode()


def test_page_queries_do_not_grow_with_cards_or_entities(client, small_timeline, django_assert_num_queries):
    client.get(URL)  # builds the index
    clear_card_cache()
    with django_assert_num_queries(4):  # changed cards, lead events, their mentions, their sources
        client.get(URL)
    ru = small_timeline.ru
    for day in range(1, 21):
        people = [make_entity(f"Person {day} {n}", slug=f"person-{day}-{n}", country=ru) for n in range(4)]
        make_event(make_article(), (ru, *people), day=D(2025, 1, day))
    client.get(URL)  # the index follows the change
    clear_card_cache()
    with django_assert_num_queries(4):
        response = client.get(URL)
    assert len(cards(response)) == 27


def test_rendered_cards_are_reused_until_the_timeline_changes(
    client, small_timeline, django_assert_num_queries
):
    client.get(URL)
    with django_assert_num_queries(1):  # only the changed cards (none): index and cards are warm
        client.get(URL, {"country": "RU"})
    make_event(make_article(), (small_timeline.ru,), day=D(2025, 1, 1), sentence="A new card.")
    assert "A new card." in cards(client.get(URL))


def test_person_suggestions_link_to_the_filtered_timeline(client, small_timeline):
    small_timeline.putin.aliases.create(name="Vladimir Poutine", language="fr")
    html = client.get(
        reverse("timeline:person-suggestions"), {"person_q": "pout", "country": "RU"}
    ).content.decode()
    assert "Vladimir Putin" in html
    assert "?country=RU&amp;person=vladimir-putin" in html


def test_entity_page_shows_its_timeline_aliases_and_company(client, small_timeline):
    small_timeline.putin.aliases.create(name="Vladimir Poutine", language="fr")
    url = reverse("timeline:entity", kwargs={"kind": "person", "slug": "vladimir-putin"})
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Vladimir Poutine" in html
    assert len(cards(response)) == 1
    assert 'href="/location/kursk/"' in html  # most often seen with


def test_country_page_is_found_by_iso_code(client, small_timeline):
    response = client.get(reverse("timeline:entity", kwargs={"kind": "country", "slug": "kp"}))
    assert response.status_code == 200
    assert len(cards(response)) == 2


def test_unknown_entity_is_a_404(client, small_timeline):
    assert client.get("/person/nobody/").status_code == 404
    assert client.get("/country/XX/").status_code == 404


def test_article_page_highlights_dates_and_entities(client, small_timeline):
    article = make_article(title="Highlights", body="Lundi, Pyongyang a confirmé.")
    kp = Entity.objects.get(iso_code="KP")
    article.highlights = [
        {"start": 0, "end": 5, "kind": "date", "value": "2025-04-28", "type": "DATE"},
        {"start": 7, "end": 16, "kind": "country", "entity": kp.pk},
    ]
    article.save()
    html = client.get(reverse("timeline:article", args=[article.pk])).content.decode()
    assert '<mark class="date">Lundi</mark>' in html
    assert '<a class="mention country" href="/country/KP/">Pyongyang</a>' in html


def test_public_pages_carry_a_strict_content_security_policy(client, small_timeline):
    policy = client.get(URL)["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    html = client.get(URL).content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)  # every script is a file


def test_french_interface_and_dates(client, small_timeline):
    client.post(reverse("set_language"), {"language": "fr", "next": URL})
    html = client.get(URL).content.decode()
    assert '<html lang="fr">' in html
    assert "<legend>Pays</legend>" in html and ">Rechercher</label>" in html
    assert "6 août 2024" in html and "octobre 2024" in html
    assert "7 événements" in html


def test_the_index_is_shared_between_requests(client, small_timeline):
    client.get(URL)
    index = get_index()
    client.get(URL, {"country": "RU"})
    assert get_index() is index


def test_an_htmx_swap_pushes_the_canonical_link(client, small_timeline):
    query = {"q": "", "from": "", "to": "", "order": "oldest", "country": "kp", "person_q": ""}
    response = client.get(URL, query, HTTP_HX_REQUEST="true")
    assert response["HX-Push-Url"] == "/?country=KP"
    assert client.get(URL, {"q": ""}, HTTP_HX_REQUEST="true")["HX-Push-Url"] == "/"


def test_person_suggestions_ignore_the_typed_text_as_a_filter(client, small_timeline):
    html = client.get(reverse("timeline:person-suggestions"), {"person_q": "im"}).content.decode()
    assert 'href="/?person=kim-jong-un"' in html
    assert "person=kim-jong-un&amp;person=" not in html  # picking one adds only that one


def test_category_counts_show_what_ticking_each_would_add(client, small_timeline):
    html = client.get(URL, {"category": "military"}).content.decode()
    diplomatic = re.search(r'value="diplomatic"[^>]*>.*?<span class="count">(\d+)</span>', html, re.S)
    assert diplomatic and diplomatic.group(1) == "1"


def test_a_bad_cursor_on_load_more_returns_no_cards_rather_than_page_one_again(client, small_timeline):
    response = client.get(URL, {"cursor": "bogus"}, HTTP_HX_REQUEST="true")
    assert cards(response) == []


def test_an_article_link_is_only_ever_a_web_address(client, small_timeline):
    article = make_article(title="Bad link", url="javascript:alert(1)")
    html = client.get(reverse("timeline:article", args=[article.pk])).content.decode()
    assert "javascript:" not in html


def test_deleting_events_in_the_admin_updates_the_public_timeline(client, staff_client, small_timeline):
    assert "Donald Trump met" in client.get(URL).content.decode()
    changelist = reverse("admin:timeline_event_changelist")
    response = staff_client.post(
        changelist,
        {"action": "delete_selected", "_selected_action": [small_timeline.vatican.pk], "post": "yes"},
    )
    assert response.status_code == 302
    html = client.get(URL).content.decode()
    assert "Donald Trump met" not in html
    assert "6 events" in html


def test_a_chart_bar_narrows_the_dates_to_its_month(client, small_timeline):
    html = client.get(URL, {"country": "RU"}).content.decode()
    bar = re.search(r'<a href="(\?[^"]*from=2025-04-01[^"]*)"[^>]*><title>April 2025: (\d+)</title>', html)
    assert bar, "no bar for April 2025"
    href = html_lib.unescape(bar.group(1))
    assert href == "?country=RU&from=2025-04-01&to=2025-04-30"
    assert len(cards(client.get(URL + href))) == int(bar.group(2))
