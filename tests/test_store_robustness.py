"""The store under hostile conditions: another process writing it, an ingest killed with SIGKILL at
random points, a full disk. Nothing is lost, nothing is stored twice, and every failure is one line."""

from __future__ import annotations

import json
import os
import random
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ghatna.store import Store, StoreBusy

GHATNA = [sys.executable, "-m", "ghatna"]


def _ingest(db: Path, *inputs: Path, extra: tuple[str, ...] = (), **kw) -> subprocess.Popen:
    return subprocess.Popen([*GHATNA, "ingest", "--db", str(db), *extra, *map(str, inputs)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)


def _finish(p: subprocess.Popen, timeout: float = 300) -> tuple[int, str]:
    _, stderr = p.communicate(timeout=timeout)
    return p.returncode, stderr


def _snapshot(db: Path) -> dict[str, list[tuple]]:
    with Store(db, read_only=True) as s:
        return {
            "articles": sorted(s.query("SELECT id, content_hash, text FROM articles")),
            "sentences": sorted(s.query("SELECT article_id, idx, start_char, end_char FROM sentences")),
            "events": sorted(s.query("SELECT * EXCLUDE (group_key) FROM events")),
        }


@pytest.fixture(scope="module")
def corpus_part(corpus_jsonl: Path, tmp_path_factory) -> Path:
    """The first 1,500 articles of the shared corpus (enough for an ingest of a few seconds)."""
    path = tmp_path_factory.mktemp("part") / "part.jsonl"
    with corpus_jsonl.open(encoding="utf-8") as src, path.open("w", encoding="utf-8") as out:
        for n, line in enumerate(src):
            if n >= 1500:
                break
            out.write(line)
    return path


def _clean_ingest(source: Path, tmp_path_factory, workers: str) -> dict[str, list[tuple]]:
    """The store a whole, uninterrupted ingest of ``source`` makes."""
    db = tmp_path_factory.mktemp("ref") / "ref.duckdb"
    code, stderr = _finish(_ingest(db, source, extra=("--workers", workers)))
    assert code == 0, stderr
    return _snapshot(db)


@pytest.fixture(scope="module")
def reference(corpus_part: Path, tmp_path_factory) -> dict[str, list[tuple]]:
    snap = _clean_ingest(corpus_part, tmp_path_factory, "1")
    assert len(snap["articles"]) > 1400 and snap["events"]
    return snap


class _Holder:
    """Another process holding the store open for writing, for ``seconds``."""

    def __init__(self, db: Path, seconds: float) -> None:
        code = ("import sys, time; from ghatna.store import Store; s = Store(sys.argv[1]); "
                "print('ready', flush=True); time.sleep(float(sys.argv[2])); s.close()")
        self.proc = subprocess.Popen([sys.executable, "-c", code, str(db), str(seconds)],
                                     stdout=subprocess.PIPE, text=True)
        assert self.proc.stdout is not None and self.proc.stdout.readline().strip() == "ready"

    def stop(self) -> None:
        self.proc.kill()
        self.proc.wait()


# -- another process writing ---------------------------------------------------------------------
def test_a_second_writer_is_refused_clearly_when_it_will_not_wait(tmp_path: Path, corpus_part: Path):
    db = tmp_path / "s.duckdb"
    holder = _Holder(db, 60)
    try:
        code, stderr = _finish(_ingest(db, corpus_part, extra=("--wait", "0")))
        assert code == 1
        assert "being written by another process (PID" in stderr and "[G011]" in stderr
        assert "Traceback" not in stderr
        with pytest.raises(StoreBusy):
            Store(db, read_only=True, wait=0.2)
    finally:
        holder.stop()


def test_a_second_writer_waits_and_then_completes(tmp_path: Path, corpus_part: Path, reference):
    db = tmp_path / "s.duckdb"
    holder = _Holder(db, 2)
    code, stderr = _finish(_ingest(db, corpus_part, extra=("--wait", "60", "--workers", "2")))
    holder.proc.wait()
    assert code == 0, stderr
    assert "waiting up to 60 s" in stderr
    assert _snapshot(db) == reference


def test_two_ingests_at_once_both_complete_and_store_each_article_once(tmp_path: Path, corpus_part: Path,
                                                                          reference):
    lines = corpus_part.read_text(encoding="utf-8").splitlines(keepends=True)
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    first.write_text("".join(lines[:1000]), encoding="utf-8")
    second.write_text("".join(lines[500:]), encoding="utf-8")  # 500 articles in both
    db = tmp_path / "s.duckdb"
    runs = [_ingest(db, f, extra=("--wait", "120", "--workers", "1")) for f in (first, second)]
    results = [_finish(p) for p in runs]
    assert all(code == 0 for code, _ in results), results
    assert _snapshot(db) == reference


def test_the_web_app_answers_503_while_another_process_writes(tmp_path: Path):
    from fastapi.testclient import TestClient

    from ghatna.web import create_app

    db = tmp_path / "s.duckdb"
    client = TestClient(create_app(db))
    assert client.get("/api/events").status_code == 200
    holder = _Holder(db, 60)
    try:
        for path in ("/api/events", "/events"):
            r = client.get(path)
            assert r.status_code == 503, path
            assert r.headers["retry-after"]
            assert "another process" in r.text
        r = client.post("/api/articles", json={"id": "x", "text": "ભારતે વિરોધ કર્યો."})
        assert r.status_code == 503
    finally:
        holder.stop()
    assert client.get("/api/events").status_code == 200


# -- SIGKILL at random points -------------------------------------------------------------------------
@pytest.fixture(scope="module")
def long_jsonl(corpus_jsonl: Path, tmp_path_factory) -> Path:
    """The corpus three times over, each copy's texts made distinct by a number: an ingest long enough
    to be killed several times however fast the coder gets."""
    path = tmp_path_factory.mktemp("long") / "long.jsonl"
    lines = corpus_jsonl.read_text(encoding="utf-8").splitlines()
    with path.open("w", encoding="utf-8") as out:
        for copy in range(3):
            for line in lines:
                obj = json.loads(line)
                out.write(json.dumps({"id": f"{obj['id']}#{copy}", "text": f"{obj['text']} ({copy})"},
                                     ensure_ascii=False) + "\n")
    return path


@pytest.fixture(scope="module")
def reference_full(long_jsonl: Path, tmp_path_factory) -> dict[str, list[tuple]]:
    return _clean_ingest(long_jsonl, tmp_path_factory, "2")


@pytest.mark.parametrize("workers", ["1", "2"])
def test_ingest_killed_at_random_points_loses_nothing_and_stores_nothing_twice(
        tmp_path: Path, long_jsonl: Path, reference_full, workers: str):
    db = tmp_path / "s.duckdb"
    rng = random.Random(int(workers) * 7919)
    kills = 0
    for _ in range(8):
        p = _ingest(db, long_jsonl, extra=("--workers", workers, "--batch-size", "25"), start_new_session=True)
        time.sleep(rng.uniform(0.6, 1.6))
        if p.poll() is not None:
            break  # it finished: nothing left to interrupt
        os.killpg(p.pid, signal.SIGKILL)
        p.communicate()
        kills += 1
        if kills == 4:
            break
    assert kills >= 2, "the ingest should have been killed mid-run"
    code, stderr = _finish(_ingest(db, long_jsonl, extra=("--workers", workers)))
    assert code in (0, 1), stderr  # 1 only when an earlier run had already stored everything
    assert _snapshot(db) == reference_full
    with Store(db, read_only=True) as s:
        (dupes,) = next(s.query("SELECT count(*) - count(DISTINCT content_hash) FROM articles"))
        assert dupes == 0
        (orphans,) = next(s.query("SELECT count(*) FROM events e ANTI JOIN articles a ON e.article_id = a.id"))
        assert orphans == 0


# -- a full disk ----------------------------------------------------------------------------------------
def _small_disk() -> None:
    """In the child: files may grow to 1 MB (a full disk as the store sees it), with EFBIG, not a signal."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (1_000_000, 1_000_000))


def test_a_full_disk_gives_one_clear_line_and_the_rerun_completes(tmp_path: Path, corpus_part: Path, reference):
    db = tmp_path / "s.duckdb"
    p = _ingest(db, corpus_part, extra=("--workers", "1", "--batch-size", "100"), preexec_fn=_small_disk)
    code, stderr = _finish(p)
    assert code == 1
    lines = [line for line in stderr.splitlines() if "[G002]" not in line]
    assert lines and "Traceback" not in stderr
    assert any("disk full" in line for line in lines), stderr
    code, stderr = _finish(_ingest(db, corpus_part, extra=("--workers", "1")))
    assert code == 0, stderr
    assert _snapshot(db) == reference


def test_every_stored_article_has_all_its_events(tmp_path: Path, corpus_part: Path, reference):
    """The reference itself: each article's events are those ``ghatna code`` gives it."""
    out = subprocess.run([*GHATNA, "code", "--format", "jsonl", "--workers", "1", str(corpus_part)],
                         capture_output=True, text=True, check=True).stdout
    coded = sorted(json.loads(line)["id"] for line in out.splitlines())
    assert coded == sorted(row[0] for row in reference["events"])


def test_web_queries_during_stores_see_whole_articles_only(tmp_path: Path, corpus_part: Path):
    """Threads storing articles through the web app while others read them back: a reader sees an
    article with all its events or not at all."""
    import threading

    from fastapi.testclient import TestClient

    import ghatna
    from ghatna.web import create_app

    texts = [json.loads(line)["text"] for line in corpus_part.read_text(encoding="utf-8").splitlines()[:600]]
    expected: dict[str, int] = {}
    for n, text in enumerate(texts):
        try:
            events = ghatna.code(text)
        except ghatna.GhatnaError:
            continue
        if events or n % 4 == 0:  # every article with events, and some without
            expected[f"a{n}"] = len(events)
    assert sum(expected.values()) > 10
    client = TestClient(create_app(tmp_path / "s.duckdb"))
    problems: list[str] = []
    done = threading.Event()

    def write(ids: list[str]) -> None:
        for article_id in ids:
            r = client.post("/api/articles", json={"id": article_id, "text": texts[int(article_id[1:])]})
            if r.status_code != 201:
                problems.append(f"store {article_id}: {r.status_code}")

    def read() -> None:
        rng = random.Random(threading.get_ident())
        seen = 0
        while not done.is_set() or seen < 50:
            article_id = rng.choice(list(expected))
            r = client.get(f"/api/articles/{article_id}")
            seen += 1
            if r.status_code == 200 and len(r.json()["events"]) != expected[article_id]:
                problems.append(f"{article_id}: {len(r.json()['events'])} of {expected[article_id]} events")
            elif r.status_code not in (200, 404):
                problems.append(f"read {article_id}: {r.status_code}")

    ids = list(expected)
    writers = [threading.Thread(target=write, args=(ids[k::2],)) for k in range(2)]
    readers = [threading.Thread(target=read) for _ in range(3)]
    for t in (*writers, *readers):
        t.start()
    for t in writers:
        t.join()
    done.set()
    for t in readers:
        t.join()
    assert not problems, problems[:5]
    events = client.get("/api/events", params={"factuality": "all", "per_page": 500}).json()["total"]
    assert events == sum(expected.values())


@pytest.fixture
def small_filesystem(tmp_path: Path):
    """A real 1 MB file system (tmpfs), where this machine lets the tests mount one (root on Linux)."""
    mount = tmp_path / "small"
    mount.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)],
                                           capture_output=True).returncode != 0:
        pytest.skip("mounting a small file system needs root (the RLIMIT_FSIZE test covers the rest)")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_file_system_keeps_what_was_committed(small_filesystem: Path, tmp_path: Path, corpus_part: Path,
                                                     reference):
    import shutil

    db = small_filesystem / "s.duckdb"
    code, stderr = _finish(_ingest(db, corpus_part, extra=("--workers", "1", "--batch-size", "100")))
    assert code == 1
    assert "Traceback" not in stderr and "disk full" in stderr, stderr[-500:]
    moved = tmp_path / "moved.duckdb"  # the store as the full disk left it, on a disk with room
    for f in small_filesystem.iterdir():
        shutil.copy(f, tmp_path / f.name.replace("s.duckdb", "moved.duckdb"))
    code, stderr = _finish(_ingest(moved, corpus_part, extra=("--workers", "1")))
    assert code == 0, stderr
    assert _snapshot(moved) == reference
