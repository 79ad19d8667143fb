"""The timeline's read model: one TimelineCard row per card, kept current by every write.

Every write of the rows a card is made of (events, mentions, event groups, entities, articles) goes through
the models' own hooks, installed once here and in timeline/models.py: Django's signals for single rows, the
QuerySet methods for bulk writes (which send no signals). The hooks name the events they touched; the
cards of those events are refreshed by one function, `refresh_cards`, in the transaction of the write.
Writers never call anything themselves.

A bulk operation (a QuerySet delete, an article's cascade) runs inside `batched()`: its rows are collected
and their cards refreshed once, at the end, rather than once per row.

Each refresh takes the next number of the timeline's change sequence (TimelineState) and stamps the cards
it writes: a process that has seen number N asks for the cards with a larger number, and nothing else.
"""

from __future__ import annotations

import datetime
import re
import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.conf import settings
from django.db import connection
from django.db.models import Q
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver
from django.utils import timezone

from timeline.claims import CardStatus, SourceStance, card_status
from timeline.linking.folding import fold
from timeline.models import (
    Article,
    CardEntity,
    Entity,
    Event,
    EventGroup,
    Mention,
    TimelineCard,
    TimelineState,
)

NON_WORD = re.compile(r"[\W_]+")
CHUNK = 500
# News recalls history (the Korean War, 1950) but not a millennium: beyond these, a date is a misreading.
PLAUSIBLE_YEARS_BEFORE = 150
PLAUSIBLE_YEARS_AFTER = 10


def search_words(text: str) -> list[str]:
    """The words of a text for search: folded (case and accents), split on anything not a letter or digit."""
    return NON_WORD.sub(" ", fold(text)).split()


def search_text(texts: Iterable[str]) -> str:
    """ " word word ...": a word prefix is then a plain substring test (" koursk") in SQL and in Python."""
    return " " + " ".join(search_words(" ".join(texts))) + " "


# -- the change sequence ---------------------------------------------------------------------------------


def next_sequence() -> int:
    """Take the next number of the change sequence (locks TimelineState's row until the transaction ends)."""
    sql = (
        "UPDATE timeline_timelinestate SET version = version + 1, changed_at = %s WHERE id = 1 "
        "RETURNING version"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [timezone.now()])
        row = cursor.fetchone()
        if row is None:  # a fresh (or flushed) database: the row appears once
            TimelineState.objects.bulk_create([TimelineState(pk=1, version=0)], ignore_conflicts=True)
            cursor.execute(sql, [timezone.now()])
            row = cursor.fetchone()
    return int(row[0])


# -- collecting what a write touched ---------------------------------------------------------------------

_pending = threading.local()


def _collected() -> tuple[set[int], set[int]] | None:
    return getattr(_pending, "sets", None)


@contextmanager
def batched() -> Iterator[None]:
    """Collect the events touched inside the block; refresh their cards once when the outermost block ends
    (nothing when it ends with an exception: the transaction is rolled back anyway)."""
    outermost = _collected() is None
    if outermost:
        _pending.sets = (set(), set())
    try:
        yield
    except BaseException:
        if outermost:
            _pending.sets = None
        raise
    if outermost:
        event_ids, group_ids = _pending.sets
        _pending.sets = None
        refresh(event_ids, group_ids)


def mark_events(event_ids: Iterable[int], *, with_groups: bool = False) -> None:
    """The cards of these events must be refreshed; `with_groups`: also the groups they are in now (call
    before a write that may move them)."""
    event_ids = [pk for pk in event_ids if pk is not None]
    if not event_ids:
        return
    group_ids: list[int] = []
    if with_groups:
        for start in range(0, len(event_ids), CHUNK):
            found = Event.objects.filter(pk__in=event_ids[start : start + CHUNK]).exclude(group=None)
            group_ids += found.values_list("group_id", flat=True)
    mark(event_ids, group_ids)


def mark(event_ids: Iterable[int], group_ids: Iterable[int | None] = ()) -> None:
    sets = _collected()
    if sets is None:
        refresh(event_ids, group_ids)
    else:
        sets[0].update(event_ids)
        sets[1].update(g for g in group_ids if g is not None)


# -- the refresh -----------------------------------------------------------------------------------------


def refresh(event_ids: Iterable[int], group_ids: Iterable[int | None] = ()) -> None:
    """Refresh the cards of these events (the card of their group, or their own) and of these groups."""
    event_ids = sorted(set(event_ids))
    keys = {f"e{pk}" for pk in event_ids} | {f"g{pk}" for pk in group_ids if pk is not None}
    for start in range(0, len(event_ids), CHUNK):
        found = Event.objects.filter(pk__in=event_ids[start : start + CHUNK]).exclude(group=None)
        keys |= {f"g{pk}" for pk in found.values_list("group_id", flat=True)}
    ordered = sorted(keys)
    for start in range(0, len(ordered), CHUNK):
        refresh_cards(ordered[start : start + CHUNK])


