"""The C front (``ghatna._native``, built by setup.py when a C compiler is present) and the tables it
reads, built from a pack's own rules: the character folds of normalization, and the folds and letters
of the lexicon scan. Each C function gives what the Python it stands for gives (tests compare them), or
``None`` when the text is one it leaves to Python. ``NATIVE`` is None without the C module, or with
``GHATNA_NATIVE=0`` in the environment: then the Python paths run alone."""

from __future__ import annotations

import os
import struct
from collections.abc import Iterable, Mapping
from types import ModuleType

NATIVE: ModuleType | None
try:
    from ghatna import _native as NATIVE  # type: ignore[attr-defined,no-redef]
except ImportError:  # pure-Python install
    NATIVE = None
if os.environ.get("GHATNA_NATIVE", "").strip() in ("0", "no", "false"):
    NATIVE = None

_REMOVED = 0xFFFFFFFF
_MAP_BITS = 8192  # a bitmap of the 65,536 characters of the BMP


def char_table(images: Mapping[int, str]) -> bytes:
    """The table of ``map_chars``: each character's image (one character, or "" when it is removed)."""
    bits = bytearray(_MAP_BITS)
    pairs = []
    for code, image in sorted(images.items()):
        if len(image) > 1:
            raise ValueError(f"U+{code:04X} maps to {len(image)} characters; at most one")
        if code < 0x10000:
            bits[code >> 3] |= 1 << (code & 7)
        pairs.append(struct.pack("=II", code, ord(image) if image else _REMOVED))
    return bytes(bits) + b"".join(pairs)


def scan_table(block: int, folds: Mapping[str, str], virama: str, anusvara: str, nasals: Iterable[str],
               consonants: Iterable[str]) -> bytes:
    """The table of ``scan_text`` for a script whose letters are the 128 characters from ``block``: the
    folds of its characters (one or none), the virama and anusvara, the nasal consonants that become the
    anusvara before a consonant, and the consonants."""
    if not 0x80 <= block <= 0x10000 - 128:
        raise ValueError(f"the block must lie between ASCII and the end of the BMP, not at U+{block:04X}")
    images = []
    for code in range(block, block + 128):
        image = folds.get(chr(code), chr(code))
        if len(image) > 1 or (image and not block <= ord(image) < block + 128):
            raise ValueError(f"the fold of U+{code:04X} must be one character of the block, or none")
        images.append(ord(image) if image else _REMOVED)
    flags = bytearray(128)
    for ch in nasals:
        flags[ord(ch) - block] |= 1
    for ch in consonants:
        flags[ord(ch) - block] |= 2
    return struct.pack("=3I128I", block, ord(virama), ord(anusvara), *images) + bytes(flags)
