"""Public pages of the timeline. Views stay thin: state from timeline.filters, data from timeline.index
(which cards, counts: the read model) and timeline.cards (what a card shows), markup from one template
with partials."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.http import urlencode
from django_htmx.http import push_url

from timeline.brush import time_brush
from timeline.cards import article_segments, by_month_and_day, cached_cards
from timeline.facets import BAR_WIDTH, chart_bars, facets
from timeline.filters import TimelineFilters, parse_filters
from timeline.index import Cards, get_index
from timeline.models import Article, Entity
from timeline.worldmap import timeline_world_map

# How often an open timeline asks whether new events arrived under its filters.
POLL_SECONDS = 3


def page_size() -> int:
    """Cards per page (setting TIMELINE_PAGE_SIZE, default 50)."""
    return settings.TIMELINE_PAGE_SIZE


def wants_fragment(request: HttpRequest) -> bool:
    """An htmx swap gets a fragment; a history restore (back button after a cache miss) a full page."""
    return bool(request.htmx) and not request.htmx.history_restore_request


def new_events_url(filters: TimelineFilters, sequence: int) -> str:
    """Where an open page asks for the cards that appeared under its filters after `sequence`."""
    pairs = [*filters.params(), ("since", str(sequence))]
    return reverse("timeline:new-events") + "?" + urlencode(pairs)


def _page(index: Cards, selection: object, filters: TimelineFilters) -> dict[str, object]:
    refs, next_cursor = index.page(
        selection, newest_first=filters.newest_first, cursor=filters.cursor, size=page_size()
    )
    return {
        "months": by_month_and_day(cached_cards(refs)),
        "next_query": filters.query_string(cursor=next_cursor) if next_cursor else "",
    }


def timeline(request: HttpRequest) -> HttpResponse:
    """The timeline: filters, facet counts, the monthly chart and a page of cards."""
    index = get_index()
    filters = parse_filters(request.GET, index, typed_person=not request.htmx)
    mask = index.select(filters)
    context: dict[str, object] = {"filters": filters, **_page(index, mask, filters)}
    if filters.cursor and wants_fragment(request):
        # "Load more": only the next cards, no facets or chart.
        response = render(request, "timeline/timeline.html#cards-page", context)
    else:
        bars = chart_bars(index.histogram(mask), filters)
        context.update(
            new_events_url=new_events_url(filters, index.sequence),
            poll_seconds=POLL_SECONDS,
            total=index.count(mask),
            facets=facets(index, mask, filters),
            bars=bars,
            chart_width=len(bars) * BAR_WIDTH,
        )
        context["brush"] = time_brush(index, mask, filters, bars)  # issue 14
        context["world_map"] = timeline_world_map(index, mask, filters, context["facets"].countries)
        template = "timeline/timeline.html"
        if wants_fragment(request):
            template += "#timeline-region"
        response = render(request, template, context)
        if wants_fragment(request):
            # The address bar shows the canonical link of this view (no empty form fields), to share.
            push_url(response, (request.path + filters.query_string(cursor="")).rstrip("?"))
    patch_vary_headers(response, ["HX-Request"])
    return response


def person_suggestions(request: HttpRequest) -> HttpResponse:
    """Type-ahead for the person filter: persons whose name or alias contains what was typed."""
    index = get_index()
    filters = parse_filters(request.GET, index)
    typed = request.GET.get("person_q", "")
    context = {"filters": filters, "typed": typed, "suggestions": index.find_persons(typed)}
    return render(request, "timeline/person_suggestions.html", context)


def entity_detail(request: HttpRequest, kind: str, slug: str) -> HttpResponse:
    """An entity's own timeline, its aliases and the entities most often seen with it."""
    if kind not in Entity.Kind.values:
        raise Http404("no such kind of entity")
    lookup = {"iso_code": slug.upper()} if kind == Entity.Kind.COUNTRY else {"slug": slug}
    entity = get_object_or_404(Entity.objects.select_related("country"), kind=kind, **lookup)
    index = get_index()
    filters = parse_filters(request.GET, index)
    mask = index.of_entity(entity.pk)
    context: dict[str, object] = {"entity": entity, "filters": filters, **_page(index, mask, filters)}
    if filters.cursor and wants_fragment(request):
        response = render(request, "timeline/timeline.html#cards-page", context)
    else:
        context.update(
            total=index.count(mask),
            aliases=sorted(set(index.aliases(entity.pk)) - {entity.name}),
            related=index.related(entity.pk),
        )
        response = render(request, "timeline/entity_detail.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


# An article page stays light however long the article (a 5 MB text would make a page of tens of MB and
# thousands of events): it shows the start of the text and of its events, and says so.
ARTICLE_PAGE_CHARACTERS = 100_000
ARTICLE_PAGE_EVENTS = 500


def article_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """An article's text with its time expressions and entities highlighted, its metadata and events."""
    articles = Article.objects.all() if request.user.is_staff else Article.objects.public()
    article = get_object_or_404(articles.with_text_start(ARTICLE_PAGE_CHARACTERS), pk=pk)
    events = list(article.events.order_by("sentence_start", "date_start")[: ARTICLE_PAGE_EVENTS + 1])
    highlights = Article.objects.highlights_within(article.pk, len(article.text_start))
    context = {
        "article": article,
        "segments": article_segments(article.text_start, highlights),
        "text_cut": article.text_length > ARTICLE_PAGE_CHARACTERS,
        "shown_characters": ARTICLE_PAGE_CHARACTERS,
        "events": events[:ARTICLE_PAGE_EVENTS],
        "events_cut": len(events) > ARTICLE_PAGE_EVENTS,
    }
    return render(request, "timeline/article_detail.html", context)


def new_events(request: HttpRequest) -> HttpResponse:
    """How many cards appeared under the page's filters since the page was made (`since`: the sequence
    number the page was made at): the banner an open timeline polls for. One query on the read model."""
    index = get_index()
    filters = parse_filters(request.GET, index)
    try:
        since = int(request.GET.get("since", ""))
    except ValueError:
        since = index.sequence
    count = index.new_since(index.select(filters), since)
    show_query = (reverse("timeline:timeline") + filters.query_string(cursor="")).rstrip("?")
    context = {"count": count, "show_query": show_query}
    response = render(request, "timeline/new_events.html", context)
    response["Cache-Control"] = "no-store"
    return response
