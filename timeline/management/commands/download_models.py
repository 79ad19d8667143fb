"""`python manage.py download_models [--lang fr en] [--dir DIR] [--resources-url URL]`

Downloads Stanza's published tokenize+NER models (network needed; run once) into the folder the app reads,
`settings.STANZA_RESOURCES_DIR` by default. Without models the app falls back to rule-based sentence
splitting and gazetteer entities. The logic lives in `timeline.nlp.download`.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from timeline.nlp.download import ModelDownloadError, download_models


class Command(BaseCommand):
    help = "Download Stanza tokenize+NER models for the given languages (one after the other)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--lang",
            nargs="+",
            default=["fr", "en"],
            metavar="LANG",
            help="Language codes to download models for (default: fr en).",
        )
        parser.add_argument(
            "--dir",
            type=Path,
            default=None,
            help="Folder to put the models in (default: settings.STANZA_RESOURCES_DIR).",
        )
        parser.add_argument(
            "--resources-url",
            default=None,
            help="Base URL of Stanza's resources list (default: Stanza's own, on raw.githubusercontent.com).",
        )

    def handle(self, *args, **options) -> None:
        models_dir = options["dir"] or Path(getattr(settings, "STANZA_RESOURCES_DIR", "var/stanza_resources"))
        try:
            where = download_models(
                options["lang"], models_dir, options["resources_url"], log=self.stdout.write
            )
        except ModelDownloadError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"Models saved in {where}"))
