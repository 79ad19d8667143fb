"""Shared fixtures: one registry for the whole session (building matchers takes a fraction of a second)."""

from __future__ import annotations

import pytest

from timeline.linking import Mention, Registry


@pytest.fixture(scope="session")
def registry() -> Registry:
    return Registry.load()


def mention_at(mentions: list[Mention], surface: str) -> Mention:
    """The mention whose text is exactly `surface` (the first one)."""
    for mention in mentions:
        if mention.text == surface:
            return mention
    raise AssertionError(f"no mention {surface!r} in {[m.text for m in mentions]}")
