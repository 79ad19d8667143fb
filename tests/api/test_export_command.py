"""manage.py export_events: the timeline's filters on the command line, and the TimelineJS format."""

import csv
import io
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.api.helpers import page_sentences


def export(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("export_events", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_json_with_filters_writes_every_event_of_the_selected_cards(small_timeline):
    out, err = export("--format", "json", "--country", "RU", "--person", "vladimir-putin")
    events = json.loads(out)
    # One card, reported twice (French and English): both events are exported.
    assert {e["id"] for e in events} == {small_timeline.kursk_retaken.pk, small_timeline.kursk_retaken_en.pk}
    assert err == ""


def test_without_filters_every_event_is_exported(small_timeline):
    assert len(json.loads(export("--format", "json")[0])) == 8


@pytest.mark.parametrize(
    ("args", "query"),
    [
        (["--country", "KP"], {"country": "KP"}),
        (["--country", "US", "--country", "UA"], {"country": ["US", "UA"]}),
        (["--category", "diplomatic", "--category", "statement"], {"category": ["diplomatic", "statement"]}),
        (["--from", "2025-04-26", "--to", "2025-04-26"], {"from": "2025-04-26", "to": "2025-04-26"}),
        (["--q", "koursk", "--order", "newest"], {"q": "koursk", "order": "newest"}),
    ],
    ids=["country", "all-countries", "any-category", "one-day", "text-newest"],
)
def test_csv_filters_select_the_cards_of_the_same_timeline_view(client, small_timeline, args, query):
    out, _err = export("--format", "csv", *args)
    rows = list(csv.DictReader(io.StringIO(out)))
    leads = [row["text"] for row in rows]
    # Each card's lead event is exported with its grouped reports: the leads are the page's cards.
    assert page_sentences(client.get(reverse("timeline:timeline"), query)) == [
        text for text in leads if text != small_timeline.kursk_retaken_en.sentence
    ]


def test_unknown_filter_values_are_reported_on_stderr(small_timeline):
    out, err = export("--format", "json", "--country", "XX", "--category", "military")
    assert "Unknown country “XX” ignored." in err
    assert {e["category"] for e in json.loads(out)} == {"military"}


def test_the_timelinejs_format_writes_a_document_of_the_filtered_cards(small_timeline):
    out, _err = export("--format", "timelinejs", "--country", "KP", "--base-url", "https://news.example/")
    document = json.loads(out)
    assert "2 events" in document["title"]["text"]["text"]
    starts = [slide["start_date"] for slide in document["events"]]
    assert starts == [{"year": 2024, "month": 10}, {"year": 2025, "month": 4, "day": 28}]
    article = small_timeline.confirmation.article_id
    assert f'href="https://news.example/article/{article}/"' in document["events"][1]["text"]["text"]


def test_the_timelinejs_format_speaks_the_language_asked_for(small_timeline, tmp_path):
    target = tmp_path / "timeline.json"
    export("--format", "timelinejs", "--language", "fr", "--category", "statement", "--output", str(target))
    [slide] = json.loads(target.read_text(encoding="utf-8"))["events"]
    assert slide["display_date"] == "octobre 2024" and slide["group"] == "déclaration"
