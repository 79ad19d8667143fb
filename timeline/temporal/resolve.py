"""Resolvers: turn one rule match into TIMEX3 type/value/mod (and, for anchored ranges, a period).

Each rule of a language file names one resolver by its ``kind``; the resolver reads the named
groups of the match (``day``, ``month``, ``unit``...) and the rule's parameters. A resolver
returns an empty list when the match cannot be resolved (a 31 February, an unknown word), and
the match is dropped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from timeline.temporal import calendar as cal
from timeline.temporal.anchoring import (
    FUTURE_REACH_MONTHS,
    STORY_REACH_MONTHS,
    closest_day,
    closest_month,
    future_tense,
    story_time,
    weekday_date,
)
from timeline.temporal.context import Found, Match
from timeline.temporal.lexicon import normalise
from timeline.temporal.parsing import (
    as_int,
    capitalised_name,
    clock,
    parse_day,
    parse_year,
    roman_or_int,
    with_time,
)
from timeline.temporal.types import Precision, TimexType

# How far back/forward a vague anchored duration reaches ("ces dernières semaines" = 4 weeks).
VAGUE_SPAN = {"D": 7, "W": 4, "M": 3, "Q": 2, "HY": 2, "Y": 3, "DE": 2, "CE": 1}


# Duration units: our unit code -> (TIMEX3 unit, multiplier, time part?)
DURATION_UNITS = {
    "D": ("D", 1, False),
    "W": ("W", 1, False),
    "WE": ("D", 2, False),
    "M": ("M", 1, False),
    "Q": ("M", 3, False),
    "HY": ("M", 6, False),
    "Y": ("Y", 1, False),
    "DE": ("Y", 10, False),
    "CE": ("Y", 100, False),
    "TH": ("H", 1, True),
    "TM": ("M", 1, True),
    "TS": ("S", 1, True),
}


_MODS = {
    "START",
    "MID",
    "END",
    "APPROX",
    "BEFORE",
    "AFTER",
    "ON_OR_BEFORE",
    "ON_OR_AFTER",
    "LESS_THAN",
    "MORE_THAN",
    "EQUAL_OR_LESS",
    "EQUAL_OR_MORE",
}


def resolve_point(m: Match) -> list[Found]:
    """Calendar points: dates, partial dates, deictic days, weekdays, years, times of day."""
    ctx, dct = m.ctx, m.ctx.dct
    start, end = m.span()
    shift = as_int(m.word("shift", "shift2"))
    tod = m.word("tod", "tod2") or m.param("tod")
    hour, minute = clock(m)
    mod = m.word("part") or m.param("mod")
    from_dct = deictic = aside = False
    value: str | None = None
    if m.has("anchorword") or m.param("anchor") == "ref":
        offset = as_int(m.word("anchorword")) or as_int(m.param("offset")) or 0
        # "la veille" hangs on a day of its passage; "that night" on the story's day anywhere.
        story = ctx.story_day(start if offset else None)
        # No story day: the DCT's, which is no step of the story.
        base, from_dct, aside = story or dct, True, story is None
        value = (base + dt.timedelta(days=offset)).isoformat()
        month = ctx.focus_month(start) if story is None and m.has("anchorword") else None
        if month is not None and month[0] >= 1:
            # "last October ... that same day": a day of that month, not of the DCT's (its
            # time of day says nothing more).
            value, aside = f"{month[0]:04d}-{month[1]:02d}", False
            tod, hour, minute = None, None, None
    elif m.has("dayword") or m.param("offset") is not None:
        offset = as_int(m.word("dayword"))
        if offset is None:
            offset = as_int(m.param("offset")) or 0
        value = (dct + dt.timedelta(days=offset)).isoformat()
        from_dct = deictic = True
    elif m.has("month"):
        resolved = _month_point(m, shift)
        if resolved is None:
            return []
        value, from_dct = resolved
    elif m.has("weekday") and m.has("day"):
        # "jeudi 3", "Thursday the 3rd": the 3rd nearest the DCT that is a Thursday.
        date = _weekday_and_day(as_int(m.word("weekday")), parse_day(m.text("day")), dct)
        if date is None:
            return []
        value, from_dct = date.isoformat(), True
    elif m.has("weekday"):
        weekday = as_int(m.word("weekday"))
        if weekday is None:
            return []
        ref = ctx.ref_day
        if m.has("same") and ref is not None and ref.weekday() == weekday:
            # "ce même lundi": the Monday just mentioned.
            value = ref.isoformat()
        else:
            value = weekday_date(weekday, ctx, shift, start, end).isoformat()
            from_dct = deictic = True
    elif m.has("year"):
        year = parse_year(m.text("year"), dct, ctx.grammar)
        if year is None:
            return []
        value = cal.year_value(year)
    elif tod or hour is not None:
        # "ce soir", "this morning", a bare clock time: on the day last mentioned, else the DCT
        # (a time of day follows the story's day across paragraphs).
        base, from_dct = ctx.anchor_day(), True
        floating = shift != 0
        if shift == 0:
            base, deictic = dct, True
        value = with_time(base.isoformat(), tod, hour, minute)
        return [Found(start, end, TimexType.TIME, value, None, None, from_dct, floating, deictic)]
    if value is None:
        return []
    as_unit = m.param("as_unit")
    if isinstance(as_unit, str) and len(value) == 10:
        value = cal.value_at(dt.date.fromisoformat(value), as_unit) or value
    value = with_time(value, tod, hour, minute)
    ttype = TimexType.TIME if "T" in value else TimexType.DATE
    mod = mod if mod in _MODS else None
    return [Found(start, end, ttype, value, mod, None, from_dct, deictic=deictic, aside=aside)]


def _weekday_and_day(weekday: int | None, day: int | None, dct: dt.date) -> dt.date | None:
    """The day of the month ``day`` in the DCT's month or the ones around it that falls on
    ``weekday``, nearest the DCT; None when none does (then it is not a date)."""
    if weekday is None or day is None:
        return None
    fits = []
    for shift in (-1, 0, 1):
        year, month = cal.add_months(dct.year, dct.month, shift)
        date = cal.safe_date(year, month, day)
        if date is not None and date.weekday() == weekday:
            fits.append(date)
    return min(fits, key=lambda d: abs((d - dct).days), default=None)


def _month_point(m: Match, shift: int | None) -> tuple[str, bool] | None:
    """Value of "26 avril (2025)", "avril (2025)", "juin prochain", "January this year" and
    whether the year had to be inferred (from the DCT or the story); None when it is not a date."""
    ctx, dct = m.ctx, m.ctx.dct
    start, end = m.span()
    month = as_int(m.word("month"))
    if month is None or capitalised_name(m):
        return None
    year = parse_year(m.text("year", "year2"), dct, ctx.grammar)
    yshift = as_int(m.word("yshift", "yshift2"))
    if year is None and yshift is not None:
        year = dct.year + yshift
    inferred = year is None
    day = parse_day(m.text("day"))
    base, reach = dct, None
    story = story_time(ctx, start) if inferred and shift is None else None
    future = story is None and shift is None and inferred and future_tense(ctx, start, end)
    if story is not None:
        if story.day is None:
            year = story.year  # only the story's year is known
        else:
            base, reach = story.day, STORY_REACH_MONTHS
    elif inferred and normalise(m.text("shift", "shift2") or "") in ctx.grammar.anaphoric_shifts:
        # "the previous April", "le mois d'avril suivant": before/after the story's time.
        base = ctx.focus_date(start, "M", anywhere=True) or dct
    if day is None:
        if year is None:
            year = closest_month(month, base, shift, future, reach)
        return f"{cal.year_value(year)}-{month:02d}", inferred or yshift is not None
    if year is not None:
        if year < 1:
            return f"{cal.year_value(year)}-{month:02d}-{day:02d}", inferred
        date = cal.safe_date(year, month, day)
        if date is None and inferred:  # "February 29" in a story year that has none
            date = closest_day(month, day, dt.date(year, 7, 1), shift)
        return (date.isoformat(), inferred or yshift is not None) if date else None
    date = closest_day(month, day, base, shift, future, reach)
    weekday = as_int(m.word("weekday"))
    if date is not None and weekday is not None and date.weekday() != weekday:
        # "lundi 6 septembre": the year in which 6 September is a Monday.
        fits = [
            d
            for y in (dct.year - 1, dct.year, dct.year + 1)
            if (d := cal.safe_date(y, month, day)) and d.weekday() == weekday
        ]
        if fits:
            date = min(fits, key=lambda d: abs((d - dct).days))
    return (date.isoformat(), True) if date else None


def resolve_day_range(m: Match) -> list[Found]:
    """ "du 8 au 10 mai", "May 8-10": two dates, the first borrowing the second's month and year."""
    second = resolve_point(m)
    if not second:
        return []
    last = second[0]
    first_day = parse_day(m.text("day1"))
    if first_day is None or len(last.value) < 10:
        return []
    try:
        first = dt.date.fromisoformat(last.value[:10]).replace(day=first_day)
    except ValueError:
        return []
    s1, e1 = m.span("day1")
    s2 = m.span("day")[0] if m.has("day") and m.span("day")[0] > e1 else e1
    month_span = m.span("month")
    s2 = min(s2, month_span[0]) if month_span[0] > e1 else s2
    return [
        Found(s1, e1, TimexType.DATE, first.isoformat(), None, None, last.from_dct),
        Found(s2, last.end, TimexType.DATE, last.value, last.mod, None, last.from_dct),
    ]


