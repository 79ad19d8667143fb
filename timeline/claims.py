"""A card's status from the stances of its sources: who claims it, who confirms it, who denies it (no Django).

Rules (one place for them):
- Sides are parties: a speaker's country ("country:RU" for the Kremlin, the Russian defence ministry and
  Dmitry Peskov alike); for a speaker of no country, the organisation it speaks for (NATO for its secretary
  general), else the speaker itself. A speaker whose country one source knows has it in every source of the
  card ("Yoshimasa Hayashi" with no country in one article is the "Japan's chief cabinet secretary, Yoshimasa
  Hayashi" of another): one speaker is never two sides. A person of no known country or organisation is of
  an unknown side: it may belong to any side already named, so it never makes a second one.
- A party's stance is its latest one, by publication date (same day: in the order given).
- `confirmed`: a party that had denied later confirms or asserts it; or, with no standing denial, two parties
  or more assert or confirm it, or one party confirms it. A confirmation ("NATO confirmed the deployment",
  "Pyongyang acknowledged its troops") agrees with a report made by someone else, named or not: what an
  analyst reads as confirmed. A lone assertion, even by the party concerned, is only a claim.
- `disputed`: some party's latest stance is a denial (a standing denial outweighs any number of assertions
  and confirmations by others, until the denier itself confirms). A lone denial disputes too: it answers a
  claim made by someone, named or not.
- `claimed`: one party only asserts it.
- None: no source attributes it to anyone.
`first_reported` is the earliest publication date among all the card's sources, attributed or not.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Literal

from timeline.pipeline.attribution import STANCES, Stance

Status = Literal["confirmed", "claimed", "disputed"]
STATUSES: tuple[Status, ...] = ("confirmed", "claimed", "disputed")


@dataclass(frozen=True, slots=True)
class SourceStance:
    """One source of a card (an event of an article): who speaks, how, and when it was published.

    `speaker_key` and `stance` are None for an unattributed source; it still counts for `first_reported`.
    """

    speaker_key: str | None
    speaker_country: str | None
    stance: Stance | None
    published: datetime.date | None
    speaker_name: str = ""
    body: str | None = None
    organization: str | None = None  # the organisation the speaker speaks for (attribution.Speaker)
    speaker_kind: str | None = None  # "person", "organization", "country"; None when not known

    def __post_init__(self) -> None:
        if self.stance is not None and self.stance not in STANCES:
            raise ValueError(f"unknown stance {self.stance!r} (expected one of {', '.join(STANCES)})")
        if (self.speaker_key is None) != (self.stance is None):
            raise ValueError("a source has both a speaker and a stance, or neither")

    @property
    def party(self) -> str | None:
        if self.speaker_key is None:
            return None
        if self.speaker_country:
            return f"country:{self.speaker_country}"
        return self.organization or self.speaker_key


@dataclass(frozen=True, slots=True)
class SpeakerRef:
    """A speaker as the card label names it."""

    key: str
    name: str
    body: str | None


@dataclass(frozen=True, slots=True)
class PartyStance:
    """One side of a card: its stances in publication order and the speakers that voiced them."""

    party: str
    country: str | None
    history: tuple[Stance, ...]
    speakers: tuple[SpeakerRef, ...]
    kind: str | None = None  # the speaker's kind when the party is a speaker of no country or organisation

    @property
    def stance(self) -> Stance:
        """The party's standing stance: its latest."""
        return self.history[-1]

    @property
    def known_side(self) -> bool:
        """Whether the party is a side of its own: anything but a person of no known country or
        organisation."""
        return self.country is not None or self.kind != "person"

    @property
    def confirmed_after_denying(self) -> bool:
        return "denied" in self.history and self.stance != "denied"


@dataclass(frozen=True, slots=True)
class CardStatus:
    status: Status | None
    first_reported: datetime.date | None
    parties: tuple[PartyStance, ...]  # in the order of their first statement

    def parties_by_stance(self) -> list[tuple[Stance, tuple[PartyStance, ...]]]:
        """The parties grouped by standing stance, for the card label ("claimed by Russia (Defence Ministry)
        · denied by Ukraine"); stances in the order asserted, confirmed, denied, empty groups left out."""
        groups = []
        for stance in STANCES:
            parties = tuple(p for p in self.parties if p.stance == stance)
            if parties:
                groups.append((stance, parties))
        return groups


def card_status(sources: Iterable[SourceStance]) -> CardStatus:
    """The status of a card from its sources (see the module docstring for the rules)."""
    sources = list(sources)
    dates = [s.published for s in sources if s.published is not None]
    first_reported = min(dates) if dates else None
    known_country = {s.speaker_key: s.speaker_country for s in sources if s.speaker_key and s.speaker_country}
    known_organization = {s.speaker_key: s.organization for s in sources if s.speaker_key and s.organization}
    sources = [
        replace(
            s,
            speaker_country=s.speaker_country or known_country.get(s.speaker_key),
            organization=s.organization or known_organization.get(s.speaker_key),
        )
        if s.speaker_key
        else s
        for s in sources
    ]
    attributed = [(index, s) for index, s in enumerate(sources) if s.party is not None]
    attributed.sort(key=lambda pair: (pair[1].published or datetime.date.max, pair[0]))
    histories: dict[str, list[Stance]] = {}
    speakers: dict[str, list[SpeakerRef]] = {}
    countries: dict[str, str | None] = {}
    kinds: dict[str, str | None] = {}
    for _, source in attributed:
        assert source.party is not None and source.stance is not None and source.speaker_key is not None
        histories.setdefault(source.party, []).append(source.stance)
        countries[source.party] = source.speaker_country
        kinds[source.party] = source.speaker_kind if source.party == source.speaker_key else None
        ref = SpeakerRef(source.speaker_key, source.speaker_name or source.speaker_key, source.body)
        if ref not in speakers.setdefault(source.party, []):
            speakers[source.party].append(ref)
    parties = tuple(
        PartyStance(party, countries[party], tuple(history), tuple(speakers[party]), kinds[party])
        for party, history in histories.items()
    )
    return CardStatus(_status(parties), first_reported, parties)


def _status(parties: tuple[PartyStance, ...]) -> Status | None:
    if not parties:
        return None
    if any(p.confirmed_after_denying for p in parties):
        return "confirmed"
    if any(p.stance == "denied" for p in parties):
        return "disputed"
    sides = sum(1 for p in parties if p.known_side) or 1
    if sides >= 2 or any(p.stance == "confirmed" for p in parties):
        return "confirmed"
    return "claimed"
