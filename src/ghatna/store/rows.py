"""Rows of the store's tables from a coded document: articles, sentences, events (the event record
with its actors flattened into columns), actors."""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
from typing import Any

from ghatna.model import Doc, Event

ARTICLE_COLUMNS = ("id", "content_hash", "source", "url", "title", "published", "lang", "text", "ingested_at",
                   "coded_with", "hash64", "id64")
SENTENCE_COLUMNS = ("article_id", "idx", "start_char", "end_char", "text")
ACTOR_COLUMNS = ("code", "name", "country", "org", "role")
ACTOR_FIELDS = ("text", "start", "end", "code", "country", "org", "name", "role")
EVENT_COLUMNS = (
    "id", "article_id", "lang", "sentence_index", "sentence_start", "sentence_end",
    *(f"source_{f}" for f in ACTOR_FIELDS), *(f"target_{f}" for f in ACTOR_FIELDS),
    "trigger_text", "trigger_start", "trigger_end", "cameo", "cameo_root", "cameo_label", "plover_event",
    "plover_mode", "goldstein", "quad_class", "factuality", "date", "date_basis", "date_start", "date_end",
    "date_precision", "location_text", "location_start", "location_end", "location_country", "group_key",
)


def column_type(name: str) -> str:
    """The SQL type of an events column (as in the store's schema)."""
    if name in ("date_start", "date_end"):
        return "DATE"
    if name == "goldstein":
        return "DOUBLE"
    if name in ("sentence_index", "quad_class") or name.endswith(("_start", "_end")):
        return "INTEGER"
    return "STRING"


def content_hash(text: str) -> str:
    """The key of an article: the SHA-256 of its text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def key64(digest: str) -> int:
    """A 60-bit integer from a hexadecimal digest (its first 15 digits): the store looks articles up
    by these, a scan of one integer column, and then compares the whole digest or id."""
    return int(digest[:15], 16)


def id_key(article_id: str) -> int:
    """``key64`` of an article id's SHA-256 (the store's ``id64``, as DuckDB's ``sha256`` gives it)."""
    return key64(hashlib.sha256(article_id.encode("utf-8")).hexdigest())


def date_range(value: str | None) -> tuple[dt.date | None, dt.date | None, str | None]:
    """The first and last day an event date can stand for, and its precision."""
    if not value:
        return None, None, None
    if value.endswith("X"):
        decade = int(value[:3]) * 10
        return dt.date(decade, 1, 1), dt.date(decade + 9, 12, 31), "decade"
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31), "year"
    if len(parts) == 2:
        last = calendar.monthrange(parts[0], parts[1])[1]
        return dt.date(parts[0], parts[1], 1), dt.date(parts[0], parts[1], last), "month"
    day = dt.date(*parts)
    return day, day, "day"


def group_key(record: dict[str, Any]) -> str:
    """Mentions of the same real event share a key: same source, target, code and date (GDELT's
    NumMentions); an undated mention is an event of its own."""
    if not record["date"]:
        return hashlib.md5(record["id"].encode("utf-8")).hexdigest()
    src = (record["source"] or {}).get("code") or ""
    tgt = (record["target"] or {}).get("code") or ""
    return hashlib.md5("|".join((src, tgt, record["cameo"], record["date"])).encode("utf-8")).hexdigest()


def event_row(event: Event, article_id: str) -> dict[str, Any]:
    r = event.to_dict()
    row: dict[str, Any] = {k: r[k] for k in ("id", "lang", "sentence_index", "sentence_start", "sentence_end",
                                            "cameo", "cameo_label", "goldstein", "quad_class", "factuality",
                                            "date", "date_basis")}
    row["article_id"] = article_id
    for side in ("source", "target"):
        actor = r[side] or {}
        for f in ACTOR_FIELDS:
            row[f"{side}_{f}"] = actor.get(f)
    row["trigger_text"], row["trigger_start"], row["trigger_end"] = (r["trigger"][k] for k in ("text", "start", "end"))
    row["cameo_root"] = r["cameo"][:2]
    row["plover_event"], row["plover_mode"] = r["plover"]["event"], r["plover"]["mode"]
    row["date_start"], row["date_end"], row["date_precision"] = date_range(r["date"])
    loc = r["location"] or {}
    for f in ("text", "start", "end", "country"):
        row[f"location_{f}"] = loc.get(f)
    row["group_key"] = group_key(r)
    return row


def document_rows(doc: Doc, article_id: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """Sentence, event and actor rows of a coded document."""
    sentences = []
    for s in doc.sentences:
        start, end = doc.span(s.start, s.end)
        sentences.append({"article_id": article_id, "idx": s.index, "start_char": start, "end_char": end,
                          "text": doc.text[start:end]})
    events = [event_row(e, article_id) for e in doc.events]
    actors = {}
    for e in doc.events:
        for actor in (e.source, e.target):
            if actor:
                actors[(actor["code"], actor["name"])] = {k: actor[k] for k in ACTOR_COLUMNS}
    return sentences, events, list(actors.values())


def coded_rows(doc: Doc) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]], Any, str]:
    """What the store keeps of a coded document (made in the worker that coded it): its sentence, event
    and actor rows, its date and language."""
    return (*document_rows(doc, doc.doc_id), doc.date, doc.lang)


def record_from_row(row: dict[str, Any], sentence_text: str | None = None) -> dict[str, Any]:
    """The event record (DESIGN.md §2) back from a flattened events row, with the grouping counts."""
    def actor(side: str) -> dict[str, Any] | None:
        if not row.get(f"{side}_code"):
            return None
        return {f: _plain(row.get(f"{side}_{f}")) for f in ACTOR_FIELDS}

    location = None
    if row.get("location_text"):
        location = {f: _plain(row.get(f"location_{f}")) for f in ("text", "start", "end", "country")}
    record = {
        "id": row["id"], "doc_id": row["article_id"], "lang": row["lang"],
        "sentence_index": _plain(row["sentence_index"]), "sentence_text": sentence_text,
        "sentence_start": _plain(row["sentence_start"]), "sentence_end": _plain(row["sentence_end"]),
        "source": actor("source"), "target": actor("target"),
        "trigger": {"text": row["trigger_text"], "start": _plain(row["trigger_start"]),
                    "end": _plain(row["trigger_end"])},
        "cameo": row["cameo"], "cameo_label": row["cameo_label"],
        "plover": {"event": row["plover_event"], "mode": row["plover_mode"] or ""},
        "goldstein": _plain(row["goldstein"]), "quad_class": _plain(row["quad_class"]),
        "factuality": row["factuality"], "date": _plain(row["date"]), "date_basis": _plain(row["date_basis"]),
        "location": location,
    }
    for extra in ("num_mentions", "num_articles"):
        if extra in row:
            record[extra] = _plain(row[extra])
    return record


def _plain(value: Any) -> Any:
    """None for missing values (NaN, NaT, pandas NA), Python numbers for numpy ones."""
    if value is None:
        return None
    try:
        if value != value:  # NaN
            return None
    except (TypeError, ValueError):
        return None
    if hasattr(value, "item"):
        return value.item()
    return value
