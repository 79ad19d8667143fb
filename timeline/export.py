"""Events as plain dictionaries and CSV rows: shared by `export_events` (and later the API and downloads)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from django.db.models import Prefetch, QuerySet

from timeline.models import Entity, EntityAlias, Event, Mention

KIND_FIELDS = {"person": "persons", "organization": "organizations", "location": "locations"}
CSV_COLUMNS = [
    "id",
    "date_start",
    "date_end",
    "precision",
    "timex",
    "date_text",
    "date_source",
    "category",
    "countries",
    "persons",
    "organizations",
    "locations",
    "cluster",
    "article_id",
    "article_title",
    "article_source",
    "article_published",
    "article_language",
    "text",
]


def export_queryset(events: QuerySet[Event]) -> QuerySet[Event]:
    """The events with everything an export row needs, in a fixed number of queries."""
    return events.select_related("article").prefetch_related(
        Prefetch(
            "mentions",
            queryset=Mention.objects.select_related("entity").prefetch_related(
                Prefetch("entity__aliases", queryset=EntityAlias.objects.order_by("language", "name"))
            ),
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
        "timex": event.timex_value,
        "date_text": event.date_text,
        "date_source": event.date_source,
        "text": event.sentence,
        "category": event.category,
        "countries": list(countries.values()),
        **{field: list(found.values()) for field, found in others.items()},
        "cluster": event.group_id,
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
        item["category"],
        "; ".join(str(c["code"]) for c in item["countries"]),  # type: ignore[union-attr]
        names("persons"),
        names("organizations"),
        names("locations"),
        item["cluster"],
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


def write_csv(items: Iterable[dict[str, object]], out: io.TextIOBase) -> None:
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for item in items:
        writer.writerow([spreadsheet_safe(cell) for cell in csv_row(item)])
