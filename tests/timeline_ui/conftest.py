"""A small timeline with known facts, built row by row (no NLP): what the pages must show is certain."""

import datetime
from dataclasses import dataclass

import pytest

from tests.foundation.factories import make_article, make_entity, make_event
from timeline.models import Entity, Event

D = datetime.date


@dataclass
class SmallTimeline:
    ru: Entity
    ua: Entity
    kp: Entity
    us: Entity
    putin: Entity
    kim: Entity
    zelensky: Entity
    trump: Entity
    kursk: Entity
    incursion: Event
    nis_report: Event
    sudzha_retaken: Event
    kursk_retaken: Event
    kursk_retaken_en: Event
    confirmation: Event
    vatican: Event
    recent_weeks: Event


@pytest.fixture
def small_timeline(db) -> SmallTimeline:
    ru = make_entity("Russia", kind=Entity.Kind.COUNTRY, iso_code="RU", slug="russia")
    ua = make_entity("Ukraine", kind=Entity.Kind.COUNTRY, iso_code="UA", slug="ukraine")
    kp = make_entity("North Korea", kind=Entity.Kind.COUNTRY, iso_code="KP", slug="north-korea")
    us = make_entity("United States", kind=Entity.Kind.COUNTRY, iso_code="US", slug="united-states")
    putin = make_entity("Vladimir Putin", country=ru)
    kim = make_entity("Kim Jong Un", country=kp)
    zelensky = make_entity("Volodymyr Zelensky", country=ua)
    trump = make_entity("Donald Trump", country=us)
    kursk = make_entity("Kursk", kind=Entity.Kind.LOCATION, country=ru)
    fr = make_article(title="Koursk", language="fr", body="La Russie a repris Koursk.")
    en = make_article(title="Kursk", language="en", body="Russia retook Kursk.")

    incursion = make_event(
        en, (ua, ru, kursk), day=D(2024, 8, 6), category="military",
        sentence="Ukrainian troops crossed into the Kursk region on 6 August 2024.",
        date_text="6 August 2024",
    )  # fmt: skip
    nis_report = make_event(
        fr, (kp, ru), date_start=D(2024, 10, 1), date_end=D(2024, 10, 31), precision="month",
        category="statement", sentence="Séoul a signalé en octobre l'envoi de soldats nord-coréens.",
        date_text="en octobre", timex_value="2024-10",
    )  # fmt: skip
    sudzha_retaken = make_event(
        en, (ru,), day=D(2025, 3, 13), category="military", sentence="Russia retook Sudzha on 13 March."
    )
    kursk_retaken = make_event(
        fr, (ru, kursk, putin), day=D(2025, 4, 26), category="military",
        sentence="Le 26 avril 2025, Moscou a annoncé la reprise de Koursk à Vladimir Poutine.",
        date_text="Le 26 avril 2025",
    )  # fmt: skip
    kursk_retaken_en = make_event(
        en, (ru, kursk, putin), day=D(2025, 4, 26), category="military", group=kursk_retaken.group,
        sentence="On 26 April, Moscow told Vladimir Putin that Kursk was retaken.",
    )  # fmt: skip
    confirmation = make_event(
        fr, (kp, ru, kim), day=D(2025, 4, 28), category="military", date_source="publication",
        sentence="Pyongyang a confirmé l'envoi de troupes de Kim Jong Un.",
    )  # fmt: skip
    vatican = make_event(
        en, (us, ua, trump, zelensky), day=D(2025, 4, 26), category="diplomatic",
        sentence="Donald Trump met Volodymyr Zelensky in St Peter's Basilica.",
    )  # fmt: skip
    recent_weeks = make_event(
        fr, (ru,), date_start=D(2025, 3, 31), date_end=D(2025, 4, 28), precision="approximate",
        category="military", sentence="La Russie a contre-attaqué ces dernières semaines.",
        date_text="ces dernières semaines", timex_value="PXW",
    )  # fmt: skip
    return SmallTimeline(
        ru, ua, kp, us, putin, kim, zelensky, trump, kursk,
        incursion, nis_report, sudzha_retaken, kursk_retaken, kursk_retaken_en, confirmation, vatican,
        recent_weeks,
    )  # fmt: skip


@pytest.fixture(params=["accelerator", "database"])
def read_path(request, settings):
    """The page read through the in-process card index, then through the database (DatabaseCards): the map
    and the brush must show the same counts on both."""
    settings.TIMELINE_ACCELERATOR = request.param == "accelerator"
    return request.param
