"""Editors correct who says so: a speaker or stance corrected in the admin survives re-extraction."""

from html.parser import HTMLParser
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from timeline.models import Article, Entity, Event, TimelineCard

pytestmark = pytest.mark.django_db

TEXT = "Russian troops retook the village of Sverdlikovo on 12 March 2025, the Russian Defence Ministry said."


@pytest.fixture
def article(tmp_path) -> Article:
    path = tmp_path / "a.md"
    path.write_text(f"---\ntitle: Sverdlikovo\npublished: 2025-03-12\nlanguage: en\n---\n{TEXT}\n")
    call_command("ingest", str(path), "--backend", "fallback", stdout=StringIO(), stderr=StringIO())
    return Article.objects.get()


class FormValues(HTMLParser):
    """The values a browser would submit from the form with this id (text, selects, checked boxes)."""

    def __init__(self, html: str, form_id: str) -> None:
        super().__init__()
        self.form_id, self.inside, self.values = form_id, False, {}
        self.select: str | None = None
        self.textarea: str | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside or (tag not in ("input", "select", "option", "textarea")):
            return
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button"):
            if attrs.get("type") != "checkbox" or "checked" in attrs:
                self.values[name] = attrs.get("value") or ("on" if attrs.get("type") == "checkbox" else "")
        elif tag == "select":
            self.select = name
            self.values.setdefault(name, "")
        elif tag == "option" and self.select and "selected" in attrs:
            self.values[self.select] = attrs.get("value", "")
        elif tag == "textarea":
            self.textarea = name
            self.values[name] = ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.textarea:
            self.values[self.textarea] += data


def change_form(staff_client, event: Event) -> dict[str, str]:
    """The event's change form as the admin renders it (every field's current value)."""
    url = reverse("admin:timeline_event_change", args=[event.pk])
    values = FormValues(staff_client.get(url).content.decode(), "event_form").values
    values["sentence"] = values["sentence"].removeprefix("\n")  # the line break after <textarea>
    return values


def test_the_change_page_offers_speaker_and_stance(staff_client, article):
    event = article.events.get()
    data = change_form(staff_client, event)
    assert {"speaker", "speaker_country", "speaker_body", "stance"} <= set(data)
    assert data["stance"] == "asserted"
    assert data["speaker_country"] == "RU"


def test_a_corrected_speaker_and_stance_survive_re_extraction(staff_client, article):
    from timeline.tasks import extract_article

    event = article.events.get()
    ukraine = Entity.objects.get(iso_code="UA") if Entity.objects.filter(iso_code="UA").exists() else None
    ukraine = ukraine or Entity.objects.create(kind="country", name="Ukraine", slug="ukraine", iso_code="UA")
    data = change_form(staff_client, event)
    data.update(speaker=str(ukraine.pk), speaker_country="UA", speaker_body="", stance="denied")
    url = reverse("admin:timeline_event_change", args=[event.pk])
    assert staff_client.post(url, data).status_code == 302
    corrected = Event.objects.get(pk=event.pk)
    assert (corrected.speaker_edited, corrected.edited) == (True, False)  # only who says so was corrected

    extract_article.call(article.pk)

    (again,) = article.events.all()
    assert again.pk != event.pk  # the rest of the event was extracted afresh
    assert (again.speaker_id, again.speaker_country, again.stance) == (ukraine.pk, "UA", "denied")
    card = TimelineCard.objects.get(lead_event_id=again.pk)
    assert card.status == "disputed"
    assert [group["stance"] for group in card.claims] == ["denied"]
