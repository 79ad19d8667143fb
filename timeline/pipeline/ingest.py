"""Ingest articles: read → prepare (language, publication date) → annotate → dates → entities → events →
store, one transaction per article. Shared by `manage.py ingest`, `load_demo`, the admin and the benchmarks.
"""

from __future__ import annotations

import datetime
import logging
import time
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, IntegrityError, OperationalError, transaction

from timeline.linking import Registry
from timeline.linking.types import EntityRecord, LinkResult
from timeline.models import Article, content_hash
from timeline.nlp.select import get_annotator
from timeline.nlp.sentence_splitter import split_sentences
from timeline.nlp.structure import document_structure
from timeline.nlp.types import Annotation, Annotator
from timeline.pipeline.attribution import (
    Attribution,
    antecedents,
    attribution,
    confirmations_elaborated,
    roles_named,
)
from timeline.pipeline.events import ExtractedEvent, extract_events
from timeline.pipeline.language import SUPPORTED_LANGUAGES, detect_language
from timeline.pipeline.reading import RawArticle, ReadError, normalize_text, read_path
from timeline.pipeline.store import EntityStore, mark_extracted, replace_events, set_highlights
from timeline.temporal.tagger import tag
from timeline.temporal.types import Precision, Timex, TimexType

logger = logging.getLogger("timeline.ingest")

TITLE_LENGTH = 120
# An article's transaction that meets another writer's (a deadlock, a row created meanwhile) is run again.
WRITE_ATTEMPTS = 3
# How many days after the latest date of the text a dateline's day may be, to be taken as the publication's.
DATELINE_REACH = 7
# Tags a text whose publication date is unknown: resolved-from-DCT expressions are then ignored.
PLACEHOLDER_DCT = datetime.date(2000, 1, 1)


class IngestError(Exception):
    """An article that cannot be ingested as it is; the message says why."""


@dataclass(frozen=True)
class PreparedArticle:
    """A readable article with its language and publication date settled."""

    text: str
    title: str
    language: str
    published: datetime.date | None
    published_inferred: bool
    source: str
    url: str
    origin: str


@dataclass
class Outcome:
    origin: str
    status: str  # new, updated, unchanged, failed
    article_id: int | None = None
    events: int = 0
    error: str = ""


@dataclass
class Timings:
    """Seconds spent per stage, summed over a run (the benchmark prints them)."""

    seconds: dict[str, float] = field(default_factory=lambda: defaultdict(float))

    def add(self, stage: str, started: float) -> float:
        now = time.perf_counter()
        self.seconds[stage] += now - started
        return now


def infer_published(text: str, language: str) -> datetime.date | None:
    """The latest fully written date in the text (day precision, read off the text), if any; a dateline's
    day ("KYIV, Aug 8 (Agency) –") a few days after it, when there is one, is the better hint."""
    days = [
        timex.period_start
        for timex in tag(text, language, PLACEHOLDER_DCT)
        if timex.type == TimexType.DATE
        and timex.precision == Precision.DAY
        and not timex.from_dct
        and timex.period_start is not None
    ]
    latest = max(days) if days else None
    return dateline_day(text, language, latest) or latest


def dateline_day(text: str, language: str, latest: datetime.date | None) -> datetime.date | None:
    """The day a dateline names, read against the latest full date of the text (datelines rarely give a
    year); None without a dateline, a full date, or when the two are more than a week apart."""
    if latest is None:
        return None
    structure = document_structure(text, split_sentences(text, language), language)
    for dateline in structure.datelines(text):
        for timex in tag(dateline, language, latest):
            day = timex.period_start
            if (
                timex.precision == Precision.DAY
                and day is not None
                and 0 <= (day - latest).days <= DATELINE_REACH
            ):
                return day
    return None


def default_title(text: str) -> str:
    first_line = text.strip().splitlines()[0] if text.strip() else ""
    if len(first_line) <= TITLE_LENGTH:
        return first_line
    return first_line[: TITLE_LENGTH - 1].rsplit(" ", 1)[0] + "…"


def prepare(raw: RawArticle) -> PreparedArticle:
    """Settle language and publication date; refuse what extraction cannot handle.

    Every text field is normalised first (control characters, NUL included, removed), whatever the
    article came from, so that SQLite and PostgreSQL store the same thing.
    """
    text = normalize_text(raw.text).strip()
    if not text:
        raise IngestError("the article has no text")
    check_length(text)
    language = raw.language or detect_language(text)
    if language is None:
        raise IngestError("the language could not be detected; give it (--language fr or en)")
    if language not in SUPPORTED_LANGUAGES:
        raise IngestError(
            f"language {language!r} is not supported yet (supported: {', '.join(SUPPORTED_LANGUAGES)})"
        )
    published, inferred = raw.published, False
    if published is None:
        published = infer_published(text, language)
        inferred = published is not None
    return PreparedArticle(
        text=text,
        title=normalize_text(raw.title or default_title(text)).strip()[:500],
        language=language,
        published=published,
        published_inferred=inferred,
        source=normalize_text(raw.source).strip()[:200],
        url=normalize_text(raw.url).strip()[:1000],
        origin=raw.origin,
    )


