"""The read model (one TimelineCard per card) follows every kind of write by itself, in the write's
transaction: after each write below, the cards are exactly what rebuilding them from the events gives."""

import datetime

import pytest
from django.db import transaction

from tests.foundation.factories import make_article, make_entity, make_event
from timeline.editing import merge_entities
from timeline.models import Article, Entity, Event, EventGroup, Mention, TimelineCard, TimelineState
from timeline.read_model import rebuild_all

D = datetime.date
CONTENT = (
    "lead_event_id", "date_start", "date_end", "precision", "approximate", "categories", "entity_ids",
    "country_codes", "search_text", "source_count", "plausible",
)  # fmt: skip


def live_cards() -> dict[str, tuple]:
    return {
        row[0]: row[1:]
        for row in TimelineCard.objects.filter(lead_event_id__isnull=False).values_list("key", *CONTENT)
    }


def assert_current() -> dict[str, tuple]:
    """The cards as maintained equal the cards rebuilt from scratch."""
    maintained = live_cards()
    rebuild_all()
    assert live_cards() == maintained
    return maintained


def card_of(event: Event) -> TimelineCard:
    event.refresh_from_db()
    key = f"g{event.group_id}" if event.group_id else f"e{event.pk}"
    return TimelineCard.objects.get(key=key)


def test_a_new_event_and_its_mentions_make_a_card(small_timeline):
    cards = assert_current()
    assert len(cards) == 7
    card = card_of(small_timeline.kursk_retaken)
    assert card.lead_event_id == small_timeline.kursk_retaken.pk
    assert card.source_count == 2 and card.categories == " military "
    assert card.country_codes == ["RU"]
    assert set(card.entity_ids) == {"country", "person", "location"}
    assert " moscou " in card.search_text and " russia " in card.search_text  # sentences and names


def test_moving_an_event_between_groups_refreshes_both_cards(small_timeline):
    moved = small_timeline.kursk_retaken_en
    moved.group = small_timeline.vatican.group
    moved.save()
    assert card_of(small_timeline.kursk_retaken).source_count == 1
    assert " moscow " in card_of(small_timeline.vatican).search_text  # the moved report's sentence
    assert_current()


def test_bulk_updates_and_deleted_groups_free_their_events(small_timeline):
    Event.objects.filter(pk=small_timeline.kursk_retaken_en.pk).update(group=None)
    assert card_of(small_timeline.kursk_retaken_en).lead_event_id == small_timeline.kursk_retaken_en.pk
    EventGroup.objects.filter(pk=small_timeline.vatican.group_id).delete()
    assert card_of(small_timeline.vatican).key == f"e{small_timeline.vatican.pk}"
    assert len(assert_current()) == 8


def test_a_deleted_event_leaves_a_card_without_lead_for_the_change_log(small_timeline):
    key = card_of(small_timeline.sudzha_retaken).key
    small_timeline.sudzha_retaken.delete()
    gone = TimelineCard.objects.get(key=key)
    assert gone.lead_event_id is None and gone.sequence == TimelineState.current()
    assert len(assert_current()) == 6


def test_failed_articles_are_not_on_the_timeline(small_timeline):
    article = small_timeline.sudzha_retaken.article
    Article.objects.filter(pk=article.pk).update(status=Article.Status.FAILED)
    cards = assert_current()
    assert all(card[0] not in {e.pk for e in article.events.all()} for card in cards.values())
    Article.objects.filter(pk=article.pk).update(status=Article.Status.DONE)
    assert len(assert_current()) == 7


def test_a_deleted_article_takes_its_cards_with_it(small_timeline):
    small_timeline.nis_report.article.delete()
    assert small_timeline.nis_report.pk not in {c[0] for c in assert_current().values()}


def test_renamed_and_merged_entities_change_the_cards_text_and_ids(small_timeline):
    small_timeline.kursk.name = "Koursk oblast"
    small_timeline.kursk.save()
    assert " oblast " in card_of(small_timeline.kursk_retaken).search_text
    other = make_entity("V. Putin")
    Mention.objects.create(event=small_timeline.confirmation, entity=other, text="V. Putin", start=0, end=8)
    assert other.pk in card_of(small_timeline.confirmation).entity_ids["person"]
    merge_entities(small_timeline.putin, [other])
    assert card_of(small_timeline.confirmation).entity_ids["person"] == sorted(
        [small_timeline.kim.pk, small_timeline.putin.pk]
    )
    assert_current()


def test_an_edit_changes_the_version_of_its_card_only(small_timeline):
    versions = dict(TimelineCard.objects.values_list("key", "version"))
    Event.objects.filter(pk=small_timeline.vatican.pk).update(verified=True)
    changed = {
        key for key, version in TimelineCard.objects.values_list("key", "version") if versions[key] != version
    }
    assert changed == {card_of(small_timeline.vatican).key}


def test_every_write_takes_a_new_sequence_number(small_timeline):
    before = TimelineState.current()
    make_event(make_article(), (small_timeline.ru,), day=D(2025, 5, 1))
    after = TimelineState.current()
    assert after > before
    assert TimelineCard.objects.filter(sequence__gt=before).count() == 1
    assert TimelineCard.objects.get(sequence__gt=before).created_sequence > before


def test_a_rolled_back_write_leaves_the_cards_as_they_were(small_timeline):
    cards = live_cards()
    with pytest.raises(RuntimeError), transaction.atomic():
        small_timeline.vatican.delete()
        make_event(make_article(), (small_timeline.ru,), day=D(2025, 5, 1))
        raise RuntimeError("the write fails")
    assert live_cards() == cards


def test_a_date_far_from_its_report_is_flagged_implausible(small_timeline):
    event = make_event(make_article(published=D(2025, 4, 28)), (small_timeline.ru,), day=D(1000, 1, 1))
    assert card_of(event).plausible is False
    assert card_of(small_timeline.incursion).plausible is True
    # Recalled history stays plausible: the Korean War in a 2025 report.
    korea = make_event(make_article(published=D(2025, 4, 28)), (), day=D(1950, 6, 25))
    assert card_of(korea).plausible is True


def test_a_country_entity_saved_without_change_to_cards_keeps_them(small_timeline):
    versions = dict(TimelineCard.objects.values_list("key", "version"))
    Entity.objects.create(kind="person", name="Nobody Yet", slug="nobody-yet")
    assert dict(TimelineCard.objects.values_list("key", "version")) == versions


def test_an_entity_saved_unchanged_touches_none_of_its_cards(small_timeline):
    versions = dict(TimelineCard.objects.values_list("key", "version"))
    small_timeline.ru.save()
    assert dict(TimelineCard.objects.values_list("key", "version")) == versions


def test_ingesting_and_reextracting_an_article_keeps_its_cards_current(db, tmp_path):
    from io import StringIO

    from django.core.management import call_command

    path = tmp_path / "a.md"
    path.write_text(
        "---\ntitle: Koursk\npublished: 2025-04-28\nlanguage: fr\nsource: Test\n---\n"
        "Le 26 avril 2025, Moscou a annoncé la reprise de Koursk. "
        "Lundi, Pyongyang a confirmé l'envoi de troupes.\n"
    )
    for _ in range(2):  # the second run extracts again (--force)
        call_command("ingest", str(path), "--force", "--backend", "fallback", stdout=StringIO())
    cards = assert_current()
    assert len(cards) >= 2 and {card[0] for card in cards.values()} <= set(
        Event.objects.values_list("pk", flat=True)
    )
    # Grouped before their cards were written: no event got a card of its own, emptied at once.
    assert not TimelineCard.objects.filter(key__startswith="e").exists()
