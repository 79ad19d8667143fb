"""Several writers at once, as in production: two background workers, two `ingest` runs.

Each writer is a real process (`manage.py db_worker`, `manage.py ingest`) on the test database, writing
the demo corpus, whose articles share most of their entities: every entity is then wanted by both
writers at the same moment. On PostgreSQL the writers really overlap (row locks, unique constraints,
deadlocks); SQLite serialises them (one write transaction at a time), where the test checks that waiting
for the other writer never fails an article.
"""

import os
import subprocess
import sys

import pytest
from django.db import connection

from tests.conftest import REPO_DIR
from timeline.models import Article, Entity
from timeline.pipeline.reading import iter_article_paths, read_path
from timeline.tasks import schedule_extraction

CORPUS = REPO_DIR / "demo" / "corpus"

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.slow,
]


def process_env() -> dict[str, str]:
    """The environment of a process working on this test's database."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        url = f"sqlite:///{db['NAME']}"
    else:
        url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
        if db.get("PASSWORD"):
            url = url.replace("@", f":{db['PASSWORD']}@", 1)
    return os.environ | {
        "DATABASE_URL": url,
        "DEBUG": "true",
        "NLP_BACKEND": "fallback",
        "DJANGO_SETTINGS_MODULE": "newsapp.settings",
    }


def start(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", *args],
        cwd=REPO_DIR,
        env=process_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def assert_no_duplicate_entities() -> None:
    slugs = list(Entity.objects.values_list("kind", "slug"))
    assert len(slugs) == len(set(slugs))


def test_two_workers_extract_every_uploaded_article_and_none_fails():
    paths = list(iter_article_paths([CORPUS]))
    for path in paths:
        raw = read_path(path)
        article = Article.objects.create(
            body=raw.text, title=raw.title, published=raw.published, language=raw.language or "",
            source=raw.source, url=raw.url,
        )  # fmt: skip
        schedule_extraction(article)
    workers = [start("db_worker", "--batch", "--no-startup-delay", "--no-reload") for _ in range(2)]
    logs = [worker.communicate(timeout=600)[0] for worker in workers]
    failed = list(Article.objects.exclude(status=Article.Status.DONE).values_list("title", "error"))
    assert failed == [], "\n".join(logs)
    assert Article.objects.count() == len(paths)
    assert_no_duplicate_entities()


def test_two_ingest_runs_on_the_same_folder_store_every_article_once_and_fail_none():
    runs = [start("ingest", str(CORPUS), "--backend", "fallback", "--verbosity", "0") for _ in range(2)]
    logs = [run.communicate(timeout=600)[0] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], "\n".join(logs)
    assert "Deadlock" not in "".join(logs) and "IntegrityError" not in "".join(logs)
    assert Article.objects.count() == len(list(iter_article_paths([CORPUS])))
    assert not Article.objects.exclude(status=Article.Status.DONE).exists()
    assert_no_duplicate_entities()
