"""JSON-lines protocol of the evaluation scorer (see /work/shared/eval/README.md).

Reads ``{"id", "text", "dct", "lang"}`` objects, one per line, and answers one
``{"id", "timexes": [{"start", "end", "text", "type", "value", ...}]}`` line per document. A bad
input line gets an answer with an ``error`` field and no timexes, never a crash.

Run without Django: ``python -m timeline.temporal.jsonl < docs.jsonl``.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from typing import TextIO

from timeline.temporal.tagger import tag


def answer(line: str, default_lang: str = "fr") -> dict[str, object]:
    """The protocol's answer to one input line."""
    try:
        doc = json.loads(line)
        if not isinstance(doc, dict):
            raise ValueError("not an object")
    except ValueError as exc:
        return {"id": None, "timexes": [], "error": f"bad JSON: {exc}"}
    doc_id = doc.get("id")
    try:
        dct = dt.date.fromisoformat(str(doc.get("dct", ""))[:10])
    except ValueError:
        dct = dt.date.today()
    text = doc.get("text") if isinstance(doc.get("text"), str) else ""
    lang = str(doc.get("lang") or default_lang)
    timexes = [t.as_json() for t in tag(text, lang, dct)]
    return {"id": doc_id, "timexes": timexes}


def serve(stdin: TextIO, stdout: TextIO, default_lang: str = "fr") -> int:
    """Answer every non-blank line of ``stdin`` on ``stdout``; returns the number answered."""
    count = 0
    for line in stdin:
        if not line.strip():
            continue
        stdout.write(json.dumps(answer(line, default_lang), ensure_ascii=False) + "\n")
        stdout.flush()
        count += 1
    return count


if __name__ == "__main__":
    serve(sys.stdin, sys.stdout)
