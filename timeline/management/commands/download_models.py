"""`python manage.py download_models [--lang fr en] [--dir DIR] [--resources-url URL] [--missing-only]
[--offline-ok]`

Downloads Stanza's published tokenize+NER models (network needed; run once) into the folder the app reads,
`settings.STANZA_RESOURCES_DIR` by default. `make run` calls it with `--missing-only --offline-ok`: languages
whose models are there are not fetched again, and an unreachable server is one line, not an error. Without
models the app falls back to rule-based sentence
splitting and gazetteer entities. The logic lives in `timeline.nlp.download`.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from timeline.nlp.download import ModelDownloadError, download_models
from timeline.nlp.model_files import find_model_files


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

        parser.add_argument(
            "--missing-only",
            action="store_true",
            help="Fetch only the languages whose models are not in the folder yet.",
        )
        parser.add_argument(
            "--offline-ok",
            action="store_true",
            help="When the model server cannot be reached, say so in one line and exit 0 (the app then "
            "uses its rule-based fallback).",
        )

    def handle(self, *args, **options) -> None:
        models_dir = options["dir"] or Path(getattr(settings, "STANZA_RESOURCES_DIR", "var/stanza_resources"))
        langs = options["lang"]
        if options["missing_only"]:
            langs = [lang for lang in langs if find_model_files(models_dir, lang) is None]
            if not langs:
                self.stdout.write(f"Stanza models for {', '.join(options['lang'])} are in {models_dir}")
                return
        try:
            where = download_models(langs, models_dir, options["resources_url"], log=self.stdout.write)
        except ModelDownloadError as exc:
            if options["offline_ok"]:
                self.stdout.write(
                    f"Stanza models not fetched ({str(exc).split('. ')[0]}): using the rule-based fallback."
                )
                return
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"Models saved in {where}"))
