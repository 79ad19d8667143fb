"""Who says so on the timeline: each card's status, the speakers on the card, the Status filter with its
counts on both read paths, the API fields and the exports."""

import csv
import io
import json
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.api.helpers import csv_rows, page_sentences
from timeline.filters import TimelineFilters
from timeline.index import CardIndex, DatabaseCards
from timeline.models import TimelineCard

URL = reverse("timeline:timeline")
API = reverse("timeline:api-events")


class Texts(HTMLParser):
    """The text of every element with a given class, in document order."""

    def __init__(self, html: str, css_class: str) -> None:
        super().__init__()
        self.css_class, self.depth, self.found = css_class, 0, []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if self.depth:
            self.depth += 1
        elif self.css_class in (dict(attrs).get("class") or "").split():
            self.depth = 1
            self.found.append("")

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.found[-1] += data


def texts(response, css_class: str) -> list[str]:
    return [" ".join(text.split()) for text in Texts(response.content.decode(), css_class).found]


@pytest.fixture
def claims(small_timeline):
    """Moscow's defence ministry claims Kursk retaken, Kyiv denies it; Pyongyang alone claims its troops
    fought (a lone assertion is a claim; a lone confirmation would confirm: timeline/claims.py)."""
    t = small_timeline
    for event, speaker, body, stance in [
        (t.kursk_retaken, t.ru, "defence_ministry", "asserted"),
        (t.kursk_retaken_en, t.ua, "", "denied"),
        (t.confirmation, t.kp, "", "asserted"),
    ]:
        event.speaker, event.speaker_country, event.speaker_body, event.stance = (
            speaker,
            speaker.iso_code,
            body,
            stance,
        )
        event.save()
    return t


@pytest.fixture(params=["accelerator", "database"])
def cards(request, claims):
    return CardIndex.build() if request.param == "accelerator" else DatabaseCards()


def test_the_status_filter_selects_the_same_cards_on_both_read_paths(cards, claims):
    def leads(*statuses):
        return cards.all_leads(cards.select(TimelineFilters(statuses=statuses)), newest_first=False)

    assert leads("disputed") == [claims.kursk_retaken.pk]
    assert leads("claimed") == [claims.confirmation.pk]
    assert leads("confirmed") == []
    assert leads("claimed", "disputed") == [claims.kursk_retaken.pk, claims.confirmation.pk]
    counts = cards.status_counts(cards.select(TimelineFilters()))
    in_sql = {s: TimelineCard.objects.filter(status=s, lead_event_id__isnull=False).count() for s in counts}
    assert counts == in_sql == {"confirmed": 0, "claimed": 1, "disputed": 1}


def test_a_disputed_card_names_both_sides_and_when_it_was_first_reported(client, claims):
    response = client.get(URL, {"status": "disputed"})
    assert page_sentences(response) == [claims.kursk_retaken.sentence]
    assert texts(response, "status") == ["Disputed"]
    assert texts(response, "claims") == ["Claimed by Russia (Defence Ministry) · denied by Ukraine"]
    assert texts(response, "first-reported") == ["first reported 28 April 2025"]


def test_the_status_fieldset_counts_what_ticking_each_would_show(client, claims):
    response = client.get(URL, {"country": "RU"})
    labels = dict(zip(texts(response, "status-choice"), texts(response, "status-count"), strict=True))
    assert labels == {"Confirmed": "0", "Claimed": "1", "Disputed": "1"}


def test_the_status_filter_as_an_htmx_fragment_and_as_a_full_page(client, claims):
    fragment = client.get(URL, {"status": "claimed"}, HTTP_HX_REQUEST="true")
    assert "<html" not in fragment.content.decode()
    assert page_sentences(fragment) == [claims.confirmation.sentence]
    page = client.get(URL, {"status": "claimed"})
    assert "<html" in page.content.decode()
    assert page_sentences(page) == [claims.confirmation.sentence]
    assert texts(page, "claims") == ["Claimed by North Korea"]


def test_the_filtered_list_costs_no_more_queries(client, claims, django_assert_num_queries):
    from timeline.cards import clear_card_cache

    client.get(URL)  # builds the index
    clear_card_cache()
    with django_assert_num_queries(4):  # changed cards, lead events (with their card), mentions, sources
        client.get(URL, {"status": ["claimed", "disputed"]})


def test_a_french_card_says_who_says_so_in_french(client, claims):
    response = client.get(URL, {"status": "disputed"}, HTTP_ACCEPT_LANGUAGE="fr")
    assert texts(response, "claims") == [
        "Revendiqué par Russia (ministère de la Défense) · démenti par Ukraine"
    ]
    assert texts(response, "first-reported") == ["signalé pour la première fois le 28 avril 2025"]


def test_the_api_gives_each_event_its_speaker_and_stance_and_each_card_its_status(client, claims):
    body = client.get(API, {"status": "disputed"}).json()
    assert body["filters"]["status"] == ["disputed"]
    (item,) = body["results"]
    assert item["speaker"] == {"kind": "country", "id": claims.ru.pk, "name": "Russia", "country": "RU"}
    assert item["stance"] == "asserted"
    assert (item["status"], item["first_reported"]) == ("disputed", "2025-04-28")
    unattributed = client.get(API, {"country": "UA", "q": "crossed"}).json()["results"][0]
    assert (unattributed["speaker"], unattributed["stance"], unattributed["status"]) == (None, None, None)


def test_an_unknown_status_is_ignored_with_a_note(client, claims):
    body = client.get(API, {"status": "rumoured"}).json()
    assert body["count"] == 7
    assert "Unknown status “rumoured” ignored." in body["notes"]


def test_the_csv_and_timelinejs_downloads_carry_the_status(client, claims):
    rows = csv_rows(client.get(reverse("timeline:export-csv"), {"status": "disputed"}))
    assert [(r["status"], r["first_reported"], r["speaker"], r["stance"]) for r in rows] == [
        ("disputed", "2025-04-28", "Russia", "asserted")
    ]
    document = client.get(reverse("timeline:export-timelinejs"), {"status": "claimed"}).json()
    (slide,) = document["events"]
    assert '<p class="status">Claimed · first reported 28 April 2025</p>' in slide["text"]["text"]


def test_export_events_filters_by_status_and_writes_every_report_with_its_speaker(claims):
    out = io.StringIO()
    call_command("export_events", "--format", "json", "--status", "disputed", stdout=out)
    events = json.loads(out.getvalue())
    assert sorted((e["speaker"]["country"], e["stance"]) for e in events) == [
        ("RU", "asserted"),
        ("UA", "denied"),
    ]
    out = io.StringIO()
    call_command("export_events", "--format", "csv", "--status", "claimed", stdout=out)
    (row,) = csv.DictReader(io.StringIO(out.getvalue()))
    assert (row["speaker"], row["speaker_country"], row["stance"]) == ("North Korea", "KP", "asserted")
