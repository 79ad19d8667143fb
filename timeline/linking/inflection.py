"""Regular inflection of demonyms, so the data files list only the base form."""

from __future__ import annotations


def french_forms(masculine: str) -> list[str]:
    """Masculine/feminine, singular/plural of a regular French demonym adjective.

    russe -> russes; ukrainien -> ukrainienne(s), ukrainiens; letton -> lettonne(s);
    chinois -> chinoise(s); américain -> américaine(s), américains.
    """
    if masculine.endswith("e"):
        return [masculine, masculine + "s"]
    feminine = masculine + "ne" if masculine.endswith(("en", "on")) else masculine + "e"
    plural = masculine if masculine.endswith(("s", "x")) else masculine + "s"
    return list(dict.fromkeys([masculine, feminine, plural, feminine + "s"]))


def english_forms(adjective: str) -> list[str]:
    """An English demonym and its plural noun: Russian -> Russians, Israeli -> Israelis.

    Adjectives in -ese, -ish, -ch, -s take no plural (Chinese, British, French, Swiss).
    """
    if adjective.endswith(("ese", "sh", "ch", "s")):
        return [adjective]
    return [adjective, adjective + "s"]


def demonym_forms(lang: str, base: str) -> list[str]:
    """Every form of a regular demonym in `lang`; unknown languages keep the base form only."""
    if lang == "fr":
        return french_forms(base)
    if lang == "en":
        return english_forms(base)
    return [base]
