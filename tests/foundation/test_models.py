import datetime

import pytest
from django.db import IntegrityError, transaction

from tests.foundation.factories import make_article, make_entity, make_event
from timeline.models import Article, Entity, EntityAlias, Event, content_hash

pytestmark = pytest.mark.django_db


def test_the_same_article_text_is_never_stored_twice():
    make_article(body="Pyongyang confirmed the deployment.")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_article(body="Pyongyang confirmed the deployment.", title="A copy")
    assert Article.objects.count() == 1


def test_text_differing_only_in_whitespace_counts_as_the_same():
    assert content_hash("Pyongyang  confirmed\nthe deployment. ") == content_hash(
        "Pyongyang confirmed the deployment."
    )
    assert content_hash("Pyongyang confirmed.") != content_hash("Pyongyang denied.")


def test_content_hash_follows_the_body_when_it_is_edited():
    article = make_article(body="First version.")
    article.body = "Second version."
    article.save()
    article.refresh_from_db()
    assert article.content_hash == content_hash("Second version.")


def test_an_event_cannot_end_before_it_starts():
    article = make_article()
    with pytest.raises(IntegrityError), transaction.atomic():
        make_event(
            article,
            date_start=datetime.date(2025, 4, 28),
            date_end=datetime.date(2025, 4, 26),
        )
    assert not Event.objects.exists()


def test_an_event_may_span_a_period():
    article = make_article()
    event = make_event(
        article,
        date_start=datetime.date(2024, 6, 1),
        date_end=datetime.date(2024, 8, 31),
        precision="season",
        timex_value="2024-SU",
    )
    assert event.get_precision_display() == "season"


def test_two_countries_cannot_share_an_iso_code():
    make_entity("Russia", kind=Entity.Kind.COUNTRY, iso_code="RU")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_entity("Russian Federation", kind=Entity.Kind.COUNTRY, iso_code="RU", slug="rf")


def test_only_countries_carry_an_iso_code():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_entity("Vladimir Putin", kind=Entity.Kind.PERSON, iso_code="RU")


def test_persons_without_iso_code_do_not_collide():
    make_entity("Vladimir Putin")
    make_entity("Kim Jong Un")
    assert Entity.objects.filter(iso_code="").count() == 2


def test_one_entity_holds_aliases_in_several_languages():
    putin = make_entity("Vladimir Putin")
    EntityAlias.objects.create(entity=putin, name="Vladimir Poutine", language="fr")
    EntityAlias.objects.create(entity=putin, name="Poutine", language="fr")
    EntityAlias.objects.create(entity=putin, name="Putin", language="en")
    assert Entity.objects.get(aliases__name="Poutine") == putin
    with pytest.raises(IntegrityError), transaction.atomic():
        EntityAlias.objects.create(entity=putin, name="Putin", language="en")


def test_the_articles_of_each_group_come_in_one_query_oldest_first(django_assert_num_queries):
    russia = make_entity("Russia", kind=Entity.Kind.COUNTRY, iso_code="RU")
    first = make_event(make_article(title="Later", published=datetime.date(2025, 4, 28)), entities=(russia,))
    make_event(make_article(title="Earlier", published=datetime.date(2025, 4, 26)), group=first.group)
    make_event(make_article(title="Alone"))
    with django_assert_num_queries(1):
        found = Event.objects.articles_by_group([first.group_id])
    assert [article.title for article in found[first.group_id]] == ["Earlier", "Later"]
