"""ghatna — political event data from news in Indian languages, Gujarati first.

The public API: ``code()`` turns an article into event records; ``Doc`` and ``Event`` are the data
model; ``load_language()`` gives a language pack.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ghatna.errors import DateError, GhatnaError, InputError, LanguageError
from ghatna.lang.base import MIN_SCRIPT_SHARE, load_language
from ghatna.model import Doc, Event

__all__ = ["MIN_SCRIPT_SHARE", "DateError", "Doc", "Event", "GhatnaError", "InputError", "LanguageError", "Store",
           "code", "code_batch", "code_doc", "load_language", "parse_date"]


def __getattr__(name: str) -> object:
    if name == "Store":  # the store loads DuckDB: only when asked for
        from ghatna.store import Store

        return Store
    raise AttributeError(f"module 'ghatna' has no attribute {name!r}")
__version__ = "0.1.0"



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
    return _coder().code_doc(text, doc_id, date, lang)


def code_batch(items: Iterable[tuple[str, str, str | dt.date | None, str]]) -> list[Doc | GhatnaError]:
    """``code_doc`` for several articles at once, each given as (text, doc_id, date, lang): for each,
    its coded document or the error that stopped it, in order. The stages run over the whole batch
    one after the other (``Pipeline.batch``), which is faster than coding the articles one by one."""
    return _coder().code_batch(items)


def code(text: str, doc_id: str = "doc", date: str | dt.date | None = None, lang: str = "gu") -> list[Event]:
    """Code one article: the events it reports, as ``Event`` records (``to_dict()`` is the record)."""
    return code_doc(text, doc_id, date, lang).events


_CODER = None


def _coder():  # type: ignore[no-untyped-def]
    """``ghatna.pipeline``, imported on first use: it imports the stages (and ``import ghatna`` stays light)."""
    global _CODER
    if _CODER is None:
        from ghatna import pipeline

        _CODER = pipeline
    return _CODER
