"""The timeline served as in production (gunicorn, 2 workers), at scale, with and without writes.

    .venv/bin/python bench/bench_serve.py [--events 100000] [--rounds 20] [--write-seconds 60]
        [--database-url sqlite:////tmp/bench-serve.sqlite3 | postgres://postgres@127.0.0.1:5432/bench_serve]

Fills its own database once (`generate_events`, reused by later runs; the demo corpus too), starts gunicorn
with gunicorn.conf.py, and measures over HTTP, as a browser's htmx would ask:

- start: seconds from launching gunicorn to the first answered fragment;
- seen: fragment latency on pages already asked (p50, p95, worst);
- unseen: fragment latency on pages never asked before (new date windows, new searches);
- writing: the seen pages while the demo corpus is re-ingested in a loop (`ingest --force`);
- fresh: seconds from the commit of a new article's events to the API listing them, on every worker;
- memory: resident memory of each worker at the end.

Never used in tests: the figures go in the README and the issue notes. Bounded in time (about
write-seconds + two minutes once the database is filled).
"""

from __future__ import annotations

import argparse
import datetime
import http.client
import os
import random
import secrets
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
PYTHON = sys.executable
INGEST_OPTIONS = "--force --backend fallback -v0"


def manage(*args: str, env: dict[str, str]) -> None:
    subprocess.run([PYTHON, str(REPO / "manage.py"), *args], env=env, check=True, cwd=REPO)


