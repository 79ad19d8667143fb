"""The real `stanza.Pipeline`, loaded from the tiny fixture models (tests/fixtures/stanza), no mocks.

The tiny models memorise their training corpus (tools/stanza_tiny/corpus), so on corpus paragraphs they must
give back the annotated sentences and entities with exact character offsets.
"""

import json
import shutil
from pathlib import Path

import pytest

from timeline.nlp import get_annotator
from timeline.nlp.model_files import find_model_files
from timeline.nlp.stanza_annotator import StanzaAnnotator, annotation_from_document
from timeline.nlp.types import Annotation, EntitySpan
from tools.stanza_tiny.corpus_format import read_corpus

CORPUS = Path(__file__).resolve().parents[2] / "tools" / "stanza_tiny" / "corpus"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "stanza"

Expected = tuple[str, list[tuple[int, int]], list[tuple[int, int, str]]]


def corpus_paragraphs(lang: str) -> list[Expected]:
    """Each corpus paragraph as plain text, its sentence spans and its entity spans."""
    paragraphs = []
    for paragraph in read_corpus(CORPUS / f"{lang}.txt"):
        text, sentences, entities = "", [], []
        for sentence in paragraph:
            text += " " if text else ""
            offset = len(text)
            text += sentence.text
            sentences.append((offset, offset + len(sentence.text)))
            entities += [(offset + e.start, offset + e.end, e.label) for e in sentence.entities]
        paragraphs.append((text, sentences, entities))
    return paragraphs


@pytest.fixture(scope="module")
def annotators() -> dict[str, StanzaAnnotator]:
    result = {}
    for lang in ("fr", "en"):
        files = find_model_files(FIXTURES, lang)
        assert files is not None, "run `.venv/bin/python tools/stanza_tiny/train.py`"
        result[lang] = StanzaAnnotator(files)
    return result


def spans(annotation: Annotation) -> tuple[list[tuple[int, int]], list[tuple[int, int, str]]]:
    return (
        [(s.start, s.end) for s in annotation.sentences],
        [(e.start, e.end, e.label) for e in annotation.entities],
    )


def assert_texts_slice_back(annotation: Annotation, text: str) -> None:
    for item in [*annotation.sentences, *annotation.entities]:
        assert text[item.start : item.end] == item.text


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_training_like_paragraph_gives_exact_sentence_and_entity_spans(
    lang: str, annotators: dict[str, StanzaAnnotator]
) -> None:
    text, sentences, entities = corpus_paragraphs(lang)[0]
    [annotation] = annotators[lang].annotate_many([text], lang)
    assert annotation.backend == "stanza"
    assert spans(annotation) == (sentences, entities)
    assert_texts_slice_back(annotation, text)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_batch_keeps_document_boundaries_and_matches_one_by_one(
    lang: str, annotators: dict[str, StanzaAnnotator]
) -> None:
    paragraphs = corpus_paragraphs(lang)[:5]
    texts = [text for text, _, _ in paragraphs]
    batch = annotators[lang].annotate_many(texts, lang)
    assert len(batch) == len(texts)
    for annotation, text in zip(batch, texts, strict=True):
        assert annotation.sentences[0].start == 0 and annotation.sentences[-1].end == len(text)
        assert_texts_slice_back(annotation, text)
        [alone] = annotators[lang].annotate_many([text], lang)
        assert spans(annotation) == spans(alone)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_memorised_corpus_is_reproduced_almost_entirely(
    lang: str, annotators: dict[str, StanzaAnnotator]
) -> None:
    """A smoke test of the whole path: sentences exact everywhere, entities nearly all right."""
    paragraphs = corpus_paragraphs(lang)
    results = annotators[lang].annotate_many([text for text, _, _ in paragraphs], lang)
    expected_entities = got_right = 0
    for (text, sentences, entities), annotation in zip(paragraphs, results, strict=True):
        got_sentences, got_entities = spans(annotation)
        assert got_sentences == sentences, text
        assert_texts_slice_back(annotation, text)
        expected_entities += len(entities)
        got_right += len(set(entities) & set(got_entities))
    assert got_right / expected_entities >= 0.9


def test_french_du_and_au_stay_single_tokens_so_offsets_stay_exact(
    annotators: dict[str, StanzaAnnotator],
) -> None:
    text = (
        "Le porte-parole du Kremlin, Dmitri Peskov, a refusé de commenter ces informations. "
        "Il a renvoyé les journalistes au ministère de la Défense."
    )
    [annotation] = annotators["fr"].annotate_many([text], "fr")
    assert [s.text for s in annotation.sentences] == [
        "Le porte-parole du Kremlin, Dmitri Peskov, a refusé de commenter ces informations.",
        "Il a renvoyé les journalistes au ministère de la Défense.",
    ]
    assert [(e.text, e.label) for e in annotation.entities] == [("Kremlin", "ORG"), ("Dmitri Peskov", "PER")]
    assert annotation.entities[0].start == text.index("Kremlin")
    assert_texts_slice_back(annotation, text)


