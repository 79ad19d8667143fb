"""Countries by name, demonym and metonym, in French and English."""

from __future__ import annotations

import pycountry
import pytest

from timeline.linking import Registry


def keys_of(registry: Registry, text: str, lang: str) -> list[tuple[str, str, str]]:
    return [(m.text, m.key, m.via) for m in registry.find_mentions(text, lang)]


def test_every_iso_country_has_a_record_with_french_and_english_names(registry: Registry) -> None:
    for country in pycountry.countries:
        record = registry.country(country.alpha_2)
        assert record is not None, country.alpha_2
        assert record.kind == "country"
        assert record.country_code == country.alpha_2
        assert record.names["fr"] and record.names["en"]
    assert registry.country("KP").names["fr"] == "Corée du Nord"
    assert registry.country("KP").name == "North Korea"


@pytest.mark.parametrize(
    ("text", "lang", "surface", "code"),
    [
        ("Il a visité la Corée du Nord.", "fr", "la Corée du Nord", "KP"),
        ("Séoul et la Corée du Sud protestent.", "fr", "la Corée du Sud", "KR"),
        ("Les États-Unis ont réagi.", "fr", "Les États-Unis", "US"),
        ("Les Etats-Unis ont réagi.", "fr", "Les Etats-Unis", "US"),
        ("Une visite au Royaume-Uni.", "fr", "Royaume-Uni", "GB"),
        ("Le soutien de la Chine est clair.", "fr", "la Chine", "CN"),
        ("La RPDC a tiré un missile.", "fr", "La RPDC", "KP"),
        ("North Korea fired a missile.", "en", "North Korea", "KP"),
        ("the US said on Monday", "en", "the US", "US"),
        ("U.S. officials said", "en", "U.S.", "US"),
        ("Officials in the United States said", "en", "the United States", "US"),
        ("Talks with the DPRK resumed.", "en", "the DPRK", "KP"),
        ("Türkiye hosted the talks.", "en", "Türkiye", "TR"),
        ("Turkey hosted the talks.", "en", "Turkey", "TR"),
    ],
)
def test_country_names_and_short_forms_resolve_to_the_country(
    registry: Registry, text: str, lang: str, surface: str, code: str
) -> None:
    assert (surface, f"country:{code}", "alias") in keys_of(registry, text, lang)


@pytest.mark.parametrize(
    ("surface", "code"),
    [
        ("nord-coréen", "KP"),
        ("nord-coréenne", "KP"),
        ("nord-coréens", "KP"),
        ("nord-coréennes", "KP"),
        ("Nord-Coréens", "KP"),
        ("sud-coréenne", "KR"),
        ("russe", "RU"),
        ("russes", "RU"),
        ("Russes", "RU"),
        ("ukrainien", "UA"),
        ("ukrainienne", "UA"),
        ("ukrainiens", "UA"),
        ("ukrainiennes", "UA"),
        ("américain", "US"),
        ("américaine", "US"),
        ("américains", "US"),
        ("américaines", "US"),
        ("chinoise", "CN"),
        ("turque", "TR"),
        ("grecque", "GR"),
        ("britannique", "GB"),
        ("biélorusse", "BY"),
        ("israéliens", "IL"),
    ],
)
def test_french_demonyms_in_every_inflection(registry: Registry, surface: str, code: str) -> None:
    text = f"Selon la déclaration, les {surface} et le reste."
    assert (surface, f"country:{code}", "demonym") in keys_of(registry, text, "fr")


@pytest.mark.parametrize(
    ("surface", "code"),
    [
        ("North Korean", "KP"),
        ("North Koreans", "KP"),
        ("South Korean", "KR"),
        ("Russian", "RU"),
        ("Russians", "RU"),
        ("Ukrainian", "UA"),
        ("Ukrainians", "UA"),
        ("American", "US"),
        ("Americans", "US"),
        ("Chinese", "CN"),
        ("British", "GB"),
        ("Israelis", "IL"),
        ("Turkish", "TR"),
    ],
)
def test_english_demonyms_and_their_plurals(registry: Registry, surface: str, code: str) -> None:
    text = f"According to the statement, {surface} troops and others."
    assert (surface, f"country:{code}", "demonym") in keys_of(registry, text, "en")


@pytest.mark.parametrize(
    ("text", "lang", "surface", "code"),
    [
        ("Le Kremlin a annoncé la libération.", "fr", "Le Kremlin", "RU"),
        ("Moscou a répondu sèchement.", "fr", "Moscou", "RU"),
        ("le soutien de Pyongyang à la Russie", "fr", "Pyongyang", "KP"),
        ("Kiev dément.", "fr", "Kiev", "UA"),
        ("Kyïv dément.", "fr", "Kyïv", "UA"),
        ("Séoul s'inquiète.", "fr", "Séoul", "KR"),
        ("Pékin appelle au calme.", "fr", "Pékin", "CN"),
        ("selon la Maison Blanche,", "fr", "la Maison Blanche", "US"),
        ("selon la Maison-Blanche,", "fr", "la Maison-Blanche", "US"),
        ("The Kremlin said on Saturday", "en", "The Kremlin", "RU"),
        ("Moscow denied it.", "en", "Moscow", "RU"),
        ("Kyiv said the attack failed.", "en", "Kyiv", "UA"),
        ("Washington imposed sanctions.", "en", "Washington", "US"),
        ("a statement from the White House", "en", "the White House", "US"),
        ("Beijing called for restraint.", "en", "Beijing", "CN"),
    ],
)
def test_metonyms_resolve_to_their_country(
    registry: Registry, text: str, lang: str, surface: str, code: str
) -> None:
    assert (surface, f"country:{code}", "metonym") in keys_of(registry, text, lang)


@pytest.mark.parametrize(
    ("text", "lang", "surface", "key"),
    [
        ("Trump a rencontré Zelensky à Rome.", "fr", "Rome", "loc:rome"),
        ("Rome a protesté.", "fr", "Rome", "country:IT"),
        ("une frappe de drones à Kiev", "fr", "Kiev", "loc:kyiv"),
        ("Explosions were heard in Kyiv overnight.", "en", "Kyiv", "loc:kyiv"),
        ("Kyiv rejected the proposal.", "en", "Kyiv", "country:UA"),
    ],
    ids=["fr-locative-place", "fr-subject-metonym", "fr-a-kiev", "en-in-kyiv", "en-subject-kyiv"],
)
def test_capitals_are_places_after_a_locative_and_metonyms_otherwise(
    registry: Registry, text: str, lang: str, surface: str, key: str
) -> None:
    found = {(m.text, m.key) for m in registry.find_mentions(text, lang)}
    assert (surface, key) in found


def test_brussels_is_only_a_place(registry: Registry) -> None:
    mentions = registry.find_mentions("Bruxelles a salué l'accord.", "fr")
    assert [(m.text, m.key) for m in mentions] == [("Bruxelles", "loc:brussels")]
