"""Stage 1: normalization keeps a map back to every input character."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ghatna.model import Doc
from ghatna.stages.normalize import normalize


def norm(text: str) -> Doc:
    return normalize(Doc(text=text))


@pytest.mark.parametrize(("raw", "expected"), [
    ("૨૦૧૯માં", "2019માં"),  # Gujarati digits
    ("ઑક્ટોબર", "ઓક્ટોબર"),  # candra o folded
    ("ડૉક્ટર", "ડોક્ટર"),
    ("રશિયા\u200dએ", "રશિયાએ"),  # zero-width joiner removed
    ("\u201cસર્વોપરિતા\u201d", '"સર્વોપરિતા"'),  # curly quotes
    ("ક\u0abc", "ક"),  # nukta removed
])
def test_normalize_folds_variants(raw: str, expected: str) -> None:
    assert norm(raw).norm == expected


def test_normalize_composes_nfc() -> None:
    decomposed = "e\u0301"
    doc = norm(decomposed + " ભારત")
    assert doc.norm.startswith("\u00e9")
    assert doc.span(0, 1) == (0, 2)  # the composed character covers both input characters


def test_offsets_point_into_input_after_removed_characters() -> None:
    text = "અ\u200bમેરિકાએ પ્રતિબંધો"
    doc = norm(text)
    i = doc.norm.index("પ્રતિબંધો")
    s, e = doc.span(i, i + len("પ્રતિબંધો"))
    assert text[s:e] == "પ્રતિબંધો"


@given(st.text(alphabet=st.sampled_from(list("અમેરિકાએ ૧૨૩ઑ\u200d\u200c“”\u0abcાીે.। \n")), max_size=60))
def test_every_normalized_span_maps_inside_the_input(text: str) -> None:
    doc = norm(text)
    assert len(doc.starts) == len(doc.norm) == len(doc.ends)
    for i in range(len(doc.norm)):
        s, e = doc.span(i, i + 1)
        assert 0 <= s < e <= len(text)
    assert all(a <= b for a, b in zip(doc.starts, doc.starts[1:], strict=False))
