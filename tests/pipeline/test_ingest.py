"""Ingesting articles end to end into the database (rule-based fallback annotator: no Stanza models here)."""

import datetime
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.conftest import SHARED_DIR
from timeline.models import Article, Entity, EntityAlias, Event, EventGroup, Mention
from timeline.pipeline import store
from timeline.pipeline.ingest import Ingestor
from timeline.pipeline.reading import RawArticle

pytestmark = pytest.mark.django_db

SEED = SHARED_DIR / "seeds" / "000_606cd80a5e1b2288.txt"
SEED_GOLD = SHARED_DIR / "eval" / "seed-gold.json"
# The seed is a real news article: it stays in ../shared (never copied into the repository).
needs_seed = pytest.mark.skipif(
    not (SEED.is_file() and SEED_GOLD.is_file()),
    reason="../shared (the seed article and its gold) is not beside the repository",
)


def ingest(tmp_path: Path, name: str, content: str | bytes, *args: str) -> tuple[str, str]:
    path = tmp_path / name
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    out, err = StringIO(), StringIO()
    call_command("ingest", str(path), *args, "--backend", "fallback", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def exported() -> list[dict]:
    out = StringIO()
    call_command("export_events", "--format", "json", stdout=out)
    return json.loads(out.getvalue())


def article_md(title: str, published: str, language: str, body: str) -> str:
    return f"---\ntitle: {title}\npublished: {published}\nlanguage: {language}\nsource: Test\n---\n{body}\n"


@needs_seed
def test_seed_article_yields_every_gold_event_with_its_period_countries_and_persons():
    gold = json.loads(SEED_GOLD.read_text())
    call_command(
        "ingest", str(SEED), "--published", gold["published"], "--language", "fr",
        "--source", gold["source"], "--backend", "fallback", stdout=StringIO(),
    )  # fmt: skip
    events = exported()
    from timeline.temporal.calendar import value_period

    for wanted in gold["events"]:
        if isinstance(wanted["date"], list):
            period = tuple(wanted["date"])
        else:
            start, end, _precision = value_period(wanted["date"])
            period = (start.isoformat(), end.isoformat())
        matches = [
            e
            for e in events
            if (e["date_start"], e["date_end"]) == period
            and set(wanted["countries"]) <= {c["code"] for c in e["countries"]}
            and set(wanted["persons"]) <= {p["name"] for p in e["persons"]}
        ]
        assert matches, f"no event for {wanted['what']} ({wanted['date']})"


@needs_seed
def test_seed_article_entities_resolve_as_a_careful_reader_would():
    gold = json.loads(SEED_GOLD.read_text())
    call_command("ingest", str(SEED), "--published", "2025-04-28", "--backend", "fallback", stdout=StringIO())
    persons = set(Entity.objects.filter(kind="person").values_list("name", flat=True))
    assert set(gold["entities"]["persons"]) <= persons
    codes = set(Entity.objects.filter(kind="country").values_list("iso_code", flat=True))
    assert set(gold["entities"]["countries"]) <= codes
    assert Article.objects.get().language == "fr"  # detected


def test_reingesting_the_same_text_changes_nothing(tmp_path):
    body = "Le 26 avril 2025, le Kremlin a annoncé la reprise de la région de Koursk."
    ingest(tmp_path, "a.md", article_md("Koursk", "2025-04-27", "fr", body))
    before = list(Event.objects.values_list("id", "group_id", "date_start"))
    out, _ = ingest(tmp_path, "a.md", article_md("Koursk", "2025-04-27", "fr", body))
    assert "0 new, 0 updated, 1 unchanged, 0 failed" in out
    assert list(Event.objects.values_list("id", "group_id", "date_start")) == before


def test_reingesting_with_another_publication_date_reextracts_atomically(tmp_path):
    body = "Hier, le Kremlin a annoncé la reprise de la région de Koursk."
    ingest(tmp_path, "a.md", article_md("Koursk", "2025-04-27", "fr", body))
    assert list(Event.objects.values_list("date_start", flat=True)) == [datetime.date(2025, 4, 26)]
    out, _ = ingest(tmp_path, "a.md", article_md("Koursk", "2025-04-28", "fr", body))
    assert "0 new, 1 updated" in out
    assert list(Event.objects.values_list("date_start", flat=True)) == [datetime.date(2025, 4, 27)]
    assert Article.objects.count() == 1
    assert EventGroup.objects.count() == 1  # the emptied group went away


def test_a_failure_midway_keeps_the_previous_events_and_marks_the_article_failed(tmp_path, monkeypatch):
    body = "Le 26 avril 2025, le Kremlin a annoncé la reprise de la région de Koursk."
    ingest(tmp_path, "a.md", article_md("Koursk", "2025-04-27", "fr", body))
    before = list(Event.objects.values_list("id", "date_start"))
    mentions_before = Mention.objects.count()

    def crash(*_args):
        raise RuntimeError("grouping exploded")

    # Inject a failure after the old events were deleted and the new ones written.
    monkeypatch.setattr(store, "assign_groups", crash)
    with pytest.raises(CommandError, match="1 article"):
        ingest(tmp_path, "a.md", article_md("Koursk", "2025-04-28", "fr", body), "--force")
    article = Article.objects.get()
    assert article.status == Article.Status.FAILED
    assert "RuntimeError: grouping exploded" in article.error
    assert list(Event.objects.values_list("id", "date_start")) == before
    assert Mention.objects.count() == mentions_before

    monkeypatch.undo()
    out, _ = ingest(tmp_path, "a.md", article_md("Koursk", "2025-04-28", "fr", body))
    assert "1 updated" in out and Article.objects.get().status == Article.Status.DONE


def test_one_bad_file_fails_alone_and_the_run_exits_non_zero(tmp_path):
    (tmp_path / "good.md").write_text(
        article_md("Kursk", "2025-04-27", "en", "On Saturday, Russia said it had retaken Kursk.")
    )
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 100)
    (tmp_path / "empty.txt").write_bytes(b"")
    err = StringIO()
    with pytest.raises(CommandError, match="2 article"):
        call_command("ingest", str(tmp_path), "--backend", "fallback", stdout=StringIO(), stderr=err)
    assert Article.objects.get().title == "Kursk"
    assert Event.objects.filter(article__title="Kursk").exists()