def plausible(day: datetime.date, published: datetime.date | None) -> bool:
    """A date a news timeline can show without review: not centuries before the report, not years after it
    (settings TIMELINE_PLAUSIBLE_YEARS_BEFORE / _AFTER)."""
    before = getattr(settings, "TIMELINE_PLAUSIBLE_YEARS_BEFORE", PLAUSIBLE_YEARS_BEFORE)
    after = getattr(settings, "TIMELINE_PLAUSIBLE_YEARS_AFTER", PLAUSIBLE_YEARS_AFTER)
    reference = published or timezone.now().date()
    return reference.year - before <= day.year <= reference.year + after


def refresh_cards(keys: list[str]) -> None:
    """Rewrite the cards with these keys ("g<group>", "e<event>") from their public events: four reads and
    a few writes for the whole list. A card left without events keeps a row without lead (the change log)."""
    if not keys:
        return
    sequence = next_sequence()
    group_ids = [int(key[1:]) for key in keys if key[0] == "g"]
    event_ids = [int(key[1:]) for key in keys if key[0] == "e"]
    events = list(
        Event.objects.public()
        .filter(Q(group_id__in=group_ids) | Q(pk__in=event_ids, group__isnull=True))
        .values_list(
            "id", "group_id", "date_start", "date_end", "precision", "approximate", "category", "sentence",
            "article_id", "article__published", "speaker_id", "speaker__name", "speaker_country",
            "speaker_body", "stance", "speaker__kind",
        )
    )  # fmt: skip
    members: dict[str, list[tuple]] = defaultdict(list)
    for row in events:
        members[f"g{row[1]}" if row[1] is not None else f"e{row[0]}"].append(row)
    entities_of: dict[int, list[tuple[int, str, str, str]]] = defaultdict(list)
    mentions = Mention.objects.filter(event_id__in=[row[0] for row in events]).order_by("start", "id")
    for event_id, entity_id, kind, name, iso_code in mentions.values_list(
        "event_id", "entity_id", "entity__kind", "entity__name", "entity__iso_code"
    ):
        entities_of[event_id].append((entity_id, kind, name, iso_code))
    spoken_for = {row[12] for row in events if row[12] and row[14]}
    country_names = dict(
        Entity.objects.filter(kind="country", iso_code__in=spoken_for).values_list("iso_code", "name")
    )
    existing = {card.key: card for card in TimelineCard.objects.filter(key__in=keys)}
    to_create: list[TimelineCard] = []
    to_update: list[TimelineCard] = []
    links: list[tuple[TimelineCard, list[int]]] = []
    for key in keys:
        rows = members.get(key)
        card = existing.get(key) or TimelineCard(key=key)
        if not rows and card.pk is None:
            continue
        was_alive = card.alive
        card.version += 1
        card.sequence = sequence
        if rows:
            lead = min(rows, key=lambda r: (r[3] - r[2], r[2], r[0]))
            entities: dict[int, tuple[int, str, str, str]] = {}
            for row in rows:
                for entity in entities_of.get(row[0], []):
                    entities.setdefault(entity[0], entity)
            by_kind: dict[str, list[int]] = defaultdict(list)
            for entity_id, kind, _name, _iso in entities.values():
                by_kind[kind].append(entity_id)
            card.lead_event_id = lead[0]
            card.date_start, card.date_end = lead[2], lead[3]
            card.precision, card.approximate = lead[4], lead[5]
            card.categories = " " + " ".join(sorted({row[6] for row in rows})) + " "
            card.entity_ids = {kind: sorted(ids) for kind, ids in sorted(by_kind.items())}
            card.country_codes = sorted({iso for _id, kind, _n, iso in entities.values() if iso})
            card.search_text = search_text([row[7] for row in rows] + [e[2] for e in entities.values()])
            card.source_count = len({row[8] for row in rows})
            card.plausible = plausible(lead[2], lead[9]) and plausible(lead[3], lead[9])
            said = card_status(source_stance(row) for row in rows)
            card.status = said.status or ""
            card.first_reported = said.first_reported
            card.claims = claims_label(said, country_names)
            if not was_alive:
                card.created_sequence = sequence
            links.append((card, sorted(entities)))
        else:
            card.lead_event_id = card.date_start = card.date_end = None
            card.precision, card.approximate, card.categories, card.entity_ids = "", False, "", {}
            card.country_codes, card.search_text, card.source_count = [], "", 0
            card.status, card.first_reported, card.claims = "", None, []
        (to_update if card.pk else to_create).append(card)
    fields = [f.name for f in TimelineCard._meta.concrete_fields if f.name not in ("id", "key")]
    TimelineCard.objects.bulk_update(to_update, fields)
    TimelineCard.objects.bulk_create(to_create)
    CardEntity.objects.filter(card__in=[card.pk for card in to_update]).delete()
    CardEntity.objects.bulk_create(
        [CardEntity(card=card, entity_id=entity_id) for card, ids in links for entity_id in ids]
    )


