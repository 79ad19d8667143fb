"""Annotator backed by a real `stanza.Pipeline` (tokenize + NER), loaded offline from local models.

Stanza and torch are imported only when a pipeline is first built (`import stanza` costs 2-3 s), and each
pipeline is built once per process per language and models folder, then shared.
"""

from __future__ import annotations

import logging
import os
import threading
from typing import Any

from timeline.nlp.model_files import StanzaModelFiles
from timeline.nlp.types import Annotation, EntitySpan, Sentence

logger = logging.getLogger("timeline.nlp")

# Stanza's English default NER uses OntoNotes types; fold them onto the CoNLL types used elsewhere.
# Types absent from this map (DATE, MONEY, CARDINAL...) are not named entities for the timeline.
ENTITY_TYPES = {
    "PER": "PER", "PERSON": "PER",
    "LOC": "LOC", "GPE": "LOC", "FAC": "LOC",
    "ORG": "ORG",
    "MISC": "MISC", "NORP": "MISC", "EVENT": "MISC", "PRODUCT": "MISC", "WORK_OF_ART": "MISC",
    "LAW": "MISC", "LANGUAGE": "MISC",
}  # fmt: skip

# One thread by default: on a shared 2-core machine, 2 torch threads ran ~10x slower as soon as another
# process was busy (training here; stanza #552, #492 report the same). Raise with NLP_TORCH_THREADS.
DEFAULT_THREADS = 1

_PIPELINES: dict[tuple[str, str], Any] = {}
_LOCK = threading.Lock()


def torch_threads() -> int:
    """Threads for torch: env `NLP_TORCH_THREADS`, else min(DEFAULT_THREADS, cpu count)."""
    value = os.environ.get("NLP_TORCH_THREADS")
    if value and value.isdigit() and int(value) > 0:
        return int(value)
    return max(1, min(DEFAULT_THREADS, os.cpu_count() or 1))


def load_pipeline(files: StanzaModelFiles, num_threads: int | None = None) -> Any:
    """The shared `stanza.Pipeline` for these model files, built on first use."""
    key = (files.lang, str(files.resources_dir.resolve()))
    with _LOCK:
        if key not in _PIPELINES:
            _PIPELINES[key] = _build_pipeline(files, num_threads or torch_threads())
        return _PIPELINES[key]


def _build_pipeline(files: StanzaModelFiles, num_threads: int) -> Any:
    import stanza
    import torch

    torch.set_num_threads(num_threads)
    kwargs: dict[str, Any] = {
        "lang": files.lang,
        "processors": "tokenize,ner",
        "dir": str(files.resources_dir),
        "download_method": None,  # never touch the network when loading
        "use_gpu": False,
        "logging_level": "WARN",
    }
    if files.from_manifest:
        # Explicit files (no MWT: French "du" stays one token, offsets stay exact). With an empty
        # resources.json Stanza knows no language: say that is intended, and silence its warning about it.
        kwargs["allow_unknown_language"] = True
        kwargs["logging_level"] = "ERROR"
        kwargs["tokenize_model_path"] = str(files.tokenize_model_path)
        kwargs["ner_model_path"] = str(files.ner_model_path)
        if files.ner_pretrain_path is not None:
            # A NER trained with a pretrain loads silently without it and outputs garbage.
            kwargs["ner_pretrain_path"] = str(files.ner_pretrain_path)
    logger.info("Loading Stanza %s models from %s", files.lang, files.resources_dir)
    return stanza.Pipeline(**kwargs)


class StanzaAnnotator:
    """Sentences and entities from Stanza; character offsets come from tokens, never from words."""

    name = "stanza"

    def __init__(
        self, files: StanzaModelFiles, num_threads: int | None = None, docs_per_batch: int = 64
    ) -> None:
        self.files = files
        self.num_threads = num_threads
        self.docs_per_batch = docs_per_batch  # bounds memory on long lists; Stanza batches inside each

    @property
    def pipeline(self) -> Any:
        return load_pipeline(self.files, self.num_threads)

    def annotate_many(self, texts: list[str], lang: str) -> list[Annotation]:
        """Annotate `texts` in one batch; each text stays its own document (never joined)."""
        if lang != self.files.lang:
            raise ValueError(f"this annotator holds {self.files.lang!r} models, not {lang!r}")
        import stanza

        results = [Annotation(backend=self.name) for _ in texts]
        todo = [i for i, text in enumerate(texts) if text.strip()]
        if not todo:
            return results
        for first in range(0, len(todo), self.docs_per_batch):
            chunk = todo[first : first + self.docs_per_batch]
            docs = self.pipeline([stanza.Document([], text=texts[i]) for i in chunk])
            for i, doc in zip(chunk, docs, strict=True):
                results[i] = annotation_from_document(doc, texts[i], self.name)
        return results


def annotation_from_document(doc: Any, text: str, backend: str) -> Annotation:
    """Sentences and entities of a processed `stanza.Document`, offsets taken from tokens and entities."""
    sentences = []
    for sent in doc.sentences:
        if not sent.tokens:
            continue
        start, end = sent.tokens[0].start_char, sent.tokens[-1].end_char
        sentences.append(Sentence(start, end, text[start:end]))
    ents = doc.ents
    if not ents and any(tok.ner not in (None, "O") for sent in doc.sentences for tok in sent.tokens):
        doc.build_ents()  # entities can come back empty after batch processing (stanza #721)
        ents = doc.ents
    entities = []
    for ent in ents:
        label = ENTITY_TYPES.get(ent.type)
        if label is not None:
            entities.append(
                EntitySpan(ent.start_char, ent.end_char, text[ent.start_char : ent.end_char], label)
            )
    return Annotation(sentences=sentences, entities=entities, backend=backend)
