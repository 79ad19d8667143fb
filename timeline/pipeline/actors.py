"""Who acts in a clause: actors (not someone else's role, not the source of a report), the countries
their mentions imply (role-aware: the head of an international organisation brings no home country; a
meeting's venue is no party), and the clause's main actor. Plain data, no Django."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Protocol, TypeVar

from timeline.linking.types import EntityRecord, Mention
from timeline.pipeline.event_language import event_language

ACTOR_KINDS = {"person", "country", "organization"}
IMPLYING_KINDS = {"person", "location"}
# How far (characters) a person and the international organisation they speak for may stand apart.
ROLE_REACH = 70


@dataclass(frozen=True, slots=True)
class EventMention:
    start: int
    end: int
    text: str
    key: str
    kind: str
    via: str


class _Span(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def kind(self) -> str: ...
    @property
    def via(self) -> str: ...


M = TypeVar("M", bound=_Span)


def completes_a_role(text: str, mention: Mention, lang: str) -> bool:
    """Whether a person names whose role someone else holds ("the envoy of X", "X's chief of staff"): then
    they are not an actor of the clause. A country is: its envoy or spokesman acts for it ("North Korea's
    deputy ambassador")."""
    if mention.kind == "country":
        return False
    language = event_language(lang)
    before = text[max(0, mention.start - 60) : mention.start]
    after = text[mention.end : mention.end + 60]
    return bool(language.role_before.search(before) or language.role_after.match(after))


def is_a_source(text: str, mention: Mention, lang: str) -> bool:
    """Whether a name is the source of the report ("according to X", "selon X"): not an actor."""
    before = text[max(0, mention.start - 50) : mention.start]
    return event_language(lang).source_before.search(before) is not None


def actors_of(text: str, mentions: Sequence[Mention], lang: str, head: int | None = None) -> list[Mention]:
    """The mentions that are actors (or places) of their clause (see `completes_a_role`); a place named
    before the predicate (`head`) after a locative ("À Bruxelles, ...") is the clause's setting and is
    left out."""
    language = event_language(lang)
    mentions = [
        m
        for m in mentions
        if not (
            m.kind == "location"
            and head is not None
            and m.end <= head
            and language.setting_before.search(text[max(0, m.start - 12) : m.start])
        )
    ]
    return [
        m
        for m in mentions
        if m.kind == "location" or not (completes_a_role(text, m, lang) or is_a_source(text, m, lang))
    ]


def _speaks_for_international_body(
    text: str, person: Mention, mentions: Sequence[Mention], record: Callable[[str], EntityRecord | None]
) -> str | None:
    """The international organisation (no country of its own) named right beside a person, with
    only words of a title between ("NATO Secretary General Mark Rutte", "Mark Rutte, the head of NATO")."""
    for other in mentions:
        if other.kind != "organization":
            continue
        entity = record(other.key)
        if entity is None or entity.country_code:
            continue
        if other.end <= person.start:
            gap = text[other.end : person.start]
        elif person.end <= other.start:
            gap = text[person.end : other.start]
        else:
            continue
        if len(gap) <= ROLE_REACH and not re.search(r"[.;:!?]", gap) and len(gap.split()) <= 7:
            between = [
                m for m in mentions if m is not other and m is not person and _between(m, person, other)
            ]
            if not between:
                return other.key
    return None


def _between(mention: Mention, a: Mention, b: Mention) -> bool:
    low, high = min(a.end, b.end), max(a.start, b.start)
    return low <= mention.start and mention.end <= high


def with_implied_countries(
    mentions: Sequence[Mention],
    record: Callable[[str], EntityRecord | None],
    text: str = "",
    *,
    venues: bool = False,
    international: Mapping[str, str] = MappingProxyType({}),
) -> tuple[EventMention, ...]:
    """The mentions, plus the country of each person, place or state body not already named.

    Organisations imply nothing unless they act for their state: a news agency's country (AFP, France) is
    not involved in what it reports. A person speaking for an international organisation named beside
    them does not bring their own country, nor does a person of `international` (introduced so elsewhere
    in the article). With `venues`, places are only where the action happens ("met
    in Rome") and imply nothing.
    """
    out = [EventMention(m.start, m.end, m.text, m.key, m.kind, m.via) for m in mentions]
    seen = {m.key for m in mentions}
    for mention in mentions:
        entity = record(mention.key)
        if entity is None or not entity.country_code or mention.kind == "country":
            continue
        if mention.kind == "organization" and not entity.acts_for_country:
            continue
        if mention.kind == "location" and venues:
            continue
        if mention.kind == "person" and (
            mention.key in international
            or (text and _speaks_for_international_body(text, mention, mentions, record))
        ):
            continue
        key = f"country:{entity.country_code}"
        if key not in seen:
            seen.add(key)
            out.append(EventMention(mention.start, mention.end, mention.text, key, "country", "implied"))
    return tuple(out)


def international_persons(
    text: str, mentions: Sequence[Mention], record: Callable[[str], EntityRecord | None], lang: str = ""
) -> dict[str, str]:
    """The persons the article introduces as speaking for an international organisation ("NATO Secretary
    General Mark Rutte"), with that organisation's key: later mentions ("Rutte said") do not bring their
    home country either, and they act for the organisation. A title only the head of such a body bears
    ("Secretary-General Antonio Guterres", `international_titles` of the language) ties its holder to the
    international organisation named last before, in the same sentence."""
    speaks_for: dict[str, str] = {}
    titles = event_language(lang).international_title if lang else None
    for index, mention in enumerate(mentions):
        if mention.kind != "person" or mention.key in speaks_for:
            continue
        near = mentions[max(0, index - 3) : index + 4]
        body = _speaks_for_international_body(text, mention, near, record)
        titled = titles is not None and titles.search(text[max(0, mention.start - 40) : mention.start])
        if body is None and titled:
            body = _international_body_before(text, mention, mentions[:index], record)
        if body is not None:
            speaks_for[mention.key] = body
    return speaks_for


def _international_body_before(
    text: str, person: Mention, before: Sequence[Mention], record: Callable[[str], EntityRecord | None]
) -> str | None:
    """The last international organisation named before a person in their sentence."""
    for other in reversed(before):
        if re.search(r"[.!?]\s", text[other.end : person.start]):
            return None
        entity = record(other.key) if other.kind == "organization" else None
        if entity is not None and not entity.country_code:
            return other.key
    return None


POSSESSIVE = re.compile(r"^['’]s?\b")


def main_actor(text: str, mentions: Iterable[M], at: int | None, lang: str, offset: int = 0) -> M | None:
    """The clause's main actor: the first actor named before its first predicate word (at `at` in
    `text`; mention offsets minus `offset` are positions in `text`) that is neither an owner ("Russia's
    top general"), an adjective ("le ministère sud-coréen"), nor a complement ("after talks with X");
    else the first owner or adjective ("Ukrainian forces crossed": Ukraine)."""
    if at is None:
        return None
    language = event_language(lang)
    before = [m for m in mentions if m.kind in ACTOR_KINDS and m.via != "implied" and m.end - offset <= at]
    owners = []
    for index, mention in enumerate(before):
        start, end = mention.start - offset, mention.end - offset
        following = before[index + 1] if index + 1 < len(before) else None
        titled = (  # "NATO Secretary General Mark Rutte": NATO says whose head Rutte is
            following is not None
            and mention.kind != "person"
            and following.kind == "person"
            and following.start - offset - end <= ROLE_REACH
        )
        if POSSESSIVE.match(text[end : end + 3]) or mention.via == "demonym" or titled:
            owners.append(mention)
        elif not language.complement_before.search(after_last_break(text[max(0, start - 40) : start])):
            if following is not None and language.conjunction.match(text[end : following.start - offset]):
                return None  # "Ukraine and Russia exchanged ...": both act, neither is the main actor
            return mention
    return owners[0] if owners else None


def after_last_break(before: str) -> str:
    """The part of `before` after the last sentence, clause or phrase break ("Later on Tuesday, President
    X said": X is no complement of "on")."""
    cut = max(before.rfind(mark) for mark in ".!?;:,\n")
    return before[cut + 1 :]


def subject_of(text: str, mentions: Iterable[EventMention | Mention], at: int | None, lang: str) -> str:
    """The key of the clause's main actor (see `main_actor`), "" when none is named."""
    found = main_actor(text, mentions, at, lang)
    return found.key if found is not None else ""
