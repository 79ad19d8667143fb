"""Print the time expressions of text files, or speak the evaluation JSON-lines protocol.

python manage.py tag_dates article.txt --dct 2025-04-28 [--lang fr|en] [--format text|json]
python manage.py tag_dates --jsonl < docs.jsonl
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from timeline.temporal import tag
from timeline.temporal.jsonl import serve
from timeline.temporal.lexicon import available_languages


class _Raw:
    """The command's stdout without Django's added line endings (the protocol writes its own)."""

    def __init__(self, command: BaseCommand) -> None:
        self.command = command

    def write(self, text: str) -> None:
        self.command.stdout.write(text, ending="")

    def flush(self) -> None:
        self.command.stdout.flush()


class Command(BaseCommand):
    help = "Tag temporal expressions (TIMEX3 + period) in files, or serve the JSON-lines protocol."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="*", type=Path, help="UTF-8 text files to tag")
        parser.add_argument("--dct", help="publication date YYYY-MM-DD (default: today)")
        parser.add_argument("--lang", default="fr", choices=available_languages())
        parser.add_argument("--format", default="text", choices=["text", "json"])
        parser.add_argument(
            "--jsonl", action="store_true", help="read JSON lines on stdin (evaluation protocol)"
        )

    def handle(self, *args: object, **options: object) -> None:
        if options["jsonl"]:
            serve(sys.stdin, _Raw(self), default_lang=str(options["lang"]))
            return
        files: list[Path] = options["files"]  # type: ignore[assignment]
        if not files:
            raise CommandError("give text files to tag, or --jsonl")
        try:
            dct = dt.date.fromisoformat(str(options["dct"])) if options["dct"] else dt.date.today()
        except ValueError as exc:
            raise CommandError(f"--dct must be YYYY-MM-DD: {exc}") from exc
        for path in files:
            try:
                text = path.read_text(encoding="utf-8")
            except OSError as exc:
                raise CommandError(f"cannot read {path}: {exc}") from exc
            timexes = tag(text, str(options["lang"]), dct)
            if options["format"] == "json":
                doc = {"file": str(path), "dct": dct.isoformat(), "timexes": [t.as_json() for t in timexes]}
                self.stdout.write(json.dumps(doc, ensure_ascii=False))
                continue
            self.stdout.write(f"{path} (published {dct.isoformat()}): {len(timexes)} expressions")
            for t in timexes:
                period = f"{t.period_start}..{t.period_end} {t.precision}" if t.period_start else "-"
                if t.approximate:
                    period = f"≈ {period}"
                mod = f" mod={t.mod}" if t.mod else ""
                self.stdout.write(
                    f"  {t.start:>6}-{t.end:<6} {t.text!r:32} {t.type:8} {t.value:14}{mod}  {period}"
                )
