"""On PostgreSQL, a trigram index on the cards' folded search text, so that the database path's word
searches (`search_text LIKE '% word%'`) use an index instead of reading every card. Nothing elsewhere.

pg_trgm is a trusted extension (PostgreSQL 13+): the database's owner may create it. Where it cannot be
created, the migration goes on without the index (searches stay correct, only slower) and says so.
"""

import logging

from django.db import DatabaseError, migrations, transaction

logger = logging.getLogger(__name__)


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            schema_editor.execute(
                "CREATE INDEX IF NOT EXISTS card_search_trgm_idx ON timeline_timelinecard "
                "USING gin (search_text gin_trgm_ops)"
            )
    except DatabaseError as error:
        logger.warning("no trigram index on the cards' search text (%s): searches stay correct", error)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS card_search_trgm_idx")


class Migration(migrations.Migration):
    dependencies = [("timeline", "0005_read_model")]

    operations = [migrations.RunPython(create_index, drop_index)]
