"""Read article files (plain text, Markdown with YAML front matter, HTML) into plain data.

Every refusal raises ReadError with a message an editor can act on; nothing here touches the database.
"""

from __future__ import annotations

import datetime
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import charset_normalizer
import yaml

SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm")
# Large enough for any news article (the longest wire stories are ~100 KB), small enough to refuse dumps.
DEFAULT_MAX_BYTES = 5 * 1024 * 1024

# Letters of the Western European languages written in Windows-1252 / Latin-1 (French, English, German,
# Spanish, Italian, Portuguese, Dutch, the Nordic languages), and the typographic signs their news use.
WESTERN_LETTERS = frozenset("àâäáãåæçèéêëìíîïñòóôõöøùúûüýÿßœðÀÂÄÁÃÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝŸŒ")
WESTERN_SIGNS = frozenset("\u00a0’‘“”«»‹›„‚–—…€°·•§©®™±×÷¼½¾¹²³ºª¿¡£¥¢")
WORD_INNER_SIGNS = frozenset("’‘·")  # an apostrophe, Catalan's middle dot
# In a Western text accented letters are a minority; text in another script read as Windows-1252
# (Cyrillic from Windows-1251, Greek from 1253) is made almost only of them.
MAX_ACCENTED_SHARE = 0.35
# Control characters are removed at the door (PostgreSQL refuses NUL in text; the others are invisible
# noise from copy and paste or broken files); tab and line ends stay, form feed and vertical tab end a line.
_CONTROL_CHARACTERS = {
    code: None for code in [*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F, *range(0x80, 0xA0)]
} | {0x0B: "\n", 0x0C: "\n"}

FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
FRONT_MATTER_KEYS = {"title", "published", "language", "source", "url"}


class ReadError(Exception):
    """An article file that cannot be read; the message says why and what to do."""


@dataclass(frozen=True)
class RawArticle:
    """An article as read from a file or a form, before any NLP."""

    text: str
    title: str = ""
    published: datetime.date | None = None
    language: str | None = None
    source: str = ""
    url: str = ""
    origin: str = ""  # file path or upload name, for messages

    def with_overrides(self, **overrides: object) -> RawArticle:
        """A copy with the non-empty overrides applied (command-line flags win over the file)."""
        given: dict[str, Any] = {k: v for k, v in overrides.items() if v not in (None, "")}
        return replace(self, **given)


def iter_article_paths(paths: Iterable[Path]) -> Iterator[Path]:
    """The supported files among `paths`, directories walked recursively in name order.

    A file named explicitly is always yielded (so an unsupported one gets a clear refusal); entries met
    while walking a directory are yielded only when their suffix is supported (a pipe or a device named
    like an article is yielded too, and `read_path` refuses it).
    """
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if not child.is_dir() and child.suffix.lower() in SUPPORTED_SUFFIXES:
                    yield child
        else:
            yield path


