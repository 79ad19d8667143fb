"""Editors' corrections that touch several rows: merging entities."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from timeline import read_model
from timeline.models import Article, Entity, EntityAlias, Event, Mention


class MergeError(ValueError):
    """Entities that cannot be merged (different kinds, nothing to merge)."""


@transaction.atomic
def merge_entities(keep: Entity, others: Iterable[Entity]) -> int:
    """Fold `others` into `keep`: their names become aliases, their mentions and references move.

    Returns how many entities were merged away. A mention that would duplicate one `keep` already has in
    the same event at the same place is dropped.
    """
    with read_model.batched():  # the cards of every moved mention refreshed once, at the end
        return _merge(keep, others)


def _merge(keep: Entity, others: Iterable[Entity]) -> int:
    # Fresh rows: what the caller holds may predate other edits.
    keep = Entity.objects.get(pk=keep.pk)
    others = list(Entity.objects.filter(pk__in=[o.pk for o in others]).exclude(pk=keep.pk))
    if not others:
        raise MergeError("choose at least one other entity to merge")
    if any(other.kind != keep.kind for other in others):
        raise MergeError("only entities of the same kind can be merged")
    for other in others:
        names = [(other.name, ""), *other.aliases.values_list("name", "language")]
        EntityAlias.objects.bulk_create(
            [EntityAlias(entity=keep, name=name, language=lang) for name, lang in names if name != keep.name],
            ignore_conflicts=True,
        )
        taken = set(Mention.objects.filter(entity=keep).values_list("event_id", "start"))
        for mention in Mention.objects.filter(entity=other):
            if (mention.event_id, mention.start) in taken:
                mention.delete()
            else:
                mention.entity = keep
                mention.save(update_fields=["entity"])
                taken.add((mention.event_id, mention.start))
        Entity.objects.filter(country=other).update(country=keep)
        if keep.country_id is None and other.country_id is not None:
            keep.country_id = other.country_id
        if keep.kind == Entity.Kind.COUNTRY and not keep.iso_code and other.iso_code:
            code = other.iso_code
            other.iso_code = ""
            other.save(update_fields=["iso_code"])
            keep.iso_code = code
        other.delete()
    keep.save()
    return len(others)


def dismiss_events(events: Iterable[Event]) -> None:
    """Remember the statements of events an editor deletes, so that re-running the extraction does not
    bring them back (see timeline.pipeline.store.replace_events)."""
    by_article: dict[int, list[list[object]]] = {}
    for event in events:
        by_article.setdefault(event.article_id, []).append([event.sentence_start, event.date_text])
    for article in Article.objects.filter(pk__in=list(by_article)):
        known = {tuple(item) for item in article.dismissed}
        article.dismissed = article.dismissed + [
            item for item in by_article[article.pk] if tuple(item) not in known
        ]
        article.save(update_fields=["dismissed"])