def test_a_windows_1252_article_is_ingested(tmp_path):
    body = "Samedi, la Russie a annoncé que la région de Koursk était « libérée »."
    ingest(tmp_path, "legacy.txt", body.encode("cp1252"), "--published", "2025-04-27")
    article = Article.objects.get()
    assert article.body == body and article.language == "fr"


def test_a_missing_publication_date_is_inferred_from_the_text_and_marked(tmp_path):
    body = "The Kremlin said on April 26, 2025 that Russia had retaken the Kursk region."
    ingest(tmp_path, "a.txt", body)
    article = Article.objects.get()
    assert article.published == datetime.date(2025, 4, 26)
    assert article.published_inferred is True


def test_an_article_with_no_date_at_all_is_stored_without_a_publication_date(tmp_path):
    ingest(tmp_path, "a.txt", "Vladimir Putin thanked North Korea for its support.")
    article = Article.objects.get()
    assert article.published is None and article.published_inferred is False
    assert not article.events.exists()  # nothing to date the undated sentence by


def test_unsupported_language_is_refused_by_name(tmp_path):
    with pytest.raises(CommandError):
        ingest(
            tmp_path, "de.txt", "Nordkorea hat erstmals bestätigt, Soldaten nach Russland geschickt zu haben."
        )
    assert not Article.objects.exists()


def test_one_person_across_languages_and_spellings(tmp_path):
    ingest(
        tmp_path, "fr.md", article_md("Fr", "2025-04-28", "fr", "M. Poutine a remercié lundi Kim Jong-un.")
    )
    ingest(tmp_path, "en.md", article_md("En", "2025-04-28", "en", "Putin thanked Kim Jong Un on Monday."))
    putin = Entity.objects.get(kind="person", name="Vladimir Putin")
    assert Mention.objects.filter(entity=putin).count() == 2
    assert Entity.objects.filter(kind="person", name="Kim Jong Un").count() == 1
    assert EntityAlias.objects.filter(entity=putin, name="Vladimir Poutine", language="fr").exists()
    assert putin.country.iso_code == "RU"


def test_a_happening_reported_in_french_and_english_is_one_group(tmp_path):
    ingest(tmp_path, "fr.md", article_md(
        "Koursk", "2025-04-27", "fr",
        "Samedi, le chef d'état-major Valeri Guérassimov a annoncé à Vladimir Poutine la reprise de "
        "la région de Koursk.",
    ))  # fmt: skip
    ingest(tmp_path, "en.md", article_md(
        "Kursk", "2025-04-28", "en",
        "On Saturday, Russia's top general Valery Gerasimov told Vladimir Putin that the Kursk region "
        "had been retaken.",
    ))  # fmt: skip
    ingest(tmp_path, "other.md", article_md(
        "Vatican", "2025-04-27", "en",
        "On Saturday, Donald Trump met Volodymyr Zelensky in St Peter's Basilica.",
    ))  # fmt: skip
    kursk = Event.objects.filter(
        date_start=datetime.date(2025, 4, 26), article__title__in=["Koursk", "Kursk"]
    )
    assert kursk.count() == 2
    assert len({e.group_id for e in kursk}) == 1
    vatican = Event.objects.get(article__title="Vatican")
    assert vatican.group_id != kursk[0].group_id


