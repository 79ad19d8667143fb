"""Ingest news articles into the timeline.

    python manage.py ingest ARTICLE_OR_FOLDER... [--published YYYY-MM-DD] [--language fr|en]
                            [--source NAME] [--title TITLE] [--url URL] [--force]

Reads .txt/.md files (optional YAML front matter: title, published, language, source, url) and .html pages,
walking folders. Each article is extracted and stored in one transaction: a failure marks that article
failed and the run goes on. Re-ingesting an unchanged text changes nothing. Exits non-zero when any
article failed.
"""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from timeline.pipeline.ingest import Ingestor, summarise
from timeline.pipeline.reading import iter_article_paths


def iso_date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"--published {value!r} is not a date as YYYY-MM-DD") from error


class Command(BaseCommand):
    help = "Extract dated events from article files (.txt, .md, .html) or folders of them."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", type=Path, help="article files or folders")
        parser.add_argument("--published", type=iso_date, help="publication date (YYYY-MM-DD) for all")
        parser.add_argument("--language", choices=["fr", "en"], help="language of all the articles")
        parser.add_argument("--source", help="source name for all the articles")
        parser.add_argument("--title", help="title (for a single article)")
        parser.add_argument("--url", help="URL (for a single article)")
        parser.add_argument(
            "--force", action="store_true", help="extract again even when the text is already ingested"
        )
        parser.add_argument(
            "--skip-existing",
            action="store_true",
            help="leave texts already ingested alone even when the file's metadata differs",
        )
        parser.add_argument(
            "--backend",
            choices=["auto", "stanza", "fallback"],
            help="NLP backend (default: NLP_BACKEND or auto: Stanza when its models are installed)",
        )
        parser.add_argument("--batch-size", type=int, default=16, help="articles annotated together")

    def handle(self, *args, **options) -> None:
        paths = list(iter_article_paths(options["paths"]))
        if not paths:
            raise CommandError("no article files (.txt, .md, .html) found in the given paths")
        overrides = {
            "published": options["published"],
            "language": options["language"],
            "source": options["source"],
            "title": options["title"],
            "url": options["url"],
        }
        ingestor = Ingestor(
            force=options["force"], skip_existing=options["skip_existing"], backend=options["backend"]
        )
        outcomes = []
        progress = tqdm(
            total=len(paths),
            unit="article",
            desc="Ingesting",
            disable=options["verbosity"] == 0,
            file=sys.stderr,
        )
        with progress:
            for outcome in ingestor.ingest_paths(paths, overrides, batch_size=options["batch_size"]):
                outcomes.append(outcome)
                progress.update(1)
                if outcome.status == "failed":
                    progress.write(f"FAILED {outcome.origin}: {outcome.error}", file=self.stderr._out)
        counts = summarise(outcomes)
        entities = ingestor.entities.count
        self.stdout.write(
            f"{counts['new']} new, {counts['updated']} updated, {counts['unchanged']} unchanged, "
            f"{counts['failed']} failed; {counts['events']} events, {entities} entities involved."
        )
        if counts["failed"]:
            raise CommandError(f"{counts['failed']} article(s) failed; see the messages above")
