"""The tagging loop: run every rule of a language, keep the longest non-overlapping matches,
resolve them in text order (later expressions may hang on earlier ones), attach periods."""

from __future__ import annotations

import datetime as dt
import itertools
import logging
import re

from timeline.temporal import calendar as cal
from timeline.temporal.anchoring import future_tense, is_narrative
from timeline.temporal.context import Context, Found, Match
from timeline.temporal.lexicon import TOKEN, Grammar, grammar
from timeline.temporal.resolve import RESOLVERS
from timeline.temporal.types import Precision, Timex, TimexType

log = logging.getLogger(__name__)

_DAY_VALUE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_FIVE_DIGIT_YEAR = re.compile(r"^\d{5}")
_YEAR_VALUE = re.compile(r"^(?:BC)?\d{4}")
_JUST_PUNCT = re.compile(r"^[\s,]{0,4}$")


Candidate = tuple[int, int, int, re.Match[str]]


def _select(candidates: list[Candidate], length: int) -> list[Candidate]:
    """Longest match first (then leftmost, then earliest rule); drop anything overlapping it."""
    candidates.sort(key=lambda c: (c[0] - c[1], c[0], c[2]))
    taken = bytearray(length)
    chosen = []
    for cand in candidates:
        start, end = cand[0], cand[1]
        if taken.find(1, start, end) == -1:
            taken[start:end] = b"\x01" * (end - start)
            chosen.append(cand)
    chosen.sort(key=lambda c: c[0])
    return chosen


# Characters around a trigger word that a rule may still cover ("at least the first two ...").
_REACH = 60
_WORD_END = re.compile(r"\W|$")


def _regions(text: str, triggers: frozenset[str]) -> list[tuple[int, int]]:
    """Stretches of text worth running the rules on: around digits and trigger words.

    Running ~50 regexes over every character is the tagger's cost; most news text has no
    temporal word nearby, so this makes tagging about twice as fast without changing results
    (a match always contains a trigger and reaches at most _REACH characters past it).
    """
    regions: list[tuple[int, int]] = []
    for m in TOKEN.finditer(text):
        word = m.group()
        lower = word.lower()
        # Plurals ("jeudis", "Mondays") trigger like their singular.
        if not (word[0].isdigit() or word[-1].isdigit() or lower in triggers or lower[:-1] in triggers):
            continue
        lo = max(0, m.start() - _REACH)
        end = min(len(text), m.end() + _REACH)
        hi = _WORD_END.search(text, end).start()  # never cut a word in two
        if regions and lo <= regions[-1][1]:
            regions[-1] = (regions[-1][0], max(regions[-1][1], hi))
        else:
            regions.append((lo, hi))
    return regions


def _period(found: Found) -> cal.Period | None:
    """The period a found expression denotes: its own, else its value's (cut by its mod)."""
    period = found.period
    if period is None and found.type in (TimexType.DATE, TimexType.TIME):
        period = cal.value_period(found.value)
        if period is not None and found.mod:
            lo, hi = cal.cut_part(period[0], period[1], found.mod)
            period = (lo, hi, period[2])
    return period


def _to_timex(found: Found, text: str) -> Timex | None:
    if not (0 <= found.start < found.end <= len(text)) or _FIVE_DIGIT_YEAR.match(found.value):
        return None  # out of the span, or past year 9999 (a DCT at the end of time)
    period = _period(found)
    precision = period[2] if period else None
    return Timex(
        start=found.start,
        end=found.end,
        text=text[found.start : found.end],
        type=found.type,
        value=found.value,
        mod=found.mod,
        period_start=period[0] if period else None,
        period_end=period[1] if period else None,
        precision=precision,
        from_dct=found.from_dct,
        approximate=precision == Precision.APPROXIMATE or found.mod == "APPROX",
    )


