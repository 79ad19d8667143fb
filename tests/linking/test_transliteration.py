"""Persons the registry does not know, spelt differently in French and English reports, are one person."""

import pytest

from timeline.linking import Registry
from timeline.linking.transliteration import name_key, same_person


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Oleksandr Syrskyi", "Oleksandr Syrsky"),
        ("Oleksandr Syrskyi", "Oleksandr Syrskyï"),
        ("Oleksandr Syrskyi", "Alexandre Syrsky"),
        ("Valery Gerasimov", "Valéri Guérassimov"),
        ("Heorhiy Tykhy", "Gueorgui Tykhyi"),
        ("Alexander Khinshtein", "Alexandre Khinchtein"),
        ("Kim Yong-hyun", "Kim Yong Hyun"),
        ("Dmitry Peskov", "Dmitri Peskov"),
    ],
)
def test_transliterations_of_one_name_are_one_person(a, b):
    assert same_person(a, b)
    assert name_key(a).split()[-1] == name_key(b).split()[-1]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Kim Jong Un", "Kim Jong Gyu"),
        ("Hunter Biden", "Joe Biden"),
        ("Maria Zakharova", "Maria Zakharov"),
        ("Syrskyi", "Syrsky"),  # a lone surname is not a full name
    ],
)
def test_different_persons_stay_apart(a, b):
    assert not same_person(a, b)


def test_two_spellings_in_one_text_are_one_new_person():
    text = (
        "Le commandant Heorhiy Tykhy a parlé lundi. "
        "Selon le porte-parole Heorhii Tykhyi, les combats continuent."
    )
    linked = Registry.load().link(text, "fr")
    assert [r.name for r in linked.new_records] == ["Heorhiy Tykhy"]
    assert {m.key for m in linked.mentions if m.kind == "person"} == {linked.new_records[0].key}
