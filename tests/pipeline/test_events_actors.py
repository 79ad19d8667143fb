"""Who is on a card: the head of an international body acts for it, a country acts through its envoys, and
an answer that says what it denies is a happening of its own."""

import pytest

from tests.pipeline.test_events import countries, events_of


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("United Nations spokesman Stephane Dujarric said on Monday that Secretary-General Antonio Guterres "
         "was alarmed by the deployment.", "en"),
        ("Le porte-parole des Nations unies, Stéphane Dujarric, a indiqué lundi que le secrétaire général "
         "Antonio Guterres était alarmé par le déploiement.", "fr"),
    ],
)  # fmt: skip
def test_a_title_only_an_international_head_bears_does_not_bring_their_country(text, lang):
    [event] = events_of(text, lang)
    assert "PT" not in countries(event)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("North Korea's deputy ambassador Kim Song denied on Monday that troops had been sent.", "en"),
        ("L'ambassadeur adjoint de la Corée du Nord, Kim Song, a démenti lundi l'envoi de troupes.", "fr"),
    ],
)  # fmt: skip
def test_a_country_acts_through_its_envoy(text, lang):
    [event] = events_of(text, lang)
    assert "KP" in countries(event)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("South Korea summoned the Russian ambassador on Monday over the troops.\n\n"
         "Russia's foreign ministry said on Monday that it had signed a deal with Iran.\n\n"
         "North Korea denied on Monday that it had sent troops to Russia.", "en"),
    ],
)  # fmt: skip
def test_an_answer_that_says_what_it_denies_is_a_happening_of_its_own(text, lang):
    summons, _deal, denial = events_of(text, lang)
    assert denial.happening != summons.happening


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Russia said on Saturday that it had retaken the Kursk region.\n\n"
         "Kyiv's general staff rejected the Russian claim on Saturday.", "en"),
        ("La Russie a affirmé samedi avoir repris la région de Koursk.\n\n"
         "L'état-major ukrainien a rejeté ces affirmations russes samedi.", "fr"),
    ],
)  # fmt: skip
def test_an_answer_pointing_back_at_the_claim_joins_it(text, lang):
    claim, answer = events_of(text, lang)
    assert answer.happening == claim.happening
