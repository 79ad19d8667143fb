"""Mention spans: articles and elision, longest match, no overlap, tolerant but precise matching."""

from __future__ import annotations

import itertools

import pytest

from timeline.linking import Registry


def surfaces(registry: Registry, text: str, lang: str) -> list[str]:
    return [m.text for m in registry.find_mentions(text, lang)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("La Corée du Nord a confirmé.", ["La Corée du Nord"]),
        ("la capacité de l'Ukraine à mener", ["l'Ukraine"]),
        ("la capacité de l’Ukraine à mener", ["l’Ukraine"]),
        ("défendu la Russie", ["la Russie"]),
        ("le Kremlin a annoncé", ["le Kremlin"]),
        ("L'AFP a rapporté", ["L'AFP"]),
        ("dans la région de Koursk", ["la région de Koursk"]),
        ("les troupes de l'Armée populaire de Corée", ["l'Armée populaire de Corée"]),
        ("aux États-Unis", ["États-Unis"]),
        ("du Kremlin", ["Kremlin"]),
    ],
)
def test_a_french_definite_article_or_elision_belongs_to_the_span(
    registry: Registry, text: str, expected: list[str]
) -> None:
    assert surfaces(registry, text, "fr") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the Kremlin said", ["the Kremlin"]),
        ("in the United States", ["the United States"]),
        ("the Iraq crisis", ["Iraq"]),
        ("the Russian army", ["Russian"]),
    ],
    ids=["metonym", "plural-name", "attributive-country", "demonym"],
)
def test_english_the_joins_only_names_that_take_it(
    registry: Registry, text: str, expected: list[str]
) -> None:
    assert surfaces(registry, text, "en") == expected


def test_persons_and_demonyms_never_take_the_article(registry: Registry) -> None:
    assert surfaces(registry, "les Russes et le président russe", "fr") == ["Russes", "russe"]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "la République populaire démocratique de Corée",
            "fr",
            ["la République populaire démocratique de Corée"],
        ),
        ("the Conseil de sécurité de l'ONU", "fr", ["Conseil de sécurité de l'ONU"]),
        ("le Conseil de sécurité des Nations unies", "fr", ["le Conseil de sécurité des Nations unies"]),
        ("the UN Security Council met", "en", ["the UN Security Council"]),
        ("l'Amérique latine et les États-Unis", "fr", ["les États-Unis"]),
    ],
    ids=["country-official-name", "org-inside-org", "org-long-form", "en-org", "blocker"],
)
def test_the_longest_match_wins_and_mentions_never_overlap(
    registry: Registry, text: str, lang: str, expected: list[str]
) -> None:
    mentions = registry.find_mentions(text, lang)
    assert [m.text for m in mentions] == expected
    for left, right in itertools.pairwise(mentions):
        assert left.end <= right.start


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Kim Jong Un", "en", "Kim Jong Un"),
        ("Kim Jong-un", "en", "Kim Jong-un"),
        ("KIM JONG UN", "en", "KIM JONG UN"),
        ("Volodymyr Zelensky", "en", "Volodymyr Zelensky"),
        ("Coree du Nord", "fr", "Coree du Nord"),
        ("nord coréens", "fr", "nord coréens"),
        ("Kyïv", "fr", "Kyïv"),
    ],
    ids=["spaces", "hyphen", "capitals", "plain", "no-accents", "space-for-hyphen", "diaeresis"],
)
def test_matching_tolerates_hyphens_accents_and_capitals(
    registry: Registry, text: str, lang: str, expected: str
) -> None:
    assert surfaces(registry, text, lang) == [expected]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("let us know what you think of us", "en"),
        ("a perusse tree and a Romeo", "en"),
        ("Romeo et Juliette", "fr"),
        ("un accord avec un pays", "fr"),
        ("the un-named source", "en"),
        ("Prussia and Prussian kings", "en"),
        ("une poutine au fromage", "fr"),
        ("the polish on the table", "en"),
        ("Maurice est arrivé hier.", "fr"),
        ("he will polish it; Louis XI reigned", "en"),
        ("anglaise", "en"),
        ("les pays sud-américains et latino-américains", "fr"),
        ("Latin American and South American leaders", "en"),
        ("dans l'océan Indien", "fr"),
    ],
    ids=[
        "us-lowercase",
        "inside-words-en",
        "inside-words-fr",
        "un-article",
        "un-hyphen",
        "prussia",
        "dish",
        "verb",
        "first-name",
        "numeral",
        "wrong-language",
        "fr-compound-demonym",
        "en-compound-demonym",
        "ocean",
    ],
)
def test_no_false_positives(registry: Registry, text: str, lang: str) -> None:
    assert surfaces(registry, text, lang) == []


def test_offsets_index_the_original_text(registry: Registry) -> None:
    text = "Hier, l’agence KCNA — organe de Pyongyang — a parlé des Nord-Coréens."
    for mention in registry.find_mentions(text, "fr"):
        assert text[mention.start : mention.end] == mention.text
