"""One key for the spellings of a name transliterated from Cyrillic (or Korean) into English or French:
Syrskyi = Syrsky = Syrskyï, Gerasimov = Guérassimov, Heorhiy = Gueorgui, Khinshtein = Khinchtein.

The key folds accents and case, then the letters transliteration systems write differently (y/i, ou/u,
kh/h, ks/x, ch/sh, a French "gu" before e or i, a French final e), then doubled letters. It is for matching
persons the registry does not know; the rules are the same for every language of the app.
"""

from __future__ import annotations

import re
import unicodedata

# Applied in order on the lower-case ASCII form.
RULES: tuple[tuple[str, str], ...] = (
    (r"tch", "ch"),
    (r"sch", "sh"),
    (r"ch", "sh"),
    (r"zh", "j"),
    (r"kh", "h"),
    (r"ks", "x"),
    (r"ou", "u"),
    (r"gu(?=[ei])", "g"),
    (r"y", "i"),
    (r"w", "v"),
    (r"(?<=[a-z]{4})e\b", ""),  # Alexandre / Aleksandr
    (r"([a-z])\1+", r"\1"),
)


def name_key(name: str) -> str:
    """The transliteration-blind key of a person's name ("Oleksandr Syrskyï" -> "olexandr sirski")."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    key = " ".join(re.findall(r"[a-z]+", ascii_name))
    for pattern, replacement in RULES:
        key = re.sub(pattern, replacement, key)
    return key


def _distance(a: str, b: str) -> int:
    """Levenshtein distance (short strings: names)."""
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b)))
        previous = current
    return previous[-1]


# Given names written from another language's form (Oleksandr / Alexandre, Heorhiy / Gueorgui) differ by
# this many letters at most once keyed.
GIVEN_NAME_SLACK = 2


def same_person(a: str, b: str) -> bool:
    """Whether two full names are spellings of one person: the same last name once keyed, and given names
    that differ by at most GIVEN_NAME_SLACK letters ("Oleksandr Syrskyi" = "Alexandre Syrsky", "Heorhiy
    Tykhy" = "Gueorgui Tykhyi"; "Kim Jong Un" != "Kim Jong Gyu")."""
    words_a, words_b = name_key(a).split(), name_key(b).split()
    if len(words_a) < 2 or len(words_b) < 2 or words_a[-1] != words_b[-1]:
        return False
    given_a, given_b = " ".join(words_a[:-1]), " ".join(words_b[:-1])
    return _distance(given_a, given_b) <= GIVEN_NAME_SLACK
