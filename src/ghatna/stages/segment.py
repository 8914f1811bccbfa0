"""Stage 2 — segment.

Reads ``Doc.norm``. Adds ``Doc.sentences`` (index, start, end in the normalized text), split at
. । ? ! and line breaks by the pack's rules: a full stop with no space after it still ends a sentence,
a decimal point or the dots of an abbreviation (યુ.એસ., ડૉ.) do not. A run of text longer than
``MAX_SENTENCE`` characters without a sentence end is cut at spaces.
"""

from __future__ import annotations

from ghatna.lang.base import load_language
from ghatna.model import Doc, Sentence

#: longer "sentences" (a text without punctuation) are cut at a space before this many characters
MAX_SENTENCE = 1000


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    while end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start + 1, start + MAX_SENTENCE)
        cut = cut if cut > start else start + MAX_SENTENCE
        out.append((start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        out.append((start, end))
    return out


def segment(doc: Doc) -> Doc:
    pack = load_language(doc.lang)
    spans = pack.morphology.split_sentences(doc.norm)
    if any(e - s > MAX_SENTENCE for s, e in spans):
        spans = [p for s, e in spans for p in _pieces(doc.norm, s, e)]
    doc.sentences = [Sentence(n, s, e) for n, (s, e) in enumerate(spans)]
    return doc
