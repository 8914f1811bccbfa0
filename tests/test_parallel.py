"""Parallel coding: the same output, in the same order, with any number of workers."""

from __future__ import annotations

import json
import multiprocessing
import os
from pathlib import Path

import pytest

from ghatna.cli import event_lines
from ghatna.errors import InputError
from ghatna.evaluation import CORPUS_FILES
from ghatna.parallel import Job, WorkerDied, code_stream
from ghatna.readers import RawLine, read_line
from ghatna.store import Store

SENTENCES = ["ભારતે પાકિસ્તાન પર પ્રતિબંધો લાદ્યા.", "Latin text only, not coded.",
             "રશિયાએ આ આરોપોને નકાર્યા.", "", "ચીને અમેરિકાની ટીકા કરી."]


def _jobs(n: int) -> list[Job[int]]:
    return [Job(SENTENCES[i % len(SENTENCES)], f"d{i}", payload=i) for i in range(n)]


@pytest.mark.parametrize("n", [0, 1, 3, 4, 5, 9, 23])
def test_order_payloads_and_errors_survive_any_chunking(n: int):
    single = list(code_stream(_jobs(n), event_lines, workers=1))
    pooled = list(code_stream(_jobs(n), event_lines, workers=2, chunk=2))
    assert [j.payload for j, _, _ in pooled] == list(range(n))
    assert [(j.doc_id, r, e) for j, r, e in pooled] == [(j.doc_id, r, e) for j, r, e in single]
    errors = [e for _, _, e in pooled if e]
    assert len(errors) == sum(1 for i in range(n) if i % 5 == 1)  # the Latin line, with its message
    assert all("Latin" in e for e in errors)
    if n > 2:
        assert any(r for _, r, _ in pooled), "the Gujarati sentences give events"


def test_chunks_close_at_a_number_of_jobs_or_of_characters(monkeypatch: pytest.MonkeyPatch):
    from ghatna import parallel

    monkeypatch.setattr(parallel, "CHUNK_CHARS", 100)
    short = [Job("ક" * 10, f"s{i}") for i in range(7)]
    long = [Job("ક" * 250, f"l{i}") for i in range(3)]
    it = iter([*short, *long])
    sizes = []
    while chunk := parallel._take(it, 4):
        sizes.append([j.doc_id for j in chunk])
    # four short texts (the job limit), three more up to the long one that fills the chunk, then one
    # long text a chunk: every job exactly once, in order
    assert sizes == [["s0", "s1", "s2", "s3"], ["s4", "s5", "s6", "l0"], ["l1"], ["l2"]]
    # and coding in such chunks changes nothing
    jobs = [Job(SENTENCES[i % len(SENTENCES)] * (1 + i % 4), f"d{i}", payload=i) for i in range(12)]
    pooled = list(code_stream(jobs, event_lines, workers=2))
    assert [(j.doc_id, r, e) for j, r, e in pooled] == [(j.doc_id, r, e) for j, r, e in
                                                         code_stream(jobs, event_lines, workers=1)]


def test_one_worker_reads_at_most_ahead_jobs_before_coding():
    read: list[str] = []

    def jobs():
        for job in _jobs(7):
            read.append(job.doc_id)
            yield job

    for ahead, expected in ((1, 1), (3, 3)):
        read.clear()
        it = code_stream(jobs(), event_lines, workers=1, ahead=ahead)
        first, _, _ = next(it)
        assert first.doc_id == "d0" and len(read) == expected
        rest = list(it)
        assert [j.doc_id for j, _, _ in rest] == [f"d{i}" for i in range(1, 7)]
    batched = [(j.doc_id, r, e) for j, r, e in code_stream(_jobs(7), event_lines, workers=1, ahead=4)]
    assert batched == [(j.doc_id, r, e) for j, r, e in code_stream(_jobs(7), event_lines, workers=1)]


def test_workers_must_be_positive():
    with pytest.raises(ValueError):
        list(code_stream(_jobs(1), event_lines, workers=0))


def test_code_cli_same_output_with_two_workers(cli, corpus_jsonl: Path):
    one = cli("code", "--workers", "1", "--format", "jsonl", corpus_jsonl)
    two = cli("code", "--workers", "2", "--format", "jsonl", corpus_jsonl)
    assert one.exit_code == two.exit_code == 0
    assert one.stdout == two.stdout
    assert len(one.stdout.splitlines()) > 300
    assert one.stderr == two.stderr  # the lines in another script, reported in the same order
    ids = [json.loads(line)["doc_id"] for line in one.stdout.splitlines()]
    order = {}
    for rel_id in ids:
        order.setdefault(rel_id, len(order))
    assert list(order) == sorted(order, key=lambda i: (_file_rank(i), int(i.rsplit(":", 1)[1])))