def resolve_year_range(m: Match) -> list[Found]:
    """ "1915-17": 1915 and 1917 (the second year's century is the first's, or the next one's
    when it would go back: "1998-02" is 1998 and 2002)."""
    first = parse_year(m.text("year"), m.ctx.dct, m.ctx.grammar)
    digits = m.text("yy")
    if first is None or digits is None:
        return []
    second = first // 100 * 100 + int(digits)
    if second <= first:
        second += 100
    s1, e1 = m.span("year")
    found = [Found(s1, e1, TimexType.DATE, cal.year_value(first))]
    if second - first <= 20:  # "1990-12" is no span of 22 years: the year alone
        s2, e2 = m.span("yy")
        found.append(Found(s2, e2, TimexType.DATE, cal.year_value(second)))
    return found


def resolve_numeric(m: Match) -> list[Found]:
    """All-digit dates: 26/04/2025 (day first in French), 04/26/2025 (month first in English),
    2025-04-26; the other order is tried when the language's order gives no valid date."""
    dct = m.ctx.dct
    start, end = m.span()
    a, b = parse_day(m.text("a")), parse_day(m.text("b"))
    year = parse_year(m.text("y"), dct)
    if a is None or b is None or year is None:
        return []
    order = str(m.param("order") or m.ctx.grammar.numeric_date_order)
    pairs = [(a, b), (b, a)] if order in {"dmy", "ymd"} else [(b, a), (a, b)]
    for day, month in pairs:
        try:
            date = dt.date(year, month, day)
        except ValueError:
            continue
        return [Found(start, end, TimexType.DATE, date.isoformat())]
    return []


