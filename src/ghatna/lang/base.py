"""The language-pack contract, its data-file schemas, and the loader that discovers packs.

A pack is a folder ``ghatna/lang/<code>/`` with a small ``__init__.py`` that defines ``PACK``, a
``LanguagePack`` subclass naming the script, the character folds and the morphology, and TSV data
files (docs/data-files.md). Packs are discovered from the folders and imported on first use.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

import regex

from ghatna.errors import LanguageError
from ghatna.native import NATIVE, char_table
from ghatna.tsv import read_tsv

if TYPE_CHECKING:
    from ghatna.lang.morphology import Morphology
    from ghatna.lexicon import Lexicon

LANG_DIR = Path(__file__).parent

#: columns of every data file a pack may hold
PACK_SCHEMAS: dict[str, tuple[str, ...]] = {
    "countries.cldr.tsv": ("form", "key", "source"),
    "actors.tsv": ("form", "key", "kind"),
    "people.tsv": ("form", "person", "standalone"),
    "roles.tsv": ("form", "role", "office"),
    "places.tsv": ("form", "name_en", "country"),
    "predicates.tsv": ("noun", "verb", "cameo", "source", "target", "embed", "content", "gloss"),
    "verbs.tsv": ("stem", "perfective", "gloss", "tags"),
    "clitics.tsv": ("form", "case", "bound"),
    "markers.tsv": ("form", "kind"),
    "pronouns.tsv": ("form", "case", "kind"),
    "dates.tsv": ("form", "unit", "offset", "precision"),
    "months.tsv": ("form", "month"),
    "numbers.tsv": ("form", "value"),
}

#: the share of a text's letters that must be in the pack's script for it to be coded
MIN_SCRIPT_SHARE = 0.5

_LETTERS = regex.compile(r"[\p{L}\p{M}]")
#: characters removed by normalization everywhere (zero-width and format characters)
ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), "")
#: typographic punctuation mapped to ASCII (one character to one character)
PUNCT_FOLDS = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"',
    "\u2032": "'", "\u2033": '"', "\u00a0": " ", "\u2009": " ", "\u202f": " ",
    "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u2026": ".",
    # the information separators, which Python's str.split counts as white space, are spaces
    "\x1c": " ", "\x1d": " ", "\x1e": " ", "\x1f": " ",
}


class UnknownLanguage(LanguageError):
    """No language pack for the requested code."""


class LanguagePack:
    """Everything language-specific: script, folds, morphology and lexicons.

    Subclasses set the class attributes and ``morphology_class``; lexicons are compiled lazily from
    the pack's data files on first use.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    #: Unicode ranges of the pack's script, used for language detection
    script: ClassVar[tuple[tuple[int, int], ...]]
    #: character replacements applied by normalization (same length: one char to one char or "")
    char_folds: ClassVar[dict[str, str]] = {}
    #: the digits of the script, 0–9, mapped to ASCII by normalization
    digits: ClassVar[str] = ""
    #: the country whose news the language mostly carries: a bare role noun ("સરકારે", "પોલીસે") in
    #: a text that names no country is this country's (alpha-3, or None)
    home_country: ClassVar[str | None] = None

    def __init__(self) -> None:
        self.data_dir = LANG_DIR / self.code
        table: dict[int, str] = {}
        table.update(ZERO_WIDTH)
        table.update({ord(k): v for k, v in PUNCT_FOLDS.items()})
        table.update({ord(d): str(n) for n, d in enumerate(self.digits)})
        table.update({ord(k): v for k, v in self.char_folds.items()})
        self._char_table = table
        self._char_map = {chr(k): v for k, v in table.items()}
        # str.translate with a table is slow on non-ASCII text; a regex finds the few characters to fold
        self._to_fold = re.compile(f"[{re.escape(''.join(self._char_map))}]")
        self._script_chars = re.compile("[" + "".join(f"{re.escape(chr(lo))}-{re.escape(chr(hi))}"
                                                      for lo, hi in self.script) + "]+")
        deleted = "".join(chr(k) for k, v in table.items() if v == "")
        self._deletes = re.compile(f"[{re.escape(deleted)}]") if deleted else None
        self._native_table = char_table(table) if NATIVE is not None else None

    # -- data ---------------------------------------------------------------------------------
    def table(self, name: str) -> list[dict[str, str]]:
        """Rows of one of the pack's data files (empty if the pack does not have it)."""
        path = self.data_dir / name
        if not path.exists():
            return []
        return read_tsv(path, PACK_SCHEMAS.get(name))

    def data_files(self) -> list[Path]:
        return sorted(self.data_dir.glob("*.tsv"))

    @cached_property
    def morphology(self) -> Morphology:
        raise NotImplementedError

    @cached_property
    def lexicon(self) -> Lexicon:
        """The compiled lexicons (from the disk cache when the data files have not changed)."""
        from ghatna.lexicon import load_lexicon

        return load_lexicon(self)

    # -- text ---------------------------------------------------------------------------------
    def normalize(self, text: str) -> tuple[str, Sequence[int], Sequence[int]]:
        """NFC and the pack's folds, with each output character's span in the input.

        Works cluster by cluster (a base character and its combining marks), so NFC reordering and
        composition never break the offset map.
        """
        table = self._char_table
        n = len(text)
        if unicodedata.is_normalized("NFC", text):
            # when every character maps to exactly one, the offsets are the identity
            if NATIVE is not None:
                mapped: str | None = NATIVE.map_chars(text, self._native_table)  # None: one is removed
                if mapped is not None:
                    return mapped, range(n), range(1, n + 1)
            elif self._deletes is None or not self._deletes.search(text):
                char_map = self._char_map
                return self._to_fold.sub(lambda m: char_map[m.group()], text), range(n), range(1, n + 1)
        out: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        i = 0
        while i < n:
            j = i + 1
            while j < n and unicodedata.combining(text[j]):
                j += 1
            chunk = unicodedata.normalize("NFC", text[i:j]).translate(table)
            for ch in chunk:
                out.append(ch)
                starts.append(i)
                ends.append(j)
            i = j
        return "".join(out), starts, ends

    def script_share(self, text: str, sample: int = 600) -> float:
        """Share of the letters of ``text`` (of its first ``sample`` characters) in the pack's script."""
        inside, rest = self._in_script(text[:sample])
        outside = len(_LETTERS.findall(rest))
        return inside / (inside + outside) if inside + outside else 0.0

    def reads_script(self, text: str, minimum: float, sample: int = 600) -> bool:
        """``script_share(text) >= minimum``, mostly without counting the letters outside the script: a
        share of all the characters is a lower bound of the share of the letters."""
        if NATIVE is not None:  # the characters in the script counted in C, with no copy of the text
            inside = 0
            for lo, hi in self.script:
                inside += NATIVE.count_range(text, lo, hi, sample)
            if inside and inside >= minimum * min(len(text), sample):
                return True
        head = text[:sample]
        inside, rest = self._in_script(head)
        if inside and inside >= minimum * len(head):
            return True
        outside = len(_LETTERS.findall(rest))
        return (inside / (inside + outside) if inside + outside else 0.0) >= minimum

    def _in_script(self, head: str) -> tuple[int, str]:
        """How many characters of ``head`` are in the pack's script, and ``head`` without them."""
        rest = self._script_chars.sub("", head)
        return len(head) - len(rest), rest

    def fold(self, s: str) -> str:
        """The matching key of a string (orthographic variants folded)."""
        return self.morphology.fold(s)


def available_languages() -> list[str]:
    """Codes of the packs present as folders of ``ghatna.lang``."""
    return sorted(m.name for m in pkgutil.iter_modules([str(LANG_DIR)]) if m.ispkg)


@cache
def load_language(code: str) -> LanguagePack:
    """The pack for ``code`` (imported on first use, then cached)."""
    if not re.fullmatch(r"[a-z]{2,3}", code or "") or code not in available_languages():
        raise UnknownLanguage(f"no language pack for {code!r} (available: {', '.join(available_languages())})")
    module = importlib.import_module(f"ghatna.lang.{code}")
    pack: LanguagePack = module.PACK()
    return pack


def iter_pack_tables(pack: LanguagePack) -> Iterable[tuple[str, list[dict[str, str]]]]:
    for path in pack.data_files():
        yield path.name, pack.table(path.name)
