"""Stage 4 — analyze.

Reads ``Doc.sentences`` (those the scan did not skip). Adds ``Sentence.tokens``: words, numbers and
punctuation with their matching key, their clitic and noun-form readings (``Token.stems``: stem,
case, number) and their verb readings (``Token.verbs``: stem and form), all from the pack's morphology
rules and lexicons, and their marker kinds (``Token.marks``): a multiword marker ("જો કે" however,
"અહેવાલ મુજબ") gives its kinds to its words in place of their own ("જો" alone is "if").
"""

from __future__ import annotations

from ghatna.lang.base import load_language
from ghatna.lexicon import Lexicon
from ghatna.model import Doc, Token


def analyze(doc: Doc) -> Doc:
    lex = load_language(doc.lang).lexicon
    for sent in doc.sentences:
        if sent.level == "skip":
            continue
        sent.tokens = lex.tokens(doc.norm[sent.start:sent.end], sent.start)
        _mark_phrases(lex, sent.tokens)
    return doc


def _mark_phrases(lex: Lexicon, toks: list[Token]) -> None:
    first = lex.marker_phrases.root.children
    k = 0
    while k < len(toks):
        node = first.get(toks[k].key)
        if node is None or not node.children:
            k += 1  # no phrase of two words or more starts here
            continue
        phrases = [m for m in lex.marker_phrases.match(toks, k, [], inflect=False) if m.end_tok - k > 1]
        if not phrases:
            k += 1
            continue
        best = max(phrases, key=lambda m: m.end_tok)
        kinds = frozenset(r.kind for r in best.refs)
        for j in range(k, best.end_tok):
            toks[j].marks = kinds
        toks[k].mark_start = True
        k = best.end_tok
