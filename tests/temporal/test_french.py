"""French: each phenomenon the tagger must handle, as (sentence, DCT, span, type, value, period)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.temporal.helpers import only
from timeline.temporal import Precision, tag

D = dt.date
DCT = D(2025, 4, 28)  # a Monday

CASES = [
    # absolute and partial dates
    (
        "Le Kremlin l'a annoncé le 26 avril 2025.",
        "le 26 avril 2025",
        "DATE",
        "2025-04-26",
        (D(2025, 4, 26), D(2025, 4, 26)),
        "day",
    ),
    (
        "Publié le 26/04/2025 à Paris.",
        "le 26/04/2025",
        "DATE",
        "2025-04-26",
        (D(2025, 4, 26), D(2025, 4, 26)),
        "day",
    ),
    (
        "Les ventes d'avril 2025 ont chuté.",
        "avril 2025",
        "DATE",
        "2025-04",
        (D(2025, 4, 1), D(2025, 4, 30)),
        "month",
    ),
    ("La guerre a éclaté en 2024.", "2024", "DATE", "2024", (D(2024, 1, 1), D(2024, 12, 31)), "year"),
    ("Il est né en 1945 à Lyon.", "1945", "DATE", "1945", (D(1945, 1, 1), D(1945, 12, 31)), "year"),
    (
        "La réforme date d'octobre 98.",
        "octobre 98",
        "DATE",
        "1998-10",
        (D(1998, 10, 1), D(1998, 10, 31)),
        "month",
    ),
    (
        "Les syndicats défileront le 1er mai.",
        "le 1er mai",
        "DATE",
        "2025-05-01",
        (D(2025, 5, 1), D(2025, 5, 1)),
        "day",
    ),
    (
        "La réunion de l'année 2001 a eu lieu.",
        "l'année 2001",
        "DATE",
        "2001",
        (D(2001, 1, 1), D(2001, 12, 31)),
        "year",
    ),
    # seasons and parts of periods
    (
        "Les forces se sont emparées de la région au cours de l'été 2024.",
        "l'été 2024",
        "DATE",
        "2024-SU",
        (D(2024, 6, 1), D(2024, 8, 31)),
        "season",
    ),
    (
        "Le vote a eu lieu début mars.",
        "début mars",
        "DATE",
        "2025-03",
        (D(2025, 3, 1), D(2025, 3, 10)),
        "month",
    ),
    (
        "Le sommet est prévu mi-octobre.",
        "mi-octobre",
        "DATE",
        "2025-10",
        (D(2025, 10, 11), D(2025, 10, 20)),
        "month",
    ),
    (
        "La grève avait commencé mi-octobre.",
        "mi-octobre",
        "DATE",
        "2024-10",
        (D(2024, 10, 11), D(2024, 10, 20)),
        "month",
    ),
    (
        "Les combats ont repris fin avril 2025.",
        "fin avril 2025",
        "DATE",
        "2025-04",
        (D(2025, 4, 21), D(2025, 4, 30)),
        "month",
    ),
    (
        "Il a démissionné l'hiver dernier.",
        "l'hiver dernier",
        "DATE",
        "2024-WI",
        (D(2024, 12, 1), D(2025, 2, 28)),
        "season",
    ),
    # relative to the publication date
    (
        "La Corée du Nord a confirmé aujourd'hui l'envoi de troupes.",
        "aujourd'hui",
        "DATE",
        "2025-04-28",
        (DCT, DCT),
        "day",
    ),
    (
        "Le ministre est arrivé hier à Rome.",
        "hier",
        "DATE",
        "2025-04-27",
        (D(2025, 4, 27), D(2025, 4, 27)),
        "day",
    ),
    ("Il partira demain.", "demain", "DATE", "2025-04-29", (D(2025, 4, 29), D(2025, 4, 29)), "day"),
    (
        "Les chiffres de la semaine dernière sont mauvais.",
        "la semaine dernière",
        "DATE",
        "2025-W17",
        (D(2025, 4, 21), D(2025, 4, 27)),
        "week",
    ),
    (
        "Le mois dernier, la production a baissé.",
        "Le mois dernier",
        "DATE",
        "2025-03",
        (D(2025, 3, 1), D(2025, 3, 31)),
        "month",
    ),
    (
        "L'an dernier, il avait gagné.",
        "L'an dernier",
        "DATE",
        "2024",
        (D(2024, 1, 1), D(2024, 12, 31)),
        "year",
    ),
    (
        "Il est mort il y a trois jours.",
        "il y a trois jours",
        "DATE",
        "2025-04-25",
        (D(2025, 4, 25), D(2025, 4, 25)),
        "day",
    ),
    (
        "L'accord sera signé en juin prochain.",
        "juin prochain",
        "DATE",
        "2025-06",
        (D(2025, 6, 1), D(2025, 6, 30)),
        "month",
    ),
    (
        "Cette année, la croissance ralentit.",
        "Cette année",
        "DATE",
        "2025",
        (D(2025, 1, 1), D(2025, 12, 31)),
        "year",
    ),
    # ranges and vague periods
    (
        "La Russie a contre-attaqué ces dernières semaines.",
        "ces dernières semaines",
        "DURATION",
        "PXW",
        (D(2025, 3, 31), DCT),
        "approximate",
    ),
    (
        "Il s'est rendu récemment à Kiev.",
        "récemment",
        "DATE",
        "PAST_REF",
        (D(2025, 3, 29), DCT),
        "approximate",
    ),
    ("Le pays est désormais en guerre.", "désormais", "DATE", "PRESENT_REF", (DCT, DCT), "day"),
    (
        "Les prix ont grimpé pendant les trois derniers mois.",
        "les trois derniers mois",
        "DURATION",
        "P3M",
        (D(2025, 1, 28), DCT),
        "approximate",
    ),
    # times
    (
        "Il a été blessé mardi vers 21 h 45.",
        "21 h 45",
        "TIME",
        "2025-04-22T21:45",
        (D(2025, 4, 22), D(2025, 4, 22)),
        "day",
    ),
    (
        "L'explosion a eu lieu hier matin.",
        "hier matin",
        "TIME",
        "2025-04-27TMO",
        (D(2025, 4, 27), D(2025, 4, 27)),
        "day",
    ),
    ("Le débat aura lieu ce soir.", "ce soir", "TIME", "2025-04-28TEV", (DCT, DCT), "day"),
    # durations and sets
    ("Le siège a duré trois jours.", "trois jours", "DURATION", "P3D", None, None),
    ("Il a patienté environ une heure.", "environ une heure", "DURATION", "PT1H", None, None),
    ("Le record est battu de 30,4 secondes.", "30,4 secondes", "DURATION", "PT30.4S", None, None),
    ("La commission se réunit chaque semaine.", "chaque semaine", "SET", "P1W", None, None),
    ("Les inscriptions ont lieu tous les jeudis.", "tous les jeudis", "SET", "XXXX-WXX-4", None, None),
]


@pytest.mark.parametrize(
    ("sentence", "span", "ttype", "value", "period", "precision"),
    CASES,
    ids=[f"{c[1]} ({i})" for i, c in enumerate(CASES)],
)
def test_french_expression_is_found_and_resolved(sentence, span, ttype, value, period, precision):
    timex = only(sentence, "fr", DCT, span)
    assert (timex.type, timex.value) == (ttype, value)
    if period is None:
        assert timex.period_start is None and timex.precision is None
    else:
        assert (timex.period_start, timex.period_end) == period
        assert timex.precision == Precision(precision)


WEEKDAYS = [
    ("lundi", "Il a parlé lundi.", "2025-04-28"),
    ("samedi", "Il a parlé samedi.", "2025-04-26"),
    ("dimanche", "Les électeurs ont voté dimanche.", "2025-04-27"),
    ("vendredi dernier", "Il est parti vendredi dernier.", "2025-04-25"),
    ("lundi dernier", "Il est parti lundi dernier.", "2025-04-21"),
    ("samedi prochain", "Il partira samedi prochain.", "2025-05-03"),
    ("jeudi", "Le conseil se réunira jeudi.", "2025-05-01"),
]


@pytest.mark.parametrize(("span", "sentence", "value"), WEEKDAYS, ids=[w[0] for w in WEEKDAYS])
def test_relative_weekday_resolves_against_publication_date(span, sentence, value):
    assert only(sentence, "fr", DCT, span).value == value


def test_explicit_weekday_picks_the_year_where_the_date_falls_on_it():
    # 6 September fell on a Monday in 1999, not in 1998.
    assert only("Rentrée lundi 6 septembre.", "fr", D(1999, 9, 5), "lundi 6 septembre").value == "1999-09-06"


def test_day_range_gives_both_ends_with_the_shared_month():
    found = [(t.text, t.value) for t in tag("Le festival aura lieu du 8 au 10 mai.", "fr", DCT)]
    assert found == [("8", "2025-05-08"), ("10 mai", "2025-05-10")]


def test_la_veille_hangs_on_the_day_last_mentioned():
    text = "Le vote a eu lieu le 12 mars. La veille, les bureaux étaient fermés."
    assert only(text, "fr", DCT, "La veille").value == "2025-03-11"


def test_clock_time_takes_the_day_named_right_after_it():
    text = "Le feu a pris vers 15 h 30, hier, dans un entrepôt."
    assert only(text, "fr", DCT, "15 h 30").value == "2025-04-27T15:30"


@pytest.mark.parametrize(
    "text",
    ["La Corée du Nord a souligné dans sa déclaration.", "Cette nouvelle a été publiée.", "Il a été élu."],
    ids=["dans sa", "cette nouvelle", "a été"],
)
def test_ordinary_words_are_not_dates(text):
    assert tag(text, "fr", DCT) == []


def test_bare_year_keeps_year_precision():
    timex = only("L'offensive de 2024 a échoué.", "fr", DCT, "2024")
    assert (timex.value, timex.precision) == ("2024", Precision.YEAR)


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("En 1998, il a été élu. Cette année-là, il a démissionné.", "Cette année-là", "1998"),
        ("En 1998, il a été élu. L'année suivante, il est revenu.", "L'année suivante", "1999"),
        (
            "Des drones ont frappé dans la nuit de samedi à dimanche.",
            "la nuit de samedi à dimanche",
            "2025-04-26TNI",
        ),
        ("Les faits remontent à la nuit du 12 au 13 mars.", "la nuit du 12 au 13 mars", "2025-03-12TNI"),
        ("Le 12 mars, en fin d'après-midi, il est parti.", "en fin d'après-midi", "2025-03-12TAF"),
    ],
    ids=["année-là", "année suivante", "nuit de samedi", "nuit du 12", "fin d'après-midi"],
)
def test_expressions_hanging_on_an_earlier_mention(text, span, value):
    assert only(text, "fr", DCT, span).value == value


def test_capitalised_month_inside_a_sentence_is_a_name():
    assert tag("Le député Jean Mai a voté contre.", "fr", DCT) == []
    assert only("Mai 68 a changé la France.", "fr", DCT, "Mai 68").value == "1968-05"


def test_month_ahead_is_taken_in_the_future_only_when_near_or_future_tense():
    assert only("Les élections ont lieu en juin.", "fr", DCT, "juin").value == "2025-06"
    assert only("Les élections avaient eu lieu en octobre.", "fr", DCT, "octobre").value == "2024-10"
    assert only("Les élections auront lieu en octobre.", "fr", DCT, "octobre").value == "2025-10"


@pytest.mark.parametrize(
    "text",
    [
        "Alain Parmentier, 53 ans, employé de la société.",
        "Agé de 54 ans, il devrait regagner son corps.",
        "Une fillette de 6 ans s'est noyée.",
        "Il a 45 ans et vit à Nancy.",
        "Les activités pour les 6-16 ans.",
    ],
    ids=["apposition", "âgé de", "fillette de", "il a", "tranche d'âge"],
)
def test_ages_are_not_durations(text):
    assert [t for t in tag(text, "fr", DCT) if t.type == "DURATION"] == []


def test_real_durations_in_years_are_kept():
    assert only("Il a été condamné à deux ans de prison.", "fr", DCT, "deux ans").value == "P2Y"
    assert only("Il y a 45 ans, la guerre éclatait.", "fr", DCT, "Il y a 45 ans").value == "1980"


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("Dans la soirée d'hier, un incendie s'est déclaré.", "la soirée d'hier", "2025-04-27TEV"),
        ("La nuit dernière, des coups de feu ont été tirés.", "La nuit dernière", "2025-04-27TNI"),
        ("Le 12 mars, dans l'après-midi, la police est intervenue.", "l'après-midi", "2025-03-12TAF"),
        ("Rendez-vous à 20h à la mairie.", "20h", "2025-04-28T20:00"),
        ("Le 31 décembre à minuit, la trêve a pris fin.", "minuit", "2024-12-31T24"),
    ],
    ids=["soirée d'hier", "nuit dernière", "après-midi", "20h", "minuit"],
)
def test_parts_of_days_and_clock_times(text, span, value):
    assert only(text, "fr", DCT, span).value == value
