"""Replay the release audit (issue 12) on SQLite and PostgreSQL and print what held.

    .venv/bin/python bench/audit.py [--databases sqlite postgres] [--big-mb 5] [--fuzz 200]
        [--postgres-url postgres://postgres@127.0.0.1:5432/postgres]

Each database gets a fresh one of its own (a temporary SQLite file; on PostgreSQL a database
`audit_newsapp_<pid>`, dropped at the end), and the app runs as in production: DEBUG off, gunicorn with
one worker, `manage.py db_worker` processes, `manage.py ingest` runs. Plain HTTP on 127.0.0.1, so the
HTTPS redirect and secure cookies are switched off for the audit (SECURE_SSL_REDIRECT=false,
SECURE_COOKIES=false). Scenarios, in order:

  bad files        one `ingest` of a folder of broken files (NUL after 8 KB, Latin-1, binary, empty, PDF,
                   bad front matter, a FIFO, over 5 MB) among good ones
  admin uploads    bad and good files uploaded through the admin over HTTP
  two workers      articles queued, two `db_worker --batch` at once
  two ingests      two `ingest` runs on one new folder at once
  kill -9          a worker killed mid-extraction, then `recover_extractions` and a worker
  fuzz             random query strings on the public pages and the API
  big article      a BIG-MB article ingested (the per-article limit raised for it), then every public page
                   on a fresh server process: time of each request and the worker's peak memory

"Lost" counts good articles not stored; "wrongly failed" good articles stored but not done. Bounded:
a few minutes per database, most of it the big article's extraction.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import os
import random
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
CORPUS = REPO / "demo" / "corpus"
PAGE_BUDGET_S = 0.5
PAGE_BUDGET_MB = 150


@dataclass
class Row:
    database: str
    scenario: str
    server_errors: int = 0
    lost: int = 0
    wrongly_failed: int = 0
    seconds: float = 0.0
    notes: str = ""


@dataclass
class PageRow:
    database: str
    page: str
    status: int
    seconds: float
    peak_mb: float


@dataclass
class Audit:
    database: str
    url: str
    workdir: Path
    rows: list[Row] = field(default_factory=list)
    pages: list[PageRow] = field(default_factory=list)

    def env(self, **extra: str) -> dict[str, str]:
        return (
            os.environ
            | {
                "DATABASE_URL": self.url,
                "DJANGO_SETTINGS_MODULE": "newsapp.settings",
                "DEBUG": "false",
                "SECRET_KEY": AUDIT_KEY,
                "ALLOWED_HOSTS": "127.0.0.1,localhost",
                "SECURE_SSL_REDIRECT": "false",
                "SECURE_COOKIES": "false",
                "SECURE_HSTS_SECONDS": "0",
                "NLP_BACKEND": "fallback",
                "VAR_DIR": str(self.workdir / "var"),
                "LOG_LEVEL": "WARNING",
                "STATIC_ROOT": str(self.workdir / "static"),
            }
            | extra
        )

    def manage(self, *args: str, timeout: float = 600, **env: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [PYTHON, "manage.py", *args], cwd=REPO, env=self.env(**env), capture_output=True, text=True,
            timeout=timeout,
        )  # fmt: skip

    def start(self, *args: str, **env: str) -> subprocess.Popen:
        return subprocess.Popen(
            [PYTHON, "manage.py", *args], cwd=REPO, env=self.env(**env), stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip

    def sql(self, code: str) -> str:
        """Run Python with Django set up against this audit's database; returns what it prints."""
        result = subprocess.run(
            [PYTHON, "-c", "import django; django.setup()\n" + code], cwd=REPO, env=self.env(),
            capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        if result.returncode:
            raise RuntimeError(result.stderr)
        return result.stdout.strip()

    def statuses(self, titles: list[str]) -> dict[str, str]:
        out = self.sql(
            "from timeline.models import Article\n"
            f"titles = {titles!r}\n"
            "for title, status in Article.objects.filter(title__in=titles).values_list('title', 'status'):\n"
            "    print(f'{title}\\t{status}')"
        )
        return dict(line.split("\t") for line in out.splitlines() if "\t" in line)

    def count_lost_and_failed(self, row: Row, titles: list[str]) -> None:
        found = self.statuses(titles)
        row.lost += sum(1 for t in titles if t not in found)
        row.wrongly_failed += sum(1 for t in titles if found.get(t, "done") != "done")


AUDIT_KEY = secrets.token_urlsafe(50)


def article(title: str, body: str, language: str = "fr") -> str:
    return f"---\ntitle: {title}\npublished: 2025-04-28\nlanguage: {language}\nsource: Audit\n---\n{body}\n"


def good_articles(tag: str) -> dict[str, str]:
    """The demo corpus with new titles and texts (a distinct last line), so each run stores new ones."""
    from_corpus = {}
    for path in sorted(CORPUS.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        title = f"{tag} {path.stem}"
        text = re.sub(r"^title: .*$", f"title: {title}", text, count=1, flags=re.MULTILINE)
        from_corpus[title] = text.rstrip() + f"\n\n({tag}.)\n"
    return from_corpus


def bad_files(folder: Path) -> None:
    filler = "Le Kremlin a annoncé lundi la reprise de Koursk, selon Moscou. " * 150
    (folder / "nul-after-8k.md").write_text(article("audit nul", filler + "\x00 Pyongyang a confirmé."))
    (folder / "latin1.txt").write_bytes(
        "Le président a déclaré être très préoccupé à Koursk.".encode("latin-1")
    )
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    (folder / "empty.md").write_text("   \n")
    (folder / "report.pdf").write_bytes(b"%PDF-1.4 ...")
    (folder / "bad-front-matter.md").write_text("---\ntitle: [unclosed\n---\nTexte.")
    (folder / "bad-date.md").write_text("---\npublished: 2025-02-30\n---\nTexte.")
    (folder / "huge.txt").write_bytes(b"a " * (3 * 1024 * 1024))
    with contextlib.suppress(OSError, AttributeError):
        os.mkfifo(folder / "fifo.txt")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """gunicorn with one worker (as a production process), its worker's memory read from /proc."""

    def __init__(self, audit: Audit):
        self.port = free_port()
        self.process = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "newsapp.wsgi", "-w", "1", "-b", f"127.0.0.1:{self.port}",
             "--timeout", "120", "--log-level", "warning"],
            cwd=REPO, env=audit.env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        self.base = f"http://127.0.0.1:{self.port}"
        import requests

        for _ in range(300):
            try:
                requests.get(self.base + "/static/missing", timeout=1)
                return
            except requests.RequestException:
                time.sleep(0.1)
        raise RuntimeError(
            "gunicorn did not start: " + (self.process.stderr.read() if self.process.stderr else "")
        )

    def worker_pid(self) -> str | None:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        pids = children.read_text().split() if children.exists() else []
        return pids[0] if pids else None

    def reset_peak(self) -> None:
        """Start the worker's peak memory over from its current size (Linux: clear_refs 5)."""
        pid = self.worker_pid()
        if pid is not None:
            with contextlib.suppress(OSError):
                Path(f"/proc/{pid}/clear_refs").write_text("5")

    def worker_peak_mb(self) -> float:
        pid = self.worker_pid()
        if pid is None:
            return float("nan")
        match = re.search(r"VmHWM:\s+(\d+) kB", Path(f"/proc/{pid}/status").read_text())
        return int(match.group(1)) / 1024 if match else float("nan")

    def stop(self) -> str:
        self.process.send_signal(signal.SIGTERM)
        try:
            _out, err = self.process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            _out, err = self.process.communicate()
        return err or ""


def scenario_bad_files(audit: Audit) -> None:
    row = Row(audit.database, "bad files (ingest)")
    folder = audit.workdir / "bad"
    folder.mkdir()
    bad_files(folder)
    good = good_articles("bad-run")
    for index, text in enumerate(list(good.values())[:6]):
        (folder / f"good-{index}.md").write_text(text)
    started = time.perf_counter()
    result = audit.manage("ingest", str(folder), "--backend", "fallback", timeout=300)
    row.seconds = time.perf_counter() - started
    output = result.stdout + result.stderr
    row.server_errors = output.count("Traceback")
    audit.count_lost_and_failed(row, list(good)[:6])
    for title in ("audit nul",):
        if audit.statuses([title]).get(title) != "done":
            row.lost += 1
    summary = next((line for line in result.stdout.splitlines() if " new, " in line), "no summary")
    row.notes = f"exit {result.returncode}; {summary}"
    audit.rows.append(row)


def csrf_token(html: str) -> str:
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    if found is None:
        raise RuntimeError("no CSRF token in the page: " + html[:300])
    return found.group(1)


def log_in(server: Server, username: str, password: str):
    import requests

    session = requests.Session()
    url = server.base + "/admin/login/"
    token = csrf_token(session.get(url).text)
    data = {"username": username, "password": password, "csrfmiddlewaretoken": token, "next": "/admin/"}
    session.post(url, data=data, headers={"Referer": url})
    return session


def scenario_admin_uploads(audit: Audit, server: Server) -> None:

    row = Row(audit.database, "admin uploads (HTTP)")
    audit.manage("shell", "-c", "from django.contrib.auth.models import User; "
                 "User.objects.create_superuser('auditor', 'a@example.org', 'audit-password-1')")  # fmt: skip
    session = log_in(server, "auditor", "audit-password-1")
    add = server.base + "/admin/timeline/article/add/"
    filler = "La Russie a annoncé lundi la reprise de Koursk. " * 200
    uploads = {
        "nul.txt": (filler + "\x00 fin.").encode(),
        "latin1.txt": "Le président a déclaré être très préoccupé à Séoul.".encode("latin-1"),
        "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "report.pdf": b"%PDF-1.4",
        "good.md": article(
            "audit upload good", "Pyongyang a confirmé lundi l'envoi de troupes à Koursk."
        ).encode(),
    }
    started = time.perf_counter()
    for name, content in uploads.items():
        token = csrf_token(session.get(add).text)
        fields = {"csrfmiddlewaretoken": token, "body": "", "title": "", "published": "", "language": "",
                  "source": "", "url": ""}  # fmt: skip
        response = session.post(add, data=fields, files={"upload": (name, content)}, headers={"Referer": add})
        row.server_errors += response.status_code >= 500
    # The view-only page of an editor with only "view article" (a 500 before).
    audit.sql(
        "from django.contrib.auth.models import User, Permission\n"
        "u = User.objects.create_user('viewer', 'v@example.org', 'audit-password-2', is_staff=True)\n"
        "u.user_permissions.add(Permission.objects.get(codename='view_article'))"
    )
    viewer = log_in(server, "viewer", "audit-password-2")
    some_id = audit.sql(
        "from timeline.models import Article; print(Article.objects.values_list('pk', flat=True).first())"
    )
    page = viewer.get(f"{server.base}/admin/timeline/article/{some_id}/change/")
    row.server_errors += page.status_code >= 500
    row.seconds = time.perf_counter() - started
    worker = audit.manage("db_worker", "--batch", "--no-startup-delay", "--no-reload", timeout=300)
    row.server_errors += worker.stdout.count("Traceback")
    audit.count_lost_and_failed(row, ["audit upload good"])
    row.notes = f"{len(uploads)} uploads, view-only page {page.status_code}"
    audit.rows.append(row)


def queue_articles(audit: Audit, texts: dict[str, str]) -> None:
    folder = audit.workdir / f"queue-{len(audit.rows)}"
    folder.mkdir()
    for index, text in enumerate(texts.values()):
        (folder / f"{index:03}.md").write_text(text)
    audit.sql(
        "from pathlib import Path\n"
        "from timeline.models import Article\n"
        "from timeline.pipeline.reading import iter_article_paths, read_path\n"
        "from timeline.tasks import schedule_extraction\n"
        f"for path in iter_article_paths([Path({str(folder)!r})]):\n"
        "    raw = read_path(path)\n"
        "    a = Article.objects.create(body=raw.text, title=raw.title, published=raw.published,\n"
        "                               language=raw.language or '', source=raw.source)\n"
        "    schedule_extraction(a)\n"
    )


def scenario_two_workers(audit: Audit) -> None:
    row = Row(audit.database, "two db_workers")
    texts = good_articles("workers")
    queue_articles(audit, texts)
    started = time.perf_counter()
    workers = [audit.start("db_worker", "--batch", "--no-startup-delay", "--no-reload") for _ in range(2)]
    logs = [w.communicate(timeout=600)[0] for w in workers]
    row.seconds = time.perf_counter() - started
    row.server_errors = sum(log.count("IntegrityError") + log.count("deadlock") for log in logs)
    audit.count_lost_and_failed(row, list(texts))
    row.notes = f"{len(texts)} articles"
    audit.rows.append(row)


def scenario_two_ingests(audit: Audit) -> None:
    row = Row(audit.database, "two ingests, one folder")
    texts = good_articles("ingests")
    folder = audit.workdir / "parallel"
    folder.mkdir()
    for index, text in enumerate(texts.values()):
        (folder / f"{index:03}.md").write_text(text)
    started = time.perf_counter()
    runs = [audit.start("ingest", str(folder), "--backend", "fallback", "--verbosity", "0") for _ in range(2)]
    logs = [r.communicate(timeout=600)[0] for r in runs]
    row.seconds = time.perf_counter() - started
    row.server_errors = sum(log.count("Traceback") for log in logs)
    audit.count_lost_and_failed(row, list(texts))
    row.notes = f"exits {[r.returncode for r in runs]}, {len(texts)} articles"
    audit.rows.append(row)


def scenario_kill_9(audit: Audit) -> None:
    row = Row(audit.database, "kill -9 of a worker")
    title = "audit killed"
    body = "Le Kremlin a annoncé lundi la reprise de Koursk, selon Moscou. " * 8000
    queue_articles(audit, {title: article(title, body)})
    started = time.perf_counter()
    worker = audit.start("db_worker", "--no-startup-delay", "--no-reload", "--interval", "0.2",
                         EXTRACTION_LEASE_SECONDS="4")  # fmt: skip
    deadline = time.monotonic() + 120
    while audit.statuses([title]).get(title) != "running" and time.monotonic() < deadline:
        time.sleep(0.2)
    os.kill(worker.pid, signal.SIGKILL)
    worker.wait()
    left = audit.statuses([title]).get(title)
    time.sleep(5)
    recovered = audit.manage("recover_extractions", EXTRACTION_LEASE_SECONDS="4")
    audit.manage("db_worker", "--batch", "--no-startup-delay", "--no-reload", timeout=300)
    row.seconds = time.perf_counter() - started
    audit.count_lost_and_failed(row, [title])
    row.notes = (
        f"left {left!r} by kill -9; {recovered.stdout.strip().splitlines()[-1] if recovered.stdout else ''}"
    )
    audit.rows.append(row)


FUZZ_KEYS = ["country", "person", "category", "from", "to", "q", "order", "limit", "cursor", "page", "x"]
FUZZ_VALUES = ["KP", "RU", "XX", "", "2024", "2024-13", "0000-01-01", "9999-12-31", "-1", "0", "201",
               "abc", "%00", "\x00", "'; DROP TABLE", "<script>", "é" * 300, "1" * 5000, "vladimir-putin",
               "military", "newest", "2024-08-06_2024-08-06_1", "../../etc", "{{7*7}}", "\ud800".encode(
                   "utf-8", "surrogatepass").decode("latin-1")]  # fmt: skip
FUZZ_PATHS = ["/", "/api/events", "/export/events.csv", "/export/timelinejs.json", "/country/RU/",
              "/person/vladimir-putin/", "/suggest/persons/"]  # fmt: skip


def scenario_fuzz(audit: Audit, server: Server, count: int) -> None:
    import requests

    row = Row(audit.database, "query-string fuzz")
    rng = random.Random(12)
    started = time.perf_counter()
    worst = 0.0
    for _ in range(count):
        params = [(rng.choice(FUZZ_KEYS), rng.choice(FUZZ_VALUES)) for _ in range(rng.randint(1, 6))]
        path = rng.choice(FUZZ_PATHS)
        t = time.perf_counter()
        response = requests.get(
            server.base + path, params=params, headers={"HX-Request": rng.choice(["true", ""])}
        )
        worst = max(worst, time.perf_counter() - t)
        row.server_errors += response.status_code >= 500
    row.seconds = time.perf_counter() - started
    row.notes = f"{count} requests, slowest {worst:.2f} s"
    audit.rows.append(row)


def scenario_big_article(audit: Audit, megabytes: float) -> int | None:
    row = Row(audit.database, f"{megabytes:g} MB article (ingest)")
    size = int(megabytes * 1_000_000)
    corpus = "\n\n".join(
        p.read_text(encoding="utf-8").split("---", 2)[-1] for p in sorted(CORPUS.glob("*-fr-*.md"))
    )
    body = (corpus * (size // len(corpus) + 1))[: size - 200]
    path = audit.workdir / "big.md"
    path.write_text(article("audit big", body))
    started = time.perf_counter()
    result = audit.manage("ingest", str(path), "--backend", "fallback", timeout=1800,
                          MAX_ARTICLE_CHARACTERS=str(size + 1000))  # fmt: skip
    row.seconds = time.perf_counter() - started
    row.server_errors = (result.stdout + result.stderr).count("Traceback")
    audit.count_lost_and_failed(row, ["audit big"])
    row.notes = next((line for line in result.stdout.splitlines() if " new, " in line), result.stderr[-200:])
    audit.rows.append(row)
    found = audit.sql("from timeline.models import Article; print(Article.objects.get(title='audit big').pk)")
    return int(found) if found.isdigit() else None


def measure_pages(audit: Audit, big_id: int | None) -> None:
    import requests

    server = Server(audit)  # a fresh process: the first page is a cold start
    try:
        pages = [
            "/", "/", "/?q=Koursk", "/?country=KP&country=RU", "/api/events?limit=200", "/export/events.csv",
            "/export/timelinejs.json", "/country/RU/", "/person/vladimir-putin/",
        ]  # fmt: skip
        if big_id is not None:
            pages.append(f"/article/{big_id}/")
        for page in pages:
            server.reset_peak()  # each page's own peak (the worker's size before it included)
            started = time.perf_counter()
            response = requests.get(server.base + page, timeout=300)
            seconds = time.perf_counter() - started
            audit.pages.append(
                PageRow(audit.database, page, response.status_code, seconds, server.worker_peak_mb())
            )
    finally:
        server.stop()


def maintenance_connection(config: dict):
    import psycopg

    return psycopg.connect(
        host=config["HOST"] or None, port=config["PORT"] or None, user=config["USER"] or None,
        password=config["PASSWORD"] or None, dbname="postgres", autocommit=True,
    )  # fmt: skip


def create_postgres(admin_url: str) -> str:
    import dj_database_url

    config = dj_database_url.parse(admin_url)
    name = f"audit_newsapp_{os.getpid()}"
    with maintenance_connection(config) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    user = config["USER"] or "postgres"
    password = f":{config['PASSWORD']}" if config["PASSWORD"] else ""
    return f"postgres://{user}{password}@{config['HOST'] or '127.0.0.1'}:{config['PORT'] or 5432}/{name}"


def drop_postgres(admin_url: str, url: str) -> None:
    import dj_database_url

    config = dj_database_url.parse(admin_url)
    name = url.rsplit("/", 1)[1]
    with maintenance_connection(config) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run(database: str, args: argparse.Namespace) -> Audit:
    workdir = Path(tempfile.mkdtemp(prefix=f"audit-{database}-"))
    url = (
        f"sqlite:///{workdir / 'audit.sqlite3'}"
        if database == "sqlite"
        else create_postgres(args.postgres_url)
    )
    audit = Audit(database, url, workdir)
    try:
        for step in (["migrate", "--noinput"], ["collectstatic", "--noinput"]):  # as a deployment does
            done = audit.manage(*step)
            if done.returncode:
                raise RuntimeError(done.stderr)
        print(f"[{database}] bad files", flush=True)
        scenario_bad_files(audit)
        server = Server(audit)
        try:
            print(f"[{database}] admin uploads", flush=True)
            scenario_admin_uploads(audit, server)
            print(f"[{database}] two workers, two ingests, kill -9", flush=True)
            scenario_two_workers(audit)
            scenario_two_ingests(audit)
            scenario_kill_9(audit)
            print(f"[{database}] fuzz", flush=True)
            scenario_fuzz(audit, server, args.fuzz)
        finally:
            errors = server.stop()
            logged = errors.count("Internal Server Error")
            if logged:
                audit.rows.append(Row(database, "server log", server_errors=logged, notes="500s logged"))
        print(f"[{database}] {args.big_mb:g} MB article, then the public pages", flush=True)
        big_id = scenario_big_article(audit, args.big_mb) if args.big_mb > 0 else None
        measure_pages(audit, big_id)
    finally:
        if database == "postgres":
            drop_postgres(args.postgres_url, url)
        shutil.rmtree(workdir, ignore_errors=True)
    return audit


def print_tables(audits: list[Audit]) -> None:
    print()
    print(f"{'database':<9} {'scenario':<26} {'5xx':>4} {'lost':>5} {'wrongly failed':>15} {'s':>7}  notes")
    for audit in audits:
        for r in audit.rows:
            print(f"{r.database:<9} {r.scenario:<26} {r.server_errors:>4} {r.lost:>5} {r.wrongly_failed:>15} "
                  f"{r.seconds:>7.1f}  {r.notes}")  # fmt: skip
    print()
    header = f"{'database':<9} {'public page (big article stored)':<34} {'status':>6} {'s':>7} {'peak MB':>8}"
    print(header + "  budget")
    for audit in audits:
        for p in audit.pages:
            ok = p.status < 500 and p.seconds <= PAGE_BUDGET_S and p.peak_mb <= PAGE_BUDGET_MB
            print(f"{p.database:<9} {p.page[:34]:<34} {p.status:>6} {p.seconds:>7.2f} {p.peak_mb:>8.0f}  "
                  f"{'ok' if ok else 'OVER'}")  # fmt: skip
    total_errors = sum(r.server_errors for a in audits for r in a.rows)
    total_lost = sum(r.lost + r.wrongly_failed for a in audits for r in a.rows)
    print()
    over = sum(1 for a in audits for p in a.pages if p.seconds > PAGE_BUDGET_S or p.peak_mb > PAGE_BUDGET_MB)
    print(f"server errors: {total_errors}; articles lost or wrongly failed: {total_lost}; "
          f"pages over {PAGE_BUDGET_S} s or {PAGE_BUDGET_MB} MB: {over}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--databases", nargs="+", choices=["sqlite", "postgres"], default=["sqlite", "postgres"]
    )
    parser.add_argument("--big-mb", type=float, default=5.0, help="size of the big article (0: skip)")
    parser.add_argument("--fuzz", type=int, default=200, help="fuzzed requests per database")
    parser.add_argument(
        "--postgres-url",
        default=os.environ.get("TEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"),
    )
    args = parser.parse_args()
    started = datetime.datetime.now()
    audits = [run(database, args) for database in args.databases]
    print_tables(audits)
    print(f"({(datetime.datetime.now() - started).total_seconds():.0f} s)")


if __name__ == "__main__":
    main()
