"""The real Stanza path of the ingest, with the tiny models the project trains (tools/stanza_tiny)."""

import datetime
from pathlib import Path

import pytest

from timeline.models import Article, Entity, Event
from timeline.pipeline.ingest import Ingestor
from timeline.pipeline.reading import RawArticle

pytestmark = pytest.mark.django_db

MODELS = Path(__file__).resolve().parents[1] / "fixtures" / "stanza"
# A sentence of the tiny models' corpus: they recognise its person, whom the registry does not know.
TEXT = "Le vice-ministre russe de la Défense, Alexeï Krivoroutchko, a visité Pyongyang fin novembre."


def ingest(backend: str) -> Article:
    raw = RawArticle(text=TEXT, language="fr", published=datetime.date(2024, 12, 2), title=backend)
    [outcome] = Ingestor(backend=backend, models_dir=MODELS).ingest([raw])
    assert outcome.status == "new", outcome.error
    return Article.objects.get(pk=outcome.article_id)


def test_stanza_ner_finds_a_person_the_registry_lacks_and_the_article_records_the_backend():
    article = ingest("stanza")
    assert article.nlp_backend == "stanza"
    person = Entity.objects.get(kind="person", name="Alexeï Krivoroutchko")
    [event] = Event.objects.filter(article=article)
    assert (event.date_start, event.date_end) == (datetime.date(2024, 11, 21), datetime.date(2024, 11, 30))
    assert person in event.entities.all()
    assert {"RU", "KP"} <= set(event.entities.filter(kind="country").values_list("iso_code", flat=True))


def test_the_fallback_annotator_finds_the_same_person_from_the_role_before_the_name():
    article = ingest("fallback")
    assert article.nlp_backend == "fallback"
    person = Entity.objects.get(kind="person", name="Alexeï Krivoroutchko")
    assert person.country.iso_code == "RU"  # "le vice-ministre russe de la Défense, X"
    [event] = Event.objects.filter(article=article)
    assert person in event.entities.all()
