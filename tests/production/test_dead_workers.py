"""A worker killed mid-extraction: its task is found dead once its lease runs out, and the article is
queued again (or failed with the reason when its extraction keeps killing workers)."""

import datetime
import os
import signal
import subprocess
import sys
import time
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.conftest import REPO_DIR
from timeline.models import Article
from timeline.tasks import TASK_PATH, recover_dead_extractions, schedule_extraction

pytestmark = pytest.mark.django_db(transaction=True)

TEXT = "Le Kremlin a annoncé lundi la reprise de Koursk, selon Moscou. "


def run_worker() -> None:
    call_command(
        "db_worker", "--batch", "--no-startup-delay", "--no-reload", stdout=StringIO(), stderr=StringIO()
    )


def queued_article(text: str = TEXT) -> Article:
    article = Article.objects.create(
        body=text, title="Koursk", language="fr", published=datetime.date(2025, 4, 28)
    )
    schedule_extraction(article)
    return article


def die_while_running(article: Article, lease_ended_ago: float = 1.0) -> None:
    """What a worker killed mid-extraction leaves: its task claimed and running, the article running,
    the lease it took (then stopped renewing) over."""
    row = DBTaskResult.objects.get(task_path=TASK_PATH, status="READY", args_kwargs__args__0=article.pk)
    row.claim("killed-worker")
    DBTaskResult.objects.filter(pk=row.pk).update(
        run_after=timezone.now() - datetime.timedelta(seconds=lease_ended_ago)
    )
    Article.objects.filter(pk=article.pk).update(status=Article.Status.RUNNING)


def test_a_dead_workers_article_is_queued_again_then_extracted():
    article = queued_article()
    die_while_running(article)
    [recovered] = recover_dead_extractions()
    assert (recovered.article_id, recovered.action) == (article.pk, "requeued")
    dead = DBTaskResult.objects.get(worker_ids=["killed-worker"])
    assert dead.status == "FAILED" and dead.exception_class_path == "timeline.tasks.WorkerDied"
    run_worker()
    article.refresh_from_db()
    assert article.status == Article.Status.DONE


def test_a_task_whose_lease_is_still_running_is_left_alone():
    article = queued_article()
    die_while_running(article, lease_ended_ago=-60)  # lease ends in a minute: the worker may be alive
    assert recover_dead_extractions() == []
    article.refresh_from_db()
    assert article.status == Article.Status.RUNNING


def test_an_article_that_killed_its_worker_twice_fails_with_the_reason():
    article = queued_article()
    die_while_running(article)
    recover_dead_extractions()
    die_while_running(article)
    out = StringIO()
    call_command("recover_extractions", stdout=out)
    assert f"article {article.pk}: worker died; failed" in out.getvalue()
    article.refresh_from_db()
    assert article.status == Article.Status.FAILED
    assert "stopped its worker 2 times" in article.error
    assert not DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).exists()


def test_a_worker_takes_a_lease_before_it_extracts(settings, monkeypatch):
    queued_article()
    seen: list[datetime.datetime] = []
    from timeline.pipeline.ingest import Ingestor

    real = Ingestor.extract_stored

    def observe(self, article_id):
        seen.append(DBTaskResult.objects.get(args_kwargs__args__0=article_id).run_after)
        return real(self, article_id)

    monkeypatch.setattr(Ingestor, "extract_stored", observe)
    run_worker()
    # Without a lease, run_after would still be the far-future date of a task queued to run at once.
    lease_end = timezone.now() + datetime.timedelta(seconds=settings.EXTRACTION_LEASE_SECONDS)
    assert seen and seen[0] < lease_end


def database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.mark.slow
def test_kill_9_of_a_worker_mid_extraction_is_recovered():
    # A long article, so that the worker is surely still extracting when it is killed.
    article = queued_article(TEXT * 6000)
    env = os.environ | {
        "DATABASE_URL": database_url(),
        "DEBUG": "true",
        "NLP_BACKEND": "fallback",
        "EXTRACTION_LEASE_SECONDS": "4",
        "DJANGO_SETTINGS_MODULE": "newsapp.settings",
    }
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-startup-delay", "--no-reload", "--interval", "0.2"],
        cwd=REPO_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while Article.objects.get(pk=article.pk).status != Article.Status.RUNNING:
            assert time.monotonic() < deadline, "the worker never started the extraction"
            time.sleep(0.1)
        time.sleep(0.5)
    finally:
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait()
    assert Article.objects.get(pk=article.pk).status == Article.Status.RUNNING  # what kill -9 leaves
    time.sleep(5)  # the lease (4 s) runs out
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("django.conf.settings.EXTRACTION_LEASE_SECONDS", 4)
        recovered = recover_dead_extractions()
    assert [(r.article_id, r.action) for r in recovered] == [(article.pk, "requeued")]
    assert Article.objects.get(pk=article.pk).status == Article.Status.PENDING
