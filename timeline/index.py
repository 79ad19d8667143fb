"""Reading the timeline's cards: which cards a view selects, how many, a page of them, facet counts, the
monthly chart, person suggestions. Two implementations of one interface, both reading the read model
(TimelineCard, kept current by timeline/read_model.py):

- `DatabaseCards` asks the database for each answer (SQL on the cards and the card-entity table);
- `CardIndex`, the in-process accelerator: the cards as numpy arrays indexed by card primary key, so a
  combination of filters is an AND of boolean arrays and all the counts of a facet one bincount. It
  follows the read model's change log: each request asks for the cards changed since the last sequence
  number it saw (one small query) and applies them in place. It is never rebuilt whole on a request: the
  first build runs in a background thread at start-up, while requests are answered by `DatabaseCards`.

Nothing here writes to the database.
"""

from __future__ import annotations

import contextlib
import ctypes
import datetime
import logging
import threading
from collections import OrderedDict, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

import numpy as np
from django.conf import settings
from django.db import close_old_connections, connection
from django.db.models import Count, Q, QuerySet

from timeline.linking.folding import fold
from timeline.models import CardEntity, CardStatus, Category, Entity, EntityAlias, TimelineCard, TimelineState
from timeline.read_model import search_words

if TYPE_CHECKING:
    from timeline.filters import TimelineFilters

logger = logging.getLogger(__name__)

MAX_MONTHS = 36  # a period longer than this counts in its first month of the chart only
MAX_CHART_MONTHS = 240  # the chart's range, at most (the latest months)
TEXT_CACHE_SIZE = 32  # searches kept with their answers (one boolean per card each)
PERSON_KIND = Entity.Kind.PERSON
KIND_CODES = {kind: n for n, kind in enumerate(Entity.Kind.values)}
CATEGORY_BITS = {name: 1 << n for n, name in enumerate(Category.values)}
STATUS_CODES = {name: n + 1 for n, name in enumerate(CardStatus.values)}  # 0: no status
CARD_ARRAYS = ("alive", "plausible", "start", "end", "lead", "version", "created", "categories", "status",
               "pairs_from", "pairs_to", "month_first", "month_last")  # fmt: skip


def months_of(start: datetime.date, end: datetime.date) -> list[str]:
    """The months ("YYYY-MM") a period overlaps; a period longer than MAX_MONTHS counts in its first only
    (a decade or a century would otherwise fill the chart)."""
    months = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month) and len(months) < MAX_MONTHS:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    if (year, month) <= (end.year, end.month):
        return months[:1]
    return months


def month_range(present: Iterable[str], counts: dict[str, int]) -> list[tuple[str, int]]:
    """(month, count) from the first to the last month present, gaps included, at most MAX_CHART_MONTHS
    (the latest): one misread date can never make the chart thousands of bars wide."""
    present = sorted(present)
    if not present:
        return []
    months = []
    year, month = map(int, present[-1].split("-"))
    first = present[0]
    while len(months) < MAX_CHART_MONTHS:
        label = f"{year:04d}-{month:02d}"
        months.append((label, counts.get(label, 0)))
        if label == first:
            break
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return months[::-1]


def parse_cursor(cursor: str) -> tuple[datetime.date, datetime.date, int] | None:
    """A page cursor names a sort key (start, end, lead event): it stays valid whatever changes."""
    try:
        start, end, lead = cursor.split("_")
        return datetime.date.fromisoformat(start), datetime.date.fromisoformat(end), int(lead)
    except ValueError:
        return None


def make_cursor(start: datetime.date, end: datetime.date, lead: int) -> str:
    return f"{start.isoformat()}_{end.isoformat()}_{lead}"


@dataclass(frozen=True, slots=True)
class EntityInfo:
    id: int
    kind: str
    name: str
    slug: str
    iso_code: str


class CardRef(NamedTuple):
    """A card of a page: its row, its lead event and its version (the key of its rendered markup)."""

    id: int
    lead_event_id: int
    version: int


ENTITY_FIELDS = ("id", "kind", "name", "slug", "iso_code")


def entity_infos(ids: Iterable[int] | None = None) -> dict[int, EntityInfo]:
    if ids is None:
        rows = Entity.objects.all()
    else:
        rows = Entity.objects.filter(pk__in=ids if isinstance(ids, QuerySet) else list(ids))
    return {row[0]: EntityInfo(*row) for row in rows.values_list(*ENTITY_FIELDS)}


def folded_names(names: Iterable[str]) -> str:
    return "\n".join(" ".join(fold(name).split()) for name in names)


# -- the database ----------------------------------------------------------------------------------------


