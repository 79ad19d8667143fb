"""Reading the timeline's cards: which cards a view selects, how many, a page of them, facet counts, the
monthly chart, person suggestions. Two implementations of one interface, both reading the read model
(TimelineCard, kept current by timeline/read_model.py):

- `DatabaseCards` asks the database for each answer (SQL on the cards and the card-entity table);
- `CardIndex`, the in-process accelerator: the cards as numpy arrays and bitsets (a Python int per filter
  value, bit n for the card with primary key n), so a combination of filters is an AND of integers and a
  facet count a popcount or a bincount. It follows the read model's change log: each request asks for the
  cards changed since the last sequence number it saw (one small query) and applies them in place. It is
  never rebuilt whole on a request: the first build runs in a background thread at start-up, while
  requests are answered by `DatabaseCards`.

Nothing here writes to the database.
"""

from __future__ import annotations

import datetime
import logging
import threading
from collections import OrderedDict, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

import numpy as np
from django.conf import settings
from django.db import close_old_connections, connection
from django.db.models import Count, Q, QuerySet

from timeline.linking.folding import fold
from timeline.models import CardEntity, Entity, EntityAlias, TimelineCard, TimelineState
from timeline.read_model import search_words

if TYPE_CHECKING:
    from timeline.filters import TimelineFilters

logger = logging.getLogger(__name__)

MAX_MONTHS = 36  # a period longer than this counts in its first month of the chart only
MAX_CHART_MONTHS = 240  # the chart's range, at most (the latest months)
TEXT_CACHE_SIZE = 128
PERSON_KIND = Entity.Kind.PERSON
KINDS = ("entity", "category", "month")  # what a card adds to the accelerator's bitsets


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


def bits_of(positions: Iterable[int], size: int) -> int:
    """A bitset with the given positions set (built through a bytearray: linear, not quadratic)."""
    buffer = bytearray((size + 7) // 8)
    for position in positions:
        buffer[position >> 3] |= 1 << (position & 7)
    return int.from_bytes(buffer, "little")


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

    # entities
    def country(self, code: str) -> EntityInfo | None:
        return next(iter(entity_infos(Entity.objects.filter(iso_code=code).values("pk")).values()), None)

    def person(self, slug: str) -> EntityInfo | None:
        found = Entity.objects.filter(kind=PERSON_KIND, slug=slug).values("pk")
        return next(iter(entity_infos(found).values()), None)

    def entity(self, entity_id: int) -> EntityInfo:
        return entity_infos([entity_id])[entity_id]

    # selecting
    def select(self, filters: TimelineFilters, *, categories: bool = True) -> QuerySet[TimelineCard]:
        cards = TimelineCard.objects.filter(lead_event_id__isnull=False)
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
        rows = (
            CardEntity.objects.filter(card__in=selection.values("pk"))
            .values_list("entity_id")
            .annotate(n=Count("id"))
        )
        return dict(rows)

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
        from timeline.models import Category

        return {name: selection.filter(categories__contains=f" {name} ").count() for name in Category.values}

    def histogram(self, selection: QuerySet[TimelineCard]) -> list[tuple[str, int]]:
        counts: dict[str, int] = defaultdict(int)
        for start, end in selection.filter(plausible=True).values_list("date_start", "date_end").iterator():
            for month in months_of(start, end):
                counts[month] += 1
        return month_range(counts, counts)

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
    "sequence", "created_sequence", "plausible",
)  # fmt: skip


