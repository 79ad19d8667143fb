"""Document state and match access shared by the resolvers."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

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


# How far (characters) a named quarter colours "a year ago" / "the quarter" after it.
QUARTER_REACH = 300


@dataclass
class Context:
    """Document state shared by the resolvers, updated in text order."""

    grammar: Grammar
    text: str
    dct: dt.date
    ref_day: dt.date | None = None
    ref_year: int | None = None
    last_quarter: str | None = None
    last_quarter_end: int = 0

    def anchor_day(self) -> dt.date:
        """Day a relative expression hangs on: the last day mentioned, else the DCT."""
        return self.ref_day or self.dct

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
