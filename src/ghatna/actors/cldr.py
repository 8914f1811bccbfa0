"""Country names derived from CLDR (through babel) and pycountry.

``build_country_rows`` gives the language-independent table (``actors/countries.tsv``: alpha-3,
alpha-2, English name); ``build_name_rows`` the surface forms of one language (its pack's
``countries.cldr.tsv``): the CLDR territory name, and pycountry's translation of the short ISO name
where it differs, kept only when the most similar CLDR name is that of the same country
(pycountry's translations are community-made and sometimes name the wrong country).
``scripts/build_countries.py`` writes both; a drift test regenerates them and compares.
"""

from __future__ import annotations

import difflib
import gettext
import re
import unicodedata

import pycountry
from babel import Locale

# ISO codes that are not in pycountry's list of current countries but are used in news
EXTRA = {"XK": ("XKX", "Kosovo")}


def _countries() -> list[tuple[str, str]]:
    pairs = [(c.alpha_2, c.alpha_3) for c in pycountry.countries]
    pairs += [(a2, a3) for a2, (a3, _) in EXTRA.items()]
    return sorted(pairs)


def build_country_rows() -> list[tuple[str, str, str]]:
    """(iso3, iso2, English name) for every ISO 3166-1 country, English names from CLDR."""
    en = Locale("en").territories
    rows = []
    for a2, a3 in _countries():
        country = pycountry.countries.get(alpha_2=a2)
        name = en.get(a2) or EXTRA.get(a2, ("", ""))[1] or (country.name if country else a3)
        rows.append((a3, a2, name))
    return rows


def _clean(name: str) -> str:
    return unicodedata.normalize("NFC", re.sub(r"\s+", " ", name)).strip()


def _nearest_country(name: str, cldr_names: dict[str, str]) -> str:
    """The country whose (folded) CLDR name is most similar to ``name``."""
    if name in cldr_names:
        return cldr_names[name]
    best = max(cldr_names, key=lambda other: difflib.SequenceMatcher(None, name, other).ratio())
    return cldr_names[best]


def build_name_rows(lang: str) -> list[tuple[str, str, str]]:
    """(form, iso3, source) for every country's name in ``lang`` (CLDR, then pycountry)."""
    from ghatna.lang.base import load_language

    fold = load_language(lang).fold
    territories = Locale(lang).territories
    rows: dict[str, tuple[str, str, str]] = {}
    cldr_names: dict[str, str] = {}  # folded CLDR name -> alpha-3
    for a2, a3 in _countries():
        name = territories.get(a2)
        if name:
            form = _clean(name)
            cldr_names[fold(form)] = a3
            rows.setdefault(form, (form, a3, "cldr"))
    try:
        tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
    except OSError:
        return sorted(rows.values())
    for country in pycountry.countries:
        for attr in ("name", "common_name"):
            english = getattr(country, attr, None)
            if not english:
                continue
            local = _clean(tr.gettext(english))
            if local == english or "," in local or "(" in local or not local:
                continue  # untranslated or an inverted/qualified catalogue name
            if _nearest_country(fold(local), cldr_names) != country.alpha_3:
                continue  # nearer to another country's CLDR name: a bad translation
            rows.setdefault(local, (local, country.alpha_3, "pycountry"))
    return sorted(rows.values())
