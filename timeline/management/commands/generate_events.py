"""Fill the timeline with synthetic events, for load tests and benchmarks.

    python manage.py generate_events --events 100000 [--seed 1]

The events are marked (source "Synthetic") and can be removed with --clear.
"""

from django.core.management.base import BaseCommand, CommandParser
from django.db import connection
from tqdm import tqdm

from timeline.models import Article
from timeline.synthetic import SOURCE, generate


class Command(BaseCommand):
    help = "Generate synthetic events (skewed like the news) for benchmarks."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--events", type=int, default=10_000, help="how many events to add")
        parser.add_argument("--seed", type=int, default=1, help="random seed (same seed, same data)")
        parser.add_argument("--clear", action="store_true", help="remove synthetic articles and events first")

    def handle(self, *args, **options) -> None:
        if options["clear"]:
            deleted, _ = Article.objects.filter(source=SOURCE).delete()
            self.stdout.write(f"Removed {deleted} synthetic rows.")
        with tqdm(total=options["events"], unit="event", disable=options["verbosity"] == 0) as bar:
            written = generate(options["events"], seed=options["seed"], progress=bar.update)
        if connection.vendor == "postgresql":
            # Fresh statistics: planned on empty-table estimates, the card queries would scan whole tables
            # until autovacuum gets round to it.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(f"Added {written} synthetic events.")
