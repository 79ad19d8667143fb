"""Score attribution (speaker and stance) and card status on bench/attribution_gold.jsonl.

    .venv/bin/python bench/eval_attribution.py [--split dev|heldout|all] [--verbose]

Each sentence line of the gold file holds `text`, `lang`, the gold `speaker` (an entity key, or null when the
sentence attributes its statement to no named speaker), the speaker's `country` and the `stance`; an optional
`ner` list gives person names as a NER model would ([surface, "PER"]); an optional `party` gives the
side a speaker of no country stands for ("org:nato" for its secretary general). The sentence is linked with
the real entity registry and attributed as a whole clause. Card lines (`"card": [...]`) list sentence ids
with a publication date and the gold status of a card made of them; the card's status is computed from
the *predicted* attributions.

Reported per split:
- detection: precision and recall of "this sentence is attributed";
- speaker accuracy and stance accuracy over the gold-attributed sentences (a missed attribution is wrong);
- party accuracy: the speaker's country (or the speaker itself when it has none) is right;
- card-status accuracy over the gold cards.
The `heldout` split was written after the rules were tuned on `dev`, and not tuned on.
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from timeline.claims import SourceStance, card_status  # noqa: E402
from timeline.linking.registry import Registry  # noqa: E402
from timeline.linking.types import NerSpan  # noqa: E402
from timeline.nlp.types import Sentence  # noqa: E402
from timeline.pipeline.attribution import Attribution, attribution  # noqa: E402

GOLD = Path(__file__).resolve().parent / "attribution_gold.jsonl"


def predict(registry: Registry, item: dict) -> Attribution | None:
    text, lang = item["text"], item["lang"]
    spans = []
    for surface, label in item.get("ner", []):
        start = text.index(surface)
        spans.append(NerSpan(start, start + len(surface), surface, label))
    linked = registry.link(text, lang, spans)
    new = {record.key: record for record in linked.new_records}
    return attribution(
        Sentence(0, len(text), text),
        (0, len(text)),
        linked.mentions,
        lang,
        lambda key: new.get(key) or registry.get(key),
    )


def ratio(hits: int, total: int) -> str:
    return f"{hits}/{total} = {100 * hits / total:.1f}%" if total else "n/a"


def score(split: str, items: list[dict], cards: list[dict], verbose: bool) -> None:
    registry = Registry.load()
    predicted = {item["id"]: predict(registry, item) for item in items}
    gold_attributed = [item for item in items if item["speaker"]]
    predicted_attributed = [item for item in items if predicted[item["id"]] is not None]
    both = [item for item in gold_attributed if predicted[item["id"]] is not None]
    speaker_ok = stance_ok = party_ok = 0
    for item in items:
        found = predicted[item["id"]]
        got = (found.speaker.key, found.speaker.country, found.stance) if found else (None, None, None)
        wanted = (item["speaker"], item["country"], item["stance"])
        if item["speaker"]:
            gold_party = item.get("party") or item["country"] or item["speaker"]
            speaker_ok += got[0] == wanted[0]
            stance_ok += got[2] == wanted[2]
            party_ok += found is not None and found.speaker.party.removeprefix("country:") == gold_party
        if verbose and got != wanted:
            print(f"  {item['id']} [{item['lang']}] {item['text']}\n      gold {wanted}\n      got  {got}")
    card_ok = 0
    for card in cards:
        sources = []
        for sentence_id, published in card["card"]:
            found = predicted[sentence_id]
            date = datetime.date.fromisoformat(published)
            if found is None:
                sources.append(SourceStance(None, None, None, date))
            else:
                sources.append(SourceStance(found.speaker.key, found.speaker.country, found.stance, date))
        status = card_status(sources).status
        card_ok += status == card["status"]
        if verbose and status != card["status"]:
            print(f"  card {card['id']}: gold {card['status']}, got {status}")
    print(f"{split}: {len(items)} sentences ({len(gold_attributed)} attributed), {len(cards)} cards")
    print(f"  detection precision  {ratio(len(both), len(predicted_attributed))}")
    print(f"  detection recall     {ratio(len(both), len(gold_attributed))}")
    print(f"  speaker accuracy     {ratio(speaker_ok, len(gold_attributed))}")
    print(f"  stance accuracy      {ratio(stance_ok, len(gold_attributed))}")
    print(f"  party accuracy       {ratio(party_ok, len(gold_attributed))}")
    unattributed = [item for item in items if not item["speaker"]]
    correct_none = sum(predicted[item["id"]] is None for item in unattributed)
    print(f"  unattributed right   {ratio(correct_none, len(unattributed))}")
    print(f"  card status accuracy {ratio(card_ok, len(cards))}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--split", choices=["dev", "heldout", "all"], default="all")
    parser.add_argument("--verbose", action="store_true", help="print every sentence or card scored wrong")
    args = parser.parse_args()
    lines = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    splits = ["dev", "heldout"] if args.split == "all" else [args.split]
    for split in splits:
        items = [line for line in lines if line["split"] == split and "card" not in line]
        cards = [line for line in lines if line["split"] == split and "card" in line]
        score(split, items, cards, args.verbose)


if __name__ == "__main__":
    main()
