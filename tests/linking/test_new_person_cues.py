"""Without NER, persons the registry lacks are found from their role or from what they say."""

import pytest

from timeline.linking import Registry


@pytest.mark.parametrize(
    ("text", "lang", "name", "country"),
    [
        ("Oleh Ivashchenko said on Monday that the front held.", "en", "Oleh Ivashchenko", None),
        ("Iryna Vereshchuk a déclaré lundi que les civils seraient évacués.", "fr", "Iryna Vereshchuk", None),
        ("Ukrainian MP Maryna Bezuhla warned of an encirclement.", "en", "Maryna Bezuhla", "UA"),
        ("Le ministre sud-coréen de la Défense, Kim Yong-hyun, a averti Pyongyang.", "fr", "Kim Yong-hyun",
         "KR"),
        ("Le gouverneur par intérim de la région de Koursk, Alexeï Smirnov, a décrété l'urgence.", "fr",
         "Alexeï Smirnov", None),
        # What one says of a report (denies, confirms) shows a person too.
        ("Kim Song denied on Monday that troops had been sent.", "en", "Kim Song", None),
        ("Kim Song a démenti lundi l'envoi de troupes.", "fr", "Kim Song", None),
        ("The head of the monitoring group, Pasi Paroinen, said the front had moved.", "en", "Pasi Paroinen",
         None),
        # A role in apposition that closes the sentence.
        ("L'urgence a été décrétée mercredi par le gouverneur par intérim, Alexeï Smirnov.", "fr",
         "Alexeï Smirnov", None),
        ("The emergency was declared on Wednesday by the acting governor, Alexei Smirnov.", "en",
         "Alexei Smirnov", None),
    ],
)  # fmt: skip
def test_new_persons_from_a_role_or_a_speech_verb(text, lang, name, country):
    found = {record.name: record.country_code for record in Registry.load().link(text, lang).new_records}
    assert found == {name: country}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The Pentagon said on Monday that troops had arrived.", "en"),
        ("Le Monde a écrit que la ville était tombée.", "fr"),
        ("The New York Times said the report was accurate.", "en"),
        ("Mr Trump said he would call Moscow.", "en"),  # a known surname, not a new person
    ],
)
def test_what_is_no_persons_name_stays_so(text, lang):
    assert Registry.load().link(text, lang).new_records == []
