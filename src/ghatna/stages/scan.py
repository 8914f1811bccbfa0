"""Stage 3 — scan.

Reads ``Doc.sentences``. Sets ``Sentence.level`` from one multi-pattern scan (Aho-Corasick over the
folded sentence) for the words of the lexicons: ``full`` when the sentence holds both a word that can
express an action and one that can name an actor — only then can it hold an event, and only then do
the grammar stages run on it (a pronoun counts as an actor only in a document of several sentences,
where it can refer back); ``light`` when it names actors or dates but no action, in a document of
several sentences (later sentences may refer back to them); ``skip`` otherwise — and a document with
no ``full`` sentence is skipped whole and marked ``done``, as no sentence of it can hold an event. Most news sentences
hold no political event: this finds them as cheaply as the scan itself.
"""

from __future__ import annotations

from typing import Final

from ghatna.lang.base import load_language
from ghatna.model import Doc

_FEATURES: Final = {k: f"scan:{k}" for k in "TAPD"}


def scan(doc: Doc) -> Doc:
    scan_kinds = load_language(doc.lang).lexicon.scan_kinds
    norm = doc.norm
    several = len(doc.sentences) > 1
    any_full = False
    for sent in doc.sentences:
        kinds = scan_kinds(norm[sent.start:sent.end])
        features = sent.features
        features.add("scanned")
        for k in kinds:
            features.add(_FEATURES[k])
        if "T" in kinds and ("A" in kinds or ("P" in kinds and several)):
            sent.level = "full"
            any_full = True
        elif several and ("A" in kinds or "P" in kinds or "D" in kinds):
            sent.level = "light"
        else:
            sent.level = "skip"
    if not any_full:
        for sent in doc.sentences:
            sent.level = "skip"  # nothing can refer back to a light sentence here
        doc.done = True  # and no later stage has anything to add
    return doc