@dataclass(eq=False)
class CardIndex:
    """The cards in memory, indexed by card primary key; see the module's docstring."""

    ready: bool = True
    sequence: int = 0
    capacity: int = 0
    alive: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))
    start: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))  # date ordinals
    end: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    lead: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    version: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    created: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    everything: int = 0
    entity_bits: dict[int, int] = field(default_factory=dict)
    category_bits: dict[str, int] = field(default_factory=dict)
    month_bits: dict[str, int] = field(default_factory=dict)
    texts: dict[int, str] = field(default_factory=dict)
    # What each card contributes, to take it back when the card changes.
    card_entities: dict[int, tuple[int, ...]] = field(default_factory=dict)
    card_categories: dict[int, tuple[str, ...]] = field(default_factory=dict)
    card_months: dict[int, tuple[str, ...]] = field(default_factory=dict)
    entities: dict[int, EntityInfo] = field(default_factory=dict)
    by_iso: dict[str, int] = field(default_factory=dict)
    by_slug: dict[tuple[str, str], int] = field(default_factory=dict)
    person_names: dict[int, str] = field(default_factory=dict)  # folded name and aliases, for the type-ahead
    _text_cache: OrderedDict[tuple[str, ...], int] = field(default_factory=OrderedDict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    # -- building and following the change log ---------------------------------------------------------

    @classmethod
    def build(cls) -> CardIndex:
        """Read every live card (and the entities) and index them."""
        index = cls()
        index._entities_changed(None)
        rows = TimelineCard.objects.filter(lead_event_id__isnull=False).values_list(*CARD_FIELDS)
        # The sequence first: a card changed while we read is read again by the next sync.
        index.sequence = TimelineState.current()
        index._apply(list(rows.iterator(chunk_size=5000)))
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
            alias_rows = alias_rows.filter(
                entity_id__in=[pk for pk, e in found.items() if e.kind == PERSON_KIND]
            )
        for entity_id, name in alias_rows.values_list("entity_id", "name"):
            aliases[entity_id].append(name)
        for info in found.values():
            self.entities[info.id] = info
            self.by_slug[(info.kind, info.slug)] = info.id
            if info.iso_code:
                self.by_iso[info.iso_code] = info.id
            if info.kind == PERSON_KIND:
                self.person_names[info.id] = folded_names([info.name, *aliases.get(info.id, [])])

    def _grow(self, needed: int) -> None:
        if needed <= self.capacity:
            return
        capacity = max(needed, self.capacity * 2, 1024)
        for name in ("alive", "start", "end", "lead", "version", "created"):
            old = getattr(self, name)
            new = np.zeros(capacity, dtype=old.dtype)
            new[: len(old)] = old
            setattr(self, name, new)
        self.capacity = capacity

    def _apply(self, rows: list[tuple]) -> None:
        """Take each card's old contribution back and add its new one (rows of CARD_FIELDS)."""
        if rows:
            self._grow(max(row[0] for row in rows) + 1)
        changes: dict[str, dict] = {kind: defaultdict(lambda: [set(), set()]) for kind in KINDS}
        alive_add, alive_remove, text_changed = set(), set(), []
        for pk, lead, start, end, categories, entity_ids, text, version, _seq, created, plausible in rows:
            for kind, old in (
                ("entity", self.card_entities.pop(pk, ())),
                ("category", self.card_categories.pop(pk, ())),
                ("month", self.card_months.pop(pk, ())),
            ):
                for value in old:
                    changes[kind][value][1].add(pk)
            self.texts.pop(pk, None)
            text_changed.append(pk)
            if lead is None:
                self.alive[pk] = False
                alive_remove.add(pk)
                continue
            self.alive[pk] = True
            alive_add.add(pk)
            self.start[pk], self.end[pk] = start.toordinal(), end.toordinal()
            self.lead[pk], self.version[pk], self.created[pk] = lead, version, created
            new = {
                "entity": tuple(e for ids in (entity_ids or {}).values() for e in ids),
                "category": tuple(categories.split()),
                "month": tuple(months_of(start, end)) if plausible else (),
            }
            self.card_entities[pk], self.card_categories[pk], self.card_months[pk] = (
                new["entity"],
                new["category"],
                new["month"],
            )
            for kind, values in new.items():
                for value in values:
                    changes[kind][value][0].add(pk)
                    changes[kind][value][1].discard(pk)
            self.texts[pk] = text
        for kind, target in (
            ("entity", self.entity_bits),
            ("category", self.category_bits),
            ("month", self.month_bits),
        ):
            for value, (added, removed) in changes[kind].items():
                bits = target.get(value, 0)
                if removed:
                    bits &= ~bits_of(removed, self.capacity)
                if added:
                    bits |= bits_of(added, self.capacity)
                if bits:
                    target[value] = bits
                else:
                    target.pop(value, None)
        if alive_remove:
            self.everything &= ~bits_of(alive_remove, self.capacity)
        if alive_add:
            self.everything |= bits_of(alive_add, self.capacity)
        # Searches already asked keep their answers: only the changed cards are tested again.
        gone = bits_of(text_changed, self.capacity)
        for words, mask in self._text_cache.items():
            found = [pk for pk in text_changed if pk in self.texts and _matches(self.texts[pk], words)]
            self._text_cache[words] = (mask & ~gone) | bits_of(found, self.capacity)

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

    def select(self, filters: TimelineFilters, *, categories: bool = True) -> int:
        """The cards the filters select, as a bitset (optionally ignoring the categories)."""
        mask = self.everything
        for entity in [*map(self.country, filters.countries), *map(self.person, filters.persons)]:
            mask &= self.entity_bits.get(entity.id, 0) if entity else 0
        if filters.categories and categories:
            either = 0
            for name in filters.categories:
                either |= self.category_bits.get(name, 0)
            mask &= either
        if filters.date_from or filters.date_to:
            mask &= self.date_mask(filters.date_from, filters.date_to)
        if filters.q:
            mask &= self.text_mask(filters.q)
        return mask

    def of_entity(self, entity_id: int) -> int:
        return self.entity_bits.get(entity_id, 0) & self.everything

    def _from_array(self, selected: np.ndarray) -> int:
        return int.from_bytes(np.packbits(selected, bitorder="little").tobytes(), "little")

    def as_array(self, mask: int) -> np.ndarray:
        packed = np.frombuffer(mask.to_bytes((self.capacity + 7) // 8 or 1, "little"), dtype=np.uint8)
        return np.unpackbits(packed, bitorder="little")[: self.capacity].astype(bool)

    def date_mask(self, date_from: datetime.date | None, date_to: datetime.date | None) -> int:
        """Cards whose period overlaps [date_from, date_to] (either bound may be open)."""
        selected = self.alive.copy()
        if date_to:
            selected &= self.start <= date_to.toordinal()
        if date_from:
            selected &= self.end >= date_from.toordinal()
        return self._from_array(selected)

    def text_mask(self, query: str) -> int:
        """Cards with a word starting with each word of the query (case and accents ignored)."""
        words = tuple(search_words(query))
        if not words:
            return self.everything
        with self._lock:
            if words in self._text_cache:
                self._text_cache.move_to_end(words)
                return self._text_cache[words]
            mask = bits_of((pk for pk, text in self.texts.items() if _matches(text, words)), self.capacity)
            self._text_cache[words] = mask
            while len(self._text_cache) > TEXT_CACHE_SIZE:
                self._text_cache.popitem(last=False)
            return mask

    def count(self, mask: int) -> int:
        return mask.bit_count()

    def new_since(self, mask: int, sequence: int) -> int:
        return int(np.count_nonzero(self.as_array(mask) & (self.created > sequence)))

    def _ordered(self, mask: int, *, newest_first: bool, cursor: str, size: int | None) -> list[int]:
        ids = np.flatnonzero(self.as_array(mask))
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
        # The order (start, end, lead) in one int64: ordinals stay below 2**22.
        primary = (self.start[ids] << 22) | self.end[ids]
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
        self, mask: int, *, newest_first: bool, cursor: str = "", size: int = 50
    ) -> tuple[list[CardRef], str]:
        if cursor and parse_cursor(cursor) is None:
            return [], ""
        ids = self._ordered(mask, newest_first=newest_first, cursor=cursor, size=size + 1)
        more = len(ids) > size
        ids = ids[:size]
        refs = [CardRef(pk, int(self.lead[pk]), int(self.version[pk])) for pk in ids]
        if not more or not ids:
            return refs, ""
        last = ids[-1]
        start = datetime.date.fromordinal(int(self.start[last]))
        return refs, make_cursor(start, datetime.date.fromordinal(int(self.end[last])), int(self.lead[last]))

    def all_leads(self, mask: int, *, newest_first: bool) -> list[int]:
        return [
            int(self.lead[pk]) for pk in self._ordered(mask, newest_first=newest_first, cursor="", size=None)
        ]

    # -- counting --------------------------------------------------------------------------------------

    def facet(self, mask: int, kind: str, limit: int | None = None) -> list[tuple[EntityInfo, int]]:
        """Entities of a kind with the number of cards under `mask` that involve them, most first (ties by
        name); only the first `limit` when given."""
        found = []
        for entity_id, bits in self.entity_bits.items():
            info = self.entities.get(entity_id)
            if info is not None and info.kind == kind:
                count = (bits & mask).bit_count()
                if count:
                    found.append((info, count))
        found.sort(key=lambda item: (-item[1], item[0].name))
        return found[:limit] if limit is not None else found

    def entity_count(self, mask: int, entity_id: int) -> int:
        return (self.entity_bits.get(entity_id, 0) & mask).bit_count()

    def category_counts(self, mask: int) -> dict[str, int]:
        return {name: (bits & mask).bit_count() for name, bits in self.category_bits.items()}

    def histogram(self, mask: int) -> list[tuple[str, int]]:
        """Cards per month: a card counts in every month its period overlaps, as the date filter selects it
        for each of them (a bar's count is what clicking it shows). Implausible dates are left out."""
        counts = {month: (bits & mask).bit_count() for month, bits in self.month_bits.items()}
        return month_range((m for m, n in counts.items() if n), counts)

    def find_persons(self, typed: str, limit: int = 8) -> list[tuple[EntityInfo, int]]:
        """Persons whose name or an alias contains the typed text (accents ignored), most reported first."""
        needle = " ".join(fold(typed).split())
        if len(needle) < 2:
            return []
        found = [
            (self.entities[pk], self.entity_count(self.everything, pk))
            for pk, names in self.person_names.items()
            if needle in names
        ]
        found.sort(key=lambda item: (-item[1], item[0].name))
        return found[:limit]

    def related(self, entity_id: int, limit: int = 10) -> list[tuple[EntityInfo, int]]:
        """The entities most often on the same cards as this one."""
        mine = self.of_entity(entity_id)
        scored = [
            (self.entities[other], (bits & mine).bit_count())
            for other, bits in self.entity_bits.items()
            if other != entity_id and other in self.entities
        ]
        scored = [item for item in scored if item[1]]
        scored.sort(key=lambda item: (-item[1], item[0].name))
        return scored[:limit]


def _matches(text: str, words: tuple[str, ...]) -> bool:
    return all(f" {word}" in text for word in words)


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
