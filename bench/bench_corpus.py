"""Coding speed on all Gujarati text of ../shared/corpus (and the bundled examples), on one core.

Each corpus line is coded as its own document (as `ghatna code` does with a JSONL file); whole files
(the seed, the examples) as one document each. Prints sentences/second, MB/second and peak memory.

    .venv/bin/python bench/bench_corpus.py [--repeat N]
"""

from __future__ import annotations

import argparse
import resource
import time

import ghatna
from ghatna.evaluation import PROJECT_ROOT, shared_dir

CORPUS_FILES = ("corpus/ntrex128/newstest2019-ref.guj.txt", "corpus/flores200/guj_Gujr.devtest",
                "corpus/wmt19-newsdev/newsdev2019.guj")


def documents() -> list[str]:
    shared = shared_dir()
    docs: list[str] = []
    for rel in CORPUS_FILES:
        path = shared / rel
        if path.exists():
            docs += [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    seed = shared / "seed" / "kim-putin-visit.gu.txt"
    if seed.exists():
        docs.append(seed.read_text(encoding="utf-8"))
    docs += [p.read_text(encoding="utf-8") for p in sorted((PROJECT_ROOT / "examples").glob("*.txt"))]
    return docs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="passes over the text (after one warm-up)")
    args = parser.parse_args()
    docs = documents()
    if not docs:
        raise SystemExit("no text found: is ../shared beside the project?")
    size = sum(len(d.encode("utf-8")) for d in docs)
    t0 = time.perf_counter()
    ghatna.code("ભારતે વિરોધ કર્યો.")  # load the lexicons once
    load = time.perf_counter() - t0
    sentences = events = skipped = 0
    start = time.perf_counter()
    for _ in range(args.repeat):
        for n, text in enumerate(docs):
            try:
                doc = ghatna.code_doc(text, doc_id=f"d{n}")
            except ghatna.LanguageError:
                skipped += 1  # a corpus line in another script
                continue
            sentences += len(doc.sentences)
            events += len(doc.events)
    elapsed = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"documents        {len(docs) * args.repeat}")
    print(f"not Gujarati     {skipped}")
    print(f"sentences        {sentences}")
    print(f"events           {events}")
    print(f"lexicon load     {load:.2f} s")
    print(f"sentences/second {sentences / elapsed:,.0f}")
    print(f"MB/second        {size * args.repeat / elapsed / 1e6:.2f}")
    print(f"peak memory      {peak_mb:.0f} MB (max RSS)")


if __name__ == "__main__":
    main()
