"""Per-language grammar: YAML word tables and rule patterns, compiled once per language.

A language file (``data/<lang>.yaml``) holds

* ``words``: tables named like the macros that match them (``MONTH: {janvier: 1, ...}``); a rule
  pattern writes ``@MONTH`` for "any key of that table" and the resolver reads the matched
  word's value back from the same table (see :data:`GROUP_TABLES`);
* ``macros``: reusable regex fragments, which may use ``@NAME`` themselves;
* ``rules``: ``{kind, pattern, ...params}``; ``kind`` names a resolver in ``resolve.py``,
  named groups in ``pattern`` carry the parts the resolver needs (``day``, ``month``, ``unit``...);
* ``future_markers`` / ``past_markers``: regexes giving the tense of a clause;
* ``case_sensitive``: tables matched with their capitals only (English months and weekdays);
* ``number_joiners`` ("et", "and"), ``number_articles`` ("a", "an": one, but never part of a
  longer number), ``numeric_date_order`` (dmy/mdy), ``settings`` (``months_lowercase``);
* ``anaphoric_shifts``: shift words that count from the story's own time, not the DCT
  ("suivant", "following": "la semaine suivante" is the week after the one just told);
* ``approximate_numbers``: number words that are estimates ("une dizaine de", "a couple of");
* ``since_words``: words after which a date opens a period up to the DCT ("depuis", "since");
* ``triggers``: extra words that can start an expression without any word of the tables
  (see ``tagger._regions``: rules only run near digits and words of the tables).

Adding a language is adding such a file (plus tests); no code changes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).parent / "data"

# Named regex group (without trailing digits) -> word table it is looked up in.
GROUP_TABLES = {
    "month": "MONTH",
    "weekday": "WEEKDAY",
    "season": "SEASON",
    "shift": "SHIFT",
    "yshift": "SHIFT",
    "part": "PART",
    "tod": "TOD",
    "unit": "UNIT",
    "dayword": "DAYWORD",
    "anchorword": "ANCHORWORD",
    "ord": "ORD",
    "ref": "REF",
    "setword": "SETWORD",
    "clockword": "CLOCKWORD",
    "vague": "VAGUE",
    "approx": "APPROX",
    "durword": "DURWORD",
    "ampm": "AMPM",
    "qunit": "QUNIT",
    "holiday": "HOLIDAY",
    "era": "ERA",
}

# Tables whose words never make an expression on their own ("fin", "dernier", "three"): a
# stretch of text without any word of the other tables (or a digit) cannot hold a match.
NON_TRIGGER_TABLES = {"PART", "SHIFT", "APPROX", "VAGUE", "NUMBER", "ORD", "AMPM", "ERA"}
TOKEN = re.compile(r"[^\W_]+")

_MACRO = re.compile(r"@([A-Z][A-Z0-9_]*)")
_SPACES = re.compile(r"\s+")
_GROUP_DIGITS = re.compile(r"\d+$")


def normalise(word: str) -> str:
    """Lookup key of a matched word: lower case, straight apostrophes, single spaces."""
    return _SPACES.sub(" ", word.replace("’", "'").replace("\u00a0", " ").strip().lower())


def _units(word: str) -> list[str]:
    """A table key as regex pieces: flexible spaces, apostrophes and hyphens."""
    pieces = []
    for ch in word:
        if ch == " ":
            pieces.append(r"\s+")
        elif ch in "'’":
            pieces.append("['’]")
        elif ch == "-":
            pieces.append(r"\s*-\s*")
        else:
            pieces.append(re.escape(ch))
    return pieces


def _trie_regex(node: dict[str, Any]) -> str:
    """Regex of a trie of regex pieces; "" marks the end of a word."""
    ends = "" in node
    branches = [piece + _trie_regex(child) for piece, child in node.items() if piece != ""]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        # Greedy "(?:...)?": the longer word is tried before the one ending here.
        return "(?:" + body + ")?"
    return body


@dataclass
class Rule:
    """One compiled pattern and what resolves it."""

    index: int
    kind: str
    regex: re.Pattern[str]
    params: dict[str, Any] = field(default_factory=dict)


@dataclass
class Grammar:
    """Everything the tagger needs for one language."""

    lang: str
    tables: dict[str, dict[str, Any]]
    rules: list[Rule]
    number_word: re.Pattern[str]
    numeric_date_order: str
    future_markers: re.Pattern[str] | None
    past_markers: re.Pattern[str] | None
    settings: dict[str, Any]
    triggers: frozenset[str] = frozenset()
    anaphoric_shifts: frozenset[str] = frozenset()
    # Number words that are estimates ("une dizaine de", "a couple of"): an offset by them is
    # approximate.
    approximate_numbers: frozenset[str] = frozenset()
    # Ends with a "since" word: what follows opens a period up to the DCT (see tagger).
    since_words: re.Pattern[str] | None = None

    def lookup(self, group: str, text: str) -> Any:
        """Value of a matched word in the table its group name points to (None if unknown)."""
        table = self.tables.get(GROUP_TABLES.get(_GROUP_DIGITS.sub("", group), ""), {})
        key = normalise(text)
        for candidate in (key, key.rstrip("."), key + ".", re.sub(r"\s*-\s*", "-", key)):
            if candidate in table:
                return table[candidate]
        if key.endswith("s") and key[:-1] in table:
            return table[key[:-1]]
        return None

    def number(self, text: str) -> float | None:
        """Value of a number written in digits ("30,4") or words ("dix-huit", "twenty-four")."""
        text = text.strip()
        fraction = re.search(r"\s*(?:([13])/([24])|½)$", text)
        extra = 0.0
        if fraction:
            extra = int(fraction[1]) / int(fraction[2]) if fraction[1] else 0.5
            text = text[: fraction.start()]
        digits = text.replace(",", ".").replace("\u00a0", "").replace(" ", "")
        if re.fullmatch(r"\d+(?:\.\d+)?", digits):
            value = float(digits) + extra
            return int(value) if value.is_integer() else value
        numbers = self.tables.get("NUMBER", {})
        total = current = 0
        found = False
        for word in self.number_word.findall(text):
            v = numbers.get(normalise(word))
            if v is None:
                continue
            found = True
            if v in (100, 1000):
                current = (current or 1) * v
                if v == 1000:
                    total, current = total + current, 0
            else:
                current += v
        return total + current if found else None


def _alternation(words: list[str]) -> str:
    """One regex matching any of ``words``, as a trie: the engine tests each character once
    instead of every word in turn (the tagger's hot path)."""
    root: dict[str, Any] = {}
    for word in {w for w in words if w}:
        node = root
        for piece in _units(word):
            node = node.setdefault(piece, {})
        node[""] = {}
    return "(?:" + _trie_regex(root) + ")"


def _build(lang: str) -> Grammar:
    raw = yaml.safe_load((DATA_DIR / f"{lang}.yaml").read_text(encoding="utf-8"))
    tables = {
        name: {normalise(str(k)): v for k, v in (table or {}).items()}
        for name, table in raw.get("words", {}).items()
    }
    case_sensitive = set(raw.get("case_sensitive", []))
    # Articles ("a", "an") count as one but never start or join a longer number.
    articles = {normalise(a) for a in raw.get("number_articles", [])}
    number_words = _alternation([w for w in tables.get("NUMBER", {}) if w not in articles])
    article_alt = _alternation(sorted(articles)) if articles else None
    joiners = "|".join(re.escape(j) for j in raw.get("number_joiners", []))
    joiner = rf"(?:\s*-\s*|\s+)(?:(?:{joiners})(?:\s*-\s*|\s+))?" if joiners else r"(?:\s*-\s*|\s+)"
    builtins = {
        "APOS": "['’]",
        # At most six words: longer chains are not numbers, and an unbounded chain backtracks
        # cubically on text like "twenty-one twenty-one ...".
        "NUM": rf"(?:\d+(?:[.,]\d+)?(?:\s+[13]/[24]|\s*½)?|{number_words}(?:{joiner}{number_words}){{0,5}}"
        + (f"|{article_alt}" if article_alt else "")
        + ")",
    }
    macros: dict[str, str] = {}
    for name, table in raw.get("words", {}).items():
        # Built from the keys as written: case-sensitive tables keep their capitals.
        keys = [str(k).replace("’", "'") for k in table or {}]
        alt = _alternation(keys if name in case_sensitive else [k.lower() for k in keys])
        macros[name] = f"(?-i:{alt})" if name in case_sensitive else alt
    macros.update(builtins)
    raw_macros = {k: str(v) for k, v in raw.get("macros", {}).items()}

    def expand(pattern: str, depth: int = 0) -> str:
        if depth > 10:
            raise ValueError(f"macro recursion in {lang}: {pattern}")

        def sub(m: re.Match[str]) -> str:
            name = m.group(1)
            if name in raw_macros:
                return "(?:" + expand(raw_macros[name], depth + 1) + ")"
            if name in macros:
                return macros[name]
            raise KeyError(f"unknown macro @{name} in {lang}.yaml")

        return _MACRO.sub(sub, pattern)

    rules = []
    for i, spec in enumerate(raw.get("rules", [])):
        spec = dict(spec)
        pattern = expand(spec.pop("pattern"))
        kind = spec.pop("kind")
        # Whole words only: a rule never starts or ends inside a word.
        regex = re.compile(rf"(?<![\w@]){pattern}(?![\w@])", re.IGNORECASE)
        rules.append(Rule(i, kind, regex, spec))

    def optional(key: str) -> re.Pattern[str] | None:
        return re.compile(raw[key], re.IGNORECASE) if raw.get(key) else None

    triggers = {str(t).lower() for t in raw.get("triggers", [])}
    trigger_keys = [k for n, t in tables.items() if n not in NON_TRIGGER_TABLES for k in t]
    singles = {k for k in trigger_keys if len(TOKEN.findall(k)) == 1}
    for key in trigger_keys:
        tokens = TOKEN.findall(key)
        if tokens:
            # One token per key is enough: a word that is a key itself ("the day before" ->
            # "day"), else the longest (never "the", "that", "l").
            known = [t for t in tokens if t in singles]
            triggers.add(known[0] if known else max(tokens, key=len))
    return Grammar(
        triggers=frozenset(triggers),
        lang=lang,
        tables=tables,
        rules=rules,
        number_word=re.compile(number_words + (f"|{article_alt}" if article_alt else ""), re.IGNORECASE),
        numeric_date_order=raw.get("numeric_date_order", "dmy"),
        future_markers=optional("future_markers"),
        past_markers=optional("past_markers"),
        settings=raw.get("settings", {}),
        anaphoric_shifts=frozenset(normalise(str(w)) for w in raw.get("anaphoric_shifts", [])),
        approximate_numbers=frozenset(normalise(str(w)) for w in raw.get("approximate_numbers", [])),
        since_words=(
            re.compile(r"(?<![\w@])" + _alternation(raw["since_words"]) + r"\s+\Z", re.IGNORECASE)
            if raw.get("since_words")
            else None
        ),
    )


@cache
def grammar(lang: str) -> Grammar:
    """The compiled grammar of a language (built once per process)."""
    return _build(lang)


def available_languages() -> list[str]:
    return sorted(p.stem for p in DATA_DIR.glob("*.yaml"))
