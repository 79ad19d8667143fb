"""Dates the tagger alone cannot settle, read in the article's context: a chronology's headings, a day
named without its year, "the same day"."""

import datetime

import pytest

from tests.pipeline.test_events import events_of

END_OF_APRIL = datetime.date(2025, 4, 30)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("October 2024. South Korea's spy agency said that North Korea had sent troops to Russia.", "en"),
        ("Octobre 2024. Le renseignement sud-coréen a affirmé que la Corée du Nord avait envoyé des soldats "
         "en Russie.", "fr"),
    ],
)  # fmt: skip
def test_a_chronology_heading_dates_what_its_paragraph_tells(text, lang):
    [event] = events_of(text, lang, published=END_OF_APRIL)
    assert (event.date_start, event.date_end) == (datetime.date(2024, 10, 1), datetime.date(2024, 10, 31))


@pytest.mark.parametrize(
    ("text", "lang", "day"),
    [
        ("On August 6, Ukrainian troops crossed into Russia.", "en", datetime.date(2024, 8, 6)),
        ("Le 6 août, les troupes ukrainiennes ont franchi la frontière.", "fr", datetime.date(2024, 8, 6)),
        ("August 2023. Russia attacked Ukraine. On August 6, Ukrainian troops crossed into Russia.", "en",
         datetime.date(2023, 8, 6)),
        ("Donald Trump will visit Seoul on August 6.", "en", datetime.date(2025, 8, 6)),
        ("Donald Trump se rendra à Séoul le 6 août.", "fr", datetime.date(2025, 8, 6)),
    ],
)  # fmt: skip
def test_a_day_without_its_year_is_past_unless_the_sentence_tells_the_future(text, lang, day):
    *_, event = events_of(text, lang, published=END_OF_APRIL)
    assert event.date_start == day


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Russia announced on Saturday that it had retaken the Kursk region.\n\n"
         "In August, Ukraine had crossed the border.\n\nUkraine denied the claim the same day.", "en"),
        ("La Russie a annoncé samedi avoir repris la région de Koursk.\n\n"
         "En août, l'Ukraine avait franchi la frontière.\n\nL'Ukraine a démenti le même jour.", "fr"),
    ],
)  # fmt: skip
def test_the_same_day_is_the_last_day_named_before(text, lang):
    *_, denial = events_of(text, lang, published=datetime.date(2025, 4, 28))
    assert denial.date_start == denial.date_end == datetime.date(2025, 4, 26)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Russia said on April 26 that it had retaken the Kursk region. Two days later, North Korea "
         "confirmed it had sent troops.", "en"),
        ("La Russie a affirmé le 26 avril avoir repris la région de Koursk. Deux jours plus tard, la Corée "
         "du Nord a confirmé l'envoi de troupes.", "fr"),
    ],
)  # fmt: skip
def test_a_time_counted_from_the_date_before_dates_its_clause(text, lang):
    _, later = events_of(text, lang, published=END_OF_APRIL)
    assert later.date_start == datetime.date(2025, 4, 28)
    assert "KP" in {m.key.split(":")[1] for m in later.mentions if m.kind == "country"}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("A week later, North Korea confirmed it had sent troops.", "en"),
        ("Une semaine plus tard, la Corée du Nord a confirmé l'envoi de troupes.", "fr"),
    ],
)  # fmt: skip
def test_a_time_counted_from_no_date_before_dates_nothing(text, lang):
    assert all(event.date_start <= END_OF_APRIL for event in events_of(text, lang, published=END_OF_APRIL))
