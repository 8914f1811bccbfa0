"""Reading articles from what a user points the CLI at: files, directories, standard input, JSONL,
and (for ingesting) HTML pages and RSS/Atom feeds.

``iter_articles`` yields an ``Article`` for every readable input and an ``InputError`` for every
unreadable one, so that one bad file never stops the rest of a run. HTML pages give their main text and
metadata through trafilatura; a feed (feedparser) gives one article per entry, dated by its
publication date.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, NamedTuple, overload

from ghatna.errors import InputError

#: a sentence this long is a missing line break, not prose: it is coded in pieces
LONG_LINE = 20_000
_HTML = re.compile(r"<\s*(html|body|head|div|p|span|script|style|a|table|br)\b[^>]*>", re.IGNORECASE)


@dataclass(slots=True)
class Article:
    id: str
    text: str
    date: str | None = None
    lang: str | None = None
    origin: str = ""  # file (and line) it came from, for messages
    url: str | None = None
    title: str | None = None
    source: str | None = None


def decode(data: bytes, name: str) -> str:
    """UTF-8 text from bytes, or an ``InputError`` naming the file and the byte offset."""
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: binary data, not text; not coded")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise InputError(f"{name}: not UTF-8 (invalid byte 0x{data[e.start]:02x} at offset {e.start}); "
                         "convert it to UTF-8") from None
    return text.removeprefix("\ufeff")


def check_text(text: str, name: str) -> str:
    """Refuse empty text and HTML markup with a clear message."""
    if not text.strip():
        raise InputError(f"{name}: empty; nothing to code")
    if len(_HTML.findall(text[:20000])) >= 3:
        raise InputError(f"{name}: HTML markup, not plain text; extract the article text first")
    return text


def long_lines(text: str) -> list[int]:
    """1-based numbers of lines longer than ``LONG_LINE`` characters."""
    return [n for n, line in enumerate(text.split("\n"), 1) if len(line) > LONG_LINE]


class RawLine(NamedTuple):
    """A line of a JSONL file, not yet parsed (``iter_articles(..., defer=True)``): ``read_line`` makes
    it an article where it is coded (in a worker), so the process reading the files only splits lines."""

    data: bytes
    where: str  # file:line, for messages
    default_id: str  # the article's id if its record has none


def read_line(line: RawLine) -> Article | InputError:
    """The article of a JSONL line, or the error that says why it is not one."""
    try:
        obj = json.loads(decode(line.data, line.where))
    except InputError as e:
        return e
    except json.JSONDecodeError as e:
        return InputError(f"{line.where}: not valid JSON ({e.msg})")
    return article_from_record(obj, line.where, line.default_id)


def _jsonl(path: Path, defer: bool = False) -> Iterator[Article | RawLine | InputError]:
    """One article per line, read line by line (a file of any size is streamed, never loaded whole);
    with ``defer``, the lines themselves (``RawLine``), for ``read_line`` to parse later."""
    try:
        fh = path.open("rb")
    except OSError as e:
        yield InputError(f"{path}: cannot read ({e.strerror})")
        return
    empty = True
    name, stem = str(path), path.stem  # once, not for every line
    with fh:
        # lines end at "\n" only: JSON strings may hold U+2028 and friends, which splitlines() would cut at
        for n, raw in enumerate(fh, 1):
            if n == 1:
                raw = raw.removeprefix(b"\xef\xbb\xbf")
            if not raw.strip():
                continue
            if empty and b"\x00" in raw:
                yield InputError(f"{name}: binary data, not JSON lines; not read")
                return
            empty = False
            line = RawLine(raw, f"{name}:{n}", f"{stem}-{n}")
            yield line if defer else read_line(line)
    if empty:
        yield InputError(f"{name}: empty; nothing to code")


def article_from_record(obj: Any, where: str, default_id: str) -> Article | InputError:
    """An article from a record of ``id``, ``text`` and optional ``date``, ``lang``, ``url``, ``title``
    and ``source`` (a JSONL line, a Parquet row …), or the error that says why it is not one."""
    if not isinstance(obj, dict):
        return InputError(f"{where}: a JSON {type(obj).__name__}, not an object with \"id\" and \"text\"")
    body = obj.get("text")
    if not isinstance(body, str):
        return InputError(f"{where}: no \"text\" string")
    doc_id = obj.get("id")
    doc_id = str(doc_id) if doc_id is not None else default_id
    try:
        check_text(body, where)
    except InputError as e:
        return e
    date, lang = obj.get("date"), obj.get("lang")
    if date is not None and hasattr(date, "isoformat"):  # a date or timestamp column
        date = date.isoformat()[:10]
    return Article(doc_id, body, str(date) if date else None, str(lang) if lang else None, where,
                   obj.get("url"), obj.get("title"), obj.get("source"))


HTML_SUFFIXES = (".html", ".htm")
FEED_SUFFIXES = (".xml", ".rss", ".atom")


def _html(path: Path, data: bytes) -> Iterator[Article | InputError]:
    import trafilatura

    try:
        html = decode(data, str(path))
    except InputError as e:
        yield e
        return
    extracted = trafilatura.extract(html, output_format="json", with_metadata=True)
    meta = json.loads(extracted) if extracted else {}
    text = (meta.get("text") or "").strip()
    if not text:
        yield InputError(f"{path}: an HTML page with no article text in it")
        return
    yield Article(path.stem, text, meta.get("date"), None, str(path), meta.get("source"), meta.get("title"),
                  meta.get("hostname"))


def _feed_text(html: str | None) -> str:
    """The text of a feed field, which may be HTML, plain text or missing (None)."""
    from lxml import html as lxml_html

    if not html:
        return ""
    if "<" not in html:
        return html.strip()
    return lxml_html.fragment_fromstring(html, create_parent="div").text_content().strip()


def _feed(path: Path, data: bytes) -> Iterator[Article | InputError]:
    import feedparser

    feed = feedparser.parse(data)
    if not feed.entries:
        reason = getattr(feed, "bozo_exception", None)
        why = f" ({str(reason).splitlines()[0]})" if reason else ""
        yield InputError(f"{path}: not a readable RSS/Atom feed{why}")
        return
    source = feed.feed.get("title")
    for n, entry in enumerate(feed.entries, 1):
        where = f"{path}:entry {n}"
        body = ""
        if entry.get("content"):
            body = " ".join(_feed_text(c.get("value", "")) for c in entry.content)
        body = body or _feed_text(entry.get("summary", ""))
        title = entry.get("title")
        if not body.strip() and not title:
            yield InputError(f"{where}: an entry with no text")
            continue
        text = "\n".join(t for t in (title, body) if t)
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        date = f"{stamp.tm_year:04d}-{stamp.tm_mon:02d}-{stamp.tm_mday:02d}" if stamp else None
        doc_id = entry.get("id") or entry.get("link") or f"{path.stem}-{n}"
        yield Article(str(doc_id), text, date, None, where, entry.get("link"), title, source)


def _file(path: Path, rich: bool = False, defer: bool = False) -> Iterator[Article | RawLine | InputError]:
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from _jsonl(path, defer)
        return
    try:
        data = path.read_bytes()
    except OSError as e:
        yield InputError(f"{path}: cannot read ({e.strerror})")
        return
    if rich and suffix in HTML_SUFFIXES:
        yield from _html(path, data)
        return
    if rich and (suffix in FEED_SUFFIXES or data.lstrip()[:200].lower().startswith(b"<?xml")):
        yield from _feed(path, data)
        return
    try:
        text = check_text(decode(data, str(path)), str(path))
    except InputError as e:
        yield e
        return
    yield Article(path.stem, text, origin=str(path))


@overload
def iter_articles(paths: list[str], rich: bool = ..., *, defer: Literal[False] = ...
                  ) -> Iterator[Article | InputError]: ...
@overload
def iter_articles(paths: list[str], rich: bool = ..., *, defer: bool) -> Iterator[Article | RawLine | InputError]: ...
def iter_articles(paths: list[str], rich: bool = False, *, defer: bool = False
                  ) -> Iterator[Article | RawLine | InputError]:
    """Articles from every path: ``-`` (stdin), a directory (every .txt below it), a file.

    ``rich`` (for ingesting) also reads HTML pages and RSS/Atom feeds, and takes every file of those
    kinds and of JSONL from a directory. ``defer`` gives the lines of JSONL files unparsed
    (``RawLine``, for ``read_line``): coding on several cores, the workers parse them.
    """
    suffixes = (".txt", ".jsonl", *HTML_SUFFIXES, *FEED_SUFFIXES) if rich else (".txt",)
    for raw in paths:
        if raw == "-":
            data = sys.stdin.buffer.read()
            try:
                yield Article("stdin", check_text(decode(data, "<stdin>"), "<stdin>"), origin="<stdin>")
            except InputError as e:
                yield e
            continue
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in suffixes)
            if not files:
                yield InputError(f"{path}: no {'/'.join(suffixes)} files in this directory")
            for f in files:
                yield from _file(f, rich, defer)
        elif path.is_file():
            yield from _file(path, rich, defer)
        else:
            yield InputError(f"{path}: no such file or directory")