def test_export_json_has_the_documented_fields(tmp_path):
    ingest(tmp_path, "a.md", article_md(
        "Koursk", "2025-04-28", "fr",
        "Le président russe Vladimir Poutine a remercié lundi les soldats nord-coréens à Koursk.",
    ))  # fmt: skip
    [event] = exported()
    assert set(event) >= {
        "id", "date_start", "date_end", "precision", "timex", "date_text", "date_source", "text",
        "category", "countries", "persons", "organizations", "locations", "group", "article",
    }  # fmt: skip
    assert event["date_start"] == event["date_end"] == "2025-04-28"
    assert {c["code"] for c in event["countries"]} == {"RU", "KP"}
    [putin] = event["persons"]
    assert putin["name"] == "Vladimir Putin" and "Vladimir Poutine" in putin["aliases"]
    assert event["locations"][0]["name"] == "Kursk"
    assert event["article"]["title"] == "Koursk" and event["article"]["language"] == "fr"


def test_export_csv_has_a_header_and_one_row_per_event(tmp_path):
    ingest(tmp_path, "a.md", article_md("K", "2025-04-28", "fr", "Lundi, la Russie a repris Soudja."))
    out = StringIO()
    call_command("export_events", "--format", "csv", stdout=out)
    lines = out.getvalue().strip().splitlines()
    assert lines[0].startswith("id,date_start,date_end,precision,timex")
    assert len(lines) == 2 and "RU" in lines[1]


def test_export_queries_do_not_grow_with_the_number_of_events(tmp_path, django_assert_max_num_queries):
    for day in range(1, 8):
        ingest(tmp_path, f"{day}.md", article_md(
            f"A{day}", f"2025-04-{day + 10:02d}", "fr",
            f"Le {day} avril 2025, Vladimir Poutine a rencontré Kim Jong-un à Moscou.",
        ))  # fmt: skip
    with django_assert_max_num_queries(6):
        assert len(exported()) == 7


def test_ingestor_accepts_articles_read_elsewhere():
    outcomes = Ingestor(backend="fallback").ingest(
        [RawArticle(text="Lundi, Pyongyang a confirmé l'envoi de troupes.", language="fr",
                    published=datetime.date(2025, 4, 28), title="Upload")]
    )  # fmt: skip
    assert [(o.status, o.events) for o in outcomes] == [("new", 1)]


def test_an_html_page_is_ingested_with_its_metadata(tmp_path):
    page = """<html lang="en"><head><title>Kursk retaken, Moscow says</title>
    <meta property="og:site_name" content="Demo Wire">
    <meta property="article:published_time" content="2025-04-27T08:00:00Z"></head>
    <body><nav>Home | World</nav><article><h1>Kursk retaken, Moscow says</h1>
    <p>On Saturday, Russia's top general Valery Gerasimov told Vladimir Putin that the Kursk region had been
    fully retaken from Ukrainian forces, with help from North Korean troops.</p>
    <p>Kyiv denied the claim and said fighting continued in parts of the region near the border.</p>
    </article><footer>Demo Wire</footer></body></html>"""
    ingest(tmp_path, "kursk.html", page)
    article = Article.objects.get()
    assert (article.title, article.source, article.published) == (
        "Kursk retaken, Moscow says",
        "Demo Wire",
        datetime.date(2025, 4, 27),
    )
    assert "Home | World" not in article.body
    event = Event.objects.get(date_start=datetime.date(2025, 4, 26), sentence__contains="Gerasimov")
    assert set(event.entities.values_list("name", flat=True)) >= {
        "Vladimir Putin",
        "Valery Gerasimov",
        "Kursk",
    }
    # Kyiv's denial answers the claim: same day, same card.
    denial = Event.objects.get(sentence__startswith="Kyiv denied")
    assert (denial.date_start, denial.group_id) == (event.date_start, event.group_id)


def test_a_bad_file_between_good_ones_loses_neither_of_them(tmp_path):
    (tmp_path / "1.md").write_text(
        article_md("First", "2025-04-27", "en", "On Saturday, Russia retook Kursk.")
    )
    (tmp_path / "2.md").write_text("---\npublished: 2025-02-30\n---\nText.")
    (tmp_path / "3.md").write_text(
        article_md("Third", "2025-04-28", "en", "On Monday, Pyongyang confirmed it.")
    )
    out = StringIO()
    with pytest.raises(CommandError, match="1 article"):
        call_command("ingest", str(tmp_path), "--backend", "fallback", stdout=out, stderr=StringIO())
    assert "2 new, 0 updated, 0 unchanged, 1 failed" in out.getvalue()
    assert set(Article.objects.values_list("title", flat=True)) == {"First", "Third"}


