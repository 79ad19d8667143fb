"""An estimated date ("about three weeks ago") reaches the stored event, hence the card's "≈"."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from timeline.models import Event

pytestmark = pytest.mark.django_db


def ingest(tmp_path: Path, body: str, language: str) -> None:
    path = tmp_path / f"article-{language}.md"
    path.write_text(
        f"---\ntitle: Test\npublished: 2025-04-28\nlanguage: {language}\nsource: Test\n---\n{body}\n",
        encoding="utf-8",
    )
    call_command("ingest", str(path), "--backend", "fallback", stdout=StringIO(), stderr=StringIO())


@pytest.mark.parametrize(
    ("body", "language"),
    [
        ("Russian troops entered Sudzha about three weeks ago, the governor said.", "en"),
        ("Les troupes russes sont entrées à Soudja il y a environ trois semaines, dit le gouverneur.", "fr"),
    ],
)  # fmt: skip
def test_an_estimated_date_is_stored_approximate(tmp_path, body, language):
    ingest(tmp_path, body, language)
    assert [event.approximate for event in Event.objects.all()] == [True]


def test_an_exact_date_is_not_stored_approximate(tmp_path):
    ingest(tmp_path, "Russian troops entered Sudzha on April 7, the governor said.", "en")
    assert [event.approximate for event in Event.objects.all()] == [False]
