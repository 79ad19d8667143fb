"""Regular demonym inflection: the data lists one base form, the rule gives the others."""

from __future__ import annotations

import pytest

from timeline.linking.inflection import english_forms, french_forms


@pytest.mark.parametrize(
    ("base", "expected"),
    [
        ("russe", {"russe", "russes"}),
        ("ukrainien", {"ukrainien", "ukrainienne", "ukrainiens", "ukrainiennes"}),
        ("nord-coréen", {"nord-coréen", "nord-coréenne", "nord-coréens", "nord-coréennes"}),
        ("letton", {"letton", "lettonne", "lettons", "lettonnes"}),
        ("chinois", {"chinois", "chinoise", "chinoises"}),
        ("américain", {"américain", "américaine", "américains", "américaines"}),
    ],
    ids=["invariable-e", "ien", "compound-en", "on", "final-s", "regular"],
)
def test_french_demonym_forms_follow_the_regular_rule(base: str, expected: set[str]) -> None:
    assert set(french_forms(base)) == expected


@pytest.mark.parametrize(
    ("base", "expected"),
    [
        ("Russian", {"Russian", "Russians"}),
        ("Israeli", {"Israeli", "Israelis"}),
        ("Chinese", {"Chinese"}),
        ("British", {"British"}),
        ("Swiss", {"Swiss"}),
    ],
    ids=["an", "i", "ese", "ish", "ss"],
)
def test_english_demonyms_take_a_plural_unless_ese_ish_or_s(base: str, expected: set[str]) -> None:
    assert set(english_forms(base)) == expected
