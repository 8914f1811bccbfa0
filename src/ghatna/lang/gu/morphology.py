"""Gujarati morphology: matching keys, noun and name inflection, verb paradigms, sentence rules.

Everything here works on *keys* (``fold``): long and short i/u, the candrabindu, a nasal consonant
before a consonant, and the virama are folded, so that lexicon entries and running text meet however a
newspaper spells them. Inflection follows the grammar (GUJARATI.md §1–3):

* names take the case clitics directly, the ergative as the vowel sign ે after a consonant
  (ભારત → ભારતે) and as એ after a vowel (રશિયા → રશિયાએ, મોદી → મોદીએ); persons also take the
  honorific જી before a clitic (મોદીજીએ);
* common nouns have an oblique/plural stem: -ો → -ા (હુમલો → હુમલા, હુમલાની), -ું → -ા/-ાં
  (પગલું → પગલાં); a consonant-final noun takes the plural -ો (પ્રતિબંધો), a vowel-final one -ઓ
  (ધમકીઓ); clitics attach to the oblique and plural stems;
* verbs are generated from their stem: perfective -્યો/-્યું/-્યા/-ી (irregular stems from the
  lexicon: લે → લીધ, જા → ગય), present -ે, future -શે, imperfective -ત-, infinitive -વું/-વા,
  verbal nouns -વાનું/-વાની/-વાનો/-વાના, the passive base -વામાં, converb -ી/-ઈ/-ીને, participles
  -એલ- and -નાર-.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from ghatna.lang.morphology import Morphology
from ghatna.model import Token, VerbForm
from ghatna.native import NATIVE, scan_table

VIRAMA = "\u0acd"
ANUSVARA = "\u0a82"
CONSONANTS = {chr(c) for c in range(0x0A95, 0x0ABA)}
NASALS = set("ઙઞણનમ")
VOWEL_SIGNS = {chr(c) for c in range(0x0ABE, 0x0ACD)}
INDEPENDENT_VOWELS = {chr(c) for c in range(0x0A85, 0x0A95)}

_FOLD = str.maketrans({"ઈ": "ઇ", "ઊ": "ઉ", "ી": "િ", "ૂ": "ુ", "ઁ": "ં", "ઑ": "ઓ", "ૉ": "ો",
                       "ઍ": "એ", "ૅ": "ે", "\u0abc": None})
_NASAL_CLUSTER = re.compile(f"[{''.join(NASALS)}]{VIRAMA}(?=[{''.join(sorted(CONSONANTS))}])")


_FOLD_PAIRS = tuple((chr(k), v or "") for k, v in _FOLD.items())


def _fold_any(s: str) -> str:
    # a chain of str.replace: many times faster than str.translate with a table on non-ASCII text
    for a, b in _FOLD_PAIRS:
        if a in s:
            s = s.replace(a, b)
    if VIRAMA in s:
        # the virama goes last: news writes the same cluster with and without it (સુષ્મા/સુષમા, ઓક્ટોબર/ઓકટોબર)
        s = _NASAL_CLUSTER.sub(ANUSVARA, s).replace(VIRAMA, "")
    return s if s.isascii() and s.islower() else s.casefold()


_fold = lru_cache(maxsize=1 << 16)(_fold_any)  # about 10 MB when full

#: ``scan_text`` in C (ghatna._native) reads the same folds, made into its table
_SCAN_TABLE = scan_table(0x0A80, dict(_FOLD_PAIRS), VIRAMA, ANUSVARA, NASALS, CONSONANTS)


def ends_in_consonant(s: str) -> bool:
    """True when the last letter is a consonant with its inherent vowel (ભારત, પુતિન)."""
    return bool(s) and s[-1] in CONSONANTS


def vowel_final_stem(stem: str) -> bool:
    """Verb stems ending in a vowel; a one-letter stem (થ, જ) counts as vowel-final (tha, ja)."""
    return not ends_in_consonant(stem) or len(stem) == 1


HONORIFIC = "જી"

# verb endings by paradigm slot (keys are folded at class creation)
PERF_ENDINGS = ("ો", "ું", "ા", "ાં")
ADJ_ENDINGS = ("", "ું", "ો", "ા", "ી", "ાં")
VN_CASES = (("ાનું", "GEN"), ("ાની", "GEN"), ("ાનો", "GEN"), ("ાના", "GEN"), ("ાનાં", "GEN"),
            ("ાને", "DAT"), ("ાથી", "થી"))


class GujaratiMorphology(Morphology):
    """The rules of Gujarati inflection used for matching (see the module docstring)."""

    def __init__(self, bound_clitics: Iterable[tuple[str, str]] = (), abbreviations: Iterable[str] = ()) -> None:
        """``bound_clitics``: (form, case) pairs of clitics that attach to a word (clitics.tsv);
        the ergative -એ is not among them: ``attach`` applies it by the vowel rule."""
        super().__init__()
        self.bound = tuple(sorted({(_fold(f), c) for f, c in bound_clitics if _fold(f) != "એ"},
                                  key=lambda x: (-len(x[0]), x[0])))
        self.abbreviations = {_fold(a) for a in abbreviations}

    # -- keys -------------------------------------------------------------------------------
    def fold(self, s: str) -> str:
        return _fold(s)

    def fold_text(self, s: str) -> str:
        return _fold_any(s)

    def scan_text(self, s: str) -> str:
        """As ``Morphology.scan_text`` says, in one pass of C over the characters when the C front is
        built and the text holds only ASCII, Gujarati and common punctuation (``ghatna.native``)."""
        if NATIVE is not None:
            spaced: str | None = NATIVE.scan_text(s, _SCAN_TABLE)
            if spaced is not None:
                return spaced
        return super().scan_text(s)

    # -- nouns and names --------------------------------------------------------------------
    def attach(self, base: str, clitic: str) -> str:
        """Attach a bound clitic (folded) to a base (folded); the ergative -એ by the vowel rule."""
        if clitic == "એ":
            return base + ("ે" if ends_in_consonant(base) else "એ")
        return base + clitic

    def _with_clitics(self, base: str) -> Iterable[tuple[str, str | None]]:
        yield base, None
        yield self.attach(base, "એ"), "ERG"
        for form, case in self.bound:
            yield base + form, case

    def name_forms(self, key: str) -> Iterable[tuple[str, str | None]]:
        yield from self._with_clitics(key)

    def person_forms(self, key: str) -> Iterable[tuple[str, str | None]]:
        yield from self._with_clitics(key)
        yield from self._with_clitics(key + _fold(HONORIFIC))

    def noun_forms(self, key: str) -> Iterable[tuple[str, str | None, str]]:
        """Direct, oblique and plural stems with every bound clitic (keys)."""
        for form, case, number in self._noun_forms(key):
            yield _fold(form), case, number

    def _noun_forms(self, key: str) -> Iterable[tuple[str, str | None, str]]:
        stems: list[tuple[str, str, bool]] = []  # (stem, number, takes clitics)
        if key.endswith("ો") and len(key) > 1:
            obl = key[:-1] + "ા"
            stems += [(key, "sg", False), (obl, "sg", True), (obl, "pl", True), (obl + "ઓ", "pl", True)]
            yield key[:-1] + "ે", "ERG", "sg"  # મોરચે, હુમલે (locative/ergative of -ો nouns)
        elif key.endswith("ું") and len(key) > 2:
            obl = key[:-2] + "ા"
            stems += [(key, "sg", False), (obl, "sg", True), (obl + "ં", "pl", True), (obl + "ઓ", "pl", True)]
            yield key[:-2] + "ે", "ERG", "sg"
        elif ends_in_consonant(key):
            stems += [(key, "sg", True), (key + "ો", "pl", True)]
        else:
            stems += [(key, "sg", True), (key + "ઓ", "pl", True)]
        for stem, number, clitics in stems:
            if clitics:
                for form, case in self._with_clitics(stem):
                    yield form, case, number
            else:
                yield stem, None, number

    def strip_clitic(self, key: str) -> list[tuple[str, str | None]]:
        out: list[tuple[str, str | None]] = [(key, None)]
        for form, case in self.bound:
            if key.endswith(form) and len(key) > len(form) + 1:
                out.append((key[: -len(form)], case))
        if (key.endswith("એ") and len(key) > 2) or (key.endswith("ે") and len(key) > 2 and key[-2] in CONSONANTS):
            out.append((key[:-1], "ERG"))
        # honorific -જી before a clitic or alone (મોદીજીએ, મોદીજી)
        for stem, bound in list(out):
            if stem.endswith(_fold(HONORIFIC)) and len(stem) > 3:
                out.append((stem[:-2], bound))
        return out

    # -- verbs ------------------------------------------------------------------------------
    def verb_forms(self, stem: str, perfective: str = "") -> Iterable[tuple[str, VerbForm]]:
        """Every form of the paradigm (keys) with its analysis."""
        for form, analysis in self._verb_forms(stem, perfective):
            yield _fold(form), analysis  # joining stem and ending can make a foldable cluster

    def _verb_forms(self, stem: str, perfective: str = "") -> Iterable[tuple[str, VerbForm]]:
        s = stem
        vfinal = vowel_final_stem(s)
        one = len(s) == 1
        perf = perfective or (s + "ય" if vfinal else s + VIRAMA + "ય")

        def vf(form: str, case: str | None = None) -> VerbForm:
            return VerbForm(stem, form, case)

        # perfective; feminine: કરી (consonant stem), થઈ (vowel stem), ગઈ/લીધી (irregular)
        for e in PERF_ENDINGS:
            yield perf + e, vf("perf")
        if not perfective and not vfinal:
            fem = s + "િ"
        elif perf.endswith("ય"):
            fem = perf[:-1] + "ઇ"
        else:
            fem = perf + "િ"
        yield fem, vf("perf")
        # morphological passive -આ-: કરાયું, કરાઈ, અપાયો (initial આ shortens), લેવાયું
        pas = [s + "વા"] if vfinal else [s + "ા"] + (["અ" + s[1:] + "ા"] if s.startswith("આ") else [])
        for p in pas:
            for e in PERF_ENDINGS:
                yield p + "ય" + e, vf("passive")
            yield p + "ઇ", vf("passive")
            yield p + "શે", vf("passive_fut")
            yield p + "ય", vf("passive_pres")
        # perfect participle -એલ-
        ptcp_base = s + "ે" + "લ" if not vfinal and not perfective else perf + "ે" + "લ"
        for e in ADJ_ENDINGS:
            yield ptcp_base + e, vf("ptcp")
        # present / subjunctive
        if vfinal:
            pres = [s + "ાય", s + "ય"] if one else [s, s + "ય"]
            pres += [s + "ઇએ", s + "ઓ"] if not one else [s + "ઇએ", s + "ાઓ"]
        else:
            pres = [s + "ે", s + "ું", s + "ો", s + "િએ"]
        for p in pres:
            yield p, vf("pres")
        # future
        fut_base = s
        for e in ("શે", "શું", "શો", "િશ", "િશું"):
            yield fut_base + e, vf("fut")
        # imperfective participle -ત-
        for e in ADJ_ENDINGS[1:]:
            yield s + "ત" + e, vf("imp")
        # infinitive and verbal nouns
        inf = s + "વ"
        yield inf + "ું", vf("inf")
        yield inf + "ા", vf("inf")
        for e, case in VN_CASES:
            yield inf + _fold(e), vf("vn", case)
        yield inf + "ામાં", vf("vn_loc", "માં")
        # converb
        conv = (s[:-1] + "ઇ" if s.endswith("ે") else s + "ઇ") if vfinal else s + "િ"
        yield conv, vf("conv")
        yield conv + "ને", vf("conv")
        # agentive participle -નાર-
        for e in ADJ_ENDINGS:
            yield s + "નાર" + e, vf("agent")

    # -- sentences --------------------------------------------------------------------------
    _TERMINALS = "?!।॥"
    _CLOSERS = "\"')]}"

    def _piece_before(self, text: str, i: int) -> str:
        j = i
        while j > 0 and (text[j - 1].isalpha() or "\u0a81" <= text[j - 1] <= "\u0aff"):
            j -= 1
        return text[j:i]

    def _piece_after(self, text: str, i: int) -> tuple[str, int]:
        j = i + 1
        while j < len(text) and (text[j].isalpha() or "\u0a81" <= text[j] <= "\u0aff"):
            j += 1
        return text[i + 1:j], j

    @staticmethod
    def _short(piece: str) -> bool:
        return 0 < len(piece) <= 3 and (piece[0].isalpha() and not ("\u0abe" <= piece[0] <= "\u0acd"))

    def _abbreviation_dot(self, text: str, i: int) -> bool:
        before = self._piece_before(text, i)
        if not before:
            return False
        start = i - len(before)
        if _fold(before) in self.abbreviations and (start == 0 or not text[start - 1].isalpha()):
            return True
        if not self._short(before):
            return False
        after, j = self._piece_after(text, i)
        if self._short(after) and j < len(text) and text[j] == ".":
            return True  # first dots of a chain: યુ.એસ.
        # last dot of a chain: the piece before is itself preceded by an abbreviation dot
        return start >= 2 and text[start - 1] == "." and self._short(self._piece_before(text, start - 1))

    #: the characters that may end a sentence
    _ENDERS = "\n.?!।॥"
    _TAIL = re.compile(r"[.?!।॥\"')\]}]*")
    _LINE_END = re.compile(r"[ \t]*(?:\n|$)")

    def split_sentences(self, text: str) -> list[tuple[int, int]]:
        spans: list[tuple[int, int]] = []
        n = len(text)
        start = 0
        pos = 0
        # the next place of each sentence-ending character the text holds (str.find runs many times
        # faster than a regular expression's character class, which tests the class at every character)
        enders: list[str] = []
        nexts: list[int] = []
        for c in self._ENDERS:
            at = text.find(c)
            if at >= 0:
                enders.append(c)
                nexts.append(at)
        while True:
            i = -1
            for k in range(len(enders)):
                at = nexts[k]
                if 0 <= at < pos:
                    at = nexts[k] = text.find(enders[k], pos)
                if at >= 0 and (i < 0 or at < i):
                    i = at
            if i < 0:
                break
            if text[i] == "\n":
                cut = i
            else:
                if text[i] == "." and not self._LINE_END.match(text, i + 1) and (
                    (0 < i < n - 1 and text[i - 1].isdigit() and text[i + 1].isdigit())
                    or self._abbreviation_dot(text, i)
                ):
                    pos = i + 1  # an abbreviation's last dot ends a sentence only at a line end
                    continue
                cut = self._TAIL.match(text, i + 1).end()  # type: ignore[union-attr]
            self._add_span(text, start, cut, spans)
            start = cut
            pos = max(cut, i + 1)
        self._add_span(text, start, n, spans)
        return spans

    @staticmethod
    def _add_span(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))

    # -- tokens -----------------------------------------------------------------------------
    _abbreviation_hint: re.Pattern[str] | None = re.compile("[\u0a80-\u0affA-Za-z]\\.[\u0a80-\u0affA-Za-z]")

    def merge_abbreviations(self, tokens: list[Token]) -> list[Token]:
        """Join dotted abbreviations (યુ.એસ., યુ.એન.) into one token whose key drops the dots."""
        out: list[Token] = []
        i = 0
        while i < len(tokens):
            t = tokens[i]
            j = i
            if t.kind == "word" and self._short(t.text):
                while (j + 2 < len(tokens) + 1 and j + 1 < len(tokens) and tokens[j + 1].text == "."
                       and tokens[j + 1].glued and j + 2 < len(tokens) and tokens[j + 2].glued
                       and tokens[j + 2].kind == "word" and self._short(tokens[j + 2].text)):
                    j += 2
                if j > i and j + 1 < len(tokens) and tokens[j + 1].text == "." and tokens[j + 1].glued:
                    j += 1  # the final dot
            if j > i:
                parts = tokens[i:j + 1]
                text = "".join(p.text for p in parts)
                key = "".join(p.key for p in parts if p.text != ".")
                out.append(Token(len(out), text, parts[0].start, parts[-1].end, key, "word", t.glued))
                i = j + 1
            else:
                t.i = len(out)
                out.append(t)
                i += 1
        return out
