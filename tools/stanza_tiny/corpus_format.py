"""Read the inline-annotated corpus and write Stanza's training formats.

Corpus format (`corpus/<lang>.txt`): one sentence per line, a blank line between paragraphs, `#` comments,
entities marked inline as `[Vladimir Poutine](PER)`. Tokens come from a regular-expression tokenizer
whose abbreviation lists are the project's language data (`timeline/nlp/data/<lang>.yaml`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from timeline.nlp.language_data import load_sentence_rules

ENTITY_MARKUP = re.compile(r"\[([^\[\]]+)\]\((PER|LOC|ORG|MISC)\)")
LABELS = ("PER", "LOC", "ORG", "MISC")


@dataclass(frozen=True)
class Entity:
    start: int
    end: int
    label: str


@dataclass(frozen=True)
class AnnotatedSentence:
    text: str
    entities: tuple[Entity, ...]


Paragraph = list[AnnotatedSentence]


def parse_sentence(line: str) -> AnnotatedSentence:
    """Strip the inline markup of one line, keeping entity offsets into the plain text."""
    parts: list[str] = []
    entities: list[Entity] = []
    pos = 0
    length = 0
    for match in ENTITY_MARKUP.finditer(line):
        before = line[pos : match.start()]
        parts.append(before)
        length += len(before)
        surface, label = match.group(1), match.group(2)
        entities.append(Entity(length, length + len(surface), label))
        parts.append(surface)
        length += len(surface)
        pos = match.end()
    parts.append(line[pos:])
    text = "".join(parts)
    if "[" in text or "](" in text:
        raise ValueError(f"unbalanced entity markup in: {line!r}")
    return AnnotatedSentence(text, tuple(entities))


def read_corpus(path: Path) -> list[Paragraph]:
    """Paragraphs of annotated sentences from a corpus file."""
    paragraphs: list[Paragraph] = []
    current: Paragraph = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("#"):
            continue
        if not line:
            if current:
                paragraphs.append(current)
                current = []
            continue
        current.append(parse_sentence(line))
    if current:
        paragraphs.append(current)
    return paragraphs


def token_pattern(lang: str) -> re.Pattern[str]:
    """Tokenizer regex: abbreviations keep their period (except sentence-final), numbers keep their
    decimal separator, French elisions (l', qu') and English clitics ('s) are tokens of their own."""
    rules = load_sentence_rules(lang)
    abbrevs = sorted(rules.titles | rules.abbreviations, key=len, reverse=True)
    alternatives = [r"(?<!\w)(?:" + "|".join(re.escape(a) for a in abbrevs) + r")\.(?=\s)"]
    if lang == "fr":
        alternatives.append(r"(?i:(?<!\w)(?:jusqu|lorsqu|puisqu|presqu|quoiqu|qu|[cdjlmnst]))['’](?=\w)")
    if lang == "en":
        alternatives.append(r"(?<=\w)['’](?:s|re|ve|ll|d|m)(?!\w)")
    alternatives += [r"\d+(?:[.,]\d+)*", r"\w+(?:-\w+)*", r"\S"]
    return re.compile("|".join(alternatives))


def tokenize(text: str, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def paragraph_text_and_labels(paragraph: Paragraph, pattern: re.Pattern[str]) -> tuple[str, str]:
    """Paragraph text (sentences joined by one space) and Stanza's per-character labels:
    0 inside a token or space, 1 token end, 2 token end that also ends the sentence."""
    texts: list[str] = []
    labels: list[str] = []
    for sentence in paragraph:
        chars = ["0"] * len(sentence.text)
        spans = tokenize(sentence.text, pattern)
        for _, end in spans:
            chars[end - 1] = "1"
        chars[spans[-1][1] - 1] = "2"
        texts.append(sentence.text)
        labels.append("".join(chars))
    return " ".join(texts), "0".join(labels)


def bioes_tags(sentence: AnnotatedSentence, spans: list[tuple[int, int]]) -> list[str]:
    """One BIOES tag per token; every entity must start and end on token boundaries."""
    tags = ["O"] * len(spans)
    starts = {s: i for i, (s, _) in enumerate(spans)}
    ends = {e: i for i, (_, e) in enumerate(spans)}
    for ent in sentence.entities:
        if ent.start not in starts or ent.end not in ends:
            raise ValueError(f"entity {sentence.text[ent.start : ent.end]!r} cuts a token")
        first, last = starts[ent.start], ends[ent.end]
        if first == last:
            tags[first] = f"S-{ent.label}"
        else:
            tags[first] = f"B-{ent.label}"
            tags[first + 1 : last] = [f"I-{ent.label}"] * (last - first - 1)
            tags[last] = f"E-{ent.label}"
    return tags


def write_tokenizer_files(paragraphs: list[Paragraph], lang: str, txt: Path, labels: Path) -> None:
    pattern = token_pattern(lang)
    pairs = [paragraph_text_and_labels(p, pattern) for p in paragraphs]
    txt.write_text("\n\n".join(t for t, _ in pairs) + "\n", encoding="utf-8")
    labels.write_text("\n\n".join(lab for _, lab in pairs) + "\n", encoding="utf-8")


def ner_documents(sentences: list[AnnotatedSentence], lang: str) -> list[list[dict[str, str]]]:
    pattern = token_pattern(lang)
    docs = []
    for sentence in sentences:
        spans = tokenize(sentence.text, pattern)
        tags = bioes_tags(sentence, spans)
        docs.append([{"text": sentence.text[s:e], "ner": t} for (s, e), t in zip(spans, tags, strict=True)])
    return docs


def write_ner_file(sentences: list[AnnotatedSentence], lang: str, path: Path) -> None:
    path.write_text(
        json.dumps(ner_documents(sentences, lang), ensure_ascii=False, indent=0), encoding="utf-8"
    )


def vocabulary(sentences: list[AnnotatedSentence], lang: str) -> list[str]:
    """Sorted corpus vocabulary, in original case and lowercased."""
    pattern = token_pattern(lang)
    words: set[str] = set()
    for sentence in sentences:
        for s, e in tokenize(sentence.text, pattern):
            words.add(sentence.text[s:e])
            words.add(sentence.text[s:e].lower())
    return sorted(words)
