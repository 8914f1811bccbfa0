"""Filters on stored events, turned into SQL with bound parameters (never pasted into the text).

An actor is given by code (``RUS``, ``RUSGOV``, ``IGOUNO``), country, organization or English name
(``Putin``): a country code matches every actor of that country, a longer code its prefix, anything
else the name.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from ghatna.model import FACTUALITY

DEFAULT_FACTUALITY = ("asserted", "reported")


class FilterError(ValueError):
    """A filter value that cannot be used (bad date, unknown factuality …)."""


@dataclass(slots=True)
class Filters:
    actor: str | None = None
    source: str | None = None
    target: str | None = None
    dyad: tuple[str, str] | None = None
    cameo: str | None = None
    plover: str | None = None
    quad: int | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    factuality: tuple[str, ...] | None = DEFAULT_FACTUALITY  # None: every factuality
    limit: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def parse(cls, *, actor: str | None = None, source: str | None = None, target: str | None = None,
              dyad: str | None = None, cameo: str | None = None, plover: str | None = None,
              quad: int | None = None, since: str | None = None, until: str | None = None,
              factuality: str | None = None, limit: int | None = None) -> Filters:
        """Filters from command-line strings, with a clear error for each bad value."""
        pair = None
        if dyad:
            parts = [p.strip() for p in dyad.split(",")]
            if len(parts) != 2 or not all(parts):
                raise FilterError(f"--dyad takes two actors separated by a comma, not {dyad!r}")
            pair = (parts[0], parts[1])
        if cameo and not re.fullmatch(r"\d{2,4}", cameo):
            raise FilterError(f"--cameo takes a CAMEO root or code (2–4 digits), not {cameo!r}")
        if quad is not None and quad not in (1, 2, 3, 4):
            raise FilterError(f"--quad takes 1, 2, 3 or 4, not {quad}")
        if limit is not None and limit < 1:
            raise FilterError(f"--limit takes a positive number, not {limit}")
        fact: tuple[str, ...] | None = DEFAULT_FACTUALITY
        if factuality:
            if factuality == "all":
                fact = None
            else:
                fact = tuple(f.strip() for f in factuality.split(",") if f.strip())
                bad = [f for f in fact if f not in FACTUALITY]
                if bad:
                    raise FilterError(f"--factuality takes {', '.join(FACTUALITY)} or all, not {', '.join(bad)}")
        return cls(actor, source, target, pair, cameo, plover.upper() if plover else None, quad,
                   _date(since, "--since"), _date(until, "--until"), fact, limit)


def _date(value: str | None, name: str) -> dt.date | None:
    if not value:
        return None
    for fmt, fill in (("%Y-%m-%d", None), ("%Y-%m", "month"), ("%Y", "year")):
        try:
            day = dt.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
        if name == "--until" and fill == "year":
            return dt.date(day.year, 12, 31)
        if name == "--until" and fill == "month":
            nxt = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
            return nxt - dt.timedelta(days=1)
        return day
    raise FilterError(f"{name} takes YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")


def actor_condition(side: str, value: str, params: list[Any]) -> str:
    """SQL matching one side (``source``/``target``) of an event against an actor given by the user."""
    if re.fullmatch(r"[A-Za-z]{3,}", value) and value.isupper():
        params += [value, value, value, value + "%"]
        return (f"({side}_country = ? OR {side}_org = ? OR {side}_code = ? OR {side}_code LIKE ?)")
    params += [f"%{value}%", value]
    return f"({side}_name ILIKE ? OR {side}_org = ?)"


def where(f: Filters, alias: str = "") -> tuple[str, list[Any]]:
    """A WHERE clause (without the keyword, ``TRUE`` when empty) and its parameters."""
    p = alias + "." if alias else ""
    clauses: list[str] = []
    params: list[Any] = []
    if f.actor:
        clauses.append("(" + actor_condition(p + "source", f.actor, params) + " OR "
                       + actor_condition(p + "target", f.actor, params) + ")")
    if f.source:
        clauses.append(actor_condition(p + "source", f.source, params))
    if f.target:
        clauses.append(actor_condition(p + "target", f.target, params))
    if f.dyad:
        a, b = f.dyad
        ab = actor_condition(p + "source", a, params) + " AND " + actor_condition(p + "target", b, params)
        ba = actor_condition(p + "source", b, params) + " AND " + actor_condition(p + "target", a, params)
        clauses.append(f"(({ab}) OR ({ba}))")
    # one column compared with one value, when the filter is given
    for given, condition, value in ((f.cameo, "cameo LIKE ?", f"{f.cameo}%"),
                                    (f.plover, "plover_event = ?", f.plover),
                                    (f.quad, "quad_class = ?", f.quad),
                                    (f.since, "date_end >= ?", f.since),
                                    (f.until, "date_start <= ?", f.until)):
        if given:
            clauses.append(p + condition)
            params.append(value)
    if f.factuality is not None:
        clauses.append(f"{p}factuality IN ({', '.join('?' for _ in f.factuality)})")
        params += list(f.factuality)
    return (" AND ".join(clauses) or "TRUE"), params
