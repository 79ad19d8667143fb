"""Who says so, stored: each extracted event's speaker and stance, and each card's status from them."""

import datetime

import pytest

from timeline.models import Article, Event, TimelineCard
from timeline.pipeline.ingest import Ingestor
from timeline.pipeline.reading import RawArticle

pytestmark = pytest.mark.django_db

RETAKEN = "Russian troops retook the village of Sverdlikovo on 12 March 2025"
CLAIM = f"{RETAKEN}, the Russian Defence Ministry said."
DENIAL = f"{RETAKEN}, Ukraine denied."
CONFIRMATION = f"{RETAKEN}, Ukraine confirmed."


def ingest(text: str, published: datetime.date, title: str) -> Article:
    (outcome,) = Ingestor(backend="fallback").ingest(
        [RawArticle(text=text, language="en", published=published, title=title, origin=title)]
    )
    assert outcome.status in ("new", "updated"), outcome
    return Article.objects.get(pk=outcome.article_id)


def card_of(article: Article) -> TimelineCard:
    (event,) = article.events.all()
    return TimelineCard.objects.get(key=f"g{event.group_id}")


def test_an_event_stores_its_speaker_the_state_it_speaks_for_and_its_stance():
    article = ingest(CLAIM, datetime.date(2025, 3, 12), "claim")
    (event,) = article.events.select_related("speaker")
    assert event.stance == "asserted"
    assert event.speaker_country == "RU"
    assert event.speaker_body == "defence_ministry"
    assert event.speaker is not None


def test_an_event_no_one_is_said_to_report_has_no_speaker():
    article = ingest(f"{RETAKEN}.", datetime.date(2025, 3, 12), "fact")
    (event,) = article.events.all()
    assert (event.speaker, event.stance, event.speaker_country) == (None, "", "")
    assert card_of(article).status == ""


def test_a_card_is_claimed_then_disputed_then_confirmed_as_its_sources_arrive():
    claim = ingest(CLAIM, datetime.date(2025, 3, 12), "claim")
    card = card_of(claim)
    assert (card.status, card.first_reported) == ("claimed", datetime.date(2025, 3, 12))
    russia = {"name": "Russia", "country": "RU", "bodies": ["defence_ministry"]}
    assert card.claims == [{"stance": "asserted", "parties": [russia]}]

    denial = ingest(DENIAL, datetime.date(2025, 3, 13), "denial")
    assert card_of(denial).key == card.key  # a claim and its denial share the card
    card.refresh_from_db()
    assert card.status == "disputed"
    assert [group["stance"] for group in card.claims] == ["asserted", "denied"]
    assert card.claims[1]["parties"][0]["country"] == "UA"

    ingest(CONFIRMATION, datetime.date(2025, 4, 2), "confirmation")
    card.refresh_from_db()
    assert card.status == "confirmed"  # the party that denied now confirms
    assert card.first_reported == datetime.date(2025, 3, 12)


def test_an_editors_correction_of_speaker_and_stance_survives_reextraction():
    article = ingest(CLAIM, datetime.date(2025, 3, 12), "claim")
    (event,) = article.events.all()
    event.stance = "denied"
    event.speaker_country = "UA"
    event.speaker_body = ""
    event.speaker_edited = True
    event.save()
    assert card_of(article).status == "disputed"

    Ingestor(backend="fallback").extract_stored(article.pk)

    (again,) = Event.objects.filter(article=article)
    assert again.pk != event.pk  # re-extracted, not kept as an edited event
    assert (again.stance, again.speaker_country, again.speaker_edited) == ("denied", "UA", True)
    assert card_of(article).status == "disputed"


def test_renaming_the_state_spoken_for_renames_it_on_the_card():
    from timeline.models import Entity

    card = card_of(ingest(CLAIM, datetime.date(2025, 3, 12), "claim"))
    russia = Entity.objects.get(iso_code="RU")
    russia.name = "Russian Federation"
    russia.save()
    card.refresh_from_db()
    assert card.claims[0]["parties"][0]["name"] == "Russian Federation"
