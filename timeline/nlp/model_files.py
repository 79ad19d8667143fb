"""Locate Stanza models on disk without importing Stanza.

Two layouts are recognised in a models folder `DIR`:
- Stanza's standard resources folder, as filled by `stanza.download(lang, model_dir=DIR, processors=...)`:
  `DIR/resources.json`, `DIR/<lang>/tokenize/*.pt`, `DIR/<lang>/ner/*.pt`.
- Explicit model files described by `DIR/<lang>/manifest.json` (the tiny test models of
  `tests/fixtures/stanza/`): keys `tokenize_model_path`, `ner_model_path`, optional `ner_pretrain_path`
  and `resources_json`, paths relative to the manifest's folder.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_MODELS_DIR = REPO_ROOT / "var" / "stanza_resources"
MANIFEST_NAME = "manifest.json"


@dataclass(frozen=True)
class StanzaModelFiles:
    """What `stanza.Pipeline` needs to load one language offline."""

    lang: str
    resources_dir: Path  # passed as `dir=`; holds resources.json
    tokenize_model_path: Path | None = None  # None: Stanza picks models from resources.json
    ner_model_path: Path | None = None
    ner_pretrain_path: Path | None = None

    @property
    def from_manifest(self) -> bool:
        return self.tokenize_model_path is not None


def resolve_models_dir(models_dir: str | os.PathLike[str] | None = None) -> Path:
    """The folder to look in: the argument, else env `STANZA_RESOURCES_DIR`, else the default
    `<repo>/var/stanza_resources`."""
    if models_dir:
        return Path(models_dir)
    env = os.environ.get("STANZA_RESOURCES_DIR")
    return Path(env) if env else DEFAULT_MODELS_DIR


def find_model_files(models_dir: Path, lang: str) -> StanzaModelFiles | None:
    """The models for `lang` in `models_dir`, or None when the tokenizer or NER model is missing."""
    manifest_path = models_dir / lang / MANIFEST_NAME
    if manifest_path.is_file():
        return _from_manifest(manifest_path, lang)
    lang_dir = models_dir / lang
    if (
        (models_dir / "resources.json").is_file()
        and any((lang_dir / "tokenize").glob("*.pt"))
        and any((lang_dir / "ner").glob("*.pt"))
    ):
        return StanzaModelFiles(lang=lang, resources_dir=models_dir)
    return None


def _from_manifest(manifest_path: Path, lang: str) -> StanzaModelFiles | None:
    folder = manifest_path.parent
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None

    def path(key: str) -> Path | None:
        value = manifest.get(key)
        return folder / value if value else None

    files = StanzaModelFiles(
        lang=lang,
        resources_dir=(path("resources_json") or folder / "resources.json").parent,
        tokenize_model_path=path("tokenize_model_path"),
        ner_model_path=path("ner_model_path"),
        ner_pretrain_path=path("ner_pretrain_path"),
    )
    required = [files.tokenize_model_path, files.ner_model_path, files.resources_dir / "resources.json"]
    if files.ner_pretrain_path is not None:
        required.append(files.ner_pretrain_path)
    if not all(p is not None and p.is_file() for p in required):
        return None
    return files
