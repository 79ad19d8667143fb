"""`manage.py download_models` fails fast and clearly without network."""

import time
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from timeline.nlp.download import (
    ModelDownloadError,
    default_resources_url,
    download_models,
    resources_version,
)

UNREACHABLE = "http://127.0.0.1:9/"  # discard port: connection refused at once, no network involved


def test_unreachable_server_raises_a_clear_error_quickly(tmp_path: Path) -> None:
    started = time.perf_counter()
    with pytest.raises(ModelDownloadError) as info:
        download_models(["fr"], tmp_path / "models", resources_url=UNREACHABLE, log=lambda _msg: None)
    assert time.perf_counter() - started < 15
    message = str(info.value)
    assert "Cannot reach Stanza's model list at http://127.0.0.1:9/resources_" in message
    assert str(tmp_path) in message
    assert "fallback" in message
    assert not (tmp_path / "models").exists()


def test_default_url_and_version_are_stanzas_own(monkeypatch: pytest.MonkeyPatch) -> None:
    from stanza.resources.common import DEFAULT_RESOURCES_URL, DEFAULT_RESOURCES_VERSION

    monkeypatch.delenv("STANZA_RESOURCES_URL", raising=False)
    monkeypatch.delenv("STANZA_RESOURCES_VERSION", raising=False)
    assert (default_resources_url(), resources_version()) == (
        DEFAULT_RESOURCES_URL,
        DEFAULT_RESOURCES_VERSION,
    )


def test_command_exits_non_zero_with_the_message(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="Cannot reach Stanza's model list"):
        call_command("download_models", "--lang", "fr", "en", "--dir", str(tmp_path),
                     "--resources-url", UNREACHABLE)  # fmt: skip
