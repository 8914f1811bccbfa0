"""The event store: coded news in one DuckDB file, and the questions analysts ask of it.

``Store(path)`` opens (or creates) a store — ``ghatna.duckdb`` in the working directory unless a path
or ``$GHATNA_DB`` says otherwise — and migrates an older one. ``ingest`` codes and stores articles,
skipping any already stored (same text), one transaction per batch; ``recode`` re-codes stored articles
in place. ``events``, ``dyad`` and ``network`` answer questions as pandas DataFrames or a networkx
graph; ``export`` writes Parquet, CSV, the GDELT 2.0 event table or PLOVER JSON. This package is the
only code that imports duckdb.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from ghatna.errors import GhatnaError
from ghatna.store.queries import FilterError, Filters, actor_condition, where
from ghatna.store.rows import (
    ACTOR_COLUMNS,
    ARTICLE_COLUMNS,
    EVENT_COLUMNS,
    SENTENCE_COLUMNS,
    coded_rows,
    content_hash,
    id_key,
    key64,
)
from ghatna.store.schema import CURRENT, SchemaError, migrate, version_of

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd

    from ghatna.readers import Article

__all__ = ["DEFAULT_DB", "Filters", "IngestReport", "Store", "StoreBusy", "StoreError", "default_path"]

DEFAULT_DB = "ghatna.duckdb"
COUNTS = ("events", "mentions")
PERIODS = {"month": ("%Y-%m", ("day", "month")), "year": ("%Y", ("day", "month", "year"))}


class StoreError(GhatnaError):
    """A store that cannot be opened or a question it cannot answer (bad filters)."""

    code = "G010"


class StoreBusy(StoreError):
    """The store is open for writing in another process (DuckDB lets one process write a file)."""

    code = "G011"


#: input errors an ingest report keeps (it counts them all)
MAX_ERRORS = 1000
#: articles per transaction of ingest and recode: DuckDB keeps some memory for each commit (about
#: 10 KB, outside its buffer manager), so fewer, larger commits keep a long ingest's memory flat
BATCH_SIZE = 1000
#: (code, name) of actors a store object remembers having written, so as not to write them again
MAX_ACTORS_WRITTEN = 100_000
#: seconds a command waits for a store another process is writing
WAIT_WRITE = 60.0
WAIT_READ = 10.0
#: DuckDB's buffer pool for a writing connection (``$GHATNA_STORE_MEMORY`` overrides it): without a
#: limit DuckDB keeps what it has written cached up to 80 % of the machine's memory, so an ingest of
#: millions of articles would grow without end; its writes need little, and it spills to disk
WRITE_MEMORY = "64MB"
_LOCKED = re.compile(r"Could not set lock on file")
_HOLDER = re.compile(r"\(PID (\d+)\)")


_MEMORY = re.compile(r"\s*\d+(\.\d+)?\s*([KMGT]i?B|B)?\s*", re.IGNORECASE)


def write_memory() -> str:
    """The buffer pool of a writing connection: ``$GHATNA_STORE_MEMORY`` (a size such as 256MB), else
    ``WRITE_MEMORY``."""
    value = os.environ.get("GHATNA_STORE_MEMORY") or WRITE_MEMORY
    if not _MEMORY.fullmatch(value):
        raise StoreError(f"GHATNA_STORE_MEMORY={value!r} is not a memory size (such as 64MB or 1GB)")
    return value


def default_path() -> Path:
    return Path(os.environ.get("GHATNA_DB") or DEFAULT_DB)


@dataclass(slots=True)
class IngestReport:
    articles: int = 0
    skipped: int = 0
    failed: int = 0
    sentences: int = 0
    events: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)  # the first MAX_ERRORS messages (``failed`` counts all)

    def count(self, sentences: int, events: int, progress: Progress | None) -> None:
        """One more article stored (or recoded), with its sentences and events; tell ``progress``."""
        self.articles += 1
        self.sentences += sentences
        self.events += events
        if progress:
            progress(self)

    def summary(self) -> str:
        def rate(n: int) -> float:
            return n / self.seconds if self.seconds else 0.0

        return (f"stored {self.articles} articles ({self.skipped} already stored, {self.failed} failed), "
                f"{self.sentences} sentences, {self.events} events in {self.seconds:.1f} s "
                f"({rate(self.articles):.1f} articles/s, {rate(self.sentences):.0f} sentences/s)")


Progress = Callable[[IngestReport], None]


class Store:
    """One DuckDB file of coded articles (see the module docstring)."""

    def __init__(self, path: str | Path | None = None, read_only: bool = False, wait: float = 0.0,
                 on_wait: Callable[[str], None] | None = None) -> None:
        """Open (or create) a store. When another process is writing it, retry for up to ``wait``
        seconds (telling ``on_wait`` once), then raise ``StoreBusy``."""
        self.path = Path(path) if path is not None else default_path()
        if read_only and not self.path.exists():
            raise StoreError(f"{self.path}: no such store")
        self.con = self._connect(read_only, wait, on_wait)
        self._actors_written: set[tuple[str, str]] = set()
        try:
            have = version_of(self.con)
            if read_only:
                if have is None or have < CURRENT:
                    raise SchemaError(f"schema {have or 0} needs an upgrade: open it once without read-only")
                if have > CURRENT:
                    raise SchemaError(f"made by a newer ghatna (schema {have}; this version reads up to {CURRENT})")
            else:
                migrate(self.con)
        except SchemaError as e:
            self.con.close()
            raise StoreError(f"{self.path}: {e}") from None

    def _connect(self, read_only: bool, wait: float, on_wait: Callable[[str], None] | None
                 ) -> duckdb.DuckDBPyConnection:
        deadline = time.monotonic() + max(wait, 0.0)
        pause = 0.05
        told = False
        while True:
            try:
                config: dict[str, str | bool | int | float | list[str]] = (
                    {} if read_only else {"memory_limit": write_memory()})
                return duckdb.connect(str(self.path), read_only=read_only, config=config)
            except duckdb.IOException as e:
                if not _LOCKED.search(str(e)):
                    raise StoreError(f"{self.path}: not a ghatna store ({_first_line(e)})") from None
                pid = _HOLDER.search(str(e))
                holder = f" (PID {pid.group(1)})" if pid else ""
                if time.monotonic() >= deadline:
                    raise StoreBusy(f"{self.path}: being written by another process{holder}; "
                                    "try again when it has finished") from None
                if on_wait and not told:
                    on_wait(f"{self.path}: being written by another process{holder}; waiting up to {wait:.0f} s")
                    told = True
                time.sleep(min(pause, max(deadline - time.monotonic(), 0.0)))
                pause = min(pause * 2, 1.0)
            except duckdb.Error as e:
                raise StoreError(f"{self.path}: not a ghatna store ({_first_line(e)})") from None

    # -- life cycle -----------------------------------------------------------------------------
    def close(self) -> None:
        try:
            self.con.close()
        except duckdb.Error as e:
            raise StoreError(f"{self.path}: cannot finish writing ({_first_line(e)}); is the disk full?") from None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        if exc_type is None:
            self.close()
        else:
            with suppress(duckdb.Error, StoreError):  # the first error is the one to report
                self.close()

    @property
    def schema_version(self) -> int:
        return version_of(self.con) or 0

    # -- writing ------------------------------------------------------------------------------------
    def ingest(self, items: Iterable[Article | GhatnaError], source: str | None = None,
               date: str | dt.date | None = None, batch_size: int = BATCH_SIZE, progress: Progress | None = None,
               on_error: Callable[[str], None] | None = None, workers: int | None = 1) -> IngestReport:
        """Code and store articles; an article whose text is already stored is skipped.

        ``items`` are articles or input errors (as ``ghatna.readers.iter_articles`` yields them); each
        batch of ``batch_size`` coded articles is one transaction, so an interruption leaves whole
        articles or none. ``workers`` processes code in parallel (``None``: one per core); articles are
        stored in input order whatever their number.
        """
        from ghatna.parallel import Job, code_stream

        report = IngestReport()
        started = time.perf_counter()
        pending_hashes: set[str] = set()  # coded or being coded, not yet written
        pending_ids: set[str] = set()

        def fail(message: str) -> None:
            report.failed += 1
            if len(report.errors) < MAX_ERRORS:  # memory stays flat however many fail
                report.errors.append(message)
            if on_error:
                on_error(message)

        def jobs() -> Iterator[Job[tuple[Article, str]]]:
            for chunk in _batched(items, batch_size):
                batch = []
                for item in chunk:
                    if isinstance(item, GhatnaError):
                        fail(str(item))
                    else:
                        batch.append(item)
                if not batch:
                    continue
                hashes = [content_hash(a.text) for a in batch]
                stored, ids = self._known(hashes, [a.id for a in batch])
                stored |= pending_hashes
                ids |= pending_ids
                for article, digest in zip(batch, hashes, strict=True):
                    if digest in stored:
                        report.skipped += 1
                        continue
                    article_id = article.id if article.id not in ids else f"{article.id}~{digest[:8]}"
                    stored.add(digest)
                    ids.add(article_id)
                    pending_hashes.add(digest)
                    pending_ids.add(article_id)
                    yield Job(article.text, article_id, article.date or date, article.lang or "gu",
                              (article, digest))

        rows = _empty_rows()
        written: list[tuple[str, str]] = []
        now = dt.datetime.now()

        def flush() -> None:
            nonlocal rows, written
            self._write(rows)
            for digest, article_id in written:
                pending_hashes.discard(digest)
                pending_ids.discard(article_id)
            rows, written = _empty_rows(), []
            report.seconds = time.perf_counter() - started

        # the articles of a batch have been read for their lookup: they are coded as one batch
        for job, coded, error in code_stream(jobs(), coded_rows, workers, ahead=batch_size):
            article, digest = job.payload  # type: ignore[misc]
            if coded is None:
                pending_hashes.discard(digest)
                pending_ids.discard(job.doc_id)
                fail(error or f"{job.doc_id}: not coded")
                continue
            sentences, events, actors, published, lang = coded
            rows["articles"].append({
                "id": job.doc_id, "content_hash": digest, "source": article.source or source, "url": article.url,
                "title": article.title, "published": published, "lang": lang, "text": article.text,
                "ingested_at": now, "coded_with": _version(), "hash64": key64(digest), "id64": id_key(job.doc_id)})
            rows["sentences"] += sentences
            rows["events"] += events
            rows["actors"] += actors
            written.append((digest, job.doc_id))
            report.count(len(sentences), len(events), progress)
            if len(written) >= batch_size:
                flush()
        if written:
            flush()
        report.seconds = time.perf_counter() - started
        return report

    def _write(self, rows: dict[str, list[dict[str, Any]]], delete_events_of: list[str] | None = None) -> None:
        """Insert rows of several tables in one transaction (each column bound as one list parameter:
        no per-row statements, and no dataframe library loaded)."""
        columns = {"articles": ARTICLE_COLUMNS, "sentences": SENTENCE_COLUMNS, "events": EVENT_COLUMNS,
                   "actors": ACTOR_COLUMNS}
        # news names the same actors again and again: only those this store object has not written go
        new_actors = {(a["code"], a["name"]): a for a in rows.get("actors") or ()
                      if (a["code"], a["name"]) not in self._actors_written}
        rows = {**rows, "actors": list(new_actors.values())}
        self.con.execute("BEGIN TRANSACTION")
        try:
            if delete_events_of:
                self.con.execute("DELETE FROM events WHERE list_contains(?, article_id)", [delete_events_of])
            for table, cols in columns.items():
                data = rows.get(table) or []
                if not data:
                    continue
                conflict = " ON CONFLICT DO NOTHING" if table == "actors" else ""
                values = ", ".join(f"unnest(${n})" for n in range(1, len(cols) + 1))
                self.con.execute(f"INSERT INTO {table} ({', '.join(cols)}) SELECT {values}{conflict}",
                                 [[r.get(c) for r in data] for c in cols])
            self.con.execute("COMMIT")
            if len(self._actors_written) + len(new_actors) > MAX_ACTORS_WRITTEN:
                self._actors_written.clear()
            self._actors_written.update(new_actors)
        except duckdb.OutOfMemoryException as e:
            with suppress(duckdb.Error):
                self.con.execute("ROLLBACK")
            raise StoreError(f"{self.path}: cannot write ({_first_line(e)}); raise GHATNA_STORE_MEMORY "
                             f"(now {write_memory()})") from None
        except duckdb.Error as e:
            with suppress(duckdb.Error):
                self.con.execute("ROLLBACK")
            raise StoreError(f"{self.path}: cannot write ({_first_line(e)}); is the disk full?") from None
        except BaseException:
            with suppress(duckdb.Error):
                self.con.execute("ROLLBACK")
            raise

    def _known(self, hashes: list[str], ids: list[str]) -> tuple[set[str], set[str]]:
        """Which of these texts (by digest) and which of these ids the store holds: one scan of its two
        integer key columns."""
        rows = self.con.execute("SELECT content_hash, id FROM articles WHERE hash64 IN (SELECT unnest(?::BIGINT[])) "
                                "OR id64 IN (SELECT unnest(?::BIGINT[]))",
                                [[key64(h) for h in hashes], [id_key(i) for i in ids]]).fetchall()
        return {h for h, _ in rows} & set(hashes), {i for _, i in rows} & set(ids)

    def recode(self, batch_size: int = BATCH_SIZE, progress: Progress | None = None, workers: int | None = 1
               ) -> IngestReport:
        """Code every stored article again with this ghatna: events replaced, articles kept; each batch
        of articles is one transaction."""
        from ghatna.parallel import Job, code_stream

        report = IngestReport()
        started = time.perf_counter()
        # the articles are read in storage order from a cursor of their own (a snapshot: the writes
        # below do not disturb it), a batch at a time, so memory does not grow with the store
        reader = self.con.cursor()
        reader.execute("SELECT id, text, published, lang FROM articles")

        def jobs() -> Iterator[Job[None]]:
            while batch := reader.fetchmany(batch_size):
                for article_id, text, published, lang in batch:
                    yield Job(text, article_id, published, lang)

        rows = _empty_rows()
        done: list[str] = []

        def flush() -> None:
            nonlocal rows, done
            self._write(rows, delete_events_of=done)
            self.con.execute("UPDATE articles SET coded_with = ? WHERE id64 IN (SELECT unnest(?::BIGINT[])) "
                             "AND list_contains(?, id)", [_version(), [id_key(i) for i in done], done])
            rows, done = _empty_rows(), []

        try:
            for job, coded, error in code_stream(jobs(), coded_rows, workers, ahead=batch_size):
                if coded is None:
                    raise StoreError(f"{job.doc_id}: stored article can no longer be coded ({error})")
                _, events, actors, _, _ = coded
                rows["events"] += events
                rows["actors"] += actors
                done.append(job.doc_id)
                report.count(len(coded[0]), len(events), progress)
                if len(done) >= batch_size:
                    flush()
            if done:
                flush()
        finally:
            with suppress(duckdb.Error):
                reader.close()
        report.seconds = time.perf_counter() - started
        return report

    # -- reading ----------------------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        out = {}
        for table in ("articles", "sentences", "events", "actors"):
            row = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()
            out[table] = int(row[0]) if row else 0
        row = self.con.execute("SELECT count(DISTINCT group_key) FROM events").fetchone()
        out["real_events"] = int(row[0]) if row else 0
        return out

    def _filtered(self, filters: Filters | None, distinct: bool = False) -> tuple[str, list[Any]]:
        """A subquery of the events matching ``filters``, with NumMentions/NumArticles of each event;
        ``distinct``: one row (the first mention) per real event."""
        f = filters or Filters()
        clause, params = where(f)
        pick = "QUALIFY row_number() OVER (PARTITION BY group_key ORDER BY id) = 1" if distinct else ""
        sql = f"""SELECT e.*, count(*) OVER w AS num_mentions,
                         count(DISTINCT article_id) OVER w AS num_articles
                  FROM events e WHERE {clause}
                  WINDOW w AS (PARTITION BY group_key) {pick}"""
        return sql, params

    def events(self, filters: Filters | None = None, distinct: bool = False, offset: int = 0) -> pd.DataFrame:
        """Stored events matching ``filters`` (asserted and reported by default), as a DataFrame, with the
        text of each event's sentence (``sentence_text``)."""
        sql, params = self._filtered(filters, distinct)
        limit = ""
        if filters and filters.limit:
            limit = " LIMIT ? OFFSET ?"
            params = [*params, filters.limit, offset]
        return self.con.execute(f"""
            SELECT x.*, s.text AS sentence_text FROM ({sql}) x
            LEFT JOIN sentences s ON s.article_id = x.article_id AND s.idx = x.sentence_index
            ORDER BY x.date_start NULLS LAST, x.id{limit}""", params).df()

    def count(self, filters: Filters | None = None, distinct: bool = False) -> int:
        """How many stored events (mentions, or with ``distinct`` real events) match ``filters``."""
        clause, params = where(filters or Filters())
        what = "count(DISTINCT group_key)" if distinct else "count(*)"
        row = self.con.execute(f"SELECT {what} FROM events WHERE {clause}", params).fetchone()
        return int(row[0]) if row else 0

    def dyad(self, a: str, b: str, by: str = "month", count: str = "events",
             filters: Filters | None = None) -> pd.DataFrame:
        """Per period, for A→B and B→A: counts by QuadClass and summed and mean Goldstein."""
        f = filters or Filters()
        f = Filters(**{**{k: getattr(f, k) for k in f.__dataclass_fields__}, "dyad": (a, b)})
        dir_params: list[Any] = []
        ab = actor_condition("source", a, dir_params) + " AND " + actor_condition("target", b, dir_params)
        return self.series(f, by, count, (f"CASE WHEN {ab} THEN ? ELSE ? END", [*dir_params, f"{a}→{b}", f"{b}→{a}"]))

    def series(self, filters: Filters | None = None, by: str = "month", count: str = "events",
               direction: tuple[str, list[Any]] | None = None) -> pd.DataFrame:
        """Per period (and ``direction``, an SQL expression with its parameters): counts by QuadClass
        and summed and mean Goldstein of the events matching ``filters``; only events dated at least
        as precisely as the period count."""
        if by not in PERIODS:
            raise StoreError(f"--by takes month or year, not {by!r}")
        if count not in COUNTS:
            raise StoreError(f"--count takes events or mentions, not {count!r}")
        sql, params = self._filtered(filters, distinct=count == "events")
        fmt, precisions = PERIODS[by]
        expr, dir_params = direction or ("'all'", [])
        query = f"""
            SELECT strftime(date_start, '{fmt}') AS period,
                   {expr} AS direction,
                   count(*) AS events,
                   count(*) FILTER (WHERE quad_class = 1) AS verbal_cooperation,
                   count(*) FILTER (WHERE quad_class = 2) AS material_cooperation,
                   count(*) FILTER (WHERE quad_class = 3) AS verbal_conflict,
                   count(*) FILTER (WHERE quad_class = 4) AS material_conflict,
                   round(sum(goldstein), 2) AS goldstein_sum, round(avg(goldstein), 2) AS goldstein_mean
            FROM ({sql}) WHERE list_contains(?, date_precision)
            GROUP BY ALL ORDER BY period, direction"""
        return self.con.execute(query, [*dir_params, *params, list(precisions)]).df()

    def network(self, filters: Filters | None = None, count: str = "events") -> nx.DiGraph:
        """The actor network: nodes are actors (by country, else organization, else code) with their
        event counts; directed edges weighted by event count and mean Goldstein."""
        import networkx as nx

        if count not in COUNTS:
            raise StoreError(f"--count takes events or mentions, not {count!r}")
        sql, params = self._filtered(filters, distinct=count == "events")
        rows = self.con.execute(f"""
            SELECT coalesce(source_country, source_org, source_code) AS src,
                   coalesce(target_country, target_org, target_code) AS tgt,
                   count(*) AS n, avg(goldstein) AS g
            FROM ({sql}) WHERE source_code IS NOT NULL AND target_code IS NOT NULL
            GROUP BY ALL ORDER BY src, tgt""", params).fetchall()
        names = dict(self.con.execute("""
            SELECT coalesce(country, org, code), any_value(name ORDER BY length(name)) FROM actors
            GROUP BY 1""").fetchall())
        graph = nx.DiGraph()
        for src, tgt, n, g in rows:
            for node in (src, tgt):
                if node not in graph:
                    graph.add_node(node, label=names.get(node, node), events=0)
            graph.nodes[src]["events"] += n
            graph.nodes[tgt]["events"] += n
            graph.add_edge(src, tgt, weight=int(n), goldstein=round(float(g), 3))
        return graph

    def article(self, article_id: str) -> dict[str, Any] | None:
        """One stored article with its sentences and events."""
        cur = self.con.execute("SELECT * FROM articles WHERE id = ?", [article_id])
        row = cur.fetchone()
        if row is None:
            return None
        cols = [d[0] for d in cur.description]
        art = dict(zip(cols, row, strict=True))
        art["sentences"] = self.con.execute("SELECT idx, start_char, end_char, text FROM sentences "
                                            "WHERE article_id = ? ORDER BY idx", [article_id]).df().to_dict("records")
        art["events"] = self.con.execute("SELECT * FROM events WHERE article_id = ? ORDER BY sentence_index, id",
                                         [article_id]).df().to_dict("records")
        return art

    # -- export ------------------------------------------------------------------------------------
    def export(self, fmt: str, out: str | Path, filters: Filters | None = None) -> int:
        """Write the events matching ``filters``; the number of rows written."""
        from ghatna.store import export

        return export.write(self, fmt, Path(out), filters)

    def query(self, sql: str, params: list[Any] | None = None) -> Iterator[tuple[Any, ...]]:
        """Rows of a read-only SQL query (for exporters and tests)."""
        yield from self.con.execute(sql, params or []).fetchall()


def _empty_rows() -> dict[str, list[dict[str, Any]]]:
    return {"articles": [], "sentences": [], "events": [], "actors": []}


def _batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _version() -> str:
    from ghatna import __version__

    return __version__


def _first_line(e: BaseException) -> str:
    return str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__


__all__ += ["FilterError"]
