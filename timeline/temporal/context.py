"""Document state and match access shared by the resolvers."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from timeline.temporal.calendar import value_period, value_year
from timeline.temporal.lexicon import Grammar, Rule
from timeline.temporal.types import Precision, TimexType


@dataclass
class Found:
    """A resolved expression, before it becomes a :class:`~timeline.temporal.types.Timex`."""

    start: int
    end: int
    type: TimexType
    value: str
    mod: str | None = None
    period: tuple[dt.date, dt.date, Precision] | None = None
    from_dct: bool = False
    # A clock time whose day was guessed from context; a day named right after it wins.
    floating: bool = False
    # Named by a word that points at the DCT itself ("today", "Thursday", "last week", "three
    # days ago"): such words say the document is news, not a narrative.
    deictic: bool = False
    # Not a step of the story: it looks back from it ("two years ago", "a decade earlier") or
    # it is anaphoric but found no story time and fell back to the DCT. In a narrative it does
    # not move the story's time.
    aside: bool = False


# How far (characters) a named quarter colours "a year ago" / "the quarter" after it.
QUARTER_REACH = 300


@dataclass
class Context:
    """Document state shared by the resolvers, updated in text order.

    The *focus* (``ref_day``, ``ref_month``, ``ref_year``) is the story's own time: the last
    date resolved at each precision, set where it ends (``ref_at``). In a news document
    (``narrative`` false) it only reaches the rest of its passage (paragraph); in a narrative
    one (a history, where most dates are far from the DCT) it carries on until the next date.
    """

    grammar: Grammar
    text: str
    dct: dt.date
    ref_day: dt.date | None = None
    ref_month: tuple[int, int] | None = None
    ref_year: int | None = None
    ref_at: int = -1
    # Whether the focus day was told by the text ("le 3 mars", "la veille"), not named from the
    # DCT ("hier", "Thursday").
    ref_told: bool = False
    narrative: bool = False
    last_quarter: str | None = None
    last_quarter_end: int = 0

    def in_passage(self, start: int) -> bool:
        """Whether the focus reaches an expression starting at ``start``."""
        if self.ref_at < 0 or self.ref_at > start:
            return False
        return self.narrative or self.text.find("\n", self.ref_at, start) == -1

    def story_day(self, start: int | None = None) -> dt.date | None:
        """Day an anaphoric expression ("la veille", "that night") hangs on: the focus day
        when it reaches ``start`` (any earlier day when no position is given), else None."""
        if self.ref_day is not None and (start is None or self.in_passage(start)):
            return self.ref_day
        return None

    def anchor_day(self, start: int | None = None) -> dt.date:
        """:meth:`story_day`, else the DCT."""
        return self.story_day(start) or self.dct

    def told_day(self, start: int) -> dt.date | None:
        """The focus day when the text told it (not "hier") and it reaches ``start``."""
        return self.ref_day if self.ref_told and self.in_passage(start) else None

    def focus_month(self, start: int) -> tuple[int, int] | None:
        """(year, month) of the focus reaching ``start``, if it is that precise."""
        return self.ref_month if self.ref_month is not None and self.in_passage(start) else None

    def focus_year(self, start: int) -> int | None:
        """Year of the focus reaching ``start``, if any."""
        return self.ref_year if self.ref_year is not None and self.in_passage(start) else None

    def focus_date(self, start: int, unit: str, anywhere: bool = False) -> dt.date | None:
        """A day inside the focus, when the focus is precise enough for periods of ``unit``
        (a day for weeks and days, a month for months to half-years, a year for longer) and
        reaches ``start`` (or, with ``anywhere``, was set anywhere before it)."""
        if not (anywhere and 0 <= self.ref_at <= start) and not self.in_passage(start):
            return None
        if self.ref_year is not None and self.ref_year < 1:
            return None  # no calendar arithmetic before the common era
        if self.ref_day is not None:
            return self.ref_day
        if unit in {"D", "W", "WE"}:
            return None
        if self.ref_month is not None:
            return dt.date(*self.ref_month, 1)
        if unit in {"M", "Q", "HY"} or self.ref_year is None:
            return None
        return dt.date(self.ref_year, 1, 1)

    def set_focus(self, value: str, end: int, told: bool = True) -> None:
        """Move the focus to a resolved DATE/TIME value ending at ``end`` (``told``: by the
        text, not named from the DCT). A coarser value that contains the focus keeps it
        ("June 10, 1940 ... in June", "in January ... the winter")."""
        self.ref_at = end
        period = value_period(value)
        if period is not None and self.ref_month is not None and self.ref_month[0] >= 1:
            first = self.ref_day or dt.date(*self.ref_month, 1)
            if period[0] <= first <= period[1] and period[1] - period[0] > dt.timedelta(days=1):
                return
        year = value_year(value)
        if year is None:
            return
        rest = value[6:] if value.startswith("BC") else value[4:]
        month = int(rest[1:3]) if rest[:1] == "-" and rest[1:3].isdigit() else None
        self.ref_day = period[0] if period is not None and period[2] == Precision.DAY else None
        self.ref_month = (year, month) if month is not None else None
        self.ref_year = year
        self.ref_told = told

    def recent_quarter(self, start: int) -> bool:
        """Whether a quarter was named shortly before ``start`` (the text is about quarters)."""
        return self.last_quarter is not None and start - self.last_quarter_end < QUARTER_REACH


class Match:
    """Read access to a rule match: group text, span and table lookups."""

    def __init__(self, m: re.Match[str], rule: Rule, ctx: Context) -> None:
        self.m = m
        self.rule = rule
        self.ctx = ctx
        self.groups = {k: v for k, v in m.groupdict().items() if v is not None}

    def has(self, name: str) -> bool:
        return name in self.groups

    def text(self, *names: str) -> str | None:
        """Text of the first present group among ``names``."""
        for name in names:
            if name in self.groups:
                return self.groups[name]
        return None

    def word(self, *names: str) -> object:
        """Table value of the first present group among ``names``."""
        for name in names:
            if name in self.groups:
                value = self.ctx.grammar.lookup(name, self.groups[name])
                if value is not None:
                    return value
        return None

    def param(self, name: str, default: object = None) -> object:
        return self.rule.params.get(name, default)

    def span(self, name: str | None = None) -> tuple[int, int]:
        return self.m.span(name) if name else self.m.span()
