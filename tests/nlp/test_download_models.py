"""`download_models`: fails fast and clearly offline; downloads from a local mirror of Stanza's layout."""

import functools
import hashlib
import json
import shutil
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from timeline.nlp import get_annotator
from timeline.nlp.download import (
    ModelDownloadError,
    default_resources_url,
    download_models,
    resources_version,
)
from timeline.nlp.stanza_annotator import StanzaAnnotator

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


@pytest.fixture
def local_model_server(tmp_path: Path):
    """An HTTP server on 127.0.0.1 laid out like Stanza's servers, serving the tiny French models."""
    fixtures = Path(__file__).resolve().parents[1] / "fixtures" / "stanza" / "fr"
    root = tmp_path / "server"
    lang = {"lang_name": "French", "packages": {"default": {"tokenize": "tiny", "ner": "tiny"}}}
    lang["default_processors"] = {"tokenize": "tiny", "ner": "tiny"}
    for processor, source in [("tokenize", "tokenize.pt"), ("ner", "ner.pt"), ("pretrain", "pretrain.pt")]:
        (root / "fr" / processor).mkdir(parents=True)
        shutil.copyfile(fixtures / source, root / "fr" / processor / "tiny.pt")
        lang[processor] = {"tiny": {"md5": hashlib.md5((fixtures / source).read_bytes()).hexdigest()}}
    lang["ner"]["tiny"]["dependencies"] = [{"model": "pretrain", "package": "tiny"}]
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    resources = {"url": base + "/{lang}/{filename}", "fr": lang}
    (root / f"resources_{resources_version()}.json").write_text(json.dumps(resources))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base
    server.shutdown()
    server.server_close()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def test_downloaded_models_land_where_the_annotator_finds_and_loads_them(
    local_model_server: str, tmp_path: Path
) -> None:
    models_dir = tmp_path / "models"
    messages: list[str] = []
    download_models(["fr"], models_dir, resources_url=local_model_server, log=messages.append)
    assert messages[-1] == f"Stanza models for fr are in {models_dir}"
    assert sorted(p.relative_to(models_dir).as_posix() for p in models_dir.rglob("*.pt")) == [
        "fr/ner/tiny.pt",
        "fr/pretrain/tiny.pt",
        "fr/tokenize/tiny.pt",
    ]
    annotator = get_annotator("fr", models_dir=models_dir)
    assert isinstance(annotator, StanzaAnnotator)
    [annotation] = annotator.annotate_many(["Le porte-parole du Kremlin, Dmitri Peskov, a refusé."], "fr")
    assert [e.text for e in annotation.entities] == ["Kremlin", "Dmitri Peskov"]


def test_language_unknown_to_stanza_is_reported_as_such(local_model_server: str, tmp_path: Path) -> None:
    with pytest.raises(ModelDownloadError, match="Stanza has no models for language 'xx'"):
        download_models(["xx"], tmp_path, resources_url=local_model_server, log=lambda _msg: None)


def test_offline_ok_says_one_line_and_succeeds_so_make_run_goes_on(tmp_path: Path) -> None:
    out = StringIO()
    call_command("download_models", "--lang", "fr", "en", "--dir", str(tmp_path / "models"),
                 "--resources-url", UNREACHABLE, "--offline-ok", stdout=out)  # fmt: skip
    lines = out.getvalue().strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("Stanza models not fetched (Cannot reach Stanza's model list")
    assert lines[0].endswith("using the rule-based fallback.")


def test_missing_only_fetches_nothing_when_the_models_are_there(tmp_path: Path) -> None:
    # The tiny test models are a complete fr folder: nothing to fetch, the unreachable server is not asked.
    models = tmp_path / "models"
    shutil.copytree(Path(__file__).resolve().parents[1] / "fixtures" / "stanza", models)
    out = StringIO()
    call_command("download_models", "--lang", "fr", "--dir", str(models), "--resources-url", UNREACHABLE,
                 "--missing-only", stdout=out)  # fmt: skip
    assert out.getvalue().strip() == f"Stanza models for fr are in {models}"


def test_missing_only_fetches_the_languages_not_there(local_model_server: str, tmp_path: Path) -> None:
    models = tmp_path / "models"
    out = StringIO()
    call_command("download_models", "--lang", "fr", "--dir", str(models),
                 "--resources-url", local_model_server, "--missing-only", stdout=out)  # fmt: skip
    assert (models / "fr" / "ner" / "tiny.pt").is_file()
