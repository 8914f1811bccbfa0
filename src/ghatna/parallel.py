"""Code a stream of articles on several cores, with the output in input order.

Reads ``Job``s (text, id, date, language, and a payload that stays in this process; the text may be a
JSONL line still to parse, ``readers.RawLine``, which the worker reads); yields, for each
job in the order given, the job and either what ``extract`` made of the coded ``Doc`` in the worker or
the one-line message of the error that stopped it. Workers receive chunks of jobs and return only what
``extract`` keeps (event records, store rows …), never whole documents. Chunks are dealt to the
workers in turn, each through a pipe of its own, and read back in the same turn, which is the input
order. At most a few chunks per worker are in flight, so input is streamed and memory stays bounded
whatever its size. With one worker, or input that fits in one chunk, everything runs in this process.

The CLI (``code``, ``ingest``), the store and the benchmark all call :func:`code_stream`.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import suppress
from itertools import chain
from multiprocessing.connection import Connection
from queue import SimpleQueue
from typing import Any, Generic, NamedTuple, TypeVar

from ghatna.errors import GhatnaError
from ghatna.model import Doc
from ghatna.readers import RawLine, read_line

T = TypeVar("T")
P = TypeVar("P")

#: Jobs sent to a worker at once (a chunk closes at CHUNK jobs or CHUNK_CHARS characters of text, or
#: bytes of JSONL lines, whichever comes first: short texts travel in big chunks, long ones in small),
#: and chunks kept in flight per worker.
CHUNK = 128
CHUNK_CHARS = 32_000
IN_FLIGHT = 3


class Job(NamedTuple, Generic[P]):
    """An article to code. ``text`` may be a JSONL line (``RawLine``): the worker parses it, and its
    record's id, text, date and language stand in for ``doc_id``, the text, and (when it has them)
    ``date`` and ``lang``; a line that is no article gives that error's message. (A named tuple: made
    once per article, it costs a third of a frozen dataclass.)"""

    text: str | RawLine
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


def _code_chunk(chunk: list[tuple[str | RawLine, str, Any, str]], extract: Callable[[Doc], T]
                ) -> list[tuple[bool, Any]]:
    """In a worker: read the JSONL lines, code the jobs as one batch; for each, (True, extract(doc)) or
    (False, the error's message)."""
    from ghatna import code_batch
    from ghatna.pipeline import collector_paused

    out: list[tuple[bool, Any] | None] = []
    items: list[tuple[str, str, Any, str]] = []
    for text, doc_id, date, lang in chunk:
        if isinstance(text, str):
            items.append((text, doc_id, date, lang))
        else:
            article = read_line(text)
            if isinstance(article, GhatnaError):
                out.append((False, str(article)))
                continue
            items.append((article.text, article.id, article.date or date, article.lang or lang))
        out.append(None)  # filled in below
    # the collector stays paused until the documents are dropped, so that it never walks them: a chunk's
    # documents are tens of thousands of young objects, which it would walk once more to find no garbage
    with collector_paused():
        _fill(out, code_batch(items), extract)  # which holds the documents until it returns
    return out  # type: ignore[return-value]  # every slot is filled


def _fill(out: list[tuple[bool, Any] | None], coded: list[Doc | GhatnaError], extract: Callable[[Doc], T]) -> None:
    """The empty slots of ``out``, in order: (True, extract(doc)) or (False, the error's message)."""
    for k, doc in zip((k for k, slot in enumerate(out) if slot is None), coded, strict=True):
        if isinstance(doc, GhatnaError):
            out[k] = (False, str(doc))
            continue
        try:
            out[k] = (True, extract(doc))
        except GhatnaError as e:
            out[k] = (False, str(e))


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
        size += len(job.text) if isinstance(job.text, str) else len(job.text.data)
        if len(out) >= chunk or size >= CHUNK_CHARS:
            break
    return out


def _local(batch: list[Job[P]], extract: Callable[[Doc], T]) -> Iterator[tuple[Job[P], T | None, str | None]]:
    for job, (ok, value) in zip(batch, _code_chunk([_wire(j) for j in batch], extract), strict=True):
        yield (job, value, None) if ok else (job, None, value)


def _wire(job: Job[Any]) -> tuple[str | RawLine, str, Any, str]:
    return job[:4]


class WorkerDied(GhatnaError):
    """A coding process ended without answering (killed, or out of memory): the run stops there, with
    what came before it kept."""

    code = "G020"


class _Pool:
    """Coding processes, each fed through a pipe of its own and answering through another, in the order
    it was fed. No thread in this process: it pickles, sends and receives itself, in about half the CPU
    that a ``ProcessPoolExecutor``'s threads spend handing every chunk to each other (on many cores,
    this process's share is what limits the speed-up)."""

    def __init__(self, workers: int, extract: Callable[[Doc], Any], langs: tuple[str, ...]) -> None:
        fork = "fork" in multiprocessing.get_all_start_methods()
        if fork:
            _warm(langs)  # loaded once here, shared with the forked workers
            langs = ()
        ctx = multiprocessing.get_context("fork") if fork else multiprocessing.get_context("spawn")
        self.procs: list[multiprocessing.process.BaseProcess] = []
        self.inboxes: list[Connection] = []
        self.outboxes: list[Connection] = []
        for _ in range(workers):
            inbox_r, inbox_w = ctx.Pipe(duplex=False)
            outbox_r, outbox_w = ctx.Pipe(duplex=False)
            # a forked worker would keep the parent's ends of its pipes and of the earlier workers' open
            others = [inbox_w, outbox_r, *self.inboxes, *self.outboxes] if fork else []
            proc = ctx.Process(target=_serve, args=(inbox_r, outbox_w, extract, langs, others), daemon=True)
            proc.start()
            inbox_r.close()  # the worker's ends: only it holds them now
            outbox_w.close()
            self.procs.append(proc)
            self.inboxes.append(inbox_w)
            self.outboxes.append(outbox_r)

    def send(self, worker: int, chunk: list[tuple[str | RawLine, str, Any, str]]) -> None:
        try:
            self.inboxes[worker].send_bytes(pickle.dumps(chunk, pickle.HIGHEST_PROTOCOL))
        except OSError:  # a broken pipe: the worker is gone
            raise self._died(worker) from None

    def receive(self, worker: int) -> list[tuple[bool, Any]]:
        try:
            ok, value = pickle.loads(self.outboxes[worker].recv_bytes())
        except (EOFError, OSError):
            raise self._died(worker) from None
        if not ok:
            raise value  # what the chunk raised in the worker (not a GhatnaError: those are results)
        return value  # type: ignore[no-any-return]

    def _died(self, worker: int) -> WorkerDied:
        proc = self.procs[worker]
        proc.join(1)
        return WorkerDied(f"a coding process stopped without answering (exit code {proc.exitcode})")

    def close(self, finished: bool) -> None:
        """Stop the workers: when ``finished``, by telling each there is no more (they have answered
        everything); otherwise (an error, Ctrl-C, a consumer that stopped reading) at once."""
        for proc, inbox in zip(self.procs, self.inboxes, strict=True):
            if finished:
                with suppress(OSError):
                    inbox.send_bytes(b"")
            else:
                proc.terminate()
        for proc, inbox, outbox in zip(self.procs, self.inboxes, self.outboxes, strict=True):
            proc.join(5)
            if proc.is_alive():
                proc.kill()
                proc.join()
            inbox.close()
            outbox.close()


def _serve(inbox: Connection, outbox: Connection, extract: Callable[[Doc], Any], langs: tuple[str, ...],
           others: list[Connection]) -> None:
    """A worker's life: chunks from ``inbox`` coded in order, each answer (pickled ``(True, results)``,
    or ``(False, exception)`` for what the chunk raised) sent to ``outbox``; an empty message, or the
    parent gone, ends it. A thread drains ``inbox`` as chunks come, so that the parent never waits to
    send while this process codes or sends (that could deadlock, both pipes full). ``others``: the
    parent's ends of the pipes (this worker's and the others'), inherited by fork and closed here, so
    that each pipe ends when the parent goes."""
    for conn in others:
        conn.close()
    _init_worker(langs)
    chunks: SimpleQueue[bytes] = SimpleQueue()

    def drain() -> None:
        while True:
            try:
                data = inbox.recv_bytes()
            except (EOFError, OSError):  # the parent is gone
                data = b""
            chunks.put(data)
            if not data:
                return

    threading.Thread(target=drain, daemon=True).start()
    while data := chunks.get():
        try:
            answer = pickle.dumps((True, _code_chunk(pickle.loads(data), extract)), pickle.HIGHEST_PROTOCOL)
        except Exception as e:  # the parent raises it
            try:
                answer = pickle.dumps((False, e), pickle.HIGHEST_PROTOCOL)
            except Exception:  # an exception that does not pickle
                answer = pickle.dumps((False, RuntimeError(f"{type(e).__name__}: {e}")), pickle.HIGHEST_PROTOCOL)
        try:
            outbox.send_bytes(answer)
        except OSError:  # the parent is gone
            return


def _pooled(first: list[Job[P]], second: list[Job[P]], rest: Iterator[Job[P]], extract: Callable[[Doc], T],
            workers: int, chunk: int) -> Iterator[tuple[Job[P], T | None, str | None]]:
    """Chunks dealt to the workers in turn, answers read back in the same turn: the input order."""
    pool = _Pool(workers, extract, tuple(sorted({j.lang for j in (*first, *second)})))
    finished = False
    try:
        pending: deque[tuple[list[Job[P]], int]] = deque()
        batches = iter(lambda: _take(rest, chunk), [])
        for n, batch in enumerate(chain((first, second), batches)):
            pool.send(n % workers, [_wire(j) for j in batch])
            pending.append((batch, n % workers))
            while len(pending) >= workers * IN_FLIGHT:
                yield from _collect(*pending.popleft(), pool)
        while pending:
            yield from _collect(*pending.popleft(), pool)
        finished = True
    finally:
        pool.close(finished)


def _collect(batch: list[Job[P]], worker: int, pool: _Pool) -> Iterator[tuple[Job[P], T | None, str | None]]:
    for job, (ok, value) in zip(batch, pool.receive(worker), strict=True):
        yield (job, value, None) if ok else (job, None, value)
