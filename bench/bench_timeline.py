"""Server time of the timeline fragment at scale: p50 and p95 per filter combination.

    .venv/bin/python bench/bench_timeline.py [--events 100000] [--requests 50]
        [--database-url sqlite:////tmp/bench-timeline.sqlite3 | postgres://postgres@127.0.0.1:5432/bench_timeline]

Fills its own database once with `generate_events` (reused by later runs), builds the card index, then
times the HTMX fragment (facets, chart and 50 cards) through Django's test client, in-process: this is
the server's time, without network. Never used in tests: figures go in the issue notes.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import random
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def ensure_postgres_database(url: str) -> None:
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(url)
    with psycopg.connect(
        host=config["HOST"],
        port=config["PORT"] or None,
        user=config["USER"],
        dbname="postgres",
        autocommit=True,
    ) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{config["NAME"]}"')


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--database-url", default="sqlite:////tmp/bench-timeline.sqlite3")
    parser.add_argument(
        "--stages", action="store_true", help="time each stage of the view on bench_serve's pages instead"
    )
    parser.add_argument("--unseen", type=int, default=150, help="with --stages: pages never seen")
    parser.add_argument("--rounds", type=int, default=5, help="with --stages: passes over the seen pages")
    parser.add_argument(
        "--database-path", action="store_true", help="with --stages: DatabaseCards (no card index)"
    )
    parser.add_argument(
        "--profile", default="", help="with --stages: cProfile them too, sorted by this (e.g. tottime)"
    )
    args = parser.parse_args()

    if args.database_url.startswith("postgres"):
        ensure_postgres_database(args.database_url)
    os.environ["DATABASE_URL"] = args.database_url
    # The test client's host; no setup_test_environment(), whose template instrumentation would slow
    # rendering down and be timed too.
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsapp.settings")
    os.environ.setdefault("DEBUG", "true")  # a developer's machine (the settings default to production)
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    from timeline import index as index_module
    from timeline.cards import clear_card_cache
    from timeline.filters import TimelineFilters
    from timeline.index import CardIndex
    from timeline.models import Event

    call_command("migrate", verbosity=0)
    missing = args.events - Event.objects.count()
    if missing > 0:
        started = time.perf_counter()
        call_command("generate_events", "--events", str(missing), verbosity=1)
        print(f"generated {missing} events in {time.perf_counter() - started:.0f} s")

    started = time.perf_counter()
    index = CardIndex.build()
    print(f"events={Event.objects.count()} card index build {time.perf_counter() - started:.2f} s")
    index_module._current = index  # the requests below use it (no background build)
    settings.TIMELINE_ACCELERATOR_BACKGROUND = False
    everything = index.select(TimelineFilters())
    top_person = index.facet(everything, "person")[0][0].slug
    months = [month for month, count in index.histogram(everything) if count]
    middle = months[len(months) // 2]
    first_page_cursor = index.page(everything, newest_first=False, size=50)[1]
    if args.stages:
        from bench_serve import seen_pages, unseen_pages

        settings.TIMELINE_ACCELERATOR = not args.database_path
        unseen = unseen_pages(args.unseen, random.Random(11))
        stage_breakdown(Client(), seen_pages(), unseen, args.rounds, args.profile)
        return

    filter_sets = {
        "no filter": {},
        "country=RU": {"country": "RU"},
        "country=RU&KP": {"country": ["RU", "KP"]},
        "person": {"person": top_person},
        "category": {"category": "military"},
        "one month": {"from": middle, "to": middle},
        "text q": {"q": "ceasefire"},
        "UA+diplomatic+range": {
            "country": "UA",
            "category": "diplomatic",
            "from": months[3],
            "to": months[-4],
        },
        "newest first": {"order": "newest", "country": "US"},
        "load more (page 2)": {"cursor": first_page_cursor},
    }
    client = Client()
    for cold in (False, True):
        title = "cards rendered afresh" if cold else "cards already rendered by this process"
        print(f"\n{title}\n{'filter':<22} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}  cards")
        for name, params in filter_sets.items():
            client.get("/", params, HTTP_HX_REQUEST="true")  # warm the per-filter caches once
            timings = []
            for _ in range(args.requests):
                if cold:
                    clear_card_cache()
                started = time.perf_counter()
                response = client.get("/", params, HTTP_HX_REQUEST="true")
                timings.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200
            timings.sort()
            p95 = timings[max(0, round(0.95 * len(timings)) - 1)]
            cards = response.content.decode().count('class="card ')
            print(f"{name:<22} {statistics.median(timings):8.1f} {p95:8.1f} {timings[-1]:8.1f}  {cards}")
    print_page_weight(client)


class StageTimer:
    """Times the timeline view's stages by wrapping the functions it calls (in timeline.views' namespace
    and the card readers' methods): filter parse, selection, page, card loading and rendering, chart,
    facets, brush, map, template rendering. Nested time is counted in the inner stage only."""

    def __init__(self) -> None:
        self.current: dict[str, float] = {}
        self.samples: dict[str, list[float]] = {}
        self._stack: list[list[float]] = []

    def wrap(self, name: str, function):
        def timed(*args, **kwargs):
            self._stack.append([0.0])
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                took = time.perf_counter() - started
                inner = self._stack.pop()[0]
                self.current[name] = self.current.get(name, 0.0) + took - inner
                if self._stack:
                    self._stack[-1][0] += took

        return timed

    def install(self) -> None:
        from timeline import cards, index, views

        for name in ("parse_filters", "get_index", "cached_cards", "chart_bars", "facets", "time_brush",
                     "timeline_world_map", "render", "push_url", "new_events_url"):  # fmt: skip
            setattr(views, name, self.wrap(name, getattr(views, name)))
        cards.load_cards = self.wrap("load_cards", cards.load_cards)
        cards.render_to_string = self.wrap("render_card", cards.render_to_string)
        for cls in (index.CardIndex, index.DatabaseCards):
            for method in ("select", "page", "histogram", "count"):
                setattr(cls, method, self.wrap(method, getattr(cls, method)))

    def finish(self, total: float) -> None:
        self.current["total"] = total
        self.current["other"] = total - sum(v for k, v in self.current.items() if k != "total")
        for name, took in self.current.items():
            self.samples.setdefault(name, []).append(took * 1000)
        self.current = {}

    def report(self, title: str, count: int) -> None:
        print(f"\n{title}\n{'stage':<20} {'mean ms':>8} {'p50 ms':>8} {'p95 ms':>8}")
        for name, values in sorted(self.samples.items(), key=lambda item: -sum(item[1])):
            values = values + [0.0] * (count - len(values))
            values.sort()
            p95 = values[max(0, round(0.95 * len(values)) - 1)]
            mean = sum(values) / len(values)
            print(f"{name:<20} {mean:8.2f} {statistics.median(values):8.2f} {p95:8.2f}")
        self.samples = {}


def stage_breakdown(client, seen: list[str], unseen: list[str], rounds: int, profile: str) -> None:
    """Per-stage times of the fragment on pages already seen (cards rendered) and never seen."""
    timer = StageTimer()
    timer.install()
    for page in seen:  # their cards rendered once, not timed
        client.get(page, HTTP_HX_REQUEST="true")
    timer.current = {}
    for title, pages in (("pages already seen", seen * rounds), ("pages never seen", unseen)):
        profiler = cProfile.Profile() if profile else None
        for page in pages:
            if profiler:
                profiler.enable()
            started = time.perf_counter()
            response = client.get(page, HTTP_HX_REQUEST="true")
            took = time.perf_counter() - started
            if profiler:
                profiler.disable()
            assert response.status_code == 200
            timer.finish(took)
        timer.report(f"{title} ({len(pages)} requests)", len(pages))
        if profiler:
            pstats.Stats(profiler).sort_stats(profile).print_stats(25)


def print_page_weight(client) -> None:
    """Bytes of the full page and of its world map, as sent and gzipped (what a browser downloads)."""
    import gzip

    html = client.get("/").content
    start = html.find(b'<section class="world-map"')
    map_part = html[start : html.find(b"</section>", start) + len(b"</section>")] if start >= 0 else b""
    print("\npage weight (bytes)       raw     gzip")
    for name, body in (("whole page (no filter)", html), ("its world map", map_part)):
        print(f"{name:<22} {len(body):8} {len(gzip.compress(body, 6)):8}")


if __name__ == "__main__":
    main()