def tag(text: str, lang: str, dct: dt.date | dt.datetime) -> list[Timex]:
    """Every temporal expression of ``text`` (language ``lang``, published on ``dct``).

    Never raises on any text: an unknown language or an internal error gives an empty list
    (errors are logged).
    """
    if not isinstance(text, str) or not text or not isinstance(dct, dt.date):
        return []
    if isinstance(dct, dt.datetime):
        dct = dct.date()
    try:
        g = grammar(lang)
    except (FileNotFoundError, OSError):
        log.warning("no temporal grammar for language %r", lang)
        return []
    try:
        return _tag(text, g, dct, whole_text=False)
    except Exception:  # a tagging bug must not take the ingestion pipeline down
        log.exception("temporal tagging failed on a %d-character text", len(text))
        return []


def _tag(text: str, g: Grammar, dct: dt.date, whole_text: bool) -> list[Timex]:
    """The tagging proper; ``whole_text`` runs the rules everywhere (tests check that the
    trigger regions change nothing)."""
    candidates = []
    regions = [(0, len(text))] if whole_text else _regions(text, g.triggers)
    for lo, hi in regions:
        for rule in g.rules:
            for m in rule.regex.finditer(text, lo, hi):
                if m.end() > m.start():
                    candidates.append((m.start(), m.end(), rule.index, m))
    chosen = _select(candidates, len(text))
    founds = _resolve(chosen, Context(grammar=g, text=text, dct=dct))
    narrative = is_narrative(founds, dct)
    if narrative:
        # A history: resolve again with the story's own time in charge.
        founds = _resolve(chosen, Context(grammar=g, text=text, dct=dct, narrative=True))
    _attach_floating_times(founds, text)
    if not narrative:  # a history's "since March" runs to its own time, which is unknown
        _open_to_dct(founds, text, g, dct)
    return [t for t in (_to_timex(f, text) for f in founds) if t is not None]


def _resolve(chosen: list[Candidate], ctx: Context) -> list[Found]:
    """Resolve the chosen matches in text order, moving the focus along."""
    founds: list[Found] = []
    text, rules = ctx.text, ctx.grammar.rules
    for _start, _end, index, m in chosen:
        rule = rules[index]
        try:
            found = RESOLVERS[rule.kind](Match(m, rule, ctx))
        except (ValueError, OverflowError, KeyError, TypeError, IndexError):
            log.exception("could not resolve %r", m.group())
            continue
        for f in sorted(found, key=lambda f: f.start):
            if (founds and f.start < founds[-1].end) or not 0 <= f.start < f.end <= len(text):
                continue
            founds.append(f)
            if f.type not in (TimexType.DATE, TimexType.TIME) or not _YEAR_VALUE.match(f.value):
                continue
            if ctx.narrative and (f.deictic or f.aside or future_tense(ctx, f.start, f.end)):
                continue  # a history's "today", look-backs and plans are not its story's steps
            ctx.set_focus(f.value, f.end, told=not f.deictic)
    return founds


# Precisions a "since" range keeps (its label reads "March – April 2025", "2022–2025"); others
# become a range of days.
_RANGE_PRECISIONS = {Precision.DAY, Precision.MONTH, Precision.YEAR}


def _open_to_dct(founds: list[Found], text: str, g: Grammar, dct: dt.date) -> None:
    """ "depuis samedi", "since March": a date right after a word of the language's
    ``since_words`` opens a period that runs from it to the DCT."""
    if g.since_words is None:
        return
    for f in founds:
        if f.type not in (TimexType.DATE, TimexType.TIME):
            continue
        if not g.since_words.search(text, max(0, f.start - 40), f.start):
            continue
        period = _period(f)
        if period is None or period[0] > dct:
            continue
        precision = period[2] if period[2] in _RANGE_PRECISIONS else Precision.DAY
        f.period = (period[0], max(period[1], dct), precision)


def _attach_floating_times(founds: list[Found], text: str) -> None:
    """ "vers 15 h 30, hier": a clock time followed at once by a day takes that day."""
    for here, after in itertools.pairwise(founds):
        if (
            here.floating
            and _JUST_PUNCT.match(text[here.end : after.start])
            and _DAY_VALUE.match(after.value)
        ):
            here.value = after.value[:10] + here.value[10:]
            here.from_dct = after.from_dct
