"""Stage 2: sentences end at . । ? ! and line breaks, not inside numbers or abbreviations."""

from __future__ import annotations

import pytest

from ghatna.model import Doc
from ghatna.stages.normalize import normalize
from ghatna.stages.segment import MAX_SENTENCE, segment


def sentences(text: str) -> list[str]:
    doc = segment(normalize(Doc(text=text)))
    return [doc.norm[s.start:s.end] for s in doc.sentences]


@pytest.mark.parametrize(("text", "expected"), [
    ("ભારતે વિરોધ કર્યો. ચીને જવાબ આપ્યો.", ["ભારતે વિરોધ કર્યો.", "ચીને જવાબ આપ્યો."]),
    ("બેઠક થઈ હતી.યુક્રેન મુદ્દે ચર્ચા થઈ.", ["બેઠક થઈ હતી.", "યુક્રેન મુદ્દે ચર્ચા થઈ."]),
    ("શું ભારત જશે? હા! તેમણે કહ્યું।", ["શું ભારત જશે?", "હા!", "તેમણે કહ્યું।"]),
    ("વૃદ્ધિ દર 2.5 ટકા રહ્યો.", ["વૃદ્ધિ દર 2.5 ટકા રહ્યો."]),
    ("યુ.એસ. પ્રમુખે નિવેદન આપ્યું.", ["યુ.એસ. પ્રમુખે નિવેદન આપ્યું."]),
    ("ડૉ. મહેતાએ સારવાર કરી.", ["ડોક્ટર"][:0] or ["ડો. મહેતાએ સારવાર કરી."]),
    ("પહેલો ફકરો\nબીજો ફકરો", ["પહેલો ફકરો", "બીજો ફકરો"]),
    ('તેમણે કહ્યું, "અમે લડીશું." પછી ગયા.', ['તેમણે કહ્યું, "અમે લડીશું."', "પછી ગયા."]),
    # every kind of end, interleaved, and an abbreviation's dots among them: each found in its place
    ("એક? બે.\nત્રણ! ચાર। યુ.એસ. પાંચ? છ.\nસાત", ["એક?", "બે.", "ત્રણ!", "ચાર।", "યુ.એસ. પાંચ?", "છ.", "સાત"]),
    ("અ॥ બ?? ક!. ડ", ["અ॥", "બ??", "ક!.", "ડ"]),
])
def test_sentence_boundaries(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_text_without_punctuation_is_cut_into_pieces() -> None:
    text = " ".join(["શબ્દ"] * 2000)
    parts = sentences(text)
    assert len(parts) > 1
    assert all(len(p) <= MAX_SENTENCE for p in parts)
    assert " ".join(parts) == text
