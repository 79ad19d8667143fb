"""Articles, the entities they mention and the dated events extracted from them.

An Event is a statement of one article, anchored in time by a period (start, end, precision). Reports of the
same happening in several articles share an EventGroup, so the timeline shows one card with several sources.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import re
from collections.abc import Iterable
from typing import NamedTuple

from django.db import connection, models
from django.db.models import F, Q
from django.db.models.functions import Length, Substr
from django.utils.translation import gettext_lazy as _


class Precision(models.TextChoices):
    """How precisely an event's period is known (mirrors timeline.temporal.types.Precision)."""

    DAY = "day", _("day")
    WEEK = "week", _("week")
    MONTH = "month", _("month")
    SEASON = "season", _("season")
    QUARTER = "quarter", _("quarter")
    HALF = "half", _("half year")
    YEAR = "year", _("year")
    DECADE = "decade", _("decade")
    CENTURY = "century", _("century")
    APPROXIMATE = "approximate", _("approximate")


class Category(models.TextChoices):
    """The small taxonomy of event categories (documented in README.md)."""

    MILITARY = "military", _("military")
    DIPLOMATIC = "diplomatic", _("diplomatic")
    POLITICAL = "political", _("political")
    HUMANITARIAN = "humanitarian", _("humanitarian")
    STATEMENT = "statement", _("statement")
    OTHER = "other", _("other")


_WHITESPACE = re.compile(r"\s+")


def content_hash(text: str) -> str:
    """SHA-256 of the text with whitespace folded, so re-wrapped copies of one text count as the same."""
    normalised = _WHITESPACE.sub(" ", text).strip()
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


class Stance(models.TextChoices):
    """How a speaker stands on an event (the values of timeline.pipeline.attribution.STANCES)."""

    ASSERTED = "asserted", _("asserted")
    CONFIRMED = "confirmed", _("confirmed")
    DENIED = "denied", _("denied")


class CardStatus(models.TextChoices):
    """A card's status from its sources' stances (the values of timeline.claims.STATUSES)."""

    CONFIRMED = "confirmed", _("Confirmed")
    CLAIMED = "claimed", _("Claimed")
    DISPUTED = "disputed", _("Disputed")


class ReadModelQuerySet(models.QuerySet):
    """Rows the timeline's cards are made of: a bulk delete refreshes the cards it touches once, at its end
    (the per-row signals of timeline/read_model only collect them)."""

    def delete(self):
        from timeline import read_model

        with read_model.batched():
            return super().delete()


class ArticleQuerySet(ReadModelQuerySet):
    def public(self) -> ArticleQuerySet:
        """Articles a reader may see: extracted, and not failed (see Article.is_public)."""
        return self.filter(Article.public_condition())

    def with_text_start(self, characters: int) -> ArticleQuerySet:
        """Articles with the first `characters` of their text (`text_start`) and its length (`text_length`)
        instead of the whole text: a page about a 5 MB article never holds it in memory."""
        return self.defer("body", "highlights").annotate(
            text_start=Substr("body", 1, characters), text_length=Length("body")
        )

    @staticmethod
    def highlights_within(article_id: int, end: int) -> list[dict]:
        """The highlighted spans of an article that end by `end`, read inside the database (JSON functions
        of SQLite and PostgreSQL) so that a huge article's spans are never all parsed at once."""
        table = Article._meta.db_table
        if connection.vendor == "postgresql":
            sql = (
                f"SELECT span FROM {table}, jsonb_array_elements({table}.highlights) AS span "
                f"WHERE {table}.id = %s AND (span->>'end')::bigint <= %s"
            )
        else:
            sql = (
                f"SELECT value FROM {table}, json_each({table}.highlights) "
                f"WHERE {table}.id = %s AND json_extract(value, '$.end') <= %s"
            )
        with connection.cursor() as cursor:
            cursor.execute(sql, [article_id, end])
            return [json.loads(row[0]) if isinstance(row[0], str) else row[0] for row in cursor.fetchall()]

    def update(self, **fields):
        # A status change shows or hides the article's events: the read model follows (timeline/read_model).
        from timeline import read_model

        with read_model.batched():
            if "status" in fields:
                read_model.mark_events(Event.objects.filter(article__in=self).values_list("pk", flat=True))
            return super().update(**fields)


