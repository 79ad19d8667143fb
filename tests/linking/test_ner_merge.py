"""NER spans: merged with gazetteer mentions; unknown full person names become new records."""

from __future__ import annotations

from timeline.linking import NerSpan, Registry, link_ner_span

from .conftest import mention_at


def span(text: str, surface: str, label: str, occurrence: int = 0) -> NerSpan:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(surface, start + 1)
    return NerSpan(start, start + len(surface), surface, label)


def test_an_unknown_full_name_becomes_a_new_person_and_its_surname_refers_back(
    registry: Registry,
) -> None:
    text = "Oleksandr Kovalenko, analyste, a prévenu. Selon M. Kovalenko, Kovalenko reste prudent."
    result = registry.link(text, "fr", [span(text, "Oleksandr Kovalenko", "PER")])
    assert [r.key for r in result.new_records] == ["person:oleksandr-kovalenko"]
    record = result.new_records[0]
    assert (record.name, record.kind, record.country_code) == ("Oleksandr Kovalenko", "person", None)
    assert [(m.text, m.key, m.via) for m in result.mentions] == [
        ("Oleksandr Kovalenko", "person:oleksandr-kovalenko", "ner"),
        ("M. Kovalenko", "person:oleksandr-kovalenko", "surname"),
        ("Kovalenko", "person:oleksandr-kovalenko", "surname"),
    ]


def test_a_surname_before_the_full_name_is_not_linked_to_a_new_person(registry: Registry) -> None:
    text = "Kovalenko parle. Oleksandr Kovalenko a prévenu."
    result = registry.link(text, "fr", [span(text, "Oleksandr Kovalenko", "PER")])
    assert [m.text for m in result.mentions] == ["Oleksandr Kovalenko"]


def test_a_demonym_and_titles_before_a_new_name_give_its_country(registry: Registry) -> None:
    text = "le ministre ukrainien des Affaires étrangères Dmytro Kuleba a parlé"
    result = registry.link(text, "fr", [span(text, "Dmytro Kuleba", "PER")])
    assert result.new_records[0].country_code == "UA"
    text = "Ukrainian Foreign Minister Dmytro Kuleba said"
    result = registry.link(text, "en", [span(text, "Dmytro Kuleba", "PER")])
    assert result.new_records[0].country_code == "UA"


def test_a_demonym_followed_by_other_words_gives_no_country(registry: Registry) -> None:
    text = "les forces russes ont arrêté Dmytro Kuleba hier"
    result = registry.link(text, "fr", [span(text, "Dmytro Kuleba", "PER")])
    assert result.new_records[0].country_code is None


def test_a_ner_span_on_a_gazetteer_mention_keeps_the_gazetteer_key(registry: Registry) -> None:
    text = "Le président russe Vladimir Poutine a remercié la Corée du Nord."
    spans = [
        span(text, "Vladimir Poutine", "PER"),
        span(text, "Corée", "LOC"),  # a partial span: the longer gazetteer mention wins
    ]
    result = registry.link(text, "fr", spans)
    assert [(m.text, m.key, m.via) for m in result.mentions] == [
        ("russe", "country:RU", "demonym"),
        ("Vladimir Poutine", "person:vladimir-putin", "alias"),
        ("la Corée du Nord", "country:KP", "alias"),
    ]
    assert result.new_records == []


def test_a_longer_ner_span_of_a_compatible_kind_lends_its_boundaries(registry: Registry) -> None:
    text = "Russian Ministry of Defence press service said"
    surface = "Russian Ministry of Defence press service"
    result = registry.link(text, "en", [span(text, surface, "ORG")])
    mention = mention_at(result.mentions, surface)
    assert mention.key == "org:russian-ministry-of-defence"


def test_a_longer_form_of_a_famous_name_links_to_the_registry_person(registry: Registry) -> None:
    text = "Sergueï Viktorovitch Lavrov a dit non."
    result = registry.link(text, "fr", [span(text, "Sergueï Viktorovitch Lavrov", "PER")])
    assert result.new_records == []
    assert [(m.text, m.key) for m in result.mentions] == [
        ("Sergueï Viktorovitch Lavrov", "person:sergei-lavrov")
    ]


def test_an_unknown_single_word_or_non_person_span_creates_nothing(registry: Registry) -> None:
    text = "Dupont a visité Zlatopil avec Kovalenko."
    spans = [span(text, "Dupont", "PER"), span(text, "Zlatopil", "LOC")]
    result = registry.link(text, "fr", spans)
    assert (result.mentions, result.new_records) == ([], [])


def test_link_ner_span_strips_articles_and_honorifics() -> None:
    assert link_ner_span("la Russie", "LOC", "fr").key == "country:RU"
    assert link_ner_span("M. Poutine", "PER", "fr").key == "person:vladimir-putin"
    assert link_ner_span("Kim", "PER", "fr") is None
    assert link_ner_span("Russie", "PER", "fr") is None  # wrong kind for the label
    assert link_ner_span("the Kremlin", "ORG", "en").key == "country:RU"


def test_a_relative_with_a_famous_surname_is_a_new_person(registry: Registry) -> None:
    text = "Le président Joe Biden a gracié son fils Hunter Biden."
    result = registry.link(text, "fr", [span(text, "Hunter Biden", "PER")])
    assert [r.key for r in result.new_records] == ["person:hunter-biden"]
    assert [(m.text, m.key) for m in result.mentions] == [
        ("Joe Biden", "person:joe-biden"),
        ("Hunter Biden", "person:hunter-biden"),
    ]


def test_without_ner_a_full_name_after_a_title_becomes_a_new_person(registry: Registry) -> None:
    text = (
        "La porte-parole de la diplomatie russe Maria Zakharova a répondu. Zakharova a ajouté que "
        "le ministre des Affaires étrangères Jean-Noël Barrot avait tort."
    )
    result = registry.link(text, "fr")
    assert [(r.key, r.country_code) for r in result.new_records] == [
        ("person:maria-zakharova", "RU"),
        ("person:jean-noel-barrot", None),
    ]
    assert [(m.text, m.via) for m in result.mentions if m.kind == "person"] == [
        ("Maria Zakharova", "title"),
        ("Zakharova", "surname"),
        ("Jean-Noël Barrot", "title"),
    ]


def test_titled_names_skip_organizations_dates_and_other_places(registry: Registry) -> None:
    text = (
        "Said chief economist at Smith Barney. Analyst Salomon Brothers Inc agreed. "
        "President Bill Clinton Saturday said."
    )
    result = registry.link(text, "en")
    assert [r.name for r in result.new_records] == ["Bill Clinton"]


def test_korean_and_chinese_new_persons_refer_back_by_their_first_word(registry: Registry) -> None:
    text = "Le général Kim Tae-ho est arrivé. Kim a salué Li Qiang, puis Li est reparti."
    spans = [span(text, "Kim Tae-ho", "PER"), span(text, "Li Qiang", "PER")]
    result = registry.link(text, "fr", spans)
    assert [(m.text, m.key) for m in result.mentions] == [
        ("Kim Tae-ho", "person:kim-tae-ho"),
        ("Kim", "person:kim-tae-ho"),
        ("Li Qiang", "person:li-qiang"),
        ("Li", "person:li-qiang"),
    ]


def test_a_western_name_refers_back_by_its_last_word(registry: Registry) -> None:
    text = "Kim Kardashian a parlé. Kardashian a ajouté."
    result = registry.link(text, "fr", [span(text, "Kim Kardashian", "PER")])
    assert [m.text for m in result.mentions] == ["Kim Kardashian", "Kardashian"]
