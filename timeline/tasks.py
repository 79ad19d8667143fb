"""Background work: extracting an article saved in the admin (django-tasks; run `manage.py db_worker`)."""

from __future__ import annotations

from django.db import transaction
from django_tasks import task

from timeline.models import Article
from timeline.pipeline.ingest import Ingestor


@task()
def extract_article(article_id: int) -> str:
    """Extract the events of one stored article; returns the outcome (updated, failed, superseded...).

    Runs in a worker, never in the web request. The article's status moves pending -> running -> done or
    failed (with the error), one committed step at a time, so the admin page can follow it.
    """
    Article.objects.filter(pk=article_id).update(status=Article.Status.RUNNING, error="")
    try:
        return Ingestor(force=True).extract_stored(article_id).status
    except BaseException:
        # Stopped halfway (worker shut down, crash): never leave the article "running" for ever.
        Article.objects.filter(pk=article_id, status=Article.Status.RUNNING).update(
            status=Article.Status.FAILED, error="The extraction was interrupted; re-run it."
        )
        raise


def schedule_extraction(article: Article) -> None:
    """Mark the article pending and queue its extraction once the current transaction commits."""
    Article.objects.filter(pk=article.pk).update(status=Article.Status.PENDING, error="")
    article.status, article.error = Article.Status.PENDING, ""
    transaction.on_commit(lambda: extract_article.enqueue(article.pk))
