"""The store's schema as named, numbered migrations.

A store records the migrations applied to it; opening it applies the ones it lacks, in order, each in
its own transaction, so that a store made by an older ghatna opens in a newer one. A store whose
schema is newer than this ghatna knows is refused rather than guessed at.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import duckdb

APP = "ghatna"


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: Sequence[str]


#: the columns of the big tables as schema 1 made them (keys apart; events without ``group_key``)
_ARTICLES = """id VARCHAR NOT NULL, content_hash VARCHAR NOT NULL, source VARCHAR, url VARCHAR, title VARCHAR,
    published DATE, lang VARCHAR NOT NULL, text VARCHAR NOT NULL, ingested_at TIMESTAMP NOT NULL,
    coded_with VARCHAR"""
_SENTENCES = """article_id VARCHAR NOT NULL, idx INTEGER NOT NULL, start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL, text VARCHAR NOT NULL"""
_EVENTS = """id VARCHAR NOT NULL, article_id VARCHAR NOT NULL, lang VARCHAR, sentence_index INTEGER,
    sentence_start INTEGER, sentence_end INTEGER,
    source_text VARCHAR, source_start INTEGER, source_end INTEGER, source_code VARCHAR,
    source_country VARCHAR, source_org VARCHAR, source_name VARCHAR, source_role VARCHAR,
    target_text VARCHAR, target_start INTEGER, target_end INTEGER, target_code VARCHAR,
    target_country VARCHAR, target_org VARCHAR, target_name VARCHAR, target_role VARCHAR,
    trigger_text VARCHAR, trigger_start INTEGER, trigger_end INTEGER,
    cameo VARCHAR NOT NULL, cameo_root VARCHAR NOT NULL, cameo_label VARCHAR,
    plover_event VARCHAR, plover_mode VARCHAR, goldstein DOUBLE, quad_class INTEGER,
    factuality VARCHAR NOT NULL, date VARCHAR, date_basis VARCHAR,
    date_start DATE, date_end DATE, date_precision VARCHAR,
    location_text VARCHAR, location_start INTEGER, location_end INTEGER, location_country VARCHAR"""

MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial tables: articles, sentences, events, actors", (
        """CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)""",
        """CREATE TABLE migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL,
                                    applied_at TIMESTAMP NOT NULL)""",
        f"CREATE TABLE articles ({_ARTICLES}, PRIMARY KEY (id), UNIQUE (content_hash))",
        f"CREATE TABLE sentences ({_SENTENCES}, PRIMARY KEY (article_id, idx))",
        """CREATE TABLE actors (
            code VARCHAR NOT NULL, name VARCHAR NOT NULL, country VARCHAR, org VARCHAR, role VARCHAR,
            PRIMARY KEY (code, name))""",
        f"CREATE TABLE events ({_EVENTS}, PRIMARY KEY (id))",
        """CREATE INDEX events_article ON events (article_id)""",
    )),
    Migration(2, "same real event, many mentions: a group key on events", (
        """ALTER TABLE events ADD COLUMN group_key VARCHAR""",
        """UPDATE events SET group_key = CASE WHEN date IS NULL THEN md5(id)
             ELSE md5(concat_ws('|', coalesce(source_code, ''), coalesce(target_code, ''), cameo, date)) END""",
    )),
    # DuckDB builds an index only on a table without updates pending in the same transaction
    Migration(3, "indexes on event groups and dates", (
        """CREATE INDEX events_group ON events (group_key)""",
        """CREATE INDEX events_dates ON events (date_start)""",
    )),
    # DuckDB keeps every key of an index or of a PRIMARY KEY / UNIQUE constraint in memory (about a
    # kilobyte per article here): an archive of millions of articles would not fit. Scans with the
    # column statistics answer the store's queries; ingest keeps ids and texts unique itself. Only
    # the small actors table keeps its key (its inserts rely on ON CONFLICT). DuckDB cannot drop a
    # key, so each table is made again with the same columns and no key.
    Migration(4, "no in-memory indexes or keys on articles, sentences and events", (
        *(statement for name, columns in (("articles", _ARTICLES), ("sentences", _SENTENCES),
                                           ("events", f"{_EVENTS}, group_key VARCHAR"))
          for statement in (f"CREATE TABLE {name}_v4 ({columns})",
                            f"INSERT INTO {name}_v4 SELECT * FROM {name}",
                            f"DROP TABLE {name}",
                            f"ALTER TABLE {name}_v4 RENAME TO {name}")),
    )),
    # without an index, finding whether a text or an id is stored scans a column: an integer column
    # scans many times faster than one of 64-character digests (``rows.key64``)
    Migration(5, "integer lookup keys of article texts and ids", (
        """ALTER TABLE articles ADD COLUMN hash64 BIGINT""",
        """ALTER TABLE articles ADD COLUMN id64 BIGINT""",
        """UPDATE articles SET hash64 = ('0x' || left(content_hash, 15))::BIGINT,
                              id64 = ('0x' || left(sha256(id), 15))::BIGINT""",
    )),
)
CURRENT = MIGRATIONS[-1].version


class SchemaError(Exception):
    """The file is not a ghatna store, or one this version cannot read."""


def version_of(con: duckdb.DuckDBPyConnection) -> int | None:
    """The schema version of an open store, or None for an empty database."""
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    if not tables:
        return None
    if "meta" not in tables or "migrations" not in tables:
        raise SchemaError("a DuckDB database, but not a ghatna store")
    app = con.execute("SELECT value FROM meta WHERE key = 'app'").fetchone()
    if not app or app[0] != APP:
        raise SchemaError("a DuckDB database, but not a ghatna store")
    row = con.execute("SELECT max(version) FROM migrations").fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def migrate(con: duckdb.DuckDBPyConnection, upto: int = CURRENT) -> list[str]:
    """Apply the missing migrations (up to ``upto``); the names of those applied."""
    have = version_of(con)
    if have is not None and have > CURRENT:
        raise SchemaError(f"made by a newer ghatna (schema {have}; this version reads up to {CURRENT}); upgrade ghatna")
    applied = []
    for m in MIGRATIONS:
        if (have is not None and m.version <= have) or m.version > upto:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            for statement in m.sql:
                con.execute(statement)
            if m.version == 1:
                con.execute("INSERT INTO meta VALUES ('app', ?)", [APP])
            con.execute("INSERT INTO migrations VALUES (?, ?, now())", [m.version, m.name])
            con.execute("COMMIT")
        except duckdb.Error as e:
            con.execute("ROLLBACK")
            detail = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
            raise SchemaError(f"migration {m.version} ({m.name}) failed, store left as it was: {detail}") from None
        applied.append(m.name)
    return applied
