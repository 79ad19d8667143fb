"""Extraction time of one article against its length: is it linear?

    .venv/bin/python bench/bench_article_size.py [--sizes 10000 100000 1000000 5000000]
        [--language fr|en] [--database-url sqlite:////tmp/bench.sqlite3]

Each article is the demo corpus of one language repeated to the size (characters), with the
publication date given, extracted by the rule-based fallback into a fresh database (SQLite by
default, never the app's). Prints seconds per stage, the rate in KB/s and the peak memory, so a
superlinear stage shows as a falling rate.
"""

from __future__ import annotations

import argparse
import datetime
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000, 5_000_000])
    parser.add_argument("--language", choices=["fr", "en"], default="fr")
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="bench-size-"))
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsapp.settings")
    os.environ.setdefault("DEBUG", "true")
    os.environ["MAX_ARTICLE_CHARACTERS"] = str(max(args.sizes) + 100)
    import django

    django.setup()
    from django.core.management import call_command

    from timeline.pipeline.ingest import Ingestor
    from timeline.pipeline.reading import RawArticle, iter_article_paths, read_path

    call_command("migrate", verbosity=0)
    texts = [read_path(p).text for p in iter_article_paths([REPO / "demo" / "corpus"])]
    corpus = "\n\n".join(t for t, p in zip(texts, iter_article_paths([REPO / "demo" / "corpus"]), strict=True)
                         if f"-{args.language}-" in p.name)  # fmt: skip
    print(f"language={args.language} database={os.environ['DATABASE_URL'].split(':')[0]} backend=fallback")
    print(f"{'size':>10} {'total s':>8} {'KB/s':>7} {'events':>7}  stages (s)")
    for index, size in enumerate(args.sizes):
        text = (corpus * (size // len(corpus) + 1))[:size] + f"\n\n(Size {size}, run {index}.)"
        raw = RawArticle(
            text=text, title=f"{size}", language=args.language, published=datetime.date(2025, 4, 28)
        )
        ingestor = Ingestor(backend="fallback", force=True)
        started = time.perf_counter()
        [outcome] = ingestor.ingest([raw])
        elapsed = time.perf_counter() - started
        assert outcome.status == "new", outcome.error
        stages = " ".join(f"{k}={v:.2f}" for k, v in sorted(ingestor.timings.seconds.items()))
        print(
            f"{size:>10} {elapsed:8.2f} {size / 1000 / elapsed:7.0f} {outcome.events:>7}  {stages}",
            flush=True,
        )
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
