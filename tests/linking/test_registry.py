"""The registry's API: loading once, records, lookups, languages without data files."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.linking import Registry


def test_load_is_cached_per_process() -> None:
    assert Registry.load() is Registry.load()


def test_records_have_unique_keys_kinds_and_slugs(registry: Registry) -> None:
    records = registry.records()
    assert len({r.key for r in records}) == len(records)
    assert {r.kind for r in records} == {"person", "country", "organization", "location"}
    assert all(r.slug and r.slug == r.slug.lower() for r in records)


def test_get_returns_the_record_or_none(registry: Registry) -> None:
    assert registry.get("org:kcna").name == "KCNA"
    assert registry.get("org:kcna").country_code == "KP"
    assert registry.get("loc:kursk").names["fr"] == "Koursk"
    assert registry.get("loc:crimea").country_code == "UA"
    assert registry.get("org:eu").country_code is None
    assert registry.get("person:nobody") is None


def test_country_records_carry_their_names_as_aliases(registry: Registry) -> None:
    aliases = registry.country("US").aliases
    assert "États-Unis" in aliases["fr"]
    assert "United States" in aliases["en"]


PARALLEL = [
    (
        "La Corée du Nord a confirmé que ses troupes ont aidé la Russie à reprendre la région de "
        "Koursk, selon l'agence KCNA. Le président russe Vladimir Poutine a remercié Kim Jong-un.",
        "North Korea confirmed that its troops helped Russia retake the Kursk region, according to "
        "the KCNA agency. Russian President Vladimir Putin thanked Kim Jong Un.",
    ),
    (
        "Donald Trump a rencontré Volodymyr Zelensky au Vatican ; l'OTAN et l'ONU ont salué "
        "le cessez-le-feu annoncé par Kiev.",
        "Donald Trump met Volodymyr Zelenskyy at the Vatican; NATO and the UN welcomed the "
        "ceasefire announced by Kyiv.",
    ),
]


def test_a_french_text_and_its_english_translation_name_the_same_entities(
    registry: Registry,
) -> None:
    for french, english in PARALLEL:
        french_keys = {m.key for m in registry.find_mentions(french, "fr")}
        english_keys = {m.key for m in registry.find_mentions(english, "en")}
        assert french_keys == english_keys
        assert french_keys


def test_a_language_without_data_files_still_finds_countries_and_persons(
    registry: Registry,
) -> None:
    mentions = registry.find_mentions("Russland und die Ukraine; Wladimir Putin", "de")
    assert {m.key for m in mentions} >= {"country:RU", "country:UA", "person:vladimir-putin"}


VOCABULARY = [
    "la Russie",
    "l'Ukraine",
    "Kim Jong-un",
    "M. Poutine",
    "nord-coréens",
    "US",
    "us",
    "Rome",
    "à",
    "the",
    "Kremlin",
    "Corée",
    "du",
    "Nord",
    "-",
    "’",
    ",",
    "Kim",
    "Trump",
    "de",
    "région",
    "Koursk",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(VOCABULARY), max_size=25), st.sampled_from(["fr", "en"]))
def test_mentions_are_ordered_disjoint_and_index_the_text(
    registry: Registry, words: list[str], lang: str
) -> None:
    text = " ".join(words)
    result = registry.link(text, lang)
    mentions = result.mentions
    new_keys = {record.key for record in result.new_records}
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.text
        assert registry.get(mention.key) is not None or mention.key in new_keys
    for left, right in itertools.pairwise(mentions):
        assert left.end <= right.start
