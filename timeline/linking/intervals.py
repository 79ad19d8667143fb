"""Overlap queries on spans kept sorted by start and never overlapping each other."""

from __future__ import annotations

from bisect import bisect_right
from operator import attrgetter
from typing import Protocol, TypeVar


class Span(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


S = TypeVar("S", bound=Span)
_START = attrgetter("start")


def overlapping(spans: list[S], start: int, end: int) -> list[S]:
    """The spans of `spans` (sorted by start, disjoint) that overlap [start, end)."""
    index = max(bisect_right(spans, start, key=_START) - 1, 0)
    found = []
    while index < len(spans) and spans[index].start < end:
        if spans[index].end > start:
            found.append(spans[index])
        index += 1
    return found