def test_blank_texts_give_empty_annotations_without_breaking_the_batch(
    annotators: dict[str, StanzaAnnotator],
) -> None:
    text = corpus_paragraphs("en")[1][0]
    empty, annotated, blank = annotators["en"].annotate_many(["", text, "  \n "], "en")
    assert empty.sentences == [] and blank.sentences == [] and empty.entities == []
    assert annotated.sentences[-1].end == len(text)


def test_annotator_refuses_text_of_another_language(annotators: dict[str, StanzaAnnotator]) -> None:
    with pytest.raises(ValueError, match="'fr' models"):
        annotators["fr"].annotate_many(["Hello."], "en")


def _document(text: str, tags: list[str]):
    """A real Stanza Document with one token per space-separated word, tagged after construction."""
    from stanza.models.common.doc import Document

    tokens, start = [], 0
    for i, word in enumerate(text.split(" "), start=1):
        tokens.append({"id": i, "text": word, "start_char": start, "end_char": start + len(word)})
        start += len(word) + 1
    doc = Document([tokens], text=text)
    for token, tag in zip(doc.sentences[0].tokens, tags, strict=True):
        token.ner = tag  # as after batch processing in stanza #721: tags set, entities not rebuilt
    return doc


def test_entities_are_rebuilt_when_tags_exist_but_entities_came_back_empty() -> None:
    text = "Vladimir Putin visited Pyongyang"
    doc = _document(text, ["B-PER", "E-PER", "O", "S-LOC"])
    assert doc.ents == []
    annotation = annotation_from_document(doc, text, "stanza")
    assert annotation.entities == [
        EntitySpan(0, 14, "Vladimir Putin", "PER"),
        EntitySpan(23, 32, "Pyongyang", "LOC"),
    ]


def test_ontonotes_types_fold_onto_per_loc_org_misc_and_non_names_are_dropped() -> None:
    text = "Kremlin said Ukrainian forces left Sudzha on Tuesday"
    doc = _document(text, ["S-ORG", "O", "S-NORP", "O", "O", "S-GPE", "O", "S-DATE"])
    labels = [(e.text, e.label) for e in annotation_from_document(doc, text, "stanza").entities]
    assert labels == [("Kremlin", "ORG"), ("Ukrainian", "MISC"), ("Sudzha", "LOC")]


def test_standard_stanza_resources_folder_loads_offline(tmp_path: Path) -> None:
    """The layout `stanza.download(lang, model_dir=DIR)` writes, filled here with the tiny models."""
    for processor, source in [("tokenize", "tokenize.pt"), ("ner", "ner.pt"), ("pretrain", "pretrain.pt")]:
        (tmp_path / "fr" / processor).mkdir(parents=True)
        shutil.copyfile(FIXTURES / "fr" / source, tmp_path / "fr" / processor / "tiny.pt")
    resources = {
        "fr": {
            "lang_name": "French",
            "packages": {"default": {"tokenize": "tiny", "ner": "tiny"}},
            "default_processors": {"tokenize": "tiny", "ner": "tiny"},
            "tokenize": {"tiny": {}},
            "ner": {"tiny": {"dependencies": [{"model": "pretrain", "package": "tiny"}]}},
            "pretrain": {"tiny": {}},
        }
    }
    (tmp_path / "resources.json").write_text(json.dumps(resources))
    annotator = get_annotator("fr", models_dir=tmp_path)
    assert isinstance(annotator, StanzaAnnotator) and not annotator.files.from_manifest
    text = "Le porte-parole du Kremlin, Dmitri Peskov, a refusé de commenter ces informations."
    [annotation] = annotator.annotate_many([text], "fr")
    assert [(e.text, e.label) for e in annotation.entities] == [("Kremlin", "ORG"), ("Dmitri Peskov", "PER")]


def test_long_lists_are_processed_in_chunks_without_mixing_documents(fixture_models_dir: Path) -> None:
    files = find_model_files(fixture_models_dir, "en")
    assert files is not None
    paragraphs = corpus_paragraphs("en")[:5]
    texts = [text for text, _, _ in paragraphs]
    chunked = StanzaAnnotator(files, docs_per_batch=2).annotate_many(texts, "en")
    assert [spans(a) for a in chunked] == [(s, e) for _, s, e in paragraphs]


@pytest.mark.parametrize(
    "text",
    [
        "Vladimir\u00a0Poutine a qualifié l'opération de «\u202fprovocation majeure\u202f»."
        "\r\n\r\nKiev a répondu.",
        "\t  Kim Jong-un n'a pas confirmé le déploiement.   \n",
        "😀 Le Kremlin 😀 a réagi. Dmitri Peskov a parlé.",
        "Le\u2028Kremlin.\u2029Moscou.",
        "...",
    ],
    ids=[
        "no_break_spaces_and_crlf",
        "surrounding_whitespace",
        "astral_characters",
        "unicode_separators",
        "dots",
    ],
)
def test_offsets_slice_back_on_unusual_characters(text: str, annotators: dict[str, StanzaAnnotator]) -> None:
    [annotation] = annotators["fr"].annotate_many([text], "fr")
    assert_texts_slice_back(annotation, text)
    covered = {i for s in annotation.sentences for i in range(s.start, s.end)}
    assert all(i in covered for i, ch in enumerate(text) if not ch.isspace())
