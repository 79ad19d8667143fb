"""Plain data returned by every annotator, independent of the NLP backend."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence as a character span of the original text (`end` exclusive)."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class EntitySpan:
    """A named entity as a character span; `label` is PER, LOC, ORG or MISC (BIOES prefixes folded)."""

    start: int
    end: int
    text: str
    label: str


@dataclass(slots=True)
class Annotation:
    """Sentences and entities of one document, and the name of the backend that produced them."""

    sentences: list[Sentence] = field(default_factory=list)
    entities: list[EntitySpan] = field(default_factory=list)
    backend: str = ""


@runtime_checkable
class Annotator(Protocol):
    """Annotates a batch of documents of one language."""

    name: str

    def annotate_many(self, texts: list[str], lang: str) -> list[Annotation]:
        """Return one `Annotation` per text, in order."""
        ...
