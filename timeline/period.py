"""The one model of an event's period: its bounds, how precisely it is known, whether it is an estimate.

Every rule that depends on precision lives here: the words a reader sees ("late April 2025", "≈ summer
2024"), the machine-readable date of a `<time>` element, the fields a TimelineJS date object may carry.
Cards, article pages, the API, the CSV and the TimelineJS export all ask a Period.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from timeline.display import day, format_range, month
from timeline.temporal.types import Precision

SEASONS = ("SP", "SU", "FA", "WI")
APPROXIMATE_MARK = "≈"

# The fields of a date a precision knows (TimelineJS date objects, <time> values). A week's bounds are
# exact days (Monday to Sunday); an approximate span ("in recent weeks") is an estimate: months only.
KNOWN_FIELDS: dict[str, tuple[str, ...]] = {
    Precision.DAY: ("year", "month", "day"),
    Precision.WEEK: ("year", "month", "day"),
    Precision.MONTH: ("year", "month"),
    Precision.SEASON: ("year", "month"),
    Precision.QUARTER: ("year", "month"),
    Precision.HALF: ("year", "month"),
    Precision.APPROXIMATE: ("year", "month"),
    Precision.YEAR: ("year",),
    Precision.DECADE: ("year",),
    Precision.CENTURY: ("year",),
}


def _season_name(code: str) -> str:
    names = {
        "SP": pgettext("season", "spring"),
        "SU": pgettext("season", "summer"),
        "FA": pgettext("season", "autumn"),
        "WI": pgettext("season", "winter"),
    }
    return names.get(code, code)


@dataclass(frozen=True, slots=True)
class Period:
    start: datetime.date
    end: datetime.date
    precision: str
    approximate: bool = False  # the text gives an estimate ("about", "some weeks ago")
    mod: str = ""  # TIMEX3 modifier: START, MID, END
    timex: str = ""  # TIMEX3 value ("2024-SU")
    date_text: str = ""  # the words of the text

    @classmethod
    def of(cls, event: object) -> Period:
        """The period of an Event (or anything with its date fields)."""
        return cls(
            start=event.date_start,  # type: ignore[attr-defined]
            end=event.date_end,  # type: ignore[attr-defined]
            precision=event.precision,  # type: ignore[attr-defined]
            approximate=bool(getattr(event, "approximate", False)),
            mod=getattr(event, "timex_mod", ""),
            timex=getattr(event, "timex_value", ""),
            date_text=getattr(event, "date_text", ""),
        )

    @property
    def is_estimate(self) -> bool:
        """Shown with "≈": flagged approximate, or a span only estimated from the text ("recent weeks")."""
        return self.approximate or self.precision == Precision.APPROXIMATE

    def label(self) -> str:
        """The date as a reader of the current language would say it, never more precise than the source."""
        if self.precision == Precision.APPROXIMATE:
            # The words of the text, marked as such; the period is given beside it.
            words = self.date_text or format_range(self.start, self.end)
            return f"{APPROXIMATE_MARK} {words}"
        said = self._exact_label()
        return f"{APPROXIMATE_MARK} {said}" if self.approximate else said

    def _exact_label(self) -> str:
        start, end = self.start, self.end
        precision = self.precision
        if precision == Precision.DAY:
            return format_range(start, end)
        if precision == Precision.WEEK:
            return _("week of %(day)s") % {"day": day(start)}
        if precision == Precision.MONTH:
            if self.mod == "START":
                return _("early %(month)s") % {"month": month(start)}
            if self.mod == "MID":
                return _("mid-%(month)s") % {"month": month(start)}
            if self.mod == "END":
                return _("late %(month)s") % {"month": month(start)}
            if start.month != end.month or start.year != end.year:
                return _("%(start)s – %(end)s") % {"start": month(start), "end": month(end)}
            return month(start)
        if precision == Precision.SEASON:
            code = self.timex[5:7] if len(self.timex) >= 7 and self.timex[4] == "-" else ""
            if code in SEASONS:
                return _("%(season)s %(year)s") % {"season": _season_name(code), "year": self.timex[:4]}
            return _("%(start)s – %(end)s") % {"start": month(start), "end": month(end)}
        if precision == Precision.QUARTER:
            return _("Q%(quarter)s %(year)s") % {"quarter": (start.month - 1) // 3 + 1, "year": start.year}
        if precision == Precision.HALF:
            return _("H%(half)s %(year)s") % {"half": 1 if start.month <= 6 else 2, "year": start.year}
        if precision == Precision.YEAR:
            return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
        if precision == Precision.DECADE:
            return _("the %(decade)ss") % {"decade": start.year // 10 * 10}
        if precision == Precision.CENTURY:
            return _("%(century)sth century") % {"century": start.year // 100 + 1}
        return format_range(start, end)

    def range_label(self) -> str:
        """The bounds as days ("31 March 2025 – 28 April 2025"): what an estimate stands for."""
        return format_range(self.start, self.end)

    def iso(self) -> str:
        """The machine-readable date of a `<time>` element, as precise as the period (and no more)."""
        if self.precision == Precision.DAY and self.start == self.end:
            return self.start.isoformat()
        if (
            self.precision == Precision.MONTH
            and not self.mod
            and (self.start.year, self.start.month)
            == (
                self.end.year,
                self.end.month,
            )
        ):
            return self.start.strftime("%Y-%m")
        if self.precision == Precision.YEAR and self.start.year == self.end.year:
            return str(self.start.year)
        return self.start.isoformat()

    def date_fields(self, value: datetime.date) -> dict[str, int]:
        """A date as an object with only the fields the precision knows (never an invented day)."""
        fields = KNOWN_FIELDS.get(self.precision, ("year", "month"))
        if self.approximate and "day" in fields:
            fields = ("year", "month")  # an estimate knows no day
        return {name: getattr(value, name) for name in fields}
