"""Gujarati (ગુજરાતી): the script, its character folds and digits, and the morphology rules.

The lexicons are the TSV files beside this module (docs/data-files.md).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cached_property
from typing import ClassVar

from ghatna.lang.base import LanguagePack
from ghatna.lang.gu.morphology import GujaratiMorphology

_VISARGA_COLON = re.compile("\u0a83(?=\\s|$)")


class Gujarati(LanguagePack):
    code = "gu"
    name = "Gujarati"
    script = ((0x0A80, 0x0AFF),)
    digits = "૦૧૨૩૪૫૬૭૮૯"
    home_country = "IND"  # Gujarati news is Indian news: "the government", "the police" are India's
    # spelling variants folded in the normalized text itself (one character to one, or removed):
    # candra o/e written ઑ/ૉ/ઍ/ૅ, and the nukta
    char_folds: ClassVar[dict[str, str]] = {"ઑ": "ઓ", "ૉ": "ો", "ઍ": "એ", "ૅ": "ે", "\u0abc": ""}

    def normalize(self, text: str) -> tuple[str, Sequence[int], Sequence[int]]:
        """The shared normalization, and the visarga written as a colon after a word ("નવી દિલ્હીઃ")."""
        norm, starts, ends = super().normalize(text)
        return (_VISARGA_COLON.sub(":", norm) if "\u0a83" in norm else norm), starts, ends

    @cached_property
    def morphology(self) -> GujaratiMorphology:
        abbreviations = [r["form"] for r in self.table("markers.tsv") if r["kind"] == "abbrev"]
        bound = [(r["form"], r["case"]) for r in self.table("clitics.tsv") if r["bound"] in ("yes", "both")]
        return GujaratiMorphology(bound, abbreviations)


PACK = Gujarati
