"""The user's source article: every entity surface of seed-gold.json resolves to the gold entity."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from timeline.linking import Mention, NerSpan, Registry


def _shared_dir() -> Path | None:
    """../shared next to the project root (the project's CI layout), searched upwards."""
    for parent in Path(__file__).resolve().parents:
        candidate = parent / "shared"
        if (candidate / "eval" / "seed-gold.json").exists():
            return candidate
    return None


SHARED = _shared_dir()
pytestmark = pytest.mark.skipif(SHARED is None, reason="../shared (seed gold) is not available")


@pytest.fixture(scope="module")
def gold() -> dict:
    return json.loads((SHARED / "eval" / "seed-gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def article(gold: dict) -> str:
    return (SHARED / "seeds" / gold["article"].split("/")[-1]).read_text(encoding="utf-8")


def expected_keys(registry: Registry, gold: dict) -> dict[str, str]:
    """Gold entity label -> registry key (persons, organizations, places by English name)."""
    by_name = {(r.kind, r.name): r.key for r in registry.records()}
    keys = {code: f"country:{code}" for code in gold["entities"]["countries"]}
    for section, kind in (("persons", "person"), ("organizations", "organization")):
        keys.update({name: by_name[(kind, name)] for name in gold["entities"][section]})
    keys.update({name: by_name[("location", name)] for name in gold["entities"]["locations"]})
    return keys


def mentions_of(mentions: list[Mention], surface: str) -> list[Mention]:
    """Mentions whose text is `surface`, else those containing it as a word ("la Russie")."""
    exact = [m for m in mentions if m.text == surface]
    if exact:
        return exact
    word = re.compile(rf"(?<!\w){re.escape(surface)}(?!\w)")
    return [m for m in mentions if word.search(m.text)]


def gold_surfaces(gold: dict):
    for section in ("persons", "countries", "organizations", "locations"):
        for label, surfaces in gold["entities"][section].items():
            for surface in surfaces:
                yield label, surface


def test_every_gold_surface_resolves_to_its_gold_entity(registry: Registry, gold: dict, article: str) -> None:
    keys = expected_keys(registry, gold)
    mentions = registry.find_mentions(article, gold["language"])
    for label, surface in gold_surfaces(gold):
        found = mentions_of(mentions, surface)
        assert found, f"{surface!r} not found"
        assert {m.key for m in found} == {keys[label]}, surface


def test_the_article_mentions_no_entity_outside_the_gold(
    registry: Registry, gold: dict, article: str
) -> None:
    mentions = registry.find_mentions(article, gold["language"])
    assert {m.key for m in mentions} == set(expected_keys(registry, gold).values())


def test_ner_person_spans_change_nothing_on_the_article(registry: Registry, gold: dict, article: str) -> None:
    spans = []
    for surfaces in gold["entities"]["persons"].values():
        for surface in surfaces:
            for match in re.finditer(re.escape(surface), article):
                spans.append(NerSpan(match.start(), match.end(), surface, "PER"))
    with_ner = registry.link(article, gold["language"], spans)
    assert with_ner.new_records == []
    without = registry.find_mentions(article, gold["language"])
    assert {(m.start, m.end, m.key) for m in with_ner.mentions} >= {
        (m.start, m.end, m.key) for m in without if m.kind != "person"
    }
    assert {m.key for m in with_ner.mentions} == {m.key for m in without}
