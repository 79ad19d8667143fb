"""Sentence splitting and named-entity annotation of news text.

`get_annotator(lang)` returns a Stanza-backed annotator when Stanza models are installed for the language,
else a model-free fallback (sentences only). Both return plain `Annotation` objects with character offsets
into the original text. This package never imports Django; Stanza and torch are imported lazily.
"""

from timeline.nlp.types import Annotation, Annotator, EntitySpan, Sentence

__all__ = ["Annotation", "Annotator", "EntitySpan", "Sentence", "get_annotator"]


def __getattr__(name: str):
    # Lazy so that importing the language data (e.g. from tools/stanza_tiny) does not pull in the selector.
    if name == "get_annotator":
        from timeline.nlp.select import get_annotator

        return get_annotator
    raise AttributeError(name)
