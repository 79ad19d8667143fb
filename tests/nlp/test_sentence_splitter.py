"""The model-free sentence splitter: boundaries of French and English news text, exact offsets."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.nlp.sentence_splitter import split_sentences

CASES_FR = [
    ("title_m_before_name", "M. Zelensky est arrivé à Bruxelles. Il a parlé.",
     ["M. Zelensky est arrivé à Bruxelles.", "Il a parlé."]),
    ("title_mme_and_dr", "Mme. Borne a vu le Dr. Martin. Puis elle est partie.",
     ["Mme. Borne a vu le Dr. Martin.", "Puis elle est partie."]),
    ("initial_in_name", "Le général J. Dupont commande. Les troupes avancent.",
     ["Le général J. Dupont commande.", "Les troupes avancent."]),
    ("capital_letter_ending_a_sentence", "Le gouvernement prépare un plan B. Le président hésite.",
     ["Le gouvernement prépare un plan B.", "Le président hésite."]),
    ("decimal_comma", "La croissance atteint 3,5 % en 2024. Selon l'Insee, elle ralentit.",
     ["La croissance atteint 3,5 % en 2024.", "Selon l'Insee, elle ralentit."]),
    ("guillemets_closing_sentence", "« C'est une provocation. » Le Kremlin a réagi.",
     ["« C'est une provocation. »", "Le Kremlin a réagi."]),
    ("exclamation_inside_quote_then_lowercase", "« Non ! » a-t-il répondu. La séance est levée.",
     ["« Non ! » a-t-il répondu.", "La séance est levée."]),
    ("question_with_french_spacing", "Pourquoi maintenant ? Personne ne le sait.",
     ["Pourquoi maintenant ?", "Personne ne le sait."]),
    ("ellipsis", "Il a hésité… Puis il a signé.", ["Il a hésité…", "Puis il a signé."]),
    ("three_dots", "Il a hésité... Puis il a signé.", ["Il a hésité...", "Puis il a signé."]),
    ("etc_then_sentence_opener", "Des drones, des missiles, etc. Le bilan est lourd.",
     ["Des drones, des missiles, etc.", "Le bilan est lourd."]),
    ("abbreviation_not_followed_by_opener", "Voir p. 12 du rapport. Rien de neuf.",
     ["Voir p. 12 du rapport.", "Rien de neuf."]),
    ("newline_is_boundary", "Titre sans point\nLe texte commence ici.",
     ["Titre sans point", "Le texte commence ici."]),
    ("paragraphs", "Premier paragraphe.\n\n  Deuxième paragraphe.  ",
     ["Premier paragraphe.", "Deuxième paragraphe."]),
    ("no_space_after_period_is_not_boundary", "Le site lemonde.fr publie. Fin.",
     ["Le site lemonde.fr publie.", "Fin."]),
]  # fmt: skip

CASES_EN = [
    ("titles_mr_dr_st", "Mr. Biden met Dr. Grossi in St. Petersburg. They talked.",
     ["Mr. Biden met Dr. Grossi in St. Petersburg.", "They talked."]),
    ("us_before_noun", "The U.S. Senate voted on Tuesday. It passed.",
     ["The U.S. Senate voted on Tuesday.", "It passed."]),
    ("us_at_sentence_end", "He lives in the U.S. The family moved.",
     ["He lives in the U.S.", "The family moved."]),
    ("am_before_place", "Talks began at 9 a.m. Moscow time. No deal was reached.",
     ["Talks began at 9 a.m. Moscow time.", "No deal was reached."]),
    ("initials", "John F. Kennedy spoke. The crowd cheered.",
     ["John F. Kennedy spoke.", "The crowd cheered."]),
    ("decimal_point", "Aid rose to $3.5 billion. Officials welcomed it.",
     ["Aid rose to $3.5 billion.", "Officials welcomed it."]),
    ("quote_closing_sentence", 'He said "we will win." Then he left.',
     ['He said "we will win."', "Then he left."]),
    ("quote_opening_next_sentence", 'The talks failed. "We tried," he said.',
     ["The talks failed.", '"We tried," he said.']),
    ("question_then_lowercase", '"Why now?" he asked. Nobody answered.',
     ['"Why now?" he asked.', "Nobody answered."]),
    ("number_abbreviation", "Resolution No. 2397 was adopted. China abstained.",
     ["Resolution No. 2397 was adopted.", "China abstained."]),
    ("parenthesis_closing_sentence", "Troops arrived (about 10,000.) Fighting resumed.",
     ["Troops arrived (about 10,000.)", "Fighting resumed."]),
    ("windows_newlines", "Headline\r\nThe body starts here.", ["Headline", "The body starts here."]),
]  # fmt: skip


def _check(text: str, lang: str, expected: list[str]) -> None:
    sentences = split_sentences(text, lang)
    assert [s.text for s in sentences] == expected
    for s in sentences:
        assert text[s.start : s.end] == s.text


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES_FR], ids=[c[0] for c in CASES_FR])
def test_french_sentences_and_offsets(text: str, expected: list[str]) -> None:
    _check(text, "fr", expected)


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES_EN], ids=[c[0] for c in CASES_EN])
def test_english_sentences_and_offsets(text: str, expected: list[str]) -> None:
    _check(text, "en", expected)


def test_unknown_language_uses_the_union_of_known_abbreviations() -> None:
    _check("M. Zelensky met Mr. Scholz. Talks ended.", "de", ["M. Zelensky met Mr. Scholz.", "Talks ended."])


def test_empty_and_blank_texts_have_no_sentences() -> None:
    assert split_sentences("", "fr") == []
    assert split_sentences(" \n\n\t ", "en") == []


NEWSY = st.text(
    alphabet=st.sampled_from(list("aeiouLMSTU .!?…,;«»\"“”'’()\n\r\t\u00a0\u202f0123456789-")),
    max_size=200,
) | st.text(max_size=120)


@settings(max_examples=300, deadline=None)
@given(text=NEWSY, lang=st.sampled_from(["fr", "en", "xx"]))
def test_sentences_cover_all_non_space_text_in_order_without_overlap(text: str, lang: str) -> None:
    sentences = split_sentences(text, lang)
    covered = [False] * len(text)
    previous_end = 0
    for s in sentences:
        assert previous_end <= s.start < s.end <= len(text)
        assert s.text == text[s.start : s.end]
        assert s.text == s.text.strip() and s.text
        covered[s.start : s.end] = [True] * (s.end - s.start)
        previous_end = s.end
    assert all(covered[i] for i, ch in enumerate(text) if not ch.isspace())


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Le gouverneur a décrété l'urgence.Les autorités ont évacué.", "fr",
         ["Le gouverneur a décrété l'urgence.", "Les autorités ont évacué."]),
        ("They met in 2024.The talks failed.", "en", ["They met in 2024.", "The talks failed."]),
        ("He joined the U.S.Army in 1990.", "en", ["He joined the U.S.Army in 1990."]),
        ("M.Poutine a parlé.", "fr", ["M.Poutine a parlé."]),
        ("Growth was 3.5 percent.", "en", ["Growth was 3.5 percent."]),
    ],
)  # fmt: skip
def test_a_full_stop_run_into_the_next_sentence_still_ends_it(text, lang, expected):
    assert [s.text for s in split_sentences(text, lang)] == expected