class DatabaseCards:
    """Every answer asked of the database (slower at 100,000 cards; used while the accelerator builds and
    when TIMELINE_ACCELERATOR is off). A selection is a QuerySet of live cards."""

    ready = True

    def __init__(self) -> None:
        self.sequence = TimelineState.current()
        self._counted: dict[str, dict[int, int]] = {}

    # entities
    def country(self, code: str) -> EntityInfo | None:
        return next(iter(entity_infos(Entity.objects.filter(iso_code=code).values("pk")).values()), None)

    def person(self, slug: str) -> EntityInfo | None:
        found = Entity.objects.filter(kind=PERSON_KIND, slug=slug).values("pk")
        return next(iter(entity_infos(found).values()), None)

    def entity(self, entity_id: int) -> EntityInfo:
        return entity_infos([entity_id])[entity_id]

    # selecting
    def select(
        self, filters: TimelineFilters, *, categories: bool = True, statuses: bool = True
    ) -> QuerySet[TimelineCard]:
        cards = TimelineCard.objects.filter(lead_event_id__isnull=False)
        if filters.statuses and statuses:
            cards = cards.filter(status__in=filters.statuses)
        for entity in [*map(self.country, filters.countries), *map(self.person, filters.persons)]:
            cards = cards.filter(pk__in=CardEntity.objects.filter(entity_id=entity.id).values("card_id"))
        if filters.categories and categories:
            either = Q()
            for name in filters.categories:
                either |= Q(categories__contains=f" {name} ")
            cards = cards.filter(either)
        if filters.date_from:
            cards = cards.filter(date_end__gte=filters.date_from)
        if filters.date_to:
            cards = cards.filter(date_start__lte=filters.date_to)
        for word in search_words(filters.q):
            cards = cards.filter(search_text__contains=f" {word}")
        return cards

    def of_entity(self, entity_id: int) -> QuerySet[TimelineCard]:
        return TimelineCard.objects.filter(
            lead_event_id__isnull=False,
            pk__in=CardEntity.objects.filter(entity_id=entity_id).values("card_id"),
        )

    def count(self, selection: QuerySet[TimelineCard]) -> int:
        return selection.count()

    def new_since(self, selection: QuerySet[TimelineCard], sequence: int) -> int:
        return selection.filter(created_sequence__gt=sequence).count()

    def page(
        self, selection: QuerySet[TimelineCard], *, newest_first: bool, cursor: str = "", size: int = 50
    ) -> tuple[list[CardRef], str]:
        order = ["date_start", "date_end", "lead_event_id"]
        if cursor:
            key = parse_cursor(cursor)
            if key is None:
                return [], ""
            start, end, lead = key
            after = (
                Q(date_start__gt=start)
                | Q(date_start=start, date_end__gt=end)
                | Q(date_start=start, date_end=end, lead_event_id__gt=lead)
            )
            before = (
                Q(date_start__lt=start)
                | Q(date_start=start, date_end__lt=end)
                | Q(date_start=start, date_end=end, lead_event_id__lt=lead)
            )
            selection = selection.filter(before if newest_first else after)
        if newest_first:
            order = [f"-{name}" for name in order]
        rows = list(
            selection.order_by(*order).values_list(
                "id", "lead_event_id", "version", "date_start", "date_end"
            )[: size + 1]
        )
        more = len(rows) > size
        rows = rows[:size]
        refs = [CardRef(row[0], row[1], row[2]) for row in rows]
        last = rows[-1] if rows else None
        return refs, make_cursor(last[3], last[4], last[1]) if more and last else ""

    def all_leads(self, selection: QuerySet[TimelineCard], *, newest_first: bool) -> list[int]:
        order = ["date_start", "date_end", "lead_event_id"]
        order = [f"-{name}" for name in order] if newest_first else order
        return list(selection.order_by(*order).values_list("lead_event_id", flat=True))

    # counting
    def _entity_counts(self, selection: QuerySet[TimelineCard]) -> dict[int, int]:
        # Asked once per selection and request, for every facet kind.
        key = str(selection.query)
        if key not in self._counted:
            rows = (
                CardEntity.objects.filter(card__in=selection.values("pk"))
                .values_list("entity_id")
                .annotate(n=Count("id"))
                .order_by()
            )
            self._counted[key] = dict(rows)
        return self._counted[key]

    def facet(
        self, selection: QuerySet[TimelineCard], kind: str, limit: int | None = None
    ) -> list[tuple[EntityInfo, int]]:
        counts = self._entity_counts(selection)
        infos = entity_infos(Entity.objects.filter(pk__in=list(counts), kind=kind).values("pk"))
        found = sorted(((info, counts[pk]) for pk, info in infos.items()), key=lambda i: (-i[1], i[0].name))
        return found[:limit] if limit is not None else found

    def entity_count(self, selection: QuerySet[TimelineCard], entity_id: int) -> int:
        return selection.filter(
            pk__in=CardEntity.objects.filter(entity_id=entity_id).values("card_id")
        ).count()

    def category_counts(self, selection: QuerySet[TimelineCard]) -> dict[str, int]:
        counts = dict.fromkeys(Category.values, 0)
        for combination, n in selection.values_list("categories").annotate(n=Count("id")).order_by():
            for name in combination.split():
                counts[name] = counts.get(name, 0) + n
        return counts

    def status_counts(self, selection: QuerySet[TimelineCard]) -> dict[str, int]:
        counts = dict.fromkeys(CardStatus.values, 0)
        for status, n in (
            selection.exclude(status="").values_list("status").annotate(n=Count("id")).order_by()
        ):
            counts[status] = n
        return counts

    def histogram(self, selection: QuerySet[TimelineCard]) -> list[tuple[str, int]]:
        # Cards counted per distinct (start, end) in SQL (a few thousand rows whatever the cards), then spread
        # over their months here.
        spans = selection.filter(plausible=True).values_list("date_start", "date_end").annotate(n=Count("id"))
        counts: dict[str, int] = defaultdict(int)
        for start, end, n in spans.order_by():
            for month in months_of(start, end):
                counts[month] += n
        return month_range(counts, counts)

    def period_counts(
        self, selection: QuerySet[TimelineCard], periods: Sequence[tuple[datetime.date, datetime.date]]
    ) -> list[int]:
        """Cards overlapping each (first, last) period, as the date filter selects them there (the time
        brush's weeks and days; periods in order). Implausible dates are left out, as in the histogram."""
        if not periods:
            return []
        spans = (
            selection.filter(plausible=True, date_start__lte=periods[-1][1], date_end__gte=periods[0][0])
            .values_list("date_start", "date_end")
            .annotate(n=Count("id"))
            .order_by()
        )
        counts = [0] * len(periods)
        for start, end, n in spans:
            for position, (first, last) in enumerate(periods):
                if start <= last and end >= first:
                    counts[position] += n
        return counts

    def find_persons(self, typed: str, limit: int = 8) -> list[tuple[EntityInfo, int]]:
        needle = " ".join(typed.split())
        if len(needle) < 2:
            return []
        persons = Entity.objects.filter(kind=PERSON_KIND)
        names = dict(persons.values_list("pk", "name"))
        aliases: dict[int, list[str]] = defaultdict(list)
        for entity_id, name in EntityAlias.objects.filter(entity__kind=PERSON_KIND).values_list(
            "entity_id", "name"
        ):
            aliases[entity_id].append(name)
        folded = " ".join(fold(needle).split())
        matching = [pk for pk, name in names.items() if folded in folded_names([name, *aliases[pk]])]
        counts = dict(
            CardEntity.objects.filter(entity_id__in=matching, card__lead_event_id__isnull=False)
            .values_list("entity_id")
            .annotate(n=Count("id"))
        )
        infos = entity_infos(matching)
        found = sorted(((infos[pk], counts.get(pk, 0)) for pk in matching), key=lambda i: (-i[1], i[0].name))
        return found[:limit]

    def aliases(self, entity_id: int) -> list[str]:
        return list(EntityAlias.objects.filter(entity_id=entity_id).values_list("name", flat=True))

    def related(self, entity_id: int, limit: int = 10) -> list[tuple[EntityInfo, int]]:
        counts = self._entity_counts(self.of_entity(entity_id))
        counts.pop(entity_id, None)
        infos = entity_infos(counts)
        found = sorted(
            ((infos[pk], n) for pk, n in counts.items() if pk in infos), key=lambda i: (-i[1], i[0].name)
        )
        return found[:limit]


