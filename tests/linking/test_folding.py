"""Folding keeps offsets; case rules distinguish names from ordinary words."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline.linking.folding import case_compatible, fold, slugify


@given(st.text())
def test_folding_never_changes_the_length(text: str) -> None:
    assert len(fold(text)) == len(text)


def test_folding_removes_accents_case_and_typographic_variants() -> None:
    assert fold("Kyïv, l’Élysée, Nord-Coréens, İstanbul") == "kyiv, l'elysee, nord coreens, istanbul"


@pytest.mark.parametrize(
    ("alias", "surface", "allowed"),
    [
        ("US", "US", True),
        ("US", "us", False),
        ("UN", "Un", False),
        ("Kim Jong Un", "Kim Jong-un", True),
        ("Kim Jong Un", "Kim jong un", False),
        ("Kim Jong Un", "KIM JONG UN", True),
        ("russe", "Russe", True),
        ("Poutine", "poutine", False),
        ("Xi", "XI", False),
        ("Kim Jong Un", "Kim\u2009Jong\u2009Un", True),
    ],
)
def test_case_rules(alias: str, surface: str, allowed: bool) -> None:
    assert case_compatible(alias, surface) is allowed


def test_slugs_are_ascii_and_hyphenated() -> None:
    assert slugify("Volodymyr Zelensky") == "volodymyr-zelensky"
    assert slugify("Sergueï Choïgou") == "serguei-choigou"
