"""Happenings the extraction told apart in one article never end in one group, even when they look alike."""

import datetime

import pytest

from timeline.models import Event
from timeline.pipeline.ingest import Ingestor
from timeline.pipeline.reading import RawArticle

pytestmark = pytest.mark.django_db


def test_two_happenings_of_one_article_get_two_groups():
    # "later": a second meeting of the same two men, the same day, that the extraction tells apart.
    text = (
        "Volodymyr Zelensky met Joe Biden at the White House on Saturday.\n"
        "Zelensky later met Joe Biden again on Saturday."
    )
    raw = RawArticle(text=text, language="en", published=datetime.date(2025, 4, 27), title="Talks")
    [outcome] = Ingestor(backend="fallback").ingest([raw])
    assert outcome.status == "new", outcome.error
    groups = {event.group_id for event in Event.objects.all()}
    assert Event.objects.count() == 2 and len(groups) == 2
