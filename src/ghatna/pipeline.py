"""The pipeline only orders the stages (DESIGN.md §1); each stage reads and adds to the ``Doc``, and
may mark it ``done`` when the later stages have nothing to add. ``ghatna.code_doc`` and
``ghatna.code_batch`` run here (this module is compiled with the stages: setup.py).

Several documents go through stage by stage (``batch``): each stage's code and tables then stay in
the processor's caches for the whole batch, which codes a stream of short articles about a fifth
faster than one document after the other, with the same result."""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from importlib.machinery import EXTENSION_SUFFIXES
from itertools import islice

from ghatna import parse_date  # (the package is imported before any of its modules)
from ghatna.errors import GhatnaError, InputError, LanguageError
from ghatna.lang.base import MIN_SCRIPT_SHARE, load_language
from ghatna.model import Doc
from ghatna.stages.actors import actors
from ghatna.stages.analyze import analyze
from ghatna.stages.assemble import assemble
from ghatna.stages.dates import dates
from ghatna.stages.discourse import discourse
from ghatna.stages.factuality import factuality
from ghatna.stages.normalize import normalize
from ghatna.stages.predicates import predicates
from ghatna.stages.roles import roles
from ghatna.stages.scan import scan
from ghatna.stages.segment import segment

Stage = Callable[[Doc], Doc]

STAGES: tuple[Stage, ...] = (normalize, segment, scan, analyze, actors, predicates, roles, discourse,
                             factuality, dates, assemble)


class Pipeline:
    """Run stages in order over one document (``__call__``) or a stream of them (``pipe``)."""

    def __init__(self, stages: Iterable[Stage] = STAGES) -> None:
        self.stages = tuple(stages)

    def __call__(self, doc: Doc) -> Doc:
        for stage in self.stages:
            doc = stage(doc)
            if doc.done:
                break  # a stage found that the later ones have nothing to add
        return doc

    def batch(self, docs: list[Doc]) -> list[Doc]:
        """Run every stage over all of ``docs`` before the next stage (those ``done`` are left), with
        the cycle collector paused (``collector_paused``)."""
        docs = list(docs)
        with collector_paused():
            live = [k for k, doc in enumerate(docs) if not doc.done]  # those a later stage may add to
            for stage in self.stages:
                for k in live:
                    docs[k] = stage(docs[k])
                live = [k for k in live if not docs[k].done]
        return docs

    def pipe(self, docs: Iterable[Doc], size: int = 1) -> Iterator[Doc]:
        """The documents, coded in batches of ``size`` (1: each as soon as it is read), in order."""
        it = iter(docs)
        while chunk := list(islice(it, size)):
            yield from self.batch(chunk)


PIPELINE = Pipeline()


def code_doc(text: object, doc_id: object, date: object, lang: object) -> Doc:
    """``ghatna.code_doc``: one document through ``PIPELINE``."""
    return PIPELINE(prepare(text, doc_id, date, lang))


def code_batch(items: Iterable[tuple[object, object, object, object]]) -> list[Doc | GhatnaError]:
    """``ghatna.code_batch``: for each article, its coded document or the error that stopped it."""
    out: list[Doc | GhatnaError] = []
    with collector_paused():  # from the first document made (see ``Pipeline.batch``)
        for text, doc_id, date, lang in items:
            try:
                out.append(prepare(text, doc_id, date, lang))
            except GhatnaError as e:
                out.append(e)
        docs = iter(PIPELINE.batch([d for d in out if isinstance(d, Doc)]))
        return [next(docs) if isinstance(d, Doc) else d for d in out]


def prepare(text: object, doc_id: object, date: object, lang: object) -> Doc:
    """The document to code, once its text, date and language are known to be usable (each as the
    caller gave it: a wrong type is a ``GhatnaError`` with one line, as a wrong value is)."""
    if not isinstance(doc_id, str):
        raise InputError(f"{doc_id!r}: an article's id must be a string, not {type(doc_id).__name__}")
    if not isinstance(text, str):
        raise InputError(f"{doc_id}: text must be a string, not {type(text).__name__}")
    pack = load_language(lang if isinstance(lang, str) else repr(lang))
    doc = Doc(text, doc_id, parse_date(date), pack.code)  # type: ignore[arg-type]
    if text and not text.isspace() and not pack.reads_script(text, MIN_SCRIPT_SHARE):
        from ghatna.script import dominant_script

        script = dominant_script(text) or "unknown"
        raise LanguageError(f"{doc_id}: text is in {script.title()} script, not {pack.name}; not coded")
    return doc


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector paused meanwhile, then left as it was. The stages make many small
    objects that live as long as a batch, and it would walk them again and again (a tenth of the time)
    to find no garbage: the stages leave no cycles. Best held until the coded documents are dropped,
    so that reference counting frees them before the collector ever sees them."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def compiled() -> list[str]:
    """The coder's modules that run compiled to C (setup.py builds them when a C compiler is present at
    install), of those imported so far: the stages, the pipeline, the lexicons, the model and the
    morphology (by mypyc) and the front's C module (``ghatna._native``), or none."""
    return sorted(name for name, module in list(sys.modules.items())
                  if name.startswith("ghatna.") and (getattr(module, "__file__", None) or "").endswith(
                      tuple(EXTENSION_SUFFIXES)))
