"""The downloads of the current view: /export/events.csv and /export/timelinejs.json, and their links."""

import datetime
import html as html_lib
import re

import pytest
from django.urls import reverse

from tests.api.helpers import csv_rows, page_sentences
from tests.foundation.factories import make_article, make_event
from timeline import timelinejs
from timeline.export import CARD_CSV_COLUMNS

D = datetime.date
CSV_URL = reverse("timeline:export-csv")
TIMELINEJS_URL = reverse("timeline:export-timelinejs")
PAGE = reverse("timeline:timeline")


# -- CSV ----------------------------------------------------------------------------------------------


def test_the_csv_of_a_filtered_view_is_an_attachment_with_one_row_per_card(client, small_timeline):
    response = client.get(CSV_URL, {"country": "RU", "from": "2025-04"})
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="timeline-events.csv"'
    rows = csv_rows(response)
    assert list(rows[0]) == CARD_CSV_COLUMNS
    assert [row["text"] for row in rows] == page_sentences(
        client.get(PAGE, {"country": "RU", "from": "2025-04"})
    )
    kursk = next(row for row in rows if row["id"] == str(small_timeline.kursk_retaken.pk))
    assert (
        kursk["countries"] == "RU" and kursk["persons"] == "Vladimir Putin" and kursk["locations"] == "Kursk"
    )
    assert kursk["source_count"] == "2" and kursk["display_date"] == "26 April 2025"
    assert kursk["date_start"] == kursk["date_end"] == "2025-04-26"


def test_the_csv_holds_the_whole_view_not_one_page(client, small_timeline, settings):
    settings.TIMELINE_PAGE_SIZE = 2
    rows = csv_rows(client.get(CSV_URL, {"order": "newest"}))
    assert len(rows) == 7
    assert rows[0]["text"].startswith("Pyongyang a confirmé")  # newest first, as asked


def test_the_csv_ignores_a_cursor_and_bad_values(client, small_timeline):
    response = client.get(CSV_URL, {"cursor": "bogus", "country": "XX"})
    assert response.status_code == 200
    assert len(csv_rows(response)) == 7


def test_csv_cells_that_a_spreadsheet_would_run_as_formulas_are_quoted(client, small_timeline):
    article = make_article(title='=HYPERLINK("http://evil.example","click")', source="@SUM(A1)")
    make_event(article, (small_timeline.ru,), day=D(2025, 5, 1), sentence="+cmd|' /C calc'!A0")
    [row] = csv_rows(client.get(CSV_URL, {"from": "2025-05"}))
    assert row["text"] == "'+cmd|' /C calc'!A0"
    assert row["article_title"] == '\'=HYPERLINK("http://evil.example","click")'
    assert row["article_source"] == "'@SUM(A1)"
    assert row["sources"].startswith("'=HYPERLINK")


# -- TimelineJS ---------------------------------------------------------------------------------------


def timelinejs_events(client, query=None, **headers) -> dict[str, dict]:
    """The slides of the TimelineJS export, by the sentence they tell."""
    document = client.get(TIMELINEJS_URL, query or {}, **headers).json()
    return {html_lib.unescape(slide["text"]["headline"]): slide for slide in document["events"]}


def test_the_timelinejs_document_has_a_title_and_one_slide_per_card(client, small_timeline):
    response = client.get(TIMELINEJS_URL, {"country": "KP"})
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    document = response.json()
    assert set(document) == {"title", "events"}
    assert "start_date" not in document["title"]
    assert "2 events" in document["title"]["text"]["text"]
    assert "Countries: North Korea" in document["title"]["text"]["text"]
    assert len(document["events"]) == 2
    for slide in document["events"]:
        assert set(slide) >= {"unique_id", "start_date", "display_date", "text", "group"}
        assert set(slide["text"]) == {"headline", "text"}
    ids = [slide["unique_id"] for slide in document["events"]]
    assert len(set(ids)) == 2 and all(re.fullmatch(r"event-\d+", i) for i in ids)


def test_a_slide_tells_the_sentence_links_its_sources_and_is_grouped_by_category(client, small_timeline):
    small_timeline.kursk_retaken.article.url = "https://news.example/koursk"
    small_timeline.kursk_retaken.article.save()
    slides = timelinejs_events(client, {"person": "vladimir-putin"})
    [slide] = slides.values()
    assert slide["group"] == "military"
    assert slide["display_date"] == "26 April 2025"
    text = slide["text"]["text"]
    assert text.startswith("<p>Le 26 avril 2025, Moscou a annoncé")
    for event in (small_timeline.kursk_retaken, small_timeline.kursk_retaken_en):
        assert f'<a href="http://testserver/article/{event.article_id}/">' in text
    assert '<a href="https://news.example/koursk">original</a>' in text


def period(start: datetime.date, end: datetime.date, precision: str = "day", timex: str = "") -> dict:
    return {"date_start": start, "date_end": end, "precision": precision, "timex_value": timex}


YEAR_MONTH_DAY = {"year": 2025, "month": 5, "day": 3}


