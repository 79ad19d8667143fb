"""Choose the annotator for a language: Stanza when its models are installed, else the fallback.

Backend choice: argument `backend`, else env `NLP_BACKEND` (`auto` default, `stanza`, `fallback`).
Models folder: argument `models_dir`, else env `STANZA_RESOURCES_DIR`, else `<repo>/var/stanza_resources`
(the Django setting of the same name is passed in as `models_dir` by the caller; this module stays
Django-free).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from timeline.nlp.fallback_annotator import FallbackAnnotator
from timeline.nlp.model_files import find_model_files, resolve_models_dir
from timeline.nlp.types import Annotator

logger = logging.getLogger("timeline.nlp")

BACKENDS = ("auto", "stanza", "fallback")
_warned: set[tuple[str, str]] = set()  # one warning per (language, folder) per process


class StanzaModelsMissingError(RuntimeError):
    """The Stanza backend was required but no models exist for the language."""


def download_hint(lang: str) -> str:
    return f"python manage.py download_models --lang {lang}"


def get_annotator(
    lang: str, models_dir: str | os.PathLike[str] | None = None, backend: str | None = None
) -> Annotator:
    """The annotator for `lang` (see module docstring for how the backend and folder are chosen)."""
    choice = (backend or os.environ.get("NLP_BACKEND") or "auto").strip().lower()
    if choice not in BACKENDS:
        raise ValueError(f"NLP backend must be one of {', '.join(BACKENDS)}, not {choice!r}")
    if choice == "fallback":
        return FallbackAnnotator()

    folder = resolve_models_dir(models_dir)
    files = find_model_files(folder, lang)
    if files is not None:
        from timeline.nlp.stanza_annotator import StanzaAnnotator  # module is cheap; stanza loads later

        return StanzaAnnotator(files)
    if choice == "stanza":
        raise StanzaModelsMissingError(
            f"NLP_BACKEND=stanza but no Stanza tokenize+ner models for {lang!r} in {folder}. "
            f"Download them with `{download_hint(lang)}` (or set STANZA_RESOURCES_DIR), "
            "or use NLP_BACKEND=auto to fall back to rule-based sentences."
        )
    _warn_fallback(lang, folder)
    return FallbackAnnotator()


def _warn_fallback(lang: str, folder: Path) -> None:
    key = (lang, str(folder))
    if key in _warned:
        return
    _warned.add(key)
    logger.warning(
        "No Stanza models for %r in %s: using the rule-based fallback (sentences only, entities from the "
        "gazetteer). Get models with `%s` or point STANZA_RESOURCES_DIR to a Stanza resources folder.",
        lang,
        folder,
        download_hint(lang),
    )
