"""Ingest throughput: every Gujarati line of ../shared/corpus as an article into a fresh store.

Prints articles/second, sentences/second and the size of the store it makes.

    .venv/bin/python bench/bench_ingest.py [--keep STORE]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from bench_speed import CORPUS_FILES
from ghatna.evaluation import shared_dir
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
    with tempfile.TemporaryDirectory() as tmp:
        path = args.keep or Path(tmp) / "bench.duckdb"
        started = time.perf_counter()
        with Store(path) as store:
            report = store.ingest(items, batch_size=200)
            counts = store.counts()
        elapsed = time.perf_counter() - started
        size = path.stat().st_size
    print(report.summary())
    print(f"articles/second  {report.articles / elapsed:,.0f}")
    print(f"sentences/second {report.sentences / elapsed:,.0f}")
    print(f"store            {size / 1e6:.1f} MB for {counts['articles']} articles, {counts['events']} events")


if __name__ == "__main__":
    main()
