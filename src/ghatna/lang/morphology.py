"""What a language's morphology module provides to the generic stages.

The stages never look at suffixes themselves: they ask the pack's morphology for matching keys,
inflected forms of lexicon entries, clitic analyses of unknown words, verb forms, tokens and
sentence boundaries. Gujarati implements this in ``ghatna.lang.gu.morphology``.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable

import regex
from mypy_extensions import mypyc_attr

from ghatna.model import Token, VerbForm

#: a character that is not a letter (``str.isalpha``) nor in the Gujarati block: a word boundary
NOT_LETTER = re.compile(r"(?![\u0a81-\u0aff ])[\W\d_]")  # a space is left as it is
#: the dot of an abbreviation, between two letters (યુ.એસ., U.S.; between digits it does no harm, as
#: digits are not scanned); the dot comes first in the pattern, so that the search looks for it alone
ABBREVIATION_DOT = re.compile(r"\.(?<=[\w\u0a81-\u0aff]\.)(?=[\w\u0a81-\u0aff])")

#: a token within its space-free chunk: (start, end, text, key, kind)
Part = tuple[int, int, str, str, str]
#: the same with what the lexicons say of it: + (stems, verbs, marker kinds, opens) as ``Token`` has them
ReadPart = tuple[int, int, str, str, str, tuple[tuple[str, str | None, str], ...], tuple[VerbForm, ...],
                 frozenset[str], int]
#: those four for a number, a punctuation mark, or a word read without lexicons
NO_READINGS: tuple[tuple[()], tuple[()], frozenset[str], int] = ((), (), frozenset(), 0)


@mypyc_attr(allow_interpreted_subclasses=True)  # compiled (setup.py); a new pack's rules need not be
class Morphology(ABC):
    """Rules of one language, written against matching keys (see ``fold``). A subclass that has its own
    ``__init__`` calls this one."""

    def __init__(self) -> None:
        #: the tokens of each distinct chunk seen (``chunk_tokens``), up to ``CHUNK_CACHE`` of them
        self._chunks: dict[str, tuple[Part, ...]] = {}

    @abstractmethod
    def fold(self, s: str) -> str:
        """Matching key: orthographic variants (vowel length, nasal spelling …) folded."""

    def fold_text(self, s: str) -> str:
        """``fold`` for running text (not cached: texts rarely repeat)."""
        return self.fold(s)

    def scan_text(self, s: str) -> str:
        """A text as the lexicon scan reads it: folded, the dots of abbreviations gone (યુ.એસ. is the
        key યુએસ), every other non-letter a space, and a space before and after, so that every word
        stands between two spaces."""
        return " " + NOT_LETTER.sub(" ", ABBREVIATION_DOT.sub("", self.fold_text(s))) + " "

    @abstractmethod
    def name_forms(self, key: str) -> Iterable[tuple[str, str | None]]:
        """Forms of a proper name (key of its last word) with the case each form carries."""

    @abstractmethod
    def noun_forms(self, key: str) -> Iterable[tuple[str, str | None, str]]:
        """Forms of a common noun (key of its lemma) as (form, case, number)."""

    @abstractmethod
    def verb_forms(self, stem: str, perfective: str = "") -> Iterable[tuple[str, VerbForm]]:
        """Inflected forms of a verb stem (keys) with their analyses."""

    @abstractmethod
    def strip_clitic(self, key: str) -> list[tuple[str, str | None]]:
        """Possible (stem, case) analyses of a word by its bound clitic, longest clitic first."""

    @abstractmethod
    def split_sentences(self, text: str) -> list[tuple[int, int]]:
        """Sentence spans of a normalized text."""

    # a word: a letter and its letters and marks, in one script (ASCII or not: "UNમાં" is UN + માં)
    _TOKEN = regex.compile(r"([A-Za-z][A-Za-z\p{M}]*|[\p{L}--[A-Za-z]][\p{L}\p{M}--[A-Za-z]]*)"
                           r"|(\p{Nd}+(?:[.,:/]\p{Nd}+)*)|(\S)", regex.V1)

    #: distinct space-free chunks whose tokens are kept (bounded: about 10 MB when full, whatever the
    #: input; the commonest chunks of news are far fewer)
    CHUNK_CACHE = 20_000

    def tokenize(self, text: str, offset: int = 0) -> list[Token]:
        """Words (letters with their combining marks), numbers and punctuation marks, without readings
        (``Lexicon.tokens`` gives them with theirs)."""
        return self.build_tokens(text, offset, {}, lambda chunk: tuple((*part, *NO_READINGS)
                                                                       for part in self.chunk_tokens(chunk)))

    def build_tokens(self, text: str, offset: int, parts: dict[str, tuple[ReadPart, ...]],
                     read: Callable[[str], tuple[ReadPart, ...]]) -> list[Token]:
        """The tokens of a text from the parts of its space-free chunks: ``parts[chunk]``, or
        ``read(chunk)`` when it is not there (which may keep it there). No token spans a space, so a
        text's tokens are those of its chunks (``chunk_tokens``), in order, and the first of each is not
        glued to the one before."""
        tokens: list[Token] = []
        n = 0
        pos = 0
        for chunk in text.split():
            start = text.find(chunk, pos)
            pos = start + len(chunk)
            read_parts = parts.get(chunk)
            if read_parts is None:
                read_parts = read(chunk)
            base = offset + start
            glued = False
            for a, b, surface, key, kind, stems, verbs, marks, opens in read_parts:
                tokens.append(Token(n, surface, base + a, base + b, key, kind, glued, stems, verbs, marks, False,
                                    opens))
                n += 1
                glued = True
        return tokens

    def chunk_tokens(self, chunk: str) -> tuple[Part, ...]:
        """The tokens of one space-free chunk, dotted abbreviations joined (their dots are glued, so
        an abbreviation never spans chunks); each distinct chunk is tokenized once (news repeats its
        words)."""
        parts = self._chunks.get(chunk)
        return parts if parts is not None else self._chunk_tokens(chunk)

    def _chunk_tokens(self, chunk: str) -> tuple[Part, ...]:
        parts = []
        pos = 0
        for word, number, punct in self._TOKEN.findall(chunk):
            surface = word or number or punct
            end = pos + len(surface)  # the tokens of a chunk follow each other without a gap
            parts.append((pos, end, surface, self.fold(surface), "word" if word else "num" if number else "punct"))
            pos = end
        if self._abbreviation_hint is None or self._abbreviation_hint.search(chunk):
            tokens = [Token(n, p[2], p[0], p[1], p[3], p[4], n > 0) for n, p in enumerate(parts)]
            parts = [(t.start, t.end, t.text, t.key, t.kind) for t in self.merge_abbreviations(tokens)]
        if len(self._chunks) >= self.CHUNK_CACHE:
            self._chunks.clear()
        self._chunks[chunk] = result = tuple(parts)
        return result

    #: a text without a match of this pattern holds no abbreviation to merge (None: always try)
    _abbreviation_hint: re.Pattern[str] | None = None

    def merge_abbreviations(self, tokens: list[Token]) -> list[Token]:
        """Hook: join dotted abbreviations (યુ.એસ.) into one token."""
        return tokens
