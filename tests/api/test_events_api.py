"""GET /api/events: the timeline's cards as JSON, with the page's filters, paged by cursor."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from tests.api.helpers import page_sentences
from tests.foundation.factories import make_article, make_entity, make_event
from timeline.models import EventGroup

D = datetime.date
API = reverse("timeline:api-events")
PAGE = reverse("timeline:timeline")


def texts(body: dict) -> list[str]:
    return [item["text"] for item in body["results"]]


def test_the_api_lists_one_item_per_card_in_date_order(client, small_timeline):
    response = client.get(API)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["count"] == 7 and len(body["results"]) == 7
    assert body["next"] is None and body["notes"] == []
    assert texts(body)[0].startswith("Ukrainian troops crossed")
    assert texts(body)[-1].startswith("Pyongyang a confirmé")


def test_an_item_is_the_lead_event_with_the_articles_of_its_whole_group(client, small_timeline):
    body = client.get(API, {"person": "vladimir-putin"}).json()
    [item] = body["results"]
    lead = small_timeline.kursk_retaken
    assert item["id"] == lead.pk and item["group"] == lead.group_id
    assert item["date_start"] == item["date_end"] == "2025-04-26" and item["precision"] == "day"
    assert item["display_date"] == "26 April 2025"
    assert {c["code"] for c in item["countries"]} == {"RU"}
    assert [p["name"] for p in item["persons"]] == ["Vladimir Putin"]
    assert item["article"]["id"] == lead.article_id
    sources = item["sources"]
    assert {s["id"] for s in sources} == {lead.article_id, small_timeline.kursk_retaken_en.article_id}
    assert {s["language"] for s in sources} == {"fr", "en"}
    assert set(sources[0]) == {"id", "title", "source", "url", "published", "language"}


def test_an_event_outside_any_group_is_its_own_card_with_its_own_article(client, small_timeline):
    event = small_timeline.sudzha_retaken
    event.group = None
    event.save()
    EventGroup.objects.filter(events__isnull=True).delete()
    make_event(make_article(), (), day=D(2025, 3, 13), group=None, sentence="Unrelated.")  # bumps the index
    [item] = [i for i in client.get(API).json()["results"] if i["id"] == event.pk]
    assert item["group"] is None
    assert [s["id"] for s in item["sources"]] == [event.article_id]


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"country": "KP"},
        {"country": ["US", "UA"]},
        {"person": "vladimir-putin", "country": "RU"},
        {"category": ["diplomatic", "statement"]},
        {"from": "2025-04-26", "to": "2025-04-26"},
        {"from": "2025"},
        {"to": "2024-10"},
        {"q": "koursk"},
        {"q": "Putin"},
        {"order": "newest", "category": "military"},
        {"country": "XX", "category": "military"},
    ],
    ids=[
        "everything", "country", "all-countries", "person-and-country", "any-category", "one-day",
        "from-year", "to-month", "text", "entity-name-in-text", "newest-first", "unknown-value-ignored",
    ],
)  # fmt: skip
def test_the_api_selects_the_same_cards_as_the_timeline_page(client, small_timeline, query):
    assert texts(client.get(API, query).json()) == page_sentences(client.get(PAGE, query))


@pytest.mark.parametrize("order", ["oldest", "newest"])
def test_following_next_walks_every_card_exactly_once(client, small_timeline, order):
    everything = texts(client.get(API, {"order": order}).json())
    seen, url, pages = [], API + f"?order={order}&limit=2", 0
    while url:
        body = client.get(url).json()
        assert body["count"] == 7 and len(body["results"]) <= 2
        seen += texts(body)
        url, pages = body["next"], pages + 1
        if url:
            assert url.startswith("http://testserver/api/events?") and "limit=2" in url
    assert seen == everything and pages == 4


def test_the_next_link_keeps_the_filters(client, small_timeline):
    body = client.get(API, {"country": "RU", "limit": "1"}).json()
    assert "country=RU" in body["next"] and "cursor=" in body["next"]
    second = client.get(body["next"]).json()
    assert second["count"] == body["count"] == 6
    assert texts(second) != texts(body)


@pytest.mark.parametrize(
    ("limit", "message"),
    [
        ("0", "from 1 to 200"),
        ("201", "from 1 to 200"),
        ("-5", "from 1 to 200"),
        ("ten", "whole number"),
        ("2.5", "whole number"),
    ],
)
def test_a_bad_limit_is_a_400_that_says_what_is_allowed(client, small_timeline, limit, message):
    response = client.get(API, {"limit": limit})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert "limit" in response.json()["error"] and message in response.json()["error"]


def test_the_largest_limit_is_accepted_and_an_empty_one_means_the_default(client, small_timeline):
    assert client.get(API, {"limit": "200"}).json()["limit"] == 200
    assert client.get(API, {"limit": ""}).json()["limit"] == 50


def test_a_malformed_cursor_is_a_400(client, small_timeline):
    response = client.get(API, {"cursor": "bogus"})
    assert response.status_code == 400
    assert "cursor" in response.json()["error"]


@pytest.mark.parametrize(
    ("query", "note"),
    [
        ({"country": "XX"}, "Unknown country “XX” ignored."),
        ({"person": "nobody"}, "Unknown person “nobody” ignored."),
        ({"category": "<script>"}, "Unknown category “<script>” ignored."),
        ({"from": "2025-13-45"}, "“2025-13-45” is not a date"),
        ({"order": "random"}, "Unknown order “random” ignored."),
        ({"contry": "RU"}, "Unknown parameter “contry” ignored."),
    ],
    ids=["country", "person", "category", "date", "order", "parameter-name"],
)
def test_unknown_filter_values_are_ignored_with_a_note(client, small_timeline, query, note):
    response = client.get(API, query)
    assert response.status_code == 200
    body = response.json()
    assert any(n.startswith(note) for n in body["notes"]), body["notes"]
    assert body["count"] == 7  # the bad value filtered nothing


def test_the_applied_filters_are_echoed_after_validation(client, small_timeline):
    body = client.get(API, {"country": ["kp", "XX"], "from": "2025-04", "q": " Kim  "}).json()
    assert body["filters"] == {
        "country": ["KP"], "person": [], "category": [], "from": "2025-04-01", "to": None,
        "q": "Kim", "order": "oldest",
    }  # fmt: skip


def test_a_page_costs_the_same_few_queries_whatever_its_size(
    client, small_timeline, django_assert_num_queries
):
    client.get(API)  # builds the index
    # timeline version, lead events with articles, their mentions with entities, aliases, sources
    with django_assert_num_queries(5):
        client.get(API, {"limit": "2"})
    ru = small_timeline.ru
    for day in range(1, 21):
        people = [make_entity(f"Person {day} {n}", slug=f"person-{day}-{n}", country=ru) for n in range(4)]
        for person in people:
            person.aliases.create(name=f"{person.name} alias", language="fr")
        make_event(make_article(), (ru, *people), day=D(2025, 1, day))
    client.get(API)  # rebuilds the index after the change
    with django_assert_num_queries(5):
        body = client.get(API, {"limit": "200"}).json()
    assert len(body["results"]) == 27
    assert body["results"][2]["persons"][0]["aliases"] == ["Person 1 0 alias"]


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_api_is_read_only(small_timeline, method):
    client = Client(enforce_csrf_checks=True)  # as a browser: 405 rather than a CSRF failure
    response = getattr(client, method)(API)
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert "GET" in response.json()["error"]


def test_the_api_is_public_and_readable_from_other_sites(client, small_timeline):
    response = client.get(API)  # no login
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"


def test_dates_are_said_in_the_language_asked_for(client, small_timeline):
    body = client.get(API, {"country": "KP"}, HTTP_ACCEPT_LANGUAGE="fr").json()
    assert [item["display_date"] for item in body["results"]] == ["octobre 2024", "28 avril 2025"]


def test_a_head_request_is_answered_without_a_body(client, small_timeline):
    response = client.head(API)
    assert response.status_code == 200 and response.content == b""
