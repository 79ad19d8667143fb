"""Speed of the temporal tagger: characters per second on the English TimeBank dev text.

    .venv/bin/python bench/bench_tagger.py [--gold DIR] [--lang en] [--repeat 3]

Strips the XML tags of every .tml file (keeping the text between <TEXT> and </TEXT>), tags
each document against its DCT on one core and prints the throughput of the best run (the
target is at least 250 KB/s). It then times 20,000 characters of repetitive text that once
made the rules backtrack (number words, spoken years, month names): each should take well
under a second, the time of ordinary text of that length.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from timeline.temporal import tag
from timeline.temporal.lexicon import grammar

# Repetitive text that once made the rules backtrack (language, repeated unit).
PATHOLOGICAL = [
    ("en", "twenty-one "),
    ("en", "nineteen ninety-six "),
    ("fr", "dix-huit et "),
    ("fr", "mai juin "),
]

_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)
_TAG = re.compile(r"<[^>]+>")
_DCT = re.compile(r'functionInDocument="CREATION_TIME"[^>]*value="(\d{4}-\d{2}-\d{2})')


def load(gold: Path) -> list[tuple[str, dt.date]]:
    docs = []
    for path in sorted(gold.glob("*.tml")):
        raw = path.read_text(encoding="utf-8")
        body = _TEXT.search(raw)
        dct = _DCT.search(raw)
        if body:
            text = _TAG.sub("", body.group(1))
            day = dt.date.fromisoformat(dct.group(1)) if dct else dt.date(2000, 1, 1)
            docs.append((text, day))
    return docs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--gold", type=Path, default=Path("/work/shared/eval/en-timebank-dev"))
    ap.add_argument("--lang", default="en")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    docs = load(args.gold)
    chars = sum(len(t) for t, _ in docs)
    t0 = time.perf_counter()
    grammar(args.lang)
    compile_s = time.perf_counter() - t0
    best = float("inf")
    found = 0
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        found = sum(len(tag(text, args.lang, dct)) for text, dct in docs)
        best = min(best, time.perf_counter() - t0)
    print(f"documents: {len(docs)}  characters: {chars}  expressions: {found}")
    print(f"grammar compile: {compile_s * 1000:.0f} ms")
    rate = chars / best
    print(f"best of {args.repeat}: {best:.2f} s  ->  {rate / 1000:.0f} KB/s ({rate:.0f} chars/s)")
    for lang, unit in PATHOLOGICAL:
        text = unit * (20_000 // len(unit))
        t0 = time.perf_counter()
        tag(text, lang, dt.date(2025, 4, 28))
        seconds = time.perf_counter() - t0
        print(f"repetitive {lang} {unit.strip()!r:24} x{len(text) // len(unit)}: {seconds:.2f} s")


if __name__ == "__main__":
    main()
