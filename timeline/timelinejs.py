"""The timeline's cards as a TimelineJS3 document (https://timeline.knightlab.com/docs/json-format.html).

A document is `{"title": slide, "events": [slide, ...]}`. A slide has `start_date` (and `end_date`) as
date objects `{"year", "month", "day"}` where only `year` is required: a date carries the fields its
precision knows, so a month-precise event has no `day` and a year has neither `month` nor `day`.
`text.headline` and `text.text` may hold HTML: everything from the data is escaped.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.urls import reverse
from django.utils.html import escape, format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from timeline.models import Category
from timeline.period import Period

# TimelineJS lays out every slide at once: past a few thousand the page becomes unusable.
MAX_EVENTS = 2000
HEADLINE_LENGTH = 90


def headline(sentence: str, length: int = HEADLINE_LENGTH) -> str:
    """The sentence, or its beginning cut at a word boundary with an ellipsis (plain text)."""
    sentence = " ".join(sentence.split())
    if len(sentence) <= length:
        return sentence
    cut = sentence[: length - 1]
    if sentence[length - 1] != " " and " " in cut:  # the cut falls inside a word: drop that word
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:–-") + "…"


def _is_web_address(url: object) -> bool:
    return isinstance(url, str) and url.lower().startswith(("http://", "https://"))


def sources_html(sources: list[dict[str, object]], base_url: str) -> str:
    """The card's articles as a list of links: the article page of this app (with its highlights), and
    the original when it is a web address."""
    items = []
    for source in sources:
        page = base_url + reverse("timeline:article", args=[source["id"]])
        details = ", ".join(str(part) for part in (source["source"], source["published"]) if part)
        line = format_html('<a href="{}">{}</a>', page, source["title"] or _("article"))
        if details:
            line += format_html(" ({})", details)
        if _is_web_address(source["url"]):
            line += format_html(' – <a href="{}">{}</a>', source["url"], _("original"))
        items.append((line,))
    return format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", items))


def slide(item: dict[str, object], base_url: str = "") -> dict[str, object]:
    """The slide of one card (an item of timeline.export.card_items)."""
    start = datetime.date.fromisoformat(str(item["date_start"]))
    end = datetime.date.fromisoformat(str(item["date_end"]))
    period = Period(start, end, str(item["precision"]), approximate=bool(item.get("approximate")))
    start_date = period.date_fields(start)
    sources = item["sources"]
    assert isinstance(sources, list)
    categories = dict(Category.choices)
    result: dict[str, object] = {
        "unique_id": f"event-{item['id']}",
        "start_date": start_date,
        "display_date": item["display_date"],
        "text": {
            "headline": escape(headline(str(item["text"]))),
            "text": format_html("<p>{}</p>{}", item["text"], sources_html(sources, base_url)),
        },
        "group": str(categories.get(str(item["category"]), item["category"])),
    }
    end_date = period.date_fields(end)
    if end_date != start_date:
        result["end_date"] = end_date
    return result


def document(
    items: Iterable[dict[str, object]], *, total: int, description: str = "", base_url: str = ""
) -> dict[str, object]:
    """The TimelineJS document of (at most MAX_EVENTS of) `total` cards; the title says when capped.

    `description`: what the selection is (the filters), shown on the title slide.
    `base_url`: prefix of the links to article pages ("" for links relative to this site)."""
    events = [slide(item, base_url) for _n, item in zip(range(MAX_EVENTS), items, strict=False)]
    lines = [ngettext("%(n)s event", "%(n)s events", total) % {"n": total}]
    if description:
        lines.append(description)
    if total > len(events):
        lines.append(
            _("Only the first %(shown)s are shown: narrow the filters to see the others.")
            % {"shown": len(events)}
        )
    text = format_html_join("", "<p>{}</p>", ((line,) for line in lines))
    return {
        "title": {"text": {"headline": escape(_("News timeline")), "text": text}},
        "events": events,
    }
