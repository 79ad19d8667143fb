"""5-fold cross-validation by document of the temporal tagger on the shared gold corpora.

    .venv/bin/python bench/timex_cv.py [--corpus fr-timebank-dev ...] [--folds 5] [--baseline ../main]

The tagger has no trained parameters, so a "fold" here is a held-out slice of documents scored on
its own: the rules were written on the whole dev set, and a rule that only fits some documents
shows as a fold that gets worse. Each corpus's documents (sorted by name) are dealt round-robin
into folds (document i goes to fold i mod 5, so the split never changes), every fold is scored
with ``../shared/eval/timex_eval.py``'s own scorer, and the script prints per fold the value F1
over DATE+TIME and over all types, then their mean and worst fold.

``--baseline DIR`` also tags with the checkout in DIR (e.g. the main branch) and prints the
per-fold difference, so a change can be judged fold by fold.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from statistics import mean

REPO = Path(__file__).resolve().parent.parent
EVAL_DIR = REPO.parent / "shared" / "eval"
CORPORA = {"fr-timebank-dev": "fr", "en-timebank-dev": "en", "en-wikiwars-dev": "en"}


def load_scorer(eval_dir: Path):
    """The shared scorer module (its reader, scoring and value comparison are the reference)."""
    path = eval_dir / "timex_eval.py"
    if not path.exists():
        sys.exit(f"scorer not found: {path} (the shared evaluation data must sit beside the repository)")
    spec = importlib.util.spec_from_file_location("timex_eval", path)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    sys.modules["timex_eval"] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def run(checkout: Path, docs, lang: str, scorer) -> dict:
    """Tag every document with the checkout's tagger over the JSON-lines protocol."""
    stdin = "".join(json.dumps({"id": d.id, "text": d.text, "dct": d.dct, "lang": lang}) + "\n" for d in docs)
    out = subprocess.run(
        [sys.executable, "-m", "timeline.temporal.jsonl"],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=checkout,
        check=False,
    )
    if out.returncode != 0:
        sys.exit(f"tagger in {checkout} failed:\n{out.stderr[-2000:]}")
    result = {}
    for line in out.stdout.splitlines():
        obj = json.loads(line)
        result[obj["id"]] = [
            scorer.Timex(int(t["start"]), int(t["end"]), t.get("type", ""), str(t.get("value", "")))
            for t in obj.get("timexes", [])
        ]
    return result


def fold_scores(docs, system, scorer, folds: int) -> list[tuple[float, float]]:
    """(value F1 DATE+TIME, value F1 all types) of each fold."""
    out = []
    for k in range(folds):
        part = [d for i, d in enumerate(docs) if i % folds == k]
        date_time = scorer.score(part, system, {"DATE", "TIME"})["value"][2]
        every = scorer.score(part, system, None)["value"][2]
        out.append((date_time, every))
    return out


def report(name: str, scores: list[tuple[float, float]], base: list[tuple[float, float]] | None) -> None:
    print(f"== {name}")
    print("  fold  value F1 DATE+TIME  value F1 all types" + ("   (change vs baseline)" if base else ""))
    for k, (dt_f1, all_f1) in enumerate(scores):
        delta = ""
        if base:
            delta = f"   ({dt_f1 - base[k][0]:+.3f}, {all_f1 - base[k][1]:+.3f})"
        print(f"  {k + 1:>4}  {dt_f1:18.3f}  {all_f1:18.3f}{delta}")
    for label, pick in (("mean", mean), ("worst", min)):
        dt_f1 = pick(s[0] for s in scores)
        all_f1 = pick(s[1] for s in scores)
        delta = ""
        if base:
            delta = f"   ({dt_f1 - pick(s[0] for s in base):+.3f}, {all_f1 - pick(s[1] for s in base):+.3f})"
        print(f"  {label:>5} {dt_f1:18.3f}  {all_f1:18.3f}{delta}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", nargs="+", default=list(CORPORA), choices=list(CORPORA))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--eval-dir", type=Path, default=EVAL_DIR)
    ap.add_argument("--baseline", type=Path, help="another checkout to compare with, fold by fold")
    args = ap.parse_args()
    scorer = load_scorer(args.eval_dir)
    for name in args.corpus:
        lang = CORPORA[name]
        docs = sorted(scorer.load([str(args.eval_dir / name)]), key=lambda d: d.id)
        scores = fold_scores(docs, run(REPO, docs, lang, scorer), scorer, args.folds)
        base = None
        if args.baseline:
            base = fold_scores(docs, run(args.baseline, docs, lang, scorer), scorer, args.folds)
        report(name, scores, base)


if __name__ == "__main__":
    main()
