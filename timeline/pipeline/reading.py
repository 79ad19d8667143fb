"""Read article files (plain text, Markdown with YAML front matter, HTML) into plain data.

Every refusal raises ReadError with a message an editor can act on; nothing here touches the database.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

import charset_normalizer
import yaml

SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm")
# Large enough for any news article (the longest wire stories are ~100 KB), small enough to refuse dumps.
DEFAULT_MAX_BYTES = 5 * 1024 * 1024

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
        return replace(self, **{k: v for k, v in overrides.items() if v not in (None, "")})


def iter_article_paths(paths: Iterable[Path]) -> Iterator[Path]:
    """The supported files among `paths`, directories walked recursively in name order.

    A file named explicitly is always yielded (so an unsupported one gets a clear refusal); files met
    while walking a directory are yielded only when their suffix is supported.
    """
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in SUPPORTED_SUFFIXES:
                    yield child
        else:
            yield path


def read_path(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> RawArticle:
    try:
        size = path.stat().st_size
    except OSError as error:
        raise ReadError(f"cannot open {path}: {error.strerror or error}") from error
    check_size(size, max_bytes)
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


def decode(data: bytes, name: str) -> str:
    """Text of the file: UTF-8 when it is, else the encoding charset-normalizer detects."""
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReadError(f"{name}: this is a binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
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

    document = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
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