def read_path(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> RawArticle:
    try:
        status = path.stat()
    except OSError as error:
        raise ReadError(f"cannot open {path}: {error.strerror or error}") from error
    if not stat.S_ISREG(status.st_mode):
        # Reading a named pipe blocks until someone writes to it; a device may never end.
        raise ReadError("not a regular file (a pipe, device or socket); skipped")
    check_size(status.st_size, max_bytes)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ReadError(f"cannot read {path}: {error.strerror or error}") from error
    return read_bytes(data, path.name, origin=str(path), max_bytes=max_bytes)


def check_size(size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise ReadError(
            f"the file is {size / 1_048_576:.1f} MB, more than the limit of {max_bytes / 1_048_576:.0f} MB "
            "for one article"
        )


def read_bytes(data: bytes, name: str, *, origin: str = "", max_bytes: int = DEFAULT_MAX_BYTES) -> RawArticle:
    """Decode and parse one article file; `name` (its file name) decides the format by its suffix."""
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise ReadError(
            f"{name}: unsupported file type {suffix or '(none)'}; use " + ", ".join(SUPPORTED_SUFFIXES)
        )
    check_size(len(data), max_bytes)
    text = decode(data, name)
    article = parse_html(text) if suffix in (".html", ".htm") else parse_text(text)
    article = replace(article, origin=origin or name)
    if not article.text.strip():
        raise ReadError(f"{name}: the article has no text")
    return article


def normalize_text(text: str) -> str:
    """The text as stored: control characters (NUL included) removed, the same on every database."""
    return text.translate(_CONTROL_CHARACTERS)


def decode(data: bytes, name: str) -> str:
    """Text of the file, control characters removed: UTF-8 when it is, else Windows-1252 when the text
    reads as a Western European language in it, else the encoding charset-normalizer detects."""
    return normalize_text(_decode(data, name))


def western_european(data: bytes) -> str | None:
    """The bytes read as Windows-1252 (a superset of Latin-1), when that gives a plausible Western European
    text: no control characters, only the accented letters and signs of those languages, accents a
    minority of the letters. None otherwise (another code page, another script, or binary data)."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:  # the five bytes Windows-1252 leaves undefined
        return None
    accented = 0
    letters = 0
    for position, char in enumerate(text):
        if char.isascii():
            if char.isalpha():
                letters += 1
            elif not char.isprintable() and char not in "\t\n\r\x0c":
                return None
        elif char in WESTERN_LETTERS:
            accented += 1
            letters += 1
        elif char not in WESTERN_SIGNS or (
            # A sign inside a word ("Za¿ó³æ") is a letter of another code page (Polish in Windows-1250).
            char not in WORD_INNER_SIGNS and text[position - 1 : position].isalpha()
            and text[position + 1 : position + 2].isalpha()
        ):  # fmt: skip
            return None
    if letters == 0 or accented / letters > MAX_ACCENTED_SHARE:
        return None
    return text


def _decode(data: bytes, name: str) -> str:
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReadError(f"{name}: this is a binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    # Statistical detectors hesitate between single-byte code pages on news-sized texts (a French text in
    # Latin-1 read as the Baltic cp775 garbles every accent); Western European text decides first.
    western = western_european(data)
    if western is not None:
        return western
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        raise ReadError(f"{name}: the text encoding could not be detected; save the file as UTF-8")
    # On short texts several single-byte code pages decode equally well (cp1250 turns "à" into "ŕ").
    # Among those ties, prefer the code page of Western European news: Windows-1252.
    for match in matches:
        if match.encoding == "cp1252" and match.chaos <= best.chaos and match.coherence >= best.coherence:
            return str(match)
    return str(best)


def parse_text(text: str) -> RawArticle:
    """Plain text or Markdown, optionally opened by a YAML front matter block."""
    text = text.lstrip("\ufeff")
    match = FRONT_MATTER.match(text)
    if not match:
        return RawArticle(text=text.strip())
    try:
        meta = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError as error:
        raise ReadError(f"the front matter is not valid YAML: {error}") from error
    except (ValueError, RecursionError) as error:  # e.g. "published: 2025-02-30" fails in PyYAML itself
        raise ReadError(f"the front matter has an invalid value: {error}") from error
    if not isinstance(meta, dict):
        raise ReadError("the front matter must be a mapping of keys such as title: and published:")
    unknown = set(meta) - FRONT_MATTER_KEYS
    if unknown:
        raise ReadError(
            f"unknown front matter key(s) {', '.join(sorted(map(str, unknown)))}; "
            f"use {', '.join(sorted(FRONT_MATTER_KEYS))}"
        )
    return RawArticle(
        text=text[match.end() :].strip(),
        title=str(meta.get("title") or "").strip(),
        published=parse_published(meta.get("published")),
        language=(str(meta["language"]).strip().lower() or None) if meta.get("language") else None,
        source=str(meta.get("source") or "").strip(),
        url=checked_url(str(meta.get("url") or "").strip()),
    )


def checked_url(url: str) -> str:
    """An http(s) URL, or a ReadError: the article page links to it."""
    if url and urlsplit(url).scheme.lower() not in ("http", "https"):
        raise ReadError(f"url: {url!r} is not an http(s) address")
    return url


def parse_published(value: object) -> datetime.date | None:
    """A publication date as YYYY-MM-DD (YAML may already have made it a date)."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value).strip()[:10])
    except ValueError as error:
        raise ReadError(f"published: {value!r} is not a date as YYYY-MM-DD") from error


def parse_html(html: str) -> RawArticle:
    """Main text and metadata of a web page, through trafilatura."""
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    # A Document (not a dict: as_dict is off); trafilatura's own type says either.
    document: Any = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    if document is None or not (document.text or "").strip():
        raise ReadError("no article text was found in this HTML page")
    title = (document.title or "").strip()
    text = document.text.strip()
    # A page's own canonical URL is kept only when it is a web address.
    canonical = (document.url or "").strip()
    # trafilatura keeps the page's headline as the first line of the text; the title field holds it.
    if title and text.startswith(title):
        text = text[len(title) :].lstrip()
    return RawArticle(
        text=text,
        title=title,
        published=_html_date(document.date),
        language=(document.language or None),
        source=(document.sitename or "").strip(),
        url=canonical if urlsplit(canonical).scheme.lower() in ("http", "https") else "",
    )


def _html_date(value: str | None) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value[:10])
    except ValueError:
        return None
