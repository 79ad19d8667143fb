import datetime

import pytest

from timeline.pipeline.grouping import Signature, period_agreement, same_happening, similarity

D = datetime.date


def sig(start, end=None, category="military", entities=()):
    return Signature(start, end or start, category, frozenset(entities))


PUTIN = ("person:vladimir-putin", "person")
KIM = ("person:kim-jong-un", "person")
KURSK = ("loc:kursk", "location")
RU, KP, UA, US = (
    ("country:RU", "country"),
    ("country:KP", "country"),
    ("country:UA", "country"),
    ("country:US", "country"),
)


def test_same_day_and_same_actors_is_the_same_happening():
    a = sig(D(2025, 4, 26), entities=[RU, KURSK, UA])
    b = sig(D(2025, 4, 26), entities=[RU, KURSK])
    assert same_happening(a, b)


def test_different_days_are_different_happenings_whatever_the_actors():
    a = sig(D(2025, 4, 26), entities=[RU, KURSK])
    b = sig(D(2025, 4, 27), entities=[RU, KURSK])
    assert similarity(a, b) == 0.0


def test_same_day_but_other_actors_is_another_happening():
    kursk = sig(D(2025, 4, 26), entities=[RU, KURSK, UA])
    vatican = sig(D(2025, 4, 26), category="diplomatic", entities=[US, UA, ("person:donald-trump", "person")])
    assert not same_happening(kursk, vatican)


def test_sharing_only_a_country_is_not_enough():
    a = sig(D(2025, 4, 28), entities=[RU, KP, PUTIN])
    b = sig(D(2025, 4, 28), entities=[RU, KP, KURSK, KIM])
    assert not same_happening(a, b)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ((D(2024, 8, 1), D(2024, 8, 31)), (D(2024, 8, 1), D(2024, 8, 31)), 1.0),
        ((D(2024, 6, 1), D(2024, 8, 31)), (D(2024, 8, 1), D(2024, 8, 31)), 0.75),
        ((D(2024, 6, 1), D(2024, 8, 31)), (D(2024, 8, 15), D(2024, 9, 15)), 0.5),
        ((D(2024, 6, 1), D(2024, 8, 31)), (D(2024, 9, 1), D(2024, 9, 30)), 0.0),
    ],
    ids=["equal", "contained", "overlapping", "disjoint"],
)
def test_period_agreement(a, b, expected):
    assert period_agreement(sig(*a), sig(*b)) == expected
