"""Days and months as a reader of the page's language writes them ("28 avril 2025", "avril 2025").

Month names come from CLDR (Babel). What a period's precision makes of them is timeline/period.py.
"""

from __future__ import annotations

import datetime
from functools import lru_cache

from babel.dates import format_date
from django.utils.translation import get_language
from django.utils.translation import gettext as _


def _locale() -> str:
    return (get_language() or "en").split("-")[0]


@lru_cache(maxsize=20_000)
def _formatted(value: datetime.date, pattern: str, locale: str) -> str:
    # CLDR formatting costs ~0.05 ms a call and a page formats hundreds of the same few dates.
    return format_date(value, pattern, locale=locale)


def day(value: datetime.date) -> str:
    return _formatted(value, "d MMMM y", _locale())


def month(value: datetime.date) -> str:
    return _formatted(value, "LLLL y", _locale())


def format_range(start: datetime.date, end: datetime.date) -> str:
    if start == end:
        return day(start)
    return _("%(start)s – %(end)s") % {"start": day(start), "end": day(end)}
