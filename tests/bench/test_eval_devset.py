"""The dev-set scorer (bench/eval_devset.py): its matching rules on tiny hand-made inputs, and the gold files'
consistency with their articles."""

from __future__ import annotations

import importlib.util
import itertools
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from timeline.pipeline.reading import read_path

REPO = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("eval_devset", REPO / "bench" / "eval_devset.py")
assert _spec and _spec.loader
ev = importlib.util.module_from_spec(_spec)
sys.modules["eval_devset"] = ev  # dataclasses look their module up while the class is built
_spec.loader.exec_module(ev)


def happening(
    hid="sudzha",
    date=("2025-03-13", "2025-03-13"),
    actors=("RU", "UA"),
    anchors=("retook Sudzha",),
    optional_actors=(),
    **extra,
):
    return ev.Happening(
        id=hid,
        action="retake",
        start=date[0],
        end=date[1],
        precision="day",
        actors=frozenset(actors),
        optional_actors=frozenset(optional_actors),
        mentions=tuple(a if isinstance(a, ev.Mention) else ev.Mention(a) for a in anchors),
        **extra,
    )


def article(name, *happenings, not_events=()):
    return ev.GoldArticle(name=name, path=Path(f"{name}.txt"), happenings=happenings, not_events=not_events)


_ids = iter(range(1, 10_000))


def event(article_name, sentence, date=("2025-03-13", "2025-03-13"), actors=("RU", "UA"), group=1, **extra):
    return ev.Extracted(
        id=next(_ids),
        article=article_name,
        sentence=sentence,
        start=date[0],
        end=date[1],
        actors=frozenset(actors),
        group=group,
        **extra,
    )


# -- matching one card ----------------------------------------------------------------------------------


def test_an_anchor_matches_whatever_the_case_accents_and_punctuation():
    assert ev.contains("MOSCOW, March 13 – Russia RETOOK Sudzha, the ministry said.", "retook sudzha")
    assert ev.contains("Le ministère a annoncé la reprise de Soudja.", "ministere a annonce la reprise")
    assert ev.contains("l’Ukraine a démenti", "l'Ukraine a démenti")
    assert not ev.contains("Russia retook Sudzhanka", "retook Sudzha")


def test_a_card_matches_a_happening_by_anchor_and_overlapping_period():
    gold = happening(date=("2025-03-13", "2025-03-13"))
    right = ev.Card("a", 1, [event("a", "Russia said it retook Sudzha on Thursday.")])
    month = ev.Card("a", 2, [event("a", "Russia retook Sudzha in March.", date=("2025-03-01", "2025-03-31"))])
    misdated = ev.Card("a", 3, [event("a", "Russia retook Sudzha.", date=("2025-03-14", "2025-03-14"))])
    elsewhere = ev.Card("a", 4, [event("a", "Putin visited Kursk on Wednesday.")])
    assert ev.card_matches(right, gold)
    assert ev.card_matches(month, gold)  # overlaps: right card, wrong date (date accuracy says so)
    assert not ev.card_matches(misdated, gold)
    assert not ev.card_matches(elsewhere, gold)


def test_a_cards_date_is_its_lead_events_the_shortest_period():
    card = ev.Card(
        "a",
        1,
        [
            event("a", "Kyiv denied it in March.", date=("2025-03-01", "2025-03-31")),
            event("a", "Russia retook Sudzha on Thursday.", date=("2025-03-13", "2025-03-13")),
        ],
    )
    assert card.period == ("2025-03-13", "2025-03-13")


def test_actor_errors_name_missing_and_wrong_actors_through_spelling_variants():
    gold = happening(actors=("RU", "UA", "Oleksandr Syrskyi"), optional_actors=("Volodymyr Zelensky",))
    variants = {ev.fold("Oleksandr Syrsky"): ev.fold("Oleksandr Syrskyi")}
    card = ev.Card("a", 1, [event("a", "x", actors=("RU", "UA", "Oleksandr Syrsky", "Volodymyr Zelensky"))])
    assert ev.actor_errors(card, gold, variants) == (set(), set())
    card = ev.Card("a", 1, [event("a", "x", actors=("RU", "NL", "AFP"))])
    missing, wrong = ev.actor_errors(card, gold, variants)
    assert missing == {"UA", "Oleksandr Syrskyi"}
    assert wrong == {"NL", "AFP"}


# -- scores of a set ------------------------------------------------------------------------------------


