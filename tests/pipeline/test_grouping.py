import datetime

import pytest

from timeline.pipeline.grouping import (
    GROUP_THRESHOLD,
    Signature,
    entity_overlap,
    period_agreement,
    same_happening,
    similarity,
)

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


def test_different_actions_are_never_one_happening():
    thanks = sig(D(2025, 4, 28), category="diplomatic", entities=[RU, KP, PUTIN, KIM])
    announcement = sig(D(2025, 4, 28), category="diplomatic", entities=[RU, KP, PUTIN, KIM])
    assert same_happening(thanks, announcement)  # without actions, the entities decide
    thanks = _with(thanks, action="thank")
    announcement = _with(announcement, action="announce")
    assert similarity(thanks, announcement) == 0.0


def test_a_speech_act_carrying_the_action_reports_the_same_happening():
    claim = _with(sig(D(2025, 4, 26), entities=[RU, KURSK]), action="announce", carried="retake")
    fact = _with(sig(D(2025, 4, 26), entities=[RU, KURSK, UA]), action="retake")
    assert same_happening(claim, fact)


def test_two_capitals_reacting_on_their_own_are_two_happenings():
    seoul = _with(
        sig(D(2025, 4, 28), None, "diplomatic", [("country:KR", "country"), KP, RU]), action="condemn"
    )
    tokyo = _with(
        sig(D(2025, 4, 28), None, "diplomatic", [("country:JP", "country"), KP, RU]), action="condemn"
    )
    seoul, tokyo = _with(seoul, subject="country:KR"), _with(tokyo, subject="country:JP")
    assert similarity(seoul, tokyo) == 0.0


def test_a_person_and_the_country_they_act_for_are_the_same_main_actor():
    general = _with(sig(D(2025, 4, 26), entities=[RU, KURSK]), action="retake", subject="person:gerasimov")
    general = _with(general, subject_country="country:RU")
    russia = _with(sig(D(2025, 4, 26), entities=[RU, KURSK]), action="retake", subject="country:RU")
    assert same_happening(general, russia)


def _with(signature, **changes):
    from dataclasses import replace

    return replace(signature, **changes)


def test_a_strike_that_killed_and_the_attack_are_one_happening():
    strike = _with(sig(D(2024, 11, 17), entities=[RU, UA, ("loc:sumy", "location")]), action="kill")
    attack = _with(sig(D(2024, 11, 17), entities=[RU, UA, ("loc:sumy", "location")]), action="attack")
    assert same_happening(strike, attack)


def test_a_short_report_inside_a_longer_one_is_the_same_happening():
    short = _with(sig(D(2025, 4, 28), entities=[KP, RU]), action="confirm", carried="deploy")
    long = _with(
        sig(D(2025, 4, 28), entities=[KP, RU, UA, KURSK, KIM, ("org:kcna", "organization")]),
        action="confirm",
        carried="deploy",
    )
    assert entity_overlap(short, long) < GROUP_THRESHOLD
    assert same_happening(short, long)


def test_a_groups_vague_report_does_not_draw_in_what_its_precise_reports_exclude():
    from timeline.pipeline.grouping import group_similarity

    advance = Signature(D(2024, 8, 8), D(2024, 8, 8), "military", frozenset([UA, RU, KURSK]), "attack")
    in_august = Signature(D(2024, 8, 1), D(2024, 8, 31), "military", frozenset([UA, RU]), "attack")
    crossing = Signature(D(2024, 8, 6), D(2024, 8, 6), "military", frozenset([UA, RU]), "attack")
    assert similarity(crossing, in_august) >= GROUP_THRESHOLD  # alone, the month holds the day
    assert group_similarity([crossing], [advance, in_august]) == 0.0
    assert group_similarity([in_august], [crossing]) >= GROUP_THRESHOLD


def test_a_spokesman_tied_to_no_country_may_speak_for_the_other_reports_country():
    koo, kr, jp = ("person:koo", "person"), ("country:KR", "country"), ("country:JP", "country")
    day = D(2025, 4, 28)

    def condemns(subject, kind, *entities):
        return Signature(day, day, "diplomatic", frozenset(entities), "condemn", "", subject, None, kind)

    spokesman = condemns("person:koo", "person", koo, KP)
    seoul = condemns("country:KR", "country", kr, KP)
    tokyo = condemns("country:JP", "country", jp, KP)
    assert similarity(spokesman, seoul) > 0.0
    assert similarity(seoul, tokyo) == 0.0  # two capitals, each on its own