def test_a_failed_reextraction_keeps_the_article_as_it_was(tmp_path, monkeypatch):
    body = "Le 26 avril 2025, le Kremlin a annoncé la reprise de la région de Koursk."
    ingest(tmp_path, "a.md", article_md("Original title", "2025-04-27", "fr", body))
    monkeypatch.setattr(store, "assign_groups", lambda *_args: 1 / 0)
    with pytest.raises(CommandError):
        ingest(tmp_path, "a.md", article_md("New title", "2025-04-27", "fr", body))
    article = Article.objects.get()
    assert (article.title, article.status) == ("Original title", Article.Status.FAILED)
    assert "ZeroDivisionError" in article.error
    assert article.events.count() == 1


def test_a_person_whose_name_has_no_ascii_slug_is_found_again():
    from timeline.linking.types import EntityRecord
    from timeline.pipeline.store import EntityStore

    record = EntityRecord(key="person:", kind="person", name="Алексей Криворучко", slug="")
    first = EntityStore().entity_id(record)
    assert EntityStore().entity_id(record) == first
    assert Entity.objects.get(pk=first).slug == "алексей-криворучко"


def test_a_nul_byte_after_the_first_8_kb_is_removed_and_the_article_stored(tmp_path):
    # PostgreSQL refuses NUL in text: the text is normalised when read, the same on every database.
    filler = "Le Kremlin a annoncé lundi la reprise de Koursk. " * 200
    body = filler + "\x00Pyongyang a confirmé\x07 l'envoi de troupes.\x1b\n"
    assert body.index("\x00") > 8192
    out, _err = ingest(tmp_path, "nul.md", article_md("Koursk", "2025-04-28", "fr", body))
    assert "1 new" in out and "0 failed" in out
    article = Article.objects.get()
    assert "Pyongyang a confirmé l'envoi de troupes." in article.body
    assert not any(ord(char) < 32 and char not in "\t\n\r" for char in article.body)


def test_a_nul_byte_fails_no_run_and_later_files_are_ingested(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    text = "Le Kremlin a annoncé lundi la reprise de Koursk. " * 200
    (folder / "a.md").write_text(article_md("A", "2025-04-28", "fr", text + "\x00 fin."))
    (folder / "b.md").write_text(article_md("B", "2025-04-28", "fr", "Pyongyang a confirmé lundi l'envoi."))
    out = StringIO()
    call_command("ingest", str(folder), "--backend", "fallback", stdout=out, stderr=StringIO())
    assert "2 new" in out.getvalue()
    assert set(Article.objects.values_list("title", flat=True)) == {"A", "B"}


def test_a_latin_1_french_article_is_stored_with_its_accents(tmp_path):
    # Detected as the Baltic cp775 before: "président" was stored garbled.
    body = "Le président a déclaré être très préoccupé par la situation à Koursk."
    ingest(tmp_path, "latin1.txt", body.encode("latin-1"), "--published", "2025-04-28", "--language", "fr")
    assert Article.objects.get().body == body


def test_a_fifo_is_skipped_with_a_message_and_does_not_hang_the_run(tmp_path):
    import os

    folder = tmp_path / "articles"
    folder.mkdir()
    os.mkfifo(folder / "pipe.txt")  # nobody writes to it: reading it would block for ever
    (folder / "b.md").write_text(article_md("B", "2025-04-28", "fr", "Pyongyang a confirmé lundi l'envoi."))
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match="1 article"):
        call_command("ingest", str(folder), "--backend", "fallback", stdout=out, stderr=err)
    assert "1 new" in out.getvalue()
    assert "pipe.txt: not a regular file" in err.getvalue()


def test_an_article_longer_than_the_limit_fails_clearly_and_the_run_goes_on(tmp_path, settings):
    settings.MAX_ARTICLE_CHARACTERS = 5_000
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a-long.md").write_text(article_md("Long", "2025-04-28", "fr", "Koursk a été repris. " * 400))
    (folder / "b.md").write_text(article_md("B", "2025-04-28", "fr", "Pyongyang a confirmé lundi l'envoi."))
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match="1 article"):
        call_command("ingest", str(folder), "--backend", "fallback", stdout=out, stderr=err)
    assert "the text has 8,399 characters, more than the limit of 5,000 for one article" in err.getvalue()
    assert list(Article.objects.values_list("title", flat=True)) == ["B"]
