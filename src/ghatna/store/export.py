"""Exports of stored events: Parquet, CSV, the GDELT 2.0 event table, PLOVER JSON.

Parquet and CSV carry every column of the events table. Parquet goes to one file when the path ends
in ``.parquet``, else to a directory partitioned by year and month (what large stores want). The
GDELT table has one row per real event (mentions grouped, with NumMentions/NumArticles), its 61
columns in their order, tab-separated, the fields ghatna does not produce left empty. PLOVER records
follow the PLOVER JSON fields (id, date, source, target, event, mode, context, text …), one a line,
with ghatna's own fields under ``"ghatna"``.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ghatna.store.queries import Filters

if TYPE_CHECKING:
    from ghatna.store import Store

FORMATS = ("parquet", "csv", "gdelt", "plover")

ACTOR_COLS = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
              "Type1Code", "Type2Code", "Type3Code")
GEO_COLS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{c}" for c in ACTOR_COLS), *(f"Actor2{c}" for c in ACTOR_COLS),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{c}" for c in GEO_COLS), *(f"Actor2Geo_{c}" for c in GEO_COLS),
    *(f"ActionGeo_{c}" for c in GEO_COLS),
    "DATEADDED", "SOURCEURL",
)
assert len(GDELT_COLUMNS) == 61


class ExportError(ValueError):
    pass


def _sql_path(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def write(store: Store, fmt: str, out: Path, filters: Filters | None) -> int:
    if fmt not in FORMATS:
        raise ExportError(f"--format takes {', '.join(FORMATS)}, not {fmt!r}")
    if fmt in ("parquet", "csv"):
        return _copy(store, fmt, out, filters)
    if fmt == "gdelt":
        return _gdelt(store, out, filters)
    return _plover(store, out, filters)


def _copy(store: Store, fmt: str, out: Path, filters: Filters | None) -> int:
    sql, params = store._filtered(filters)
    con = store.con
    con.execute(f"CREATE OR REPLACE TEMP TABLE _export AS SELECT *, year(date_start) AS year, "
                f"month(date_start) AS month FROM ({sql})", params)
    row = con.execute("SELECT count(*) FROM _export").fetchone()
    n = int(row[0]) if row else 0
    if fmt == "csv":
        con.execute(f"COPY _export TO {_sql_path(out)} (FORMAT csv, HEADER)")
    elif out.suffix == ".parquet":
        con.execute(f"COPY _export TO {_sql_path(out)} (FORMAT parquet)")
    else:
        if out.exists() and (not out.is_dir() or any(out.iterdir())):
            con.execute("DROP TABLE _export")
            raise ExportError(f"{out} already exists: give a new directory (or a .parquet file name)")
        con.execute(f"COPY _export TO {_sql_path(out)} (FORMAT parquet, PARTITION_BY (year, month))")
    con.execute("DROP TABLE _export")
    return n


def _gdelt_date(start: dt.date | None) -> tuple[Any, ...]:
    if start is None:
        return ("", "", "", "")
    fraction = start.year + (start.timetuple().tm_yday - 1) / 365
    return (start.strftime("%Y%m%d"), start.strftime("%Y%m"), start.year, f"{fraction:.4f}")


def _gdelt(store: Store, out: Path, filters: Filters | None) -> int:
    sql, params = store._filtered(filters, distinct=True)
    rows = store.con.execute(f"""
        SELECT x.*, a.url, a.ingested_at FROM ({sql}) x JOIN articles a ON a.id = x.article_id
        ORDER BY date_start NULLS LAST, x.id""", params).fetchall()
    cols = [d[0] for d in store.con.description]
    n = 0
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
        for values in rows:
            r = dict(zip(cols, values, strict=True))
            record: dict[str, Any] = dict.fromkeys(GDELT_COLUMNS, "")
            record["GLOBALEVENTID"] = int(r["group_key"][:15], 16)
            date_fields = _gdelt_date(r["date_start"])
            record["SQLDATE"], record["MonthYear"], record["Year"], record["FractionDate"] = date_fields
            for n_, side in (("1", "source"), ("2", "target")):
                if r[f"{side}_code"]:
                    record[f"Actor{n_}Code"] = r[f"{side}_code"]
                    record[f"Actor{n_}Name"] = (r[f"{side}_name"] or "").upper()
                    record[f"Actor{n_}CountryCode"] = r[f"{side}_country"] or ""
                    record[f"Actor{n_}KnownGroupCode"] = r[f"{side}_org"] or ""
                    record[f"Actor{n_}Type1Code"] = r[f"{side}_role"] or ""
            record["IsRootEvent"] = 1 if r["sentence_index"] == 0 else 0
            record["EventCode"] = r["cameo"]
            record["EventBaseCode"] = r["cameo"][:3]
            record["EventRootCode"] = r["cameo_root"]
            record["QuadClass"] = r["quad_class"]
            record["GoldsteinScale"] = r["goldstein"]
            record["NumMentions"] = r["num_mentions"]
            record["NumSources"] = r["num_articles"]
            record["NumArticles"] = r["num_articles"]
            if r["location_country"]:
                record["ActionGeo_Type"] = 1
                record["ActionGeo_FullName"] = r["location_text"] or ""
                record["ActionGeo_CountryCode"] = r["location_country"]
            record["DATEADDED"] = r["ingested_at"].strftime("%Y%m%d%H%M%S") if r["ingested_at"] else ""
            record["SOURCEURL"] = r["url"] or ""
            writer.writerow([_clean(record[c]) for c in GDELT_COLUMNS])
            n += 1
    return n


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return value.replace("\t", " ").replace("\n", " ")
    return value


def _plover(store: Store, out: Path, filters: Filters | None) -> int:
    from ghatna import __version__

    sql, params = store._filtered(filters)
    cur = store.con.execute(f"""
        SELECT x.*, a.source AS publication, a.url, a.ingested_at, s.text AS sentence
        FROM ({sql}) x JOIN articles a ON a.id = x.article_id
        LEFT JOIN sentences s ON s.article_id = x.article_id AND s.idx = x.sentence_index
        ORDER BY date_start NULLS LAST, x.id""", params)
    rows = cur.fetchall()
    cols = [d[0] for d in cur.description]
    n = 0
    with out.open("w", encoding="utf-8") as fh:
        for values in rows:
            r = dict(zip(cols, values, strict=True))
            record = {
                "id": r["id"], "date": r["date"] or "",
                "source": _plover_actor(r, "source"), "target": _plover_actor(r, "target"),
                "event": r["plover_event"], "mode": r["plover_mode"] or "", "context": "",
                "eventText": r["trigger_text"], "text": r["sentence"] or "", "language": r["lang"],
                "publication": r["publication"] or "", "coder": "ghatna", "version": __version__,
                "dateCoded": r["ingested_at"].date().isoformat() if r["ingested_at"] else "",
                "ghatna": {"cameo": r["cameo"], "cameo_label": r["cameo_label"], "goldstein": r["goldstein"],
                           "quad_class": r["quad_class"], "factuality": r["factuality"],
                           "date_basis": r["date_basis"], "article_id": r["article_id"],
                           "sentence_index": r["sentence_index"], "url": r["url"],
                           "num_mentions": r["num_mentions"], "num_articles": r["num_articles"],
                           "location": ({"text": r["location_text"], "country": r["location_country"]}
                                        if r["location_country"] else None)},
            }
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
            n += 1
    return n


def _plover_actor(r: dict[str, Any], side: str) -> list[dict[str, str]] | str:
    if not r[f"{side}_code"]:
        return ""
    actor = {"actorText": r[f"{side}_text"] or "", "code": r[f"{side}_country"] or r[f"{side}_code"]}
    if r[f"{side}_role"]:
        actor["sector"] = r[f"{side}_role"]
    if r[f"{side}_name"]:
        actor["name"] = r[f"{side}_name"]
    return [actor]
