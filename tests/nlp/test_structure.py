"""The document-structure step: what is not the story (datelines, bylines, captions, credits, copyright,
related links, embedded posts) is recognised in both languages, and the story keeps the rest."""

import pytest

from timeline.nlp.sentence_splitter import split_sentences
from timeline.nlp.structure import document_structure


def asides(text: str, lang: str) -> dict[str, str]:
    structure = document_structure(text, split_sentences(text, lang), lang)
    return {text[a.start : a.end].strip(): a.kind for a in structure.asides}


def story(text: str, lang: str) -> list[str]:
    sentences = split_sentences(text, lang)
    return [s.text for s in document_structure(text, sentences, lang).story_sentences(sentences, text)]


@pytest.mark.parametrize(
    ("line", "lang", "kind"),
    [
        ("By Anna Keller and Tom Reyes", "en", "byline"),
        ("Par Julie Martin, à Kiev", "fr", "byline"),
        ("Le Courrier avec AFP", "fr", "byline"),
        ("Photo: a tank near Sudzha, August 7, 2024. Credit: Example/AFP", "en", "caption"),
        ("Photo : un char près de Soudja, le 7 août 2024.", "fr", "caption"),
        ("Credit: Ministry of Defence handout", "en", "credit"),
        ("Crédit photo : service de presse", "fr", "credit"),
        ("© 2025 The Example Herald. All rights reserved.", "en", "copyright"),
        ("Tous droits réservés", "fr", "copyright"),
        ("Read also: Moscow says it retook Sudzha", "en", "related"),
        ("Lire aussi : Koursk, six mois d'offensive", "fr", "related"),
        ("View this post on Instagram", "en", "embed"),
        ("Published on August 9, 2024", "en", "metadata"),
        ("Mis à jour le 9 août 2024 à 10 h", "fr", "metadata"),
        ("Image caption, A soldier near the border in August", "en", "caption"),
        ("Related Topics", "en", "related"),
        ("Article réservé aux abonnés", "fr", "metadata"),
        ("Par notre envoyé spécial à Soumy, Jean Dupont", "fr", "byline"),
        ("(Reporting by Jane Doe; Editing by John Smith)", "en", "byline"),
    ],
)
def test_whole_lines_that_are_not_the_story(line, lang, kind):
    text = f"{line}\nThe story goes on here." if lang == "en" else f"{line}\nLe récit continue ici."
    assert asides(text, lang) == {line: kind}
    assert story(text, lang) == (["The story goes on here."] if lang == "en" else ["Le récit continue ici."])


@pytest.mark.parametrize(
    ("text", "lang", "dateline", "rest"),
    [
        ("KYIV, Aug 8 (Agency) – Ukrainian forces advanced.", "en", "KYIV, Aug 8 (Agency) –",
         "Ukrainian forces advanced."),
        ("MOSCOU (AFP) - La Russie a repris Soudja.", "fr", "MOSCOU (AFP) -", "La Russie a repris Soudja."),
        ("SÉOUL, 18 octobre (Agence) – Séoul a convoqué l'ambassadeur.", "fr", "SÉOUL, 18 octobre (Agence) –",
         "Séoul a convoqué l'ambassadeur."),
        ("Kyiv (Reuters) - Ukraine said it held its positions.", "en", "Kyiv (Reuters) -",
         "Ukraine said it held its positions."),
    ],
)  # fmt: skip
def test_a_dateline_opens_the_line_and_the_rest_is_the_story(text, lang, dateline, rest):
    assert asides(text, lang) == {dateline: "dateline"}
    assert story(text, lang) == [rest]
    structure = document_structure(text, split_sentences(text, lang), lang)
    assert [d.strip() for d in structure.datelines(text)] == [dateline]  # a publication-date hint


@pytest.mark.parametrize(
    ("text", "lang", "stamp", "rest"),
    [
        ("09:12 GMT - Kyiv said its troops held the town on Monday.", "en", "09:12 GMT -",
         "Kyiv said its troops held the town on Monday."),
        ("10.30am: Seoul summoned the ambassador.", "en", "10.30am:", "Seoul summoned the ambassador."),
        ("18h45 - Le Kremlin a réagi mercredi.", "fr", "18h45 -", "Le Kremlin a réagi mercredi."),
        ("7h05 – Séoul a convoqué l'ambassadeur.", "fr", "7h05 –", "Séoul a convoqué l'ambassadeur."),
    ],
)  # fmt: skip
def test_a_live_blog_entry_time_opens_the_line_and_dates_nothing(text, lang, stamp, rest):
    assert asides(text, lang) == {stamp: "timestamp"}
    assert story(text, lang) == [rest]
    structure = document_structure(text, split_sentences(text, lang), lang)
    assert structure.datelines(text) == []  # the time of posting is no publication-date hint


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Images released by the ministry on March 13, 2025 show soldiers raising a flag.", "en"),
        ("This photo provided by the army shows a destroyed bridge.", "en"),
        ("Des images diffusées par le ministère le 13 mars 2025 montrent des soldats.", "fr"),
        ("Sur cette photo, on voit un pont détruit.", "fr"),
    ],
)
def test_sentences_describing_an_image_are_captions(text, lang):
    assert asides(text, lang) == {text: "caption"}
    assert story(text, lang) == []


def test_an_inline_credit_and_an_embedded_post_signature_are_cut_out_of_the_story():
    text = (
        "A soldier rides a tank (Photo J. Smith/AFP) near the border.\n"
        '"We will win," he wrote. — Volodymyr Zelensky (@ZelenskyyUa) August 8, 2024'
    )
    found = asides(text, "en")
    assert found["(Photo J. Smith/AFP)"] == "credit"
    assert found["— Volodymyr Zelensky (@ZelenskyyUa) August 8, 2024"] == "embed"
    assert story(text, "en") == [
        "A soldier rides a tank (Photo J. Smith/AFP) near the border.",
        '"We will win," he wrote.',
    ]


@pytest.mark.parametrize(
    "text",
    [
        "By Tuesday, Russian forces had retaken the village.",  # "By" opening a story sentence
        "Photographs of the meeting were not released.",
        "MOSCOW said nothing.",  # capitals without a dash
        "Source of the trouble, the treaty was signed in June.",
    ],
)
def test_story_sentences_that_look_like_asides_stay_in_the_story(text):
    assert story(text, "en") == [text]


def test_a_language_without_a_data_file_still_gets_the_shared_shapes():
    text = "BERLIN (AFP) - Die Regierung hat reagiert.\n© 2025 Agentur"
    assert set(asides(text, "de").values()) == {"dateline", "copyright"}
