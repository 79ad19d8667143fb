"""How a reader says an event's date, honouring its precision and the page's language.

"28 avril 2025", "été 2024", "fin avril 2025", "≈ ces dernières semaines": never more precise than the
source. Month names come from CLDR (Babel); the words around them are translated strings.
"""

from __future__ import annotations

import datetime
from functools import lru_cache

from babel.dates import format_date
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}


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


def _season_name(code: str) -> str:
    names = {
        "SP": pgettext("season", "spring"),
        "SU": pgettext("season", "summer"),
        "FA": pgettext("season", "autumn"),
        "WI": pgettext("season", "winter"),
    }
    return names.get(code, code)


def format_period(
    start: datetime.date,
    end: datetime.date,
    precision: str,
    *,
    mod: str = "",
    timex: str = "",
    date_text: str = "",
) -> str:
    """The date of an event as a reader of the current language would say it."""
    if precision == "day":
        return format_range(start, end)
    if precision == "week":
        return _("week of %(day)s") % {"day": day(start)}
    if precision == "month":
        if mod == "START":
            return _("early %(month)s") % {"month": month(start)}
        if mod == "MID":
            return _("mid-%(month)s") % {"month": month(start)}
        if mod == "END":
            return _("late %(month)s") % {"month": month(start)}
        if start.month != end.month or start.year != end.year:
            return _("%(start)s – %(end)s") % {"start": month(start), "end": month(end)}
        return month(start)
    if precision == "season":
        code = timex[5:7] if len(timex) >= 7 and timex[4] == "-" else ""
        if code in SEASONS:
            return _("%(season)s %(year)s") % {"season": _season_name(code), "year": timex[:4]}
        return _("%(start)s – %(end)s") % {"start": month(start), "end": month(end)}
    if precision == "quarter":
        return _("Q%(quarter)s %(year)s") % {"quarter": (start.month - 1) // 3 + 1, "year": start.year}
    if precision == "half":
        return _("H%(half)s %(year)s") % {"half": 1 if start.month <= 6 else 2, "year": start.year}
    if precision == "year":
        return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
    if precision == "decade":
        return _("the %(decade)ss") % {"decade": start.year // 10 * 10}
    if precision == "century":
        return _("%(century)sth century") % {"century": start.year // 100 + 1}
    # approximate: the words of the text, marked as such; the period is given beside it.
    if date_text:
        return f"≈ {date_text}"
    return "≈ " + _("%(start)s – %(end)s") % {"start": day(start), "end": day(end)}


def format_range(start: datetime.date, end: datetime.date) -> str:
    if start == end:
        return day(start)
    return _("%(start)s – %(end)s") % {"start": day(start), "end": day(end)}


def event_date(event) -> str:
    """format_period for an Event (anything with its date fields)."""
    return format_period(
        event.date_start,
        event.date_end,
        event.precision,
        mod=event.timex_mod,
        timex=event.timex_value,
        date_text=event.date_text,
    )
