"""Bare surnames ("Poutine", "M. Trump", "Kim") referring back to a person named in full earlier."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .context import LanguageContext
from .folding import case_compatible, fold_alias
from .gazetteer import AliasEntry, RawMatch, trie_pattern
from .intervals import overlapping
from .ner_merge import NewPerson
from .types import Mention


def _new_person_matches(text: str, folded: str, new_persons: dict[str, NewPerson]) -> Iterable[RawMatch]:
    """Occurrences of new persons' surnames after their first full mention (one regex pass)."""
    if not new_persons:
        return
    by_surname: dict[str, list[NewPerson]] = {}
    for person in new_persons.values():
        by_surname.setdefault(fold_alias(person.surname), []).append(person)
    pattern = re.compile(rf"(?<!\w)(?:{trie_pattern(by_surname)})(?!\w)")
    first = min(person.first_end for person in new_persons.values())
    for match in pattern.finditer(folded, first):
        surface = text[match.start() : match.end()]
        entries = tuple(
            AliasEntry(person.record.key, "person", "surname", person.surname, standalone=False)
            for person in by_surname[match.group()]
            if person.first_end <= match.start() and case_compatible(person.surname, surface)
        )
        if entries:
            yield RawMatch(match.start(), match.end(), entries)


def _group_by_span(matches: Iterable[RawMatch]) -> list[RawMatch]:
    """One match per span, with the entries of every match on that span."""
    by_span: dict[tuple[int, int], list[AliasEntry]] = {}
    for match in matches:
        by_span.setdefault((match.start, match.end), []).extend(match.entries)
    return [RawMatch(start, end, tuple(entries)) for (start, end), entries in by_span.items()]


def resolve_surnames(
    text: str,
    folded: str,
    context: LanguageContext,
    mentions: list[Mention],
    pending: list[RawMatch],
    new_persons: dict[str, NewPerson],
) -> list[Mention]:
    """Turn bare-surname matches into person mentions; return every mention in text order.

    A surname names the person of that family name mentioned most recently before it; with none
    mentioned yet, the one famous registry person of that name ("Poutine"), if exactly one.
    A preceding honorific joins the span ("M. Poutine"); a preceding capitalised word that is no
    title and does not start the sentence is another given name, so another person.
    """
    candidates = _group_by_span([*pending, *_new_person_matches(text, folded, new_persons)])
    candidates = [c for c in candidates if not overlapping(mentions, c.start, c.end)]
    events: list[tuple[int, int, Mention | RawMatch]] = [(m.start, 0, m) for m in mentions]
    events += [(c.start, 1, c) for c in candidates]
    events.sort(key=lambda event: (event[0], event[1]))
    last_seen: dict[str, int] = {}
    resolved: list[Mention] = []
    for _, _, item in events:
        if isinstance(item, Mention):
            if item.kind == "person":
                last_seen[item.key] = item.end
            resolved.append(item)
            continue
        if resolved and item.start < resolved[-1].end:
            continue
        if context.given_name_before(text, item.start):
            continue  # "Hunter Biden", "Brigitte Macron": another person of that family
        keys = {entry.key for entry in item.entries}
        seen = [key for key in keys if key in last_seen]
        if seen:
            key = max(seen, key=last_seen.__getitem__)
        else:
            famous = {entry.key for entry in item.entries if entry.standalone}
            if len(famous) != 1:
                continue
            key = famous.pop()
        start = context.honorific_start(text, item.start)
        if resolved and start < resolved[-1].end:
            start = item.start
        resolved.append(Mention(start, item.end, text[start : item.end], key, "person", "surname"))
        last_seen[key] = item.end
    return resolved