def check_length(text: str) -> None:
    """Refuse a text longer than MAX_ARTICLE_CHARACTERS, saying so (one article, not a dump)."""
    limit = settings.MAX_ARTICLE_CHARACTERS
    if len(text) > limit:
        raise IngestError(
            f"the text has {len(text):,} characters, more than the limit of {limit:,} for one article "
            "(MAX_ARTICLE_CHARACTERS); split it into its articles"
        )


def _metadata(article: Article | PreparedArticle) -> tuple:
    return (article.title, article.language, article.published, article.source, article.url)


def _upsert(prepared: PreparedArticle, **fields: object) -> tuple[Article, bool]:
    """The article of this text, locked for this transaction, created when new (inside a transaction).

    Two writers of the same text (two `ingest` runs on one folder) meet on the unique content hash: the
    second waits for the first to commit, then updates its row instead of failing.
    """
    digest = content_hash(prepared.text)
    article = Article.objects.select_for_update().filter(content_hash=digest).first()
    created = False
    if article is None:
        try:
            with transaction.atomic():
                article = Article(body=prepared.text)
                _set_metadata(article, prepared, fields)
                article.save()
            return article, True
        except IntegrityError:
            article = Article.objects.select_for_update().get(content_hash=digest)
    _set_metadata(article, prepared, fields)
    article.save()
    return article, created


def _set_metadata(article: Article, prepared: PreparedArticle, fields: dict[str, object]) -> None:
    article.title = prepared.title
    article.language = prepared.language
    article.published = prepared.published
    article.published_inferred = prepared.published_inferred
    article.source = prepared.source
    article.url = prepared.url
    for name, value in fields.items():
        setattr(article, name, value)


