"""Calendar arithmetic: TIMEX3 values <-> inclusive periods, unit shifts, part-of-period cuts.

Conventions (see the package docstring): seasons are meteorological (spring = March-May,
summer = June-August, autumn = September-November, winter = December of the year to the end of
February of the next year); "early/mid/late" cut a period into thirds.
"""

from __future__ import annotations

import calendar as _cal
import datetime as dt
import re

from timeline.temporal.types import Precision

Period = tuple[dt.date, dt.date, Precision]

SEASON_MONTHS = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}

_VALUE = re.compile(
    r"^(?P<y>\d{4})(?:-(?:(?P<m>\d{2})(?:-(?P<d>\d{2}))?|W(?P<w>\d{1,2})(?P<we>-WE)?"
    r"|(?P<s>SP|SU|FA|WI)|Q(?P<q>[1-4])|H(?P<h>[12])))?(?:T.*)?$"
)
_DECADE = re.compile(r"^(?P<dec>\d{3})$")
_CENTURY = re.compile(r"^(?P<cen>\d{2})$")


def year_value(year: int) -> str:
    """TIMEX3 year of an astronomical year: 2025 = "2025", 0 = "BC0001", -479 = "BC0480"."""
    return f"{year:04d}" if year >= 1 else f"BC{1 - year:04d}"


def value_year(value: str) -> int | None:
    """Astronomical year a DATE/TIME value starts with ("1998-W12" = 1998, "BC0480-09" = -479)."""
    if value[:4].isdigit():
        return int(value[:4])
    if value.startswith("BC") and value[2:6].isdigit():
        return 1 - int(value[2:6])
    return None


def clamp_day(year: int, month: int, day: int) -> dt.date:
    """The date, with the day clamped to the month's length (31 February -> 28/29)."""
    return dt.date(year, month, min(day, _cal.monthrange(year, month)[1]))


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None when it does not exist (30 February)."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    """(year, month) shifted by n months."""
    idx = year * 12 + (month - 1) + n
    return idx // 12, idx % 12 + 1


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, _cal.monthrange(year, month)[1])


def season_period(year: int, code: str) -> tuple[dt.date, dt.date]:
    """Meteorological season: three whole months starting in March, June, September, December."""
    first = SEASON_MONTHS[code]
    ey, em = add_months(year, first, 2)
    return dt.date(year, first, 1), month_end(ey, em)


def iso_week_start(year: int, week: int) -> dt.date:
    return dt.date.fromisocalendar(year, week, 1)


def week_value(day: dt.date) -> str:
    iso = day.isocalendar()
    return f"{iso.year:04d}-W{iso.week:02d}"


def value_period(value: str) -> Period | None:
    """The inclusive period a DATE/TIME value denotes, or None (XXXX-..., PAST_REF, P1D...)."""
    try:
        return _value_period(value)
    except (ValueError, OverflowError):
        return None


def _value_period(value: str) -> Period | None:
    m = _VALUE.match(value)
    if m:
        y = int(m["y"])
        if y < 1:
            return None
        if m["d"]:
            d = dt.date(y, int(m["m"]), int(m["d"]))
            return d, d, Precision.DAY
        if m["m"]:
            mo = int(m["m"])
            return dt.date(y, mo, 1), month_end(y, mo), Precision.MONTH
        if m["w"]:
            start = iso_week_start(y, int(m["w"]))
            if m["we"]:
                return start + dt.timedelta(days=5), start + dt.timedelta(days=6), Precision.WEEK
            return start, start + dt.timedelta(days=6), Precision.WEEK
        if m["s"]:
            return (*season_period(y, m["s"]), Precision.SEASON)
        if m["q"]:
            q = int(m["q"])
            return dt.date(y, 3 * q - 2, 1), month_end(y, 3 * q), Precision.QUARTER
        if m["h"]:
            h = int(m["h"])
            return dt.date(y, 6 * h - 5, 1), month_end(y, 6 * h), Precision.HALF
        return dt.date(y, 1, 1), dt.date(y, 12, 31), Precision.YEAR
    m = _DECADE.match(value)
    if m:
        y = int(m["dec"]) * 10
        return dt.date(max(y, 1), 1, 1), dt.date(y + 9, 12, 31), Precision.DECADE
    m = _CENTURY.match(value)
    if m:
        y = int(m["cen"]) * 100
        return dt.date(max(y, 1), 1, 1), dt.date(y + 99, 12, 31), Precision.CENTURY
    return None


def cut_part(start: dt.date, end: dt.date, mod: str | None) -> tuple[dt.date, dt.date]:
    """Restrict a period to its first/middle/last third for the START/MID/END modifiers.

    Periods of whole months are cut in whole months (a year: January-April, May-August,
    September-December; a quarter: one month each), shorter ones in days (a month: 1-10,
    11-20, 21-end). A period of less than three days is left whole.
    """
    if mod not in {"START", "MID", "END"}:
        return start, end
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    if start.day == 1 and end == month_end(end.year, end.month) and months >= 3:
        third = months // 3
        first, count = {"START": (0, third), "MID": (third, months - 2 * third)}.get(
            mod, (months - third, third)
        )
        y, m = add_months(start.year, start.month, first)
        ey, em = add_months(y, m, count - 1)
        return dt.date(y, m, 1), month_end(ey, em)
    days = (end - start).days + 1
    if days < 3:
        return start, end
    third = days // 3
    if mod == "START":
        return start, start + dt.timedelta(days=third - 1)
    if mod == "END":
        return end - dt.timedelta(days=days - 2 * third - 1), end
    return start + dt.timedelta(days=third), start + dt.timedelta(days=2 * third - 1)


def shift(day: dt.date, unit: str, n: int) -> dt.date:
    """The day n units (D, W, WE, M, Q, HY, Y, DE, CE) away; months clamp to the month's length."""
    if unit == "D":
        return day + dt.timedelta(days=n)
    if unit in {"W", "WE"}:
        return day + dt.timedelta(weeks=n)
    months = {"M": 1, "Q": 3, "HY": 6, "Y": 12, "DE": 120, "CE": 1200}.get(unit)
    if months is None:
        return day
    y, m = add_months(day.year, day.month, n * months)
    return clamp_day(y, m, day.day)


def value_at(day: dt.date, unit: str) -> str | None:
    """The TIMEX3 value of the unit-sized period containing ``day``."""
    if unit == "D":
        return day.isoformat()
    if unit == "W":
        return week_value(day)
    if unit == "WE":
        return week_value(day) + "-WE"
    if unit == "M":
        return f"{day.year:04d}-{day.month:02d}"
    if unit == "Q":
        return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
    if unit == "HY":
        return f"{day.year:04d}-H{(day.month - 1) // 6 + 1}"
    if unit == "Y":
        return f"{day.year:04d}"
    if unit == "DE":
        return f"{day.year // 10:03d}"
    if unit == "CE":
        return f"{day.year // 100:02d}"
    return None


def easter(year: int) -> dt.date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    r = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * r) // 451
    month = (h + r - 7 * m + 114) // 31
    day = (h + r - 7 * m + 114) % 31 + 1
    return dt.date(year, month, day)


def holiday(year: int, rule: str) -> dt.date | None:
    """Date of a holiday in a year: "MM-DD" for fixed ones, "easter+N", "thanksgiving-us"."""
    if rule.startswith("easter"):
        offset = int(rule[6:] or 0)
        return easter(year) + dt.timedelta(days=offset)
    if rule == "thanksgiving-us":
        first = dt.date(year, 11, 1)
        return first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)
    month, _, day = rule.partition("-")
    return safe_date(year, int(month), int(day))
