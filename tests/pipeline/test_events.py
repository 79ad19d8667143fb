"""Event extraction rules on small texts, with the real tagger, registry and rule-based sentence splitter."""

import datetime

import pytest

from timeline.linking import Registry
from timeline.nlp.fallback_annotator import FallbackAnnotator
from timeline.pipeline.events import ExtractedEvent, categorise, extract_events
from timeline.temporal.tagger import tag

MONDAY = datetime.date(2025, 4, 28)


def events_of(text: str, lang: str, published: datetime.date | None = MONDAY) -> list[ExtractedEvent]:
    registry = Registry.load()
    annotation = FallbackAnnotator().annotate_many([text], lang)[0]
    linked = registry.link(text, lang, annotation.entities)
    new = {r.key: r for r in linked.new_records}
    return extract_events(
        text=text,
        lang=lang,
        published=published,
        sentences=annotation.sentences,
        mentions=linked.mentions,
        timexes=tag(text, lang, published or datetime.date(2000, 1, 1)),
        record=lambda key: new.get(key) or registry.get(key),
    )


def countries(event: ExtractedEvent) -> set[str]:
    return {m.key.split(":")[1] for m in event.mentions if m.kind == "country"}


def test_a_dated_sentence_becomes_an_event_with_its_period_and_precision():
    [event] = events_of("Le 26 avril 2025, le Kremlin a annoncé la reprise de la région de Koursk.", "fr")
    assert (event.date_start, event.date_end, event.precision) == (
        datetime.date(2025, 4, 26),
        datetime.date(2025, 4, 26),
        "day",
    )
    assert event.date_text.lower() == "le 26 avril 2025"
    assert event.date_source == "text"
    assert countries(event) == {"RU"}


def test_each_dated_clause_of_a_sentence_keeps_its_own_actors():
    text = (
        "La Russie a contre-attaqué en mars et, le 26 avril 2025, la Corée du Nord a confirmé "
        "l'envoi de soldats."
    )
    march, april = events_of(text, "fr")
    assert march.date_start == datetime.date(2025, 3, 1)
    assert countries(march) == {"RU"}
    assert april.date_start == datetime.date(2025, 4, 26)
    assert countries(april) == {"KP"}
    assert march.sentence == april.sentence  # both trace back to the same sentence


def test_a_relative_clause_takes_the_place_it_refers_to():
    text = (
        "Pyongyang a confirmé lundi l'envoi de troupes dans la région de Koursk, dont les forces "
        "ukrainiennes s'étaient emparées en août 2024."
    )
    events = events_of(text, "fr")
    august = next(e for e in events if e.date_start == datetime.date(2024, 8, 1))
    assert countries(august) == {"UA", "RU"}  # RU through Kursk, a place in Russia
    assert "loc:kursk" in august.keys


def test_a_dated_clause_naming_nobody_is_not_an_event():
    text = "Washington a salué lundi cette décision, qui contraste avec la rhétorique de ces derniers mois."
    events = events_of(text, "fr")
    assert [e.date_start for e in events] == [MONDAY]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Le président russe Vladimir Poutine a remercié la Corée du Nord pour son soutien.", "fr", True),
        ("Cette remarque de M. Trump a suscité des spéculations.", "fr", False),
        ("Vladimir Putin thanked North Korea for its support.", "en", True),
        ("The remark by Donald Trump fuelled speculation.", "en", False),
        ("Ce soutien de Pyongyang à la Russie est considéré comme une preuve.", "fr", False),
    ],
    ids=["fr-person-acts", "fr-person-complement", "en-person-acts", "en-person-complement", "fr-present"],
)
def test_an_undated_sentence_is_an_event_of_the_publication_day_only_when_a_person_acts(text, lang, expected):
    # Put a neutral lead sentence first: the lead sentence has its own, wider rule.
    lead = "Voici les nouvelles." if lang == "fr" else "Here is the news."
    events = events_of(f"{lead} {text}", lang)
    assert bool(events) is expected
    for event in events:
        assert (event.date_start, event.date_source, event.date_text) == (MONDAY, "publication", "")


def test_the_lead_sentence_counts_when_a_country_acts():
    [event] = events_of("North Korea confirmed it had sent troops to Russia. More follows.", "en")
    assert event.date_source == "publication"
    assert countries(event) == {"KP", "RU"}


def test_without_a_publication_date_undated_sentences_are_not_events():
    assert events_of("Vladimir Putin thanked North Korea for its support.", "en", published=None) == []


def test_countries_of_persons_and_places_are_implied_but_not_of_news_agencies():
    [event] = events_of("L'AFP a rapporté lundi que Volodymyr Zelensky s'était rendu à Soudja.", "fr")
    implied = {m.key for m in event.mentions if m.via == "implied"}
    assert implied == {"country:UA", "country:RU"}  # Zelensky -> UA, Sudzha -> RU; AFP implies no FR


@pytest.mark.parametrize(
    ("text", "lang", "category"),
    [
        ("Les troupes russes ont repris Soudja après une offensive.", "fr", "military"),
        ("Russian troops retook Sudzha after an offensive.", "en", "military"),
        ("Les deux pays ont ouvert des négociations sur un cessez-le-feu.", "fr", "diplomatic"),
        ("The two sides began talks on a ceasefire.", "en", "diplomatic"),
        ("Des civils ont été évacués de la zone.", "fr", "humanitarian"),
        ("Two prisoners were handed to the Red Cross.", "en", "humanitarian"),
        ("Le porte-parole a démenti ces informations.", "fr", "statement"),
        ("The spokesman denied the reports.", "en", "statement"),
        ("Le parlement a voté une loi.", "fr", "political"),
        ("Il pleuvait.", "fr", "other"),
    ],
)
def test_categories_follow_the_words_of_each_language(text, lang, category):
    assert categorise(text, lang) == category
