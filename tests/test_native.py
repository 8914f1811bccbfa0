"""The front's C functions (ghatna._native) give what their Python twins give, character for character,
or None where they leave the text to Python; with no C module the twins run alone."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ghatna.lang.base as base
from ghatna.evaluation import CORPUS_FILES, shared_dir
from ghatna.lang.base import load_language
from ghatna.lang.gu.morphology import _SCAN_TABLE
from ghatna.lang.morphology import Morphology
from ghatna.native import NATIVE, char_table, scan_table

needs_c = pytest.mark.skipif(NATIVE is None, reason="this install has no C front (no C compiler at install)")

GU = load_language("gu")
#: the characters the scan and normalization meet in Gujarati news, and some they leave to Python
_ALPHABET = ([chr(c) for c in range(0x0A80, 0x0B00)] + list("aZm.9_ -,'\"\n\t:?") +
             ["।", "॥", "\u2014", "\u201c", "\u20b9", "\u2026", "\u203f", "\u200d", "\u00a0", "é", "ß", "\u0915",
              "\u0345", "İ", "Ａ", "\U0001f600", "\u0301"])
_TEXTS = st.text(alphabet=st.sampled_from(_ALPHABET), max_size=40)


def _corpus_lines(limit: int = 4000) -> list[str]:
    lines: list[str] = []
    for rel in CORPUS_FILES:
        path = shared_dir() / rel
        if path.exists():
            lines += path.read_text(encoding="utf-8").splitlines()[:limit // len(CORPUS_FILES)]
    return lines


def _python_scan_text(text: str) -> str:
    return Morphology.scan_text(GU.morphology, text)  # the twin: the base class's regular expressions


@needs_c
@settings(max_examples=3000)
@given(_TEXTS)
def test_scan_text_in_c_is_its_python_twin(text: str) -> None:
    native = NATIVE.scan_text(text, _SCAN_TABLE)
    if native is None:  # left to Python: a character outside ASCII, the block and common punctuation
        assert any(not (c.isascii() or "\u0a80" <= c <= "\u0aff" or c in "।॥" or "\u2000" <= c <= "\u206f"
                        or "\u20a0" <= c <= "\u20cf") for c in text)
    else:
        assert native == _python_scan_text(text)
    assert GU.morphology.scan_text(text) == _python_scan_text(text)


@needs_c
def test_scan_text_in_c_reads_every_character_of_the_block_and_of_ascii_as_python_does() -> None:
    singles = [chr(c) for c in range(0x80)] + [chr(c) for c in range(0x0A80, 0x0B00)]
    for a in singles:
        assert NATIVE.scan_text(a, _SCAN_TABLE) == _python_scan_text(a), repr(a)
    # the rules that look at neighbours: a nasal with virama before a consonant, a dot between letters
    for text in ["સંબંધ", "સમ્બન્ધ", "ન્ન્ક", "ન્", "ન્ય", "યુ.એસ.", "U.S.A", "a._b", "3.5", "ક઼્ષ", "ણ્ડ"]:
        assert NATIVE.scan_text(text, _SCAN_TABLE) == _python_scan_text(text), text
    assert NATIVE.scan_text("સમ્બન્ધ", _SCAN_TABLE) == NATIVE.scan_text("સંબંધ", _SCAN_TABLE)


@needs_c
def test_scan_text_in_c_on_the_shared_corpus() -> None:
    lines = [GU.normalize(line)[0] for line in _corpus_lines()]
    if not lines:
        pytest.skip("../shared/corpus is not beside the project")
    read = [NATIVE.scan_text(line, _SCAN_TABLE) for line in lines]
    assert sum(r is not None for r in read) > 0.95 * len(lines)  # news is read in C, not left to Python
    assert all(r is None or r == _python_scan_text(line) for r, line in zip(read, lines, strict=True))


@needs_c
@settings(max_examples=2000)
@given(_TEXTS)
def test_normalization_with_and_without_c_alike(text: str) -> None:
    with_c = GU.normalize(text)
    saved = base.NATIVE
    base.NATIVE = None
    try:
        without = GU.normalize(text)
    finally:
        base.NATIVE = saved
    assert with_c[0] == without[0]
    assert list(with_c[1]) == list(without[1]) and list(with_c[2]) == list(without[2])


@needs_c
def test_map_chars_replaces_one_for_one_and_leaves_removals_to_python() -> None:
    table = char_table({ord("ઑ"): "ઓ", ord("‘"): "'", 0x1F600: "x", ord("\u200d"): ""})
    assert NATIVE.map_chars("ઑક્ટોબર ‘a’ \U0001f600", table) == "ઓક્ટોબર 'a’ x"
    plain = "કોઈ ફેરફાર નહીં"
    assert NATIVE.map_chars(plain, table) is plain  # nothing to replace: the same string, not a copy
    assert NATIVE.map_chars("રશિયા\u200dએ", table) is None  # a removed character changes the offsets


@needs_c
@given(st.text(alphabet=st.sampled_from(_ALPHABET), max_size=50), st.integers(-1, 60))
def test_count_range_counts_the_script_in_the_head(text: str, limit: int) -> None:
    assert NATIVE.count_range(text, 0x0A80, 0x0AFF, limit) == sum(
        "\u0a80" <= c <= "\u0aff" for c in text[:max(limit, 0)])


@needs_c
def test_the_c_functions_refuse_a_wrong_table_with_a_clear_error() -> None:
    with pytest.raises(ValueError, match="scan_table"):
        NATIVE.scan_text("ભારત", b"short")
    with pytest.raises(ValueError, match="char_table"):
        NATIVE.map_chars("ભારત", b"\x00" * 10)
    with pytest.raises(TypeError):
        NATIVE.count_range(b"bytes", 0, 1, 5)


def test_the_tables_check_what_the_c_functions_assume() -> None:
    with pytest.raises(ValueError, match="at most one"):
        char_table({ord("ß"): "ss"})
    with pytest.raises(ValueError, match="one character of the block"):
        scan_table(0x0A80, {"ઑ": "o"}, "\u0acd", "\u0a82", "ન", "ક")
    with pytest.raises(ValueError, match="BMP"):
        scan_table(0x1F600, {}, "\U0001f601", "\U0001f602", "", "")
    assert len(scan_table(0x0A80, {}, "\u0acd", "\u0a82", "ન", "ક")) == 3 * 4 + 128 * 4 + 128
