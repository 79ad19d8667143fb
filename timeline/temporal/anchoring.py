"""Where expressions without a full date land: year inference for months and days, the tense
of the clause, weekdays relative to the publication date."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from timeline.temporal.calendar import value_year
from timeline.temporal.context import Context, Found
from timeline.temporal.types import TimexType

_SENTENCE_END = re.compile(r"[.!?;\n]")


# A month or day named without a year is taken in the future only this close to the DCT
# (news mostly reports the past); a future-tense clause reaches up to a year ahead, a
# weekday named with the day ("lundi 6 septembre") picks the year where it fits.
FUTURE_REACH_MONTHS = 4


# A document is a narrative (a history) when at least NARRATIVE_MIN_DATES of the dates it
# writes out are more than NEAR_YEARS from its DCT and they outnumber NARRATIVE_RATIO times over
# the dates near the DCT (written ones, and words naming the DCT's own time: "today",
# "Thursday", "last month"; not anaphoric ones, "the next day", nor months named without a year,
# whose year is only a guess), or when it is a chronicle: at least CHRONICLE_MIN_DATES written
# dates and fewer than one word naming its own time for CHRONICLE_RATIO of them (news points at
# its "now" all the time). Its undated months, days and anaphoric expressions then follow the
# story's own time, not the DCT (HeidelTime's narrative mode, decided per document instead of
# per corpus).
NEAR_YEARS = 2
NARRATIVE_MIN_DATES = 3
NARRATIVE_RATIO = 4
CHRONICLE_MIN_DATES = 12
CHRONICLE_RATIO = 10


def is_narrative(founds: list[Found], dct: dt.date) -> bool:
    """Whether a document whose expressions (resolved as news) are ``founds`` tells a story
    of its own time rather than of its DCT's."""
    far = near = deictic = 0
    for f in founds:
        year = value_year(f.value) if f.type in (TimexType.DATE, TimexType.TIME) else None
        if year is None:
            continue
        if f.deictic:
            deictic += 1
        elif not f.from_dct:
            far += abs(year - dct.year) > NEAR_YEARS
            near += abs(year - dct.year) <= NEAR_YEARS
    if far >= NARRATIVE_MIN_DATES and far > NARRATIVE_RATIO * (near + deictic):
        return True
    return far + near >= CHRONICLE_MIN_DATES and CHRONICLE_RATIO * deictic < far + near


def closest_month(
    month: int, dct: dt.date, shift: int | None, future: bool = False, reach: int | None = None
) -> int:
    """Year of a month named without one: the latest one up to the DCT's month, or the next
    one when it is at most FUTURE_REACH_MONTHS ahead (``reach``, or 11 when the clause is
    future); "dernier/last" and "prochain/next" force the previous/next one. ``dct`` may be
    the story's own time instead of the publication date."""
    here = dct.year * 12 + dct.month - 1
    candidates = [(y * 12 + month - 1, y) for y in (dct.year - 1, dct.year, dct.year + 1)]
    if shift == -1:
        return max((c for c in candidates if c[0] < here), default=candidates[0])[1]
    if shift == 1:
        return min((c for c in candidates if c[0] > here), default=candidates[-1])[1]
    if shift == 0:
        return dct.year
    if reach is None:
        reach = 11 if future else FUTURE_REACH_MONTHS
    ahead = [c for c in candidates if here < c[0] <= here + reach]
    if ahead:
        return ahead[0][1]
    return max(c for c in candidates if c[0] <= here)[1]


def closest_day(
    month: int, day: int, dct: dt.date, shift: int | None, future: bool = False, reach: int | None = None
) -> dt.date | None:
    """Date of a day and month named without a year (same policy as :func:`closest_month`,
    ``reach`` in months)."""
    candidates = []
    for y in (dct.year - 1, dct.year, dct.year + 1):
        try:
            candidates.append(dt.date(y, month, day))
        except ValueError:
            continue
    if not candidates:
        return None
    if shift == -1:
        return max((c for c in candidates if c <= dct), default=candidates[0])
    if shift == 1:
        return min((c for c in candidates if c >= dct), default=candidates[-1])
    days = 335 if future else FUTURE_REACH_MONTHS * 31
    if reach is not None:
        days = reach * 31
    ahead = [c for c in candidates if dct < c <= dct + dt.timedelta(days=days)]
    if ahead:
        return ahead[0]
    past = [c for c in candidates if c <= dct]
    return past[-1] if past else candidates[0]


