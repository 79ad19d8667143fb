"""Flags are shipped SVG images (not emoji); the article page writes event dates as the cards do."""

from django.urls import reverse

from tests.timeline_ui.test_map import Tree
from timeline.flags import FLAGS_DIR, flag_html


def test_flags_are_shipped_images_with_their_licence():
    for code in ("RU", "UA", "KP", "KR", "US", "FR", "VA", "XK"):
        assert (FLAGS_DIR / f"{code.lower()}.svg").exists(), code
    assert "MIT" in (FLAGS_DIR / "LICENSE").read_text()
    assert 'src="/static/flags/kp.svg"' in flag_html("KP")
    assert 'alt=""' in flag_html("KP")  # decorative: the name is written beside it
    assert flag_html("ZZ") == "" and flag_html("") == ""


def test_pages_show_flag_images_and_no_flag_emoji(client, small_timeline):
    html = client.get(reverse("timeline:timeline"), {"country": "KP"}).content.decode()
    regional_indicators = [c for c in html if 0x1F1E6 <= ord(c) <= 0x1F1FF]
    assert regional_indicators == []
    sources = {img.attrs["src"] for img in Tree(html).find("img", "flag")}
    assert {"/static/flags/kp.svg", "/static/flags/ru.svg"} <= sources
    entity_page = client.get(reverse("timeline:entity", args=["country", "KP"])).content.decode()
    assert "/static/flags/kp.svg" in entity_page


def test_article_page_uses_the_precision_aware_date_of_the_cards(client, small_timeline):
    article = small_timeline.nis_report.article  # "en octobre": a month
    html = client.get(reverse("timeline:article", args=[article.pk])).content.decode()
    dates = [
        "".join(time.text).strip() for time in Tree(html).find("time") if time.inside("ol", "article-events")
    ]
    assert "October 2024" in dates
    assert not any("31 Oct" in date for date in dates)
    # The machine-readable date is as precise as the period too (timeline/period.py), like the cards'.
    machine = [
        time.attrs["datetime"] for time in Tree(html).find("time") if time.inside("ol", "article-events")
    ]
    assert "2024-10" in machine and "2024-10-01" not in machine


def test_article_page_dates_follow_the_language(client, small_timeline):
    article = small_timeline.nis_report.article
    html = client.get(
        reverse("timeline:article", args=[article.pk]), HTTP_ACCEPT_LANGUAGE="fr"
    ).content.decode()
    dates = [
        "".join(time.text).strip() for time in Tree(html).find("time") if time.inside("ol", "article-events")
    ]
    assert "octobre 2024" in dates
