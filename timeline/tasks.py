"""Background work: extracting an article saved in the admin (django-tasks; run `manage.py db_worker`).

Dead workers are detected with a lease: while a worker runs an extraction, it keeps pushing the task
row's `run_after` (a field django-tasks-db only reads for tasks still waiting, so free while one runs)
EXTRACTION_LEASE_SECONDS ahead. A worker killed (kill -9, out of memory, machine lost) stops renewing
it; once the lease is over, `recover_dead_extractions` (run by every extraction as it starts, and by
`manage.py recover_extractions`, which `make run` runs before its worker) marks that task failed and
queues the article again, or fails the article with the reason when its extraction already killed a
worker before (a text that kills workers must not kill them all in turn).
"""

from __future__ import annotations

import datetime
import logging
import threading
from dataclasses import dataclass

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.dispatch import receiver
from django.utils import timezone
from django_tasks import task
from django_tasks_db.compat import task_finished, task_started
from django_tasks_db.models import DBTaskResult, get_date_max

from timeline.models import Article
from timeline.pipeline.ingest import Ingestor

logger = logging.getLogger("timeline.tasks")

TASK_PATH = "timeline.tasks.extract_article"
# An article whose extraction left this many dead workers is failed instead of queued again.
MAX_WORKER_DEATHS = 2


class WorkerDied(Exception):
    """The worker running a task stopped without finishing it (killed, out of memory, machine lost)."""


def lease_seconds() -> int:
    return int(getattr(settings, "EXTRACTION_LEASE_SECONDS", 120))


@task()
def extract_article(article_id: int) -> str:
    """Extract the events of one stored article; returns the outcome (updated, failed, superseded...).

    Runs in a worker, never in the web request. The article's status moves pending -> running -> done or
    failed (with the error), one committed step at a time, so the admin page can follow it.
    """
    try:
        recover_dead_extractions()
    except Exception:  # others' dead tasks must not fail this one; the next task or the command retries
        logger.exception("looking for dead extractions failed")
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


@dataclass
class Recovered:
    article_id: int | None
    action: str  # "requeued", "failed" or "none" (the article was finished or is queued again already)


def _article_id(row: DBTaskResult) -> int | None:
    args = (row.args_kwargs or {}).get("args") or []
    return args[0] if args and isinstance(args[0], int) else None


def recover_dead_extractions(now: datetime.datetime | None = None) -> list[Recovered]:
    """Find extraction tasks whose worker died, mark them failed, and re-queue or fail their articles."""
    now = now or timezone.now()
    stale = DBTaskResult.objects.filter(status="RUNNING", task_path=TASK_PATH).filter(
        # A lease that ran out, or none ever taken (the worker died before its first renewal).
        run_after__lt=now
    ) | DBTaskResult.objects.filter(
        status="RUNNING",
        task_path=TASK_PATH,
        run_after=get_date_max(),
        started_at__lt=now - datetime.timedelta(seconds=lease_seconds()),
    )
    recovered = []
    for row_id in list(stale.values_list("id", flat=True)):
        with transaction.atomic():
            row = (
                DBTaskResult.objects.select_for_update(skip_locked=_can_skip_locked())
                .filter(pk=row_id, status="RUNNING")
                .first()
            )
            if row is None:
                continue  # another process is recovering it
            row.set_failed(WorkerDied(f"the worker {', '.join(row.worker_ids)} stopped during the task"))
            recovered.append(_recover_article(_article_id(row)))
    for item in recovered:
        logger.warning("extraction of article %s: its worker died; %s", item.article_id, item.action)
    return recovered


def _can_skip_locked() -> bool:
    return bool(connection.features.has_select_for_update_skip_locked)


def _recover_article(article_id: int | None) -> Recovered:
    if article_id is None:
        return Recovered(article_id, "none")
    article = Article.objects.filter(pk=article_id).first()
    if article is None or article.status not in (Article.Status.PENDING, Article.Status.RUNNING):
        return Recovered(article_id, "none")
    tasks = DBTaskResult.objects.filter(task_path=TASK_PATH, args_kwargs__args__0=article_id)
    if tasks.filter(status__in=["READY", "RUNNING"]).exists():
        return Recovered(article_id, "none")  # queued again meanwhile (an editor's re-run)
    deaths = tasks.filter(
        status="FAILED", exception_class_path=f"{__name__}.{WorkerDied.__qualname__}"
    ).count()
    if deaths >= MAX_WORKER_DEATHS:
        Article.objects.filter(pk=article_id).update(
            status=Article.Status.FAILED,
            error=f"The extraction stopped its worker {deaths} times (killed or out of memory); "
            "it is not tried again automatically. Check the text, then re-run it.",
        )
        return Recovered(article_id, "failed")
    schedule_extraction(article)
    return Recovered(article_id, "requeued")


class Lease:
    """Keeps a running task's lease fresh from a background thread until stopped."""

    def __init__(self, task_id: str) -> None:
        self.task_id = task_id
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"lease-{task_id}", daemon=True)

    def start(self) -> None:
        self.renew()
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def renew(self) -> None:
        until = timezone.now() + datetime.timedelta(seconds=lease_seconds())
        DBTaskResult.objects.filter(pk=self.task_id, status="RUNNING").update(run_after=until)

    def _run(self) -> None:
        try:
            while not self._stop.wait(lease_seconds() / 4):
                try:
                    self.renew()
                except Exception:  # a locked or lost database: the next renewal may succeed
                    logger.warning("could not renew the lease of task %s", self.task_id, exc_info=True)
                    close_old_connections()
        finally:
            connection.close()  # this thread's own connection


_leases: dict[str, Lease] = {}


@receiver(task_started)
def _take_lease(sender: object, task_result: object, **kwargs: object) -> None:
    if getattr(getattr(task_result, "task", None), "module_path", "") != TASK_PATH:
        return
    lease = Lease(str(task_result.id))  # type: ignore[attr-defined]
    lease.start()
    _leases[lease.task_id] = lease


@receiver(task_finished)
def _end_lease(sender: object, task_result: object, **kwargs: object) -> None:
    lease = _leases.pop(str(getattr(task_result, "id", "")), None)
    if lease is not None:
        lease.stop()
