"""Language of an article's text, detected with lingua's bundled models (no download)."""

from __future__ import annotations

from functools import cache

# The languages extraction supports (temporal grammar, demonyms, categories exist for these).
SUPPORTED_LANGUAGES = ("fr", "en")
# Detected too, so that an article in one of them is refused by name instead of misread as fr or en.
OTHER_DETECTED = ("de", "es", "it", "pt", "nl", "ru", "uk", "pl", "ko", "zh", "ja", "ar")


@cache
def _detector():
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [getattr(IsoCode639_1, code.upper()) for code in SUPPORTED_LANGUAGES + OTHER_DETECTED]
    return LanguageDetectorBuilder.from_iso_codes_639_1(*codes).build()


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when it cannot be told (too short, mixed)."""
    sample = text[:4000]  # the opening paragraphs decide; longer texts only cost time
    language = _detector().detect_language_of(sample)
    if language is None:
        return None
    return language.iso_code_639_1.name.lower()
