"""The annotated corpus behind the tiny Stanza fixtures parses, and its entities align with tokens."""

from pathlib import Path

import pytest

from tools.stanza_tiny.corpus_format import (
    bioes_tags,
    paragraph_text_and_labels,
    parse_sentence,
    read_corpus,
    token_pattern,
    tokenize,
)

CORPUS = Path(__file__).resolve().parents[2] / "tools" / "stanza_tiny" / "corpus"


def test_inline_markup_becomes_plain_text_with_entity_offsets() -> None:
    sentence = parse_sentence("Le porte-parole du [Kremlin](ORG), [Dmitri Peskov](PER), a refusé.")
    assert sentence.text == "Le porte-parole du Kremlin, Dmitri Peskov, a refusé."
    assert [(sentence.text[e.start : e.end], e.label) for e in sentence.entities] == [
        ("Kremlin", "ORG"),
        ("Dmitri Peskov", "PER"),
    ]


def test_bioes_tags_mark_single_and_multi_token_entities() -> None:
    sentence = parse_sentence("[Kim Jong Un](PER) met [Putin](PER).")
    spans = tokenize(sentence.text, token_pattern("en"))
    assert bioes_tags(sentence, spans) == ["B-PER", "I-PER", "E-PER", "O", "S-PER", "O"]


def test_tokenizer_labels_mark_token_and_sentence_ends() -> None:
    paragraph = [parse_sentence("M. Zelensky arrive."), parse_sentence("Il parle.")]
    text, labels = paragraph_text_and_labels(paragraph, token_pattern("fr"))
    assert text == "M. Zelensky arrive. Il parle."
    # M.|Zelensky|arrive|.  Il|parle|.   (1 = token end, 2 = sentence end)
    assert labels == "".join(["01", "0", "00000001", "0", "000001", "2", "0", "01", "0", "00001", "2"])


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_corpus_is_large_enough_and_every_entity_aligns_with_tokens(lang: str) -> None:
    sentences = [s for p in read_corpus(CORPUS / f"{lang}.txt") for s in p]
    assert 60 <= len(sentences) <= 100
    pattern = token_pattern(lang)
    labels = set()
    for sentence in sentences:
        tags = bioes_tags(sentence, tokenize(sentence.text, pattern))  # raises if an entity cuts a token
        labels |= {t[2:] for t in tags if t != "O"}
    assert labels == {"PER", "LOC", "ORG", "MISC"}
