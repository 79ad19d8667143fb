"""Writing an analysed article to the database: entities, events, mentions and their groups.

Called inside the article's transaction by timeline.pipeline.ingest; nothing here commits on its own.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence

from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q, Window
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.text import slugify

from timeline import read_model
from timeline.linking.transliteration import name_key, same_person
from timeline.linking.types import EntityRecord
from timeline.linking.types import Mention as LinkedMention
from timeline.models import Article, Entity, EntityAlias, Event, EventGroup, Mention
from timeline.pipeline.attribution import Attribution
from timeline.pipeline.events import ExtractedEvent
from timeline.pipeline.grouping import (
    GROUP_THRESHOLD,
    Signature,
    StoredMention,
    group_similarity,
    happening_terms,
)
from timeline.temporal.types import Timex

# Surfaces worth keeping as aliases: names. Demonyms ("russe") and metonyms ("le Kremlin") are not names.
ALIAS_VIAS = {"alias", "ner", "surname", "title"}
REPORTS_PER_GROUP = 8
SPEAKER_FIELDS = ("speaker_id", "speaker_country", "speaker_body", "stance")


class EntityStore:
    """Finds or creates the Entity of each registry record, once per run (a cache keyed by record key).

    Safe with several writers (two workers, two `ingest` runs): an entity is created in its own savepoint
    and, when another writer created it meanwhile (the unique constraint refuses the second insert), the
    other's row is used. Callers resolve entities before the article's transaction (see `resolve`), so
    that each insert commits at once and two articles' transactions never wait on each other's entities.
    """

    ATTEMPTS = 3

    def __init__(self) -> None:
        self._ids: dict[str, int] = {}

    @property
    def count(self) -> int:
        """How many distinct entities this run has written or met."""
        return len(self._ids)

    def entity_id(self, record: EntityRecord) -> int:
        if record.key not in self._ids:
            self._ids[record.key] = self._find_or_create(record).pk
        return self._ids[record.key]

    def resolve(self, records: Iterable[EntityRecord]) -> None:
        """Find or create the entities of `records` now, in a stable order (the same in every writer)."""
        for record in sorted(records, key=lambda r: r.key):
            self.entity_id(record)

    def forget(self) -> None:
        """Drop the cache (after a rollback that may have removed rows it names)."""
        self._ids.clear()

    def _find_or_create(self, record: EntityRecord) -> Entity:
        # One slug for finding and creating: a name that reduces to no ASCII slug still gets a stable one.
        slug = (record.slug or slugify(record.name, allow_unicode=True) or record.key.replace(":", "-"))[:200]
        for attempt in range(self.ATTEMPTS):
            entity = self._find(record, slug)
            if entity is not None:
                return entity
            try:
                with transaction.atomic():
                    return self._create(record, slug)
            except IntegrityError:
                # Another writer created it between our look-up and our insert: use theirs.
                if attempt == self.ATTEMPTS - 1:
                    raise
        raise AssertionError("unreachable")

    @staticmethod
    def _find(record: EntityRecord, slug: str) -> Entity | None:
        if record.kind == "country":
            return Entity.objects.filter(iso_code=record.country_code).first()
        entity = Entity.objects.filter(kind=record.kind, slug=slug).first()
        if entity is None:
            # Merged into another entity by an editor: its name lives on as that entity's alias.
            entity = Entity.objects.filter(kind=record.kind, aliases__name=record.name).first()
        if entity is None and record.kind == "person":
            entity = person_of_another_spelling(record)
        return entity

    def _create(self, record: EntityRecord, slug: str) -> Entity:
        country = None
        if record.kind != "country" and record.country_code:
            country_record = _country_record(record.country_code)
            if country_record is not None:
                country = Entity.objects.get(pk=self.entity_id(country_record))
            else:
                country = Entity.objects.filter(iso_code=record.country_code).first()
        entity = Entity.objects.create(
            kind=record.kind,
            name=record.name,
            slug=slug,
            iso_code=(record.country_code or "") if record.kind == "country" else "",
            country=country,
        )
        aliases = {(name, lang) for lang, name in record.names.items() if name != record.name}
        for lang, names in record.aliases.items():
            aliases.update((name, "" if lang == "all" else lang) for name in names if name != record.name)
        EntityAlias.objects.bulk_create(
            [EntityAlias(entity=entity, name=name[:200], language=lang) for name, lang in sorted(aliases)],
            ignore_conflicts=True,
        )
        return entity


def person_of_another_spelling(record: EntityRecord) -> Entity | None:
    """A stored person whose name or alias is another transliteration of this new person's name ("Oleksandr
    Syrskyi" stored from an English report, "Alexandre Syrsky" met in a French one): one entity."""
    surname = name_key(record.name).split()[-1:]
    if not surname:
        return None
    names = Entity.objects.filter(kind="person").values_list("id", "name")
    aliases = EntityAlias.objects.filter(entity__kind="person").values_list("entity_id", "name")
    for entity_id, name in [*names, *aliases]:
        if name_key(name).endswith(surname[0]) and same_person(name, record.name):
            entity = Entity.objects.get(pk=entity_id)
            if entity.country_id is None and record.country_code:  # this report states it
                entity.country = Entity.objects.filter(iso_code=record.country_code).first()
                entity.save(update_fields=["country"])
            EntityAlias.objects.get_or_create(entity=entity, name=record.name[:200], language=lang_of(record))
            return entity
    return None


