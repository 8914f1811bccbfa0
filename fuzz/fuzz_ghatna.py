"""Coverage-guided fuzz target (atheris/libFuzzer) over every input reader and the coding pipeline.

Each input's first byte picks what the rest is: a text file, a JSONL file, an HTML page, an RSS feed
(read with ``ghatna.readers.iter_articles``), or text handed straight to ``ghatna.code``. Every
article a reader yields is coded. A crash is anything but an ``Article`` or a one-line
``GhatnaError``, a span outside the text, or a span whose text is not what it points at.

    .venv/bin/python fuzz/fuzz_ghatna.py -max_total_time=600 fuzz/corpus   # make fuzz
    .venv/bin/python fuzz/fuzz_ghatna.py -runs=3000                        # the short form in the tests

``fuzz/corpus`` (created on the first run) keeps the inputs that found new coverage.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from importlib.machinery import SOURCE_SUFFIXES, FileFinder, SourceFileLoader
from importlib.util import find_spec
from pathlib import Path

import atheris


def _sources_of(package: Path) -> Callable[[str], FileFinder]:
    """A path hook that imports ghatna's modules from their sources: where the coder's modules are
    compiled (setup.py), atheris could neither instrument nor follow them."""

    def hook(path: str) -> FileFinder:
        if Path(path).resolve().is_relative_to(package):
            return FileFinder(path, (SourceFileLoader, SOURCE_SUFFIXES))
        raise ImportError(path)

    return hook


_spec = find_spec("ghatna")
if _spec is not None and _spec.submodule_search_locations:
    sys.path_hooks.insert(0, _sources_of(Path(next(iter(_spec.submodule_search_locations))).resolve()))
    sys.path_importer_cache.clear()

with atheris.instrument_imports(include=["ghatna"]):
    import pkgutil

    import ghatna
    from ghatna.errors import GhatnaError
    from ghatna.readers import Article, iter_articles

    for _module in pkgutil.walk_packages(ghatna.__path__, "ghatna."):
        # (the front's C module has no source to follow: here ghatna.native finds none, and its Python
        # twins run, which a test compares with it)
        if not _module.name.startswith(("ghatna.web", "ghatna.cli", "ghatna.spark", "ghatna.store", "ghatna.__main__",
                                        "ghatna._native")):
            __import__(_module.name)

KINDS = (".txt", ".jsonl", ".html", ".xml", None)
TMP = Path(tempfile.mkdtemp(prefix="ghatna-fuzz-"))


def check(text: str) -> None:
    try:
        events = ghatna.code(text, doc_id="fuzz", date="2024-05-06")
    except GhatnaError as e:
        if "\n" in str(e) or not str(e).startswith("[G"):
            raise AssertionError(f"not a one-line error: {e!r}") from None
        return
    n = len(text)
    for event in events:
        record = event.to_dict()
        if not 0 <= record["sentence_start"] <= record["sentence_end"] <= n:
            raise AssertionError(f"sentence span outside the text: {record['id']}")
        for span in (record["trigger"], record["source"], record["target"], record["location"]):
            if span and span.get("start") is not None and text[span["start"]:span["end"]] != span["text"]:
                raise AssertionError(f"a span that does not point at its text: {span}")


def one_input(data: bytes) -> None:
    if not data:
        return
    kind = KINDS[data[0] % len(KINDS)]
    body = data[1:]
    if kind is None:
        check(body.decode("utf-8", "replace"))
        return
    path = TMP / f"input{kind}"
    path.write_bytes(body)
    for item in iter_articles([str(path)], rich=True):
        if isinstance(item, GhatnaError):
            if "\n" in str(item):
                raise AssertionError(f"not a one-line error: {item!r}")
            continue
        if not isinstance(item, Article):
            raise AssertionError(f"a reader yielded {type(item).__name__}")
        check(item.text)


def seeds() -> list[bytes]:
    """Starting inputs: sentences of the bundled examples, as each kind of input."""
    import json

    examples = sorted((Path(__file__).resolve().parent.parent / "examples").glob("*.txt"))
    out = []
    for n, path in enumerate(examples):
        text = path.read_text(encoding="utf-8")
        first = text.split("\n")[0]
        out += [bytes([4]) + text.encode(), bytes([0]) + text.encode(),
                bytes([1]) + json.dumps({"id": f"e{n}", "text": first}, ensure_ascii=False).encode(),
                bytes([2]) + f"<html><body><article><p>{first}</p></article></body></html>".encode(),
                bytes([3]) + (f"<?xml version='1.0'?><rss><channel><title>t</title><item><title>{first}</title>"
                              "</item></channel></rss>").encode()]
    return out


def main() -> None:
    ghatna.code("ભારતે વિરોધ કર્યો.")  # load the lexicons before fuzzing starts
    args = list(sys.argv)
    corpus = [a for a in args[1:] if not a.startswith("-")]
    for directory in map(Path, corpus):
        directory.mkdir(parents=True, exist_ok=True)
        if not any(directory.iterdir()):
            for n, seed in enumerate(seeds()):
                (directory / f"seed-{n}").write_bytes(seed)
    atheris.Setup(args, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
