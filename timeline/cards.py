"""What a timeline card shows, loaded for a page of cards in a fixed number of queries, rendered once.

Cards carry display-ready strings (labels, links), so that their template does no lookups of its own:
rendering is the largest cost of a timeline page (see bench/bench_timeline.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import groupby
from typing import NamedTuple

from django.core.cache import cache
from django.db.models import JSONField, OuterRef, Subquery
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _lazy

from timeline.display import day, month
from timeline.flags import flag_html
from timeline.index import CardRef, EntityInfo
from timeline.models import CardStatus, Category, Entity, Event, Mention, Precision, TimelineCard
from timeline.period import Period
from timeline.pipeline.attribution import body_label, known_languages

# What a card never loads of its article: one article may be megabytes (issue 12).
ARTICLE_LARGE_FIELDS = ("article__body", "article__highlights", "article__dismissed")


def flag(iso_code: str) -> str:
    """The flag of a country as an <img> (timeline/flags.py; issue 14: emoji do not render everywhere)."""
    return flag_html(iso_code)


class MentionRef(NamedTuple):
    start: int
    end: int
    via: str
    entity: EntityInfo


def entity_path(entity: Entity | EntityInfo, prefix: str) -> str:
    """The page of an entity under the timeline's URL prefix (countries by ISO code, others by slug)."""
    key = entity.iso_code if entity.kind == Entity.Kind.COUNTRY else entity.slug
    return f"{prefix}{entity.kind}/{key}/"


@dataclass(frozen=True)
class Segment:
    text: str
    kind: str = ""  # "", "date", or an entity kind
    entity: Entity | EntityInfo | None = None
    href: str = ""


@dataclass(frozen=True)
class Chip:
    label: str
    kind: str
    href: str
    flag: str = ""


@dataclass(frozen=True)
class Source:
    title: str
    href: str
    source: str
    published: str
    language: str


@dataclass
class Card:
    event: Event
    date_label: str
    period_label: str
    approximate: bool
    inferred: bool
    category: str
    category_label: str
    segments: list[Segment]
    chips: list[Chip]
    sources: list[Source]
    sources_label: str
    month_key: str
    month_label: str
    status: str = ""  # confirmed, claimed, disputed or "" (timeline.claims)
    status_label: str = ""
    claims_line: str = ""  # "Claimed by Russia (Defence Ministry) · denied by Ukraine"
    first_reported: str = ""  # the day its first source was published


@dataclass
class DayGroup:
    label: str
    iso: str
    cards: list[RenderedCard] = field(default_factory=list)


@dataclass
class MonthGroup:
    key: str
    label: str
    days: list[DayGroup] = field(default_factory=list)


def sentence_segments(event: Event, mentions: list[MentionRef], prefix: str) -> list[Segment]:
    """The event's sentence cut into plain text, the time expression and entity mentions."""
    sentence, offset = event.sentence, event.sentence_start
    spans: list[tuple[int, int, str, EntityInfo | None]] = []
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
        href = entity_path(entity, prefix) if entity else ""
        segments.append(Segment(sentence[start:end], kind, entity, href))
        cursor = end
    if cursor < len(sentence):
        segments.append(Segment(sentence[cursor:]))
    return segments


def _sources(group_ids: list[int], prefix: str) -> dict[int, list[Source]]:
    """The articles reporting each group, oldest first, one query."""
    return {
        group_id: [
            Source(
                a.title,
                f"{prefix}article/{a.id}/",
                a.source,
                day(a.published) if a.published else "",
                a.language,
            )
            for a in articles
        ]
        for group_id, articles in Event.objects.articles_by_group(group_ids).items()
    }


STANCE_PHRASES = {
    "asserted": _lazy("claimed by %(parties)s"),
    "confirmed": _lazy("confirmed by %(parties)s"),
    "denied": _lazy("denied by %(parties)s"),
}


def claims_line(claims: list[dict]) -> str:
    """Who says what on a card, in the current language: "Claimed by Russia (Defence Ministry) · denied by
    Ukraine" (from TimelineCard.claims, written by the read model)."""
    lang = (get_language() or "en")[:2]
    lang = lang if lang in known_languages() else "en"
    parts = []
    for group in claims:
        names = []
        for party in group["parties"]:
            bodies = ", ".join(body_label(body, lang) for body in party["bodies"])
            names.append(f"{party['name']} ({bodies})" if bodies else party["name"])
        parts.append(str(STANCE_PHRASES[group["stance"]]) % {"parties": ", ".join(names)})
    line = " · ".join(parts)
    return line[:1].upper() + line[1:]


