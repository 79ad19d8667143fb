"""Train tiny Stanza tokenizer + NER models (fr, en) from `corpus/` as test fixtures.

    .venv/bin/python tools/stanza_tiny/train.py [--lang fr en] [--out tests/fixtures/stanza] [--work-dir DIR]

For each language: a tokenizer without MWT, random 50-d "pretrained" vectors for the corpus vocabulary
(fixed seed) and a NER tagger, written to `<out>/<lang>/` with a `manifest.json` that
`timeline.nlp.stanza_annotator` reads. The models memorise the corpus: they are fixtures that exercise
the real `stanza.Pipeline` in tests, not models for users. See README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:  # run as a script: make `timeline` and `tools` importable
    sys.path.insert(0, str(REPO))

from tools.stanza_tiny.corpus_format import (  # noqa: E402
    read_corpus,
    vocabulary,
    write_ner_file,
    write_tokenizer_files,
)

CORPUS_DIR = Path(__file__).resolve().parent / "corpus"
DEFAULT_OUT = REPO / "tests" / "fixtures" / "stanza"
SEED = 1234
VECTOR_DIM = 50
# The dev sets are the training data itself: these models are meant to memorise, and Stanza keeps the
# checkpoint with the best dev score, i.e. the one that reproduces the corpus best.

TOKENIZER_ARGS = [
    "--steps", "600", "--eval_steps", "100", "--batch_size", "16",
    "--emb_dim", "32", "--hidden_dim", "64",
]  # fmt: skip
NER_ARGS = [
    "--hidden_dim", "64", "--char_hidden_dim", "32", "--char_emb_dim", "32", "--word_emb_dim", "32",
    "--batch_size", "8", "--dropout", "0.3", "--max_steps", "1200", "--eval_interval", "50",
]  # fmt: skip


def run_stanza(module: str, args: list[str], threads: int) -> float:
    """Run a Stanza training module in a subprocess (its CLI is the supported interface); return seconds."""
    env = dict(os.environ, OMP_NUM_THREADS=str(threads), MKL_NUM_THREADS=str(threads))
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", module, *args], check=True, env=env, cwd=REPO)
    return time.perf_counter() - started


def write_random_vectors(words: list[str], path: Path) -> None:
    """word2vec text file with seeded random vectors (the NER only needs a consistent embedding table)."""
    import numpy as np

    rng = np.random.default_rng(SEED)
    vectors = rng.normal(0.0, 0.3, size=(len(words), VECTOR_DIM))
    lines = [f"{len(words)} {VECTOR_DIM}"]
    lines += [w + " " + " ".join(f"{x:.5f}" for x in vec) for w, vec in zip(words, vectors, strict=True)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def train_language(lang: str, out_dir: Path, work: Path, threads: int) -> dict[str, float]:
    from stanza.models.common.pretrain import Pretrain

    paragraphs = read_corpus(CORPUS_DIR / f"{lang}.txt")
    sentences = [s for p in paragraphs for s in p]
    work.mkdir(parents=True, exist_ok=True)
    models = work / "models"
    models.mkdir(exist_ok=True)
    timings: dict[str, float] = {}

    write_tokenizer_files(paragraphs, lang, work / "tok_train.txt", work / "tok_train.labels")
    write_tokenizer_files(paragraphs, lang, work / "tok_dev.txt", work / "tok_dev.labels")
    (work / "empty_mwt.json").write_text("[]", encoding="utf-8")  # stanza 1.15 crashes without one
    timings["tokenizer"] = run_stanza(
        "stanza.models.tokenizer",
        ["--mode", "train", "--cpu", "--lang", lang, "--shorthand", f"{lang}_tiny", "--seed", str(SEED),
         "--txt_file", str(work / "tok_train.txt"), "--label_file", str(work / "tok_train.labels"),
         "--dev_txt_file", str(work / "tok_dev.txt"), "--dev_label_file", str(work / "tok_dev.labels"),
         "--mwt_json_file", str(work / "empty_mwt.json"), "--no_use_mwt", *TOKENIZER_ARGS,
         "--save_dir", str(models), "--save_name", "tokenize.pt"],
        threads,
    )  # fmt: skip

    started = time.perf_counter()
    write_random_vectors(vocabulary(sentences, lang), work / "vectors.txt")
    Pretrain(str(models / "pretrain.pt"), str(work / "vectors.txt")).load()  # .load() writes the .pt
    timings["pretrain"] = time.perf_counter() - started

    write_ner_file(sentences, lang, work / "ner_train.json")
    write_ner_file(sentences, lang, work / "ner_dev.json")
    timings["ner"] = run_stanza(
        "stanza.models.ner_tagger",
        ["--mode", "train", "--cpu", "--shorthand", f"{lang}_tiny", "--seed", str(SEED),
         "--train_file", str(work / "ner_train.json"), "--eval_file", str(work / "ner_dev.json"),
         "--wordvec_pretrain_file", str(models / "pretrain.pt"), *NER_ARGS,
         "--save_dir", str(models), "--save_name", "ner.pt"],
        threads,
    )  # fmt: skip

    target = out_dir / lang
    target.mkdir(parents=True, exist_ok=True)
    for name in ("tokenize.pt", "ner.pt", "pretrain.pt"):
        shutil.copyfile(models / name, target / name)
    # Stanza refuses to build a Pipeline without a resources.json; an empty one makes it use our paths.
    (target / "resources.json").write_text("{}\n", encoding="utf-8")
    manifest = {
        "lang": lang,
        "description": "Tiny models trained on tools/stanza_tiny/corpus: test fixtures, not for users.",
        "resources_json": "resources.json",
        "tokenize_model_path": "tokenize.pt",
        "ner_model_path": "ner.pt",
        "ner_pretrain_path": "pretrain.pt",
        "use_mwt": False,
    }
    (target / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return timings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--lang", nargs="+", default=["fr", "en"], help="languages to train (default: fr en)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="fixture folder (default: %(default)s)")
    parser.add_argument("--work-dir", type=Path, help="keep intermediate files here (default: a temp dir)")
    # One thread: on a shared 2-core machine, 2 threads thrashed (10x slower when another process ran).
    parser.add_argument("--threads", type=int, default=1, help="torch threads for training (default: 1)")
    args = parser.parse_args(argv)

    total = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="stanza_tiny_") as tmp:
        root = args.work_dir or Path(tmp)
        for lang in args.lang:
            timings = train_language(lang, args.out, root / lang, args.threads)
            sizes = {p.name: p.stat().st_size // 1024 for p in sorted((args.out / lang).glob("*.pt"))}
            print(
                f"[{lang}] " + ", ".join(f"{k} {v:.0f}s" for k, v in timings.items()) + f"; sizes KB {sizes}"
            )
    print(f"total {time.perf_counter() - total:.0f}s -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
