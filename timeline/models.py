"""Articles, the entities they mention and the dated events extracted from them.

An Event is a statement of one article, anchored in time by a period (start, end, precision). Reports of the
same happening in several articles share an EventGroup, so the timeline shows one card with several sources.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from collections.abc import Iterable
from typing import NamedTuple

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
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

    def __str__(self) -> str:
        return f"group {self.pk}"


class ArticleRef(NamedTuple):
    """What a card says of each article that reports it."""

    id: int
    title: str
    source: str
    url: str
    published: datetime.date | None
    language: str


class EventQuerySet(models.QuerySet):
    def articles_by_group(self, group_ids: Iterable[int]) -> dict[int, list[ArticleRef]]:
        """The distinct articles reporting each event group, oldest first, in one query."""
        found: dict[int, list[ArticleRef]] = {}
        seen: set[tuple[int, int]] = set()
        rows = (
            self.filter(group_id__in=list(group_ids))
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
    """One row whose version changes whenever events, mentions or entities change.

    Each web process keeps an in-memory index of the timeline (timeline.index); it compares this
    version, one cheap query, to know when to rebuild.
    """

    version = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"timeline version {self.version}"

    @classmethod
    def identity(cls) -> tuple[int, object]:
        """What identifies the current data: (version, time of change); (0, None) before any change."""
        return cls.objects.filter(pk=1).values_list("version", "changed_at").first() or (0, None)

    @classmethod
    def bump(cls) -> None:
        """Mark the timeline changed (call inside the transaction that changes it)."""
        if not cls.objects.filter(pk=1).update(version=F("version") + 1, changed_at=timezone.now()):
            cls.objects.get_or_create(pk=1, defaults={"version": 1})
