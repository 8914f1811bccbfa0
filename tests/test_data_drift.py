"""Data derived from CLDR (babel) and pycountry is regenerated and compared: if a library update
changes it, this fails until `make data` is run and the change is reviewed."""

from __future__ import annotations

import pytest

from ghatna.actors import HERE as ACTORS_DIR
from ghatna.actors.cldr import build_country_rows, build_name_rows
from ghatna.lang.base import LANG_DIR, available_languages
from ghatna.tsv import read_tsv


def test_country_table_matches_cldr_and_pycountry() -> None:
    stored = [tuple(r.values()) for r in read_tsv(ACTORS_DIR / "countries.tsv")]
    assert stored == sorted(set(build_country_rows())), "countries.tsv drifted: run `make data`"


@pytest.mark.parametrize("lang", available_languages())
def test_pack_country_names_match_cldr(lang: str) -> None:
    stored = [tuple(r.values()) for r in read_tsv(LANG_DIR / lang / "countries.cldr.tsv")]
    assert stored == sorted(set(build_name_rows(lang))), f"{lang}/countries.cldr.tsv drifted: run `make data`"


def test_wrong_pycountry_translations_are_dropped() -> None:
    """pycountry's Gujarati catalogue names North Macedonia with New Caledonia's name; the generator
    keeps a translation only when the nearest CLDR name is the same country's."""
    rows = build_name_rows("gu")
    owners = {form: key for form, key, _ in rows}
    assert all(key != "MKD" or "કેલેડોનિયા" not in form for form, key in owners.items())
    assert owners["રશિયા"] == "RUS" and owners["ઉત્તર કોરિયા"] == "PRK"
