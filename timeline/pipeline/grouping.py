"""Whether two events report the same happening: plain scoring, shared by ingest and its tests.

Reports of one happening in two articles (in either language) name the same actors and places on the same
dates, in different words. Entity identities are language-independent, so the score compares them: a
weighted Jaccard of the entities (a person or place tells more than a country every report names), times
how well the periods agree, with a small bonus for the same category.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

# Two events whose score reaches this are grouped. Chosen on the demo corpus (README: grouping).
GROUP_THRESHOLD = 0.5
KIND_WEIGHT = {"country": 1.0, "person": 2.0, "organization": 1.5, "location": 2.0}


@dataclass(frozen=True)
class Signature:
    date_start: datetime.date
    date_end: datetime.date
    category: str
    entities: frozenset[tuple[int | str, str]]  # (entity id or key, kind)


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


def entity_overlap(a: Signature, b: Signature) -> float:
    union = a.entities | b.entities
    if not union:
        return 0.0
    shared = sum(KIND_WEIGHT.get(kind, 1.0) for _, kind in a.entities & b.entities)
    return shared / sum(KIND_WEIGHT.get(kind, 1.0) for _, kind in union)


def similarity(a: Signature, b: Signature) -> float:
    dates = period_agreement(a, b)
    if dates == 0.0:
        return 0.0
    bonus = 0.1 if a.category == b.category else 0.0
    return min(1.0, dates * entity_overlap(a, b) + bonus * dates)


def same_happening(a: Signature, b: Signature) -> bool:
    return similarity(a, b) >= GROUP_THRESHOLD
