"""The demo corpus that `make run` loads."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count

from timeline.models import Article, EventGroup

pytestmark = pytest.mark.django_db


def test_demo_corpus_loads_every_article_and_is_idempotent():
    out = StringIO()
    call_command("load_demo", "--backend", "fallback", stdout=out, verbosity=0)
    assert ", 0 failed;" in out.getvalue()
    articles = Article.objects.count()
    assert articles >= 25
    assert set(Article.objects.values_list("language", flat=True)) == {"fr", "en"}
    assert not Article.objects.exclude(status=Article.Status.DONE).exists()

    out = StringIO()
    call_command("load_demo", "--backend", "fallback", stdout=out, verbosity=0)
    assert f"0 new, 0 updated, {articles} unchanged, 0 failed" in out.getvalue()


def test_demo_corpus_groups_reports_across_languages():
    call_command("load_demo", "--backend", "fallback", stdout=StringIO(), verbosity=0)
    bilingual = (
        EventGroup.objects.annotate(languages=Count("events__article__language", distinct=True))
        .filter(languages=2)
        .count()
    )
    # demo/README.md lists 13 happenings reported in both languages.
    assert bilingual >= 8