def _file_rank(doc_id: str) -> int:
    return [Path(f).name for f in CORPUS_FILES].index(doc_id.rsplit(":", 1)[0])


def test_ingest_same_store_with_two_workers(cli, corpus_jsonl: Path, tmp_path: Path):
    dbs = {}
    for workers in (1, 2):
        db = tmp_path / f"w{workers}.duckdb"
        result = cli("ingest", "--workers", workers, "--batch-size", "97", "--db", db, corpus_jsonl)
        assert result.exit_code == 0, result.stderr
        dbs[workers] = db
    snapshots = []
    for db in dbs.values():
        with Store(db, read_only=True) as s:
            snapshots.append({
                "articles": list(s.query("SELECT id, content_hash, text, published FROM articles ORDER BY rowid")),
                "sentences": list(s.query("SELECT * FROM sentences ORDER BY article_id, idx")),
                "events": list(s.query("SELECT * FROM events ORDER BY rowid")),
                "actors": list(s.query("SELECT * FROM actors ORDER BY code, name")),
            })
    one, two = snapshots
    assert len(one["articles"]) > 4900 and len(one["events"]) > 300
    for table in one:
        assert one[table] == two[table], table


def test_ingest_twice_in_parallel_skips_everything(cli, corpus_jsonl: Path, tmp_path: Path):
    db = tmp_path / "s.duckdb"
    assert cli("ingest", "--workers", "2", "--db", db, corpus_jsonl).exit_code == 0
    again = cli("ingest", "--workers", "2", "--db", db, corpus_jsonl)
    assert again.exit_code == 1 or "stored 0 articles" in again.stderr
    assert "stored 0 articles" in again.stderr


def test_recode_in_parallel_keeps_the_events(cli, corpus_jsonl: Path, tmp_path: Path):
    db = tmp_path / "s.duckdb"
    assert cli("ingest", "--workers", "1", "--db", db, corpus_jsonl).exit_code == 0
    with Store(db, read_only=True) as s:
        before = list(s.query("SELECT * FROM events ORDER BY id"))
    assert cli("recode", "--workers", "2", "--db", db).exit_code == 0
    with Store(db, read_only=True) as s:
        after = list(s.query("SELECT * FROM events ORDER BY id"))
    assert before == after and len(before) > 300


def test_workers_zero_is_a_usage_error(cli, tmp_path: Path):
    f = tmp_path / "a.txt"
    f.write_text(SENTENCES[0], encoding="utf-8")
    result = cli("code", "--workers", "0", f)
    assert result.exit_code == 2
    assert "workers" in result.stderr.lower()


def test_an_unknown_language_fails_only_its_own_articles():
    jobs = [Job(SENTENCES[0], f"d{i}", lang="xx" if i == 1 else "gu") for i in range(6)]
    results = list(code_stream(jobs, event_lines, workers=2, chunk=2))
    assert [j.doc_id for j, _, _ in results] == [f"d{i}" for i in range(6)]
    assert results[1][2] and "no language pack" in results[1][2]
    assert all(r for k, (_, r, _) in enumerate(results) if k != 1)


def _collector_state(doc) -> bool:
    import gc

    return gc.isenabled()


def test_documents_are_coded_and_extracted_with_the_collector_paused() -> None:
    """Paused until the chunk's documents are dropped (reference counting frees them), then as it was."""
    import gc

    jobs = [Job("ભારતે ચીનની ટીકા કરી.", f"d{n}") for n in range(3)]
    assert [got for _, got, _ in code_stream(jobs, _collector_state, workers=1, ahead=3)] == [False] * 3
    assert gc.isenabled()


# -- JSONL lines read in the workers, and the worker processes themselves -----------------------------

def _raw_jobs() -> list[Job[int]]:
    lines = [json.dumps({"id": "a", "text": SENTENCES[0], "date": "2024-03-05"}, ensure_ascii=False).encode(),
             b"{not json",
             json.dumps({"text": SENTENCES[2], "lang": "gu"}, ensure_ascii=False).encode(),
             json.dumps({"id": "d", "text": 42}).encode(),
             b"\xff\xfe bad bytes",
             json.dumps({"id": "f", "text": SENTENCES[4], "date": "2024-13-45"}, ensure_ascii=False).encode()]
    return [Job(RawLine(data, f"f.jsonl:{n}", f"f-{n}"), f"f-{n}", "2020-01-01", "gu", payload=n)
            for n, data in enumerate(lines, 1)]


def _id_and_dates(doc) -> tuple[str, list[str]]:
    return doc.doc_id, [e.date for e in doc.events]


