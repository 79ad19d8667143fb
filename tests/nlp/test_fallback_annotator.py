"""The fallback annotator: sentences from rules, no entities, one Annotation per text."""

from timeline.nlp.fallback_annotator import FallbackAnnotator


def test_batch_returns_one_annotation_per_text_with_sentences_and_no_entities() -> None:
    texts = ["M. Poutine a parlé. Kiev a répondu.", "", "Une seule phrase"]
    annotations = FallbackAnnotator().annotate_many(texts, "fr")
    assert [len(a.sentences) for a in annotations] == [2, 0, 1]
    assert all(a.entities == [] and a.backend == "fallback" for a in annotations)
    assert annotations[0].sentences[1].text == "Kiev a répondu."
