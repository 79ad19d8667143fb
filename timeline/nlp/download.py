"""Download Stanza's published tokenize+NER models into a local folder (network needed, run once).

Used by `python manage.py download_models`; kept Django-free. Languages are downloaded one after the
other in this process: parallel `stanza.download` calls corrupt resources.json (stanza #213).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from importlib import metadata
from pathlib import Path

PROCESSORS = "tokenize,ner"  # Stanza adds what they need (mwt for French, pretrain, charlm)
CONNECT_TIMEOUT_S = 10.0
STANZA_RESOURCES_URL = "https://raw.githubusercontent.com/stanfordnlp/stanza-resources/main"


class ModelDownloadError(RuntimeError):
    """Models could not be downloaded; the message says why and what to do."""


def default_resources_url() -> str:
    """Stanza's default resources URL, without importing Stanza (same rule as stanza.resources.common)."""
    return os.environ.get("STANZA_RESOURCES_URL", STANZA_RESOURCES_URL)


def resources_version() -> str:
    """Version of the resources list Stanza will ask for: its own version unless overridden."""
    return os.environ.get("STANZA_RESOURCES_VERSION") or metadata.version("stanza")


def download_models(
    langs: Sequence[str],
    models_dir: Path,
    resources_url: str | None = None,
    log: Callable[[str], None] = print,
) -> Path:
    """Download models for each language into `models_dir` and return it; raise ModelDownloadError."""
    url = (resources_url or default_resources_url()).rstrip("/")
    # Fail fast with a clear message, before the slow `import stanza`: Stanza's own requests have no
    # timeout and can hang behind a firewall.
    _check_reachable(f"{url}/resources_{resources_version()}.json", models_dir)
    import stanza
    from stanza.resources.common import UnknownLanguageError

    models_dir.mkdir(parents=True, exist_ok=True)
    for lang in langs:
        log(f"Downloading Stanza {PROCESSORS} models for {lang!r} into {models_dir} ...")
        try:
            stanza.download(
                lang,
                model_dir=str(models_dir),
                processors=PROCESSORS,
                resources_url=url,
                logging_level="INFO",  # shows Stanza's progress bars
            )
        except UnknownLanguageError as exc:
            raise ModelDownloadError(f"Stanza has no models for language {lang!r}.") from exc
        except Exception as exc:  # network, HTTP, disk: all end the command the same way
            raise ModelDownloadError(
                f"Downloading Stanza models for {lang!r} failed: {type(exc).__name__}: {exc}. "
                f"{_offline_advice(models_dir)}"
            ) from exc
    log(f"Stanza models for {', '.join(langs)} are in {models_dir}")
    return models_dir


def _check_reachable(url: str, models_dir: Path) -> None:
    import requests

    try:
        response = requests.get(url, timeout=(CONNECT_TIMEOUT_S, 60), stream=True)
        response.raise_for_status()
        response.close()
    except requests.RequestException as exc:
        raise ModelDownloadError(
            f"Cannot reach Stanza's model list at {url} ({type(exc).__name__}). {_offline_advice(models_dir)}"
        ) from exc


def _offline_advice(models_dir: Path) -> str:
    return (
        "Models come from raw.githubusercontent.com (model list) and huggingface.co (model files): check the "
        "network or proxy (HTTPS_PROXY), or copy a Stanza resources folder made on another machine with "
        f"`stanza.download(lang, model_dir=..., processors='{PROCESSORS}')` to {models_dir}. "
        "Without models the app uses its rule-based fallback."
    )
