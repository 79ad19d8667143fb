"""The timeline's state, read from the query string once for the page, its fragments, the chart and exports.

Parameters: country (ISO code, repeatable), person (entity slug, repeatable), category (repeatable),
from / to (YYYY-MM-DD, YYYY-MM or YYYY), q (text), order (oldest|newest), cursor (paging).
Values that are unknown or malformed are dropped, each with a note the page shows: a shared link with a
typo still opens, and says what it ignored.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from django.http import QueryDict
from django.utils.translation import gettext as _

from timeline.index import Cards
from timeline.models import Category

ORDERS = ("oldest", "newest")
DATE_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
MAX_QUERY_LENGTH = 200
# A filter takes at most this many values of at most this length: a huge query string is cut, with a note,
# never a slow or failing page.
MAX_VALUES = 20
MAX_VALUE_LENGTH = 100


@dataclass(frozen=True)
class TimelineFilters:
    countries: tuple[str, ...] = ()
    persons: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    q: str = ""
    order: str = "oldest"
    cursor: str = ""
    notes: tuple[str, ...] = field(default=(), compare=False)

    @property
    def newest_first(self) -> bool:
        return self.order == "newest"

    @property
    def active(self) -> bool:
        return bool(
            self.countries or self.persons or self.categories or self.date_from or self.date_to or self.q
        )

    def params(self) -> list[tuple[str, str]]:
        """The query string pairs that reproduce these filters (without the cursor)."""
        pairs = [("country", code) for code in self.countries]
        pairs += [("person", slug) for slug in self.persons]
        pairs += [("category", name) for name in self.categories]
        if self.date_from:
            pairs.append(("from", self.date_from.isoformat()))
        if self.date_to:
            pairs.append(("to", self.date_to.isoformat()))
        if self.q:
            pairs.append(("q", self.q))
        if self.order != "oldest":
            pairs.append(("order", self.order))
        return pairs

    def query_string(self, **changes: object) -> str:
        """'?...' for these filters with some changed, e.g. query_string(countries=(...), cursor="")."""
        changed = replace(self, **changes) if changes else self
        pairs = changed.params()
        if changed.cursor:
            pairs.append(("cursor", changed.cursor))
        return "?" + urlencode(pairs) if pairs else "?"

    def without(self, name: str, value: str) -> str:
        """Query string with one value of a repeatable filter removed (a chip's remove link)."""
        current: tuple[str, ...] = getattr(self, name)
        return self.query_string(**{name: tuple(v for v in current if v != value)})


def parse_date(value: str, *, end: bool) -> datetime.date | None:
    """YYYY-MM-DD, YYYY-MM or YYYY; a month or year means its first day (from) or last day (to)."""
    match = DATE_PATTERN.match(value.strip())
    if not match:
        return None
    year, month, day = match.groups()
    try:
        if day:
            return datetime.date(int(year), int(month), int(day))
        if month:
            last = calendar.monthrange(int(year), int(month))[1]
            return datetime.date(int(year), int(month), last if end else 1)
        return datetime.date(int(year), 12, 31) if end else datetime.date(int(year), 1, 1)
    except ValueError:
        return None


def _unique(values: list[str], name: str, notes: list[str]) -> list[str]:
    """The distinct non-empty values of a repeatable filter, at most MAX_VALUES of at most MAX_VALUE_LENGTH
    characters (a note says when some were dropped)."""
    found = list(dict.fromkeys(v.strip()[:MAX_VALUE_LENGTH] for v in values if v.strip()))
    if len(found) > MAX_VALUES:
        notes.append(
            _("Only the first %(max)s values of “%(name)s” were kept.") % {"max": MAX_VALUES, "name": name}
        )
    return found[:MAX_VALUES]


def _shown(value: str) -> str:
    """A value quoted in a note, cut short."""
    return value if len(value) <= 40 else value[:39] + "…"


def parse_filters(query: QueryDict, index: Cards, *, typed_person: bool = False) -> TimelineFilters:
    """Validate the query string against what the timeline holds; never raises.

    `typed_person`: read the person box (`person_q`) as a person filter too. Only a form submitted without
    JavaScript needs that: with it, the type-ahead suggestions add persons by link.
    """
    notes: list[str] = []
    countries = []
    for code in _unique(query.getlist("country"), "country", notes):
        if index.country(code.upper()) is not None:
            countries.append(code.upper())
        else:
            notes.append(_("Unknown country “%(value)s” ignored.") % {"value": _shown(code)})
    persons = []
    for slug in _unique(query.getlist("person"), "person", notes):
        if index.person(slug) is not None:
            persons.append(slug)
        else:
            notes.append(_("Unknown person “%(value)s” ignored.") % {"value": _shown(slug)})
    typed = query.get("person_q", "").strip()[:MAX_VALUE_LENGTH] if typed_person else ""
    if typed:
        # Without JavaScript there is no type-ahead: the name typed in the person box picks the
        # best-matching person when the form is submitted.
        found = index.find_persons(typed, limit=1)
        if found and found[0][0].slug not in persons:
            persons.append(found[0][0].slug)
        elif not found:
            notes.append(_("No person matches “%(value)s”.") % {"value": _shown(typed)})
    categories = []
    for name in _unique(query.getlist("category"), "category", notes):
        if name in Category.values:
            categories.append(name)
        else:
            notes.append(_("Unknown category “%(value)s” ignored.") % {"value": _shown(name)})
    dates: dict[str, datetime.date | None] = {}
    for name, end in (("from", False), ("to", True)):
        raw = query.get(name, "").strip()[:MAX_VALUE_LENGTH]
        dates[name] = parse_date(raw, end=end) if raw else None
        if raw and dates[name] is None:
            notes.append(
                _("“%(value)s” is not a date (use YYYY-MM-DD or YYYY-MM); ignored.") % {"value": raw}
            )
    if dates["from"] and dates["to"] and dates["from"] > dates["to"]:
        notes.append(_("“From” was after “To”: the two dates were swapped."))
        dates["from"], dates["to"] = dates["to"], dates["from"]
    order = query.get("order", "oldest")
    if order not in ORDERS:
        notes.append(_("Unknown order “%(value)s” ignored.") % {"value": _shown(order)})
        order = "oldest"
    q = " ".join(query.get("q", "").split())[:MAX_QUERY_LENGTH]
    return TimelineFilters(
        countries=tuple(countries),
        persons=tuple(persons),
        categories=tuple(categories),
        date_from=dates["from"],
        date_to=dates["to"],
        q=q,
        order=order,
        cursor=query.get("cursor", "")[:80],
        notes=tuple(notes),
    )
