"""Small builders for model rows used across tests (plain functions, explicit defaults)."""

import datetime
import itertools

from timeline.models import Article, Entity, Event, EventGroup, Mention

_counter = itertools.count(1)


def make_article(**fields) -> Article:
    n = next(_counter)
    defaults = {
        "title": f"Article {n}",
        "body": f"Body of article number {n}.",
        "language": "en",
        "source": "Demo Wire",
        "published": datetime.date(2025, 4, 28),
        "status": Article.Status.DONE,  # extracted, hence public
    }
    return Article.objects.create(**(defaults | fields))


def make_entity(name: str, kind: str = Entity.Kind.PERSON, **fields) -> Entity:
    slug = fields.pop("slug", name.lower().replace(" ", "-"))
    return Entity.objects.create(name=name, kind=kind, slug=slug, **fields)


def make_event(article: Article, entities: tuple[Entity, ...] = (), **fields) -> Event:
    day = fields.pop("day", datetime.date(2025, 4, 26))
    defaults = {
        "date_start": day,
        "date_end": day,
        "precision": "day",
        "sentence": article.body,
        "sentence_start": 0,
        "sentence_end": len(article.body),
    }
    if "group" not in fields:
        fields["group"] = EventGroup.objects.create()
    event = Event.objects.create(article=article, **(defaults | fields))
    for entity in entities:
        Mention.objects.create(event=event, entity=entity, text=entity.name, start=0, end=len(entity.name))
    return event
