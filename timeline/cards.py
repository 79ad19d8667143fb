"""What a timeline card shows, loaded for a page of cards in a fixed number of queries."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from itertools import groupby

from django.db.models import Prefetch

from timeline.display import format_period, format_range, month
from timeline.models import Article, Entity, Event, Mention


def flag(iso_code: str) -> str:
    """The flag emoji of a country: two regional indicator letters."""
    if len(iso_code) != 2 or not iso_code.isalpha():
        return ""
    return "".join(chr(0x1F1E6 + ord(letter) - ord("A")) for letter in iso_code.upper())


@dataclass(frozen=True)
class Segment:
    text: str
    kind: str = ""  # "", "date", or an entity kind
    entity: Entity | None = None


@dataclass
class Card:
    event: Event
    date_label: str
    period_label: str
    approximate: bool
    inferred: bool
    segments: list[Segment]
    countries: list[Entity]
    persons: list[Entity]
    others: list[Entity]
    sources: list[Article]
    month_key: str
    month_label: str

    @property
    def category(self) -> str:
        return self.event.category


@dataclass
class DayGroup:
    label: str
    iso: str
    cards: list[Card] = field(default_factory=list)


@dataclass
class MonthGroup:
    key: str
    label: str
    days: list[DayGroup] = field(default_factory=list)


def sentence_segments(event: Event, mentions: list[Mention]) -> list[Segment]:
    """The event's sentence cut into plain text, the time expression and entity mentions."""
    sentence, offset = event.sentence, event.sentence_start
    spans: list[tuple[int, int, str, Entity | None]] = []
    if event.date_text:
        at = sentence.find(event.date_text)
        if at >= 0:
            spans.append((at, at + len(event.date_text), "date", None))
    for mention in mentions:
        if mention.via == "implied":
            continue
        start, end = mention.start - offset, mention.end - offset
        if 0 <= start < end <= len(sentence):
            spans.append((start, end, mention.entity.kind, mention.entity))
    spans.sort(key=lambda span: (span[0], -span[1]))
    segments, cursor = [], 0
    for start, end, kind, entity in spans:
        if start < cursor:  # overlapping spans: the first (longest) wins
            continue
        if start > cursor:
            segments.append(Segment(sentence[cursor:start]))
        segments.append(Segment(sentence[start:end], kind, entity))
        cursor = end
    if cursor < len(sentence):
        segments.append(Segment(sentence[cursor:]))
    return segments


def load_cards(lead_ids: list[int]) -> list[Card]:
    """Cards for lead events, in the given order: three queries whatever the number of cards."""
    leads = {
        event.pk: event
        for event in Event.objects.filter(pk__in=lead_ids)
        .select_related("article")
        .prefetch_related(Prefetch("mentions", queryset=Mention.objects.select_related("entity")))
    }
    group_ids = [event.group_id for event in leads.values() if event.group_id is not None]
    sources: dict[int, list[Article]] = {}
    for event in (
        Event.objects.filter(group_id__in=group_ids)
        .select_related("article")
        .only(
            "group_id",
            "article__id",
            "article__title",
            "article__source",
            "article__url",
            "article__published",
            "article__language",
        )
        .order_by("article__published", "article_id")
    ):
        found = sources.setdefault(event.group_id, [])
        if all(article.pk != event.article.pk for article in found):
            found.append(event.article)
    cards = []
    for lead_id in lead_ids:
        event = leads.get(lead_id)
        if event is None:  # deleted since the index was built
            continue
        mentions = list(event.mentions.all())
        entities: dict[int, Entity] = {}
        for mention in mentions:
            entities.setdefault(mention.entity.pk, mention.entity)
        approximate = event.precision == "approximate"
        inferred = event.date_source == Event.DateSource.PUBLICATION or event.article.published_inferred
        by_kind: dict[str, list[Entity]] = {}
        for entity in entities.values():
            by_kind.setdefault(entity.kind, []).append(entity)
        cards.append(
            Card(
                event=event,
                date_label=format_period(
                    event.date_start,
                    event.date_end,
                    event.precision,
                    mod=event.timex_mod,
                    timex=event.timex_value,
                    date_text=event.date_text,
                ),
                period_label=format_range(event.date_start, event.date_end),
                approximate=approximate,
                inferred=inferred,
                segments=sentence_segments(event, mentions),
                countries=by_kind.get(Entity.Kind.COUNTRY, []),
                persons=by_kind.get(Entity.Kind.PERSON, []),
                others=by_kind.get(Entity.Kind.ORGANIZATION, []) + by_kind.get(Entity.Kind.LOCATION, []),
                sources=sources.get(event.group_id, [event.article]),
                month_key=event.date_start.strftime("%Y-%m"),
                month_label=month(event.date_start),
            )
        )
    return cards


def by_month_and_day(cards: list[Card]) -> list[MonthGroup]:
    """Consecutive cards grouped by month, then by the date a reader sees."""
    months = []
    for key, in_month in groupby(cards, key=lambda card: card.month_key):
        in_month = list(in_month)
        group = MonthGroup(key=key, label=in_month[0].month_label)
        for label, on_day in groupby(in_month, key=lambda card: card.date_label):
            on_day = list(on_day)
            group.days.append(DayGroup(label=label, iso=_iso(on_day[0].event), cards=on_day))
        months.append(group)
    return months


def _iso(event: Event) -> str:
    """The machine-readable date of a <time> element, as precise as the event's date."""
    start: datetime.date = event.date_start
    if event.precision == "day" and event.date_start == event.date_end:
        return start.isoformat()
    if event.precision == "month" and not event.timex_mod:
        return start.strftime("%Y-%m")
    if event.precision == "year":
        return str(start.year)
    return start.isoformat()


def article_segments(article: Article) -> list[Segment]:
    """The article's text cut at its highlighted spans (time expressions and entity mentions)."""
    spans = sorted(article.highlights, key=lambda span: (span["start"], -span["end"]))
    entity_ids = {span["entity"] for span in spans if "entity" in span}
    entities = Entity.objects.in_bulk(entity_ids)
    text, segments, cursor = article.body, [], 0
    for span in spans:
        start, end = span["start"], span["end"]
        if start < cursor or not 0 <= start < end <= len(text):
            continue
        if start > cursor:
            segments.append(Segment(text[cursor:start]))
        entity = entities.get(span.get("entity"))
        segments.append(Segment(text[start:end], "date" if span["kind"] == "date" else span["kind"], entity))
        cursor = end
    if cursor < len(text):
        segments.append(Segment(text[cursor:]))
    return segments