def sentence_window(text: str, start: int, end: int) -> tuple[str, int]:
    """The sentence around a span (bounded to 150 characters each side) and the span's offset."""
    lo = max(0, start - 150)
    before = text[lo:start]
    cuts = list(_SENTENCE_END.finditer(before))
    if cuts:
        lo += cuts[-1].end()
    after = text[end : end + 150]
    cut = _SENTENCE_END.search(after)
    hi = end + (cut.start() if cut else len(after))
    return text[lo:hi], start - lo


def future_tense(ctx: Context, start: int, end: int) -> bool:
    """Whether the clause around a span speaks of the future: the language's future marker
    nearest the span (in its sentence) is at least as near as any past marker. A tie goes to
    the future ("is expected" also ends in -ed). Past markers alone decide nothing: a date a few
    months ahead in a past-tense report is still usually ahead ("said the vote would be held
    Dec. 7", "extended to Nov. 20"; measured on TimeBank, cross-validated); they only outvote
    a farther future marker."""
    window, offset = sentence_window(ctx.text, start, end)
    length = end - start

    def nearest(pattern: re.Pattern[str] | None) -> int | None:
        """Characters between the span and the closest marker outside it."""
        if pattern is None:
            return None
        dists = [
            offset - hit.end() if hit.end() <= offset else hit.start() - offset - length
            for hit in pattern.finditer(window)
            if hit.end() <= offset or hit.start() >= offset + length
        ]
        return min(dists) if dists else None

    future = nearest(ctx.grammar.future_markers)
    if future is None:
        return False
    past = nearest(ctx.grammar.past_markers)
    return past is None or future <= past


def weekday_date(weekday: int, ctx: Context, shift: int | None, start: int, end: int) -> dt.date:
    """A weekday named alone: the latest one on or before the DCT unless the text says otherwise.

    "dernier/last" = strictly before the DCT, "prochain/next" = strictly after, "ce/this" = the
    nearest one (up to three days either side); a bare weekday in a future-tense clause is the
    next one on or after the DCT.
    """
    dct = ctx.dct
    if shift == -1:
        return dct - dt.timedelta(days=(dct.weekday() - weekday) % 7 or 7)
    if shift == 1:
        return dct + dt.timedelta(days=(weekday - dct.weekday()) % 7 or 7)
    if shift == 0:
        ahead = (weekday - dct.weekday()) % 7
        return dct + dt.timedelta(days=ahead if ahead <= 3 else ahead - 7)
    if future_tense(ctx, start, end):
        return dct + dt.timedelta(days=(weekday - dct.weekday()) % 7)
    return dct - dt.timedelta(days=(dct.weekday() - weekday) % 7)


# The story moves on: in a narrative, a month named without a year is taken up to
# STORY_REACH_MONTHS after the focus before looking back ("December 7, 1941 ... In January").
STORY_REACH_MONTHS = 6


@dataclass(frozen=True)
class StoryTime:
    """The story's own time where an undated expression stands: its year (astronomical: 0 is
    1 BC, -479 is 480 BC) and, when its month is known in the common era, a day of it."""

    year: int
    day: dt.date | None


def story_time(ctx: Context, start: int) -> StoryTime | None:
    """Where a month, day or season named without a year is placed when the story's own time
    decides, or None to use the DCT.

    Only in a narrative: in news, even a passage about another year names its months from the
    DCT ("Under a program approved in 1987, it had bought shares through Sept. 29" is this
    September). Taking the passage's year instead lost on TimeBank, even when restricted to a
    year written in the same sentence of a clause that is not future (cross-validated)."""
    year = ctx.focus_year(start) if ctx.narrative else None
    if year is None:
        return None
    month = ctx.focus_month(start)
    if month is None or year < 1:
        return StoryTime(year, None)
    ref = ctx.ref_day
    return StoryTime(year, ref if ref is not None and (ref.year, ref.month) == month else dt.date(*month, 1))
