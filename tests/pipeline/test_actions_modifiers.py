"""Words that look like actions and are not the clause's predicate, and actions told in other words."""

import pytest

from timeline.pipeline.actions import compatible, predicate


@pytest.mark.parametrize(
    ("text", "lang", "action"),
    [
        ("Putin thanked the soldiers in a statement released by the Kremlin.", "en", "thank"),
        ("Kim a invoqué le traité de défense signé avec Moscou.", "fr", ""),
        ("Les images publiées par le ministère montrent des soldats.", "fr", ""),
        ("Le ministère a pour sa part condamné cet aveu.", "fr", "condemn"),
        ("Sudzha was captured by Ukrainian forces.", "en", "capture"),
        ("La Russie a annoncé la reprise de Soudja.", "fr", "announce"),
    ],
)  # fmt: skip
def test_a_participle_describing_a_noun_is_no_predicate(text, lang, action):
    assert predicate(text, lang).action == action


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Kim Jong Un took the decision under the treaty.", "en"),
        ("Kim Jong Un a pris cette décision en vertu du traité.", "fr"),
    ],
)  # fmt: skip
def test_taking_a_decision_captures_nothing(text, lang):
    assert predicate(text, lang).action == ""


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("KCNA said its units had taken part in the liberation of Kursk.", "en"),
        ("Selon KCNA, ses unités ont pris part à la libération de Koursk.", "fr"),
    ],
)  # fmt: skip
def test_troops_taking_part_is_the_deployment_a_confirmation_reports(text, lang):
    found = predicate(text, lang)
    assert found.action == "fight"
    assert compatible("confirm", "deploy", found.action, found.carried)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Russia's defence ministry said its troops had repelled attacks by Ukrainian units.", "en"),
        ("Le ministère russe a affirmé avoir repoussé des attaques ukrainiennes.", "fr"),
    ],
)  # fmt: skip
def test_repelling_attacks_reports_the_attacks(text, lang):
    assert predicate(text, lang).action == "attack"


def test_a_participle_after_an_owner_is_no_predicate():
    assert predicate("Kellogg called North Korea's acknowledged role an escalation.", "en").action == ""
    assert predicate("Russia's forces captured the town.", "en").action == "capture"
