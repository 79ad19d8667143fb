"""A person the registry lacks, met in a French and an English report, is stored once with their country."""

import datetime

import pytest

from timeline.models import Entity, EntityAlias
from timeline.pipeline.ingest import Ingestor
from timeline.pipeline.reading import RawArticle

pytestmark = pytest.mark.django_db


def ingest(text: str, language: str) -> None:
    raw = RawArticle(text=text, language=language, published=datetime.date(2025, 4, 28), title=language)
    [outcome] = Ingestor(backend="fallback").ingest([raw])
    assert outcome.status == "new", outcome.error


def test_the_same_new_person_in_french_and_english_is_one_entity():
    ingest("Ukrainian foreign ministry spokesman Heorhiy Tykhy condemned the deployment on Monday.", "en")
    ingest(
        "Le porte-parole de la diplomatie ukrainienne, Gueorgui Tykhyi, a condamné lundi ce déploiement.",
        "fr",
    )
    [person] = Entity.objects.filter(kind="person")
    assert person.name == "Heorhiy Tykhy"
    assert person.country.iso_code == "UA"
    assert EntityAlias.objects.filter(entity=person, name="Gueorgui Tykhyi").exists()
    assert person.mentions.count() == 2


def test_another_person_of_the_same_family_name_is_another_entity():
    ingest("Ukrainian foreign ministry spokesman Heorhiy Tykhy condemned the deployment on Monday.", "en")
    ingest("Ukrainian MP Ivanna Tykhy condemned the deployment on Monday.", "en")
    assert Entity.objects.filter(kind="person").count() == 2
