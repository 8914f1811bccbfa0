"""Stage 1 — normalize.

Reads ``Doc.text`` and ``Doc.lang``. Adds ``Doc.norm`` (NFC, the script's digits as ASCII, spelling
variants folded, zero-width characters removed, typographic quotes and dashes made plain) and the
offset map ``Doc.starts``/``Doc.ends`` from every normalized character back to the input.
"""

from __future__ import annotations

from ghatna.lang.base import load_language
from ghatna.model import Doc


def normalize(doc: Doc) -> Doc:
    pack = load_language(doc.lang)
    doc.norm, doc.starts, doc.ends = pack.normalize(doc.text)
    return doc
