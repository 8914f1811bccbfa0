"""Regenerate the country tables derived from CLDR (babel) and pycountry.

Writes src/ghatna/actors/countries.tsv and, for every language pack, countries.cldr.tsv.
Run with `make data`; tests/test_data_drift.py fails when the files differ from what this makes.
"""

from __future__ import annotations

from ghatna.actors.cldr import build_country_rows, build_name_rows
from ghatna.lang.base import LANG_DIR, PACK_SCHEMAS, available_languages
from ghatna.tsv import write_tsv

ACTORS_DIR = LANG_DIR.parent / "actors"


def main() -> None:
    write_tsv(ACTORS_DIR / "countries.tsv", ("iso3", "iso2", "name_en"), build_country_rows())
    for lang in available_languages():
        write_tsv(LANG_DIR / lang / "countries.cldr.tsv", PACK_SCHEMAS["countries.cldr.tsv"], build_name_rows(lang))
        print(f"wrote countries for {lang}")


if __name__ == "__main__":
    main()
