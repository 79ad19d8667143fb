"""Synthetic timelines for load tests and benchmarks: many events, skewed like the news.

Countries follow the demo story's skew (Russia in about 58% of events, Ukraine 48%, the United States 30%,
North Korea 20%, then a long tail); persons and places are many and rare. Plain bulk inserts: no NLP.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable

from django.db import transaction

from timeline import read_model
from timeline.models import Article, Category, Entity, Event, EventGroup, Mention

HEAD_COUNTRIES = [
    ("RU", "Russia", 0.58),
    ("UA", "Ukraine", 0.48),
    ("US", "United States", 0.30),
    ("KP", "North Korea", 0.20),
    ("KR", "South Korea", 0.08),
    ("CN", "China", 0.06),
]
TAIL_COUNTRIES = [
    "FR",
    "DE",
    "GB",
    "PL",
    "TR",
    "IN",
    "JP",
    "IR",
    "BY",
    "HU",
    "IT",
    "ES",
    "VA",
    "SA",
    "QA",
    "IL",
    "BR",
    "ZA",
    "KZ",
    "GE",
    "MD",
    "RO",
    "FI",
    "SE",
    "NO",
    "EE",
    "LV",
    "LT",
    "CA",
    "AU",
]
SOURCE = "Synthetic"
BATCH = 5000


def generate(
    events: int,
    *,
    seed: int = 1,
    start: datetime.date = datetime.date(2023, 6, 1),
    days: int = 730,
    persons: int = 2000,
    places: int = 500,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Add `events` synthetic events (about ten per article); returns how many were written."""
    rng = random.Random(seed)
    with transaction.atomic():
        countries = _countries(rng)
        person_ids = _entities(Entity.Kind.PERSON, "Person", persons, countries, rng)
        place_ids = _entities(Entity.Kind.LOCATION, "Place", places, countries, rng)
    categories = Category.values
    written = 0
    offset = Article.objects.filter(source=SOURCE).count()
    while written < events:
        size = min(BATCH, events - written)
        # One refresh of the read model per batch, at its end (events, then their mentions, then the groups).
        with transaction.atomic(), read_model.batched():
            articles = Article.objects.bulk_create(
                [
                    Article(
                        title=f"Synthetic article {offset + n}",
                        body=f"Synthetic article {offset + n} (seed {seed}).",
                        content_hash=f"synthetic-{seed}-{offset + n}",
                        language=rng.choice(["fr", "en"]),
                        source=SOURCE,
                        published=start + datetime.timedelta(days=rng.randrange(days)),
                        status=Article.Status.DONE,
                        nlp_backend="synthetic",
                    )
                    for n in range(size // 10 + 1)
                ]
            )
            offset += len(articles)
            groups = EventGroup.objects.bulk_create([EventGroup() for _ in range(size)])
            rows, picks = [], []
            for n in range(size):
                article = rng.choice(articles)
                day = start + datetime.timedelta(days=rng.randrange(days))
                precision, end = "day", day
                if rng.random() < 0.12:
                    precision, end = "month", _month_end(day)
                    day = day.replace(day=1)
                # A fifth of the events report a happening already on the timeline: same group.
                group = groups[n] if n < 10 or rng.random() > 0.2 else groups[rng.randrange(n)]
                words = " ".join(rng.choice(WORDS) for _ in range(3))
                sentence = f"Synthetic event {written + n}: {words}."
                rows.append(
                    Event(
                        article=article,
                        date_start=day,
                        date_end=end,
                        precision=precision,
                        timex_value=day.isoformat() if precision == "day" else day.strftime("%Y-%m"),
                        sentence=sentence,
                        sentence_start=0,
                        sentence_end=len(sentence),
                        category=rng.choice(categories),
                        group=group,
                    )
                )
                chosen = {
                    entity for code_id, share in countries if rng.random() < share for entity in [code_id]
                }
                if not chosen:
                    chosen.add(rng.choice(countries[6:])[0])
                chosen.update(rng.sample(person_ids, rng.choice([0, 1, 1, 2])))
                chosen.update(rng.sample(place_ids, rng.choice([0, 0, 1])))
                picks.append(chosen)
            Event.objects.bulk_create(rows)
            Mention.objects.bulk_create(
                [
                    Mention(event=event, entity_id=entity_id, text="synthetic", start=0, end=9, via="alias")
                    for event, chosen in zip(rows, picks, strict=True)
                    for entity_id in chosen
                ]
            )
            EventGroup.objects.filter(pk__in=[g.pk for g in groups], events=None).delete()
        written += size
        if progress:
            progress(size)
    return written


WORDS = [
    "offensive",
    "talks",
    "sanctions",
    "troops",
    "ceasefire",
    "drones",
    "summit",
    "prisoners",
    "aid",
    "border",
    "missiles",
    "negotiations",
    "frontline",
    "statement",
    "visit",
    "treaty",
]


def _month_end(day: datetime.date) -> datetime.date:
    following = (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return following - datetime.timedelta(days=1)


def _countries(rng: random.Random) -> list[tuple[int, float]]:
    """(entity id, share of events) for each synthetic country, head first."""
    import pycountry

    shares = [(code, name, share) for code, name, share in HEAD_COUNTRIES]
    shares += [
        (code, pycountry.countries.get(alpha_2=code).name, 0.01 + rng.random() * 0.02)
        for code in TAIL_COUNTRIES
    ]
    out = []
    for code, name, share in shares:
        entity, _ = Entity.objects.get_or_create(
            iso_code=code, defaults={"kind": Entity.Kind.COUNTRY, "name": name, "slug": code.lower()}
        )
        out.append((entity.pk, share))
    return out


def _entities(
    kind: str, label: str, count: int, countries: list[tuple[int, float]], rng: random.Random
) -> list[int]:
    existing = list(
        Entity.objects.filter(kind=kind, slug__startswith=f"synthetic-{label.lower()}-").values_list(
            "pk", flat=True
        )
    )
    if len(existing) >= count:
        return existing[:count]
    created = Entity.objects.bulk_create(
        [
            Entity(
                kind=kind,
                name=f"{label} {n}",
                slug=f"synthetic-{label.lower()}-{n}",
                country_id=rng.choice(countries)[0],
            )
            for n in range(len(existing), count)
        ]
    )
    return existing + [e.pk for e in created]
