"""An open timeline learns of new events; public pages stay bounded whatever the data or the query string:
no article text loaded for cards, implausible dates off the chart, capped filters, unpublished articles
hidden."""

import datetime
import html as html_lib
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.foundation.factories import make_article, make_event
from timeline.filters import MAX_VALUES
from timeline.index import MAX_CHART_MONTHS
from timeline.models import Article

D = datetime.date
URL = reverse("timeline:timeline")
NEW = reverse("timeline:new-events")


class Elements(HTMLParser):
    """The start tags of a page as (tag, attributes) pairs."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str]]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))

    def by_id(self, element_id: str) -> dict[str, str] | None:
        return next((attrs for _tag, attrs in self.found if attrs.get("id") == element_id), None)

    def count(self, tag: str, css_class: str) -> int:
        return sum(1 for t, attrs in self.found if t == tag and css_class in attrs.get("class", "").split())


def poll_url(response) -> str:
    poller = Elements(response.content.decode()).by_id("new-events")
    assert poller is not None, "the page does not poll for new events"
    return html_lib.unescape(poller["hx-get"])


def test_an_open_timeline_polls_for_new_events_under_its_filters(client, small_timeline):
    page = client.get(URL, {"country": "RU"})
    url = poll_url(page)
    assert url.startswith(NEW + "?country=RU&since=")
    assert client.get(url).content.decode().strip() == ""  # nothing new yet
    make_event(make_article(), (small_timeline.ru,), day=D(2025, 5, 1), sentence="Fresh news.")
    make_event(make_article(), (small_timeline.us,), day=D(2025, 5, 2), sentence="Other news.")
    banner = client.get(url, HTTP_HX_REQUEST="true")
    assert banner["Cache-Control"] == "no-store"
    link = Elements(banner.content.decode()).found[0][1]
    assert "1 new event — show" in banner.content.decode()  # only the card under the page's filters
    assert link["hx-get"] == "/?country=RU" and link["hx-target"] == "#timeline-region"
    # The fresh page counts from its own moment.
    assert client.get(poll_url(client.get(URL, {"country": "RU"}))).content.decode().strip() == ""


def test_polling_costs_one_query(client, small_timeline, django_assert_num_queries):
    url = poll_url(client.get(URL))
    with django_assert_num_queries(1):  # the cards changed since (none)
        client.get(url)


def test_cards_and_exports_never_load_article_texts(client, small_timeline):
    big = make_article(title="Long read", body="Koursk. " * 250_000)  # 2 MB
    big.highlights = [{"start": 0, "end": 6, "kind": "location"}] * 10_000
    big.save()
    make_event(big, (small_timeline.ru,), day=D(2025, 4, 20), sentence="Koursk.")
    with CaptureQueriesContext(connection) as queries:
        for url in (URL, reverse("timeline:api-events"), reverse("timeline:export-csv")):
            response = client.get(url, {"limit": "200"} if "api" in url else {})
            assert response.status_code == 200
            b"".join(response.streaming_content) if response.streaming else response.content
    article_columns = [q["sql"] for q in queries if '"timeline_article"."body"' in q["sql"]]
    article_columns += [q["sql"] for q in queries if '"timeline_article"."highlights"' in q["sql"]]
    assert article_columns == []


def test_an_article_page_reads_only_the_start_of_a_long_text_and_its_spans(client, small_timeline):
    big = make_article(title="Long read", body="Koursk. " * 250_000)  # 2 MB
    big.highlights = [{"start": 80 * i, "end": 80 * i + 6, "kind": "location"} for i in range(25_000)]
    big.save()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("timeline:article", args=[big.pk]))
    assert response.status_code == 200
    # The text and the spans are only ever read through a function of the database (a slice, a length,
    # the JSON elements of the shown part), never as whole columns.
    for column in ('"timeline_article"."body"', '"timeline_article"."highlights"'):
        for query in queries:
            assert query["sql"].count(column) == query["sql"].count(f"({column}"), query["sql"]
    page = ArticlePage(response.content.decode())
    assert page.body == big.body[:100_000]


def test_an_implausible_date_stays_off_the_chart(client, small_timeline):
    make_event(make_article(published=D(2025, 4, 28)), (small_timeline.ru,), day=D(1000, 1, 1))
    html = client.get(URL).content.decode()
    bars = Elements(html).count("rect", "bar")
    assert bars == 9  # August 2024 to April 2025, as without the misread date
    assert "8 events" in html  # the card itself is still listed, for review


def test_the_chart_never_exceeds_its_range(client, small_timeline):
    make_event(make_article(published=D(1950, 1, 1)), (), day=D(1950, 1, 1))  # plausible for its report
    bars = Elements(client.get(URL).content.decode()).count("rect", "bar")
    assert bars == MAX_CHART_MONTHS


def test_filter_values_are_capped_in_number_and_length(client, small_timeline):
    response = client.get(URL, {"country": [f"C{n}" for n in range(500)], "q": "x" * 100_000})
    assert response.status_code == 200
    html = response.content.decode()
    assert f"Only the first {MAX_VALUES} values of “country” were kept." in html_lib.unescape(html)
    api = client.get(reverse("timeline:api-events"), {"person": ["p" * 5000] * 3})
    assert api.status_code == 200
    assert all(len(note) < 200 for note in api.json()["notes"])


def test_a_query_string_with_too_many_fields_is_a_clear_400(client, small_timeline):
    query = "&".join(f"country=C{n}" for n in range(5000))
    assert client.get(f"{URL}?{query}").status_code == 400


def test_failed_and_never_extracted_articles_are_not_public(staff_client, small_timeline):
    client = Client()  # anonymous (staff_client is the logged-in `client` fixture)
    failed = make_article(title="Broken", status=Article.Status.FAILED)
    make_event(failed, (small_timeline.ru,), day=D(2025, 4, 1), sentence="From a failed article.")
    pending = make_article(title="Waiting", status=Article.Status.PENDING)
    assert "From a failed article." not in client.get(URL).content.decode()
    for article in (failed, pending):
        url = reverse("timeline:article", args=[article.pk])
        assert client.get(url).status_code == 404
        assert staff_client.get(url).status_code == 200  # editors still read it
    # A re-extraction under way keeps an article public.
    done = small_timeline.vatican.article
    Article.objects.filter(pk=done.pk).update(
        status=Article.Status.RUNNING, extracted_at=datetime.datetime.now(datetime.UTC)
    )
    assert client.get(reverse("timeline:article", args=[done.pk])).status_code == 200


class ArticlePage(HTMLParser):
    """The text shown in an article page's body, its listed events and its notes."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.body, self.events, self.notes = "", 0, []
        self._open: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        classes = dict(attrs).get("class", "") or ""
        if tag == "li" and self._open and self._open[-1] == "article-events":
            self.events += 1
        self._open.append(classes if tag in ("div", "ol", "p") else self._open[-1] if self._open else "")
        if tag == "p" and "note" in classes.split():
            self.notes.append(classes)

    def handle_endtag(self, tag):
        if self._open:
            self._open.pop()

    def handle_data(self, data):
        if "body" in self._open:
            self.body += data


