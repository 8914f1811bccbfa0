"""The pipeline only orders the stages (DESIGN.md §1); each stage reads and adds to the ``Doc``, and
may mark it ``done`` when the later stages have nothing to add."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

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

    def pipe(self, docs: Iterable[Doc]) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)
