"""The language knowledge of the event extractor (timeline/data/events/<lang>.yaml), compiled once per
language: clause boundaries, tenses, complements, roles, asides, continuations and category words. Code
elsewhere holds the rules; a third language is a data file."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "events"


@dataclass(frozen=True)
class EventLanguage:
    """The language knowledge of the extractor (timeline/data/events/<lang>.yaml), compiled."""

    clause_boundaries: tuple[re.Pattern[str], ...]
    relative_pronoun: re.Pattern[str]
    past_tense: re.Pattern[str]
    complement_before: re.Pattern[str]
    categories: tuple[tuple[str, re.Pattern[str]], ...]
    continuation: re.Pattern[str]
    parallel: re.Pattern[str]
    role_before: re.Pattern[str]
    role_after: re.Pattern[str]
    source_before: re.Pattern[str]
    aside_before_date: re.Pattern[str]
    biography: re.Pattern[str]
    subject_pronoun: re.Pattern[str]
    relative_to_event: re.Pattern[str]
    counted_from_before: re.Pattern[str]
    background: re.Pattern[str]
    sequel: re.Pattern[str]
    conjunction: re.Pattern[str]
    participle: re.Pattern[str]
    answer_object: re.Pattern[str]
    setting_before: re.Pattern[str]
    possessive_opener: re.Pattern[str]
    statistics: re.Pattern[str]
    counts: re.Pattern[str]
    determiner_before: re.Pattern[str]
    future: re.Pattern[str]
    modifier_before: re.Pattern[str]
    modifier_after: re.Pattern[str]
    verb_near: re.Pattern[str]
    international_title: re.Pattern[str]
    same_time: re.Pattern[str]


def word_list_pattern(words: Iterable[str]) -> str:
    """One alternation of whole words or phrases (spaces match any white space); a trailing * makes an
    entry a prefix."""
    parts = []
    for word in sorted(words, key=len, reverse=True):
        if word.endswith("*"):
            parts.append(re.escape(word[:-1]) + r"[\w-]*")
        else:
            parts.append(re.escape(word).replace(r"\ ", r"\s+"))
    return r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])"


def _phrases(words: Iterable[str]) -> str:
    return "|".join(
        re.escape(w).replace(r"\ ", r"\s+").replace("'", "['’]") for w in sorted(words, key=len, reverse=True)
    )


@cache
def event_language(lang: str) -> EventLanguage:
    path = DATA_DIR / f"{lang}.yaml"
    if not path.exists():
        raise LookupError(f"no event extraction data for language {lang!r} ({path.name} is missing)")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    flags = re.IGNORECASE
    prefixes = sorted(data["non_subject_prefixes"], key=len, reverse=True)
    roles = _phrases(data.get("person_roles", [])) or "(?!)"
    return EventLanguage(
        clause_boundaries=tuple(re.compile(p, flags) for p in data["clause_boundaries"]),
        relative_pronoun=re.compile(
            r"^[\s,;]*(?:" + "|".join(re.escape(w) for w in data["relative_pronouns"]) + r")\b", flags
        ),
        past_tense=re.compile("|".join(f"(?:{p})" for p in data["past_tense"]), flags),
        # A complement: the mention follows a preposition, possibly with a title in between
        # ("de M. Trump", "par le président Zelensky").
        complement_before=re.compile(
            # A whole word ("for", not "Foreign"); an elided one ("d'") ends on its apostrophe.
            r"(?:^|[\s(])(?:"
            + "|".join(re.escape(p) for p in prefixes)
            + r")(?:\s+|(?<=['’]))(?:\S+\s+){0,3}$",
            flags,
        ),
        categories=tuple(
            (name, re.compile(word_list_pattern(words), flags)) for name, words in data["categories"].items()
        ),
        parallel=re.compile(
            r"^[\s«\"“]*(?:" + ("|".join(data.get("parallel_openers", [])) or "(?!)") + ")", flags
        ),
        continuation=re.compile(
            r"^[\s«\"“]*(?:" + "|".join(data.get("continuation_openers", [])) + ")"
            if data.get("continuation_openers")
            else "(?!)",
            flags,
        ),
        # "the envoy of X", "l'envoyé spécial de X": X completes someone else's role.
        role_before=re.compile(
            rf"(?<![\w-])(?:{roles})\s+(?:of|de|du|des|d['’])\s*(?:the\s+|le\s+|la\s+|l['’])?"
            r"(?:\w+\s+){0,2}$",
            flags,
        ),
        # "X's chief of staff".
        role_after=re.compile(rf"^['’]s?\s+(?:\w+\s+){{0,2}}?(?:{roles})(?![\w-])", flags),
        # "according to X", "selon le ministère": X is the source of the report.
        source_before=re.compile(
            rf"(?<![\w-])(?:{_phrases(data.get('source_prefixes', [])) or '(?!)'})\s+(?:[\w'’-]+\s+){{0,3}}$",
            flags,
        ),
        setting_before=re.compile(
            r"(?:^|[\s,(])(?:"
            + ("|".join(map(re.escape, data.get("setting_prefixes", []))) or "(?!)")
            + r")\s+$",
            flags,
        ),
        answer_object=re.compile("|".join(data.get("answer_objects", [])) or "(?!)", flags),
        possessive_opener=re.compile(
            r"^\W*(?:" + ("|".join(map(re.escape, data.get("possessive_openers", []))) or "(?!)") + r")\b",
            flags,
        ),
        participle=re.compile(
            r"(?:" + ("|".join(data.get("participle_endings", [])) or "(?!)") + r")$", flags
        ),
        conjunction=re.compile(
            r"^\s*(?:,\s*)?(?:"
            + ("|".join(map(re.escape, data.get("conjunctions", []))) or "(?!)")
            + r")\s+$",
            flags,
        ),
        sequel=re.compile(
            r"(?<![\w-])(?:" + ("|".join(data.get("sequel_words", [])) or "(?!)") + r")\b", flags
        ),
        background=re.compile("|".join(data.get("background", [])) or "(?!)", flags),
        relative_to_event=re.compile("|".join(data.get("relative_to_event", [])) or "(?!)", flags),
        counted_from_before=re.compile("|".join(data.get("counted_from_before", [])) or "(?!)", flags),
        subject_pronoun=re.compile(
            r"^\W*(?:" + ("|".join(map(re.escape, data.get("subject_pronouns", []))) or "(?!)") + r")\b",
            flags,
        ),
        biography=re.compile("|".join(f"(?:{p})" for p in data.get("biography", [])) or "(?!)"),
        counts=re.compile("|".join(f"(?:{p})" for p in data.get("counts", [])) or "(?!)", flags),
        statistics=re.compile("|".join(f"(?:{p})" for p in data.get("statistics", [])) or "(?!)", flags),
        aside_before_date=re.compile(
            r"(?<![\w-])(?:" + ("|".join(data.get("aside_before_date", [])) or "(?!)") + r")$", flags
        ),
        international_title=re.compile(
            r"(?<![\w-])(?:" + (_phrases(data.get("international_titles", [])) or "(?!)") + r")[\s,]+$", flags
        ),
        # A participle right after a noun, without an auxiliary ("le traité signé avec Moscou", "a statement
        # released by the Kremlin"): it describes the noun; it is not the clause's predicate.
        modifier_before=re.compile(
            r"(?:^|(?<=[\s(]))(?!(?:"
            + ("|".join(map(re.escape, [*data.get("not_nouns", []), *data.get("determiners", [])])) or "(?!)")
            + r")\s)"
            r"(?-i:[a-zß-ÿ][\w-]*)\s+$",
            flags,
        ),
        modifier_after=re.compile(data.get("modifier_after", "") or "", flags),
        # An auxiliary (or pronoun, adverb) a few words before: "a pour sa part condamné" is a verb.
        verb_near=re.compile(
            r"(?<![\w-])(?:"
            + ("|".join(map(re.escape, data.get("not_nouns", []))) or "(?!)")
            + r")['’]?\s+(?:\S+\s+){0,3}$",
            flags,
        ),
        future=re.compile("|".join(f"(?:{p})" for p in data.get("future", [])) or "(?!)", flags),
        same_time=re.compile("|".join(f"(?:{p})" for p in data.get("same_time", [])) or "(?!)", flags),
        # "the deployment", "la reprise": a noun, an object of what comes before, not a predicate.
        determiner_before=re.compile(
            r"(?:^|(?<=[\s(]))(?:"
            + ("|".join(re.escape(w) for w in data.get("determiners", [])) or "(?!)")
            + r")(?:\s+|(?<=['’]))$",
            flags,
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
