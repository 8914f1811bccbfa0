"""The event ontology: CAMEO codes with labels, Goldstein values and QuadClass, and their PLOVER mapping.

Reads ``cameo.tsv`` and ``plover.tsv`` beside this module (facts transcribed from the CAMEO 1.1b3
codebook, GDELT's Goldstein table and the PLOVER ontology; see SOURCES.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ghatna.tsv import read_tsv

HERE = Path(__file__).parent
CAMEO_COLUMNS = ("code", "label", "goldstein", "quad_class")
PLOVER_COLUMNS = ("cameo", "event", "mode")
ROLE_COLUMNS = ("code", "label")


@dataclass(frozen=True, slots=True)
class EventType:
    """One CAMEO code with everything the event record derives from it."""

    code: str
    label: str
    goldstein: float
    quad_class: int
    plover_event: str
    plover_mode: str

    @property
    def root(self) -> str:
        return self.code[:2]


class Ontology:
    """Lookup of CAMEO codes; unknown codes raise ``KeyError``."""

    def __init__(self, cameo_rows: list[dict[str, str]], plover_rows: list[dict[str, str]],
                 role_rows: list[dict[str, str]]) -> None:
        plover = {r["cameo"]: (r["event"], r["mode"]) for r in plover_rows}
        self.types: dict[str, EventType] = {}
        for r in cameo_rows:
            event, mode = plover.get(r["code"], ("", ""))
            self.types[r["code"]] = EventType(r["code"], r["label"], float(r["goldstein"]),
                                              int(r["quad_class"]), event, mode)
        self.roles: dict[str, str] = {r["code"]: r["label"] for r in role_rows}

    def __getitem__(self, code: str) -> EventType:
        return self.types[code]

    def __contains__(self, code: object) -> bool:
        return code in self.types

    def label(self, code: str) -> str:
        return self.types[code].label


@cache
def ontology() -> Ontology:
    """The ontology shipped with the package (loaded once)."""
    return Ontology(read_tsv(HERE / "cameo.tsv", CAMEO_COLUMNS),
                    read_tsv(HERE / "plover.tsv", PLOVER_COLUMNS),
                    read_tsv(HERE / "actor_roles.tsv", ROLE_COLUMNS))