class Ingestor:
    """Ingests batches of articles; holds what one run shares (registry, annotators, entity cache)."""

    def __init__(
        self,
        *,
        force: bool = False,
        skip_existing: bool = False,
        backend: str | None = None,
        models_dir: Path | None = None,
    ):
        """`force`: extract again even unchanged texts. `skip_existing`: leave every text already stored
        alone, whatever the file now says (editors may have corrected it in the admin)."""
        self.force = force
        self.skip_existing = skip_existing
        self.backend = backend
        self.models_dir = models_dir or Path(settings.STANZA_RESOURCES_DIR)
        self.registry = Registry.load()
        self.entities = EntityStore()
        self.timings = Timings()
        self._annotators: dict[str, Annotator] = {}

    def annotator(self, language: str) -> Annotator:
        if language not in self._annotators:
            self._annotators[language] = get_annotator(language, self.models_dir, self.backend)
        return self._annotators[language]

    def ingest_paths(
        self, paths: Iterable[Path], overrides: dict[str, object] | None = None, batch_size: int = 16
    ) -> Iterable[Outcome]:
        """Read and ingest files, yielding one outcome per file as soon as its batch is stored."""
        batch: list[RawArticle] = []
        for path in paths:
            started = time.perf_counter()
            try:
                raw = read_path(path).with_overrides(**(overrides or {}))
            except ReadError as error:
                yield Outcome(origin=str(path), status="failed", error=str(error))
                continue
            except Exception as error:  # an unforeseen reader crash fails this file, not the run
                logger.exception("reading %s failed", path)
                yield Outcome(origin=str(path), status="failed", error=f"{type(error).__name__}: {error}")
                continue
            finally:
                self.timings.add("read", started)
            batch.append(raw)
            if len(batch) >= batch_size:
                yield from self.ingest(batch)
                batch = []
        if batch:
            yield from self.ingest(batch)

    def ingest(self, raws: Sequence[RawArticle]) -> list[Outcome]:
        """Ingest read articles; the annotator sees each language's articles as one batch."""
        outcomes: dict[int, Outcome] = {}
        todo: dict[str, list[tuple[int, PreparedArticle]]] = defaultdict(list)
        for index, raw in enumerate(raws):
            started = time.perf_counter()
            try:
                prepared = prepare(raw)
            except IngestError as error:
                outcomes[index] = self._fail_unprepared(raw, str(error))
                continue
            except Exception as error:
                logger.exception("preparing %s failed", raw.origin)
                outcomes[index] = self._fail_unprepared(raw, f"{type(error).__name__}: {error}")
                continue
            finally:
                self.timings.add("prepare", started)
            try:
                existing = Article.objects.filter(content_hash=content_hash(prepared.text)).first()
            except DatabaseError as error:
                outcomes[index] = self._fail_unprepared(raw, f"{type(error).__name__}: {error}")
                continue
            if (
                existing is not None
                and not self.force
                and (
                    self.skip_existing
                    or (existing.status == Article.Status.DONE and _metadata(existing) == _metadata(prepared))
                )
            ):
                outcomes[index] = Outcome(
                    prepared.origin, "unchanged", existing.pk, events=existing.events.count()
                )
                continue
            todo[prepared.language].append((index, prepared))
        for language, items in todo.items():
            started = time.perf_counter()
            try:
                annotator = self.annotator(language)
                annotations = annotator.annotate_many([p.text for _, p in items], language)
            except Exception as error:  # the whole batch failed to annotate: each article says so
                logger.exception("annotation failed")
                for index, prepared in items:
                    outcomes[index] = self._fail(prepared, f"annotation failed: {error}")
                continue
            finally:
                self.timings.add("annotate", started)
            for (index, prepared), annotation in zip(items, annotations, strict=True):
                outcomes[index] = self.store(prepared, annotation)
        return [outcomes[i] for i in range(len(raws))]

    def extract_stored(self, article_id: int) -> Outcome:
        """Extract an article already in the database (the admin's path, run by the worker).

        The stored row is the source of truth: only the extraction's own fields are written back (status,
        backend, highlights, an inferred date), so an editor's changes made meanwhile are never reverted.
        """
        article = Article.objects.filter(pk=article_id).first()
        if article is None:
            return Outcome(f"article {article_id}", "missing")
        raw = RawArticle(
            text=article.body,
            title=article.title,
            # An inferred date is inferred again from the (possibly edited) text; a given one is kept.
            published=None if article.published_inferred else article.published,
            language=article.language or None,
            source=article.source,
            url=article.url,
            origin=f"article {article_id}",
        )
        try:
            prepared = prepare(raw)
            annotation = self.annotator(prepared.language).annotate_many([prepared.text], prepared.language)[
                0
            ]
        except Exception as error:
            message = str(error) if isinstance(error, IngestError) else f"{type(error).__name__}: {error}"
            Article.objects.filter(pk=article_id).update(status=Article.Status.FAILED, error=message)
            return Outcome(raw.origin, "failed", article_id, error=message)
        return self.store(prepared, annotation, article_id=article_id)

    def store(
        self, prepared: PreparedArticle, annotation: Annotation, article_id: int | None = None
    ) -> Outcome:
        """Extract and write one article in one transaction; on any error keep nothing but the failure.

        With `article_id`, write into that stored article (locked meanwhile) instead of the one found by
        its text; if its text changed since the extraction began, a newer extraction is queued: stop.
        """
        try:
            started = time.perf_counter()
            dct = prepared.published or PLACEHOLDER_DCT
            timexes = tag(prepared.text, prepared.language, dct)
            if prepared.published is None:
                timexes = [t for t in timexes if not t.from_dct]
            started = self.timings.add("dates", started)
            linked = self.registry.link(prepared.text, prepared.language, annotation.entities)
            records: dict[str, EntityRecord] = {r.key: r for r in linked.new_records}
            for mention in linked.mentions:
                if mention.key not in records:
                    found = self.registry.get(mention.key)
                    if found is not None:
                        records[mention.key] = found
                        if found.country_code and found.kind != "country":
                            country = self.registry.get(f"country:{found.country_code}")
                            if country is not None:
                                records[country.key] = country
            started = self.timings.add("entities", started)
            events = extract_events(
                text=prepared.text,
                lang=prepared.language,
                published=prepared.published,
                sentences=annotation.sentences,
                mentions=linked.mentions,
                timexes=timexes,
                record=records.get,
            )
            said = attribute_events(events, annotation, linked, prepared.language, records, self.registry)
            started = self.timings.add("events", started)
            for attempt in range(WRITE_ATTEMPTS):
                try:
                    # Entities first, each committed on its own: the article's transaction then only
                    # reads them, and two writers' article transactions never wait on each other's.
                    self.entities.resolve(records[m.key] for m in linked.mentions if m.key in records)
                    outcome = self._write(
                        prepared, annotation, article_id, events, said, timexes, linked, records
                    )
                    break
                except (OperationalError, IntegrityError):
                    # A deadlock or a row another writer created meanwhile: this attempt wrote nothing.
                    self.entities.forget()
                    if attempt == WRITE_ATTEMPTS - 1:
                        raise
                    logger.warning("writing %s met another writer; trying again", prepared.origin)
            self.timings.add("store", started)
            return outcome
        except Exception as error:
            logger.exception("extraction of %s failed", prepared.origin)
            # The entity cache may name rows the rollback removed.
            self.entities.forget()
            return self._fail(prepared, f"{type(error).__name__}: {error}", article_id)

    def _write(
        self,
        prepared: PreparedArticle,
        annotation: Annotation,
        article_id: int | None,
        events: list[ExtractedEvent],
        said: list[Attribution | None],
        timexes: list[Timex],
        linked: LinkResult,
        records: dict[str, EntityRecord],
    ) -> Outcome:
        """One article's transaction: its row, events, mentions, groups and highlights."""
        with transaction.atomic():
            if article_id is None:
                article, created = _upsert(prepared, status=Article.Status.RUNNING, error="")
            else:
                locked = (
                    Article.objects.select_for_update()
                    .filter(pk=article_id, content_hash=content_hash(prepared.text))
                    .first()
                )
                if locked is None:
                    return Outcome(prepared.origin, "superseded", article_id)
                article, created = locked, False
                if prepared.published_inferred:
                    article.published, article.published_inferred = prepared.published, True
                if not article.language:
                    # Left blank in the admin: detected here, in the worker, never in the web request.
                    article.language = prepared.language
                    article.save(update_fields=["language"])
            replace_events(article, events, records, self.entities, said)
            set_highlights(article, timexes, linked.mentions, records, self.entities)
            mark_extracted(article, annotation.backend)
        return Outcome(prepared.origin, "new" if created else "updated", article.pk, events=len(events))

    def _fail(self, prepared: PreparedArticle, message: str, article_id: int | None = None) -> Outcome:
        """Record the failure. A new article is kept (failed, no events); an article already in the
        timeline keeps its metadata and events, and only notes that the last extraction failed.
        A database that refuses even that (it is gone, say) is reported in the outcome, never raised:
        one article never ends a run."""
        try:
            return self._record_failure(prepared, message, article_id)
        except DatabaseError as error:
            logger.exception("recording the failure of %s failed", prepared.origin)
            return Outcome(prepared.origin, "failed", article_id, error=f"{message}; then {error}")

    def _record_failure(self, prepared: PreparedArticle, message: str, article_id: int | None) -> Outcome:
        with transaction.atomic():
            if article_id is not None:
                article = Article.objects.filter(pk=article_id).first()
            else:
                article = Article.objects.filter(content_hash=content_hash(prepared.text)).first()
            if article is None:
                article, _ = _upsert(prepared, status=Article.Status.FAILED, error=message)
            else:
                Article.objects.filter(pk=article.pk).update(status=Article.Status.FAILED, error=message)
        return Outcome(prepared.origin, "failed", article.pk, error=message)

    def _fail_unprepared(self, raw: RawArticle, message: str) -> Outcome:
        """An article that cannot even be prepared is reported, not stored (its language is unknown)."""
        return Outcome(raw.origin or raw.title or "(article)", "failed", error=message)


