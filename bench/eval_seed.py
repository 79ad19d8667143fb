"""Score the extraction of the user's source article against ../shared/eval/seed-gold.json.

    .venv/bin/python bench/eval_seed.py [--backend fallback|stanza] [--models tests/fixtures/stanza]

Events: a gold event is found when an extracted event has its period and at least its countries and persons.
Cards: extracted events grouped as the timeline shows them; a card is correct when one of its events matches
a gold event. Entities: each gold surface must resolve to the gold entity. Uses its own SQLite database.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
SHARED = REPO.parent / "shared"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--backend", choices=["fallback", "stanza"], default="fallback")
    parser.add_argument("--models", type=Path, default=REPO / "tests" / "fixtures" / "stanza")
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = f"sqlite:///{Path(tempfile.mkdtemp()) / 'seed.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsapp.settings")
    os.environ.setdefault("DEBUG", "true")  # a developer's machine (the settings default to production)
    import django

    django.setup()
    from django.core.management import call_command

    from timeline.export import iter_event_dicts
    from timeline.linking import Registry
    from timeline.models import Event
    from timeline.pipeline.ingest import Ingestor
    from timeline.pipeline.reading import read_path
    from timeline.temporal.calendar import value_period

    call_command("migrate", verbosity=0)
    gold = json.loads((SHARED / "eval" / "seed-gold.json").read_text())
    raw = read_path(SHARED / "seeds" / "000_606cd80a5e1b2288.txt").with_overrides(
        published=datetime.date.fromisoformat(gold["published"]), language=gold["language"]
    )
    Ingestor(backend=args.backend, models_dir=args.models).ingest([raw])
    events = list(iter_event_dicts(Event.objects.order_by("date_start", "id")))

    def period(date):
        if isinstance(date, list):
            return tuple(date)
        start, end, _ = value_period(date)
        return (start.isoformat(), end.isoformat())

    def matches(item, wanted):
        return (
            (item["date_start"], item["date_end"]) == period(wanted["date"])
            and set(wanted["countries"]) <= {c["code"] for c in item["countries"]}
            and set(wanted["persons"]) <= {p["name"] for p in item["persons"]}
        )

    found = [w for w in gold["events"] if any(matches(e, w) for e in events)]
    print(f"gold events found: {len(found)}/{len(gold['events'])}")
    for wanted in gold["events"]:
        if wanted not in found:
            print(f"  missed: {wanted['date']} {wanted['what']}")
    cards: dict[object, list[dict]] = {}
    for item in events:
        cards.setdefault(item["group"], []).append(item)
    good = [c for c in cards.values() if any(matches(e, w) for e in c for w in gold["events"])]
    print(
        f"events extracted: {len(events)} in {len(cards)} cards; "
        f"cards matching a gold event: {len(good)}/{len(cards)}"
    )
    for card in cards.values():
        if card not in good:
            print(f"  extra card: {card[0]['date_start']}..{card[0]['date_end']} {card[0]['text'][:90]}")

    registry = Registry.load()
    text = raw.text
    ok = total = 0
    for entities in gold["entities"].values():
        for name, surfaces in entities.items():
            for surface in surfaces:
                total += 1
                mentions = [
                    m for m in registry.find_mentions(text, "fr") if surface.lower() in m.text.lower()
                ]
                records = [registry.get(m.key) for m in mentions]
                if any(
                    r and (r.name == name or (r.kind == "country" and r.country_code == name))
                    for r in records
                ):
                    ok += 1
                else:
                    print(f"  unresolved: {surface!r} (expected {name})")
    print(f"entity surfaces resolved: {ok}/{total}")


if __name__ == "__main__":
    main()
