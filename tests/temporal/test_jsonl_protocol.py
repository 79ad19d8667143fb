"""The evaluation JSON-lines protocol, in process and end to end through manage.py."""

from __future__ import annotations

import io
import json
import subprocess
import sys

from django.core.management import call_command

from tests.conftest import REPO_DIR
from timeline.temporal.jsonl import serve

DOCS = [
    {"id": "fr1", "text": "Il est arrivé hier matin.", "dct": "2025-04-28", "lang": "fr"},
    {"id": "en1", "text": "He left on Friday.", "dct": "2025-04-28", "lang": "en"},
    {"id": "empty", "text": "", "dct": "2025-04-28", "lang": "fr"},
]


def _answers(stdout: str) -> dict[str, dict]:
    return {a["id"]: a for a in map(json.loads, stdout.splitlines())}


def test_serve_answers_one_line_per_document_with_offsets_and_values():
    out = io.StringIO()
    serve(io.StringIO("".join(json.dumps(d) + "\n" for d in DOCS)), out)
    answers = _answers(out.getvalue())
    first = answers["fr1"]["timexes"][0]
    assert {k: first[k] for k in ("start", "end", "text", "type", "value")} == {
        "start": 14,
        "end": 24,
        "text": "hier matin",
        "type": "TIME",
        "value": "2025-04-27TMO",
    }
    assert (first["period_start"], first["precision"], first["from_dct"]) == ("2025-04-27", "day", True)
    assert [t["value"] for t in answers["en1"]["timexes"]] == ["2025-04-25"]
    assert answers["empty"]["timexes"] == []


def test_serve_survives_a_bad_line():
    out = io.StringIO()
    serve(io.StringIO('not json\n{"id": "x", "text": "hier", "dct": "bad", "lang": "fr"}\n'), out)
    first, second = map(json.loads, out.getvalue().splitlines())
    assert first["timexes"] == [] and "error" in first
    assert second["id"] == "x" and len(second["timexes"]) == 1


def test_manage_py_tag_dates_speaks_the_protocol():
    stdin = "".join(json.dumps(d) + "\n" for d in DOCS)
    result = subprocess.run(
        [sys.executable, "manage.py", "tag_dates", "--jsonl"],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=REPO_DIR,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    answers = _answers(result.stdout)
    assert set(answers) == {"fr1", "en1", "empty"}
    assert answers["fr1"]["timexes"][0]["value"] == "2025-04-27TMO"


def test_tag_dates_command_prints_expressions_of_files_as_json(tmp_path):
    article = tmp_path / "article.txt"
    article.write_text("La Russie a contre-attaqué ces dernières semaines.", encoding="utf-8")
    out = io.StringIO()
    call_command("tag_dates", str(article), "--dct", "2025-04-28", "--format", "json", stdout=out)
    (doc,) = map(json.loads, out.getvalue().splitlines())
    (timex,) = doc["timexes"]
    assert (timex["text"], timex["value"], timex["period_start"]) == (
        "ces dernières semaines",
        "PXW",
        "2025-03-31",
    )


def test_tag_dates_command_prints_a_readable_table(tmp_path):
    article = tmp_path / "article.txt"
    article.write_text("He resigned yesterday.", encoding="utf-8")
    out = io.StringIO()
    call_command("tag_dates", str(article), "--dct", "2025-04-28", "--lang", "en", stdout=out)
    assert "'yesterday'" in out.getvalue() and "2025-04-27" in out.getvalue()
