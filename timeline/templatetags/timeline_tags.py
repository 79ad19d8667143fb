"""Template helpers for timeline links."""

from django import template
from django.urls import reverse

from timeline.cards import flag as flag_of
from timeline.filters import TimelineFilters
from timeline.period import Period

register = template.Library()


@register.simple_tag
def filter_url(filters: TimelineFilters | None, name: str, value: str) -> str:
    """The timeline URL with the current filters plus one more value (a chip on a card)."""
    base = reverse("timeline:timeline")
    if filters is None:
        filters = TimelineFilters()
    current: tuple[str, ...] = getattr(filters, name)
    if value in current:
        return base + filters.query_string(cursor="")
    return base + filters.query_string(**{name: (*current, value)}, cursor="")


@register.simple_tag
def entity_url(entity) -> str:
    """The page of an entity (countries by ISO code, the others by slug)."""
    key = entity.iso_code if entity.kind == "country" else entity.slug
    return reverse("timeline:entity", kwargs={"kind": entity.kind, "slug": key})


@register.filter
def flag(iso_code: str) -> str:
    """The flag of a country code, as an <img> (timeline/flags.py)."""
    return flag_of(iso_code or "")


@register.filter
def date_label(event) -> str:
    """An event's date as the cards write it ("October 2024", "summer 2024"): never more precise
    (timeline/period.py holds the rule)."""
    return Period.of(event).label()


@register.filter
def date_iso(event) -> str:
    """An event's date for a `<time datetime>`, as precise as its period (timeline/period.py)."""
    return Period.of(event).iso()