# -- the accelerator -------------------------------------------------------------------------------------

CARD_FIELDS = (
    "id", "lead_event_id", "date_start", "date_end", "categories", "entity_ids", "search_text", "version",
    "sequence", "created_sequence", "plausible", "status",
)  # fmt: skip


@dataclass(eq=False)
class CardIndex:
    """The cards in memory as numpy arrays indexed by card primary key; a selection is an array of booleans
    (one per card). Entities are (entity, card) pairs, so that counting every facet is one bincount. Memory
    grows with the cards only: no per-entity bitsets, no per-card Python objects but the search text."""

    ready: bool = True
    sequence: int = 0
    capacity: int = 0
    alive: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))
    plausible: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))
    # Date ordinals (below 2**22) and pair positions fit in 32 bits: half the memory of int64.
    start: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    end: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    lead: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    version: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    created: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    categories: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.uint8))  # one bit each
    status: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.uint8))  # STATUS_CODES, 0: none
    # The chart's months of each card (year * 12 + month - 1): first and last it counts in.
    month_first: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    month_last: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    pairs_from: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))  # a card's pairs
    pairs_to: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    texts: SearchTexts = field(default_factory=lambda: SearchTexts())
    # (entity, card) pairs, appended; a changed card's old pairs are marked dead (compacted now and then).
    pair_count: int = 0
    pair_entity: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))  # dense numbers
    pair_card: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    pair_live: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))
    dense: dict[int, int] = field(default_factory=dict)  # entity id -> dense number
    dense_ids: list[int] = field(default_factory=list)
    dense_kinds: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int8))
    entities: dict[int, EntityInfo] = field(default_factory=dict)
    by_iso: dict[str, int] = field(default_factory=dict)
    by_slug: dict[tuple[str, str], int] = field(default_factory=dict)
    person_names: dict[int, str] = field(default_factory=dict)  # folded name and aliases, for the type-ahead
    _text_cache: OrderedDict[tuple[str, ...], np.ndarray] = field(default_factory=OrderedDict)
    _last_counts: tuple[np.ndarray, int, np.ndarray] | None = None
    _lock: threading.RLock = field(default_factory=threading.RLock)

    # -- building and following the change log ---------------------------------------------------------

    @classmethod
    def build(cls) -> CardIndex:
        """Read every live card (and the entities) and index them."""
        index = cls()
        index._entities_changed(None)
        rows = (
            TimelineCard.objects.filter(lead_event_id__isnull=False).order_by("pk").values_list(*CARD_FIELDS)
        )
        # The sequence first: a card changed while we read is read again by the next sync.
        index.sequence = TimelineState.current()
        chunk: list[tuple] = []
        for row in rows.iterator(chunk_size=5000):
            chunk.append(row)
            if len(chunk) == 5000:
                index._apply(chunk, building=True)
                chunk = []
        index._apply(chunk, building=True)
        index.texts.finish_build()
        index._trim_pairs()
        return index

    def sync(self) -> None:
        """Apply the cards changed since the last sequence number seen (one query; two more when some
        changed, for their entities)."""
        rows = list(
            TimelineCard.objects.filter(sequence__gt=self.sequence)
            .order_by("sequence")
            .values_list(*CARD_FIELDS)
        )
        if not rows:
            return
        with self._lock:
            rows = [row for row in rows if row[8] > self.sequence]
            if not rows:
                return
            ids = {entity for row in rows for ids in (row[5] or {}).values() for entity in ids}
            self._entities_changed(ids)
            self._apply(rows)
            self.sequence = max(self.sequence, max(row[8] for row in rows))

    def _entities_changed(self, ids: set[int] | None) -> None:
        found = entity_infos(ids)
        aliases: dict[int, list[str]] = defaultdict(list)
        alias_rows = EntityAlias.objects.filter(entity__kind=PERSON_KIND)
        if ids is not None:
            persons = [pk for pk, info in found.items() if info.kind == PERSON_KIND]
            alias_rows = alias_rows.filter(entity_id__in=persons)
        for entity_id, name in alias_rows.values_list("entity_id", "name"):
            aliases[entity_id].append(name)
        for info in found.values():
            old = self.entities.get(info.id)
            if old is not None and (old.kind, old.slug) != (info.kind, info.slug):
                self.by_slug.pop((old.kind, old.slug), None)
            self.entities[info.id] = info
            self.by_slug[(info.kind, info.slug)] = info.id
            if info.iso_code:
                self.by_iso[info.iso_code] = info.id
            if info.kind == PERSON_KIND:
                self.person_names[info.id] = folded_names([info.name, *aliases.get(info.id, [])])
            if info.id in self.dense:
                self.dense_kinds[self.dense[info.id]] = KIND_CODES.get(info.kind, -1)

    def _grow(self, needed: int) -> None:
        if needed <= self.capacity:
            return
        capacity = max(needed + needed // 4, 1024)  # a quarter spare: few copies, little waste
        for name in CARD_ARRAYS:
            old = getattr(self, name)
            new = np.zeros(capacity, dtype=old.dtype)
            new[: len(old)] = old
            setattr(self, name, new)
        for words, selected in self._text_cache.items():
            grown = np.zeros(capacity, dtype=bool)
            grown[: len(selected)] = selected
            self._text_cache[words] = grown
        self.capacity = capacity

    def _dense_number(self, entity_id: int) -> int:
        number = self.dense.get(entity_id)
        if number is None:
            number = self.dense[entity_id] = len(self.dense_ids)
            self.dense_ids.append(entity_id)
            info = self.entities.get(entity_id)
            kinds = np.zeros(len(self.dense_ids), dtype=np.int8)
            kinds[: len(self.dense_kinds)] = self.dense_kinds
            kinds[number] = KIND_CODES.get(info.kind, -1) if info else -1
            self.dense_kinds = kinds
        return number

    def _add_pairs(self, pairs: list[tuple[int, int]]) -> None:
        needed = self.pair_count + len(pairs)
        if needed > len(self.pair_entity):
            size = max(needed, len(self.pair_entity) * 2, 4096)
            for name in ("pair_entity", "pair_card", "pair_live"):
                old = getattr(self, name)
                new = np.zeros(size, dtype=old.dtype)
                new[: self.pair_count] = old[: self.pair_count]
                setattr(self, name, new)
        if pairs:
            block = np.array(pairs, dtype=np.int32)
            self.pair_entity[self.pair_count : needed] = block[:, 0]
            self.pair_card[self.pair_count : needed] = block[:, 1]
            self.pair_live[self.pair_count : needed] = True
        self.pair_count = needed

    def _trim_pairs(self) -> None:
        """After the build: the pair arrays grew by doubling; keep a quarter spare, not up to a half."""
        size = max(self.pair_count + self.pair_count // 4, 4096)
        if size < len(self.pair_entity):
            for name in ("pair_entity", "pair_card", "pair_live"):
                setattr(self, name, getattr(self, name)[:size].copy())

    def _compact_pairs(self) -> None:
        """Drop dead pairs when they outnumber the live ones (each card's pairs stay contiguous)."""
        live = np.flatnonzero(self.pair_live[: self.pair_count])
        if len(live) * 2 >= self.pair_count:
            return
        cards = self.pair_card[live]
        entity, card = self.pair_entity[live].copy(), cards.copy()
        self.pair_entity[: len(live)], self.pair_card[: len(live)] = entity, card
        self.pair_live[: len(live)] = True
        self.pair_live[len(live) :] = False
        self.pair_count = len(live)
        # New ranges: the pairs of a card were contiguous and stay so, in the same order.
        if len(live):
            starts = np.flatnonzero(np.r_[True, card[1:] != card[:-1]])
            stops = np.r_[starts[1:], len(card)]
            self.pairs_from[card[starts]] = starts
            self.pairs_to[card[starts]] = stops

    def _apply(self, rows: list[tuple], *, building: bool = False) -> None:
        """Write each card's row (of CARD_FIELDS) over its old one."""
        if not rows:
            return
        self._grow(max(row[0] for row in rows) + 1)
        pairs: list[tuple[int, int]] = []
        changed = []
        built_texts: list[
            str
        ] = []  # the build reads cards in key order: their texts are joined a chunk at a time
        for (
            pk,
            lead,
            start,
            end,
            categories,
            entity_ids,
            text,
            version,
            _seq,
            created,
            plausible,
            status,
        ) in rows:
            changed.append(pk)
            old_from, old_to = self.pairs_from[pk], self.pairs_to[pk]
            if old_to > old_from:
                self.pair_live[old_from:old_to] = False
            self.pairs_from[pk] = self.pairs_to[pk] = 0
            if lead is None:
                self.alive[pk] = False
                self.texts.set(pk, "")
                continue
            self.alive[pk] = True
            self.plausible[pk] = plausible
            self.start[pk], self.end[pk] = start.toordinal(), end.toordinal()
            self.lead[pk], self.version[pk], self.created[pk] = lead, version, created
            first, last = start.year * 12 + start.month - 1, end.year * 12 + end.month - 1
            self.month_first[pk], self.month_last[pk] = first, first if last - first >= MAX_MONTHS else last
            bits = 0
            for name in categories.split():
                bits |= CATEGORY_BITS.get(name, 0)
            self.categories[pk] = bits
            self.status[pk] = STATUS_CODES.get(status, 0)
            if building:
                built_texts.append(text)
            else:
                self.texts.set(pk, text)
            first = self.pair_count + len(pairs)
            for ids in (entity_ids or {}).values():
                pairs.extend((self._dense_number(entity_id), pk) for entity_id in ids)
            self.pairs_from[pk], self.pairs_to[pk] = first, self.pair_count + len(pairs)
        self._add_pairs(pairs)
        self._compact_pairs()
        if building:
            self.texts.extend([row[0] for row in rows if row[1] is not None], built_texts)
        else:
            self.texts.rejoin_if_many()
        # Searches already asked keep their answers: only the changed cards are tested again.
        for words, selected in self._text_cache.items():
            for pk in changed:
                selected[pk] = bool(self.alive[pk]) and _matches(self.texts.get(pk), words)

    # -- entities --------------------------------------------------------------------------------------

    def country(self, code: str) -> EntityInfo | None:
        pk = self.by_iso.get(code)
        return self.entities[pk] if pk is not None else None

    def person(self, slug: str) -> EntityInfo | None:
        pk = self.by_slug.get((PERSON_KIND, slug))
        return self.entities[pk] if pk is not None else None

    def entity(self, entity_id: int) -> EntityInfo:
        return self.entities[entity_id]

    def aliases(self, entity_id: int) -> list[str]:
        return list(EntityAlias.objects.filter(entity_id=entity_id).values_list("name", flat=True))

    # -- selecting -------------------------------------------------------------------------------------

    def _live_pairs(self) -> tuple[np.ndarray, np.ndarray]:
        n = self.pair_count
        live = self.pair_live[:n]
        return self.pair_entity[:n][live], self.pair_card[:n][live]

    def of_entity(self, entity_id: int) -> np.ndarray:
        """The cards involving an entity."""
        selected = np.zeros(self.capacity, dtype=bool)
        number = self.dense.get(entity_id)
        if number is not None:
            n = self.pair_count
            hits = (self.pair_entity[:n] == number) & self.pair_live[:n]
            selected[self.pair_card[:n][hits]] = True
        return selected & self.alive

    def select(
        self, filters: TimelineFilters, *, categories: bool = True, statuses: bool = True
    ) -> np.ndarray:
        """The cards the filters select (optionally ignoring the categories, the statuses)."""
        selected = self.alive.copy()
        if filters.statuses and statuses:
            selected &= np.isin(self.status, [STATUS_CODES[name] for name in filters.statuses])
        for entity in [*map(self.country, filters.countries), *map(self.person, filters.persons)]:
            if entity is None:
                return np.zeros(self.capacity, dtype=bool)
            selected &= self.of_entity(entity.id)
        if filters.categories and categories:
            wanted = 0
            for name in filters.categories:
                wanted |= CATEGORY_BITS.get(name, 0)
            selected &= (self.categories & wanted) != 0
        if filters.date_to:
            selected &= self.start <= filters.date_to.toordinal()
        if filters.date_from:
            selected &= self.end >= filters.date_from.toordinal()
        if filters.q:
            selected &= self.text_mask(filters.q)
        return selected

    def text_mask(self, query: str) -> np.ndarray:
        """Cards with a word starting with each word of the query (case and accents ignored)."""
        selected = self.alive.copy()
        # Each word's cards are kept apart, so that "ceasefire talks" reuses what "ceasefire" found.
        for word in dict.fromkeys(search_words(query)):
            key = (word,)
            with self._lock:
                if key in self._text_cache:
                    self._text_cache.move_to_end(key)
                else:
                    self._text_cache[key] = self.texts.search(key, self.capacity) & self.alive
                    while len(self._text_cache) > TEXT_CACHE_SIZE:
                        self._text_cache.popitem(last=False)
                selected &= self._text_cache[key]
        return selected

    def count(self, selected: np.ndarray) -> int:
        return int(np.count_nonzero(selected))

    def new_since(self, selected: np.ndarray, sequence: int) -> int:
        return int(np.count_nonzero(selected & (self.created > sequence)))

    def _ordered(
        self, selected: np.ndarray, *, newest_first: bool, cursor: str, size: int | None
    ) -> list[int]:
        ids = np.flatnonzero(selected)
        if cursor:
            key = parse_cursor(cursor)
            if key is None:
                return []
            start, end, lead = key[0].toordinal(), key[1].toordinal(), key[2]
            s, e, led = self.start[ids], self.end[ids], self.lead[ids]
            if newest_first:
                keep = (s < start) | ((s == start) & ((e < end) | ((e == end) & (led < lead))))
            else:
                keep = (s > start) | ((s == start) & ((e > end) | ((e == end) & (led > lead))))
            ids = ids[keep]
        # The order (start, end, lead) with (start, end) in one int64: ordinals stay below 2**22.
        primary = (self.start[ids].astype(np.int64) << 22) | self.end[ids]
        if newest_first:
            primary = -primary
        if size is not None and len(ids) > size:
            threshold = np.partition(primary, size - 1)[size - 1]
            keep = primary <= threshold
            ids, primary = ids[keep], primary[keep]
        leads = -self.lead[ids] if newest_first else self.lead[ids]
        ordered = ids[np.lexsort((leads, primary))]
        return ordered.tolist() if size is None else ordered[:size].tolist()

    def page(
        self, selected: np.ndarray, *, newest_first: bool, cursor: str = "", size: int = 50
    ) -> tuple[list[CardRef], str]:
        if cursor and parse_cursor(cursor) is None:
            return [], ""
        ids = self._ordered(selected, newest_first=newest_first, cursor=cursor, size=size + 1)
        more = len(ids) > size
        ids = ids[:size]
        refs = [CardRef(pk, int(self.lead[pk]), int(self.version[pk])) for pk in ids]
        if not more or not ids:
            return refs, ""
        last = ids[-1]
        start = datetime.date.fromordinal(int(self.start[last]))
        return refs, make_cursor(start, datetime.date.fromordinal(int(self.end[last])), int(self.lead[last]))

    def all_leads(self, selected: np.ndarray, *, newest_first: bool) -> list[int]:
        ordered = self._ordered(selected, newest_first=newest_first, cursor="", size=None)
        return self.lead[ordered].tolist() if ordered else []

    # -- counting --------------------------------------------------------------------------------------

    def _entity_counts(self, selected: np.ndarray) -> np.ndarray:
        # Every facet of a page counts under the same selection: counted once (the selection is held, so
        # its identity cannot be reused by another array meanwhile).
        last = self._last_counts
        if last is not None and last[0] is selected and last[1] == self.pair_count:
            return last[2].copy()
        n = self.pair_count
        taken = self.pair_live[:n] & selected[self.pair_card[:n]]
        counts = np.bincount(self.pair_entity[:n][taken], minlength=len(self.dense_ids))
        self._last_counts = (selected, n, counts)
        return counts.copy()

    def _ranked(
        self, counts: np.ndarray, candidates: np.ndarray, limit: int | None
    ) -> list[tuple[EntityInfo, int]]:
        candidates = candidates[np.argsort(-counts[candidates], kind="stable")]
        if limit is not None and len(candidates) > limit:
            # Keep everything tied with the last place, so the tie-break by name stays exact.
            last = counts[candidates[limit - 1]]
            candidates = candidates[counts[candidates] >= last]
        found = [
            (self.entities[self.dense_ids[n]], int(counts[n]))
            for n in candidates.tolist()
            if self.dense_ids[n] in self.entities
        ]
        found.sort(key=lambda item: (-item[1], item[0].name))
        return found[:limit] if limit is not None else found

    def facet(
        self, selected: np.ndarray, kind: str, limit: int | None = None
    ) -> list[tuple[EntityInfo, int]]:
        """Entities of a kind with the number of selected cards involving them, most first (ties by name);
        only the first `limit` when given."""
        counts = self._entity_counts(selected)
        candidates = np.flatnonzero((counts > 0) & (self.dense_kinds == KIND_CODES[kind]))
        return self._ranked(counts, candidates, limit)

    def entity_count(self, selected: np.ndarray, entity_id: int) -> int:
        return int(np.count_nonzero(selected & self.of_entity(entity_id)))

    def category_counts(self, selected: np.ndarray) -> dict[str, int]:
        chosen = self.categories[selected]
        return {name: int(np.count_nonzero(chosen & bit)) for name, bit in CATEGORY_BITS.items()}

    def status_counts(self, selected: np.ndarray) -> dict[str, int]:
        counts = np.bincount(self.status[selected], minlength=len(STATUS_CODES) + 1)
        return {name: int(counts[code]) for name, code in STATUS_CODES.items()}

    def histogram(self, selected: np.ndarray) -> list[tuple[str, int]]:
        """Cards per month: a card counts in every month its period overlaps, as the date filter selects it
        for each of them (a bar's count is what clicking it shows); a period longer than MAX_MONTHS in its
        first month only. Implausible dates are left out."""
        chosen = selected & self.plausible
        if not chosen.any():
            return []
        first, last = self.month_first[chosen], self.month_last[chosen]
        low = int(first.min())
        size = int(last.max()) - low + 2
        # Each card adds one from its first month and takes it back after its last.
        changes = np.bincount(first - low, minlength=size) - np.bincount(last - low + 1, minlength=size)
        counts = np.cumsum(changes)[:-1]
        labels = {f"{(low + n) // 12:04d}-{(low + n) % 12 + 1:02d}": int(c) for n, c in enumerate(counts)}
        return month_range((m for m, c in labels.items() if c), labels)

    def period_counts(
        self, selected: np.ndarray, periods: Sequence[tuple[datetime.date, datetime.date]]
    ) -> list[int]:
        """Cards overlapping each (first, last) period, as the date filter selects them there (the time
        brush's weeks and days). Implausible dates are left out, as in the histogram."""
        chosen = selected & self.plausible
        starts, ends = self.start[chosen], self.end[chosen]
        return [
            int(np.count_nonzero((starts <= last.toordinal()) & (ends >= first.toordinal())))
            for first, last in periods
        ]

    def find_persons(self, typed: str, limit: int = 8) -> list[tuple[EntityInfo, int]]:
        """Persons whose name or an alias contains the typed text (accents ignored), most reported first."""
        needle = " ".join(fold(typed).split())
        if len(needle) < 2:
            return []
        matching = [pk for pk, names in self.person_names.items() if needle in names]
        if not matching:
            return []
        counts = self._entity_counts(self.alive)
        found = [
            (self.entities[pk], int(counts[self.dense[pk]]) if pk in self.dense else 0) for pk in matching
        ]
        found.sort(key=lambda item: (-item[1], item[0].name))
        return found[:limit]

    def related(self, entity_id: int, limit: int = 10) -> list[tuple[EntityInfo, int]]:
        """The entities most often on the same cards as this one."""
        counts = self._entity_counts(self.of_entity(entity_id))
        if entity_id in self.dense:
            counts[self.dense[entity_id]] = 0
        return self._ranked(counts, np.flatnonzero(counts > 0), limit)


def _matches(text: str, words: tuple[str, ...]) -> bool:
    return all(f" {word}" in text for word in words)


def _find_all(text: str, needle: str) -> list[int]:
    """Every position of `needle` in `text` (str.find runs a fast substring search in C)."""
    found, at = [], text.find(needle)
    while at >= 0:
        found.append(at)
        at = text.find(needle, at + 1)
    return found


class SearchTexts:
    """The cards' search texts (" word word … "), searched by word prefix.

    Most texts live in one string (`joined`, one line per card), where `str.find` finds every card holding
    a word in a few milliseconds; the texts changed since it was joined sit in `changed`
    and are tested one by one, until there are enough of them to join everything again."""

    REJOIN_AFTER = 2000

    def __init__(self) -> None:
        self.joined = ""
        self.offsets = np.zeros(0, dtype=np.int64)  # where each joined card's line starts
        self.pks = np.zeros(0, dtype=np.int64)
        self.changed: dict[int, str] = {}
        self._parts: list[str] = []
        self._part_pks: list[np.ndarray] = []
        self._part_lengths: list[np.ndarray] = []

    def set(self, pk: int, text: str) -> None:
        self.changed[pk] = text

    def extend(self, pks: list[int], texts: list[str]) -> None:
        """Join the texts of cards whose keys follow every key joined so far (the build, chunk by chunk:
        the small strings of a chunk are freed before the next is read)."""
        if not texts:
            return
        self._parts.append("\n".join(texts))
        self._part_pks.append(np.array(pks, dtype=np.int64))
        self._part_lengths.append(np.array([len(text) + 1 for text in texts], dtype=np.int64))

    def finish_build(self) -> None:
        if self._parts:
            self.joined = "\n".join(self._parts)
            self.pks = np.concatenate(self._part_pks)
            lengths = np.concatenate(self._part_lengths)
            self.offsets = np.concatenate([[0], np.cumsum(lengths[:-1])]).astype(np.int64)
        self._parts, self._part_pks, self._part_lengths = [], [], []

    def rejoin_if_many(self) -> None:
        if len(self.changed) > self.REJOIN_AFTER:
            self.rejoin()

    def get(self, pk: int) -> str:
        if pk in self.changed:
            return self.changed[pk]
        at = np.searchsorted(self.pks, pk)
        if at < len(self.pks) and self.pks[at] == pk:
            stop = self.offsets[at + 1] - 1 if at + 1 < len(self.offsets) else len(self.joined)
            return self.joined[self.offsets[at] : stop]
        return ""

    def rejoin(self) -> None:
        """Fold the changed texts into the joined string. The unchanged lines are copied in runs (a few large
        slices, one per change), never split into one small string per card: memory stays flat."""
        if not self.changed:
            return
        old_pks, old_offsets, joined = self.pks, self.offsets, self.joined
        old_lengths = np.diff(np.r_[old_offsets, len(joined) + 1])  # each line with its "\n"
        changed_pks = np.array(sorted(self.changed), dtype=np.int64)
        # Base lines to drop (changed or gone) and where each new text goes, both as base line numbers.
        dropped = np.flatnonzero(np.isin(old_pks, changed_pks)).tolist()
        inserted = [
            (int(at), pk, self.changed[pk])
            for at, pk in zip(
                np.searchsorted(old_pks, changed_pks).tolist(), changed_pks.tolist(), strict=True
            )
            if self.changed[pk]
        ]
        pieces: list[str] = []
        pks: list[np.ndarray] = []
        lengths: list[np.ndarray] = []
        cursor = 0

        def copy_run(stop: int) -> None:
            if stop > cursor:
                last = stop - 1
                pieces.append(joined[old_offsets[cursor] : old_offsets[last] + old_lengths[last] - 1])
                pks.append(old_pks[cursor:stop])
                lengths.append(old_lengths[cursor:stop])

        # In key order: at a base line number, new texts go before the line, a dropped line is skipped.
        steps = sorted([(at, 0, pk, text) for at, pk, text in inserted] + [(at, 1, 0, "") for at in dropped])
        for at, kind, pk, text in steps:
            copy_run(at)
            cursor = max(cursor, at)
            if kind == 0:
                pieces.append(text)
                pks.append(np.array([pk], dtype=np.int64))
                lengths.append(np.array([len(text) + 1], dtype=np.int64))
            else:
                cursor = at + 1
        copy_run(len(old_pks))
        self.joined = "\n".join(pieces)
        self.pks = np.concatenate(pks) if pks else np.zeros(0, dtype=np.int64)
        all_lengths = np.concatenate(lengths) if lengths else np.zeros(0, dtype=np.int64)
        self.offsets = np.concatenate([[0], np.cumsum(all_lengths[:-1])]).astype(np.int64)
        self.changed = {}

    def search(self, words: tuple[str, ...], capacity: int) -> np.ndarray:
        """Cards whose text has a word starting with each of `words`."""
        selected = np.zeros(capacity, dtype=bool)
        if len(self.pks):
            found = np.ones(len(self.pks), dtype=bool)
            for word in words:
                hits = _find_all(self.joined, f" {word}")
                with_word = np.zeros(len(self.pks), dtype=bool)
                with_word[np.searchsorted(self.offsets, np.array(hits, dtype=np.int64), side="right") - 1] = (
                    True
                )
                found &= with_word
            selected[self.pks[found]] = True
            stale = np.array([pk for pk in self.changed if pk < capacity], dtype=np.int64)
            selected[stale] = False  # their joined line is out of date
        for pk, text in self.changed.items():
            if pk < capacity and text and _matches(text, words):
                selected[pk] = True
        return selected


# -- which one answers -----------------------------------------------------------------------------------

Cards = CardIndex | DatabaseCards

_lock = threading.Lock()
_current: CardIndex | None = None
_building: threading.Thread | None = None


def _build_in_background() -> None:
    global _current
    try:
        index = CardIndex.build()
        index.sync()
        _current = index
    except Exception:  # the database answers meanwhile; the next request tries again
        logger.exception("building the timeline's card index failed")
    finally:
        connection.close()
        _release_free_memory()


def _release_free_memory() -> None:
    """Give the memory freed after a build (rows read, temporary lists) back to the system: without it, a
    worker keeps the peak of its build as resident memory (glibc only; elsewhere nothing happens)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def get_index() -> Cards:
    """What answers this request: the accelerator, brought up to date (one query), when it is built;
    the database while it builds (the build starts in the background on the first call).

    Settings: TIMELINE_ACCELERATOR (default True; False: always the database) and
    TIMELINE_ACCELERATOR_BACKGROUND (default True; False builds it in the first request, for tests)."""
    global _building, _current
    if not getattr(settings, "TIMELINE_ACCELERATOR", True):
        return DatabaseCards()
    index = _current
    if index is not None:
        index.sync()
        return index
    with _lock:
        if _current is not None:
            return _current
        if not getattr(settings, "TIMELINE_ACCELERATOR_BACKGROUND", True):
            _current = CardIndex.build()
            return _current
        if _building is None or not _building.is_alive():
            close_old_connections()
            _building = threading.Thread(target=_build_in_background, name="card-index", daemon=True)
            _building.start()
    return DatabaseCards()


def start_building() -> None:
    """Start the accelerator's build now (gunicorn's post_fork hook), so the first requests find it sooner."""
    if getattr(settings, "TIMELINE_ACCELERATOR", True) and _current is None:
        get_index()
