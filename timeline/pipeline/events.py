"""From an annotated article to its dated events: plain data in, plain data out (no Django).

Rules, in order:
- Each time expression that denotes a period (DATE, TIME, or a DURATION anchored in time such as "ces
  dernières semaines") anchors an event in its sentence. A sentence with several anchors is cut into clauses
  between them (language data: clause boundaries), so each event keeps the actors of its own clause.
- A sentence without an anchor of its own becomes an event of the publication day only when it reports a
  completed action (a past tense) by a named actor: a person who is not a mere complement ("la remarque de
  M. Trump"), or, in the lead sentence, any country, person or organisation. Other sentences are context.
- An event needs at least one entity in its clause (a clause opening on a relative pronoun also takes the
  noun it refers back to); a dated clause that names nobody is context, not an event.
- The country of a person or place named in the clause counts as involved ("implied").
"""

from __future__ import annotations

import datetime
import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path

import yaml

from timeline.linking.types import EntityRecord, Mention
from timeline.nlp.types import Sentence
from timeline.temporal.types import Precision, Timex, TimexType

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "events"
VAGUE_REFERENCES = {"PRESENT_REF", "PAST_REF", "FUTURE_REF"}
ACTOR_KINDS = {"person", "country", "organization"}
IMPLYING_KINDS = {"person", "location"}


@dataclass(frozen=True, slots=True)
class EventMention:
    start: int
    end: int
    text: str
    key: str
    kind: str
    via: str


@dataclass(frozen=True, slots=True)
class ExtractedEvent:
    """One dated statement of an article, with offsets into the article's text."""

    date_start: datetime.date
    date_end: datetime.date
    precision: str
    timex_value: str
    timex_mod: str
    date_text: str
    date_source: str  # "text" or "publication"
    sentence: Sentence
    clause_start: int
    clause_end: int
    category: str
    mentions: tuple[EventMention, ...]

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(m.key for m in self.mentions)


@dataclass(frozen=True)
class EventLanguage:
    """The language knowledge of the extractor (timeline/data/events/<lang>.yaml), compiled."""

    clause_boundaries: tuple[re.Pattern[str], ...]
    relative_pronoun: re.Pattern[str]
    past_tense: re.Pattern[str]
    complement_before: re.Pattern[str]
    categories: tuple[tuple[str, re.Pattern[str]], ...]


def _word_list_pattern(words: Iterable[str]) -> str:
    """One alternation of words; a trailing * makes an entry a prefix."""
    parts = []
    for word in sorted(words, key=len, reverse=True):
        if word.endswith("*"):
            parts.append(re.escape(word[:-1]) + r"[\w-]*")
        else:
            parts.append(re.escape(word))
    return r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])"


@cache
def event_language(lang: str) -> EventLanguage:
    path = DATA_DIR / f"{lang}.yaml"
    if not path.exists():
        raise LookupError(f"no event extraction data for language {lang!r} ({path.name} is missing)")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    flags = re.IGNORECASE
    prefixes = sorted(data["non_subject_prefixes"], key=len, reverse=True)
    return EventLanguage(
        clause_boundaries=tuple(re.compile(p, flags) for p in data["clause_boundaries"]),
        relative_pronoun=re.compile(
            r"^[\s,;]*(?:" + "|".join(re.escape(w) for w in data["relative_pronouns"]) + r")\b", flags
        ),
        past_tense=re.compile("|".join(f"(?:{p})" for p in data["past_tense"]), flags),
        # A complement: the mention follows a preposition, possibly with a title in between
        # ("de M. Trump", "par le président Zelensky").
        complement_before=re.compile(
            r"(?:^|[\s(])(?:" + "|".join(re.escape(p) for p in prefixes) + r")\s*(?:\S+\s+){0,3}$", flags
        ),
        categories=tuple(
            (name, re.compile(_word_list_pattern(words), flags)) for name, words in data["categories"].items()
        ),
    )


def categorise(text: str, lang: str) -> str:
    """The category whose words occur most in `text` (ties: the first listed); 'other' when none occur."""
    best, best_count = "other", 0
    for name, pattern in event_language(lang).categories:
        count = len(pattern.findall(text))
        if count > best_count:
            best, best_count = name, count
    return best


def is_dating(timex: Timex) -> bool:
    """Whether a time expression places an event in time (a period, not a bare length or a vague ref)."""
    if timex.period_start is None or timex.period_end is None:
        return False
    if timex.period_start > timex.period_end:  # a malformed period dates nothing
        return False
    if timex.value in VAGUE_REFERENCES:
        return False
    return timex.type in (TimexType.DATE, TimexType.TIME, TimexType.DURATION)


def clause_bounds(sentence: Sentence, anchors: Sequence[Timex], lang: str) -> list[tuple[int, int]]:
    """For each anchor (in text order), the absolute (start, end) of its clause in the article."""
    language = event_language(lang)
    cuts: list[int | None] = []
    for before, after in pairwise(anchors):
        cut = None
        gap_start, gap_end = before.end - sentence.start, after.start - sentence.start
        for pattern in language.clause_boundaries:
            found = [m.start() for m in pattern.finditer(sentence.text, gap_start, gap_end)]
            if found:
                cut = sentence.start + found[-1]
                break
        cuts.append(cut)
    bounds = []
    for index in range(len(anchors)):
        start = next((c for c in reversed(cuts[:index]) if c is not None), sentence.start)
        end = next((c for c in cuts[index:] if c is not None), sentence.end)
        bounds.append((start, end))
    return bounds


