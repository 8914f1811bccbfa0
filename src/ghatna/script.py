"""Which writing system a text is in, from the Unicode names of its letters."""

from __future__ import annotations

import unicodedata
from collections import Counter


def dominant_script(text: str, sample: int = 4000) -> str | None:
    """The script most letters of ``text`` belong to (``GUJARATI``, ``LATIN`` …), or None."""
    counts: Counter[str] = Counter()
    for ch in text[:sample]:
        if ch.isalpha():
            name = unicodedata.name(ch, "")
            if name:
                counts[name.split(" ")[0]] += 1
    return counts.most_common(1)[0][0] if counts else None