def lang_of(record: EntityRecord) -> str:
    """The language a new person's record was first met in (its aliases are keyed by it)."""
    return next(iter(record.aliases), "")


def _country_record(code: str) -> EntityRecord | None:
    from timeline.linking.registry import Registry

    return Registry.load().get(f"country:{code}")


@read_model.batched()  # their cards refreshed once, grouped, rather than after each bulk write
def replace_events(
    article: Article,
    events: Iterable[ExtractedEvent],
    records: dict[str, EntityRecord],
    entities: EntityStore,
    said: Sequence[Attribution | None] | None = None,
) -> list[Event]:
    """Replace the article's extracted events by new ones with their mentions, grouped.

    `said` (parallel to `events`) gives who says each one and how (timeline.pipeline.attribution).

    Events an editor edited or verified are kept as they are, and the extraction does not add its own
    version of their statements beside them, nor bring back events an editor deleted: re-running never
    discards an editor's work. A speaker or stance an editor corrected (`speaker_edited`) is carried to the
    new event of the same statement (sentence and time expression).
    """
    events = list(events)
    attributions = list(said) if said is not None else [None] * len(events)
    corrected = {
        (row[0], row[1]): row[2:]
        for row in article.events.filter(speaker_edited=True, edited=False, verified=False).values_list(
            "sentence_start", "date_text", *SPEAKER_FIELDS
        )
    }
    # An edited event is the editor's version of its whole sentence (its time expression may have been
    # corrected too); a verified one stands for its statement; a deleted one must not come back.
    editors = list(
        article.events.filter(Q(edited=True) | Q(verified=True)).values_list(
            "sentence_start", "date_text", "edited"
        )
    )
    edited_sentences = {start for start, _text, edited in editors if edited}
    kept = {(start, text) for start, text, _edited in editors}
    kept |= {(start, text) for start, text in article.dismissed}
    _delete_events(article)
    rows: list[Event] = []
    mention_rows: list[Mention] = []
    learned_aliases: set[tuple[int, str, str]] = set()
    chosen = [
        (item, found)
        for item, found in zip(events, attributions, strict=True)
        if item.sentence.start not in edited_sentences
        and (item.sentence.start, item.date_text[:300]) not in kept
    ]
    extracted = [item for item, _found in chosen]
    for item, found in chosen:
        who = _speaker_fields(found, records, entities)
        correction = corrected.get((item.sentence.start, item.date_text[:300]))
        if correction is not None:
            who = dict(
                zip(("speaker_id", "speaker_country", "speaker_body", "stance"), correction, strict=True)
            )
            who["speaker_edited"] = True
        rows.append(
            Event(
                **who,
                article=article,
                date_start=item.date_start,
                date_end=item.date_end,
                precision=item.precision,
                # An estimate ("about", "some weeks ago"), when the extraction says so.
                approximate=bool(getattr(item, "approximate", False)),
                timex_value=item.timex_value[:64],
                timex_mod=item.timex_mod[:16],
                date_text=item.date_text[:300],
                date_source=item.date_source,
                sentence=item.sentence.text,
                sentence_start=item.sentence.start,
                sentence_end=item.sentence.end,
                category=item.category,
            )
        )
    Event.objects.bulk_create(rows)
    for row, item in zip(rows, extracted, strict=True):
        seen: set[tuple[int, int]] = set()
        for mention in item.mentions:
            record = records.get(mention.key)
            if record is None:
                continue
            entity_id = entities.entity_id(record)
            if (entity_id, mention.start) in seen:
                continue
            seen.add((entity_id, mention.start))
            mention_rows.append(
                Mention(
                    event=row,
                    entity_id=entity_id,
                    text=mention.text[:300],
                    start=mention.start,
                    end=mention.end,
                    via=mention.via,
                )
            )
            if mention.via in ALIAS_VIAS and mention.text != record.name:
                learned_aliases.add((entity_id, mention.text[:200], article.language))
    Mention.objects.bulk_create(mention_rows)
    EntityAlias.objects.bulk_create(
        [EntityAlias(entity_id=e, name=n, language=lang) for e, n, lang in sorted(learned_aliases)],
        ignore_conflicts=True,
    )
    assign_groups(rows, [item.happening for item in extracted])
    return rows


