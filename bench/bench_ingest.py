"""Ingest throughput: the demo corpus repeated to N articles, time per stage, peak memory.

    .venv/bin/python bench/bench_ingest.py [--articles 1000] [--backend fallback|stanza]
        [--models tests/fixtures/stanza] [--database-url sqlite:////tmp/bench.sqlite3]

Each copy gets a distinct closing line so its text hash differs (identical texts are ingested once).
Uses its own database (a fresh SQLite file by default), never the app's.
"""

from __future__ import annotations

import argparse
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
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--backend", choices=["fallback", "stanza"], default="fallback")
    parser.add_argument("--models", type=Path, default=REPO / "tests" / "fixtures" / "stanza")
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--batch-size", type=int, default=16)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="bench-ingest-"))
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsapp.settings")
    os.environ.setdefault("DEBUG", "true")  # a developer's machine (the settings default to production)
    import django

    django.setup()
    from django.core.management import call_command

    from timeline.models import Event, EventGroup
    from timeline.pipeline.ingest import Ingestor, summarise
    from timeline.pipeline.reading import iter_article_paths, read_path

    call_command("migrate", verbosity=0)
    corpus = [read_path(p) for p in iter_article_paths([REPO / "demo" / "corpus"])]
    raws = []
    for index in range(args.articles):
        raw = corpus[index % len(corpus)]
        raws.append(raw.with_overrides(text=f"{raw.text}\n\n(Copy {index}.)"))

    ingestor = Ingestor(backend=args.backend, models_dir=args.models, force=False)
    started = time.perf_counter()
    outcomes = []
    for offset in range(0, len(raws), args.batch_size):
        outcomes.extend(ingestor.ingest(raws[offset : offset + args.batch_size]))
    elapsed = time.perf_counter() - started
    counts = summarise(outcomes)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"backend={args.backend} articles={len(raws)} database={os.environ['DATABASE_URL'].split(':')[0]}")
    print(f"outcomes: {counts}")
    print(f"events={Event.objects.count()} groups={EventGroup.objects.count()}")
    print(f"total {elapsed:.1f} s, {len(raws) / elapsed:.1f} articles/s, peak RSS {peak_mb:.0f} MB")
    for stage, seconds in sorted(ingestor.timings.seconds.items(), key=lambda kv: -kv[1]):
        print(f"  {stage:<10} {seconds:7.2f} s  {1000 * seconds / len(raws):6.2f} ms/article")


if __name__ == "__main__":
    main()
