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
