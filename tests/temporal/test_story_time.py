"""The story's own time: the focus (last date told), news and narrative documents, the tense of
the clause, approximate and open periods. Each phenomenon in French and in English, in our own
sentences."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.temporal.helpers import only
from timeline.temporal import Precision, tag

D = dt.date
DCT = D(2025, 4, 28)  # a Monday


def value(text: str, lang: str, span: str, dct: dt.date = DCT) -> str:
    return only(text, lang, dct, span).value


# --- Anaphoric days hang on the day last told in the same passage -----------------------------


@pytest.mark.parametrize(
    ("lang", "text", "span", "expected"),
    [
        (
            "fr",
            "Le sommet s'est ouvert le 3 mars. Le lendemain, les ministres ont signé.",
            "Le lendemain",
            "2025-03-04",
        ),
        (
            "fr",
            "L'accord a été signé le 3 mars. La veille, les chefs s'étaient parlé.",
            "La veille",
            "2025-03-02",
        ),
        (
            "en",
            "The summit opened on March 3. Two days later the ministers signed.",
            "Two days later",
            "2025-03-05",
        ),
        ("en", "The deal was signed on March 3. A day after, talks resumed.", "A day after", "2025-03-04"),
        (
            "en",
            "The deal was signed on March 3. The following week, talks resumed.",
            "The following week",
            "2025-W11",
        ),
        (
            "fr",
            "L'accord a été signé le 3 mars. La semaine suivante, les combats ont repris.",
            "La semaine suivante",
            "2025-W11",
        ),
    ],
)
def test_anaphoric_expressions_follow_the_day_last_told(lang, text, span, expected):
    assert value(text, lang, span) == expected


@pytest.mark.parametrize(
    ("lang", "text", "span"),
    [
        (
            "fr",
            "Le sommet s'est ouvert le 3 mars.\nLe lendemain de l'élection, les ministres ont signé.",
            "Le lendemain",
        ),
        ("en", "The summit opened on March 3.\nTwo days later the ministers signed.", "Two days later"),
    ],
)
def test_a_new_paragraph_of_news_starts_again_from_the_publication_date(lang, text, span):
    expected = {"Le lendemain": "2025-04-29", "Two days later": "2025-04-30"}[span]
    assert value(text, lang, span) == expected


@pytest.mark.parametrize(
    ("lang", "text", "span", "expected"),
    [
        (
            "fr",
            "Les troupes sont entrées le 6 août 2024. Cette semaine-là, Kiev s'est tu.",
            "Cette semaine-là",
            "2024-W32",
        ),
        ("en", "The troops crossed on August 6, 2024. That week, Kyiv kept silent.", "That week", "2024-W32"),
        (
            "en",
            "The troops crossed on August 6, 2024. Later that month they took Sudzha.",
            "Later that month",
            "2024-08",
        ),
        (
            "fr",
            "Les troupes sont entrées le 6 août 2024. Plus tôt dans la semaine, Kiev avait nié.",
            "Plus tôt dans la semaine",
            "2024-W32",
        ),
        (
            "en",
            "The troops crossed on August 6, 2024. Earlier in the week, Kyiv had denied it.",
            "Earlier in the week",
            "2024-W32",
        ),
    ],
)
def test_that_week_and_earlier_in_the_week_are_the_story_week(lang, text, span, expected):
    assert value(text, lang, span) == expected


@pytest.mark.parametrize(
    ("lang", "text", "span"),
    [
        ("fr", "Plus tôt dans la semaine, le ministre avait démenti.", "Plus tôt dans la semaine"),
        ("en", "Earlier in the week, the minister had denied it.", "Earlier in the week"),
    ],
)
def test_earlier_in_the_week_without_a_story_day_is_the_publication_week(lang, text, span):
    assert value(text, lang, span) == "2025-W18"


# --- Narrative documents: months and days without a year take the story's year ----------------

HISTORY_EN = (
    "The war began in 1914 with an invasion. In 1915 the front froze, and in 1916 the great "
    "offensives failed. On 1 July 1916 the attack on the Somme opened.\n\n"
    "In September, tanks appeared. In January the armies dug in for the winter. "
    "The summer brought new attacks. On 9 August the line broke, and twelve days later it held."
)
HISTORY_FR = (
    "La guerre commence en 1914 par une invasion. En 1915 le front se fige, et en 1916 les "
    "grandes offensives échouent. Le 1er juillet 1916, l'attaque de la Somme commence.\n\n"
    "En septembre, les chars apparaissent. En janvier, les armées s'enterrent. "
    "L'été suivant apporte de nouvelles attaques ; la semaine suivante, le front cède."
)
DCT_LATE = D(2009, 12, 19)


@pytest.mark.parametrize(
    ("span", "expected"),
    [
        ("September", "1916-09"),
        ("January", "1917-01"),
        ("The summer", "1917-SU"),
        ("twelve days later", None),
    ],
)
def test_a_history_places_undated_months_in_the_story(span, expected):
    found = only(HISTORY_EN, "en", DCT_LATE, span)
    if expected is None:  # anaphoric: after the last day told, far from the publication date
        assert found.value.startswith("191")
    else:
        assert found.value == expected


@pytest.mark.parametrize(("span", "expected"), [("septembre", "1916-09"), ("janvier", "1917-01")])
def test_a_french_history_places_undated_months_in_the_story(span, expected):
    assert value(HISTORY_FR, "fr", span, DCT_LATE) == expected


def test_news_with_a_few_old_years_keeps_the_publication_year():
    text = (
        "The minister, born in 1950 and elected in 1988, resigned today. He had led the party "
        "since 1992. Elections are due in September, officials said on Thursday."
    )
    assert value(text, "en", "September") == "2025-09"
    assert value(text, "en", "Thursday") == "2025-04-24"


@pytest.mark.parametrize(
    ("lang", "text", "span", "expected"),
    [
        (
            "en",
            "In 490 BC they landed. In 486 BC Egypt rose. In 480 BC they came. In September, Athens burned.",
            "September",
            "BC0480-09",
        ),
        (
            "en",
            "In 490 BC the Persians landed. In 480 BC they returned. In 479 BC they left.",
            "479 BC",
            "BC0479",
        ),
        ("fr", "En 58 av. J.-C., César entre en Gaule.", "58 av. J.-C.", "BC0058"),
    ],
)
def test_years_before_the_common_era(lang, text, span, expected):
    found = only(text, lang, DCT_LATE, span)
    assert found.value == expected
    assert found.period_start is None  # no calendar period before year 1


# --- The tense of the clause sends a weekday, month or season ahead or back -------------------


@pytest.mark.parametrize(
    ("lang", "text", "span", "expected"),
    [
        ("fr", "Le sommet aura lieu samedi.", "samedi", "2025-05-03"),
        ("fr", "Le sommet a eu lieu samedi.", "samedi", "2025-04-26"),
        ("fr", "Les négociations devraient reprendre samedi.", "samedi", "2025-05-03"),
        ("fr", "Le président se rendrait à Pékin en décembre.", "décembre", "2025-12"),
        ("fr", "Le président s'est rendu à Pékin en décembre.", "décembre", "2024-12"),
        ("en", "Talks will resume in January.", "January", "2026-01"),
        ("en", "Talks resumed in January.", "January", "2025-01"),
        ("en", "The vote is due to take place on Saturday.", "Saturday", "2025-05-03"),
        ("en", "The deal is expected to be signed in December.", "December", "2025-12"),
        ("en", "The deal was signed in December.", "December", "2024-12"),
    ],
)
def test_tense_decides_the_direction_of_a_name_alone(lang, text, span, expected):
    assert value(text, lang, span) == expected


# --- Approximate and open periods ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "span"),
    [
        ("fr", "Il y a près de trois ans, la guerre commençait.", "Il y a près de trois ans"),
        ("en", "Nearly three years ago the war began.", "Nearly three years ago"),
        ("en", "About three years ago the war began.", "About three years ago"),
    ],
)
def test_nearly_n_years_ago_is_an_estimate_around_the_date(lang, text, span):
    found = only(text, lang, DCT, span)
    assert found.value == "2022" and found.mod == "APPROX"
    assert found.approximate and found.precision == Precision.APPROXIMATE
    assert found.period_start < D(2022, 4, 28) < found.period_end
    assert (found.period_end - found.period_start).days < 400  # about a year wide, not a decade


def test_an_exact_offset_is_not_approximate():
    found = only("Three years ago the war began.", "en", DCT, "Three years ago")
    assert not found.approximate and found.precision == Precision.YEAR


@pytest.mark.parametrize(
    ("lang", "text", "span", "start"),
    [
        ("fr", "Les combats font rage depuis samedi.", "samedi", D(2025, 4, 26)),
        ("fr", "Le pont est fermé depuis le 3 mars.", "le 3 mars", D(2025, 3, 3)),
        ("en", "Fighting has raged since Saturday.", "Saturday", D(2025, 4, 26)),
        ("en", "Prices have risen since March.", "March", D(2025, 3, 1)),
    ],
)
def test_since_a_date_is_a_period_up_to_the_publication_date(lang, text, span, start):
    found = only(text, lang, DCT, span)
    assert (found.period_start, found.period_end) == (start, DCT)


def test_since_a_future_date_opens_nothing():
    found = only("Le pont sera fermé dès lundi prochain.", "fr", DCT, "lundi prochain")
    assert found.period_start == found.period_end == D(2025, 5, 5)


@pytest.mark.parametrize(
    ("lang", "text", "span"),
    [
        ("fr", "Il s'inquiète pour l'avenir du pays.", "l'avenir"),
        ("fr", "Un pont vers le futur.", "le futur"),
        ("fr", "Les partis se préparent pour les prochaines échéances.", "prochaines"),
        ("en", "Nobody can tell the future.", "the future"),
    ],
)
def test_future_words_are_future_ref(lang, text, span):
    found = only(text, lang, DCT, span)
    assert found.value == "FUTURE_REF" and found.period_start is None


def test_prochain_after_a_unit_stays_a_date():
    assert value("La réunion aura lieu la semaine prochaine.", "fr", "la semaine prochaine") == "2025-W19"


def test_timex_json_carries_the_approximate_flag():
    (found,) = [t for t in tag("Il y a environ trois ans.", "fr", DCT) if t.type == "DATE"]
    assert found.as_json()["approximate"] is True


def test_a_chronicle_of_recent_years_follows_its_own_time():
    # Every year is close to the publication date, but the text never names its own "now":
    # it is a chronicle, and its undated months follow the story.
    years = " ".join(f"In {y} the coalition changed its plans again." for y in (2021, 2022, 2023) * 4)
    text = years + "\n\nIn March 2022 the offensive began. In May, the ceasefire failed."
    assert value(text, "en", "May", D(2025, 4, 28)) == "2022-05"


def test_news_that_names_its_own_time_keeps_the_publication_year():
    years = " ".join(f"In {y} the coalition changed its plans again." for y in (2021, 2022, 2023) * 4)
    text = (
        years
        + "\n\nOn Monday the minister spoke; yesterday and today talks went on. In May, the ceasefire failed."
    )
    assert value(text, "en", "May", D(2025, 4, 28)) == "2025-05"


@pytest.mark.parametrize(
    ("lang", "text", "span", "expected"),
    [
        ("en", "On March 3 the front broke. Weeks later the town fell.", "Weeks later", "FUTURE_REF"),
        ("en", "On March 3 the front broke. Days earlier it had been calm.", "Days earlier", "PAST_REF"),
        (
            "fr",
            "Le 3 mars le front a cédé. Des semaines plus tard, la ville est tombée.",
            "Des semaines plus tard",
            "FUTURE_REF",
        ),
        ("en", "On March 3 the front broke. The same month, Kyiv denied it.", "The same month", "2025-03"),
        ("fr", "Le 3 mars le front a cédé. La même semaine, Kiev a démenti.", "La même semaine", "2025-W10"),
    ],
)
def test_vague_and_same_unit_references_to_the_story(lang, text, span, expected):
    assert value(text, lang, span) == expected


@pytest.mark.parametrize(
    ("lang", "text", "span", "expected"),
    [
        (
            "fr",
            "Il y a une dizaine d'années, le pont a été construit.",
            "Il y a une dizaine d'années",
            "2015",
        ),
        ("fr", "Il y a près d'un mois, le pont s'effondrait.", "Il y a près d'un mois", "2025-03"),
        ("en", "A couple of years ago, the bridge was built.", "A couple of years ago", "2023"),
    ],
)
def test_estimated_numbers_and_elisions_make_approximate_offsets(lang, text, span, expected):
    found = only(text, lang, DCT, span)
    assert found.value == expected and found.approximate


def test_an_age_in_tens_is_not_a_time():
    assert tag("Une femme d'une trentaine d'années est tombée.", "fr", DCT) == []


def test_a_capitalised_name_in_ed_is_not_a_past_tense():
    text = "The father would travel to the United States Thursday."
    assert value(text, "en", "Thursday") == "2025-05-01"


@pytest.mark.parametrize(
    ("lang", "text", "span"),
    [
        (
            "fr",
            "Le 3 mars, le ministre a parlé. Il y a une semaine, il avait démissionné.",
            "Il y a une semaine",
        ),
        ("en", "On March 3 the minister spoke. A week ago he had resigned.", "A week ago"),
    ],
)
def test_a_look_back_in_a_passage_about_an_earlier_day_counts_from_that_day(lang, text, span):
    assert value(text, lang, span) == "2025-W09"


@pytest.mark.parametrize(
    ("lang", "text", "span"),
    [
        ("fr", "Hier, le ministre a parlé. Il y a une semaine, il avait démissionné.", "Il y a une semaine"),
        ("en", "On March 3 the minister spoke.\nA week ago he resigned.", "A week ago"),
    ],
)
def test_a_look_back_after_a_deictic_day_or_in_a_new_paragraph_counts_from_the_dct(lang, text, span):
    assert value(text, lang, span) == "2025-W17"


@pytest.mark.parametrize(
    ("lang", "text", "span", "expected"),
    [
        ("fr", "Le conseil se réunit jeudi 1er.", "jeudi 1er", "2025-05-01"),
        ("fr", "Jeudi 3, le conseil a voté.", "Jeudi 3", "2025-04-03"),
        ("en", "On Thursday the 1st, talks resume.", "Thursday the 1st", "2025-05-01"),
    ],
)
def test_a_weekday_with_a_day_of_the_month_is_the_one_around_the_dct(lang, text, span, expected):
    assert value(text, lang, span) == expected


def test_a_weekday_with_a_day_that_does_not_fit_is_no_date():
    assert all(t.text != "Jeudi 4" for t in tag("Jeudi 4, le conseil a voté.", "fr", DCT))


@pytest.mark.parametrize(
    ("lang", "text", "span", "expected"),
    [
        ("fr", "Dans quelques jours, le pont rouvrira.", "Dans quelques jours", "FUTURE_REF"),
        ("fr", "D'ici deux semaines, le pont rouvrira.", "D'ici deux semaines", "2025-W20"),
        ("fr", "Voici deux ans, un incendie ravageait le quartier.", "Voici deux ans", "2023"),
        ("en", "Talks will resume in a few days.", "in a few days", "FUTURE_REF"),
        ("en", "It was the first attack in a few years.", "in a few years", "PXY"),
    ],
)
def test_vague_and_old_style_offsets(lang, text, span, expected):
    assert value(text, lang, span) == expected


def test_from_monday_to_friday_is_not_two_dates():
    assert tag("Le guichet est ouvert du lundi au vendredi.", "fr", DCT) == []


@pytest.mark.parametrize(
    ("lang", "text", "span", "expected"),
    [
        (
            "en",
            "In June 1917 the mutinies ended. The previous April, the offensive had failed.",
            "previous April",
            "1917-04",
        ),
        (
            "fr",
            "En juin 1917, les mutineries cessent. En avril précédent, l'offensive avait échoué.",
            "avril précédent",
            "1917-04",
        ),
        (
            "en",
            "The treaty was signed in 1778. Two years earlier, the war had begun.",
            "Two years earlier",
            "1776",
        ),
        (
            "fr",
            "Le traité est signé en 1778. Deux ans plus tôt, la guerre avait commencé.",
            "Deux ans plus tôt",
            "1776",
        ),
    ],
)
def test_anaphoric_months_and_years_count_from_the_story(lang, text, span, expected):
    assert value(text, lang, span) == expected


def test_a_plan_in_a_history_does_not_move_its_story():
    text = (
        "The war began in 1960. In 1965 the bombing started, and in 1968 the offensive came. "
        "On 13 December 1974 the attack opened; the planners said victory would come in 1976. "
        "On 11 March the town fell."
    )
    assert value(text, "en", "11 March", D(2009, 12, 19)) == "1975-03-11"


@pytest.mark.parametrize(
    ("text", "span", "expected"),
    [
        ("Le 31 décembre au soir, la fête a dégénéré.", "Le 31 décembre au soir", "2024-12-31TEV"),
        ("Les samedis, le marché occupe la place.", "Les samedis", "XXXX-WXX-6"),
        ("Les samedis matin, le marché occupe la place.", "Les samedis matin", "XXXX-WXX-6TMO"),
    ],
)
def test_french_parts_of_named_days_and_plural_weekdays(text, span, expected):
    assert value(text, "fr", span) == expected


def test_a_bare_season_in_a_history_is_the_story_years():
    text = "The war began in 1914. In 1915 the front froze. In 1916 it held. Their summer offensive failed."
    assert value(text, "en", "summer", D(2009, 12, 19)) == "1916-SU"


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "Throughout 1915-17, the front held.", [("1915", "1915"), ("17", "1917")]),
        ("en", "In 1998-02 the firm grew.", [("1998", "1998"), ("02", "2002")]),
        ("fr", "La saison 2002/03 commence.", [("2002", "2002"), ("03", "2003")]),
        (
            "en",
            "On 6-7 January 1916, the battle raged.",
            [("6", "1916-01-06"), ("7 January 1916", "1916-01-07")],
        ),
    ],
)
def test_ranges_of_years_and_of_days_before_the_month(lang, text, expected):
    assert [(t.text, t.value) for t in tag(text, lang, DCT)] == expected


def test_february_29_in_a_story_year_without_one_takes_the_nearest_leap_year():
    text = "In 2005 and 2006 and 2007 they fought. The troops withdrew on February 29."
    assert value(text, "en", "February 29", D(2015, 1, 1)) == "2008-02-29"


@pytest.mark.parametrize(
    ("lang", "text", "span"),
    [
        ("en", "He was killed last October. His name was crossed out that same day.", "that same day"),
        ("fr", "Il a été tué en octobre dernier. Son nom a été rayé le jour même.", "le jour même"),
    ],
)
def test_that_day_after_a_month_is_a_day_of_that_month(lang, text, span):
    found = only(text, lang, DCT, span)
    assert found.value == "2024-10" and found.precision == Precision.MONTH


def test_months_end_is_the_end_of_the_story_month():
    found = only(
        "On 3 October 1950 they crossed; by month's end they held the line.", "en", DCT, "month's end"
    )
    assert (found.value, found.mod) == ("1950-10", "END")
