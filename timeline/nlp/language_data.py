"""Per-language sentence-splitting knowledge, loaded from the YAML files in `timeline/nlp/data/`."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class SentenceRules:
    """Abbreviations (without their final period) and sentence openers of one language."""

    titles: frozenset[str]
    abbreviations: frozenset[str]
    sentence_starters: frozenset[str]

    def __or__(self, other: SentenceRules) -> SentenceRules:
        return SentenceRules(
            self.titles | other.titles,
            self.abbreviations | other.abbreviations,
            self.sentence_starters | other.sentence_starters,
        )


def known_languages() -> list[str]:
    """Language codes that have a data file."""
    return sorted(p.stem for p in DATA_DIR.glob("*.yaml"))


@cache
def load_sentence_rules(lang: str) -> SentenceRules:
    """Rules for `lang`; for a language without a data file, the union of all known languages."""
    path = DATA_DIR / f"{lang}.yaml"
    if not path.is_file():
        rules = SentenceRules(frozenset(), frozenset(), frozenset())
        for known in known_languages():
            rules = rules | load_sentence_rules(known)
        return rules
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return SentenceRules(
        titles=frozenset(str(x) for x in raw.get("titles", [])),
        abbreviations=frozenset(str(x) for x in raw.get("abbreviations", [])),
        sentence_starters=frozenset(str(x) for x in raw.get("sentence_starters", [])),
    )