def attribute_events(
    events: Sequence[ExtractedEvent],
    annotation: Annotation,
    linked: LinkResult,
    language: str,
    records: dict[str, EntityRecord],
    registry: Registry,
) -> list[Attribution | None]:
    """Who says so, for each event (parallel to `events`): the speaker and stance of its clause, read from
    all the mentions of its sentence; a pronoun subject stands for the article's previous speaker."""
    if not events:
        return []

    def record(key: str) -> EntityRecord | None:
        return records.get(key) or registry.get(key)

    sentences = sorted(annotation.sentences, key=lambda s: s.start)
    before = antecedents(sentences, linked.mentions, language, record)
    starts = [sentence.start for sentence in sentences]
    mentions = sorted(linked.mentions, key=lambda m: m.start)
    mention_starts = [m.start for m in mentions]
    out: list[Attribution | None] = []
    for event in events:
        sentence = event.sentence
        index = bisect_right(starts, sentence.start) - 1
        antecedent = before[index] if index >= 0 and starts[index] == sentence.start else None
        first = bisect_left(mention_starts, sentence.start)
        last = bisect_left(mention_starts, sentence.end)
        inside = [m for m in mentions[first:last] if m.end <= sentence.end]
        clause = (event.clause_start, event.clause_end)
        out.append(attribution(sentence, clause, inside, language, record, antecedent))
    return confirmations_elaborated(roles_named(out, sentences, linked.mentions, language, record))


def summarise(outcomes: Iterable[Outcome]) -> dict[str, int]:
    counts = {"new": 0, "updated": 0, "unchanged": 0, "failed": 0, "events": 0}
    for outcome in outcomes:
        counts[outcome.status] += 1
        counts["events"] += outcome.events
    return counts