@pytest.mark.parametrize("workers", [1, 2])
def test_jsonl_lines_are_read_where_they_are_coded(workers: int):
    results = list(code_stream(_raw_jobs(), _id_and_dates, workers=workers, chunk=2))
    assert [j.payload for j, _, _ in results] == [1, 2, 3, 4, 5, 6]
    got = {j.payload: (r, e) for j, r, e in results}
    assert got[1][0] == ("a", ["2024-03-05"])  # the record's id and date
    assert got[3][0] == ("f-3", ["2020-01-01"])  # no id or date in the record: the job's
    assert "f.jsonl:2: not valid JSON" in got[2][1]
    assert 'f.jsonl:4: no "text" string' in got[4][1]
    assert "f.jsonl:5: not UTF-8" in got[5][1]
    assert got[6][0] is None and "2024-13-45" in got[6][1]  # a record's bad date fails that article only
    # exactly what reading the lines first gives
    for job, result, error in results:
        article = read_line(job.text)  # type: ignore[arg-type]
        if isinstance(article, InputError):
            assert error == str(article)
        elif result is not None:
            assert result[0] == article.id


def _exit_on_second(doc) -> str:
    if doc.doc_id == "d2":
        os._exit(3)  # as if the process were killed
    return doc.doc_id


def _raise_on_second(doc) -> str:
    if doc.doc_id == "d2":
        raise ValueError("extract failed on d2")
    return doc.doc_id


def test_a_worker_that_dies_is_an_error_naming_its_exit_code():
    with pytest.raises(WorkerDied, match="exit code 3"):
        list(code_stream(_jobs(6), _exit_on_second, workers=2, chunk=1))
    assert not multiprocessing.active_children()


def test_what_extract_raises_in_a_worker_is_raised_to_the_caller():
    with pytest.raises(ValueError, match="extract failed on d2"):
        list(code_stream(_jobs(6), _raise_on_second, workers=2, chunk=1))
    assert not multiprocessing.active_children()


def test_a_caller_that_stops_reading_leaves_no_worker_behind():
    it = code_stream(_jobs(40), event_lines, workers=2, chunk=2)
    first = next(it)
    assert first[0].doc_id == "d0" and multiprocessing.active_children()
    it.close()
    assert not multiprocessing.active_children()


def test_cli_reports_a_dead_worker_in_one_line(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from ghatna import cli as cli_module

    monkeypatch.setattr(cli_module, "coded_lines", _exit_on_second)
    src = tmp_path / "n.jsonl"
    src.write_text("".join(json.dumps({"id": f"d{i}", "text": SENTENCES[0]}, ensure_ascii=False) + "\n"
                           for i in range(300)), encoding="utf-8")
    result = cli("code", "--workers", "2", "--format", "jsonl", src)
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == ["[G020] a coding process stopped without answering (exit code 3)"]


def test_workers_started_by_spawn_code_alike(monkeypatch: pytest.MonkeyPatch):
    """Where fork is missing (Windows, and macOS by default) the workers are spawned: fresh
    interpreters that load the lexicons themselves; the output is the same."""
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    methods: list[str] = []
    get_context = multiprocessing.get_context
    monkeypatch.setattr(multiprocessing, "get_context",
                        lambda method=None: methods.append(method) or get_context(method))
    pooled = list(code_stream(_jobs(9), event_lines, workers=2, chunk=2))
    assert methods == ["spawn"]
    single = list(code_stream(_jobs(9), event_lines, workers=1))
    assert [(j.doc_id, r, e) for j, r, e in pooled] == [(j.doc_id, r, e) for j, r, e in single]
    assert not multiprocessing.active_children()


_KILLED_PARENT = """
import multiprocessing, os, sys
from ghatna.cli import event_lines
from ghatna.parallel import Job, code_stream

jobs = [Job("ભારતે ચીનની ટીકા કરી.", f"d{i}") for i in range(300)]
it = code_stream(jobs, event_lines, workers=3, chunk=2)
next(it)
with open(sys.argv[1], "w") as fh:
    fh.write(" ".join(str(p.pid) for p in multiprocessing.active_children()))
os._exit(0)  # as if killed: no clean-up, the workers mid-run
"""


def _running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_workers_end_when_their_parent_dies(tmp_path: Path):
    import subprocess
    import sys
    import time

    pids_file = tmp_path / "pids"
    subprocess.run([sys.executable, "-c", _KILLED_PARENT, str(pids_file)], check=True, timeout=120,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    pids = [int(p) for p in pids_file.read_text().split()]
    assert len(pids) == 3
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and any(_running(p) for p in pids):
        time.sleep(0.1)
    try:
        assert not any(_running(p) for p in pids), "a worker outlived its parent"
    finally:
        for pid in pids:
            if _running(pid):
                os.kill(pid, 9)
