"""A card's status from the stances of its sources (timeline/claims.py)."""

from __future__ import annotations

import datetime

import pytest

from timeline.claims import SourceStance, card_status


def day(n: int) -> datetime.date:
    return datetime.date(2024, 10, 1) + datetime.timedelta(days=n)


def source(key, country, stance, n, name="", body=None) -> SourceStance:
    return SourceStance(key, country, stance, day(n), name, body)


UNATTRIBUTED = SourceStance(None, None, None, day(0))


def test_a_card_no_source_attributes_has_no_status_but_a_first_report():
    result = card_status([SourceStance(None, None, None, day(3)), SourceStance(None, None, None, day(1))])
    assert result.status is None
    assert result.first_reported == day(1)
    assert result.parties == ()


def test_asserted_by_one_side_only_is_claimed():
    result = card_status(
        [
            source("org:russian-ministry-of-defence", "RU", "asserted", 2, "Russian Ministry of Defence"),
            source("person:dmitry-peskov", "RU", "asserted", 3, "Dmitry Peskov", "spokesperson"),
        ]
    )
    assert result.status == "claimed"
    assert [p.party for p in result.parties] == ["country:RU"]
    assert [s.name for s in result.parties[0].speakers] == ["Russian Ministry of Defence", "Dmitry Peskov"]


def test_a_confirmation_confirms_even_from_a_single_side():
    # Confirming agrees with a report made by someone else, named or not ("NATO confirmed the deployment").
    assert card_status([source("country:KR", "KR", "confirmed", 1)]).status == "confirmed"


def test_a_single_sides_assertion_is_a_claim_even_from_the_party_concerned():
    assert card_status([source("country:KP", "KP", "asserted", 1)]).status == "claimed"


def test_asserted_by_one_side_and_denied_by_the_other_is_disputed():
    result = card_status(
        [
            source("org:russian-ministry-of-defence", "RU", "asserted", 1, "Russian Ministry of Defence",
                   "defence_ministry"),
            source("country:UA", "UA", "denied", 2, "Ukraine"),
        ]
    )  # fmt: skip
    assert result.status == "disputed"
    groups = [(stance, [p.party for p in parties]) for stance, parties in result.parties_by_stance()]
    assert groups == [("asserted", ["country:RU"]), ("denied", ["country:UA"])]
    assert result.parties[0].speakers[0].body == "defence_ministry"


def test_a_denial_then_a_confirmation_by_the_denier_confirms():
    result = card_status(
        [
            source("org:nis", "KR", "asserted", 1),
            source("country:KP", "KP", "denied", 5),
            source("org:kcna", "KP", "confirmed", 200),
        ]
    )
    assert result.status == "confirmed"
    north = next(p for p in result.parties if p.party == "country:KP")
    assert north.history == ("denied", "confirmed")
    assert north.confirmed_after_denying


def test_the_order_is_the_publication_order_not_the_input_order():
    sources = [
        source("org:kcna", "KP", "confirmed", 200),
        source("country:KP", "KP", "denied", 5),
        source("org:nis", "KR", "asserted", 1),
    ]
    result = card_status(sources)
    assert result.status == "confirmed"
    assert [p.party for p in result.parties] == ["country:KR", "country:KP"]
    assert result.first_reported == day(1)


def test_a_confirmation_later_withdrawn_by_a_new_denial_is_disputed():
    result = card_status(
        [source("country:KR", "KR", "asserted", 1), source("country:KP", "KP", "confirmed", 2),
         source("country:KP", "KP", "denied", 3)]
    )  # fmt: skip
    assert result.status == "disputed"


def test_two_independent_sides_confirm():
    result = card_status([source("org:nis", "KR", "asserted", 1), source("country:US", "US", "confirmed", 4)])
    assert result.status == "confirmed"


def test_two_speakers_of_one_country_are_one_side():
    result = card_status([source("org:nis", "KR", "asserted", 1), source("country:KR", "KR", "asserted", 2)])
    assert result.status == "claimed"


def test_a_body_without_a_country_is_a_side_of_its_own():
    result = card_status([source("org:un", None, "asserted", 1), source("org:iaea", None, "asserted", 2)])
    assert result.status == "confirmed"
    assert [p.party for p in result.parties] == ["org:un", "org:iaea"]


def test_an_official_and_the_body_they_speak_for_are_one_side():
    rutte = SourceStance("person:mark-rutte", None, "asserted", day(1), organization="org:nato")
    nato = SourceStance("org:nato", None, "asserted", day(2), organization="org:nato")
    assert card_status([rutte, nato]).status == "claimed"


def test_a_standing_denial_outweighs_two_confirmers():
    result = card_status(
        [source("country:KR", "KR", "asserted", 1), source("country:US", "US", "confirmed", 2),
         source("country:KP", "KP", "denied", 3)]
    )  # fmt: skip
    assert result.status == "disputed"


def test_a_denial_alone_is_disputed():
    assert card_status([source("country:UA", "UA", "denied", 1)]).status == "disputed"


def test_unattributed_sources_count_only_for_the_first_report():
    result = card_status([SourceStance(None, None, None, day(0)), source("country:RU", "RU", "asserted", 4)])
    assert result.status == "claimed"
    assert result.first_reported == day(0)


def test_a_source_without_a_publication_date_is_ordered_last():
    result = card_status(
        [SourceStance("country:KP", "KP", "confirmed", None), source("country:KP", "KP", "denied", 1),
         source("country:KR", "KR", "asserted", 0)]
    )  # fmt: skip
    assert result.status == "confirmed"
    assert result.first_reported == day(0)


@pytest.mark.parametrize(
    ("key", "stance"), [("country:RU", None), (None, "asserted")], ids=["speaker-only", "stance-only"]
)
def test_a_speaker_without_a_stance_or_the_reverse_is_an_error(key, stance):
    with pytest.raises(ValueError, match="both a speaker and a stance"):
        SourceStance(key, "RU", stance, day(0))


def test_an_unknown_stance_is_an_error():
    with pytest.raises(ValueError, match="unknown stance"):
        SourceStance("country:RU", "RU", "rumoured", day(0))  # type: ignore[arg-type]


def test_a_speaker_whose_country_one_source_knows_is_one_side_in_every_source():
    # The same person, named with their country in one report and without it in another.
    result = card_status(
        [source("person:hayashi", "JP", "asserted", 1), source("person:hayashi", None, "asserted", 2)]
    )
    assert result.status == "claimed"
    assert [p.party for p in result.parties] == ["country:JP"]


def test_a_person_of_unknown_side_never_makes_a_second_side():
    spokesman = SourceStance("entity:7", None, "asserted", day(2), speaker_kind="person")
    assert card_status([source("country:UA", "UA", "asserted", 1), spokesman]).status == "claimed"
    other = SourceStance("entity:8", None, "asserted", day(3), speaker_kind="person")
    assert card_status([spokesman, other]).status == "claimed"
    # It still disputes, and a body of no country is still a side of its own.
    denial = SourceStance("entity:7", None, "denied", day(2), speaker_kind="person")
    assert card_status([source("country:UA", "UA", "asserted", 1), denial]).status == "disputed"
    body = SourceStance("entity:9", None, "asserted", day(2), speaker_kind="organization")
    assert card_status([source("country:UA", "UA", "asserted", 1), body]).status == "confirmed"
