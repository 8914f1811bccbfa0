"""ghatna — political event data from news in Indian languages, Gujarati first.

The public API: ``code()`` turns an article into event records; ``Doc`` and ``Event`` are the data
model; ``load_language()`` gives a language pack.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ghatna.errors import DateError, GhatnaError, InputError, LanguageError
from ghatna.lang.base import load_language
from ghatna.model import Doc, Event

__all__ = ["DateError", "Doc", "Event", "GhatnaError", "InputError", "LanguageError", "Store", "code", "code_batch",
           "code_doc", "load_language", "parse_date"]


def __getattr__(name: str) -> object:
    if name == "Store":  # the store loads DuckDB: only when asked for
        from ghatna.store import Store

        return Store
    raise AttributeError(f"module 'ghatna' has no attribute {name!r}")
__version__ = "0.1.0"

MIN_SCRIPT_SHARE = 0.5


def parse_date(value: str | dt.date | None) -> dt.date | None:
    """An article date from ``YYYY-MM-DD`` (or a date); ``DateError`` otherwise."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise DateError(f"date {value!r} is not YYYY-MM-DD") from None


def code_doc(text: str, doc_id: str = "doc", date: str | dt.date | None = None, lang: str = "gu") -> Doc:
    """Run the whole pipeline and return the document with everything the stages added."""
    return _pipeline()(_prepare(text, doc_id, date, lang))


def code_batch(items: Iterable[tuple[str, str, str | dt.date | None, str]]) -> list[Doc | GhatnaError]:
    """``code_doc`` for several articles at once, each given as (text, doc_id, date, lang): for each,
    its coded document or the error that stopped it, in order. The stages run over the whole batch
    one after the other (``Pipeline.batch``), which is faster than coding the articles one by one."""
    out: list[Doc | GhatnaError] = []
    for text, doc_id, date, lang in items:
        try:
            out.append(_prepare(text, doc_id, date, lang))
        except GhatnaError as e:
            out.append(e)
    docs = iter(_pipeline().batch([d for d in out if isinstance(d, Doc)]))
    return [next(docs) if isinstance(d, Doc) else d for d in out]


def _prepare(text: str, doc_id: str, date: str | dt.date | None, lang: str) -> Doc:
    """The document to code, once its text, date and language are known to be usable."""
    if not isinstance(text, str):
        raise InputError(f"{doc_id}: text must be a string, not {type(text).__name__}")
    pack = load_language(lang)
    day = parse_date(date)
    doc = Doc(text=text, doc_id=doc_id, date=day, lang=lang)
    if text and not text.isspace() and not pack.reads_script(text, MIN_SCRIPT_SHARE):
        from ghatna.script import dominant_script

        script = dominant_script(text) or "unknown"
        raise LanguageError(f"{doc_id}: text is in {script.title()} script, not {pack.name}; not coded")
    return doc


def code(text: str, doc_id: str = "doc", date: str | dt.date | None = None, lang: str = "gu") -> list[Event]:
    """Code one article: the events it reports, as ``Event`` records (``to_dict()`` is the record)."""
    return code_doc(text, doc_id, date, lang).events


_PIPELINE = None


def _pipeline():  # type: ignore[no-untyped-def]
    global _PIPELINE
    if _PIPELINE is None:
        from ghatna.pipeline import Pipeline

        _PIPELINE = Pipeline()
    return _PIPELINE