def load_cards(lead_ids: list[int]) -> list[Card]:
    """Cards for lead events, in the given order: three queries whatever the number of cards."""
    prefix = reverse("timeline:timeline")
    # What the read model says of each card (its status and who says so), read with its lead event.
    card = TimelineCard.objects.filter(lead_event_id=OuterRef("pk"))
    events = (
        Event.objects.filter(pk__in=lead_ids)
        .select_related("article")
        .annotate(
            card_status=Subquery(card.values("status")[:1]),
            card_first_reported=Subquery(card.values("first_reported")[:1]),
            card_claims=Subquery(card.values("claims")[:1], output_field=JSONField()),
        )
    )
    leads = {event.pk: event for event in events.defer(*ARTICLE_LARGE_FIELDS)}
    # Mentions as plain rows: Django's prefetch machinery costs more than the query itself here.
    mentions_of: dict[int, list[MentionRef]] = {}
    rows = Mention.objects.filter(event_id__in=lead_ids).order_by("start", "id")
    for event_id, start, end, via, *entity in rows.values_list(
        "event_id", "start", "end", "via", "entity_id", "entity__kind", "entity__name", "entity__slug",
        "entity__iso_code",
    ):  # fmt: skip
        mentions_of.setdefault(event_id, []).append(MentionRef(start, end, via, EntityInfo(*entity)))
    sources = _sources([e.group_id for e in leads.values() if e.group_id is not None], prefix)
    categories = dict(Category.choices)
    statuses = dict(CardStatus.choices)
    cards = []
    for lead_id in lead_ids:
        event = leads.get(lead_id)
        if event is None:  # deleted since the index was built
            continue
        mentions = mentions_of.get(lead_id, [])
        entities: dict[int, EntityInfo] = {}
        for mention in mentions:
            entities.setdefault(mention.entity.id, mention.entity)
        chips = [
            Chip(e.name, e.kind, entity_path(e, prefix), flag(e.iso_code))
            for e in entities.values()
            if e.kind == Entity.Kind.COUNTRY
        ] + [
            Chip(e.name, e.kind, entity_path(e, prefix))
            for e in entities.values()
            if e.kind == Entity.Kind.PERSON
        ]
        article = event.article
        own = [
            Source(
                article.title,
                f"{prefix}article/{article.pk}/",
                article.source,
                day(article.published) if article.published else "",
                article.language,
            )
        ]
        card_sources = sources.get(event.group_id, own) if event.group_id else own
        period = Period.of(event)
        status, first_reported = (
            getattr(event, "card_status", ""),
            getattr(event, "card_first_reported", None),
        )
        claims = getattr(event, "card_claims", None) or []
        cards.append(
            Card(
                event=event,
                date_label=period.label(),
                period_label=period.range_label(),
                approximate=period.is_estimate,
                inferred=event.date_source == Event.DateSource.PUBLICATION or article.published_inferred,
                category=event.category,
                category_label=str(categories.get(event.category, event.category)),
                segments=sentence_segments(event, mentions, prefix),
                chips=chips,
                sources=card_sources,
                sources_label=ngettext("%(n)s source", "%(n)s sources", len(card_sources))
                % {"n": len(card_sources)},
                month_key=event.date_start.strftime("%Y-%m"),
                month_label=month(event.date_start),
                status=status,
                status_label=str(statuses.get(status, "")),
                claims_line=claims_line(claims),
                first_reported=Period(first_reported, first_reported, Precision.DAY).label()
                if first_reported
                else "",
            )
        )
    return cards


def by_month_and_day(cards: list[RenderedCard]) -> list[MonthGroup]:
    """Consecutive cards grouped by month, then by the date a reader sees."""
    months = []
    for key, in_month in groupby(cards, key=lambda card: card.month_key):
        in_month = list(in_month)
        group = MonthGroup(key=key, label=in_month[0].month_label)
        for label, on_day in groupby(in_month, key=lambda card: card.date_label):
            on_day = list(on_day)
            group.days.append(DayGroup(label=label, iso=on_day[0].iso, cards=on_day))
        months.append(group)
    return months


class RenderedCard(NamedTuple):
    """A card as the page lists it: its markup and what groups it by month and day. What the cache holds."""

    html: str
    month_key: str
    month_label: str
    date_label: str
    iso: str


CARD_CACHE_TIMEOUT = 24 * 3600


def card_cache_key(ref: CardRef, language: str) -> str:
    """A rendered card depends on its card's version and the language only: one edit invalidates one card."""
    return f"timeline-card:{ref.id}:{ref.version}:{language}"


def cached_cards(refs: list[CardRef]) -> list[RenderedCard]:
    """Rendered cards of a page, in order, from Django's cache (setting CACHES: locmem per process by
    default, Redis to share between processes); only the ones not rendered yet touch the database."""
    language = get_language() or ""
    keys = {ref: card_cache_key(ref, language) for ref in refs}
    found = cache.get_many(list(keys.values()))
    missing = [ref for ref in refs if keys[ref] not in found]
    if missing:
        fresh = {}
        by_lead = {ref.lead_event_id: ref for ref in missing}
        for card in load_cards(list(by_lead)):
            html = mark_safe(render_to_string("timeline/_card.html", {"card": card}))
            rendered = RenderedCard(
                html, card.month_key, card.month_label, card.date_label, Period.of(card.event).iso()
            )
            fresh[keys[by_lead[card.event.pk]]] = rendered
        cache.set_many(fresh, CARD_CACHE_TIMEOUT)
        found.update(fresh)
    return [
        card._replace(html=mark_safe(card.html)) for ref in refs if (card := found.get(keys[ref])) is not None
    ]


def clear_card_cache() -> None:
    """Forget every rendered card (tests; the cache's own keys make this unnecessary in use)."""
    cache.clear()


def article_segments(text: str, highlights: list[dict]) -> list[Segment]:
    """An article's text (or its start) cut at its highlighted spans (time expressions and entity
    mentions); spans beyond the text are left out."""
    spans = sorted(
        (span for span in highlights if span["end"] <= len(text)),
        key=lambda span: (span["start"], -span["end"]),
    )
    entity_ids = {span["entity"] for span in spans if "entity" in span}
    entities = Entity.objects.in_bulk(entity_ids)
    segments, cursor = [], 0
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
