"""What a language's morphology module provides to the generic stages.

The stages never look at suffixes themselves: they ask the pack's morphology for matching keys,
inflected forms of lexicon entries, clitic analyses of unknown words, verb forms, tokens and
sentence boundaries. Gujarati implements this in ``ghatna.lang.gu.morphology``.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Iterable
from functools import cached_property

import regex

from ghatna.model import Token, VerbForm


class Morphology(ABC):
    """Rules of one language, written against matching keys (see ``fold``)."""

    @abstractmethod
    def fold(self, s: str) -> str:
        """Matching key: orthographic variants (vowel length, nasal spelling …) folded."""

    def fold_text(self, s: str) -> str:
        """``fold`` for running text (not cached: texts rarely repeat)."""
        return self.fold(s)

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

    #: distinct space-free chunks whose tokens are kept (bounded: memory stays flat on any input)
    CHUNK_CACHE = 200_000

    def tokenize(self, text: str, offset: int = 0) -> list[Token]:
        """Words (letters with their combining marks), numbers and punctuation marks."""
        tokens: list[Token] = []
        append = tokens.append
        chunks = self._chunks
        find = text.find
        n = pos = 0
        # no token spans a space: a text's tokens are those of its space-free chunks, each
        # tokenized once (news repeats its words) and the first of each not glued to the one before
        for chunk in text.split():
            start = find(chunk, pos)
            pos = start + len(chunk)
            parts = chunks.get(chunk)
            if parts is None:
                parts = self._chunk_tokens(chunk)
            base = offset + start
            glued = False
            for a, b, surface, key, kind in parts:
                append(Token(n, surface, base + a, base + b, key, kind, glued))
                n += 1
                glued = True
        if self._abbreviation_hint is not None and not self._abbreviation_hint.search(text):
            return tokens
        return self.merge_abbreviations(tokens)

    @cached_property
    def _chunks(self) -> dict[str, tuple[tuple[int, int, str, str, str], ...]]:
        return {}

    def _chunk_tokens(self, chunk: str) -> tuple[tuple[int, int, str, str, str], ...]:
        """(start, end, text, key, kind) of the tokens of one space-free chunk, remembered."""
        parts = []
        pos = 0
        for word, number, punct in self._TOKEN.findall(chunk):
            surface = word or number or punct
            end = pos + len(surface)  # the tokens of a chunk follow each other without a gap
            parts.append((pos, end, surface, self.fold(surface), "word" if word else "num" if number else "punct"))
            pos = end
        if len(self._chunks) >= self.CHUNK_CACHE:
            self._chunks.clear()
        self._chunks[chunk] = result = tuple(parts)
        return result

    #: a text without a match of this pattern holds no abbreviation to merge (None: always try)
    _abbreviation_hint: re.Pattern[str] | None = None

    def merge_abbreviations(self, tokens: list[Token]) -> list[Token]:
        """Hook: join dotted abbreviations (યુ.એસ.) into one token."""
        return tokens