def test_precision_recall_and_duplicates_per_card():
    gold = [
        article(
            "a",
            happening("sudzha", anchors=("retook Sudzha", "Sudzha was liberated")),
            happening("visit", date=("2025-03-12", "2025-03-12"), actors=("RU",), anchors=("visited Kursk",)),
            not_events=("Photo: a tank",),
        )
    ]
    events = [
        event("a", "Russia said it retook Sudzha on Thursday.", group=1),
        event("a", '"Sudzha was liberated," the ministry said.', group=2),  # a second card: duplicate
        event("a", "Photo: a tank near Sudzha, March 13, 2025.", group=3),  # noise
        event("a", "Putin said nothing.", group=4),  # extra
    ]
    scores = ev.score(gold, events)
    figures = scores.figures()
    assert figures["cards"] == 4
    assert figures["precision"] == 1 / 4
    assert figures["recall"] == 1 / 2
    assert figures["duplicates"] == 1
    assert figures["noise_cards"] == 1
    assert figures["actor_accuracy"] == 1.0
    assert any("missed visit" in line for line in scores.errors["a"])


def test_the_card_with_the_gold_period_stands_for_the_happening():
    gold = [article("a", happening("sudzha", anchors=("retook Sudzha",)))]
    events = [
        event("a", "In March Russia retook Sudzha.", date=("2025-03-01", "2025-03-31"), group=1),
        event("a", "Russia retook Sudzha on Thursday.", group=2),
    ]
    figures = ev.score(gold, events).figures()
    assert figures["date_accuracy"] == 1.0
    assert figures["duplicates"] == 1


def test_date_accuracy_counts_every_happening_a_card_mentions_even_when_misdated():
    gold = [
        article(
            "a",
            happening("sudzha"),
            happening("visit", date=("2025-03-12", "2025-03-12"), anchors=("visited",)),
        )
    ]
    events = [
        event(
            "a", "Russia retook Sudzha.", date=("2025-03-01", "2025-03-31"), group=1
        ),  # overlaps, not exact
        event("a", "Putin visited Kursk.", date=("2025-03-15", "2025-03-15"), group=2),  # publication day
    ]
    scores = ev.score(gold, events)
    assert (scores.dated, scores.dates_right, scores.found) == (2, 0, 1)
    assert any("misdated card of visit" in line for line in scores.errors["a"])


def test_optional_happenings_are_neither_required_nor_wrong():
    gold = [
        article(
            "a",
            happening("sudzha"),
            happening("invasion", date=("2022-02-01", "2022-02-28"), anchors=("invaded",), optional=True),
        )
    ]
    events = [
        event("a", "Russia retook Sudzha.", group=1),
        event("a", "Russia invaded Ukraine in February 2022.", date=("2022-02-01", "2022-02-28"), group=2),
    ]
    figures = ev.score(gold, events).figures()
    assert (figures["cards"], figures["precision"], figures["recall"]) == (1, 1.0, 1.0)


def test_grouping_counts_same_happening_pairs_and_merged_happenings():
    gold = [
        article("en", happening("sudzha"), happening("visit", anchors=("visited Kursk",))),
        article(
            "fr", happening("sudzha", anchors=("repris Soudja",)), happening("visit", anchors=("visité",))
        ),
    ]
    events = [
        event("en", "Russia retook Sudzha.", group=1),
        event("en", "Putin visited Kursk.", group=2),
        event("fr", "La Russie a repris Soudja.", group=1),
        event("fr", "Poutine a visité Koursk.", group=1),  # wrongly merged with the retaking
    ]
    scores = ev.score(gold, events)
    assert (scores.same_pairs, scores.same_pairs_grouped) == (2, 1)
    assert scores.merged_pairs == 1


def test_folds_split_the_documents_and_keep_articles_of_one_happening_together():
    gold = [
        article("a", happening("sudzha")),
        article("b", happening("visit", anchors=("visited",))),
        article("c", happening("sudzha", anchors=("repris Soudja",))),
        article("d", happening("thanks", anchors=("thanked",))),
        article("e", happening("visit", anchors=("a visité",))),
    ]
    folds = ev.folds_of(gold, 3)
    assert [[a.name for a in fold] for fold in folds] == [["a", "c"], ["b", "e"], ["d"]]
    events = [event("a", "Russia retook Sudzha.", group=1), event("c", "Moscou a repris Soudja.", group=1)]
    assert ev.score(folds[0], events).same_pairs_grouped == 1


# -- issue 13: speakers, stances, statuses ---------------------------------------------------------------