def resolve_relative(m: Match) -> list[Found]:
    """ "la semaine dernière", "next month", "cette année", "the weekend": the DCT's unit, shifted.

    Anaphoric ones ("la semaine suivante", "the following month", "later that month", "plus tôt
    dans la semaine", "the end of the month" in a passage about another day) hang on the focus
    when it is precise enough, as every relative unit does in a narrative."""
    ctx, dct = m.ctx, m.ctx.dct
    start, end = m.span()
    unit = m.word("unit", "unit2") or m.param("unit_default")
    if not isinstance(unit, str):
        return []
    shift = as_int(m.word("shift", "shift2"))
    if shift is None:
        shift = as_int(m.param("shift")) or 0
    anchor = m.param("anchor")
    shift_word = normalise(m.text("shift", "shift2") or "")
    anaphoric = anchor in {"focus", "story"} or shift_word in ctx.grammar.anaphoric_shifts
    base = None
    if ctx.narrative or anaphoric:
        base = ctx.focus_date(start, unit, anywhere=anchor == "story")
    deictic = base is None and not anaphoric
    aside = base is None and anaphoric  # no story time to hang on: the DCT's, as an aside
    if base is None:
        base = dct
    if unit == "WE":
        # A weekend named early in the week is the one just past; later in the week, the next.
        if deictic and dct.weekday() < 3 and shift == 0:
            base = dct - dt.timedelta(weeks=1)
        value = cal.value_at(cal.shift(base, "W", shift), "WE")
    else:
        value = cal.value_at(cal.shift(base, unit, shift), unit)
    if value is None:
        return []
    mod = m.word("part") or m.param("mod")
    if unit == "Q":
        ctx.last_quarter, ctx.last_quarter_end = value, end
    mod = mod if mod in _MODS else None
    return [Found(start, end, TimexType.DATE, value, mod, None, True, deictic=deictic, aside=aside)]


