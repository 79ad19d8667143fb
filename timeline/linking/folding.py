"""Length-preserving text folding for matching, case checks against the original text, slugs.

Matching runs on a folded copy of the text: lower case, accents stripped, typographic apostrophes
turned into "'", hyphens and other separators turned into a space. Every character maps to exactly one
character, so offsets in the folded text are offsets in the original text.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

_APOSTROPHES = "'’‘ʼ`´′"
# Hyphen-like characters join or separate name parts interchangeably ("Kim Jong-un" = "Kim Jong Un").
_SEPARATORS = "-‐‑‒–—\u00a0\u2009\u202f\t\n\r\f\v"
# Letters that carry no decomposable accent but are written without one in other spellings.
_SPECIAL = {"ø": "o", "ł": "l", "đ": "d", "ı": "i", "ħ": "h", "ŧ": "t"}
_FOLDED_RANGE = 0x2100


@cache
def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(_FOLDED_RANGE):
        char = chr(code)
        lower = char.lower()
        if len(lower) != 1:  # "İ".lower() has two characters: keep lengths equal
            lower = "i" if char == "İ" else char
        lower = _SPECIAL.get(lower, lower)
        decomposed = unicodedata.normalize("NFD", lower)
        base = decomposed[0]
        if len(decomposed) > 1 and all(unicodedata.combining(c) for c in decomposed[1:]):
            lower = base
        if lower != char:
            table[code] = lower
    for char in _APOSTROPHES:
        table[ord(char)] = "'"
    for char in _SEPARATORS:
        table[ord(char)] = " "
    return table


def fold(text: str) -> str:
    """Fold `text` for matching; the result has the same length as `text`."""
    return text.translate(_fold_table())


def fold_alias(alias: str) -> str:
    """Fold an alias from the data files (whitespace runs collapse to one space)."""
    return " ".join(fold(alias).split())


_TOKEN_SPLIT = re.compile(r"[ \-‐‑]")
# Characters that fold to a space, i.e. separate the words of a matched surface.
_SPACES = frozenset(" " + _SEPARATORS)
_HYPHENS = frozenset("-‐‑")


def _is_acronym(alias: str) -> bool:
    letters = [c for c in alias if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def case_compatible(alias: str, surface: str) -> bool:
    """Whether `surface` (original text) is written with a case the alias allows.

    Acronyms match only in capitals ("US" not "us", "UN" not "un"). A word capitalised in the alias
    must be capitalised in the text, except after a hyphen ("Kim Jong-un" for "Kim Jong Un"). A word in
    lower case in the alias may be capitalised (sentence start, French nouns: "les Russes").
    """
    surface_letters = [c for c in surface if c.isalpha()]
    if _is_acronym(alias):
        return all(c.isupper() for c in surface_letters)
    if len(surface_letters) <= 3 and all(c.isupper() for c in surface_letters):
        return False  # "XI" (a numeral) is not "Xi"
    alias_tokens = [t for t in _TOKEN_SPLIT.split(alias) if t]
    position = 0
    separator = " "
    for index, token in enumerate(alias_tokens):
        if index:
            # Skip to the next token of the surface; remember what separated it.
            while position < len(surface) and surface[position] not in _SPACES:
                position += 1
            separator = surface[position] if position < len(surface) else " "
            while position < len(surface) and surface[position] in _SPACES:
                position += 1
        if position >= len(surface):
            return True
        if token[0].isupper() and not surface[position].isupper() and separator not in _HYPHENS:
            return False
    return True


def slugify(name: str) -> str:
    """ASCII slug of a name: "Volodymyr Zelensky" -> "volodymyr-zelensky"."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
