"""Every data file follows its schema (docs/data-files.md): columns, NFC, sorted, no duplicates,
codes that exist, and no surface form that is a trap (an ordinary word mistaken for an actor)."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from pathlib import Path

import pytest

from ghatna.actors import ENTITY_KINDS, OFFICES, SCHEMAS, parse_date
from ghatna.actors import HERE as ACTORS_DIR
from ghatna.lang.base import PACK_SCHEMAS, available_languages, load_language
from ghatna.model import FACTUALITY
from ghatna.ontology import CAMEO_COLUMNS, PLOVER_COLUMNS, ROLE_COLUMNS
from ghatna.ontology import HERE as ONTOLOGY_DIR
from ghatna.tsv import read_tsv

PACKS = available_languages()
ALL_FILES = (
    [(ONTOLOGY_DIR / n, c) for n, c in (("cameo.tsv", CAMEO_COLUMNS), ("plover.tsv", PLOVER_COLUMNS),
                                         ("actor_roles.tsv", ROLE_COLUMNS))]
    + [(ACTORS_DIR / n, c) for n, c in SCHEMAS.items()]
    + [(p, PACK_SCHEMAS[p.name]) for lang in PACKS for p in load_language(lang).data_files()]
)
SLOTS_BASE = {"ERG", "NOM", "DAT", "GEN"}
MARKER_KINDS = {"neg", "ability", "possibility", "condition", "then", "question", "report", "allege", "hedge",
                "future", "clause", "and", "after_verb", "complementizer", "quote", "abbrev", "aux_pres",
                "aux_past", "aux_fut", "aux_subj", "particle", "ordinal", "date_range", "ago", "year_word",
                "decade", "aspect", "title_prefix", "relative", "month_word"}
VERB_TAGS = {"transitive", "intransitive", "speech", "vector", "light", "progressive", "ability", "passive",
             "motion"}


def rows(path: Path) -> list[dict[str, str]]:
    return read_tsv(path, (PACK_SCHEMAS | SCHEMAS).get(path.name))


@pytest.fixture(scope="module")
def onto():
    from ghatna.ontology import ontology

    return ontology()


@pytest.fixture(scope="module")
def kb():
    from ghatna.actors import actor_base

    return actor_base()


def test_every_pack_file_has_a_schema() -> None:
    for lang in PACKS:
        for path in load_language(lang).data_files():
            assert path.name in PACK_SCHEMAS, f"{path} has no schema in PACK_SCHEMAS"


@pytest.mark.parametrize(("path", "columns"), ALL_FILES, ids=lambda x: x.name if isinstance(x, Path) else "")
def test_file_is_nfc_sorted_and_without_duplicates(path: Path, columns: tuple[str, ...]) -> None:
    text = path.read_text(encoding="utf-8")
    assert text == unicodedata.normalize("NFC", text), f"{path.name} is not NFC"
    lines = text.splitlines()
    assert lines[0].split("\t") == list(columns)
    body = [tuple(line.split("\t")) for line in lines[1:]]
    assert all(len(r) == len(columns) for r in body), f"{path.name}: wrong number of cells"
    assert not [line for line in lines if line != line.rstrip(" ")], f"{path.name}: trailing spaces"
    assert body == sorted(body), f"{path.name} is not sorted"
    dupes = {r for r in body if body.count(r) > 1}
    assert not dupes, f"{path.name}: duplicate rows {sorted(dupes)[:3]}"


def test_cameo_codes_form_a_tree_with_valid_values(onto) -> None:
    codes = set(onto.types)
    assert {f"{n:02d}" for n in range(1, 21)} <= codes
    for code, t in onto.types.items():
        assert re.fullmatch(r"\d{2,4}", code)
        if len(code) > 2:
            assert code[:-1] in codes or code[:2] in codes, f"{code} has no parent"
        assert -10 <= t.goldstein <= 10
        assert t.quad_class == onto.types[code[:2]].quad_class
        assert t.plover_event, f"{code} has no PLOVER event"
    assert {onto[c].quad_class for c in ("042", "051")} == {1}
    assert onto["163"].quad_class == 4 and onto["163"].goldstein == -8.0


def test_plover_covers_exactly_the_cameo_codes(onto) -> None:
    plover = {r["cameo"] for r in rows(ONTOLOGY_DIR / "plover.tsv")}
    assert plover == set(onto.types)


def test_entities_and_people_refer_to_known_codes(onto, kb) -> None:
    for r in rows(ACTORS_DIR / "entities.tsv"):
        assert r["kind"] in ENTITY_KINDS, r
        assert not r["country"] or r["country"] in kb.countries or r["country"] in kb.entities, r
    for r in rows(ACTORS_DIR / "people.tsv"):
        assert r["role"] in onto.roles, r
        assert r["office"] in OFFICES, r
        assert r["country"] in kb.countries or r["country"] in kb.entities, r
        start, end = parse_date(r["start"]), parse_date(r["end"], end=True)
        assert start is not None, r
        assert end is None or start <= end, r


@pytest.mark.parametrize("lang", PACKS)
def test_pack_actor_forms_refer_to_the_knowledge_base(lang: str, kb, onto) -> None:
    pack = load_language(lang)
    kinds = {"name", "variant", "abbrev", "demonym", "adjective", "capital", "org"}
    for r in pack.table("actors.tsv"):
        assert r["kind"] in kinds, r
        assert r["key"] in kb.countries or r["key"] in kb.entities, r
    for r in pack.table("countries.cldr.tsv"):
        assert r["key"] in kb.countries, r
    for r in pack.table("people.tsv"):
        assert r["person"] in kb.people, r
        assert r["standalone"] in ("yes", "no"), r
    for r in pack.table("roles.tsv"):
        assert r["role"] in onto.roles, r
        assert not r["office"] or r["office"] in OFFICES, r
    for r in pack.table("places.tsv"):
        assert not r["country"] or r["country"] in kb.countries, r


@pytest.mark.parametrize("lang", PACKS)
def test_no_form_names_two_actors(lang: str) -> None:
    pack = load_language(lang)
    owners: dict[str, set[str]] = defaultdict(set)
    for r in pack.table("countries.cldr.tsv") + pack.table("actors.tsv"):
        owners[pack.fold(r["form"])].add(r["key"])
    people: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for r in pack.table("people.tsv"):
        people[pack.fold(r["form"])].add((r["person"], r["standalone"]))
    clashes = {f: k for f, k in owners.items() if len(k) > 1}
    assert not clashes, f"forms naming two actors: {dict(list(clashes.items())[:5])}"
    ambiguous = {f: p for f, p in people.items() if len(p) > 1 and any(s == "yes" for _, s in p)}
    assert not ambiguous, f"a standalone person form shared with another person: {list(ambiguous.items())[:5]}"


@pytest.mark.parametrize("lang", PACKS)
def test_no_actor_form_is_an_ordinary_word(lang: str) -> None:
    """An actor form that is also a verb form, a marker, a clitic or a pronoun would turn ordinary
    words into actors (a substring trap)."""
    pack = load_language(lang)
    lex = pack.lexicon
    words = set(lex.verb_forms) | set(lex.markers) | set(lex.clitics)
    words |= {pack.fold(r["form"]) for r in pack.table("pronouns.tsv")}
    traps = []
    for name in ("actors.tsv", "countries.cldr.tsv", "roles.tsv", "places.tsv"):
        for r in pack.table(name):
            key = pack.fold(r["form"])
            if key in words:
                traps.append((name, r["form"]))
    for r in pack.table("people.tsv"):
        if r["standalone"] == "yes" and pack.fold(r["form"]) in words:
            traps.append(("people.tsv", r["form"]))
    assert not traps, f"actor forms that are ordinary words: {traps[:10]}"


@pytest.mark.parametrize("lang", PACKS)
def test_predicates_use_known_codes_slots_and_verbs(lang: str, onto) -> None:
    pack = load_language(lang)
    clitic_cases = {r["case"] for r in pack.table("clitics.tsv")}
    slots = SLOTS_BASE | clitic_cases
    stems = {r["stem"] for r in pack.table("verbs.tsv")}
    seen = set()
    for r in pack.table("predicates.tsv"):
        assert r["cameo"] in onto, r
        assert r["verb"] == "*" or r["verb"] in stems, f"verb {r['verb']!r} not in verbs.tsv"
        assert r["noun"] or r["verb"] != "*", r
        for col in ("source", "target"):
            assert set(r[col].split()) <= slots, (col, r)
        assert r["source"], r
        assert r["embed"] in ("", "source", "target"), r
        assert r["content"] in ("", *FACTUALITY), r
        assert r["gloss"], r
        key = (r["noun"], r["verb"], r["cameo"])
        assert key not in seen, f"duplicate predicate {key}"
        seen.add(key)


@pytest.mark.parametrize("lang", PACKS)
def test_small_tables_use_allowed_values(lang: str) -> None:
    pack = load_language(lang)
    for r in pack.table("verbs.tsv"):
        assert set(r["tags"].split()) <= VERB_TAGS, r
    stems = [r["stem"] for r in pack.table("verbs.tsv")]
    assert len(stems) == len(set(stems))
    for r in pack.table("markers.tsv"):
        assert r["kind"] in MARKER_KINDS, r
    for r in pack.table("clitics.tsv"):
        assert r["bound"] in ("yes", "no", "both"), r
    cases = {r["case"] for r in pack.table("clitics.tsv")}
    for r in pack.table("pronouns.tsv"):
        assert r["case"] in cases | {"NOM", "*"}, r
        assert r["kind"] in ("sg", "hon", "collective", "definite", "reflexive"), r
    for r in pack.table("dates.tsv"):
        assert r["unit"] in ("day", "week", "month", "year") and r["precision"] in ("day", "month", "year"), r
        int(r["offset"])
    for r in pack.table("months.tsv"):
        assert re.fullmatch(r"(?:[1-9]|1[0-2]|w[0-6])", r["month"]), r
    for r in pack.table("numbers.tsv"):
        assert int(r["value"]) > 0, r


def test_every_verb_tag_the_stages_read_is_present(lex) -> None:
    tags = {t for r in lex.verbs.values() for t in r["tags"].split()}
    assert {"progressive", "ability", "passive", "vector", "speech", "motion"} <= tags