def resolve_offset(m: Match) -> list[Found]:
    """ "il y a trois jours", "two weeks ago", "in two months": the DCT moved by N units."""
    ctx = m.ctx
    start, end = m.span()
    unit = m.word("unit")
    direction = as_int(m.param("direction")) or -1
    if not isinstance(unit, str):
        return []
    if m.has("vague"):
        if m.param("tense") == "future" and not future_tense(ctx, start, end):
            value = duration_value(None, unit)  # "the first attack in a few years"
            return [Found(start, end, TimexType.DURATION, value)] if value else []
        return [Found(start, end, TimexType.DATE, "PAST_REF" if direction < 0 else "FUTURE_REF")]
    n = ctx.grammar.number(m.text("num") or "")
    if n is None or n != int(n) or n > 5000:
        return []
    deictic = m.param("anchor") != "ref"
    base, aside = ctx.dct, direction < 0
    if not deictic:
        # "two days later" needs the story's day; "two years earlier" only its year.
        story = ctx.focus_date(start, unit if unit in DURATION_UNITS else "D")
        base, aside = (story, aside) if story is not None else (ctx.dct, True)
    told = ctx.told_day(start)
    if deictic and direction < 0 and told is not None and told < ctx.dct:
        # "Le 3 mars, ... Il y a une semaine, ...": in a passage about an earlier day, a
        # look-back counts from that day (issue: news passages follow their own time).
        base, deictic = told, False
    if deictic and ctx.narrative:
        # A history has no "now" but its own: "two years ago" counts from the story's time.
        story = ctx.focus_date(start, unit if unit in DURATION_UNITS else "D")
        if story is not None:
            base, deictic = story, False
    if m.param("tense") == "future" and not future_tense(ctx, start, end):
        # "in two weeks" is a date only when the clause speaks of the future ("will meet in
        # two weeks"); otherwise it is a span ("the first attack in 20 years").
        value = duration_value(n, unit)
        return [Found(start, end, TimexType.DURATION, value)] if value else []
    if unit in {"TH", "TM", "TS"}:
        return []
    day = cal.shift(base, unit, direction * int(n))
    # "a decade ago" is the year ten years back, not the decade it falls in.
    value = cal.value_at(day, {"WE": "W", "DE": "Y", "CE": "Y"}.get(unit, unit))
    if value is None:
        return []
    mod = m.word("approx")
    mod = mod if mod in _MODS else None
    if mod is None and normalise(m.text("num") or "") in ctx.grammar.approximate_numbers:
        mod = "APPROX"  # "il y a une dizaine d'années"
    period = approximate_period(day, unit, int(n)) if mod == "APPROX" else None
    # "two years ago", "a decade earlier" look back from the story, and an anaphoric offset
    # with no story time to hang on falls back to the DCT: asides, not the story's next step.
    return [Found(start, end, TimexType.DATE, value, mod, period, True, deictic=deictic, aside=aside)]