def _inside(mention: Mention, start: int, end: int) -> bool:
    return start <= mention.start and mention.end <= end


def clause_mentions(
    text: str, mentions: Sequence[Mention], sentence: Sentence, start: int, end: int, lang: str
) -> list[Mention]:
    """The mentions of a clause; a clause opening on a relative pronoun also gets its antecedent."""
    inside = [m for m in mentions if _inside(m, start, end)]
    if start > sentence.start and event_language(lang).relative_pronoun.match(text[start:end]):
        before = [m for m in mentions if sentence.start <= m.start and m.end <= start]
        if before and not text[before[-1].end : start].strip(" ,;"):
            inside.insert(0, before[-1])
    return inside


def with_implied_countries(
    mentions: Sequence[Mention], record: Callable[[str], EntityRecord | None]
) -> tuple[EventMention, ...]:
    """The mentions, plus the country of each person or place not already named.

    Organisations imply nothing: a news agency's country (AFP, France) is not involved in what it reports.
    """
    out = [EventMention(m.start, m.end, m.text, m.key, m.kind, m.via) for m in mentions]
    seen = {m.key for m in mentions}
    for mention in mentions:
        if mention.kind not in IMPLYING_KINDS:
            continue
        entity = record(mention.key)
        if entity is None or not entity.country_code:
            continue
        key = f"country:{entity.country_code}"
        if key not in seen:
            seen.add(key)
            out.append(EventMention(mention.start, mention.end, mention.text, key, "country", "implied"))
    return tuple(out)


def reports_completed_action(
    text: str, sentence: Sentence, mentions: Sequence[Mention], lang: str, *, lead: bool
) -> bool:
    """Whether a sentence without a date of its own reports an action of a named actor."""
    language = event_language(lang)
    verb = language.past_tense.search(sentence.text)
    if verb is None:
        return False
    verb_at = sentence.start + verb.start()
    for mention in mentions:
        if not (sentence.start <= mention.start < verb_at):
            continue
        if lead and mention.kind in ACTOR_KINDS:
            return True
        if mention.kind == "person":
            preceding = text[sentence.start : mention.start]
            if not language.complement_before.search(preceding):
                return True
    return False


def extract_events(
    *,
    text: str,
    lang: str,
    published: datetime.date | None,
    sentences: Sequence[Sentence],
    mentions: Sequence[Mention],
    timexes: Sequence[Timex],
    record: Callable[[str], EntityRecord | None],
) -> list[ExtractedEvent]:
    """The dated events of one article (see the module docstring for the rules)."""
    events: list[ExtractedEvent] = []
    anchors_all = sorted((t for t in timexes if is_dating(t)), key=lambda t: t.start)
    anchor_starts = [t.start for t in anchors_all]
    # Mentions and anchors of a sentence are found by bisection, not by scanning the whole article for
    # each sentence (which made extraction quadratic in the article's length).
    by_start = sorted(range(len(mentions)), key=lambda i: mentions[i].start)
    mention_starts = [mentions[i].start for i in by_start]
    for index, sentence in enumerate(sentences):
        first, last = (bisect_left(mention_starts, b) for b in (sentence.start, sentence.end + 1))
        in_sentence = [
            mentions[i]
            for i in sorted(by_start[first:last])
            if _inside(mentions[i], sentence.start, sentence.end)
        ]
        if not in_sentence:
            continue
        first, last = (bisect_left(anchor_starts, b) for b in (sentence.start, sentence.end + 1))
        anchors = [t for t in anchors_all[first:last] if t.end <= sentence.end]
        if anchors:
            seen: set[tuple[int, int, datetime.date, datetime.date]] = set()
            for anchor, (start, end) in zip(anchors, clause_bounds(sentence, anchors, lang), strict=True):
                assert anchor.period_start is not None and anchor.period_end is not None
                signature = (start, end, anchor.period_start, anchor.period_end)
                if signature in seen:
                    continue
                seen.add(signature)
                involved = clause_mentions(text, in_sentence, sentence, start, end, lang)
                if not involved:
                    continue
                events.append(
                    ExtractedEvent(
                        date_start=anchor.period_start,
                        date_end=anchor.period_end,
                        precision=str(anchor.precision or Precision.DAY),
                        timex_value=anchor.value,
                        timex_mod=anchor.mod or "",
                        date_text=anchor.text,
                        date_source="text",
                        sentence=sentence,
                        clause_start=start,
                        clause_end=end,
                        category=categorise(text[start:end], lang),
                        mentions=with_implied_countries(involved, record),
                    )
                )
        elif published is not None and reports_completed_action(
            text, sentence, in_sentence, lang, lead=index == 0
        ):
            events.append(
                ExtractedEvent(
                    date_start=published,
                    date_end=published,
                    precision=str(Precision.DAY),
                    timex_value=published.isoformat(),
                    timex_mod="",
                    date_text="",
                    date_source="publication",
                    sentence=sentence,
                    clause_start=sentence.start,
                    clause_end=sentence.end,
                    category=categorise(sentence.text, lang),
                    mentions=with_implied_countries(in_sentence, record),
                )
            )
    return events
