"""Write every event of the timeline as JSON (a list of objects) or CSV.

python manage.py export_events --format json > events.json
python manage.py export_events --format csv --output events.csv
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from timeline.export import iter_event_dicts, write_csv
from timeline.models import Event


class Command(BaseCommand):
    help = "Export all events as JSON or CSV."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=["json", "csv"], default="json", help="output format")
        parser.add_argument("--output", type=Path, help="file to write (default: standard output)")

    def handle(self, *args, **options) -> None:
        events = Event.objects.order_by("date_start", "date_end", "id")
        items = iter_event_dicts(events)
        out = options["output"].open("w", encoding="utf-8", newline="") if options["output"] else self.stdout
        try:
            if options["format"] == "csv":
                write_csv(items, out)
            else:
                # Streamed as a JSON list, one event per line, without holding all events in memory.
                out.write("[\n")
                for index, item in enumerate(items):
                    out.write(("," if index else "") + json.dumps(item, ensure_ascii=False) + "\n")
                out.write("]\n")
        finally:
            if out is not self.stdout:
                out.close()