def _speaker_fields(
    found: Attribution | None, records: dict[str, EntityRecord], entities: EntityStore
) -> dict[str, object]:
    """The Event fields of an attribution: its speaker's entity (found or created like a mention's), the
    state it speaks for, its capacity and its stance."""
    if found is None:
        return {}
    record = records.get(found.speaker.key)
    return {
        "speaker_id": entities.entity_id(record) if record is not None else None,
        "speaker_country": (found.speaker.country or "")[:2],
        "speaker_body": (found.speaker.body or "")[:40],
        "stance": found.stance,
    }


def set_highlights(
    article: Article,
    timexes: Iterable[Timex],
    mentions: Iterable[LinkedMention],
    records: dict[str, EntityRecord],
    entities: EntityStore,
) -> None:
    """Keep the spans the article page highlights: every time expression and entity mention."""
    spans: list[dict[str, object]] = [
        {"start": t.start, "end": t.end, "kind": "date", "value": t.value, "type": str(t.type)}
        for t in timexes
    ]
    for mention in mentions:
        record = records.get(mention.key)
        if record is not None:
            spans.append(
                {
                    "start": mention.start,
                    "end": mention.end,
                    "kind": mention.kind,
                    "entity": entities.entity_id(record),
                }
            )
    article.highlights = sorted(spans, key=lambda span: (span["start"], -span["end"]))


def _delete_events(article: Article) -> None:
    """Delete the article's events that no editor touched."""
    extracted = article.events.filter(edited=False, verified=False)
    group_ids = set(extracted.exclude(group=None).values_list("group_id", flat=True))
    extracted.delete()
    # A group left without events reports nothing any more.
    EventGroup.objects.filter(pk__in=group_ids).annotate(n=Count("events")).filter(n=0).delete()


# id, group, start, end, category, sentence, sentence start, time expression, article language
EventRow = tuple[int, int | None, datetime.date, datetime.date, str, str, int, str, str]
ROW_FIELDS = (
    "id", "group_id", "date_start", "date_end", "category", "sentence", "sentence_start", "date_text",
    "article__language",
)  # fmt: skip


