"""Annotator that needs no model: rule-based sentences, no entities.

Entities are found afterwards, for every backend, by the project's gazetteer (`timeline/linking/`).
"""

from __future__ import annotations

from timeline.nlp.sentence_splitter import split_sentences
from timeline.nlp.types import Annotation


class FallbackAnnotator:
    """Sentence splitting from language data only; never imports Stanza or torch."""

    name = "fallback"

    def annotate_many(self, texts: list[str], lang: str) -> list[Annotation]:
        return [
            Annotation(sentences=split_sentences(text, lang), entities=[], backend=self.name)
            for text in texts
        ]
