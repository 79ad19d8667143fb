"""Words around a name, per language (articles, honorifics, locatives, titles), read from YAML."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .folding import fold_alias

_APOSTROPHE_CLASS = "['’ʼ]"
_WORD_BEFORE = re.compile(r"(?<![\w'’-])(?P<word>[^\W\d_][\w'’-]*)[ \u00a0]$")
# What may precede the first word of a sentence (or of a quotation, a line).
_SENTENCE_START = re.compile(r"(?:^|[.!?:;«\"“(\n]\s*)$")


def _alternation(words: list[str]) -> str:
    """Longest-first alternation; a trailing apostrophe matches any apostrophe, spaces any space."""
    parts = []
    for word in sorted(set(words), key=len, reverse=True):
        escaped = re.escape(word).replace("'", _APOSTROPHE_CLASS).replace(r"\ ", r"\s+")
        parts.append(escaped)
    return "|".join(parts) or "(?!)"


@dataclass(frozen=True)
class LanguageContext:
    """Compiled cues for one language; every pattern is searched in the text just before a name."""

    article_before: re.Pattern[str]
    honorific_before: re.Pattern[str]
    locative_before: re.Pattern[str]
    leading_article: re.Pattern[str]
    leading_honorific: re.Pattern[str]
    title_words: frozenset[str]
    blockers: tuple[str, ...]
    person_cues: tuple[str, ...] = ()
    cue_breakers: tuple[str, ...] = ()
    speech_after_name: tuple[str, ...] = ()
    not_first_names: frozenset[str] = frozenset()
    not_name_words: frozenset[str] = frozenset()
    definite_patterns: tuple[re.Pattern[str], ...] | None = None
    definite_names: frozenset[str] = frozenset()

    @classmethod
    def from_data(cls, data: dict) -> LanguageContext:
        articles = data.get("articles", [])
        elided = [a for a in articles if a.endswith("'")]
        whole = [a for a in articles if not a.endswith("'")]
        article = rf"(?<!\w)(?:(?:{_alternation(whole)})[ \u00a0]|(?:{_alternation(elided)}))$"
        honorific = rf"(?<![\w.])(?:{_alternation(data.get('honorifics', []))})[ \u00a0]+$"
        # A locative may be followed by an article: "à Rome", "au Vatican", "dans la région de Koursk".
        locative = (
            rf"(?<!\w)(?:{_alternation(data.get('locatives', []))})\s+"
            rf"(?:(?:{_alternation(whole)})\s+|(?:{_alternation(elided)}))?$"
        )
        leading_article = rf"^(?:(?:{_alternation(whole)})\s+|(?:{_alternation(elided)}))"
        leading_honorific = rf"^(?:{_alternation(data.get('honorifics', []))})\s+"
        definite = data.get("definite")
        return cls(
            definite_patterns=(
                tuple(re.compile(p) for p in definite.get("patterns", [])) if definite else None
            ),
            definite_names=frozenset(fold_alias(name) for name in (definite or {}).get("names", [])),
            article_before=re.compile(article, re.IGNORECASE),
            leading_article=re.compile(leading_article, re.IGNORECASE),
            leading_honorific=re.compile(leading_honorific),
            honorific_before=re.compile(honorific),
            locative_before=re.compile(locative, re.IGNORECASE),
            title_words=frozenset(w.casefold() for w in data.get("titles", [])),
            blockers=tuple(data.get("blockers", [])),
            person_cues=tuple(data.get("person_cues", [])),
            cue_breakers=tuple(data.get("cue_breakers", [])),
            speech_after_name=tuple(data.get("speech_after_name", [])),
            not_first_names=frozenset(w.casefold() for w in data.get("not_first_names", [])),
            not_name_words=frozenset(w.casefold() for w in data.get("not_name_words", [])),
        )

    def allows_article(self, spelling: str) -> bool:
        """Whether a definite article before `spelling` belongs to the mention.

        Languages without a `definite` list (French) attach the article to every name; English only
        to names that take "the" by themselves ("the United States", not "the Iraq crisis").
        """
        if self.definite_patterns is None:
            return True
        folded = fold_alias(spelling)
        return folded in self.definite_names or any(
            pattern.search(folded) for pattern in self.definite_patterns
        )

    def article_start(self, text: str, start: int) -> int:
        """Start of a definite article or elision directly before `start`, else `start`."""
        match = self.article_before.search(text, max(0, start - 6), start)
        return match.start() if match else start

    def honorific_start(self, text: str, start: int) -> int:
        """Start of an honorific ("M.", "Mr") directly before `start`, else `start`."""
        match = self.honorific_before.search(text, max(0, start - 8), start)
        return match.start() if match else start

    def after_locative(self, text: str, start: int) -> bool:
        """Whether a locative preposition ("à", "in") precedes `start`."""
        return self.locative_before.search(text, max(0, start - 16), start) is not None

    def strip_leading(self, span_text: str, person: bool) -> str:
        """A span's text without its leading honorific ("M. Poutine") or, for other kinds, its
        leading article ("la Russie"); a person's "Le" stays ("Le Drian")."""
        pattern = self.leading_honorific if person else self.leading_article
        return pattern.sub("", span_text, count=1)

    def given_name_before(self, text: str, start: int) -> bool:
        """Whether a capitalised word that could be a given name directly precedes `start`.

        Titles ("President"), honorifics ("M.") and the first word of a sentence ("Selon Trump")
        are not given names.
        """
        match = _WORD_BEFORE.search(text, max(0, start - 40), start)
        if match is None or not match.group("word")[0].isupper():
            return False
        word = match.group("word")
        if word.casefold() in self.title_words or self.honorific_start(text, start) < start:
            return False
        return _SENTENCE_START.search(text, max(0, match.start() - 4), match.start()) is None

    def only_titles_between(self, gap: str) -> bool:
        """Whether `gap` holds only title words ("président", "foreign minister"), spaces and commas
        ("le porte-parole de la diplomatie ukrainienne, X")."""
        words = [w for w in re.findall(r"[\w'’-]+|[^\w\s]", gap) if w != ","]
        return len(words) <= 6 and all(w.casefold() in self.title_words for w in words)
