"""Ingest throughput: every Gujarati line of ../shared/corpus as an article into a fresh store.

Prints articles/second and sentences/second with one worker and with one per core, and the size of
the store it makes.

    .venv/bin/python bench/bench_ingest.py [--keep STORE]
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

from ghatna.evaluation import CORPUS_FILES, shared_dir
from ghatna.parallel import default_workers
from ghatna.readers import Article
from ghatna.store import Store


def articles() -> list[Article]:
    out = []
    for rel in CORPUS_FILES:
        path = shared_dir() / rel
        if path.exists():
            lines = path.read_text(encoding="utf-8").splitlines()
            out += [Article(f"{path.stem}-{n}", line, source=path.parent.name) for n, line in enumerate(lines, 1)
                    if line.strip()]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="write the store here instead of a temporary file")
    args = parser.parse_args()
    items = articles()
    if not items:
        raise SystemExit("no text found: is ../shared beside the project?")
    for workers in sorted({1, default_workers()}):
        with tempfile.TemporaryDirectory() as tmp:
            path = args.keep or Path(tmp) / "bench.duckdb"
            path.unlink(missing_ok=True)
            started = time.perf_counter()
            with Store(path) as store:
                report = store.ingest(items, batch_size=200, workers=workers)
                counts = store.counts()
            elapsed = time.perf_counter() - started
            size = path.stat().st_size
        print(f"{workers} worker(s): {report.articles / elapsed:,.0f} articles/s, "
              f"{report.sentences / elapsed:,.0f} sentences/s")
    print(f"store            {size / 1e6:.1f} MB for {counts['articles']} articles, {counts['events']} events")
    print(f"peak memory      {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB (max RSS)")


if __name__ == "__main__":
    main()
