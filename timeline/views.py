"""Public pages of the timeline. Views stay thin: queries live on the QuerySets."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from timeline.models import Event

# Until filters and paging arrive, the home page shows a bounded slice.
HOME_PAGE_SIZE = 200


def timeline(request: HttpRequest) -> HttpResponse:
    """The events in date order."""
    events = list(Event.objects.in_date_order()[:HOME_PAGE_SIZE])
    return render(request, "timeline/timeline.html", {"events": events})
