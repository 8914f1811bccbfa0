"""Ingest throughput: every Gujarati line of ../shared/corpus as an article into a fresh store.

Prints articles/second and sentences/second with one worker and with one per core, and the size of
the store it makes. With ``--scale N``, ingests N distinct articles (the corpus lines, each made new
by a number) with one worker and prints the peak memory at each quarter: it should stay flat.

    .venv/bin/python bench/bench_ingest.py [--keep STORE] [--scale 300000]
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from ghatna.evaluation import CORPUS_FILES, shared_dir
from ghatna.parallel import default_workers
from ghatna.readers import Article
from ghatna.store import IngestReport, Store


def articles() -> list[Article]:
    out = []
    for rel in CORPUS_FILES:
        path = shared_dir() / rel
        if path.exists():
            lines = path.read_text(encoding="utf-8").splitlines()
            out += [Article(f"{path.stem}-{n}", line, source=path.parent.name) for n, line in enumerate(lines, 1)
                    if line.strip()]
    return out


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def scale(items: list[Article], total: int, path: Path) -> None:
    """Ingest ``total`` distinct articles in one run, printing the peak memory at each quarter."""

    def stream() -> Iterator[Article]:
        for n in range(total):
            base = items[n % len(items)]
            yield Article(f"{base.id}-{n}", f"{base.text} ({n})", source=base.source)

    marks = {total * q // 4 for q in (1, 2, 3, 4)}
    started = time.perf_counter()
    with Store(path) as store:
        def progress(report: IngestReport) -> None:
            if report.articles in marks:
                rate = report.articles / (time.perf_counter() - started)
                print(f"{report.articles:>10,} articles  peak memory {peak_mb():.0f} MB  {rate:,.0f} articles/s",
                      flush=True)

        report = store.ingest(stream(), workers=1, progress=progress)
    print(f"{report.articles:>10,} articles stored ({report.failed:,} not coded: other scripts), "
          f"peak memory {peak_mb():.0f} MB, store {path.stat().st_size / 1e6:.1f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="write the store here instead of a temporary file")
    parser.add_argument("--scale", type=int, metavar="N", help="ingest N distinct articles and print peak memory")
    args = parser.parse_args()
    items = articles()
    if not items:
        raise SystemExit("no text found: is ../shared beside the project?")
    if args.scale:
        with tempfile.TemporaryDirectory() as tmp:
            scale(items, args.scale, args.keep or Path(tmp) / "scale.duckdb")
        return
    for workers in sorted({1, default_workers()}):
        with tempfile.TemporaryDirectory() as tmp:
            path = args.keep or Path(tmp) / "bench.duckdb"
            path.unlink(missing_ok=True)
            started = time.perf_counter()
            with Store(path) as store:
                report = store.ingest(items, workers=workers)
                counts = store.counts()
            elapsed = time.perf_counter() - started
            size = path.stat().st_size
        print(f"{workers} worker(s): {report.articles / elapsed:,.0f} articles/s, "
              f"{report.sentences / elapsed:,.0f} sentences/s")
    print(f"store            {size / 1e6:.1f} MB for {counts['articles']} articles, {counts['events']} events")
    print(f"peak memory      {peak_mb():.0f} MB (max RSS)")


if __name__ == "__main__":
    main()
