"""Machine-readable views of the timeline: the JSON API, the CSV download and the TimelineJS export.

All three read the timeline's query string with timeline.filters.parse_filters and select cards through
the read model (timeline.index), exactly as the timeline page does: a view and its exports always show
the same cards. They are public and read-only (GET and HEAD only), documented in docs/api.md.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import wraps

from django.http import HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from timeline import timelinejs
from timeline.export import CARD_CSV_COLUMNS, card_csv_row, card_items, csv_lines, iter_card_items
from timeline.filters import TimelineFilters, parse_filters
from timeline.index import Cards, get_index, parse_cursor
from timeline.models import Category

DEFAULT_LIMIT = 50
MAX_LIMIT = 200
# The query string parameters the API reads; anything else is reported as ignored.
KNOWN_PARAMETERS = {"country", "person", "category", "from", "to", "q", "order", "cursor", "limit"}
JSON_OPTIONS = {"ensure_ascii": False}


def _error(message: str, status: int = 400) -> JsonResponse:
    return JsonResponse({"error": message}, status=status, json_dumps_params=JSON_OPTIONS)


def read_only(view: Callable[[HttpRequest], HttpResponse]) -> Callable[[HttpRequest], HttpResponse]:
    """GET and HEAD only; anything else gets 405 with a JSON error and an Allow header.

    Exempt from CSRF checks, which would answer 403 to a POST first: nothing here acts on a POST."""

    @csrf_exempt
    @wraps(view)
    def wrapper(request: HttpRequest) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            response = _error(_("Only GET is allowed here."), status=405)
            response["Allow"] = "GET, HEAD"
            return response
        response = view(request)
        # Public data without cookies: other sites (a TimelineJS embed, a notebook) may read it.
        response["Access-Control-Allow-Origin"] = "*"
        return response

    return wrapper


def parse_limit(raw: str | None) -> int:
    """The page size asked for; ValueError with a readable message when it is not 1..MAX_LIMIT."""
    if raw is None or raw.strip() == "":
        return DEFAULT_LIMIT
    try:
        limit = int(raw.strip())
    except ValueError:
        raise ValueError(
            _("“limit” must be a whole number from 1 to %(max)s, not “%(value)s”.")
            % {"max": MAX_LIMIT, "value": raw[:40]}
        ) from None
    if not 1 <= limit <= MAX_LIMIT:
        raise ValueError(
            _("“limit” must be from 1 to %(max)s, not %(value)s.") % {"max": MAX_LIMIT, "value": limit}
        )
    return limit


def unknown_parameter_notes(request: HttpRequest, known: set[str]) -> list[str]:
    return [
        _("Unknown parameter “%(name)s” ignored.") % {"name": name[:40]}
        for name in request.GET
        if name not in known
    ]


def applied_filters(filters: TimelineFilters) -> dict[str, object]:
    """The filters in effect after validation, as the API echoes them."""
    return {
        "country": list(filters.countries),
        "person": list(filters.persons),
        "category": list(filters.categories),
        "from": filters.date_from.isoformat() if filters.date_from else None,
        "to": filters.date_to.isoformat() if filters.date_to else None,
        "q": filters.q,
        "order": filters.order,
    }


def describe(filters: TimelineFilters, index: Cards) -> str:
    """The filters in words, for the title of an export ("Countries: Russia, North Korea · From …")."""
    parts = []
    if filters.countries:
        names = [getattr(index.country(code), "name", code) for code in filters.countries]
        parts.append(_("Countries: %(names)s") % {"names": ", ".join(names)})
    if filters.persons:
        names = [getattr(index.person(slug), "name", slug) for slug in filters.persons]
        parts.append(_("Persons: %(names)s") % {"names": ", ".join(names)})
    if filters.categories:
        labels = dict(Category.choices)
        names = [str(labels[name]) for name in filters.categories]
        parts.append(_("Categories: %(names)s") % {"names": ", ".join(names)})
    if filters.date_from:
        parts.append(_("From %(date)s") % {"date": filters.date_from.isoformat()})
    if filters.date_to:
        parts.append(_("To %(date)s") % {"date": filters.date_to.isoformat()})
    if filters.q:
        parts.append(_("Search: %(q)s") % {"q": filters.q})
    return " · ".join(parts)


@read_only
def events(request: HttpRequest) -> HttpResponse:
    """GET /api/events: one page of cards under the timeline's filters, with the next page's link."""
    try:
        limit = parse_limit(request.GET.get("limit"))
    except ValueError as error:
        return _error(str(error))
    index = get_index()
    filters = parse_filters(request.GET, index)
    if filters.cursor and parse_cursor(filters.cursor) is None:
        return _error(_("“cursor” is malformed: use the “next” link of a previous page."))
    mask = index.select(filters)
    refs, next_cursor = index.page(mask, newest_first=filters.newest_first, cursor=filters.cursor, size=limit)
    next_url = None
    if next_cursor:
        query = filters.query_string(cursor=next_cursor)
        if limit != DEFAULT_LIMIT:
            query += f"&limit={limit}"
        next_url = request.build_absolute_uri(reverse("timeline:api-events") + query)
    body = {
        "count": index.count(mask),
        "limit": limit,
        "next": next_url,
        "filters": applied_filters(filters),
        "notes": [*filters.notes, *unknown_parameter_notes(request, KNOWN_PARAMETERS)],
        "results": card_items([ref.lead_event_id for ref in refs]),
    }
    return JsonResponse(body, json_dumps_params=JSON_OPTIONS)


def _selection(request: HttpRequest) -> tuple[Cards, TimelineFilters, list[int]]:
    """Every card of the current view, whole (a cursor in the query is ignored)."""
    index = get_index()
    filters = parse_filters(request.GET, index)
    lead_ids = index.all_leads(index.select(filters), newest_first=filters.newest_first)
    return index, filters, lead_ids


@read_only
def events_csv(request: HttpRequest) -> HttpResponse:
    """GET /export/events.csv: every card of the current view as CSV, streamed."""
    _index, _filters, lead_ids = _selection(request)

    def lines() -> Iterator[str]:
        # A byte order mark, so that spreadsheets open the accents of French articles as UTF-8.
        yield "\ufeff"
        yield from csv_lines(iter_card_items(lead_ids), CARD_CSV_COLUMNS, card_csv_row)

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="timeline-events.csv"'
    return response


@read_only
def events_timelinejs(request: HttpRequest) -> HttpResponse:
    """GET /export/timelinejs.json: the current view as a TimelineJS3 document (first MAX_EVENTS cards)."""
    index, filters, lead_ids = _selection(request)
    document = timelinejs.document(
        iter_card_items(lead_ids[: timelinejs.MAX_EVENTS]),
        total=len(lead_ids),
        description=describe(filters, index),
        base_url=request.build_absolute_uri("/").rstrip("/"),
    )
    return JsonResponse(document, json_dumps_params=JSON_OPTIONS)
