import datetime
from pathlib import Path

import pytest

from timeline.pipeline.language import detect_language
from timeline.pipeline.reading import (
    RawArticle,
    ReadError,
    iter_article_paths,
    read_bytes,
    read_path,
)

FRONT_MATTER_ARTICLE = """---
title: "Pyongyang confirme"
published: 2025-04-28
language: fr
source: Le Courrier démo
url: https://courrier.demo.example/a
---
La Corée du Nord a confirmé aujourd'hui le déploiement de ses troupes.
"""

HTML_ARTICLE = """<html><head><title>Kursk: Moscow claims victory</title>
<meta property="og:site_name" content="Demo Wire">
<meta property="article:published_time" content="2025-04-26T18:00:00Z">
<link rel="canonical" href="https://wire.demo.example/kursk"></head>
<body><nav>Home | World | Sport</nav><article><h1>Kursk: Moscow claims victory</h1>
<p>Russia's top general told Vladimir Putin on Saturday that the Kursk region had been fully retaken,
a claim Ukraine's military immediately denied, saying fighting continued in several areas.</p>
<p>The announcement came eight months after Ukrainian troops crossed the border in a surprise offensive
that took Moscow by surprise and led to the capture of the town of Sudzha.</p></article>
<footer>© Demo Wire</footer></body></html>"""


def test_front_matter_fills_the_metadata_and_is_not_part_of_the_text():
    article = read_bytes(FRONT_MATTER_ARTICLE.encode(), "a.md")
    assert article == RawArticle(
        text="La Corée du Nord a confirmé aujourd'hui le déploiement de ses troupes.",
        title="Pyongyang confirme",
        published=datetime.date(2025, 4, 28),
        language="fr",
        source="Le Courrier démo",
        url="https://courrier.demo.example/a",
        origin="a.md",
    )


def test_plain_text_without_front_matter_is_all_text():
    article = read_bytes(b"Kim Jong Un thanked the troops.\n", "note.txt")
    assert article.text == "Kim Jong Un thanked the troops."
    assert article.published is None and article.title == ""


def test_html_gives_main_text_and_metadata_without_navigation():
    article = read_bytes(HTML_ARTICLE.encode(), "kursk.html")
    assert article.title == "Kursk: Moscow claims victory"
    assert article.published == datetime.date(2025, 4, 26)
    assert article.source == "Demo Wire"
    assert article.url == "https://wire.demo.example/kursk"
    assert article.text.startswith("Russia's top general told Vladimir Putin")
    assert "Home | World" not in article.text and "©" not in article.text


def test_windows_1252_text_is_decoded():
    text = "Le président ukrainien a rejeté l'idée de céder la Crimée à la Russie, déclarant « jamais »."
    article = read_bytes(text.encode("cp1252"), "legacy.txt")
    assert article.text == text


@pytest.mark.parametrize(
    "text",
    [
        "Le président a déclaré être très préoccupé par la situation.",
        "À Séoul, les services de renseignement ont évoqué des pertes élevées.",
        "Die Bundesregierung äußerte sich in München besorgt über große Verluste.",
    ],
)
@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_western_european_text_in_a_single_byte_code_page_keeps_its_accents(text, encoding):
    assert read_bytes(text.encode(encoding), "legacy.txt").text == text


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Россия и Северная Корея подписали договор о стратегическом партнёрстве в июне.", "cp1251"),
        ("Prezydent Polski powiedział, że sytuacja jest poważna, a żołnierze są gotowi.", "cp1250"),
    ],
    ids=["cyrillic", "polish"],
)
def test_other_code_pages_are_not_mistaken_for_windows_1252(text, encoding):
    assert read_bytes(text.encode(encoding), "legacy.txt").text == text


def test_control_characters_are_removed_at_the_door():
    data = ("Ligne un.\x00\x01 Suite\x7f.\x0cLigne deux.\tFin\u0085.").encode() + b"\x00"
    assert read_bytes(b"x" * 9000 + data, "a.txt").text == "x" * 9000 + "Ligne un. Suite.\nLigne deux.\tFin."


def test_utf8_with_byte_order_mark_keeps_its_front_matter():
    article = read_bytes("\ufeff".encode() + FRONT_MATTER_ARTICLE.encode(), "bom.md")
    assert article.title == "Pyongyang confirme"


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "photo.txt", "binary file"),
        (b"", "empty.txt", "has no text"),
        (b"   \n\n  ", "blank.md", "has no text"),
        (b"---\ntitle: only metadata\n---\n", "meta.md", "has no text"),
        (b"Some text", "report.pdf", "unsupported file type .pdf"),
        (b"---\ntitle: [unclosed\n---\nText", "bad.md", "not valid YAML"),
        (b"---\nauthor: someone\n---\nText", "bad.md", "unknown front matter key(s) author"),
        (b"---\npublished: last Monday\n---\nText", "bad.md", "not a date as YYYY-MM-DD"),
        (b"<html><head><title>Nothing</title></head><body></body></html>", "empty.html", "no article text"),
    ],
    ids=["binary", "empty", "blank", "front-matter-only", "pdf", "yaml", "unknown-key", "date", "html"],
)
def test_unreadable_input_is_refused_with_a_clear_message(data, name, message):
    with pytest.raises(ReadError, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_bytes(data, name)


def test_a_50_mb_file_is_refused_before_it_is_read(tmp_path: Path):
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: costs no disk
    with pytest.raises(ReadError, match=r"50\.0 MB, more than the limit of 5 MB"):
        read_path(huge)


def test_a_missing_file_is_reported(tmp_path: Path):
    with pytest.raises(ReadError, match="cannot open"):
        read_path(tmp_path / "nope.txt")


def test_directories_are_walked_for_supported_files_in_name_order(tmp_path: Path):
    (tmp_path / "b").mkdir()
    for name in ("b/2.md", "1.txt", "b/3.html", "notes.pdf", "b/image.png"):
        (tmp_path / name).write_text("x")
    found = [p.relative_to(tmp_path).as_posix() for p in iter_article_paths([tmp_path])]
    assert found == ["1.txt", "b/2.md", "b/3.html"]


def test_overrides_replace_only_what_is_given():
    article = RawArticle(text="t", title="From file", language="fr")
    assert article.with_overrides(title="", language="en", published=None) == RawArticle(
        text="t", title="From file", language="en"
    )


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("La Corée du Nord a confirmé pour la première fois l'envoi de soldats en Russie.", "fr"),
        ("North Korea confirmed for the first time that it sent soldiers to Russia.", "en"),
        ("Nordkorea hat erstmals bestätigt, Soldaten nach Russland geschickt zu haben.", "de"),
        ("2025", None),
    ],
    ids=["fr", "en", "de", "digits"],
)
def test_language_is_detected_from_the_text(text, language):
    assert detect_language(text) == language


@pytest.mark.parametrize(
    ("front_matter", "message"),
    [
        ("published: 2025-02-30", "invalid value"),
        ("title: " + "[" * 2000 + "]" * 2000, "invalid value|not valid YAML"),
        ("url: javascript:alert(1)", "not an http\\(s\\) address"),
    ],
    ids=["impossible-date", "deep-nesting", "javascript-url"],
)
def test_bad_front_matter_values_are_refused_not_crashes(front_matter, message):
    with pytest.raises(ReadError, match=message):
        read_bytes(f"---\n{front_matter}\n---\nText.".encode(), "bad.md")
