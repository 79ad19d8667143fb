"""The user's source article: the six expressions a careful reader extracts, and no false dates."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tests.conftest import SHARED_DIR
from timeline.temporal import tag

GOLD_PATH = SHARED_DIR / "eval" / "seed-gold.json"

pytestmark = pytest.mark.skipif(
    not GOLD_PATH.exists(), reason=f"needs the shared seed data {GOLD_PATH} (absent beside this checkout)"
)


@pytest.fixture(scope="module")
def seed():
    gold = json.loads(GOLD_PATH.read_text(encoding="utf-8"))
    text = (GOLD_PATH.parent / gold["article"]).resolve().read_text(encoding="utf-8")
    found = tag(text, gold["language"], dt.date.fromisoformat(gold["published"]))
    return gold, text, found


def test_seed_article_time_expressions_are_all_found(seed):
    gold, _text, found = seed
    dates = [(t.text, t.type, t.value) for t in found if t.type in ("DATE", "TIME")]
    durations = [t for t in found if t.type == "DURATION"]
    expected = [(g["text"], g["type"], g["value"]) for g in gold["timexes"]]
    got = sorted(
        dates + [(t.text, t.type, t.value) for t in durations if (t.text, t.type, t.value) in expected]
    )
    assert got == sorted(expected)


def test_seed_vague_range_has_the_gold_period(seed):
    gold, _text, found = seed
    (vague,) = [g for g in gold["timexes"] if "as_period" in g]
    (timex,) = [t for t in found if t.text == vague["text"]]
    assert [timex.period_start.isoformat(), timex.period_end.isoformat()] == vague["as_period"]


def test_seed_article_has_no_false_dates(seed):
    _gold, _text, found = seed
    assert all(t.value != "2024-04-28" for t in found)
    assert not any(word in t.text for t in found for word in ("dans sa", "Cette nouvelle"))
    # Every DATE/TIME found is one the careful reader found.
    assert len([t for t in found if t.type in ("DATE", "TIME")]) == 5