def source_stance(row: tuple) -> SourceStance:
    """A card's source (a row of `refresh_cards`' event query) as timeline.claims reads it: an event with a
    stance and a speaker (an entity, or only the state it speaks for) is attributed, any other is not."""
    published, speaker_id, speaker_name, country, body, stance, kind = row[9:16]
    key = f"entity:{speaker_id}" if speaker_id else (f"country:{country}" if country else None)
    if key is None or not stance:
        return SourceStance(None, None, None, published)
    return SourceStance(
        key, country or None, stance, published, speaker_name or "", body or None, speaker_kind=kind or None
    )


def claims_label(said: CardStatus, country_names: dict[str, str]) -> list[dict[str, object]]:
    """Who says what on a card, for its label: the parties grouped by standing stance, each named by the
    state it speaks for (else its speaker) with the capacities its speakers spoke in."""
    out: list[dict[str, object]] = []
    for stance, parties in said.parties_by_stance():
        named = []
        for party in parties:
            name = country_names.get(party.country or "") or party.speakers[0].name
            bodies = sorted({ref.body for ref in party.speakers if ref.body})
            named.append({"name": name, "country": party.country or "", "bodies": bodies})
        out.append({"stance": stance, "parties": named})
    return out


def rebuild_all() -> int:
    """Refresh every card of the database (the migration that creates the table, `manage.py
    rebuild_cards`); returns how many keys were refreshed."""
    keys = {f"g{pk}" for pk in EventGroup.objects.values_list("pk", flat=True)}
    keys |= {f"e{pk}" for pk in Event.objects.filter(group=None).values_list("pk", flat=True)}
    keys |= set(TimelineCard.objects.values_list("key", flat=True))
    ordered = sorted(keys)
    for start in range(0, len(ordered), CHUNK):
        refresh_cards(ordered[start : start + CHUNK])
    return len(ordered)


# -- the hooks -------------------------------------------------------------------------------------------


@receiver(pre_save, sender=Event)
def _event_before_save(sender, instance: Event, raw=False, **kwargs) -> None:
    # The group it leaves needs a refresh too.
    instance._left_group_id = (  # type: ignore[attr-defined]  # read back by the post-save hook
        Event.objects.filter(pk=instance.pk).values_list("group_id", flat=True).first()
        if instance.pk
        else None
    )


@receiver(post_save, sender=Event)
def _event_saved(sender, instance: Event, raw=False, **kwargs) -> None:
    if not raw:
        mark([instance.pk], [getattr(instance, "_left_group_id", None), instance.group_id])


@receiver(post_delete, sender=Event)
def _event_deleted(sender, instance: Event, **kwargs) -> None:
    mark([instance.pk], [instance.group_id])


@receiver(post_save, sender=Mention)
@receiver(post_delete, sender=Mention)
def _mention_changed(sender, instance: Mention, raw=False, **kwargs) -> None:
    if not raw:
        mark([instance.event_id])


@receiver(pre_delete, sender=EventGroup)
def _group_deleted(sender, instance: EventGroup, **kwargs) -> None:
    # Its events are set free by an UPDATE that sends no signal: each becomes a card of its own.
    mark(list(Event.objects.filter(group=instance).values_list("pk", flat=True)), [instance.pk])


ENTITY_CARD_FIELDS = ("name", "kind", "iso_code")  # what a card holds of an entity


@receiver(pre_save, sender=Entity)
def _entity_before_save(sender, instance: Entity, raw=False, **kwargs) -> None:
    before = (
        Entity.objects.filter(pk=instance.pk).values_list(*ENTITY_CARD_FIELDS).first()
        if instance.pk
        else None
    )
    instance._card_fields_before = before  # type: ignore[attr-defined]  # read back after the save


@receiver(post_save, sender=Entity)
def _entity_saved(sender, instance: Entity, created=False, raw=False, **kwargs) -> None:
    # A new entity is on no card yet; a renamed one changes their text (Russia saved unchanged touches none
    # of its 50,000 cards).
    before = getattr(instance, "_card_fields_before", None)
    if created or raw or before == tuple(getattr(instance, name) for name in ENTITY_CARD_FIELDS):
        return
    touched = set(Mention.objects.filter(entity=instance).values_list("event_id", flat=True))
    # Cards name their speakers too (TimelineCard.claims): an entity that speaks, or the state spoken for.
    speaking = (
        Q(speaker=instance) | Q(speaker_country=instance.iso_code)
        if instance.iso_code
        else Q(speaker=instance)
    )
    touched |= set(Event.objects.filter(speaking).values_list("pk", flat=True))
    mark(touched)


CARD_ARTICLE_FIELDS = {"status", "extracted_at", "title", "source", "url", "published", "language"}


@receiver(post_save, sender=Article)
def _article_saved(sender, instance: Article, created=False, raw=False, update_fields=None, **kwargs) -> None:
    # Whether it is public and what its cards say of it (title, source, date).
    if created or raw or (update_fields is not None and not CARD_ARTICLE_FIELDS & set(update_fields)):
        return
    mark(list(Event.objects.filter(article=instance).values_list("pk", flat=True)))