def signatures(rows: Iterable[EventRow]) -> dict[int, Signature]:
    """Grouping signatures of saved events (given as value rows: no model instances), in one query.

    The action and main actor are read again from the stored sentence (timeline.pipeline.grouping), so
    events stored by earlier runs and new ones are compared alike.
    """
    rows = list(rows)
    mentions: dict[int, list[StoredMention]] = defaultdict(list)
    query = Mention.objects.filter(event__in=[row[0] for row in rows])
    for event_id, entity_id, kind, start, end, via, country in query.values_list(
        "event_id", "entity_id", "entity__kind", "start", "end", "via", "entity__country_id"
    ):
        mentions[event_id].append(StoredMention(start, end, entity_id, kind, via, country))
    out = {}
    for (
        event_id,
        _group,
        date_start,
        date_end,
        category,
        sentence,
        sentence_start,
        date_text,
        language,
    ) in rows:
        found, subject = happening_terms(sentence, sentence_start, date_text, language, mentions[event_id])
        out[event_id] = Signature(
            date_start,
            date_end,
            category,
            frozenset((m.entity, m.kind) for m in mentions[event_id]),
            found.action,
            found.carried,
            subject.entity if subject else None,
            subject.country if subject else None,
            subject.kind if subject else "",
        )
    return out


def assign_groups(new_events: list[Event], happenings: list[int] | None = None) -> None:
    """Put each happening of the new events in the group of the most similar event of any article, or in a
    new group; the events of one happening (`happenings`, parallel to `new_events`) share their group."""
    if not new_events:
        return
    happenings = happenings if happenings is not None else list(range(len(new_events)))
    start = min(e.date_start for e in new_events)
    end = max(e.date_end for e in new_events)
    # A group's first few reports stand for it: comparing with every copy of a much-reported
    # happening costs time and changes no decision.
    candidates: list[EventRow] = list(
        Event.objects.filter(date_start__lte=end, date_end__gte=start)
        .exclude(group=None)
        .exclude(pk__in=[e.pk for e in new_events])
        .annotate(rank=Window(RowNumber(), partition_by=[F("group_id")], order_by=F("id").asc()))
        .filter(rank__lte=REPORTS_PER_GROUP)
        .values_list(*ROW_FIELDS)
    )
    language = new_events[0].article.language
    mine_rows: list[EventRow] = [
        (
            e.pk,
            None,
            e.date_start,
            e.date_end,
            e.category,
            e.sentence,
            e.sentence_start,
            e.date_text,
            language,
        )
        for e in new_events
    ]
    known = signatures(candidates + mine_rows)
    # Many reports of one happening look alike: compare each distinct signature of a group once.
    by_group: dict[int, set[Signature]] = defaultdict(set)
    for event_id, group_id, *_ in candidates:
        by_group[group_id].add(known[event_id])  # type: ignore[index]  # candidates all have a group
    members: dict[int, list[Event]] = defaultdict(list)
    for event, happening in zip(new_events, happenings, strict=True):
        members[happening].append(event)
    taken: set[int] = set()  # the extraction told these happenings apart: never one group
    for events in members.values():
        mine = [known[event.pk] for event in events]
        best_group, best_score = None, GROUP_THRESHOLD
        for group_id, group_signatures in by_group.items():
            if group_id in taken:
                continue
            score = group_similarity(mine, group_signatures)
            if score >= best_score:
                best_group, best_score = group_id, score
        if best_group is None:
            best_group = EventGroup.objects.create().pk
        for event in events:
            event.group_id = best_group
        taken.add(best_group)
        by_group[best_group].update(mine)
    Event.objects.bulk_update(new_events, ["group"])


def mark_extracted(article: Article, backend: str) -> None:
    """Record a finished extraction, writing only the extraction's own fields (never the editor's)."""
    article.status = Article.Status.DONE
    article.error = ""
    article.nlp_backend = backend
    article.extracted_at = timezone.now()
    article.save(
        update_fields=[
            "status", "error", "nlp_backend", "extracted_at", "highlights", "published", "published_inferred",
            "updated_at",
        ]
    )  # fmt: skip
