"""The pipeline only orders the stages (DESIGN.md §1); each stage reads and adds to the ``Doc``, and
may mark it ``done`` when the later stages have nothing to add.

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
        with collector_paused():
            for stage in self.stages:
                docs = [doc if doc.done else stage(doc) for doc in docs]
        return docs

    def pipe(self, docs: Iterable[Doc], size: int = 1) -> Iterator[Doc]:
        """The documents, coded in batches of ``size`` (1: each as soon as it is read), in order."""
        it = iter(docs)
        while chunk := list(islice(it, size)):
            yield from self.batch(chunk)


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
    install), of those imported so far: the stages, the lexicons, the model and the morphology (by mypyc)
    and the front's C module (``ghatna._native``), or none."""
    return sorted(name for name, module in list(sys.modules.items())
                  if name.startswith("ghatna.") and (getattr(module, "__file__", None) or "").endswith(
                      tuple(EXTENSION_SUFFIXES)))