class Article(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    title = models.CharField(_("title"), max_length=500)
    body = models.TextField(_("text"))
    language = models.CharField(_("language"), max_length=8, help_text=_("ISO 639-1 code"))
    source = models.CharField(_("source"), max_length=200, blank=True)
    url = models.URLField(_("URL"), max_length=1000, blank=True)
    published = models.DateField(_("published"), null=True, blank=True)
    published_inferred = models.BooleanField(
        _("publication date inferred"),
        default=False,
        help_text=_("True when the date was inferred from the text rather than given."),
    )
    content_hash = models.CharField(max_length=64, unique=True, editable=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    error = models.TextField(_("error"), blank=True)
    nlp_backend = models.CharField(_("NLP backend"), max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    extracted_at = models.DateTimeField(null=True, blank=True)
    highlights = models.JSONField(
        default=list,
        blank=True,
        editable=False,
        help_text=_("Spans of the text to highlight: time expressions and entity mentions."),
    )
    dismissed = models.JSONField(
        default=list,
        blank=True,
        editable=False,
        help_text=_("Statements [sentence start, time expression] whose events editors deleted."),
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published", "-id"]
        indexes = [
            models.Index(fields=["status"], name="article_status_idx"),
            models.Index(fields=["published"], name="article_published_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        # The hash is derived from the body, so it can never disagree with it.
        self.content_hash = content_hash(self.body)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        from timeline import read_model

        with read_model.batched():
            return super().delete(*args, **kwargs)

    @staticmethod
    def public_condition(prefix: str = "") -> Q:
        """The one rule of what readers see: a failed article is not public, nor one never extracted yet
        (pending or running for the first time); an article being re-extracted stays public.

        `prefix`: the path to the article from the model queried ("article__" for events)."""
        failed = Article.Status.FAILED
        return ~Q(**{f"{prefix}status": failed}) & (
            Q(**{f"{prefix}status": Article.Status.DONE}) | Q(**{f"{prefix}extracted_at__isnull": False})
        )

    @property
    def is_public(self) -> bool:
        return self.status != self.Status.FAILED and (
            self.status == self.Status.DONE or self.extracted_at is not None
        )

    @property
    def web_url(self) -> str:
        """The article's URL when it is a web address (never a javascript: or data: link)."""
        return self.url if self.url.lower().startswith(("http://", "https://")) else ""


class Entity(models.Model):
    class Kind(models.TextChoices):
        PERSON = "person", _("person")
        COUNTRY = "country", _("country")
        ORGANIZATION = "organization", _("organization")
        LOCATION = "location", _("location")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200)
    iso_code = models.CharField(
        _("ISO 3166-1 code"), max_length=2, blank=True, help_text=_("Countries only.")
    )
    country = models.ForeignKey(
        "self",
        verbose_name=_("country"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"kind": "country"},
        help_text=_("The country of a person, organization or place."),
    )

    objects = ReadModelQuerySet.as_manager()

    class Meta:
        verbose_name_plural = _("entities")
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "slug"], name="entity_unique_kind_slug"),
            models.UniqueConstraint(
                fields=["iso_code"], condition=~Q(iso_code=""), name="entity_unique_iso_code"
            ),
            models.CheckConstraint(
                condition=Q(iso_code="") | Q(kind="country"), name="entity_iso_code_only_countries"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def delete(self, *args, **kwargs):
        from timeline import read_model

        with read_model.batched():
            return super().delete(*args, **kwargs)


class EntityAlias(models.Model):
    """Another name of an entity, in a language ('Vladimir Poutine', fr) or in any (blank)."""

    entity = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(_("name"), max_length=200)
    language = models.CharField(_("language"), max_length=8, blank=True)

    class Meta:
        verbose_name_plural = _("entity aliases")
        ordering = ["entity", "language", "name"]
        constraints = [
            models.UniqueConstraint(fields=["entity", "name", "language"], name="alias_unique_per_entity")
        ]
        indexes = [models.Index(fields=["name"], name="alias_name_idx")]

    def __str__(self) -> str:
        return f"{self.name} ({self.language or '*'})"


class EventGroup(models.Model):
    """Events of several articles that report the same happening: one card, several sources."""

    created_at = models.DateTimeField(auto_now_add=True)

    objects = ReadModelQuerySet.as_manager()

    def __str__(self) -> str:
        return f"group {self.pk}"

    def delete(self, *args, **kwargs):
        from timeline import read_model

        with read_model.batched():
            return super().delete(*args, **kwargs)


class ArticleRef(NamedTuple):
    """What a card says of each article that reports it."""

    id: int
    title: str
    source: str
    url: str
    published: datetime.date | None
    language: str


class EventQuerySet(ReadModelQuerySet):
    def public(self) -> EventQuerySet:
        """Events of public articles (Article.public_condition)."""
        return self.filter(Article.public_condition("article__"))

    # Bulk writes skip Django's signals: each tells the read model which events it changed.
    def bulk_create(self, objs, *args, **kwargs):
        from timeline import read_model

        created = super().bulk_create(objs, *args, **kwargs)
        read_model.mark_events([event.pk for event in created if event.pk is not None])
        return created

    def bulk_update(self, objs, fields, *args, **kwargs):
        from timeline import read_model

        objs = list(objs)
        with read_model.batched():
            ids = [event.pk for event in objs]
            read_model.mark_events(ids, with_groups=True)  # the groups they leave
            updated = super().bulk_update(objs, fields, *args, **kwargs)
            read_model.mark_events(ids)
        return updated

    def update(self, **fields):
        from timeline import read_model

        with read_model.batched():
            ids = list(self.values_list("pk", flat=True))
            read_model.mark_events(ids, with_groups=True)
            updated = super().update(**fields)
            read_model.mark_events(ids)
        return updated

    def articles_by_group(self, group_ids: Iterable[int]) -> dict[int, list[ArticleRef]]:
        """The distinct public articles reporting each event group, oldest first, in one query."""
        found: dict[int, list[ArticleRef]] = {}
        seen: set[tuple[int, int]] = set()
        rows = (
            self.public()
            .filter(group_id__in=list(group_ids))
            .order_by("article__published", "article_id")
            .values_list(
                "group_id",
                "article_id",
                "article__title",
                "article__source",
                "article__url",
                "article__published",
                "article__language",
            )
        )
        for group_id, article_id, *fields in rows:
            if (group_id, article_id) not in seen:
                seen.add((group_id, article_id))
                found.setdefault(group_id, []).append(ArticleRef(article_id, *fields))
        return found


class Event(models.Model):
    class DateSource(models.TextChoices):
        TEXT = "text", _("time expression in the text")
        PUBLICATION = "publication", _("publication date")

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="events")
    date_start = models.DateField(_("from"))
    date_end = models.DateField(_("to"))
    precision = models.CharField(_("precision"), max_length=12, choices=Precision.choices)
    timex_value = models.CharField(_("TIMEX3 value"), max_length=64, blank=True)
    timex_mod = models.CharField(_("TIMEX3 modifier"), max_length=16, blank=True)
    approximate = models.BooleanField(
        _("approximate"),
        default=False,
        help_text=_("The text gives the date as an estimate (“about”, “some weeks ago”): shown with “≈”."),
    )
    date_text = models.CharField(_("time expression"), max_length=300, blank=True)
    date_source = models.CharField(
        _("date from"), max_length=12, choices=DateSource.choices, default=DateSource.TEXT
    )
    sentence = models.TextField(_("sentence"))
    sentence_start = models.PositiveIntegerField()
    sentence_end = models.PositiveIntegerField()
    category = models.CharField(
        _("category"), max_length=16, choices=Category.choices, default=Category.OTHER
    )
    entities = models.ManyToManyField(Entity, through="Mention", related_name="events")
    group = models.ForeignKey(
        EventGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="events"
    )
    # Who says so (timeline.pipeline.attribution): the speaker of the event's sentence and its stance.
    speaker = models.ForeignKey(
        Entity,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="statements",
        verbose_name=_("speaker"),
    )
    speaker_country = models.CharField(
        _("speaker's country"),
        max_length=2,
        blank=True,
        help_text=_("ISO alpha-2 of the state it speaks for."),
    )
    speaker_body = models.CharField(
        _("speaker's capacity"), max_length=40, blank=True, help_text=_("e.g. defence_ministry, spokesperson")
    )
    stance = models.CharField(_("stance"), max_length=12, choices=Stance.choices, blank=True)
    speaker_edited = models.BooleanField(
        _("speaker corrected by an editor"),
        default=False,
        help_text=_("Set when an editor corrects the speaker or stance; re-running the extraction keeps it."),
    )
    edited = models.BooleanField(
        _("edited by an editor"),
        default=False,
        help_text=_("Set when an editor changes the event; re-running the extraction keeps it."),
    )
    verified = models.BooleanField(
        _("verified"), default=False, help_text=_("Checked by an editor; re-running the extraction keeps it.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["date_start", "date_end", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(date_start__lte=F("date_end")), name="event_start_not_after_end"
            ),
            models.CheckConstraint(
                condition=Q(sentence_start__lte=F("sentence_end")),
                name="event_sentence_offsets_ordered",
            ),
        ]
        indexes = [
            models.Index(fields=["date_start", "id"], name="event_date_idx"),
            models.Index(fields=["category", "date_start"], name="event_category_date_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.date_start}: {self.sentence[:80]}"

    def delete(self, *args, **kwargs):
        from timeline import read_model

        with read_model.batched():
            return super().delete(*args, **kwargs)

    @property
    def period(self):
        """The event's period (timeline.period.Period): the one model every date label is made from."""
        from timeline.period import Period

        return Period.of(self)


class MentionQuerySet(ReadModelQuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        from timeline import read_model

        created = super().bulk_create(objs, *args, **kwargs)
        read_model.mark_events({mention.event_id for mention in created})
        return created

    def update(self, **fields):
        from timeline import read_model

        with read_model.batched():
            read_model.mark_events(set(self.values_list("event_id", flat=True)))
            return super().update(**fields)


class Mention(models.Model):
    """An entity named in an event's sentence, with its surface text and offsets in the article."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="mentions")
    entity = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="mentions")
    text = models.CharField(_("surface text"), max_length=300)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    via = models.CharField(
        _("found as"),
        max_length=16,
        blank=True,
        help_text=_(
            "How the mention was found: alias, demonym, metonym, surname, ner; 'implied' for the country "
            "of a person or place named in the sentence."
        ),
    )

    objects = MentionQuerySet.as_manager()

    class Meta:
        ordering = ["start"]
        constraints = [
            models.UniqueConstraint(fields=["event", "entity", "start"], name="mention_unique_per_event"),
            models.CheckConstraint(condition=Q(start__lte=F("end")), name="mention_offsets_ordered"),
        ]
        indexes = [models.Index(fields=["entity", "event"], name="mention_entity_event_idx")]

    def __str__(self) -> str:
        return f"{self.text} -> {self.entity}"


class TimelineState(models.Model):
    """One row whose version is the timeline's change sequence: every refresh of the read model takes the
    next number (timeline.read_model.next_sequence) and stamps the cards it wrote with it.

    Taking the number locks this row until the transaction ends, so writers of cards commit in the order
    of their numbers: a reader that has seen number N has seen every card written up to N.
    """

    version = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"timeline version {self.version}"

    @classmethod
    def current(cls) -> int:
        """The last sequence number committed (0 before any change)."""
        return cls.objects.filter(pk=1).values_list("version", flat=True).first() or 0


class TimelineCard(models.Model):
    """The read model: one row per card of the timeline, i.e. per event group (the reports of one
    happening), or per event outside any group. Written only by timeline.read_model, in the transaction of
    the write that changed it; read by the timeline, its facets, search, API and exports.

    A card whose events are all gone (or not public) keeps its row with `lead_event_id` NULL, so that
    processes following the change log (`sequence`) learn that it left.
    """

    key = models.CharField(max_length=24, unique=True)  # "g<group id>" or "e<event id>"
    lead_event_id = models.BigIntegerField(null=True)  # the most precisely dated, then earliest, event
    date_start = models.DateField(null=True)
    date_end = models.DateField(null=True)
    precision = models.CharField(max_length=12, blank=True)
    approximate = models.BooleanField(default=False)
    categories = models.CharField(max_length=200, blank=True)  # " military political ": a word test
    entity_ids = models.JSONField(default=dict)  # {"country": [id, ...], "person": [...], ...}
    country_codes = models.JSONField(default=list)
    search_text = models.TextField(blank=True)  # " word word ...": folded words of sentences and names
    source_count = models.PositiveIntegerField(default=0)
    version = models.PositiveIntegerField(default=0)  # bumped on each change: the rendered card's cache key
    sequence = models.PositiveBigIntegerField(default=0)  # TimelineState number of the last change
    created_sequence = models.PositiveBigIntegerField(default=0)  # number at which it (re)appeared
    plausible = models.BooleanField(
        default=True, help_text=_("False when its date is far outside the corpus: flagged for review.")
    )
    status = models.CharField(max_length=12, choices=CardStatus.choices, blank=True)  # timeline.claims
    first_reported = models.DateField(null=True)  # earliest publication among its sources
    # The parties by standing stance, for the card's label:
    # [{"stance": "denied", "parties": [{"name": "Ukraine", "country": "UA", "bodies": ["army"]}]}, ...]
    claims = models.JSONField(default=list)

    class Meta:
        indexes = [
            models.Index(fields=["sequence"], name="card_sequence_idx"),
            models.Index(fields=["date_start", "date_end", "lead_event_id"], name="card_order_idx"),
            # A page's cards are read by their lead events (timeline.cards, timeline.export): without it
            # each lookup scans every card.
            models.Index(fields=["lead_event_id"], name="card_lead_idx"),
        ]

    def __str__(self) -> str:
        return f"card {self.key}"

    @property
    def alive(self) -> bool:
        return self.lead_event_id is not None


class CardEntity(models.Model):
    """Which entities a card involves: what the database filters and counts facets on."""

    card = models.ForeignKey(TimelineCard, on_delete=models.CASCADE, related_name="+")
    entity_id = models.BigIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["card", "entity_id"], name="card_entity_unique")]
        indexes = [models.Index(fields=["entity_id", "card"], name="card_entity_idx")]

    def __str__(self) -> str:
        return f"{self.card_id} -> {self.entity_id}"
