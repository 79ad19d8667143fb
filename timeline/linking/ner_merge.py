"""Merging NER spans into gazetteer mentions; persons the registry lacks become new records."""

from __future__ import annotations

import re
from bisect import insort
from collections.abc import Iterable
from dataclasses import dataclass
from operator import attrgetter
from typing import TYPE_CHECKING

from .folding import fold_alias, slugify
from .gazetteer import RawMatch
from .intervals import overlapping
from .transliteration import same_person
from .types import EntityRecord, Mention, NerSpanLike

if TYPE_CHECKING:
    from .registry import Registry

# A full personal name: at least two words, each starting with a capital ("Andriy Yermak",
# "Jean-Noël Barrot", "Ursula von der Leyen" passes through its capitalised first and last words).
_NAME_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_START = attrgetter("start")


@dataclass(frozen=True)
class NewPerson:
    """A person first met in this text: its record, the surname that refers back, where it ends."""

    record: EntityRecord
    surname: str
    first_end: int


def _full_name_words(name: str) -> list[str] | None:
    words = _NAME_WORD.findall(name)
    if len(words) < 2 or not words[0][0].isupper() or not words[-1][0].isupper():
        return None
    if any(word.isupper() and len(word) > 2 for word in words):
        return None  # "KCNA Watch", "AFP" mislabelled as a person
    return words


def _compatible(label: str, kind: str) -> bool:
    from .registry import LABEL_KINDS

    return label.upper() != "MISC" and kind in LABEL_KINDS.get(label.upper(), frozenset())


def _country_cue(registry: Registry, text: str, lang: str, start: int, mentions: list[Mention]):
    """Country of a new person from a demonym just before the name, with only titles between
    ("le président ukrainien X", "Ukrainian Foreign Minister X")."""
    context = registry.context(lang)
    for mention in reversed(mentions):
        if mention.end > start:
            continue
        if mention.via != "demonym" or start - mention.end > 60:
            return None
        if context.only_titles_between(text[mention.end : start]):
            record = registry.get(mention.key)
            return record.country_code if record else None
        return None
    return None


def merge_ner_spans(
    registry: Registry,
    text: str,
    lang: str,
    mentions: list[Mention],
    pending_surnames: list[RawMatch],
    ner_spans: Iterable[NerSpanLike],
    new_persons: dict[str, NewPerson] | None = None,
    via: str = "ner",
) -> tuple[list[Mention], dict[str, NewPerson]]:
    """Add NER spans to gazetteer `mentions` (in text order); return mentions and new persons.

    The gazetteer wins on the key; a NER span that strictly covers one gazetteer mention of a
    compatible kind lends it its longer boundaries. A NER span inside a bare surname the gazetteer
    found is left to surname resolution. New persons are added to `new_persons` (a new dict when
    None); mentions from the spans get `via`.
    """
    merged = sorted(mentions, key=_START)
    new_persons = {} if new_persons is None else new_persons
    for span in sorted(ner_spans, key=lambda s: (s.start, -s.end)):
        covered = overlapping(merged, span.start, span.end)
        if covered:
            if len(covered) == 1:
                mention = covered[0]
                covers = span.start <= mention.start and mention.end <= span.end
                longer = span.end - span.start > mention.end - mention.start
                if covers and longer and _compatible(span.label, mention.kind):
                    merged.remove(mention)
                    insort(
                        merged,
                        Mention(
                            span.start,
                            span.end,
                            text[span.start : span.end],
                            mention.key,
                            mention.kind,
                            mention.via,
                        ),
                        key=_START,
                    )
            continue
        surnames = overlapping(pending_surnames, span.start, span.end)
        if any(r.start <= span.start and span.end <= r.end for r in surnames):
            continue
        record = registry.link_ner_span(span.text, span.label, lang)
        if record is None and span.label.upper() == "PER":
            record = _famous_surname_at_end(registry, span, surnames)
        if record is None and span.label.upper() == "PER":
            record = _new_person(registry, text, lang, span, merged, new_persons)
        if record is not None:
            surface = text[span.start : span.end]
            mention = Mention(span.start, span.end, surface, record.key, record.kind, via)
            insort(merged, mention, key=_START)
    return merged, new_persons


def _famous_surname_at_end(
    registry: Registry, span: NerSpanLike, surnames: list[RawMatch]
) -> EntityRecord | None:
    """The famous registry person whose surname ends a longer NER name ("Sergueï Viktorovitch
    Lavrov"): a fuller form of a known person rather than a new one."""
    for match in surnames:
        if span.start <= match.start and match.end == span.end:
            famous = {entry.key for entry in match.entries if entry.standalone}
            record = registry.get(famous.pop()) if len(famous) == 1 else None
            if record is not None and _same_given_name(record, span.text):
                return record
    return None


def _same_given_name(record: EntityRecord, name: str) -> bool:
    """Whether `name` starts with a given name of `record` ("Sergueï ... Lavrov" yes, "Hunter Biden"
    no: another person of the same family)."""
    words = fold_alias(name).split()
    known = [record.name, *record.names.values()]
    known += [alias for aliases in record.aliases.values() for alias in aliases]
    return bool(words) and any(fold_alias(full).split()[0] == words[0] for full in known)


def _new_person(
    registry: Registry,
    text: str,
    lang: str,
    span: NerSpanLike,
    mentions: list[Mention],
    new_persons: dict[str, NewPerson],
) -> EntityRecord | None:
    """The record of a full name the registry lacks (the same one if met before in this text)."""
    name = registry.context(lang).strip_leading(span.text.strip(), person=True)
    words = _full_name_words(name)
    if words is None:
        # A lone surname of a person met earlier in this text is linked by surname resolution.
        return None
    slug = slugify(name)
    key = f"person:{slug}"
    if key in new_persons:
        return new_persons[key].record
    for known in new_persons.values():
        if same_person(known.record.name, name):  # "Syrskyi" then "Syrsky" in one text
            return known.record
    if registry.get(key) is not None:
        return registry.get(key)
    record = EntityRecord(
        key=key,
        kind="person",
        name=name,
        slug=slug,
        names={},
        aliases={lang: [name]},
        country_code=_country_cue(registry, text, lang, span.start, mentions),
    )
    new_persons[key] = NewPerson(record, registry.surname_of(words), span.end)
    return record
