"""Plain data of the entity linker: canonical entity records, mentions in a text, link results."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Protocol

Kind = Literal["person", "country", "organization", "location"]
KINDS: tuple[str, ...] = ("person", "country", "organization", "location")


@dataclass(frozen=True)
class EntityRecord:
    """A canonical entity.

    `key` is stable across runs ("country:KP", "person:vladimir-putin", "org:kcna", "loc:kursk").
    `names` holds the display name per language, `aliases` every other known spelling per language
    (the key "all" means every language). `country_code` is ISO 3166 alpha-2: the country itself, a
    person's country, an organization's or a place's country; None for international bodies.
    `acts_for_country`: an organization that acts for its state (a ministry, an army, an intelligence
    service): naming it involves its country; a news agency or a think tank does not.
    """

    key: str
    kind: Kind
    name: str
    slug: str
    names: dict[str, str] = field(default_factory=dict, compare=False)
    aliases: dict[str, list[str]] = field(default_factory=dict, compare=False)
    country_code: str | None = None
    acts_for_country: bool = field(default=False, compare=False)


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of text (`end` exclusive) that refers to the entity `key`.

    `via` says how it was found: "alias" (a name), "demonym" ("russe", "Ukrainian"), "metonym"
    ("le Kremlin", "Pyongyang"), "surname" (a bare family name referring back to a person), "ner"
    (a named-entity span that the gazetteer did not cover).
    """

    start: int
    end: int
    text: str
    key: str
    kind: Kind
    via: str


class NerSpanLike(Protocol):
    """What the linker needs from a named-entity span (timeline.nlp.types.EntitySpan fits)."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...

    @property
    def text(self) -> str: ...

    @property
    def label(self) -> str: ...


@dataclass(frozen=True, slots=True)
class NerSpan:
    """A named-entity span (PER, LOC, ORG or MISC), for callers without an annotator of their own."""

    start: int
    end: int
    text: str
    label: str


@dataclass(frozen=True, slots=True)
class LinkResult:
    """Mentions of one text, in text order, and the persons first met in it (not in the registry)."""

    mentions: list[Mention]
    new_records: list[EntityRecord]
