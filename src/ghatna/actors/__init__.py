"""The actor knowledge base: countries, entities (blocs, historical states, organizations, groups,
parties) and people with date-bounded offices — language-independent facts that packs refer to by key.

Reads ``countries.tsv`` (generated from CLDR), ``entities.tsv`` and ``people.tsv`` beside this module.
``ActorBase.actor`` turns a key, an optional role and an optional date into the ``Actor`` of an
event record: a person becomes the code of the office they hold on that date (``RUSGOV`` for Putin in
2023) and keeps their name.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ghatna.model import Actor
from ghatna.tsv import read_tsv

HERE = Path(__file__).parent
SCHEMAS: dict[str, tuple[str, ...]] = {
    "countries.tsv": ("iso3", "iso2", "name_en"),
    "entities.tsv": ("key", "code", "country", "org", "name_en", "kind"),
    "people.tsv": ("person", "name_en", "country", "role", "office", "start", "end"),
}
ENTITY_KINDS = ("bloc", "historical", "org", "group", "party")
OFFICES = ("head_of_state", "head_of_government", "foreign_minister", "defence_minister", "minister",
           "party_leader", "opposition_leader", "legislator", "official", "military_chief")


def parse_date(value: str, end: bool = False) -> dt.date | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` as a date (the last day of the period when ``end``)."""
    if not value:
        return None
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return dt.date(parts[0], 12, 31) if end else dt.date(parts[0], 1, 1)
    if len(parts) == 2:
        if not end:
            return dt.date(parts[0], parts[1], 1)
        nxt = dt.date(parts[0] + (parts[1] == 12), parts[1] % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)
    return dt.date(*parts)


@dataclass(frozen=True, slots=True)
class Office:
    role: str
    office: str
    country: str
    start: dt.date | None
    end: dt.date | None

    def holds(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    name: str
    offices: tuple[Office, ...]

    def office_on(self, day: dt.date | None) -> Office | None:
        """The office held on ``day``; without a day, the latest office."""
        if not self.offices:
            return None
        if day is None:
            return max(self.offices, key=lambda o: (o.start or dt.date.min))
        held = [o for o in self.offices if o.holds(day)]
        if held:  # the senior office when several are held at once
            return min(held, key=lambda o: OFFICES.index(o.office) if o.office in OFFICES else 99)
        return None


class ActorBase:
    """Lookup of countries, entities and people by key."""

    def __init__(self, countries: list[dict[str, str]], entities: list[dict[str, str]],
                 people: list[dict[str, str]]) -> None:
        self.countries = {r["iso3"]: r["name_en"] for r in countries}
        self.entities = {r["key"]: r for r in entities}
        offices: dict[str, list[Office]] = {}
        names: dict[str, str] = {}
        for r in people:
            names[r["person"]] = r["name_en"]
            offices.setdefault(r["person"], []).append(
                Office(r["role"], r["office"], r["country"], parse_date(r["start"]), parse_date(r["end"], end=True)))
        self.people = {pid: Person(pid, names[pid], tuple(o)) for pid, o in offices.items()}

    def __contains__(self, key: object) -> bool:
        return key in self.countries or key in self.entities or key in self.people

    def country_of(self, key: str) -> str | None:
        """The alpha-3 country a key belongs to (or the entity's own country code)."""
        if key in self.countries:
            return key
        if key in self.entities:
            return self.entities[key]["country"] or None
        if key in self.people:
            office = self.people[key].office_on(None)
            return office.country if office else None
        return None

    def actor(self, key: str, role: str | None = None, day: dt.date | None = None) -> Actor:
        """The actor for a key, with a composed role (``PAK`` + ``MIL`` → ``PAKMIL``)."""
        if key in self.people:
            return self._person(self.people[key], day)
        if key in self.entities:
            e = self.entities[key]
            code = e["code"]
            if role and e["kind"] in ("bloc", "historical"):
                code += role
            return Actor(code, e["country"] or None, e["org"] or None, e["name_en"],
                         role or _role_of_code(e["code"]), key, e["kind"])
        if key in self.countries:
            return Actor(key + (role or ""), key, None, self.countries[key], role, key, "state")
        raise KeyError(key)

    def role_only(self, role: str) -> Actor:
        """An actor known only by its role ("the police"), no country."""
        return Actor(role, None, None, role.lower(), role, role, "role")

    def _person(self, person: Person, day: dt.date | None) -> Actor:
        office = person.office_on(day)
        if office is None and day is not None:
            # out of office on that day: an elite of the country of their last office
            last = person.office_on(None)
            country = last.country if last else None
            code = (country or "") + "ELI"
            return Actor(code, country if country in self.countries else None,
                         self._org_of(country), person.name, "ELI", person.id, "person")
        assert office is not None
        country = office.country
        if country in self.countries:
            return Actor(country + office.role, country, None, person.name, office.role, person.id, "person")
        e = self.entities.get(country)
        code = e["code"] if e else country
        return Actor(code, (e["country"] or None) if e else None, self._org_of(country), person.name,
                     office.role, person.id, "person")

    def _org_of(self, key: str | None) -> str | None:
        if key and key in self.entities:
            return self.entities[key]["org"] or None
        return None


def _role_of_code(code: str) -> str | None:
    if code.startswith("IGO"):
        return "IGO"
    if code.startswith("NGO"):
        return "NGO"
    return code[3:6] or None if len(code) > 3 else None


@cache
def actor_base() -> ActorBase:
    """The knowledge base shipped with the package (loaded once)."""
    def rows(name: str) -> list[dict[str, str]]:
        path = HERE / name
        return read_tsv(path, SCHEMAS[name]) if path.exists() else []

    return ActorBase(rows("countries.tsv"), rows("entities.tsv"), rows("people.tsv"))