class Client:
    """One keep-alive HTTP connection, reopened when the server closes it."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def get(self, path: str, htmx: bool = True) -> tuple[int, bytes, float]:
        headers = {"HX-Request": "true"} if htmx else {}
        for attempt in (1, 2):
            started = time.perf_counter()
            try:
                self.connection.request("GET", path, headers=headers)
                response = self.connection.getresponse()
                body = response.read()
                return response.status, body, time.perf_counter() - started
            except (ConnectionError, http.client.HTTPException, OSError):
                self.connection.close()
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")


def summary(name: str, seconds: list[float]) -> str:
    ms = sorted(s * 1000 for s in seconds)
    p95 = ms[max(0, int(len(ms) * 0.95) - 1)]
    median = statistics.median(ms)
    return f"{name:<10} n={len(ms):<5} p50={median:7.1f} ms  p95={p95:7.1f} ms  worst={ms[-1]:7.1f} ms"


def seen_pages() -> list[str]:
    queries = [
        {}, {"country": "RU"}, {"country": ["RU", "KP"]}, {"country": "UA", "category": "military"},
        {"person": "synthetic-person-1"}, {"category": ["diplomatic", "political"]}, {"q": "troops"},
        {"q": "ceasefire talks"}, {"from": "2024-01-01", "to": "2024-03-31"}, {"order": "newest"},
        {"country": "KP", "order": "newest", "q": "drones"}, {"from": "2024-06", "country": "US"},
    ]  # fmt: skip
    return ["/?" + urlencode(query, doseq=True) for query in queries]


def unseen_pages(count: int, rng: random.Random) -> list[str]:
    pages = []
    start = datetime.date(2023, 6, 1)
    words = ["offensive", "talks", "sanctions", "troops", "ceasefire", "drones", "summit", "aid", "border"]
    for n in range(count):
        first = start + datetime.timedelta(days=rng.randrange(700))
        query = {
            "from": first.isoformat(),
            "to": (first + datetime.timedelta(days=rng.randrange(3, 60))).isoformat(),
        }
        if n % 3 == 0:
            query["q"] = rng.choice(words) + " " + rng.choice(words)[: rng.randrange(2, 6)]
        if n % 2 == 0:
            query["country"] = rng.choice(["RU", "KP", "UA", "US", "CN", "FR"])
        pages.append("/?" + urlencode(query))
    return pages


def worker_pids(master: int) -> list[int]:
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":\t", 1) for line in status.read_text().splitlines() if ":\t" in line)
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(master):
            found.append(int(status.parent.name))
    return found


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def add_article(word: str) -> None:
    """A new article with one event carrying `word`, committed (as an ingest would)."""
    from django.db import transaction

    from timeline.models import Article, Entity, Event, EventGroup, Mention

    ru = Entity.objects.filter(iso_code="RU").first()
    with transaction.atomic():
        article = Article.objects.create(
            title=f"Fresh {word}", body=f"Fresh {word}.", language="en", source="Bench",
            published=datetime.date(2025, 5, 1), status=Article.Status.DONE,
        )  # fmt: skip
        sentence = f"Fresh report {word}."
        event = Event.objects.create(
            article=article, date_start=datetime.date(2025, 5, 1), date_end=datetime.date(2025, 5, 1),
            precision="day", sentence=sentence, sentence_start=0, sentence_end=len(sentence),
            group=EventGroup.objects.create(),
        )  # fmt: skip
        if ru:
            Mention.objects.create(event=event, entity=ru, text="Russia", start=0, end=6)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=20, help="passes over the pages already seen")
    parser.add_argument("--unseen", type=int, default=150, help="pages never asked before")
    parser.add_argument("--write-seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8710)
    parser.add_argument("--database-url", default="sqlite:////tmp/bench-serve.sqlite3")
    args = parser.parse_args()

    if args.database_url.startswith("postgres"):
        from bench.bench_timeline import ensure_postgres_database

        ensure_postgres_database(args.database_url)
    env = os.environ | {
        "DATABASE_URL": args.database_url,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "WEB_CONCURRENCY": str(args.workers),
        "PORT": str(args.port),
        "ACCESS_LOG": "/dev/null",
        "NLP_BACKEND": "fallback",
        "LOG_LEVEL": "WARNING",
    }
    os.environ.update({k: env[k] for k in ("DATABASE_URL", "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS")})
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsapp.settings")
    manage("migrate", "--noinput", "-v0", env=env)
    # As `make serve`: with DEBUG off, static URLs (the CSS, the flags of the cards) come from the manifest.
    manage("collectstatic", "--noinput", "-v0", env=env)
    import django

    django.setup()
    from timeline.models import Article, Event, TimelineCard
    from timeline.synthetic import SOURCE

    have = Event.objects.filter(article__source=SOURCE).count()
    if have < args.events:
        print(f"generating {args.events - have} events …", flush=True)
        manage(
            "generate_events", "--events", str(args.events - have), "--seed", str(have + 1), "-v0", env=env
        )
    corpus = REPO / "demo" / "corpus"
    if not Article.objects.exclude(source=SOURCE).exists():
        manage("ingest", str(corpus), "--backend", "fallback", "-v0", env=env)
    cards = TimelineCard.objects.filter(lead_event_id__isnull=False).count()
    print(f"database: {args.database_url.split('://')[0]}, {Event.objects.count()} events, {cards} cards")

    launched = time.perf_counter()
    server = subprocess.Popen(
        [str(Path(PYTHON).parent / "gunicorn"), "newsapp.wsgi", "-c", str(REPO / "gunicorn.conf.py")],
        env=env, cwd=REPO, start_new_session=True,
    )  # fmt: skip
    rng = random.Random(7)
    try:
        client = Client(args.port)
        while True:
            try:
                status, _body, _ = client.get("/new-events/?since=0")
                if status == 200:
                    break
            except OSError:
                time.sleep(0.05)
        booted = time.perf_counter() - launched
        status, _body, took = client.get("/?country=RU")
        print(
            f"start      a worker answers {booted:.2f} s after launch; its first fragment "
            f"(from the database, the card index building) took {took:.2f} s more"
        )

        # Let both workers finish building their card index (each builds in the background).
        pages = seen_pages()
        deadline = time.perf_counter() + 120
        while time.perf_counter() < deadline:
            timings = [client.get(page)[2] for page in pages]
            if max(timings) < 0.1:
                break
        for page in pages:  # every page seen by both workers
            client.get(page)
            client.get(page)

        seen = [client.get(page)[2] for _ in range(args.rounds) for page in pages]
        print(summary("seen", seen))
        unseen = [client.get(page)[2] for page in unseen_pages(args.unseen, rng)]
        print(summary("unseen", unseen))

        writer = subprocess.Popen(
            ["bash", "-c", f"while true; do {PYTHON} manage.py ingest {corpus} {INGEST_OPTIONS}; done"],
            env=env, cwd=REPO, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        writing: list[float] = []
        changed_before = TimelineCard.objects.order_by("-sequence").values_list("sequence", flat=True).first()
        try:
            stop = time.perf_counter() + args.write_seconds
            while time.perf_counter() < stop:
                for page in pages:
                    writing.append(client.get(page)[2])
        finally:
            os.killpg(writer.pid, signal.SIGTERM)
            writer.wait()
        changed = TimelineCard.objects.filter(sequence__gt=changed_before or 0).count()
        print(summary("writing", writing) + f"  ({changed} card changes during the run)")

        delays = []
        for _n in range(5):
            word = f"zq{secrets.token_hex(4)}"
            add_article(word)
            committed = time.perf_counter()
            consecutive = 0
            while consecutive < 2 * args.workers * 2:  # seen by every worker, several times in a row
                status, body, _ = client.get("/api/events?" + urlencode({"q": word}), htmx=False)
                consecutive = consecutive + 1 if b'"count": 1' in body else 0
                if time.perf_counter() - committed > 30:
                    break
            delays.append(time.perf_counter() - committed)
        print(f"fresh      new article's event listed on every worker after at most {max(delays):.2f} s "
              f"(median {statistics.median(delays):.2f} s, the repeated checks included)")  # fmt: skip
        for pid in worker_pids(server.pid):
            print(f"memory     worker {pid}: {rss_mb(pid):.0f} MB resident")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
