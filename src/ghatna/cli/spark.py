"""The Spark command: code a corpus on a Spark cluster (or in local mode) into partitioned Parquet."""

from __future__ import annotations

from typing import Annotated

import typer

from ghatna.cli import app, err
from ghatna.errors import GhatnaError


@app.command()
def spark(
    input_path: Annotated[str, typer.Option("--input", help="Articles: a path or URI (file:, hdfs:, s3a: …) "
                                            "of JSONL, Parquet or .txt files.")],
    output: Annotated[str, typer.Option(help="Where the events go: Parquet partitioned by year and month "
                                        "(replaced if it exists).")],
    fmt: Annotated[str, typer.Option("--format", help="The input: jsonl ({id, text, date, lang} a line), "
                                     "parquet (those columns) or text (each .txt file one article).")] = "jsonl",
    date: Annotated[str | None, typer.Option(help="Article date YYYY-MM-DD for inputs that carry none.")] = None,
    lang: Annotated[str, typer.Option(help="Language of the text (a language pack code).")] = "gu",
    master: Annotated[str | None, typer.Option(help="Spark master URL (default: local mode on every core, or "
                                               "what spark-submit says).")] = None,
    partitions: Annotated[int | None, typer.Option(min=1, help="Repartition the input into this many parts "
                                                   "first (spread a few large files over the cluster).")] = None,
) -> None:
    """Code a corpus with Spark (the optional extra ghatna[spark]): events as Parquet by year and month."""
    from ghatna.spark import run

    try:
        report = run(input_path, output, fmt, date, lang, master, partitions)
    except GhatnaError as e:
        err(str(e))
        raise typer.Exit(1) from None
    err(report.summary())
