"""Rewrite the timeline's read model (TimelineCard rows) from the events.

    python manage.py rebuild_cards

Never needed in normal use: every write keeps the cards current (timeline/read_model.py). Use it after
restoring events from a dump made without the read model, or to check that nothing drifted.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from timeline.read_model import rebuild_all


class Command(BaseCommand):
    help = "Rewrite every timeline card from the events (one transaction)."

    def handle(self, *args, **options) -> None:
        with transaction.atomic():
            refreshed = rebuild_all()
        self.stdout.write(f"Refreshed {refreshed} cards.")
