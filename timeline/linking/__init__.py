"""Entity registry and mention linker: text (+ optional NER spans) -> mentions of canonical entities.

    from timeline.linking import Registry
    registry = Registry.load()                        # cached; matchers compiled per language on use
    result = registry.link(text, "fr", ner_spans)     # LinkResult(mentions, new_records)
    registry.get("country:KP").names["fr"]            # "Corée du Nord"

Pure Python, no Django. Language knowledge lives in timeline/data/entities (YAML); the modules:
types (records, mentions), folding (accent/case/hyphen-tolerant matching), gazetteer (one trie-shaped
regex per language), countries (pycountry + Babel names), registry (loading, linking), ner_merge
(NER spans, new persons), titled_names (names after a title, for texts without NER), surnames
(back-references), context (articles, honorifics, locatives), intervals (overlap queries).

Decisions:
- Keys: "country:<ISO alpha-2>", "person:<slug>", "org:<slug>", "loc:<slug>".
- Metonyms ("le Kremlin", "Moscou", "Pyongyang", "Kiev", "la Maison Blanche") resolve to the country
  (kind "country", via "metonym"). A capital that is also a place record becomes the place after a
  locative preposition ("à Rome", "in Kyiv"). "Bruxelles"/"Brussels" is only a place (EU or Belgium?).
- The EU, NATO, the UN are organizations with country_code None.
- Spans include a French definite article or elision ("la Russie", "l'Ukraine", "L'AFP") and, in
  English, "the" before names that take it ("the United States", not "the Iraq crisis"); persons
  include an honorific ("M. Poutine") but not a title ("président").
- A bare surname names the person of that family name mentioned most recently; before any full name,
  only a famous registry person ("Poutine", "Zelensky"; not "Kim", "Lee", "Austin").
- NER: the gazetteer wins on the key; a longer NER span of a compatible kind lends its boundaries;
  an unknown full PER name becomes a new person record (country from "le président ukrainien X").
  Without NER, a full name after a title or honorific ("la porte-parole Maria Zakharova") does too.
  Only persons are created: unknown LOC/ORG/MISC spans are dropped.
"""

from .registry import Registry, link_ner_span
from .types import EntityRecord, LinkResult, Mention, NerSpan

__all__ = ["EntityRecord", "LinkResult", "Mention", "NerSpan", "Registry", "link_ner_span"]
