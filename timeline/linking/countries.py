"""Country records and country names per language, from pycountry, Babel (CLDR) and our short forms."""

from __future__ import annotations

import gettext
import re
from collections import defaultdict
from functools import cache

import pycountry
from babel import Locale, UnknownLocaleError

from .folding import fold_alias, slugify
from .types import EntityRecord

# A name "Korea, Republic of" reads "Republic of Korea" when the part after the comma ends with one
# of these words; otherwise only the part before the comma is kept ("Taiwan, Province of China").
_INVERTIBLE_TAIL = re.compile(r"(?:\b(?:of|of the|de|du|des|de la)|d['’])$", re.IGNORECASE)


def country_key(code: str) -> str:
    return f"country:{code}"


@cache
def _babel_territories(lang: str) -> dict[str, str]:
    try:
        return dict(Locale.parse(lang).territories)
    except (UnknownLocaleError, ValueError):
        return {}


@cache
def _iso_translation(lang: str) -> gettext.NullTranslations:
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True)


_CONJUNCTIONS = {"en": "and", "fr": "et"}


def _variants(name: str, lang: str) -> list[str]:
    """Spellings of one official name: comma inverted, parenthesis split, "&" spelt out."""
    found = [name]
    if "(" in name and name.endswith(")"):
        base, inner = name[:-1].split("(", 1)
        found = [base.strip(), inner.strip()]
    if ", " in name:
        head, tail = name.split(", ", 1)
        found = [head]
        if _INVERTIBLE_TAIL.search(tail):
            joiner = "" if tail.endswith(("'", "’")) else " "
            found.append(f"{tail}{joiner}{head}")
    expanded = []
    for variant in found:
        expanded.append(variant)
        if "&" in variant:
            expanded.append(variant.replace("&", _CONJUNCTIONS.get(lang, "&")))
    return expanded


def _iso_names(lang: str, country: object) -> list[str]:
    names = []
    for attribute in ("name", "official_name", "common_name"):
        value = getattr(country, attribute, None)
        if value:
            names.append(value if lang == "en" else _iso_translation(lang).gettext(value))
    return names


@cache
def generated_country_names(lang: str) -> dict[str, list[str]]:
    """Names of every ISO country in `lang` from Babel and pycountry: {alpha-2: [name, ...]}.

    Names that two countries share after folding ("Korea", "Congo") are dropped: the data files'
    short forms say which country such a name means, if any.
    """
    territories = _babel_territories(lang)
    by_folded: dict[str, set[str]] = defaultdict(set)
    spellings: dict[str, dict[str, str]] = defaultdict(dict)
    for country in pycountry.countries:
        code = country.alpha_2
        candidates = [territories.get(code, "")]
        candidates += _iso_names(lang, country) if lang in ("en", "fr") or territories else []
        for candidate in candidates:
            for variant in _variants(candidate, lang) if candidate else []:
                folded = fold_alias(variant)
                if len(folded) > 1:
                    by_folded[folded].add(code)
                    spellings[code].setdefault(folded, variant)
    names: dict[str, list[str]] = defaultdict(list)
    for code, variants in spellings.items():
        for folded, variant in variants.items():
            if len(by_folded[folded]) == 1:
                names[code].append(variant)
    return dict(names)


def country_records(names_by_lang: dict[str, dict[str, list[str]]]) -> dict[str, EntityRecord]:
    """One record per ISO 3166 country, with its English and French display names.

    `names_by_lang` ({lang: {alpha-2: [name, ...]}}) becomes each record's aliases.
    """
    english = _babel_territories("en")
    french = _babel_territories("fr")
    records = {}
    for country in pycountry.countries:
        code = country.alpha_2
        name = english.get(code) or getattr(country, "common_name", None) or country.name
        names = {"en": name, "fr": french.get(code) or _iso_translation("fr").gettext(country.name)}
        records[code] = EntityRecord(
            key=country_key(code),
            kind="country",
            name=name,
            slug=slugify(name),
            names=names,
            aliases={
                lang: list(dict.fromkeys(by_code.get(code, []))) for lang, by_code in names_by_lang.items()
            },
            country_code=code,
        )
    return records
