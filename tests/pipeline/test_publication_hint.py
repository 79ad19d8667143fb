"""A dateline's day is the best hint of an article's publication date when none is given."""

import datetime

from timeline.pipeline.ingest import infer_published


def test_a_dateline_day_after_the_latest_full_date_is_the_publication_day():
    text = (
        "MOSCOU, 27 avril (Agence) - Le général a affirmé samedi que la région, envahie le 6 août 2024, "
        "était libérée depuis le 26 avril 2025."
    )
    assert infer_published(text, "fr") == datetime.date(2025, 4, 27)


def test_without_a_dateline_the_latest_full_date_stays_the_hint():
    assert infer_published("The region, invaded on August 6, 2024, was retaken.", "en") == datetime.date(
        2024, 8, 6
    )


def test_a_dateline_far_from_the_dates_of_the_text_is_not_trusted():
    text = "KYIV, Dec 30 (Agency) – The region, invaded on August 6, 2024, was retaken."
    assert infer_published(text, "en") == datetime.date(2024, 8, 6)