@pytest.mark.parametrize(
    ("fields", "start", "end"),
    [
        (period(D(2025, 5, 3), D(2025, 5, 3)), YEAR_MONTH_DAY, None),
        (period(D(2025, 5, 3), D(2025, 5, 5)), YEAR_MONTH_DAY, {"year": 2025, "month": 5, "day": 5}),
        (period(D(2025, 5, 1), D(2025, 5, 31), "month", "2025-05"), {"year": 2025, "month": 5}, None),
        (
            period(D(2025, 6, 1), D(2025, 8, 31), "season", "2025-SU"),
            {"year": 2025, "month": 6},
            {"year": 2025, "month": 8},
        ),
        (
            period(D(2025, 4, 1), D(2025, 6, 30), "quarter", "2025-Q2"),
            {"year": 2025, "month": 4},
            {"year": 2025, "month": 6},
        ),
        (period(D(2025, 1, 1), D(2025, 12, 31), "year", "2025"), {"year": 2025}, None),
        (
            period(D(2025, 4, 7), D(2025, 5, 4), "approximate", "PXW"),
            {"year": 2025, "month": 4},
            {"year": 2025, "month": 5},
        ),
    ],
    ids=["day", "days", "month", "season", "quarter", "year", "approximate"],
)
def test_slide_dates_carry_only_what_their_precision_knows(client, db, fields, start, end):
    make_event(make_article(), (), sentence="The dated event.", **fields)
    [slide] = timelinejs_events(client).values()
    assert slide["start_date"] == start
    assert slide.get("end_date") == end


def test_the_month_of_the_small_timeline_has_no_day_and_its_days_have_all_three(client, small_timeline):
    slides = timelinejs_events(client)
    october = slides["Séoul a signalé en octobre l'envoi de soldats nord-coréens."]
    assert october["start_date"] == {"year": 2024, "month": 10} and "end_date" not in october
    assert october["display_date"] == "October 2024"
    incursion = slides["Ukrainian troops crossed into the Kursk region on 6 August 2024."]
    assert incursion["start_date"] == {"year": 2024, "month": 8, "day": 6}


def test_slides_escape_the_text_they_quote(client, db):
    article = make_article(title="<b>Title</b>", url="javascript:alert(1)")
    make_event(article, (), sentence='Troops <script>alert("x")</script> & tanks.')
    document = client.get(TIMELINEJS_URL).json()
    [slide] = document["events"]
    assert "<script>" not in slide["text"]["headline"] and "<script>" not in slide["text"]["text"]
    assert "&lt;script&gt;" in slide["text"]["text"] and "&amp; tanks" in slide["text"]["text"]
    assert "&lt;b&gt;Title&lt;/b&gt;" in slide["text"]["text"]
    assert "javascript:" not in slide["text"]["text"]


def test_the_timelinejs_document_speaks_the_language_of_the_request(client, small_timeline):
    slides = timelinejs_events(client, {"country": "KP"}, HTTP_ACCEPT_LANGUAGE="fr")
    october = slides["Séoul a signalé en octobre l'envoi de soldats nord-coréens."]
    assert october["display_date"] == "octobre 2024"
    confirmation = slides["Pyongyang a confirmé l'envoi de troupes de Kim Jong Un."]
    assert confirmation["group"] == "militaire"


def test_a_large_view_is_capped_and_the_title_says_so(client, small_timeline, monkeypatch):
    monkeypatch.setattr(timelinejs, "MAX_EVENTS", 3)
    document = client.get(TIMELINEJS_URL).json()
    assert len(document["events"]) == 3
    assert "7 events" in document["title"]["text"]["text"]
    assert "Only the first 3 are shown" in document["title"]["text"]["text"]
    assert (
        "Only the first" not in client.get(TIMELINEJS_URL, {"country": "KP"}).json()["title"]["text"]["text"]
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russia retook Sudzha.", "Russia retook Sudzha."),
        ("  Russia   retook\nSudzha. ", "Russia retook Sudzha."),
        ("word " * 30, "word " * 17 + "word…"),
        ("a" * 120, "a" * 89 + "…"),
    ],
    ids=["short", "spaces", "long-cut-at-a-word", "one-long-word"],
)
def test_a_headline_is_the_sentence_or_its_beginning(text, expected):
    assert timelinejs.headline(text) == expected
    assert len(timelinejs.headline(text)) <= timelinejs.HEADLINE_LENGTH


# -- both, and the links on the page ------------------------------------------------------------------


@pytest.mark.parametrize("url", [CSV_URL, TIMELINEJS_URL])
@pytest.mark.parametrize("method", ["post", "delete"])
def test_downloads_are_read_only(client, small_timeline, url, method):
    response = getattr(client, method)(url)
    assert response.status_code == 405 and response["Allow"] == "GET, HEAD"


def test_the_timeline_page_links_to_the_exports_of_the_current_view(client, small_timeline):
    html = client.get(PAGE, {"country": "KP", "category": "military"}).content.decode()
    links = re.search(r'<p class="export" id="export-links">(.*?)</p>', html, re.S)
    assert links
    hrefs = [html_lib.unescape(h) for h in re.findall(r'href="([^"]+)"', links.group(1))]
    assert hrefs == [
        "/export/events.csv?country=KP&category=military",
        "/export/timelinejs.json?country=KP&category=military",
        "/api/events?country=KP&category=military",
    ]
    for href in hrefs:
        assert client.get(href).status_code == 200


def test_the_export_links_follow_an_htmx_swap(client, small_timeline):
    html = client.get(PAGE, {"country": "UA"}, HTTP_HX_REQUEST="true").content.decode()
    assert 'href="/export/events.csv?country=UA"' in html


def test_the_csv_costs_the_same_few_queries_for_few_or_many_cards(
    client, small_timeline, django_assert_num_queries
):
    client.get(CSV_URL)  # builds the index
    for day in range(1, 21):
        make_event(make_article(), (small_timeline.ru,), day=D(2025, 1, day))
    client.get(TIMELINEJS_URL)  # rebuilds the index after the change
    # timeline version, then for the (single) chunk of cards: events, mentions, aliases, sources
    with django_assert_num_queries(5):
        assert len(csv_rows(client.get(CSV_URL))) == 27
