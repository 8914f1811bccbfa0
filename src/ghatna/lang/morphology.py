"""What a language's morphology module provides to the generic stages.

The stages never look at suffixes themselves: they ask the pack's morphology for matching keys,
inflected forms of lexicon entries, clitic analyses of unknown words, verb forms, tokens and
sentence boundaries. Gujarati implements this in ``ghatna.lang.gu.morphology``.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Iterable

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

    def tokenize(self, text: str, offset: int = 0) -> list[Token]:
        """Words (letters with their combining marks), numbers and punctuation marks."""
        tokens: list[Token] = []
        append = tokens.append
        fold = self.fold
        find = text.find
        pos = 0
        # every character but a space is in exactly one token, in order: a token starts at the first
        # occurrence of its text from the end of the one before, and is glued to it when it starts there
        for n, (word, number, punct) in enumerate(self._TOKEN.findall(text)):
            surface = word or number or punct
            i = find(surface, pos)
            end = i + len(surface)
            kind = "word" if word else "num" if number else "punct"
            append(Token(n, surface, offset + i, offset + end, fold(surface), kind, i == pos and i > 0))
            pos = end
        if self._abbreviation_hint is not None and not self._abbreviation_hint.search(text):
            return tokens
        return self.merge_abbreviations(tokens)

    #: a text without a match of this pattern holds no abbreviation to merge (None: always try)
    _abbreviation_hint: re.Pattern[str] | None = None

    def merge_abbreviations(self, tokens: list[Token]) -> list[Token]:
        """Hook: join dotted abbreviations (યુ.એસ.) into one token."""
        return tokens
