"""Full names announced by a title or honorific ("la porte-parole Maria Zakharova", "spokesman John
Kirby"), or by what they say ("Rustem Umerov said"): person spans for texts that come without NER (the
model-free annotator finds no entities)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from .context import LanguageContext
from .gazetteer import RawMatch
from .intervals import overlapping
from .types import Mention, NerSpan

_UPPER = "A-ZÀ-ÖØ-ÞŁŠŽČĆŚŹŻ"
_LOWER = "a-zß-öø-ÿłšžčćśźżıï"
# A capitalised name word: "Zakharova", "Jong-un", "O'Brien", "Jean-Noël".
_WORD = rf"[{_UPPER}][{_LOWER}]+(?:['’-][{_UPPER}{_LOWER}][{_LOWER}]+)*"
_PARTICLE = r"(?:von|van|der|den|bin|ben|al|el|da|dos)"
_NAME = rf"{_WORD}(?:[ \u00a0](?:{_PARTICLE}[ \u00a0])?{_WORD}){{1,3}}"


def _alternation(words: set[str]) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


@cache
def _pattern(cues: tuple[str, ...], titles: frozenset[str], breakers: tuple[str, ...]) -> re.Pattern[str]:
    # The cue, up to five lower-case or title words ("président ukrainien", "des Affaires
    # étrangères") but no preposition that leads elsewhere ("economist at Smith Barney"), then the
    # name, which must not run into a further capitalised word.
    title_forms = {form for title in titles for form in (title, title.capitalize())}
    filler = rf"(?:{_alternation(title_forms)}|(?!{_alternation(set(breakers))}\b)[{_LOWER}'’-]+)(?![\w'’-])"
    return re.compile(
        rf"(?<![\w.])(?:{_alternation(set(cues))})(?:[ \u00a0]+{filler}){{0,5}}[ \u00a0]+"
        rf"(?P<name>{_NAME})(?![\w'’-]|[ \u00a0][{_UPPER}])"
    )


@cache
def _appositive(cues: tuple[str, ...]) -> re.Pattern[str]:
    # The cue, a few more words of the role (any case: "gouverneur par intérim de la région de Koursk"),
    # a comma, then the name, followed by a comma, a bracket, a lower-case word or the sentence's end ("...,
    # Kim Yong-hyun, a déclaré", "spokesman for the foreign ministry, Heorhiy Tykhy said", "... décrété
    # par le gouverneur par intérim, Alexeï Smirnov.").
    return re.compile(
        rf"(?<![\w.])(?:{_alternation(set(cues))})(?:[ \u00a0]+[^\s,.;:!?«»\"“”()]+){{0,8}},[ \u00a0]+"
        rf"(?P<name>{_NAME})(?=[ \u00a0]*[,(]|[.;!?](?:\s|$)|[ \u00a0]+[{_LOWER}])"
    )


@cache
def _speaker(verbs: tuple[str, ...]) -> re.Pattern[str]:
    # A full name that speaks right away ("Rustem Umerov said", "Maria Zakharova a déclaré").
    return re.compile(rf"(?<![\w'’-])(?P<name>{_NAME})[ \u00a0]+(?:{_alternation(set(verbs))})(?![\w'’-])")


_WORD_BEFORE = re.compile(rf"[{_UPPER}][\w'’-]*[ \u00a0]+$")


def _speakers(text: str, context: LanguageContext) -> Iterator[re.Match[str]]:
    """Names followed by a speech verb, unless a capitalised word runs into them ("The Pentagon said",
    "New York Times said": the name would be cut from something longer) or they open on a word no
    name opens on ("Le Monde a écrit", "Then Boris Johnson said")."""
    for match in _speaker(context.speech_after_name).finditer(text):
        first = match.group("name").split()[0].casefold()
        if first in context.not_first_names or first in context.title_words:
            continue
        if context.leading_honorific.match(match.group("name")):
            continue  # "Mr Trump said": an honorific and a surname, linked back by surname resolution
        if not _WORD_BEFORE.search(text, max(0, match.start() - 30), match.start()):
            yield match


def titled_names(
    text: str, context: LanguageContext, mentions: list[Mention], surnames: list[RawMatch]
) -> Iterator[NerSpan]:
    """PER spans for names after a person cue (or after a role and a comma) that no mention already covers
    and that are more than a known surname.

    Leading title words captured as part of the name ("Secretary of State John Doe" -> "State John
    Doe") are dropped.
    """
    if not context.person_cues:
        return
    pattern = _pattern(context.person_cues, context.title_words, context.cue_breakers)
    matches = [*pattern.finditer(text), *_appositive(context.person_cues).finditer(text)]
    if context.speech_after_name:
        matches += _speakers(text, context)
    seen: set[tuple[int, int]] = set()
    for match in sorted(matches, key=lambda m: m.start("name")):
        start, end = match.span("name")
        words = match.group("name").split()
        while words and words[0].casefold() in context.title_words:
            start += len(words[0]) + 1
            words = words[1:]
        while words and words[-1].casefold() in context.not_name_words:
            end -= len(words[-1]) + 1  # "Bill Clinton Saturday", "Salomon Brothers Inc"
            words = words[:-1]
        if any(word.casefold() in context.not_name_words for word in words):
            continue  # "University Students", an organization
        if len(words) < 2 or overlapping(mentions, start, end) or (start, end) in seen:
            continue
        # A known family name inside a longer full name ("Kim" in "Kim Yong-hyun") names someone else.
        if any(r.start <= start and end <= r.end for r in surnames):
            continue
        seen.add((start, end))
        yield NerSpan(start, end, text[start:end], "PER")
