"""Choosing between the Stanza annotator and the model-free fallback."""

import logging
import subprocess
import sys
from pathlib import Path

import pytest

from timeline.nlp import get_annotator
from timeline.nlp.fallback_annotator import FallbackAnnotator
from timeline.nlp.model_files import find_model_files
from timeline.nlp.select import StanzaModelsMissingError
from timeline.nlp.stanza_annotator import StanzaAnnotator, torch_threads
from timeline.nlp.types import Annotator

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_stanza_is_chosen_when_the_folder_holds_models_for_the_language(
    lang: str, fixture_models_dir: Path
) -> None:
    annotator = get_annotator(lang, models_dir=fixture_models_dir)
    assert isinstance(annotator, StanzaAnnotator)
    assert isinstance(annotator, Annotator)
    assert annotator.files.lang == lang


def test_fallback_with_one_warning_naming_the_folder_when_it_has_no_models(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="timeline.nlp"):
        first = get_annotator("fr", models_dir=tmp_path)
        second = get_annotator("fr", models_dir=tmp_path)
    assert isinstance(first, FallbackAnnotator) and isinstance(second, FallbackAnnotator)
    warnings = [r for r in caplog.records if r.name == "timeline.nlp" and r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert str(tmp_path) in warnings[0].getMessage()
    assert "manage.py download_models --lang fr" in warnings[0].getMessage()


def test_language_without_models_falls_back_even_if_others_have_models(fixture_models_dir: Path) -> None:
    assert isinstance(get_annotator("de", models_dir=fixture_models_dir), FallbackAnnotator)


def test_env_var_names_the_models_folder(fixture_models_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(fixture_models_dir))
    assert isinstance(get_annotator("en"), StanzaAnnotator)


def test_forced_fallback_ignores_installed_models(
    fixture_models_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NLP_BACKEND", "fallback")
    assert isinstance(get_annotator("fr", models_dir=fixture_models_dir), FallbackAnnotator)


def test_forced_stanza_without_models_raises_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NLP_BACKEND", "stanza")
    with pytest.raises(StanzaModelsMissingError, match=r"download_models --lang fr") as info:
        get_annotator("fr", models_dir=tmp_path)
    assert str(tmp_path) in str(info.value)


def test_unknown_backend_is_rejected() -> None:
    with pytest.raises(ValueError, match="auto, stanza, fallback"):
        get_annotator("fr", backend="spacy")


def test_standard_stanza_resources_layout_is_recognised(tmp_path: Path) -> None:
    (tmp_path / "resources.json").write_text("{}")
    for processor, name in [("tokenize", "gsd.pt"), ("ner", "wikiner.pt")]:
        (tmp_path / "fr" / processor).mkdir(parents=True)
        (tmp_path / "fr" / processor / name).write_bytes(b"")
    files = find_model_files(tmp_path, "fr")
    assert files is not None and files.resources_dir == tmp_path and not files.from_manifest
    assert find_model_files(tmp_path, "en") is None


def test_manifest_pointing_to_missing_files_is_not_models(tmp_path: Path) -> None:
    (tmp_path / "fr").mkdir()
    (tmp_path / "fr" / "manifest.json").write_text(
        '{"tokenize_model_path": "t.pt", "ner_model_path": "n.pt"}'
    )
    assert find_model_files(tmp_path, "fr") is None


def test_fallback_path_never_imports_stanza_or_torch(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from timeline.nlp import get_annotator\n"
        f"a = get_annotator('fr', models_dir={str(tmp_path)!r})\n"
        "a.annotate_many(['Premier. Second.'], 'fr')\n"
        "assert 'stanza' not in sys.modules and 'torch' not in sys.modules, sorted(sys.modules)\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=REPO, check=True, capture_output=True)


@pytest.mark.parametrize(
    ("env", "expected"),
    [(None, 1), ("3", 3), ("0", 1), ("many", 1)],
    ids=["default_one_thread", "env_sets_threads", "zero_ignored", "garbage_ignored"],
)
def test_torch_thread_count_is_deliberate(
    env: str | None, expected: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    if env is None:
        monkeypatch.delenv("NLP_TORCH_THREADS", raising=False)
    else:
        monkeypatch.setenv("NLP_TORCH_THREADS", env)
    assert torch_threads() == expected
