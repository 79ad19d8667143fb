"""Background work: extracting an article saved in the admin (django-tasks; run `manage.py db_worker`)."""

from __future__ import annotations

import logging

from django.db import transaction
from django_tasks import task

from timeline.models import Article
from timeline.pipeline.ingest import Ingestor
from timeline.pipeline.reading import RawArticle

logger = logging.getLogger("timeline.tasks")


@task()
def extract_article(article_id: int) -> str:
    """Extract the events of one stored article; returns the final status (done or failed).

    Runs in a worker, never in the web request. The article's status moves pending -> running -> done or
    failed (with the error), one committed step at a time, so the admin page can follow it.
    """
    article = Article.objects.filter(pk=article_id).first()
    if article is None:
        logger.warning("article %s was deleted before its extraction ran", article_id)
        return "missing"
    Article.objects.filter(pk=article_id).update(status=Article.Status.RUNNING, error="")
    raw = RawArticle(
        text=article.body,
        title=article.title,
        # An inferred date is inferred again from the (possibly edited) text; a given one is kept.
        published=None if article.published_inferred else article.published,
        language=article.language or None,
        source=article.source,
        url=article.url,
        origin=f"article {article_id}",
    )
    [outcome] = Ingestor(force=True).ingest([raw])
    if outcome.status == "failed" and outcome.article_id is None:
        # Refused before extraction (e.g. an unsupported language): say so on the article itself.
        Article.objects.filter(pk=article_id).update(status=Article.Status.FAILED, error=outcome.error)
    return Article.objects.filter(pk=article_id).values_list("status", flat=True).first() or "missing"


def schedule_extraction(article: Article) -> None:
    """Mark the article pending and queue its extraction once the current transaction commits."""
    Article.objects.filter(pk=article.pk).update(status=Article.Status.PENDING, error="")
    article.status, article.error = Article.Status.PENDING, ""
    transaction.on_commit(lambda: extract_article.enqueue(article.pk))
