"""Shared fixtures for the whole suite."""

from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

# No per-example deadline: on two shared cores a slow example is load, not a bug (Hypothesis would fail it).
hypothesis_settings.register_profile("project", deadline=None)
hypothesis_settings.load_profile("project")

REPO_DIR = Path(__file__).resolve().parent.parent
# ../shared beside the repository: gold data, seeds and notes (read-only in CI).
SHARED_DIR = REPO_DIR.parent / "shared"


@pytest.fixture
def staff_client(client, django_user_model):
    """A test client logged in as a superuser."""
    user = django_user_model.objects.create_superuser("editor", "editor@example.org", "correct horse")
    client.force_login(user)
    return client


@pytest.fixture(autouse=True)
def fresh_timeline_index(settings):
    """Each test starts without the per-process card index and card cache of an earlier test; the index is
    built in the request that first needs it (a background thread would not see the test's transaction)."""
    import timeline.index
    from timeline.cards import clear_card_cache

    settings.TIMELINE_ACCELERATOR_BACKGROUND = False
    timeline.index._current = None
    clear_card_cache()
    yield
    timeline.index._current = None
    clear_card_cache()


DATABASE_FIXTURES = {"db", "transactional_db", "django_db_reset_sequences", "django_db_serialized_rollback"}


def pytest_addoption(parser):
    parser.addoption(
        "--database-tests-only",
        action="store_true",
        help="run only the tests that use the database (tools/run_tests.sh: the PostgreSQL run; the "
        "Django-free and database-free tests already ran once on SQLite's run)",
    )


def pytest_collection_modifyitems(config, items):
    if not config.getoption("--database-tests-only"):
        return
    keep, drop = [], []
    for item in items:
        uses_database = item.get_closest_marker("django_db") is not None or bool(
            DATABASE_FIXTURES & set(getattr(item, "fixturenames", ()))
        )
        (keep if uses_database else drop).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep
