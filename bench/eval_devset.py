"""Score extraction per card on the hand-written dev set (or the held-out set) against its gold.

    .venv/bin/python bench/eval_devset.py [--set devset|devset2|heldout|devset+devset2]
        [--backend fallback|stanza] [--models tests/fixtures/stanza] [--folds 5] [--errors] [--json]

The articles of bench/<set>/ are ingested through the real pipeline (the Ingestor, as `manage.py ingest`
runs it) into a temporary SQLite database; the scorer then reads the stored events back through
timeline.export.iter_event_dicts, i.e. what the timeline and the API show.

A *card* here is an article's events collapsed per group (what a reader sees of one article on one card);
its date is its lead event's (the shortest period, as timeline/index.py chooses). The gold format is in
bench/devset/README.md. Figures:

- precision: cards that match a gold happening of their article (one of the card's sentences contains an
  anchor phrase of the happening and the card's period overlaps the gold period), counting only one card
  per happening (the others are duplicates) / all cards;
- recall: gold happenings (per article) found by a card;
- duplicates: extra cards of one article for one gold happening;
- noise cards: cards whose sentences hold a phrase that must not become an event and no anchor;
- actor accuracy: matched cards whose actors (countries, persons, organisations of their events) include
  the required actors and nothing outside required + optional;
- date accuracy: gold happenings whose anchor is on a card and one such card has exactly the gold period;
- grouping: pairs of articles reporting one gold happening whose matching cards share a timeline group,
  and pairs of different gold happenings that ended in one group (wrong merges);
- speaker, stance (issue 13): for gold mentions with a speaker or stance, the extracted events holding the
  anchor; "n/a" while the export has no `speaker`/`stance` fields;
- card status (issue 13): confirmed / claimed / disputed derived from the gold stances of every mention of
  a happening in the set, against the status of the timeline group; "n/a" while the app exposes none.

With --folds k the articles are split into k folds by document (articles reporting a common happening kept
together) and the figures are printed per fold, with their mean and worst fold.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import re
import sys
import tempfile
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SETS = {
    "devset": REPO / "bench" / "devset",
    "devset2": REPO / "bench" / "devset2",
    "heldout": REPO / "bench" / "heldout",
}
STANCES = ("asserted", "confirmed", "denied")
ISO_CODE = re.compile(r"^[A-Z]{2}$")


# -- gold ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mention:
    """One place where an article reports a happening: an anchor phrase and who says so."""

    anchor: str
    speaker: str | tuple[str, ...] | None = None  # several names: any of them is right
    speaker_country: str | None = None
    stance: str | None = None

    @property
    def attributed(self) -> bool:
        return self.speaker is not None or self.stance is not None


@dataclass(frozen=True)
class Happening:
    """A gold happening as one article reports it; `id` is global (shared by articles reporting it)."""

    id: str
    action: str
    start: str
    end: str
    precision: str
    actors: frozenset[str]
    optional_actors: frozenset[str]
    mentions: tuple[Mention, ...]
    optional: bool = False  # background an editor may keep or leave: neither required nor wrong

    @property
    def period(self) -> tuple[str, str]:
        return (self.start, self.end)


@dataclass(frozen=True)
class GoldArticle:
    name: str  # the article file's stem
    path: Path
    happenings: tuple[Happening, ...]
    not_events: tuple[str, ...]


class GoldError(Exception):
    """A gold file that does not follow the format of bench/devset/README.md."""


def period_of(date: str) -> tuple[str, str, str]:
    """(start, end, precision) of a TIMEX3 date value (2024-08-06, 2024-SU, 2025-03, 2024-W32...)."""
    sys.path.insert(0, str(REPO))
    from timeline.temporal.calendar import value_period

    found = value_period(date)
    if found is None:
        raise GoldError(f"{date!r} is not a TIMEX3 date value")
    start, end, precision = found
    return start.isoformat(), end.isoformat(), str(precision.value)


def as_speaker(value: object) -> str | tuple[str, ...] | None:
    return tuple(value) if isinstance(value, list) else value  # type: ignore[return-value]


def parse_happening(data: dict, where: str) -> Happening:
    try:
        if "date" in data:
            start, end, precision = period_of(data["date"])
        else:
            start, end = data["period"]["start"], data["period"]["end"]
            precision = data["period"].get("precision", "")
        speaker = as_speaker(data.get("speaker"))
        speaker_country = data.get("speaker_country")
        stance = data.get("stance")
        mentions = []
        for anchor in data["anchors"]:
            if isinstance(anchor, str):
                mentions.append(Mention(anchor, speaker, speaker_country, stance))
            else:
                mentions.append(
                    Mention(
                        anchor["text"],
                        as_speaker(anchor.get("speaker", speaker)),
                        anchor.get("speaker_country", speaker_country),
                        anchor.get("stance", stance),
                    )
                )
        happening = Happening(
            id=data["id"],
            action=data["action"],
            start=start,
            end=end,
            precision=precision,
            actors=frozenset(data["actors"]),
            optional_actors=frozenset(data.get("optional_actors", [])),
            mentions=tuple(mentions),
            optional=bool(data.get("optional", False)),
        )
    except (KeyError, TypeError) as error:
        raise GoldError(f"{where}: a happening lacks or misuses {error}") from error
    for mention in happening.mentions:
        if mention.stance not in (None, *STANCES):
            raise GoldError(f"{where}: stance {mention.stance!r} is not one of {STANCES}")
    if not happening.mentions:
        raise GoldError(f"{where}: happening {happening.id} has no anchor")
    return happening


def load_gold(set_dir: Path) -> list[GoldArticle]:
    """Every article of a set with its gold (<stem>.txt beside <stem>.gold.json), in name order."""
    articles = []
    for path in sorted(set_dir.glob("*.txt")):
        gold_path = path.with_suffix(".gold.json")
        if not gold_path.exists():
            raise GoldError(f"{path.name} has no gold file {gold_path.name}")
        data = json.loads(gold_path.read_text(encoding="utf-8"))
        articles.append(
            GoldArticle(
                name=path.stem,
                path=path,
                happenings=tuple(
                    parse_happening(h, f"{gold_path.name}#{i}") for i, h in enumerate(data["happenings"])
                ),
                not_events=tuple(data.get("not_events", [])),
            )
        )
    return articles


def load_name_variants(set_dir: Path) -> dict[str, str]:
    """Folded spelling -> folded canonical name, from <set>/names.json ({"canonical": ["variant", ...]})."""
    path = set_dir / "names.json"
    variants: dict[str, str] = {}
    if path.exists():
        for canonical, others in json.loads(path.read_text(encoding="utf-8")).items():
            for name in [canonical, *others]:
                variants[fold(name)] = fold(canonical)
    return variants


# -- extracted cards ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Extracted:
    """An extracted event as the export shows it, reduced to what the scorer compares."""

    id: int
    article: str
    sentence: str
    start: str
    end: str
    actors: frozenset[str]  # country codes and person / organisation names
    group: object  # the timeline group id, or ("event", id) for an event alone on its card
    speaker: dict | None = None
    stance: str | None = None
    attribution_known: bool = False  # the export has speaker and stance fields (issue 13)


@dataclass
class Card:
    article: str
    group: object
    events: list[Extracted]

    @property
    def lead(self) -> Extracted:
        return min(
            self.events, key=lambda e: (days(e.start, e.end), e.start, e.id)
        )  # the rule of timeline/index.py

    @property
    def period(self) -> tuple[str, str]:
        return (self.lead.start, self.lead.end)

    @property
    def actors(self) -> frozenset[str]:
        return frozenset().union(*(e.actors for e in self.events))


def days(start: str, end: str) -> int:
    import datetime

    return (datetime.date.fromisoformat(end) - datetime.date.fromisoformat(start)).days


def extracted_from_dict(item: dict, article: str) -> Extracted:
    """An Extracted from one dictionary of timeline.export.event_dict."""
    actors = {c["code"] for c in item["countries"]}
    actors |= {p["name"] for p in item["persons"]} | {o["name"] for o in item["organizations"]}
    group = item["group"] if item["group"] is not None else ("event", item["id"])
    return Extracted(
        id=item["id"],
        article=article,
        sentence=item["text"],
        start=item["date_start"],
        end=item["date_end"],
        actors=frozenset(actors),
        group=group,
        speaker=item.get("speaker"),
        stance=item.get("stance"),
        attribution_known="speaker" in item and "stance" in item,
    )


def collapse(events: Iterable[Extracted]) -> list[Card]:
    """An article's events collapsed per group: the cards a reader sees of each article."""
    cards: dict[tuple[str, object], Card] = {}
    for event in sorted(events, key=lambda e: e.id):
        key = (event.article, event.group)
        cards.setdefault(key, Card(event.article, event.group, [])).events.append(event)
    return list(cards.values())


# -- matching -----------------------------------------------------------------------------------------


def fold(text: str) -> str:
    """Lower case, no accents, punctuation as spaces, spaces collapsed: spelling-insensitive comparison."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text).split())


def contains(sentence: str, phrase: str) -> bool:
    return f" {fold(phrase)} " in f" {fold(sentence)} "


def overlaps(a: tuple[str, str], b: tuple[str, str]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def card_mentions(card: Card, happening: Happening) -> bool:
    """Whether one of the card's sentences holds an anchor of the happening."""
    return any(contains(e.sentence, m.anchor) for e in card.events for m in happening.mentions)


def card_matches(card: Card, happening: Happening) -> bool:
    """A card reports a gold happening: an anchor in one of its sentences and an overlapping period."""
    return card_mentions(card, happening) and overlaps(card.period, happening.period)


def is_noise(card: Card, article: GoldArticle) -> bool:
    """A card made of text that must not become an event (and holding no anchor at all)."""
    anchored = any(card_mentions(card, h) for h in article.happenings)
    return not anchored and any(contains(e.sentence, p) for e in card.events for p in article.not_events)


def actor_key(name: str, variants: dict[str, str]) -> str:
    """A comparable form of an actor: a country code as is, a name folded through its known variants."""
    if ISO_CODE.match(name):
        return name
    folded = fold(name)
    return variants.get(folded, folded)


def actor_errors(card: Card, happening: Happening, variants: dict[str, str]) -> tuple[set[str], set[str]]:
    """(required actors missing, actors outside required + optional) of a card for a happening."""
    found = {actor_key(a, variants): a for a in card.actors}
    required = {actor_key(a, variants): a for a in happening.actors}
    allowed = set(required) | {actor_key(a, variants) for a in happening.optional_actors}
    missing = {name for key, name in required.items() if key not in found}
    wrong = {name for key, name in found.items() if key not in allowed}
    return missing, wrong


def speaker_matches(
    extracted: dict | None, gold: str | tuple[str, ...] | None, variants: dict[str, str]
) -> bool:
    """An extracted speaker ({"kind", "id", "name", "country"} or None) against a gold speaker.

    A gold speaker is a country code, a person or organisation name, or a tuple of acceptable ones."""
    if gold is None or extracted is None:
        return gold is None and extracted is None
    if isinstance(gold, tuple):
        return any(speaker_matches(extracted, one, variants) for one in gold)
    if ISO_CODE.match(gold) and extracted.get("kind") == "country":
        return gold in (extracted.get("country"), extracted.get("code"), extracted.get("id"))
    return actor_key(str(extracted.get("name") or ""), variants) == actor_key(gold, variants)


def gold_status(mentions: Iterable[Mention]) -> str | None:
    """A card's status from the stances of every report of its happening (issue 13), by the rules of
    timeline/claims.py (parties are speaker countries, else speakers; the order of reports is not known
    here, so a party that denied and also asserted or confirmed is taken to have come round):

    confirmed: a party that denied also confirmed or asserted it; else, with no denial, someone confirmed it
    or two parties asserted it; disputed: someone denied it; claimed: asserted by one side only; None:
    nobody says anything.
    """
    stances: dict[object, set[str]] = defaultdict(set)
    for m in mentions:
        if m.stance:
            stances[m.speaker_country or m.speaker].add(m.stance)
    if not stances:
        return None
    if any("denied" in said and len(said) > 1 for said in stances.values()):
        return "confirmed"
    if any("denied" in said for said in stances.values()):
        return "disputed"
    if len(stances) >= 2 or any("confirmed" in said for said in stances.values()):
        return "confirmed"
    return "claimed"


def gold_statuses(articles: Iterable[GoldArticle]) -> dict[str, str | None]:
    """The gold status of every happening id, from all its mentions in these articles."""
    mentions: dict[str, list[Mention]] = defaultdict(list)
    for article in articles:
        for happening in article.happenings:
            if not happening.optional:
                mentions[happening.id].extend(happening.mentions)
    return {hid: gold_status(found) for hid, found in mentions.items()}


# -- scoring ------------------------------------------------------------------------------------------


@dataclass
class Scores:
    articles: int = 0
    cards: int = 0
    right_cards: int = 0  # match a happening and are its first card
    anchored_cards: int = 0  # match a happening, duplicates included
    duplicates: int = 0
    noise_cards: int = 0
    gold: int = 0
    found: int = 0
    actors_right: int = 0
    missing_actors: int = 0
    wrong_actors: int = 0
    dated: int = 0  # gold happenings some card mentions (holds an anchor of)
    dates_right: int = 0  # ... and one of those cards has the gold period
    same_pairs: int = 0
    same_pairs_grouped: int = 0
    merged_pairs: int = 0
    attributed: int = 0  # gold mentions with a speaker or stance whose anchor is in an extracted event
    speakers_right: int | None = None
    stances_right: int | None = None
    false_attributions: int | None = None
    status_cards: int = 0
    statuses_right: int | None = None
    errors: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def ratio(self, part: int | None, whole: int) -> float | None:
        return None if part is None or whole == 0 else part / whole

    def figures(self) -> dict[str, float | int | None]:
        return {
            "articles": self.articles,
            "cards": self.cards,
            "precision": self.ratio(self.right_cards, self.cards),
            "cards_on_a_happening": self.ratio(self.anchored_cards, self.cards),
            "recall": self.ratio(self.found, self.gold),
            "duplicates": self.duplicates,
            "noise_cards": self.noise_cards,
            "actor_accuracy": self.ratio(self.actors_right, self.right_cards),
            "missing_actors": self.missing_actors,
            "wrong_actors": self.wrong_actors,
            "date_accuracy": self.ratio(self.dates_right, self.dated),
            "same_happening_pairs": self.same_pairs,
            "pairs_grouped": self.ratio(self.same_pairs_grouped, self.same_pairs),
            "different_happenings_merged": self.merged_pairs,
            "attributed_mentions": self.attributed,
            "speaker_accuracy": self.ratio(self.speakers_right, self.attributed),
            "stance_accuracy": self.ratio(self.stances_right, self.attributed),
            "false_attributions": self.false_attributions,
            "cards_with_a_claim": self.status_cards,
            "status_accuracy": self.ratio(self.statuses_right, self.status_cards),
        }


def score(
    articles: Sequence[GoldArticle],
    events: Iterable[Extracted],
    variants: dict[str, str] | None = None,
    group_status: dict[object, str | None] | None = None,
    statuses: dict[str, str | None] | None = None,
) -> Scores:
    """Score the extracted events of `articles` against their gold.

    `group_status`: the status the app gives each timeline group (None when it has none: n/a).
    `statuses`: the gold status of each happening id (default: derived from these articles' stances).
    """
    variants = variants or {}
    names = {a.name for a in articles}
    events = [e for e in events if e.article in names]
    cards_by_article: dict[str, list[Card]] = defaultdict(list)
    for card in collapse(events):
        cards_by_article[card.article].append(card)
    has_speakers = any(e.attribution_known for e in events)
    result = Scores(articles=len(articles))
    if has_speakers:
        result.speakers_right = result.stances_right = result.false_attributions = 0
    # happening id -> article -> groups of the cards reporting it
    groups_of: dict[str, dict[str, set[object]]] = defaultdict(lambda: defaultdict(set))
    happenings_in_group: dict[object, set[str]] = defaultdict(set)

    for article in articles:
        score_article(article, cards_by_article.get(article.name, []), result, variants, has_speakers)
        for happening in article.happenings:
            if happening.optional:
                continue
            for card in cards_by_article.get(article.name, []):
                if card_matches(card, happening):
                    groups_of[happening.id][article.name].add(card.group)
                    happenings_in_group[card.group].add(happening.id)

    # grouping: every pair of articles reporting one happening should share a group
    present: dict[str, list[str]] = defaultdict(list)
    for article in articles:
        for happening in article.happenings:
            if not happening.optional:
                present[happening.id].append(article.name)
    for happening_id, names_with in present.items():
        for a, b in itertools.combinations(sorted(set(names_with)), 2):
            result.same_pairs += 1
            if groups_of[happening_id][a] & groups_of[happening_id][b]:
                result.same_pairs_grouped += 1
            else:
                result.errors[a].append(f"{happening_id} not grouped with {b}")
    for group, ids in happenings_in_group.items():
        for a, b in itertools.combinations(sorted(ids), 2):
            result.merged_pairs += 1
            result.errors["(grouping)"].append(f"different happenings merged in group {group}: {a} + {b}")

    # issue 13: card status
    if statuses is None:
        statuses = gold_statuses(articles)
    for happening_id, wanted in statuses.items():
        if wanted is None or happening_id not in groups_of:
            continue
        result.status_cards += 1
        if group_status is None:
            continue
        result.statuses_right = result.statuses_right or 0
        groups = set().union(*groups_of[happening_id].values())
        if any(group_status.get(g) == wanted for g in groups):
            result.statuses_right += 1
        else:
            shown = sorted({str(group_status.get(g)) for g in groups})
            result.errors["(status)"].append(f"status of {happening_id}: {shown}, gold {wanted}")
    result.errors = {k: v for k, v in result.errors.items() if v}  # type: ignore[assignment]
    return result


def score_article(
    article: GoldArticle, cards: list[Card], result: Scores, variants: dict[str, str], has_speakers: bool
) -> None:
    """Add one article's cards to the scores: precision, recall, duplicates, actors, dates, speakers."""
    errors = result.errors[article.name]
    required = [h for h in article.happenings if not h.optional]
    optional = [h for h in article.happenings if h.optional]
    # A card that only reports an optional happening is neither right nor wrong: it is left out.
    cards = [
        c
        for c in cards
        if not any(card_matches(c, h) for h in optional) or any(card_matches(c, h) for h in required)
    ]
    result.cards += len(cards)
    result.gold += len(required)
    primary: set[int] = set()
    for happening in required:
        # Date accuracy: of the happenings some card mentions, those a card dates exactly.
        mentioned = [c for c in cards if card_mentions(c, happening)]
        if mentioned:
            result.dated += 1
            if any(c.period == happening.period for c in mentioned):
                result.dates_right += 1
            else:
                shown = ", ".join(sorted({f"{c.period[0]}..{c.period[1]}" for c in mentioned}))
                errors.append(f"date of {happening.id}: {shown}, gold {happening.start}..{happening.end}")
        matching = [c for c in cards if card_matches(c, happening)]
        # The card with the right period stands for the happening; the others are duplicates.
        matching.sort(key=lambda c: (c.period != happening.period, c.lead.id))
        if not matching:
            near = [c for c in cards if card_mentions(c, happening)]
            why = f"dated {near[0].period[0]}..{near[0].period[1]}" if near else "no event has an anchor"
            errors.append(f"missed {happening.id} ({happening.start}..{happening.end}): {why}")
            continue
        result.found += 1
        first, *others = matching
        for card in others:
            errors.append(f"duplicate of {happening.id}: {card.period[0]} {card.lead.sentence[:90]!r}")
        if id(first) in primary:
            continue  # one card for two happenings: the merge shows in the grouping figures
        primary.add(id(first))
        result.right_cards += 1
        missing, wrong = actor_errors(first, happening, variants)
        result.missing_actors += len(missing)
        result.wrong_actors += len(wrong)
        if missing or wrong:
            errors.append(f"actors of {happening.id}: missing {sorted(missing)}, wrong {sorted(wrong)}")
        else:
            result.actors_right += 1
    anchored = [c for c in cards if any(card_matches(c, h) for h in required)]
    result.anchored_cards += len(anchored)
    result.duplicates += len([c for c in anchored if id(c) not in primary])
    for card in cards:
        if card in anchored:
            continue
        misdated = [h.id for h in required if card_mentions(card, h)]
        if misdated:
            errors.append(
                f"misdated card of {', '.join(misdated)}: {card.period[0]}..{card.period[1]} "
                f"{card.lead.sentence[:70]!r}"
            )
        elif is_noise(card, article):
            result.noise_cards += 1
            errors.append(f"noise card: {card.period[0]} {card.lead.sentence[:90]!r}")
        else:
            errors.append(f"extra card: {card.period[0]} {card.lead.sentence[:90]!r}")
    # issue 13: speaker and stance of each attributed gold mention found in an event
    events = [e for c in cards for e in c.events]
    for happening in required:
        for mention in happening.mentions:
            holders = [e for e in events if contains(e.sentence, mention.anchor)]
            if not holders:
                continue
            if not mention.attributed:
                if has_speakers and any(e.speaker or e.stance for e in holders):
                    result.false_attributions = (result.false_attributions or 0) + 1
                    errors.append(f"attributed but should not be: {mention.anchor!r}")
                continue
            result.attributed += 1
            if not has_speakers:
                continue
            if any(speaker_matches(e.speaker, mention.speaker, variants) for e in holders):
                result.speakers_right = (result.speakers_right or 0) + 1
            else:
                shown = [(e.speaker or {}).get("name") for e in holders]
                errors.append(f"speaker of {mention.anchor!r}: {shown}, gold {mention.speaker}")
            if any(e.stance == mention.stance for e in holders):
                result.stances_right = (result.stances_right or 0) + 1
            else:
                shown = [e.stance for e in holders]
                errors.append(f"stance of {mention.anchor!r}: {shown}, gold {mention.stance}")


def folds_of(articles: Sequence[GoldArticle], k: int) -> list[list[GoldArticle]]:
    """k folds by document; articles reporting a common happening stay in one fold (so its pairs are scored).

    Groups of linked articles, largest first, go to the fold with the fewest articles (ties: lowest number).
    """
    parent = {a.name: a.name for a in articles}

    def root(name: str) -> str:
        while parent[name] != name:
            name = parent[name]
        return name

    first_with: dict[str, str] = {}
    for article in sorted(articles, key=lambda a: a.name):
        for happening in article.happenings:
            if happening.optional:
                continue
            other = first_with.setdefault(happening.id, article.name)
            parent[root(article.name)] = root(other)
    linked: dict[str, list[GoldArticle]] = defaultdict(list)
    for article in sorted(articles, key=lambda a: a.name):
        linked[root(article.name)].append(article)
    folds: list[list[GoldArticle]] = [[] for _ in range(k)]
    for group in sorted(linked.values(), key=lambda g: (-len(g), g[0].name)):
        min(folds, key=len).extend(group)
    return [sorted(fold, key=lambda a: a.name) for fold in folds if fold]


# -- running the pipeline -----------------------------------------------------------------------------


def ingest_set(
    articles: Sequence[GoldArticle], backend: str, models: Path
) -> tuple[list[Extracted], dict[object, str | None] | None]:
    """Ingest the articles into a fresh SQLite database; their events, and each group's status if any."""
    os.environ["DATABASE_URL"] = f"sqlite:///{Path(tempfile.mkdtemp()) / 'devset.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsapp.settings")
    os.environ.setdefault("DEBUG", "true")  # a throw-away database: no production secrets needed
    sys.path.insert(0, str(REPO))
    import django

    django.setup()
    from django.core.management import call_command

    from timeline.export import iter_event_dicts
    from timeline.models import Event, TimelineCard
    from timeline.pipeline.ingest import Ingestor
    from timeline.pipeline.reading import read_path

    call_command("migrate", verbosity=0)
    raws = [read_path(a.path) for a in articles]
    outcomes = Ingestor(backend=backend, models_dir=models).ingest(raws)
    events: list[Extracted] = []
    for article, outcome in zip(articles, outcomes, strict=True):
        if outcome.status == "failed" or outcome.article_id is None:
            print(f"{article.name}: ingest failed: {outcome.error}", file=sys.stderr)
            continue
        queryset = Event.objects.filter(article_id=outcome.article_id).order_by("id")
        events.extend(extracted_from_dict(item, article.name) for item in iter_event_dicts(queryset))
    # Each card's status (issue 13), kept by the read model: the card of group N is "gN".
    cards = TimelineCard.objects.filter(key__startswith="g", lead_event_id__isnull=False)
    group_status = {int(key[1:]): status or None for key, status in cards.values_list("key", "status")}
    return events, group_status


# -- output -------------------------------------------------------------------------------------------

SHOWN = [
    ("precision", "precision"),
    ("recall", "recall"),
    ("actor_accuracy", "actor accuracy"),
    ("date_accuracy", "date accuracy"),
    ("pairs_grouped", "same-happening pairs grouped"),
    ("speaker_accuracy", "speaker accuracy"),
    ("stance_accuracy", "stance accuracy"),
    ("status_accuracy", "card-status accuracy"),
]


def show(value: object) -> str:
    if value is None:
        return "n/a"
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def report(name: str, scores: Scores) -> str:
    f = scores.figures()
    lines = [
        f"{name}: {f['articles']} articles, {f['cards']} cards, {scores.gold} gold happenings",
        *(f"  {label:<30} {show(f[key])}" for key, label in SHOWN),
        f"  {'cards on a happening':<30} {show(f['cards_on_a_happening'])} (duplicates included)",
        f"  {'duplicates':<30} {f['duplicates']}",
        f"  {'noise cards':<30} {f['noise_cards']}",
        f"  {'missing / wrong actors':<30} {f['missing_actors']} / {f['wrong_actors']}",
        f"  {'same-happening pairs':<30} {scores.same_pairs_grouped}/{scores.same_pairs} grouped",
        f"  {'different happenings merged':<30} {f['different_happenings_merged']} pairs",
        f"  {'attributed mentions found':<30} {f['attributed_mentions']}"
        f" (false attributions: {show(f['false_attributions'])})",
        f"  {'cards with a claim':<30} {f['cards_with_a_claim']}",
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--set",
        default="devset",
        help=f"one of {', '.join(sorted(SETS))}; or dev sets joined by '+' (devset+devset2) to score the "
        "same-happening pairs across them",
    )
    parser.add_argument("--backend", choices=["fallback", "stanza"], default="fallback")
    parser.add_argument("--models", type=Path, default=REPO / "tests" / "fixtures" / "stanza")
    parser.add_argument("--folds", type=int, default=0, help="cross-validation folds by document")
    parser.add_argument("--errors", action="store_true", help="list what went wrong per article")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)

    names = args.set.split("+")
    if any(name not in SETS for name in names) or (len(names) > 1 and "heldout" in names):
        parser.error(f"--set: choose one of {', '.join(sorted(SETS))}, or dev sets joined by '+'")
    articles, variants = [], {}
    for name in names:
        articles += load_gold(SETS[name])
        variants |= load_name_variants(SETS[name])
    events, group_status = ingest_set(articles, args.backend, args.models)
    overall = score(articles, events, variants, group_status)
    output: dict[str, object] = {"set": args.set, "backend": args.backend, "overall": overall.figures()}
    if args.folds > 1:
        # Statuses come from the whole set: a fold scores what the timeline shows after ingesting it all.
        statuses = gold_statuses(articles)
        per_fold = [
            score(fold_articles, events, variants, group_status, statuses)
            for fold_articles in folds_of(articles, args.folds)
        ]
        figures = [s.figures() for s in per_fold]
        summary: dict[str, dict[str, float | None]] = {}
        for key, _ in SHOWN:
            values = [f[key] for f in figures if f[key] is not None]
            summary[key] = {
                "mean": sum(values) / len(values) if values else None,  # type: ignore[arg-type]
                "worst": min(values) if values else None,  # type: ignore[type-var]
            }
        output["folds"] = figures
        output["fold_summary"] = summary
    if args.errors:
        output["errors"] = overall.errors
    if args.json:
        print(json.dumps(output, indent=2, ensure_ascii=False))
        return
    print(report(f"{args.set} ({args.backend})", overall))
    if args.folds > 1:
        for number, figures_of_fold in enumerate(output["folds"], 1):  # type: ignore[arg-type]
            print(
                f"  fold {number}: "
                + ", ".join(f"{label} {show(figures_of_fold[key])}" for key, label in SHOWN[:5])
            )
        for key, label in SHOWN:
            values = output["fold_summary"][key]  # type: ignore[index]
            print(f"  {label:<30} mean {show(values['mean'])}  worst fold {show(values['worst'])}")
    if args.errors:
        for name, problems in overall.errors.items():
            print(f"\n{name}")
            for problem in problems:
                print(f"  - {problem}")


if __name__ == "__main__":
    main()
