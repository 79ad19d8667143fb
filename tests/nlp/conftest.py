from pathlib import Path

import pytest

FIXTURE_MODELS = Path(__file__).resolve().parents[1] / "fixtures" / "stanza"


@pytest.fixture
def fixture_models_dir() -> Path:
    """The tiny Stanza models trained by tools/stanza_tiny/train.py (one folder per language)."""
    if not (FIXTURE_MODELS / "fr" / "manifest.json").is_file():
        pytest.fail("tiny Stanza models missing: run `.venv/bin/python tools/stanza_tiny/train.py`")
    return FIXTURE_MODELS


@pytest.fixture(autouse=True)
def _no_backend_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests choose the backend and folder explicitly; the developer's environment must not leak in."""
    monkeypatch.delenv("NLP_BACKEND", raising=False)
    monkeypatch.delenv("STANZA_RESOURCES_DIR", raising=False)
