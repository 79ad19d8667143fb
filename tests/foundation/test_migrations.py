from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


@pytest.mark.django_db
def test_models_and_migrations_agree():
    """`makemigrations --check` exits non-zero when a model change lacks its migration."""
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_migrations_apply_from_zero_and_back():
    call_command("migrate", "timeline", "zero", verbosity=0)
    assert "timeline_event" not in connection.introspection.table_names()
    call_command("migrate", verbosity=0)
    assert "timeline_event" in connection.introspection.table_names()
    executor = MigrationExecutor(connection)
    assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == []


@pytest.mark.django_db(transaction=True)
def test_a_database_with_events_from_before_the_read_model_migrates_and_gets_its_cards():
    """Cards are built by the read model's current code, so only once every migration is applied."""
    import datetime

    from timeline.models import TimelineCard

    call_command("migrate", "timeline", "0004", verbosity=0)
    old = MigrationExecutor(connection).loader.project_state(("timeline", "0004_dismissed_statements")).apps
    article = old.get_model("timeline", "Article").objects.create(
        title="Old", body="Russia retook Sudzha.", language="en", status="done",
        published=datetime.date(2025, 3, 14), content_hash="x" * 64,
    )  # fmt: skip
    group = old.get_model("timeline", "EventGroup").objects.create()
    old.get_model("timeline", "Event").objects.create(
        article=article, group=group, date_start=datetime.date(2025, 3, 13),
        date_end=datetime.date(2025, 3, 13), precision="day", sentence="Russia retook Sudzha.",
        sentence_start=0, sentence_end=21, category="military",
    )  # fmt: skip

    call_command("migrate", verbosity=0)

    card = TimelineCard.objects.get(key=f"g{group.pk}")
    assert card.alive and card.first_reported == datetime.date(2025, 3, 14)
    assert card.status == ""
