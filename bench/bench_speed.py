"""Coding speed on one core, against the floor of a bare multi-pattern scan.

Codes all Gujarati text of ../shared/corpus (each line of NTREX-128, FLORES-200 devtest and WMT19
newsdev as its own document, as ``ghatna code`` does with a JSONL file: in one process, in batches),
the seed article and the bundled examples, repeated until at least ``--sentences`` sentences have been
coded; then, in the same run, times a bare Aho-Corasick scan (pyahocorasick) over the same text,
folded, with every surface form of the lexicons — the floor no dictionary coder can beat — and prints
the ratio, and whether the coder runs compiled (setup.py). The process is pinned to one core. Documents
are streamed: nothing but the distinct texts is held in memory. On several cores it then codes the same
stream with a worker a core (``code_stream``), and beside it with as many lone coders, one a core,
each coding its share on its own: the most the machine gives when its cores work at once.

    .venv/bin/python bench/bench_speed.py [--sentences 100000]
"""

from __future__ import annotations

import argparse
import math
import multiprocessing
import os
import platform
import resource
import time
from collections.abc import Iterator
from multiprocessing.connection import Connection
from pathlib import Path

import ahocorasick

import ghatna
from ghatna.evaluation import CORPUS_FILES, PROJECT_ROOT, shared_dir
from ghatna.model import Doc
from ghatna.parallel import CHUNK, Job, code_stream
from ghatna.pipeline import compiled


def documents() -> list[str]:
    """The distinct Gujarati texts of the mix (lines in another script are left out)."""
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
    pack = ghatna.load_language("gu")
    return [d for d in docs if pack.script_share(d) >= ghatna.MIN_SCRIPT_SHARE]


def stream(docs: list[str], passes: int) -> Iterator[tuple[str, str]]:
    for p in range(passes):
        for n, text in enumerate(docs):
            yield f"p{p}-d{n}", text


def counts(doc: Doc) -> tuple[int, int]:
    """What the benchmark keeps of a coded document: its sentences and events."""
    return len(doc.sentences), len(doc.events)


def _builds() -> list[str]:
    """What runs compiled: the modules mypyc built, and the front's C module (setup.py)."""
    mypyc = [m for m in compiled() if m != "ghatna._native"]
    return [f"{len(mypyc)} modules by mypyc"] * bool(mypyc) + ["the C front"] * ("ghatna._native" in compiled())


def machine() -> str:
    model = ""
    try:
        with Path("/proc/cpuinfo").open(encoding="utf-8") as fh:
            model = next((line.split(":", 1)[1].strip() for line in fh if line.startswith("model name")), "")
    except OSError:
        pass
    return f"{model or platform.processor() or platform.machine()}, Python {platform.python_version()}"


def _lone(docs: list[str], passes: range, core: int, out: Connection) -> None:
    os.sched_setaffinity(0, {core})
    jobs = (Job(text, f"p{p}-d{n}") for p in passes for n, text in enumerate(docs))
    out.send(sum(got[0] for _, got, _ in code_stream(jobs, counts, workers=1, ahead=CHUNK) if got))


def lone_coders(docs: list[str], passes: int, cores: list[int]) -> float:
    """Sentences/s of one single-core coder a core, each coding its share of the passes on its own: what
    the machine gives when its cores share nothing but the hardware, the ceiling of any worker pool."""
    ctx = multiprocessing.get_context("fork")
    pipes = [ctx.Pipe(duplex=False) for _ in cores]
    procs = [ctx.Process(target=_lone, args=(docs, range(k, passes, len(cores)), core, w))
             for k, (core, (_, w)) in enumerate(zip(cores, pipes, strict=True))]
    start = time.perf_counter()
    for proc in procs:
        proc.start()
    coded = sum(r.recv() for r, _ in pipes)
    elapsed = time.perf_counter() - start
    for proc in procs:
        proc.join()
    return coded / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=100_000, help="code at least this many sentences")
    args = parser.parse_args()
    cores = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else [0]
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {cores[0]})
    docs = documents()
    if not docs:
        raise SystemExit("no text found: is ../shared beside the project?")

    t0 = time.perf_counter()
    ghatna.code("ભારતે વિરોધ કર્યો.")  # load the lexicons (from the disk cache after the first run)
    load = time.perf_counter() - t0
    per_pass = sum(len(ghatna.code_doc(text).sentences) for text in docs)
    passes = max(1, math.ceil(args.sentences / per_pass))

    sentences = events = 0
    size = passes * sum(len(text.encode("utf-8")) for text in docs)
    start = time.perf_counter()
    # as `ghatna code FILE` codes: one process, articles in batches (``code_stream`` with ``ahead``)
    jobs = (Job(text, doc_id) for doc_id, text in stream(docs, passes))
    for _, got, _ in code_stream(jobs, counts, workers=1, ahead=CHUNK):
        if got:
            sentences += got[0]
            events += got[1]
    coder = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    lex = ghatna.load_language("gu").lexicon
    automaton = ahocorasick.Automaton()
    for form in lex.surface_forms():
        automaton.add_word(form, len(form))
    automaton.make_automaton()
    folded = [lex.pack.morphology.fold_text(text) for text in docs]
    matches = 0
    start = time.perf_counter()
    for _ in range(passes):
        for text in folded:
            for _match in automaton.iter(text):
                matches += 1
    scan = time.perf_counter() - start

    parallel = ceiling = None
    if len(cores) > 1:
        os.sched_setaffinity(0, set(cores))  # the workers (forked from here) may use every core
        jobs = (Job(text, doc_id) for doc_id, text in stream(docs, passes))
        start = time.perf_counter()
        coded = sum(got[0] for _, got, _ in code_stream(jobs, counts, workers=len(cores)) if got)
        parallel = coded / (time.perf_counter() - start)
        ceiling = lone_coders(docs, passes, cores)

    coder_rate, scan_rate = sentences / coder, sentences / scan
    rows = [
        ("machine", f"{machine()}, one core"),
        ("build", f"compiled ({', '.join(built)})" if (built := _builds()) else "pure Python"),
        ("documents", f"{len(docs):,} distinct × {passes} passes"),
        ("sentences", f"{sentences:,}"),
        ("events", f"{events:,}"),
        ("lexicon load", f"{load:.2f} s"),
        ("coder", f"{coder_rate:,.0f} sentences/s, {size / coder / 1e6:.2f} MB/s"),
        ("peak memory", f"{peak_mb:.0f} MB (max RSS)"),
        ("bare scan", f"{scan_rate:,.0f} sentences/s ({len(automaton):,} forms, {matches:,} matches)"),
        ("coder / scan", f"{coder_rate / scan_rate:.2f}"),
    ]
    if parallel and ceiling:
        rows.append((f"{len(cores)} workers", f"{parallel:,.0f} sentences/s, speed-up {parallel / coder_rate:.2f}"))
        rows.append((f"{len(cores)} lone coders", f"{ceiling:,.0f} sentences/s (one a core, sharing nothing: "
                     f"the workers reach {parallel / ceiling:.0%} of it)"))
    for name, value in rows:
        print(f"{name:<14} {value}")


if __name__ == "__main__":
    main()
