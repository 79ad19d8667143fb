"""Plain data returned by the temporal tagger."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from enum import StrEnum


class Precision(StrEnum):
    """How wide the period denoted by a time expression is (mirrored by the database model)."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    SEASON = "season"
    QUARTER = "quarter"
    HALF = "half"
    YEAR = "year"
    DECADE = "decade"
    CENTURY = "century"
    APPROXIMATE = "approximate"


class TimexType(StrEnum):
    """TIMEX3 types."""

    DATE = "DATE"
    TIME = "TIME"
    DURATION = "DURATION"
    SET = "SET"


@dataclass(frozen=True, slots=True)
class Timex:
    """One temporal expression found in a text.

    ``start``/``end`` are character offsets into the tagged text (end exclusive). ``period_start``
    and ``period_end`` (inclusive) give the calendar period the expression denotes, when it
    denotes one; ``precision`` says how wide that period is. ``from_dct`` is true when the
    value was computed from the publication date (document creation time) or another anchor
    rather than read off the text. ``approximate`` is true when the text says the time is
    only approximate ("il y a près de trois ans", "about an hour", "ces dernières semaines"):
    its period, if any, is then an estimate (precision ``approximate``).
    """

    start: int
    end: int
    text: str
    type: TimexType
    value: str
    mod: str | None = None
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    precision: Precision | None = None
    from_dct: bool = False
    approximate: bool = False

    def as_json(self) -> dict[str, object]:
        """JSON-serialisable dict (dates as ISO strings, enums as their values)."""
        out = asdict(self)
        for key in ("period_start", "period_end"):
            if out[key] is not None:
                out[key] = out[key].isoformat()
        out["type"] = str(self.type)
        out["precision"] = str(self.precision) if self.precision else None
        return out
