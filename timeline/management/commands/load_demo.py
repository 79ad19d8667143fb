"""Load the demo corpus (demo/corpus: articles written by the team) into the timeline.

Idempotent: articles already in the database are left alone (an editor may have corrected them in the
admin; `make run` loads the demo every time). --force extracts them all again from the files.
"""

from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

DEMO_CORPUS = Path(settings.BASE_DIR) / "demo" / "corpus"


class Command(BaseCommand):
    help = "Ingest the demo corpus (demo/corpus)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--force", action="store_true", help="extract every article again")
        parser.add_argument(
            "--backend", choices=["auto", "stanza", "fallback"], help="NLP backend (default: auto)"
        )

    def handle(self, *args, **options) -> None:
        extra = ["--force"] if options["force"] else ["--skip-existing"]
        if options["backend"]:
            extra += ["--backend", options["backend"]]
        call_command(
            "ingest",
            str(DEMO_CORPUS),
            *extra,
            verbosity=options["verbosity"],
            stdout=self.stdout,
            stderr=self.stderr,
        )
