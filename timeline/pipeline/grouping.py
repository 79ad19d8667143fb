"""Whether two events report the same happening: plain scoring, shared by ingest and its tests.

Reports of one happening in two articles (in either language) name the same actors and places on the same
dates, in different words, and say the same thing happened. Entity identities and action types are
language-independent, so the score compares them:
- two different actions are never one happening ("thanked" and "announced"; a speech act that carries the
  other's action counts as the same: "announced the recapture" and "retook");
- two reports whose main actors differ are never one happening (two capitals' separate reactions), a
  person or a state body and the country they act for counting as the same actor;
- otherwise a weighted Jaccard of the entities (a person or place tells more than a country every report
  names), times how well the periods agree, with a small bonus for the same category and for the same
  named action.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from timeline.pipeline.actions import Predicate, compatible, predicate
from timeline.pipeline.actors import main_actor
from timeline.pipeline.event_language import event_language

# Two events whose score reaches this are grouped. Chosen on the demo corpus (README: grouping).
GROUP_THRESHOLD = 0.5
KIND_WEIGHT = {"country": 1.0, "person": 2.0, "organization": 1.5, "location": 2.0}
SAME_ACTION_BONUS = 0.1
SAME_PERSON_BONUS = 0.1
UNKNOWN_ACTION_WEIGHT = 0.8
CONTAINMENT_WEIGHT = 0.6
# Clause boundaries strong enough to cut a stored sentence without its time expressions: the first ones of
# each language's list (";", ", which/but/...", " and, ").
STRONG_BOUNDARIES = 3


@dataclass(frozen=True)
class Signature:
    date_start: datetime.date
    date_end: datetime.date
    category: str
    entities: frozenset[tuple[int | str, str]]  # (entity id or key, kind)
    action: str = ""
    carried: str = ""
    subject: int | str | None = None  # the main actor's entity id or key
    subject_country: int | str | None = None  # the country that actor acts for, if not itself a country
    subject_kind: str = ""


def period_agreement(a: Signature, b: Signature) -> float:
    """1 for the same period, less when one period only contains or overlaps the other, 0 when disjoint."""
    if a.date_start > b.date_end or b.date_start > a.date_end:
        return 0.0
    if (a.date_start, a.date_end) == (b.date_start, b.date_end):
        return 1.0
    contains = (a.date_start <= b.date_start and b.date_end <= a.date_end) or (
        b.date_start <= a.date_start and a.date_end <= b.date_end
    )
    return 0.75 if contains else 0.5


def _weight(entities: frozenset[tuple[int | str, str]]) -> float:
    return sum(KIND_WEIGHT.get(kind, 1.0) for _, kind in entities)


def entity_overlap(a: Signature, b: Signature) -> float:
    """The weighted share of entities two events have in common (Jaccard)."""
    union = a.entities | b.entities
    if not union:
        return 0.0
    return _weight(a.entities & b.entities) / _weight(union)


def entity_containment(a: Signature, b: Signature) -> float:
    """How much of the shorter report the longer one names too: a report that names more (a longer
    article, a place, a minister) is not less the same happening."""
    smaller = min(_weight(a.entities), _weight(b.entities))
    return _weight(a.entities & b.entities) / smaller if smaller else 0.0


def same_actor(a: Signature, b: Signature) -> bool:
    """Whether the main actors can be the same: one is unknown, they are the same entity, or they act for
    the same country (a person, a ministry, the country itself). Two capitals that each react on their own
    fail this."""
    if a.subject is None or b.subject is None:
        return True
    if a.subject_kind == b.subject_kind == "person" and a.subject != b.subject:
        return False  # two persons speak on their own, even for one country
    if _country_unknown(a) or _country_unknown(b):
        return True  # a spokesman the text ties to no country may speak for the other's

    country_a = a.subject_country if a.subject_country is not None else a.subject
    country_b = b.subject_country if b.subject_country is not None else b.subject
    return a.subject == b.subject or country_a == country_b


def _country_unknown(signature: Signature) -> bool:
    return signature.subject_kind == "person" and signature.subject_country is None


def similarity(a: Signature, b: Signature) -> float:
    dates = period_agreement(a, b)
    if dates == 0.0:
        return 0.0
    if not compatible(a.action, a.carried, b.action, b.carried) or not same_actor(a, b):
        return 0.0
    bonus = 0.1 if a.category == b.category else 0.0
    known = bool(a.action) + bool(b.action)
    if known == 2:
        bonus += SAME_ACTION_BONUS
    if a.subject_kind == b.subject_kind == "person" and a.subject == b.subject:
        bonus += SAME_PERSON_BONUS  # one person's statement of the day, told twice
    # An event whose action was not read may be anything: weaker evidence than two named actions. Two
    # named, compatible actions with the same main actor let a shorter report stand inside a longer one.
    weight = UNKNOWN_ACTION_WEIGHT if known == 1 else 1.0
    overlap = entity_overlap(a, b)
    if known == 2:
        overlap = max(overlap, CONTAINMENT_WEIGHT * entity_containment(a, b))
    return min(1.0, weight * (dates * overlap + bonus * dates))


def _narrowest(signatures: Iterable[Signature]) -> Signature:
    return min(signatures, key=lambda s: (s.date_end - s.date_start, s.date_start))


def group_similarity(mine: Iterable[Signature], group: Iterable[Signature]) -> float:
    """How well one happening's reports (`mine`) fit a group: their best pair's similarity, 0 when their
    most precise period and the group's are disjoint. A group's vaguest report ("in August") must not
    draw in what its most precise ones exclude (a report of August 6 into a group of August 8)."""
    mine, group = list(mine), list(group)
    if not mine or not group:
        return 0.0
    if period_agreement(_narrowest(mine), _narrowest(group)) == 0.0:
        return 0.0
    return max(similarity(one, other) for one in mine for other in group)


def same_happening(a: Signature, b: Signature) -> bool:
    return similarity(a, b) >= GROUP_THRESHOLD


def stored_clause(sentence: str, date_text: str, lang: str) -> tuple[int, int]:
    """The span of a stored event's clause in its sentence: the part between strong clause boundaries that
    holds its time expression (the whole sentence when it has none or the boundaries are not found)."""
    cuts = sorted(
        {
            match.start()
            for pattern in event_language(lang).clause_boundaries[:STRONG_BOUNDARIES]
            for match in pattern.finditer(sentence)
        }
    )
    at = sentence.find(date_text) if date_text else -1
    if at < 0 or not cuts:
        return 0, len(sentence)
    start = max((c for c in cuts if c <= at), default=0)
    end = min((c for c in cuts if c > at), default=len(sentence))
    return start, end


@lru_cache(maxsize=65536)
def clause_predicate(sentence: str, date_text: str, lang: str) -> tuple[int, Predicate]:
    """Where a stored event's clause starts in its sentence, and its predicate (cached: a group's reports
    are compared again with every new article)."""
    start, end = stored_clause(sentence, date_text, lang)
    return start, predicate(sentence, lang, start, end) if re.search(r"\w", sentence) else Predicate()


@dataclass(frozen=True, slots=True)
class StoredMention:
    start: int  # offset in the article
    end: int
    entity: int | str
    kind: str
    via: str
    country: int | str | None  # the entity's country (None for a country or when unknown)


def happening_terms(
    sentence: str, sentence_start: int, date_text: str, lang: str, mentions: Iterable[StoredMention]
) -> tuple[Predicate, StoredMention | None]:
    """The predicate of a stored event's clause and its main actor (see events.main_actor), read again
    from the stored sentence so that every event, old or new, is read alike."""
    start, found = clause_predicate(sentence, date_text, lang)
    in_clause = [m for m in mentions if m.start >= sentence_start + start]
    return found, main_actor(sentence, in_clause, found.head, lang, offset=sentence_start)
