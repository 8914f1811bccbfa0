"""The Spark job: code a corpus beyond one machine with the same pipeline, into partitioned Parquet.

Reads articles — JSON lines (``id``, ``text`` and optional ``date``, ``lang``, ``url``, ``title``,
``source``, as ``ghatna code`` reads them), Parquet with those columns, or text files (each file one
article, its id the file's stem) — from any path or URI Spark reads (``file:``, ``hdfs:``, ``s3a:`` …).
Each executor codes its partitions in batches with :func:`ghatna.code_batch` inside ``mapInArrow``;
the events are the store's flattened event rows (``ghatna.store.rows.EVENT_COLUMNS``) plus ``sentence_text``, written
as Parquet partitioned by ``year`` and ``month`` of the event's date (the first day it can stand for;
undated events fall in Spark's null partition). ``ghatna.store.rows.record_from_row`` turns a row back
into the event record of ``ghatna code``.

    ghatna spark --input corpus.jsonl --output events/            # local mode, every core
    spark-submit "$(python -c 'import ghatna.spark as s; print(s.__file__)')" \\
        --input s3a://bucket/news/ --output s3a://bucket/events/   # a cluster (ghatna on every node)

pyspark is the optional extra ``ghatna[spark]``; nothing here is imported by the rest of ghatna.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ghatna.errors import GhatnaError
from ghatna.parallel import CHUNK

if TYPE_CHECKING:
    import pyarrow as pa
    from pyspark.sql import DataFrame, SparkSession

    from ghatna.model import Doc

FORMATS = ("jsonl", "parquet", "text")
INPUT_COLUMNS = ("id", "text", "date", "lang", "url", "title", "source")


class SparkError(GhatnaError):
    """The Spark job cannot run: pyspark or Java missing, unreadable input, an unknown format."""

    code = "G020"


@dataclass(slots=True)
class JobReport:
    articles: int
    failed: int
    events: int
    output: str

    def summary(self) -> str:
        return (f"coded {self.articles} articles ({self.failed} not coded), {self.events} events, "
                f"written to {self.output}")


def output_columns() -> list[tuple[str, str]]:
    """(name, SQL type) of the written events, before the partition columns."""
    from ghatna.store.rows import EVENT_COLUMNS, column_type

    return [(c, column_type(c)) for c in EVENT_COLUMNS] + [("sentence_text", "STRING"), ("year", "INTEGER"),
                                                          ("month", "INTEGER"), ("_failed", "INTEGER")]


def event_rows(text: str, doc_id: str, date: Any = None, lang: str | None = None,
               default_date: str | None = None, default_lang: str = "gu") -> list[dict[str, Any]]:
    """The rows of one article: its events, or a single ``_failed`` row when it cannot be coded (so
    the job can count failures without a second pass)."""
    return _batch_rows([(text, doc_id, date, lang)], default_date, default_lang)


def _batch_rows(articles: list[tuple[str, str, Any, str | None]], default_date: str | None,
                default_lang: str) -> list[dict[str, Any]]:
    """The rows of several articles (text, id, date, lang), coded as one batch (``ghatna.code_batch``)."""
    from ghatna import code_batch
    from ghatna.pipeline import collector_paused
    from ghatna.readers import article_from_record

    jobs: list[tuple[str, str, Any, str] | GhatnaError] = []
    for text, doc_id, date, lang in articles:
        article = article_from_record({"id": doc_id, "text": text, "date": date, "lang": lang}, doc_id, doc_id)
        jobs.append(article if isinstance(article, GhatnaError) else
                    (article.text, article.id, article.date or default_date, article.lang or default_lang))
    with collector_paused():  # until the documents are dropped (as in ``parallel._code_chunk``)
        return _rows(jobs, code_batch([j for j in jobs if not isinstance(j, GhatnaError)]))


def _rows(jobs: list[tuple[str, str, Any, str] | GhatnaError], docs: list[Doc | GhatnaError]) -> list[dict[str, Any]]:
    coded = iter(docs)
    rows: list[dict[str, Any]] = []
    for job in jobs:
        doc = job if isinstance(job, GhatnaError) else next(coded)
        rows += [{"_failed": 1}] if isinstance(doc, GhatnaError) else _doc_rows(doc)
    return rows


def _doc_rows(doc: Doc) -> list[dict[str, Any]]:
    from ghatna.store.rows import event_row

    rows = []
    for event in doc.events:
        row = event_row(event, doc.doc_id)
        row["sentence_text"] = event.sentence_text
        start = row["date_start"]
        row["year"], row["month"] = (start.year, start.month) if start else (None, None)
        row["_failed"] = 0
        rows.append(row)
    return rows or [{"_failed": 0}]  # a coded article without events still counts


def _arrow_schema() -> pa.Schema:
    import pyarrow as pa

    types = {"STRING": pa.string(), "INTEGER": pa.int32(), "DOUBLE": pa.float64(), "DATE": pa.date32()}
    return pa.schema([(name, types[sql]) for name, sql in output_columns()])


def code_batches(batches: Iterator[pa.RecordBatch], default_date: str | None = None,
                 default_lang: str = "gu") -> Iterator[pa.RecordBatch]:
    """The ``mapInArrow`` function: record batches of articles in, record batches of event rows out."""
    import pyarrow as pa

    schema = _arrow_schema()
    for batch in batches:
        columns = batch.to_pydict()
        n = batch.num_rows
        dates, langs = columns.get("date") or [None] * n, columns.get("lang") or [None] * n
        for start in range(0, n, CHUNK):  # coded in batches of the size the workers use
            articles = [(columns["text"][i], columns["id"][i], dates[i], langs[i])
                        for i in range(start, min(start + CHUNK, n))]
            yield pa.RecordBatch.from_pylist(_batch_rows(articles, default_date, default_lang), schema=schema)


def _spark_schema() -> str:
    return ", ".join(f"`{name}` {sql}" for name, sql in output_columns())


def read_articles(spark: SparkSession, path: str, fmt: str) -> DataFrame:
    """Articles as a DataFrame of ``id``, ``text``, ``date``, ``lang``."""
    from pyspark.sql import functions as F

    if fmt == "jsonl":
        schema = ", ".join(f"`{c}` STRING" for c in INPUT_COLUMNS)
        df = spark.read.schema(schema).json(path, mode="PERMISSIVE")
    elif fmt == "parquet":
        df = spark.read.parquet(path)
        if "text" not in df.columns:
            raise SparkError(f"{path}: no 'text' column in this Parquet input")
        if "id" not in df.columns:
            df = df.withColumn("id", F.sha2(F.col("text"), 256))
    elif fmt == "text":
        df = (spark.read.text(path, wholetext=True, recursiveFileLookup=True, pathGlobFilter="*.txt")
              .select(F.regexp_replace("value", "^\ufeff", "").alias("text"),
                      F.url_decode(F.col("_metadata.file_path")).alias("file"))
              .withColumn("id", F.regexp_extract(F.col("file"), r"([^/]+?)(\.[^./]*)?$", 1)))
    else:
        raise SparkError(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    for column in ("date", "lang"):
        if column not in df.columns:
            df = df.withColumn(column, F.lit(None).cast("string"))
    return df.select(F.col("id").cast("string"), F.col("text").cast("string"),
                     F.col("date").cast("string"), F.col("lang").cast("string")).where(F.col("text").isNotNull())


def run(input_path: str, output: str, fmt: str = "jsonl", date: str | None = None, lang: str = "gu",
        master: str | None = None, partitions: int | None = None, spark: SparkSession | None = None) -> JobReport:
    """Code every article under ``input_path`` and write the events to ``output`` (replaced)."""
    from ghatna import load_language, parse_date

    parse_date(date)
    load_language(lang)
    if fmt not in FORMATS:
        raise SparkError(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    session = spark or session_for(master)
    from pyspark.sql import functions as F

    try:
        articles = read_articles(session, input_path, fmt)
    except SparkError:
        raise
    except Exception as e:  # Spark reports unreadable input as an AnalysisException
        raise SparkError(f"{input_path}: cannot read ({_first_line(e)})") from None
    if partitions:
        articles = articles.repartition(partitions)
    elif articles.rdd.getNumPartitions() < session.sparkContext.defaultParallelism:
        articles = articles.repartition(session.sparkContext.defaultParallelism)  # a few large files: every core
    coded = articles.mapInArrow(lambda batches: code_batches(batches, date, lang), _spark_schema()).persist()
    try:
        coded.where(F.col("id").isNotNull()).drop("_failed").write.mode("overwrite") \
            .partitionBy("year", "month").parquet(output)
        counts = coded.agg(
            F.sum("_failed").alias("failed"), F.count("id").alias("events"),
            F.countDistinct("article_id").alias("with_events"),
            F.sum(F.when(F.col("id").isNull() & (F.col("_failed") == 0), 1).otherwise(0)).alias("without"),
        ).collect()[0]
    finally:
        coded.unpersist()
    return JobReport(articles=int(counts["with_events"] or 0) + int(counts["without"] or 0),
                     failed=int(counts["failed"] or 0), events=int(counts["events"] or 0), output=output)


def session_for(master: str | None = None) -> SparkSession:
    """The active Spark session, or a new one: on ``master`` if given, else wherever spark-submit or
    the Spark defaults say (local mode on every core when nothing does). Local workers run this
    Python, so they see the same ghatna."""
    import os
    import shutil
    import sys
    import warnings

    # pyspark warns about pandas versions when a job is planned; ghatna's job goes through Arrow only
    warnings.filterwarnings("ignore", category=FutureWarning, module=r"pyspark\.")
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise SparkError("pyspark is not installed: pip install 'ghatna[spark]'") from None
    if not (os.environ.get("JAVA_HOME") or shutil.which("java")):
        raise SparkError("Spark needs Java 17 or later: install a JDK or set JAVA_HOME")
    builder = SparkSession.builder.appName("ghatna")
    if master:
        builder = builder.master(master)
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session


def _first_line(e: BaseException) -> str:
    text = str(e).strip()
    return text.splitlines()[0] if text else type(e).__name__


def main(argv: list[str] | None = None) -> None:
    """Entry point for ``spark-submit ghatna/spark.py --input … --output …``."""
    parser = argparse.ArgumentParser(prog="ghatna-spark", description=__doc__.splitlines()[0])
    parser.add_argument("--input", required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("--format", default="jsonl", choices=FORMATS)
    parser.add_argument("--date")
    parser.add_argument("--lang", default="gu")
    parser.add_argument("--partitions", type=int)
    parser.add_argument("--master")
    args = parser.parse_args(argv)
    try:
        report = run(args.input, args.output, args.format, args.date, args.lang, args.master, args.partitions)
    except GhatnaError as e:
        raise SystemExit(str(e)) from None
    print(report.summary())


if __name__ == "__main__":
    main()
