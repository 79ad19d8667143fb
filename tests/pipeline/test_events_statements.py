"""One statement, one card: what a speaker says at length, in one sentence or in the one-sentence paragraphs
of a wire report, is one happening; a deed told in a paragraph of its own is another."""

import datetime

import pytest

from tests.pipeline.test_events import events_of

TUESDAY = datetime.date(2024, 10, 29)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The Kremlin condemned on Monday a provocation, accusing Kyiv of shelling homes.", "en"),
        ("Le Kremlin a dénoncé lundi une provocation, accusant Kiev de bombarder des immeubles.", "fr"),
        ("Seoul condemned the move on Monday, calling the deployment a clear violation.", "en"),
        ("Séoul a condamné lundi cette décision, qualifiant le déploiement de violation manifeste.", "fr"),
    ],
)  # fmt: skip
def test_what_a_speaker_adds_in_the_same_sentence_is_the_same_statement(text, lang):
    events = events_of(text, lang)
    assert len({event.happening for event in events}) == 1


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("NATO chief Mark Rutte said on Monday that North Korean troops had been sent to Russia.\n\n"
         "Rutte called the deployment a dangerous escalation.\n", "en"),
        ("Le chef de l'Otan, Mark Rutte, a affirmé lundi que des soldats nord-coréens avaient été "
         "envoyés en Russie.\n\nMark Rutte a dénoncé une escalade dangereuse.\n", "fr"),
    ],
)  # fmt: skip
def test_in_one_sentence_paragraphs_what_the_speaker_says_next_is_the_same_statement(text, lang):
    said, called = events_of(text, lang, published=TUESDAY)
    assert said.happening == called.happening
    assert called.date_start == datetime.date(2024, 10, 28)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("NATO chief Mark Rutte said on Monday that North Korean troops had been sent to Russia.\n\n"
         "Mark Rutte met the South Korean delegation in Brussels.\n", "en"),
        ("Le chef de l'Otan, Mark Rutte, a affirmé lundi que des soldats nord-coréens avaient été "
         "envoyés en Russie.\n\nMark Rutte a rencontré la délégation sud-coréenne à Bruxelles.\n", "fr"),
    ],
)  # fmt: skip
def test_a_deed_in_a_paragraph_of_its_own_is_another_happening(text, lang):
    events = events_of(text, lang, published=TUESDAY)
    assert len({event.happening for event in events}) == len(events) == 2


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Gerasimov said on Saturday that the region had been retaken. In the same televised report, the "
         "general praised the North Korean units.", "en"),
        ("Guérassimov a affirmé samedi que la région avait été reprise. Dans la même déclaration, le général "
         "a salué les unités nord-coréennes.", "fr"),
    ],
)  # fmt: skip
def test_what_is_told_in_the_same_report_takes_its_day(text, lang):
    _, praise = events_of(text, lang, published=TUESDAY)
    assert praise.date_start == datetime.date(2024, 10, 26)