def test_speaker_matches_a_country_a_name_or_any_of_several():
    russia = {"kind": "country", "id": 3, "name": "Russia", "country": "RU"}
    peskov = {"kind": "person", "id": 9, "name": "Dmitri Peskov", "country": "RU"}
    variants = {ev.fold("Dmitri Peskov"): ev.fold("Dmitry Peskov")}
    assert ev.speaker_matches(russia, "RU", variants)
    assert ev.speaker_matches(peskov, "Dmitry Peskov", variants)
    assert ev.speaker_matches(peskov, ("RU", "Dmitry Peskov"), variants)
    assert not ev.speaker_matches(peskov, "RU", variants)
    assert not ev.speaker_matches(None, "RU", variants)
    assert ev.speaker_matches(None, None, variants)


def test_speaker_and_stance_are_not_scored_when_the_export_has_no_such_fields():
    gold = [article("a", happening(anchors=(ev.Mention("retook Sudzha", "RU", "RU", "asserted"),)))]
    figures = ev.score(gold, [event("a", "Russia retook Sudzha.")]).figures()
    assert figures["attributed_mentions"] == 1
    assert figures["speaker_accuracy"] is None
    assert figures["status_accuracy"] is None


def test_speaker_and_stance_are_scored_when_the_export_has_them():
    russia = {"kind": "country", "id": 3, "name": "Russia", "country": "RU"}
    gold = [
        article(
            "a",
            happening(
                anchors=(
                    ev.Mention("retook Sudzha", "RU", "RU", "asserted"),
                    ev.Mention("Kyiv denied", "UA", "UA", "denied"),
                )
            ),
        )
    ]
    events = [
        event(
            "a", "Russia said it retook Sudzha.", speaker=russia, stance="asserted", attribution_known=True
        ),
        event("a", "Kyiv denied it.", speaker=None, stance="denied", attribution_known=True),
    ]
    figures = ev.score(gold, events, group_status={1: "disputed"}).figures()
    assert figures["speaker_accuracy"] == 1 / 2
    assert figures["stance_accuracy"] == 1.0
    assert figures["status_accuracy"] == 1.0


@pytest.mark.parametrize(
    ("stances", "status"),
    [
        ([("asserted", "RU")], "claimed"),
        ([("asserted", "RU"), ("denied", "UA")], "disputed"),
        ([("asserted", "RU"), ("denied", "UA"), ("confirmed", "UA")], "confirmed"),
        ([("asserted", "KR"), ("asserted", "US")], "confirmed"),
        ([("asserted", "KR"), ("asserted", "KR")], "claimed"),
        ([("confirmed", "KP")], "confirmed"),  # a confirmation answers someone's report (timeline/claims.py)
        ([("denied", "KP")], "disputed"),  # and so does a denial
        ([("asserted", "KR"), ("confirmed", "US"), ("denied", "KP")], "disputed"),
        ([(None, None)], None),
    ],
)
def test_gold_card_status_follows_the_stances_of_every_report(stances, status):
    mentions = [ev.Mention("x", None, country, stance) for stance, country in stances]
    assert ev.gold_status(mentions) == status


# -- the gold files themselves --------------------------------------------------------------------------

SET_DIRS = [REPO / "bench" / "devset", REPO / "bench" / "devset2", REPO / "bench" / "heldout"]


@pytest.mark.parametrize("set_dir", SET_DIRS, ids=lambda p: p.name)
def test_every_article_parses_and_every_anchor_and_non_event_occurs_in_it(set_dir):
    articles = ev.load_gold(set_dir)
    if set_dir.name == "devset":
        assert len(articles) >= 12
    problems = []
    for gold in articles:
        raw = read_path(gold.path)
        assert raw.title and raw.published and raw.language in ("en", "fr") and raw.source and raw.url
        for item in gold.happenings:
            for mention in item.mentions:
                if not ev.contains(raw.text, mention.anchor):
                    problems.append(f"{gold.name}: anchor {mention.anchor!r}")
        for phrase in gold.not_events:
            if not ev.contains(raw.text, phrase):
                problems.append(f"{gold.name}: not_event {phrase!r}")
    assert problems == []


@pytest.mark.parametrize("set_dir", SET_DIRS, ids=lambda p: p.name)
def test_a_happening_id_has_one_action_and_compatible_periods_across_articles(set_dir):
    seen = defaultdict(list)
    for gold in ev.load_gold(set_dir):
        for item in gold.happenings:
            seen[item.id].append(item)
    problems = []
    for hid, items in seen.items():
        if len({item.action for item in items}) > 1:
            problems.append(f"{hid}: actions {sorted({item.action for item in items})}")
        for a, b in itertools.combinations(items, 2):
            if not ev.overlaps(a.period, b.period):  # 6 August 2024 and "last August" agree
                problems.append(f"{hid}: periods {a.period} and {b.period}")
    assert problems == []
