"""Stage 3 — scan.

Reads ``Doc.sentences``. Sets ``Sentence.level`` from one multi-pattern scan (Aho-Corasick over the
folded sentence) for the words of the lexicons: ``full`` when the sentence holds both a word that can
express an action and one that can name an actor — only then can it hold an event, and only then do
the grammar stages run on it (a pronoun counts as an actor only in a document of several sentences,
where it can refer back); ``light`` when it names actors or dates but no action, in a document of
several sentences (later sentences may refer back to them); ``skip`` otherwise — and a document with
no ``full`` sentence is skipped whole, as no sentence of it can hold an event. Most news sentences
hold no political event: this finds them as cheaply as the scan itself.
"""

from __future__ import annotations

from ghatna.lang.base import load_language
from ghatna.model import Doc


def scan(doc: Doc) -> Doc:
    lex = load_language(doc.lang).lexicon
    several = len(doc.sentences) > 1
    for sent in doc.sentences:
        kinds = lex.scan_kinds(doc.norm[sent.start:sent.end])
        sent.features.update(["scanned", *(f"scan:{k}" for k in kinds)])
        if "T" in kinds and ("A" in kinds or ("P" in kinds and several)):
            sent.level = "full"
        elif several and kinds & {"A", "P", "D"}:
            sent.level = "light"
        else:
            sent.level = "skip"
    if not any(sent.level == "full" for sent in doc.sentences):
        for sent in doc.sentences:
            sent.level = "skip"  # nothing can refer back to a light sentence here
    return doc