@pytest.mark.django_db
def test_a_huge_article_page_shows_the_start_of_its_text_and_events_and_says_so(client, monkeypatch):
    from timeline import views

    monkeypatch.setattr(views, "ARTICLE_PAGE_CHARACTERS", 40)
    monkeypatch.setattr(views, "ARTICLE_PAGE_EVENTS", 2)
    body = "Pyongyang confirmed the deployment. " * 10
    article = make_article(title="Long", body=body)
    article.highlights = [{"start": 0, "end": 9, "kind": "date", "value": "2025-04-28", "type": "DATE"}]
    article.highlights += [{"start": 300, "end": 309, "kind": "date", "value": "2025-04-28", "type": "DATE"}]
    article.save()
    for day in (1, 2, 3):
        make_event(article, day=D(2025, 4, day), sentence="Pyongyang confirmed the deployment.")

    page = ArticlePage(client.get(reverse("timeline:article", args=[article.pk])).content.decode())

    assert page.body == body[:40]
    assert page.events == 2
    assert any("text-cut" in note for note in page.notes)
    assert any("events-cut" in note for note in page.notes)

    french = client.get(reverse("timeline:article", args=[article.pk]), HTTP_ACCEPT_LANGUAGE="fr")
    assert "Seuls les 2 premiers événements de cet article sont listés." in french.content.decode()


@pytest.mark.django_db
def test_a_short_article_page_shows_everything_without_notes(client):
    article = make_article(title="Short", body="Pyongyang confirmed the deployment.")
    make_event(article, day=D(2025, 4, 1))

    page = ArticlePage(client.get(reverse("timeline:article", args=[article.pk])).content.decode())

    assert page.body == article.body
    assert page.events == 1
    assert page.notes == []
