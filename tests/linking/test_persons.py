"""Persons: one key across languages and spellings; bare surnames refer back to full names."""

from __future__ import annotations

import pytest

from timeline.linking import Registry

from .conftest import mention_at


@pytest.mark.parametrize(
    ("text", "lang", "surface", "key"),
    [
        ("Vladimir Poutine a parlé.", "fr", "Vladimir Poutine", "person:vladimir-putin"),
        ("Vladimir Putin spoke.", "en", "Vladimir Putin", "person:vladimir-putin"),
        ("le dirigeant Kim Jong-un", "fr", "Kim Jong-un", "person:kim-jong-un"),
        ("leader Kim Jong Un said", "en", "Kim Jong Un", "person:kim-jong-un"),
        ("leader Kim Jong-Un said", "en", "Kim Jong-Un", "person:kim-jong-un"),
        ("Volodymyr Zelenskyy said", "en", "Volodymyr Zelenskyy", "person:volodymyr-zelensky"),
        ("Sergueï Lavrov a déclaré", "fr", "Sergueï Lavrov", "person:sergei-lavrov"),
        ("Sergei Lavrov said", "en", "Sergei Lavrov", "person:sergei-lavrov"),
        ("Valéri Guerassimov a affirmé", "fr", "Valéri Guerassimov", "person:valery-gerasimov"),
        ("le pape François a reçu", "fr", "pape François", "person:pope-francis"),
        ("Ursula von der Leyen a dit", "fr", "Ursula von der Leyen", "person:ursula-von-der-leyen"),
    ],
)
def test_full_names_in_any_language_share_one_key(
    registry: Registry, text: str, lang: str, surface: str, key: str
) -> None:
    assert mention_at(registry.find_mentions(text, lang), surface).key == key


def test_registry_has_at_least_thirty_persons_with_a_country(registry: Registry) -> None:
    persons = [r for r in registry.records() if r.kind == "person"]
    assert len(persons) >= 30
    assert registry.get("person:vladimir-putin").country_code == "RU"
    assert registry.get("person:vladimir-putin").names["fr"] == "Vladimir Poutine"


@pytest.mark.parametrize(
    ("text", "lang", "surface", "key"),
    [
        ("M. Poutine a salué les troupes.", "fr", "M. Poutine", "person:vladimir-putin"),
        ("Zelensky a refusé.", "fr", "Zelensky", "person:volodymyr-zelensky"),
        ("Mr. Trump said", "en", "Mr. Trump", "person:donald-trump"),
        ("Mr Trump said", "en", "Mr Trump", "person:donald-trump"),
    ],
)
def test_famous_surnames_resolve_without_a_prior_full_name(
    registry: Registry, text: str, lang: str, surface: str, key: str
) -> None:
    mention = mention_at(registry.find_mentions(text, lang), surface)
    assert (mention.key, mention.via) == (key, "surname")


def test_a_common_surname_alone_links_to_nobody(registry: Registry) -> None:
    assert registry.find_mentions("Kim a parlé hier.", "fr") == []


def test_a_common_surname_refers_back_to_the_latest_full_name(registry: Registry) -> None:
    text = "Kim Jong Un a parlé. Plus tard, Kim Yo Jong a répondu. Puis M. Kim a démenti."
    mention = mention_at(registry.find_mentions(text, "fr"), "M. Kim")
    assert mention.key == "person:kim-yo-jong"
    text = "Kim Yo Jong a répondu. Kim Jong Un a parlé. Kim a ensuite démenti."
    assert mention_at(registry.find_mentions(text, "fr"), "Kim").key == "person:kim-jong-un"


def test_a_surname_before_any_full_name_is_not_linked_to_a_non_famous_person(
    registry: Registry,
) -> None:
    text = "Austin a parlé. Plus tard, Lloyd Austin a confirmé. Austin a précisé."
    mentions = registry.find_mentions(text, "fr")
    assert [(m.text, m.key) for m in mentions] == [
        ("Lloyd Austin", "person:lloyd-austin"),
        ("Austin", "person:lloyd-austin"),
    ]
    assert mentions[1].start == text.rindex("Austin")


def test_president_title_is_not_part_of_the_span(registry: Registry) -> None:
    mentions = registry.find_mentions("President Zelensky met President Trump.", "en")
    assert [(m.text, m.key) for m in mentions] == [
        ("Zelensky", "person:volodymyr-zelensky"),
        ("Trump", "person:donald-trump"),
    ]


def test_a_famous_surname_after_another_given_name_is_not_linked(registry: Registry) -> None:
    text = "Joe Biden spoke. Then his son Hunter Biden left, and Biden said no."
    mentions = registry.find_mentions(text, "en")
    assert [(m.text, m.start) for m in mentions] == [
        ("Joe Biden", 0),
        ("Biden", text.rindex("Biden")),
    ]
