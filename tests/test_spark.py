"""The Spark job in local mode: the same events as ``ghatna code`` on the same input, written as Parquet
partitioned by year and month. Skipped (with the reason) where pyspark or Java is missing; CI installs
the extra (``make spark``) so they run there."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

pyspark = pytest.importorskip("pyspark", reason="the optional extra ghatna[spark] is not installed")
if not shutil.which("java"):
    pytest.skip("Spark needs Java on PATH", allow_module_level=True)

from ghatna.spark import SparkError, event_rows, output_columns, run, session_for  # noqa: E402
from ghatna.store.rows import EVENT_COLUMNS, column_type, record_from_row  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def spark():
    session = session_for("local[2]")
    yield session
    session.stop()


def _records(output: Path) -> dict[str, dict]:
    import pyarrow.dataset as ds

    table = ds.dataset(output, format="parquet", partitioning="hive").to_table()
    return {r["id"]: record_from_row(r, r["sentence_text"]) for r in table.to_pylist()}


def _coded(cli, *args) -> dict[str, dict]:
    result = cli("code", "--workers", "1", "--format", "jsonl", *args)
    assert result.exit_code == 0, result.stderr
    return {r["id"]: r for r in map(json.loads, result.stdout.splitlines())}


def test_spark_events_equal_ghatna_code_on_the_shared_corpus(spark, cli, corpus_jsonl: Path, tmp_path: Path):
    out = tmp_path / "events"
    report = run(str(corpus_jsonl), str(out), "jsonl", spark=spark)
    expected = _coded(cli, corpus_jsonl)
    assert len(expected) > 300
    assert _records(out) == expected
    assert report.events == len(expected)
    lines = sum(1 for _ in corpus_jsonl.open(encoding="utf-8"))
    assert report.articles + report.failed == lines
    assert report.failed >= 1  # the corpus line in Latin script


def test_partitions_are_the_year_and_month_of_the_event_date(spark, corpus_jsonl: Path, tmp_path: Path):
    import pyarrow.dataset as ds

    out = tmp_path / "events"
    run(str(corpus_jsonl), str(out), spark=spark)
    years = {p.name for p in out.iterdir() if p.is_dir()}
    assert any(y.startswith("year=20") for y in years)
    table = ds.dataset(out, format="parquet", partitioning="hive").to_table().to_pylist()
    for row in table:
        start = row["date_start"]
        if start is None:
            assert row["year"] is None and row["month"] is None
        else:
            assert (row["year"], row["month"]) == (start.year, start.month)
    dated = [r for r in table if r["year"] is not None]
    part = out / f"year={dated[0]['year']}" / f"month={dated[0]['month']}"
    assert any(part.glob("*.parquet"))


def test_text_and_parquet_inputs_code_like_the_cli(spark, cli, tmp_path: Path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    examples = ROOT / "examples"
    expected = _coded(cli, "--date", "2025-08-30", examples)
    assert expected
    out = tmp_path / "from-text"
    run(str(examples), str(out), "text", date="2025-08-30", spark=spark)
    assert _records(out) == expected

    rows = [{"id": p.stem, "text": p.read_text(encoding="utf-8"), "date": "2025-08-30"}
            for p in sorted(examples.glob("*.txt"))]
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "articles.parquet")
    out = tmp_path / "from-parquet"
    run(str(tmp_path / "articles.parquet"), str(out), "parquet", spark=spark)
    assert _records(out) == expected


def test_bad_input_is_a_clear_error(spark, tmp_path: Path):
    with pytest.raises(SparkError, match="cannot read"):
        run(str(tmp_path / "missing"), str(tmp_path / "out"), "parquet", spark=spark)
    with pytest.raises(SparkError, match="--format"):
        run(str(tmp_path), str(tmp_path / "out"), "csv", spark=spark)


def test_a_failed_article_is_one_counting_row():
    assert event_rows("only Latin letters here", "x") == [{"_failed": 1}]
    assert event_rows("આજે વરસાદ પડ્યો.", "y") == [{"_failed": 0}]
    rows = event_rows("ભારતે પાકિસ્તાન પર પ્રતિબંધો લાદ્યા.", "z", date="2024-05-02")
    assert rows and all(r["_failed"] == 0 and r["article_id"] == "z" for r in rows)


def test_output_columns_match_the_store_schema(tmp_path: Path):
    from ghatna.store import Store

    names = [n for n, _ in output_columns()]
    assert names[: len(EVENT_COLUMNS)] == list(EVENT_COLUMNS)
    with Store(tmp_path / "s.duckdb") as s:
        types = dict(s.query("SELECT column_name, data_type FROM information_schema.columns "
                             "WHERE table_name = 'events'"))
    for name in EVENT_COLUMNS:
        assert column_type(name).replace("STRING", "VARCHAR") == types[name], name


def test_cli_spark_reports_and_fails_cleanly(cli, tmp_path: Path, corpus_jsonl: Path, spark):
    result = cli("spark", "--input", tmp_path / "nothing-here", "--output", tmp_path / "o", "--format", "parquet")
    assert result.exit_code == 1
    assert "cannot read" in result.stderr and "Traceback" not in result.stderr
    result = cli("spark", "--input", corpus_jsonl, "--output", tmp_path / "o", "--date", "yesterday")
    assert result.exit_code == 1 and "YYYY-MM-DD" in result.stderr
