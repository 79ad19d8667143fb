"""Reading the parts of a match: years (digits, two digits, words), days, roman numerals,
clock times."""

from __future__ import annotations

import datetime as dt
import re

from timeline.temporal.context import Match
from timeline.temporal.lexicon import Grammar

_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


_ERA_YEAR = re.compile(r"(\d{1,4})\s*(\S.*)")


def parse_year(text: str | None, dct: dt.date, grammar: Grammar | None = None) -> int | None:
    """Four-digit years as written; two-digit years ("98", "'05") in the century nearest the DCT;
    spelled-out years ("nineteen ninety-six", "two thousand one") with the language's numbers;
    years with an era ("480 BC", "480 av. J.-C.") as astronomical years (480 BC = -479)."""
    if not text:
        return None
    digits = text.strip().lstrip("'’")
    if not digits.isdigit():
        era = _ERA_YEAR.fullmatch(digits)
        if era and grammar is not None:
            side = grammar.lookup("era", era[2])
            if side == "BC":
                return 1 - int(era[1]) if int(era[1]) >= 1 else None
            if side == "AD":
                return int(era[1]) or None
        return spoken_year(digits, grammar)
    year = int(digits)
    if len(digits) == 2:
        pivot = dct.year % 100 + 10
        century = dct.year // 100 * 100
        year = century + year if year <= pivot else century - 100 + year
    return year if 1 <= year <= 9999 else None


def spoken_year(text: str, grammar: Grammar | None) -> int | None:
    """ "nineteen ninety-six" = 19 * 100 + 96; "two thousand one" = 2001 (plain number)."""
    if grammar is None:
        return None
    words = grammar.number_word.findall(text)
    if not words:
        return None
    if any(grammar.number(w) == 1000 for w in words):
        value = grammar.number(text)
    else:
        high = grammar.number(words[0])
        rest = text[text.lower().find(words[0].lower()) + len(words[0]) :]
        low = grammar.number(rest) if rest.strip() else None
        value = None if high is None or low is None else high * 100 + low
    return int(value) if value and 1000 <= value <= 2100 else None


def parse_day(text: str | None) -> int | None:
    if not text:
        return None
    digits = re.match(r"\d+", text.strip())
    return int(digits.group()) if digits else None


def roman_or_int(text: str) -> int | None:
    text = text.strip()
    if text.isdigit():
        return int(text)
    total = 0
    values = [_ROMAN.get(ch.upper(), 0) for ch in text]
    if not values or 0 in values:
        return None
    for i, v in enumerate(values):
        total += -v if i + 1 < len(values) and values[i + 1] > v else v
    return total


def as_int(value: object) -> int | None:
    try:
        return int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return None


def clock(m: Match) -> tuple[int | None, int | None]:
    """Hour and minute of a clock time ("21 h 45", "8 p.m.", "midi"), or (None, None)."""
    hour = parse_day(m.text("hour"))
    if hour is None:
        hour = as_int(m.word("clockword"))
    if hour is None:
        return None, None
    minute = parse_day(m.text("minute"))
    ampm = m.word("ampm")
    if ampm == "PM" and hour < 12:
        hour += 12
    elif ampm == "AM" and hour == 12:
        hour = 0
    if hour > 24 or (minute is not None and minute > 59):
        return None, None
    return hour, minute


def with_time(value: str, tod: object, hour: int | None, minute: int | None) -> str:
    if hour == 24 and not minute:
        return f"{value}T24"
    if hour is not None:
        return f"{value}T{hour:02d}:{(minute or 0):02d}"
    if tod:
        return f"{value}T{tod}"
    return value


def capitalised_name(m: Match) -> bool:
    """A capitalised month name inside a sentence, with no day, in a language that writes
    months in lower case: a surname or a brand ("Jean Mai"), not a month."""
    if not m.ctx.grammar.settings.get("months_lowercase") or m.has("day"):
        return False
    word = m.text("month") or ""
    if not word[:1].isupper():
        return False
    before = m.ctx.text[: m.span("month")[0]].rstrip(" \t\u00a0-")
    return bool(before) and before[-1] not in ".!?:;\n«\"'’("
