"""The compiled-lexicon disk cache: same lexicon as a fresh compilation, rebuilt when a data file
changes, and harmless when the cache is corrupt or unwritable."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ghatna.lang.gu import Gujarati
from ghatna.lexicon import Lexicon, cache_dir, load_lexicon

TEXT = "ભારતે પાકિસ્તાન પર પ્રતિબંધો લાદ્યા. રશિયાએ આ આરોપોને નકાર્યા."


def _reading(lex: Lexicon) -> tuple:
    """What the lexicon makes of TEXT: the kinds the scanner finds and each word's readings."""
    return lex.scan_kinds(TEXT), [(t.stems, t.verbs, t.marks, t.opens) for t in lex.tokens(TEXT)]


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("GHATNA_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_cache_dir_follows_the_environment(cache):
    assert cache_dir() == cache


def test_cached_lexicon_codes_like_a_fresh_one(cache):
    first = Gujarati()
    fresh = _reading(load_lexicon(first))
    assert fresh[0] and any(fresh[1]), "the sentences should be recognised"
    (entry,) = cache.glob("lexicon-gu-*.pickle")
    written = entry.stat()
    second = Gujarati()
    lex = load_lexicon(second)
    assert lex.pack is second
    # read from the cache, not compiled and written again (as when the pickle cannot be loaded)
    assert (entry.stat().st_ino, entry.stat().st_mtime_ns) == (written.st_ino, written.st_mtime_ns)
    assert _reading(lex) == fresh
    assert len(lex.noun_forms) == len(first.lexicon.noun_forms)


def test_a_changed_data_file_recompiles(cache, tmp_path):
    load_lexicon(Gujarati())
    before = {p.name for p in cache.glob("*.pickle")}
    pack = Gujarati()
    copy = tmp_path / "gu"
    shutil.copytree(pack.data_dir, copy)
    with (copy / "roles.tsv").open("a", encoding="utf-8") as fh:
        fh.write("")  # same content: same key
    pack.data_dir = copy
    load_lexicon(pack)
    assert {p.name for p in cache.glob("*.pickle")} == before
    text = (copy / "markers.tsv").read_text(encoding="utf-8")
    (copy / "markers.tsv").write_text(text + "\n", encoding="utf-8")
    load_lexicon(pack)
    after = {p.name for p in cache.glob("*.pickle")}
    assert after and after != before, "a changed data file must give a new cache entry"
    assert len(after) == 1, "the stale entry is removed"


def test_a_corrupt_cache_is_rebuilt(cache):
    load_lexicon(Gujarati())
    (entry,) = cache.glob("*.pickle")
    entry.write_bytes(b"not a pickle")
    lex = load_lexicon(Gujarati())
    assert isinstance(lex, Lexicon)
    assert _reading(lex)[0]
    assert entry.read_bytes() != b"not a pickle"


def test_an_unwritable_cache_only_costs_compilation(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("GHATNA_CACHE", str(blocker / "cache"))
    assert _reading(load_lexicon(Gujarati()))[0]
    assert not (blocker / "cache").exists()
