"""One compiled matcher per language: every alias folded into a single trie-shaped regex.

A trie-shaped alternation lets the regex engine reject most positions after one character, which is
what makes scanning fast (thousands of aliases, one pass over the text). The regex runs on the folded
text (see folding.py), so it is accent-, case-, apostrophe- and hyphen-tolerant; the case rules are
then checked against the original text, alias by alias.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .folding import case_compatible, fold_alias


@dataclass(frozen=True, slots=True)
class AliasEntry:
    """One spelling of one entity in one language.

    `via`: "alias", "demonym", "metonym", "surname" or "blocker" (a phrase that is no entity and wins
    the longest match, "Amérique latine"). `standalone`: for surnames, whether the bare surname names
    the person even when the text has not given the full name before.
    `takes_article`: a French/English definite article before it belongs to the mention.
    """

    key: str
    kind: str
    via: str
    spelling: str
    takes_article: bool = False
    standalone: bool = True


@dataclass(frozen=True, slots=True)
class RawMatch:
    """A gazetteer hit: a span and the alias entries whose case rules the surface satisfies."""

    start: int
    end: int
    entries: tuple[AliasEntry, ...]


def trie_pattern(words: Iterable[str]) -> str:
    """A regex matching exactly `words`, longest alternative first, shaped as a prefix trie."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        group = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return (group if len(branches) == 1 and len(group) == 1 else f"(?:{group})") + "?"
        return group

    return build(trie)


class Gazetteer:
    """Finds alias spellings in text: leftmost, then longest, never overlapping."""

    def __init__(self, entries: Iterable[AliasEntry]) -> None:
        self._by_surface: dict[str, list[AliasEntry]] = {}
        for entry in entries:
            folded = fold_alias(entry.spelling)
            if folded:
                self._by_surface.setdefault(folded, []).append(entry)
        pattern = trie_pattern(self._by_surface)
        self._regex = re.compile(rf"(?<!\w)(?:{pattern})(?!\w)")

    def __len__(self) -> int:
        return len(self._by_surface)

    def lookup(self, surface: str) -> list[AliasEntry]:
        """Entries whose spelling equals `surface` up to folding and case rules."""
        entries = self._by_surface.get(fold_alias(surface), [])
        return [entry for entry in entries if case_compatible(entry.spelling, surface)]

    def scan(self, text: str, folded: str) -> Iterator[RawMatch]:
        """Yield matches in text order; `folded` is `fold(text)`."""
        for match in self._regex.finditer(folded):
            start, end = match.span()
            found = self._accept(text, folded, start, end)
            if found is not None:
                yield found

    def _accept(self, text: str, folded: str, start: int, end: int) -> RawMatch | None:
        """The longest alias at `start` whose case rules hold, shortening the span if needed."""
        while end > start:
            surface = text[start:end]
            entries = self._by_surface.get(folded[start:end], [])
            allowed = tuple(e for e in entries if case_compatible(e.spelling, surface))
            if allowed:
                return RawMatch(start, end, allowed)
            end = self._shorter_end(folded, start, end)
        return None

    def _shorter_end(self, folded: str, start: int, end: int) -> int:
        """End of the next shorter alias starting at `start` and ending at a word boundary."""
        for candidate in range(end - 1, start, -1):
            if folded[candidate - 1].isalnum() or folded[candidate - 1] == ".":
                boundary = not folded[candidate].isalnum() if candidate < len(folded) else True
                if boundary and folded[start:candidate] in self._by_surface:
                    return candidate
        return start
