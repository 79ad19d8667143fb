"""Events and timeline cards as plain dictionaries and CSV rows.

Shared by `manage.py export_events`, the JSON API (timeline/api.py), the CSV download and the TimelineJS
export (timeline/timelinejs.py). A *card* is what the timeline shows: a group of events reporting one
happening, represented by its lead event (see timeline/read_model.py) plus the articles of all its events.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Callable, Iterable, Iterator

from django.db.models import Prefetch, Q, QuerySet

from timeline.cards import ARTICLE_LARGE_FIELDS
from timeline.models import Entity, EntityAlias, Event, Mention
from timeline.period import Period

# Cards loaded per round of queries when a whole view is exported: bounded memory, and few enough ids
# for an `IN (...)` on any database.
CARD_CHUNK_SIZE = 500

KIND_FIELDS = {"person": "persons", "organization": "organizations", "location": "locations"}
CSV_COLUMNS = [
    "id",
    "date_start",
    "date_end",
    "precision",
    "timex",
    "date_text",
    "date_source",
    "approximate",
    "category",
    "countries",
    "persons",
    "organizations",
    "locations",
    "group",
    "article_id",
    "article_title",
    "article_source",
    "article_published",
    "article_language",
    "text",
]


def export_queryset(events: QuerySet[Event]) -> QuerySet[Event]:
    """The events with everything an export row needs, in a fixed number of queries."""
    # Never the article's text nor its highlights: one article may be megabytes (issue 12).
    return (
        events.select_related("article")
        .defer(*ARTICLE_LARGE_FIELDS)
        .prefetch_related(
            Prefetch(
                "mentions",
                queryset=Mention.objects.select_related("entity").prefetch_related(
                    Prefetch("entity__aliases", queryset=EntityAlias.objects.order_by("language", "name"))
                ),
            )
        )
    )


def _entity(entity: Entity) -> dict[str, object]:
    aliases = sorted({a.name for a in entity.aliases.all()} - {entity.name})
    return {"id": entity.pk, "name": entity.name, "aliases": aliases}


def event_dict(event: Event) -> dict[str, object]:
    countries: dict[str, dict[str, str]] = {}
    others: dict[str, dict[int, dict[str, object]]] = {field: {} for field in KIND_FIELDS.values()}
    for mention in event.mentions.all():
        entity = mention.entity
        if entity.kind == Entity.Kind.COUNTRY:
            countries.setdefault(entity.iso_code, {"code": entity.iso_code, "name": entity.name})
        else:
            others[KIND_FIELDS[entity.kind]].setdefault(entity.pk, _entity(entity))
    article = event.article
    return {
        "id": event.pk,
        "date_start": event.date_start.isoformat(),
        "date_end": event.date_end.isoformat(),
        "precision": event.precision,
        "approximate": event.approximate,
        "timex": event.timex_value,
        "date_text": event.date_text,
        "date_source": event.date_source,
        "text": event.sentence,
        "category": event.category,
        "countries": list(countries.values()),
        **{field: list(found.values()) for field, found in others.items()},
        "group": event.group_id,
        "article": {
            "id": article.pk,
            "title": article.title,
            "source": article.source,
            "published": article.published.isoformat() if article.published else None,
            "published_inferred": article.published_inferred,
            "language": article.language,
            "url": article.url,
        },
    }


def iter_event_dicts(events: QuerySet[Event], chunk_size: int = 2000) -> Iterator[dict[str, object]]:
    """Event dictionaries, loaded a chunk at a time so memory stays flat on large exports."""
    for event in export_queryset(events).iterator(chunk_size=chunk_size):
        yield event_dict(event)


def csv_row(item: dict[str, object]) -> list[object]:
    def names(field: str) -> str:
        return "; ".join(str(e["name"]) for e in item[field])  # type: ignore[union-attr]

    article = item["article"]
    assert isinstance(article, dict)
    return [
        item["id"],
        item["date_start"],
        item["date_end"],
        item["precision"],
        item["timex"],
        item["date_text"],
        item["date_source"],
        item["approximate"],
        item["category"],
        "; ".join(str(c["code"]) for c in item["countries"]),  # type: ignore[union-attr]
        names("persons"),
        names("organizations"),
        names("locations"),
        item["group"],
        article["id"],
        article["title"],
        article["source"],
        article["published"],
        article["language"],
        item["text"],
    ]


def spreadsheet_safe(value: object) -> object:
    """A text cell that a spreadsheet would run as a formula gets a leading quote (CSV injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


class _Echo:
    """A file-like object whose write returns the line, so csv.writer can feed a streamed response."""

    def write(self, value: str) -> str:
        return value


def csv_lines(
    items: Iterable[dict[str, object]],
    columns: list[str] = CSV_COLUMNS,
    row: Callable[[dict[str, object]], list[object]] = csv_row,
) -> Iterator[str]:
    """The CSV text line by line (header first); every cell made spreadsheet-safe."""
    writer = csv.writer(_Echo())
    yield writer.writerow(columns)
    for item in items:
        yield writer.writerow([spreadsheet_safe(cell) for cell in row(item)])


def write_csv(
    items: Iterable[dict[str, object]],
    out: io.TextIOBase,
    columns: list[str] = CSV_COLUMNS,
    row: Callable[[dict[str, object]], list[object]] = csv_row,
) -> None:
    for line in csv_lines(items, columns, row):
        out.write(line)


# -- cards ------------------------------------------------------------------------------------------------

CARD_CSV_COLUMNS = [*CSV_COLUMNS, "display_date", "source_count", "sources"]


def _source(
    article_id: int, title: str, source: str, url: str, published: datetime.date | None, language: str
) -> dict[str, object]:
    """An article reporting a card, as the API and the TimelineJS export list it."""
    return {
        "id": article_id,
        "title": title,
        "source": source,
        "url": url,
        "published": published.isoformat() if published else None,
        "language": language,
    }


def card_sources(events: Iterable[Event]) -> dict[int, list[dict[str, object]]]:
    """The articles reporting each card, oldest first, keyed by lead event id (one query).

    A grouped event's card has the articles of every event of its group; an event outside any group
    (an editor took it out) has its own article only."""
    events = list(events)
    lead_of_group = {event.group_id: event.pk for event in events if event.group_id is not None}
    found: dict[int, list[dict[str, object]]] = {
        lead_of_group[group_id]: [_source(*article) for article in articles]
        for group_id, articles in Event.objects.articles_by_group(lead_of_group).items()
    }
    for event in events:
        if event.pk not in found:
            a = event.article
            found[event.pk] = [_source(a.pk, a.title, a.source, a.url, a.published, a.language)]
    return found


def card_items(lead_ids: list[int]) -> list[dict[str, object]]:
    """One dictionary per card, in the order of `lead_ids`: the lead event's `event_dict`, its date as a
    reader of the current language says it (`display_date`) and the card's `sources`.

    Four queries whatever the number of cards (lead events with their articles, mentions with entities,
    aliases, sources). A lead event deleted since the index was built is skipped."""
    leads = {event.pk: event for event in export_queryset(Event.objects.filter(pk__in=lead_ids))}
    sources = card_sources(leads.values())
    items = []
    for lead_id in lead_ids:
        event = leads.get(lead_id)
        if event is None:
            continue
        item = event_dict(event)
        item["display_date"] = Period.of(event).label()
        item["sources"] = sources[event.pk]
        items.append(item)
    return items


def iter_card_items(lead_ids: list[int], chunk_size: int = CARD_CHUNK_SIZE) -> Iterator[dict[str, object]]:
    """`card_items` of many cards, a chunk at a time (memory and query size stay bounded)."""
    for start in range(0, len(lead_ids), chunk_size):
        yield from card_items(lead_ids[start : start + chunk_size])


def card_csv_row(item: dict[str, object]) -> list[object]:
    """A card as a CSV row: the lead event's columns, then its date as said and its sources."""
    sources = item["sources"]
    assert isinstance(sources, list)
    described = "; ".join(
        f"{s['title']} ({', '.join(str(part) for part in (s['source'], s['published']) if part)})"
        for s in sources
    )
    return [*csv_row(item), item["display_date"], len(sources), described]


def iter_card_events(lead_ids: list[int], chunk_size: int = CARD_CHUNK_SIZE) -> Iterator[dict[str, object]]:
    """Every event of the given cards (lead and grouped reports), card by card, as `event_dict`s."""
    for start in range(0, len(lead_ids), chunk_size):
        chunk = lead_ids[start : start + chunk_size]
        groups = Event.objects.filter(pk__in=chunk, group__isnull=False).values("group_id")
        events = export_queryset(Event.objects.filter(Q(pk__in=chunk) | Q(group_id__in=groups)))
        card_of = {lead_id: n for n, lead_id in enumerate(chunk)}
        by_card: dict[int, list[Event]] = {}
        loaded = list(events)
        lead_of_group = {e.group_id: e.pk for e in loaded if e.pk in card_of and e.group_id is not None}
        for event in loaded:
            lead = event.pk if event.pk in card_of else lead_of_group.get(event.group_id)
            if lead is not None:
                by_card.setdefault(card_of[lead], []).append(event)
        for n in sorted(by_card):
            for event in sorted(by_card[n], key=lambda e: (e.date_start, e.date_end, e.pk)):
                yield event_dict(event)
