"""The structure of a news report: which parts are the story and which are asides.

Datelines ("KYIV, Aug 8 (Agency) –"), bylines, photo captions and credits, copyright lines, related-link
lines ("Read also", "Lire aussi"), embedded-post markers and page metadata are not the story: no event is
read from them. A dateline only opens its line, whose rest is the story; its text can still hint at the
publication date. The patterns are language data (`timeline/nlp/data/structure/<lang>.yaml`, plus
`common.yaml` for shapes every language shares): a third language is a data file.

Plain data in, plain data out: character offsets into the original text, no Django.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from timeline.nlp.types import Sentence

DATA_DIR = Path(__file__).resolve().parent / "data" / "structure"
LINE = re.compile(r"[^\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]+")
# What may precede a line's first word (list bullets, quotes, markdown emphasis) without changing its kind.
LEADING = re.compile(r"[\s*_>#•·\-–—«\"“(\[]*")


@dataclass(frozen=True, slots=True)
class Aside:
    """A part of the text that is not the story; `kind` is dateline, timestamp (a live blog entry's time),
    byline, caption, credit, copyright, related, embed or metadata."""

    start: int
    end: int
    kind: str


@dataclass(frozen=True)
class StructureRules:
    datelines: tuple[re.Pattern[str], ...]
    timestamps: tuple[re.Pattern[str], ...]
    lines: tuple[tuple[str, re.Pattern[str]], ...]
    inline: tuple[tuple[str, re.Pattern[str]], ...]
    sentences: tuple[tuple[str, re.Pattern[str]], ...]


def _read(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {} if path.is_file() else {}


def _compiled(kinds: dict[str, list[str]], anchor: str = "") -> list[tuple[str, re.Pattern[str]]]:
    return [
        (kind, re.compile(anchor + pattern, re.IGNORECASE))
        for kind, patterns in kinds.items()
        for pattern in patterns
    ]


@cache
def structure_rules(lang: str) -> StructureRules:
    """The rules of `lang` (its own file, plus the shared shapes); a language without a file gets the
    shared shapes only."""
    common, own = _read(DATA_DIR / "common.yaml"), _read(DATA_DIR / f"{lang}.yaml")
    lines = _compiled(own.get("lines", {}), "^") + _compiled(common.get("lines", {}), "^")
    return StructureRules(
        datelines=tuple(re.compile(p, re.IGNORECASE) for p in common.get("datelines", [])),
        timestamps=tuple(re.compile(p, re.IGNORECASE) for p in common.get("timestamps", [])),
        lines=tuple(lines),
        inline=tuple(_compiled(common.get("inline", {}))),
        sentences=tuple(_compiled(own.get("sentences", {}), "^")),
    )


@dataclass(frozen=True)
class DocumentStructure:
    """The asides of one text, in text order."""

    asides: tuple[Aside, ...]

    def aside_at(self, start: int, end: int) -> Aside | None:
        """The aside that holds the whole span [start, end), if any."""
        for aside in self.asides:
            if aside.start <= start and end <= aside.end:
                return aside
        return None

    def overlaps_aside(self, start: int, end: int) -> bool:
        return any(aside.start < end and start < aside.end for aside in self.asides)

    def story_sentences(self, sentences: Sequence[Sentence], text: str) -> list[Sentence]:
        """The sentences with their asides cut off: a sentence inside an aside is dropped, one that an
        aside opens (a dateline) or closes (a credit) keeps only its story part."""
        story = []
        for sentence in sentences:
            start, end = sentence.start, sentence.end
            for aside in self.asides:
                if aside.end <= start or aside.start >= end:
                    continue
                if aside.start <= start:
                    start = max(start, aside.end)
                elif aside.end >= end:
                    end = min(end, aside.start)
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if end - start > 1 and any(ch.isalpha() for ch in text[start:end]):
                story.append(Sentence(start, end, text[start:end]))
        return story

    def datelines(self, text: str) -> list[str]:
        """The texts of the datelines (their dates hint at the publication date)."""
        return [text[a.start : a.end] for a in self.asides if a.kind == "dateline"]


def document_structure(text: str, sentences: Sequence[Sentence], lang: str) -> DocumentStructure:
    """Find the asides of `text` (see the module docstring)."""
    rules = structure_rules(lang)
    asides: list[Aside] = []
    for line in LINE.finditer(text):
        lead = LEADING.match(text, line.start(), line.end())
        begin = lead.end() if lead else line.start()
        body = text[begin : line.end()]
        whole = next((kind for kind, pattern in rules.lines if pattern.match(body)), None)
        if whole is not None:
            asides.append(Aside(line.start(), line.end(), whole))
            continue
        if line.start() == begin or not text[line.start() : begin].strip(" *_"):
            for kind, patterns in (("timestamp", rules.timestamps), ("dateline", rules.datelines)):
                found = next(
                    (m for p in patterns if (m := p.match(text, begin, line.end())) and m.end() < line.end()),
                    None,
                )
                if found:
                    asides.append(Aside(line.start(), found.end(), kind))
                    break
        for kind, pattern in rules.inline:
            for found in pattern.finditer(text, line.start(), line.end()):
                asides.append(Aside(found.start(), found.end(), kind))
    for sentence in sentences:
        body = sentence.text.lstrip(' «"“(')
        if any(pattern.match(body) for _kind, pattern in rules.sentences):
            asides.append(Aside(sentence.start, sentence.end, "caption"))
    return DocumentStructure(tuple(sorted(asides, key=lambda a: (a.start, -a.end))))
