"""Write the events of the timeline as JSON (a list of objects), CSV, or a TimelineJS3 document.

python manage.py export_events --format json > events.json
python manage.py export_events --format csv --output events.csv
python manage.py export_events --format timelinejs --country RU --from 2025-04 --output kursk.json

The filters are the timeline's (same names, same meaning, read by timeline.filters.parse_filters), so an
export selects the cards a view of the timeline shows. `json` and `csv` write every event of those cards
(a card's grouped reports too), one per row; `timelinejs` writes one slide per card.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.http import QueryDict
from django.utils import translation

from timeline import timelinejs
from timeline.api import describe
from timeline.export import iter_card_events, iter_card_items, iter_event_dicts, write_csv
from timeline.filters import parse_filters
from timeline.index import DatabaseCards
from timeline.models import Event

# Command option -> query string parameter of the timeline.
FILTER_OPTIONS = {
    "country": "country",
    "person": "person",
    "category": "category",
    "date_from": "from",
    "date_to": "to",
    "q": "q",
    "order": "order",
}


class Command(BaseCommand):
    help = "Export events as JSON, CSV or a TimelineJS3 document, optionally filtered as the timeline is."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--format", choices=["json", "csv", "timelinejs"], default="json", help="output format"
        )
        parser.add_argument("--output", type=Path, help="file to write (default: standard output)")
        parser.add_argument("--country", action="append", default=[], help="ISO code (repeatable: all)")
        parser.add_argument("--person", action="append", default=[], help="person slug (repeatable: all)")
        parser.add_argument("--category", action="append", default=[], help="category (repeatable: any)")
        parser.add_argument("--from", dest="date_from", default="", help="YYYY-MM-DD, YYYY-MM or YYYY")
        parser.add_argument("--to", dest="date_to", default="", help="YYYY-MM-DD, YYYY-MM or YYYY")
        parser.add_argument("--q", default="", help="words that must all appear")
        parser.add_argument("--order", default="", help="oldest (default) or newest")
        parser.add_argument(
            "--language", default=settings.LANGUAGE_CODE, help="language of dates and labels (timelinejs)"
        )
        parser.add_argument(
            "--base-url",
            default="",
            help="site address for article links (timelinejs), e.g. https://news.example",
        )

    def handle(self, *args, **options) -> None:
        query = self.query(options)
        out = options["output"].open("w", encoding="utf-8", newline="") if options["output"] else self.stdout
        try:
            with translation.override(options["language"]):
                self.write(query, options, out)
        finally:
            if out is not self.stdout:
                out.close()

    def query(self, options: dict) -> QueryDict:
        """The options as the timeline's query string."""
        query = QueryDict(mutable=True)
        for option, parameter in FILTER_OPTIONS.items():
            values = options[option] if isinstance(options[option], list) else [options[option]]
            for value in values:
                if value:
                    query.appendlist(parameter, value)
        return query

    def write(self, query: QueryDict, options: dict, out) -> None:
        if not query and options["format"] != "timelinejs":
            # Everything: straight from the database, without building the timeline's index.
            items = iter_event_dicts(Event.objects.order_by("date_start", "date_end", "id"))
        else:
            index = DatabaseCards()  # a command asks the database: no accelerator to build
            filters = parse_filters(query, index)
            for note in filters.notes:
                self.stderr.write(note)
            lead_ids = index.all_leads(index.select(filters), newest_first=filters.newest_first)
            if options["format"] == "timelinejs":
                document = timelinejs.document(
                    iter_card_items(lead_ids[: timelinejs.MAX_EVENTS]),
                    total=len(lead_ids),
                    description=describe(filters, index),
                    base_url=options["base_url"].rstrip("/"),
                )
                out.write(json.dumps(document, ensure_ascii=False, indent=1) + "\n")
                return
            items = iter_card_events(lead_ids)
        if options["format"] == "csv":
            write_csv(items, out)
        else:
            # Streamed as a JSON list, one event per line, without holding all events in memory.
            out.write("[\n")
            for index_, item in enumerate(items):
                out.write(("," if index_ else "") + json.dumps(item, ensure_ascii=False) + "\n")
            out.write("]\n")