# Days in a unit, to size the estimate around an approximate date.
_UNIT_DAYS = {"D": 1, "W": 7, "WE": 7, "M": 30, "Q": 91, "HY": 182, "Y": 365, "DE": 3652, "CE": 36524}


def approximate_period(day: dt.date, unit: str, n: int) -> cal.Period:
    """ "il y a près de trois ans", "about 20 years ago": an estimate around the computed day,
    half a unit either side, or a tenth of the distance when that is wider (±2 years for 20)."""
    spread = dt.timedelta(days=max(_UNIT_DAYS.get(unit, 1) // 2, _UNIT_DAYS.get(unit, 1) * n // 10))
    lo = day - spread if day - dt.date.min > spread else dt.date.min
    hi = day + spread if dt.date.max - day > spread else dt.date.max
    return lo, hi, Precision.APPROXIMATE


# A fractional amount of a unit is written with the next smaller unit ("2 1/2 years" = P2Y6M,
# "a minute and a half" = PT1M30S): letter -> (smaller letter, how many, smaller is a time part).
_SMALLER = {"Y": ("M", 12, False), "W": ("D", 7, False), "D": ("H", 24, True)}
_SMALLER_TIME = {"H": ("M", 60, True), "M": ("S", 60, True)}


def duration_value(n: float | None, unit: str) -> str | None:
    """TIMEX3 duration value of ``n`` units (None: an unspecified number, "PXY")."""
    spec = DURATION_UNITS.get(unit)
    if spec is None:
        return None
    letter, mult, is_time = spec
    if n is None:
        amount = {"DE": "XDE", "CE": "XCE"}.get(unit, "X")
        letter = "" if unit in {"DE", "CE"} else letter
        return f"PT{amount}{letter}" if is_time else f"P{amount}{letter}"
    total = n * mult
    whole = int(total)
    smaller = (_SMALLER_TIME if is_time else _SMALLER).get(letter)
    if float(total).is_integer() or smaller is None:
        amount = str(whole) if float(total).is_integer() else f"{total:g}"
        return f"PT{amount}{letter}" if is_time else f"P{amount}{letter}"
    small_letter, per, small_is_time = smaller
    rest = (total - whole) * per
    if not float(round(rest, 6)).is_integer():
        return f"PT{total:g}{letter}" if is_time else f"P{total:g}{letter}"
    head = f"{whole}{letter}" if whole else ""
    tail = f"{round(rest)}{small_letter}"
    if is_time:
        return f"PT{head}{tail}"
    return f"P{head}T{tail}" if small_is_time else f"P{head}{tail}"


def resolve_duration(m: Match) -> list[Found]:
    """Durations ("trois jours" P3D); anchored ones ("ces dernières semaines") get a period."""
    ctx, dct = m.ctx, m.ctx.dct
    start, end = m.span()
    word_value = m.word("durword")
    if isinstance(word_value, str):
        return [Found(start, end, TimexType.DURATION, word_value)]
    unit = m.word("unit")
    if not isinstance(unit, str):
        return []
    n: float | None = None
    if m.has("num"):
        n = ctx.grammar.number(m.text("num") or "")
        if n is None or m.has("frac"):
            return []
        if 1000 <= n <= 2100 and unit not in {"TS", "TM", "TH", "D"}:
            return []  # "the 1988 quarter" is a year, not 1988 quarters
    elif m.has("frac"):
        n = {"demi": 0.5, "half": 0.5, "quart": 0.25, "quarter": 0.25}.get((m.text("frac") or "").lower())
        if n is None:
            return []
    elif not m.has("vague") and not m.param("vague_default") and not _plural_unit(m):
        n = 1
    if m.has("half") and n is not None:
        n += 0.5
    value = duration_value(n, unit)
    if value is None:
        return []
    direction = as_int(m.word("shift")) if m.has("shift") else None
    if direction is None and m.param("anchored") is not None:
        direction = as_int(m.param("anchored"))
    period = None
    if direction in (-1, 1) and unit not in {"TH", "TM", "TS"}:
        if n is None:
            reach = VAGUE_SPAN.get(unit, 1)
        elif n == int(n):
            reach = int(n)
        else:
            reach = None
        if reach is not None:
            other = cal.shift(dct, unit if unit != "WE" else "W", direction * reach)
            lo, hi = sorted((other, dct))
            period = (lo, hi, Precision.APPROXIMATE)
    mod = m.word("approx")
    return [
        Found(
            start, end, TimexType.DURATION, value, mod if mod in _MODS else None, period, period is not None
        )
    ]


def _plural_unit(m: Match) -> bool:
    """Whether the unit word is a plural ("months" but not "mois"): no number means "some"."""
    word = (m.text("unit") or "").lower()
    return word.endswith("s") and m.ctx.grammar.lookup("unit", word[:-1]) is not None


def resolve_set(m: Match) -> list[Found]:
    """Recurring times: "chaque semaine" P1W, "tous les jeudis" XXXX-WXX-4, "daily" P1D."""
    ctx = m.ctx
    start, end = m.span()
    word_value = m.word("setword")
    if isinstance(word_value, str):
        return [Found(start, end, TimexType.SET, word_value)]
    weekday = as_int(m.word("weekday", "weekday2"))
    if weekday is not None:
        value = f"XXXX-WXX-{weekday + 1}"
        tod = m.word("tod", "tod2")
        return [Found(start, end, TimexType.SET, value + (f"T{tod}" if tod else ""))]
    unit = m.word("unit")
    if not isinstance(unit, str):
        return []
    n = ctx.grammar.number(m.text("num") or "") if m.has("num") else 1
    value = duration_value(n, unit)
    return [Found(start, end, TimexType.SET, value)] if value else []


def resolve_ref(m: Match) -> list[Found]:
    """PRESENT_REF / PAST_REF / FUTURE_REF words; "PAST_REF/-30" also gives a 30-day period."""
    dct = m.ctx.dct
    raw = m.word("ref") or m.param("value")
    if not isinstance(raw, str):
        return []
    value, _, reach = raw.partition("/")
    start, end = m.span()
    period = None
    if value == "PRESENT_REF":
        period = (dct, dct, Precision.DAY)
    elif reach.lstrip("+-").isdigit():
        other = dct + dt.timedelta(days=int(reach))
        lo, hi = sorted((other, dct))
        period = (lo, hi, Precision.APPROXIMATE)
    return [Found(start, end, TimexType.DATE, value, None, period, True)]


def resolve_season(m: Match) -> list[Found]:
    """Seasons: "l'été 2024" 2024-SU; "last summer" the latest one over before the DCT."""
    dct = m.ctx.dct
    code = m.word("season")
    if not isinstance(code, str):
        return []
    start, end = m.span()
    year = parse_year(m.text("year"), dct, m.ctx.grammar)
    shift = as_int(m.word("shift", "shift2"))
    from_dct = False
    story = story_time(m.ctx, start) if year is None and (m.has("det") or shift is not None) else None
    if story is not None:
        # In a story, "the summer" is the story year's, "the next spring" the one after it;
        # a winter named early in a year began in the year before.
        from_dct = True
        year = story.year + (shift or 0)
        if code == "WI" and story.day is not None and story.day.month <= 2 and not shift:
            year -= 1
    elif year is None and shift is not None:
        from_dct = True
        options = [(y, *cal.season_period(y, code)) for y in range(dct.year - 2, dct.year + 2)]
        if shift == -1:
            year = max((o for o in options if o[2] < dct), default=options[0])[0]
        elif shift == 1:
            year = min((o for o in options if o[1] > dct), default=options[-1])[0]
        else:
            inside = [o for o in options if o[1] <= dct <= o[2]]
            year = (
                inside[0][0]
                if inside
                else min(options, key=lambda o: min(abs((o[1] - dct).days), abs((o[2] - dct).days)))[0]
            )
    if year is None and m.has("det"):
        # "the summer", "l'été": the latest one begun by the DCT, or the next in a future clause.
        from_dct = True
        options = [(y, *cal.season_period(y, code)) for y in range(dct.year - 2, dct.year + 2)]
        if future_tense(m.ctx, start, end):
            year = min((o for o in options if o[2] >= dct), default=options[-1])[0]
        else:
            year = max((o for o in options if o[1] <= dct), default=options[0])[0]
    value = f"{cal.year_value(year)}-{code}" if year is not None else f"XXXX-{code}"
    mod = m.word("part")
    return [Found(start, end, TimexType.DATE, value, mod if mod in _MODS else None, None, from_dct)]


def resolve_quarter(m: Match) -> list[Found]:
    """Quarters and halves: "the third quarter" (of the DCT's year once begun), "the quarter"."""
    ctx, dct = m.ctx, m.ctx.dct
    start, end = m.span()
    which = m.param("which")
    if which in {"latest", "latest_dct", "year_ago"}:
        # "the latest quarter": the last one over at the DCT; "the quarter": the one in
        # discussion (last mentioned), else that one.
        value = cal.value_at(cal.shift(dct, "Q", -1), "Q")
        if which != "latest_dct" and ctx.recent_quarter(start):
            value = ctx.last_quarter
        if value is None:
            return []
        year = parse_year(m.text("year"), dct)
        if year is not None:
            value = f"{year:04d}{value[4:]}"
        elif which == "year_ago":
            value = f"{int(value[:4]) - 1:04d}{value[4:]}"
        return [Found(start, end, TimexType.DATE, value, None, None, True)]
    unit = m.word("qunit") or "Q"
    n = as_int(m.word("ord"))
    if n is None:
        n = as_int(ctx.grammar.number(m.text("num") or ""))
    size = 3 if unit == "Q" else 6
    if n is None or not 1 <= n <= 12 // size:
        return []
    letter = "Q" if unit == "Q" else "H"
    year = parse_year(m.text("year", "year2"), dct, m.ctx.grammar)
    from_dct = False
    if year is None:
        from_dct = True
        yshift = as_int(m.word("yshift", "yshift2"))
        if yshift is not None:
            year = dct.year + yshift
        else:
            year = dct.year if dt.date(dct.year, size * (n - 1) + 1, 1) <= dct else dct.year - 1
    if m.has("ago"):
        year -= 1
    value = f"{year:04d}-{letter}{n}"
    if letter == "Q" and not m.has("ago"):
        ctx.last_quarter, ctx.last_quarter_end = value, end
    mod = m.word("part")
    return [Found(start, end, TimexType.DATE, value, mod if mod in _MODS else None, None, from_dct)]


def resolve_ref_year(m: Match) -> list[Found]:
    """ "that year" / "cette année-là", "the following year": the year last mentioned (+ offset)."""
    ctx = m.ctx
    start, end = m.span()
    base = ctx.ref_year
    if base is None:
        return []
    offset = as_int(m.param("offset")) or 0
    mod = m.word("part") or m.param("mod")
    mod = mod if mod in _MODS else None
    # "the previous year" looks back: an aside, the story goes on from where it was.
    return [
        Found(start, end, TimexType.DATE, cal.year_value(base + offset), mod, None, True, aside=offset < 0)
    ]


def resolve_year_ago(m: Match) -> list[Found]:
    """ "a year ago/earlier": the same quarter a year before if the text is about quarters."""
    ctx = m.ctx
    start, end = m.span()
    if ctx.recent_quarter(start) and ctx.last_quarter:
        q = ctx.last_quarter
        value = f"{int(q[:4]) - 1:04d}{q[4:]}"
    else:
        value = f"{ctx.dct.year - 1:04d}"
    return [Found(start, end, TimexType.DATE, value, None, None, True)]


def resolve_decade(m: Match) -> list[Found]:
    """ "les années 1990", "the late 1970s", "the '90s": value 199 (mod from early/mid/late)."""
    dct = m.ctx.dct
    start, end = m.span()
    digits = (m.text("decade") or "").strip("'’")
    if len(digits) == 4:
        value = digits[:3]
    elif len(digits) == 2:
        value = f"{(dct.year // 100 - (1 if int(digits) > dct.year % 100 else 0)):02d}{digits[0]}"
    else:
        return []
    mod = m.word("part")
    return [Found(start, end, TimexType.DATE, value, mod if mod in _MODS else None)]


def resolve_century(m: Match) -> list[Found]:
    """ "le XXe siècle", "the 11th century": value 19 / 10 (the hundreds digits)."""
    start, end = m.span()
    n = roman_or_int(m.text("cent") or "") if m.has("cent") else as_int(m.word("ord"))
    if not n or n > 30:
        return []
    mod = m.word("part")
    return [Found(start, end, TimexType.DATE, f"{n - 1:02d}", mod if mod in _MODS else None)]


def resolve_holiday(m: Match) -> list[Found]:
    """Named days: "Noël", "Christmas 2024", "Thanksgiving", "Pâques" (nearest, as for dates)."""
    ctx, dct = m.ctx, m.ctx.dct
    start, end = m.span()
    rule = m.word("holiday")
    if not isinstance(rule, str):
        return []
    year = parse_year(m.text("year"), dct, ctx.grammar)
    shift = as_int(m.word("shift", "shift2"))
    if year is not None:
        date = cal.holiday(year, rule)
        from_dct = False
    else:
        options = [d for y in range(dct.year - 1, dct.year + 2) if (d := cal.holiday(y, rule))]
        if not options:
            return []
        if shift == -1:
            date = max((d for d in options if d < dct), default=options[0])
        elif shift == 1:
            date = min((d for d in options if d > dct), default=options[-1])
        else:
            reach = 335 if future_tense(ctx, start, end) else FUTURE_REACH_MONTHS * 31
            ahead = [d for d in options if dct < d <= dct + dt.timedelta(days=reach)]
            date = ahead[0] if ahead else max(d for d in options if d <= dct)
        from_dct = True
    if date is None:
        return []
    return [Found(start, end, TimexType.DATE, date.isoformat(), None, None, from_dct)]


def resolve_ignore(m: Match) -> list[Found]:
    """Spans that look temporal but are not (they block shorter matches inside them)."""
    return []


RESOLVERS: dict[str, Callable[[Match], list[Found]]] = {
    "point": resolve_point,
    "time": resolve_point,
    "day_range": resolve_day_range,
    "numeric": resolve_numeric,
    "year_range": resolve_year_range,
    "relative": resolve_relative,
    "offset": resolve_offset,
    "duration": resolve_duration,
    "set": resolve_set,
    "ref": resolve_ref,
    "season": resolve_season,
    "quarter": resolve_quarter,
    "ref_year": resolve_ref_year,
    "year_ago": resolve_year_ago,
    "decade": resolve_decade,
    "century": resolve_century,
    "holiday": resolve_holiday,
    "ignore": resolve_ignore,
}
