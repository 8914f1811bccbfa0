"""Code a stream of articles on several cores, with the output in input order.

Reads ``Job``s (text, id, date, language, and a payload that stays in this process); yields, for each
job in the order given, the job and either what ``extract`` made of the coded ``Doc`` in the worker or
the one-line message of the error that stopped it. Workers receive chunks of jobs and return only what
``extract`` keeps (event records, store rows …), never whole documents. At most a few chunks per
worker are in flight, so input is streamed and memory stays bounded whatever its size. With one
worker, or input that fits in one chunk, everything runs in this process.

The CLI (``code``, ``ingest``), the store and the benchmark all call :func:`code_stream`.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import suppress
from dataclasses import dataclass
from itertools import chain
from typing import Any, Generic, TypeVar

from ghatna.errors import GhatnaError
from ghatna.model import Doc

T = TypeVar("T")
P = TypeVar("P")

#: Jobs sent to a worker at once (a chunk closes at CHUNK jobs or CHUNK_CHARS characters of text,
#: whichever comes first: short texts travel in big chunks, long ones in small), and chunks kept in
#: flight per worker.
CHUNK = 128
CHUNK_CHARS = 32_000
IN_FLIGHT = 3


@dataclass(frozen=True)
class Job(Generic[P]):
    text: str
    doc_id: str
    date: Any = None
    lang: str = "gu"
    payload: P | None = None


def default_workers() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def _code_chunk(chunk: list[tuple[str, str, Any, str]], extract: Callable[[Doc], T]) -> list[tuple[bool, Any]]:
    """In a worker: code the jobs as one batch; for each, (True, extract(doc)) or (False, the error's
    message)."""
    from ghatna import code_batch
    from ghatna.pipeline import collector_paused

    out: list[tuple[bool, Any]] = []
    with collector_paused():  # until the documents are dropped (after the loop), unwalked by it
        for doc in code_batch(chunk):
            if isinstance(doc, GhatnaError):
                out.append((False, str(doc)))
                continue
            try:
                out.append((True, extract(doc)))
            except GhatnaError as e:
                out.append((False, str(e)))
    return out


def _warm(langs: tuple[str, ...]) -> None:
    """Load the lexicons once (from the disk cache), not on the first article; an unknown language is
    left to fail on its own articles, as with one worker."""
    from ghatna import load_language

    for lang in langs:
        with suppress(GhatnaError):
            load_language(lang).lexicon  # noqa: B018


def _init_worker(langs: tuple[str, ...]) -> None:
    """Worker initializer: Ctrl-C is the parent's to handle (it stops feeding and exits cleanly);
    lexicons are loaded unless inherited from the parent by fork."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _warm(langs)


def code_stream(jobs: Iterable[Job[P]], extract: Callable[[Doc], T], workers: int | None = None,
                chunk: int = CHUNK, ahead: int = 1) -> Iterator[tuple[Job[P], T | None, str | None]]:
    """``(job, extract(doc), None)`` or ``(job, None, message)`` for each job, in input order.

    ``extract`` must be a module-level function (it is sent to the workers). ``workers`` defaults to
    the number of cores. Workers code each chunk as one batch (``ghatna.code_batch``). With one
    worker, up to ``ahead`` jobs (and ``CHUNK_CHARS`` characters) are read and coded as a batch: 1
    codes each job as soon as it is read, as live input wants; a file is coded faster in batches.
    """
    n = default_workers() if workers is None else workers
    if n < 1:
        raise ValueError("workers must be at least 1")
    it = iter(jobs)
    if n == 1:  # nothing is read more than ``ahead`` jobs ahead of what has been coded
        while batch := _take(it, max(ahead, 1)):
            yield from _local(batch, extract)
        return
    first = _take(it, chunk)
    second = _take(it, chunk)
    if not second:
        yield from _local(first, extract)
        return
    yield from _pooled(first, second, it, extract, n, chunk)


def _take(it: Iterator[Job[P]], chunk: int) -> list[Job[P]]:
    """The next chunk of jobs: up to ``chunk`` of them and ``CHUNK_CHARS`` characters (at least one)."""
    out: list[Job[P]] = []
    size = 0
    for job in it:
        out.append(job)
        size += len(job.text)
        if len(out) >= chunk or size >= CHUNK_CHARS:
            break
    return out


def _local(batch: list[Job[P]], extract: Callable[[Doc], T]) -> Iterator[tuple[Job[P], T | None, str | None]]:
    for job, (ok, value) in zip(batch, _code_chunk([_wire(j) for j in batch], extract), strict=True):
        yield (job, value, None) if ok else (job, None, value)


def _wire(job: Job[Any]) -> tuple[str, str, Any, str]:
    return (job.text, job.doc_id, job.date, job.lang)


def _pooled(first: list[Job[P]], second: list[Job[P]], rest: Iterator[Job[P]], extract: Callable[[Doc], T],
            workers: int, chunk: int) -> Iterator[tuple[Job[P], T | None, str | None]]:
    langs = tuple(sorted({j.lang for j in (*first, *second)}))
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    if method == "fork":
        _warm(langs)  # loaded once here, shared with the forked workers
    pending: deque[tuple[list[Job[P]], Future[list[tuple[bool, Any]]]]] = deque()
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context(method),
                             initializer=_init_worker, initargs=(langs if method != "fork" else (),)) as pool:
        batches = iter(lambda: _take(rest, chunk), [])
        for batch in chain((first, second), batches):
            pending.append((batch, pool.submit(_code_chunk, [_wire(j) for j in batch], extract)))
            while len(pending) >= workers * IN_FLIGHT:
                yield from _collect(*pending.popleft())
        while pending:
            yield from _collect(*pending.popleft())


def _collect(batch: list[Job[P]], future: Future[list[tuple[bool, Any]]]
             ) -> Iterator[tuple[Job[P], T | None, str | None]]:
    for job, (ok, value) in zip(batch, future.result(), strict=True):
        yield (job, value, None) if ok else (job, None, value)
