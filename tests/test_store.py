"""The event store as a library: ``ghatna.store.Store`` — ingest (idempotent, transactional), recode,
queries, dyads, the actor network, exports, migrations and refusal of files it cannot read.

Every store lives under ``tmp_path``. The Gujarati articles are written for these tests; the events they
give are pinned in ``test_corpus_codes_as_the_queries_assume`` so that a coder change shows up there
first rather than as puzzling query failures.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import tempfile
from pathlib import Path
from typing import Any

import duckdb
import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ghatna import MIN_SCRIPT_SHARE, code_doc, load_language
from ghatna.readers import Article, iter_articles
from ghatna.store import Filters, IngestReport, Store, StoreError, schema
from ghatna.store import export as export_mod
from ghatna.store import rows as rows_mod
from ghatna.store.queries import FilterError
from ghatna.store.rows import EVENT_COLUMNS, content_hash
from support import ATOM_FEED, HTML_PAGE, RSS_FEED

# -- the corpus ---------------------------------------------------------------------------------------
# id: (text, article date, source, url, title)
CORPUS: dict[str, tuple[str, str | None, str | None, str | None, str | None]] = {
    "a1": ("અમેરિકાએ ઉત્તર કોરિયા પર પ્રતિબંધો લગાવ્યા છે. ભારતે પાકિસ્તાનની આકરી ટીકા કરી.", "2023-01-15",
           "સંદેશ", "https://news.example.in/a1", "પ્રતિબંધો અને ટીકા"),
    "a2": ("પાકિસ્તાને ભારતની ટીકા કરી. ભારતે પાકિસ્તાન પર હુમલો કર્યો ન હતો.", "2023-02-20",
           "સંદેશ", "https://news.example.in/a2", "સરહદ પર નિવેદનો"),
    "a3": ("ભારત પાકિસ્તાન પર હુમલો કરી શકે છે. વડાપ્રધાન નરેન્દ્ર મોદીએ જાપાનની મુલાકાત લીધી.", "2024-03-05",
           "દિવ્ય ભાસ્કર", "https://news.example.in/a3", None),
    "a4": ("રશિયાએ યુક્રેન પર હુમલો કર્યો. ભારતે પાકિસ્તાનને મદદ આપી.", "2024-03-05",
           "દિવ્ય ભાસ્કર", "https://news.example.in/a4", None),
    # the same real event as a1's second sentence (same source, target, code and date), other words around it
    "b1": ("ભારતે પાકિસ્તાનની આકરી ટીકા કરી. સરહદ પર તણાવ વધ્યો છે.", "2023-01-15",
           "ગુજરાત સમાચાર", "https://other.example.in/b1", None),
    "c": ("ઈરાને ઇઝરાયલની નિંદા કરી.\n\nપુતિને કિમ જોંગ ઉન સાથે મુલાકાત કરી.", None, None, None, None),
    "d": ("૫ માર્ચ ૨૦૨૨ના રોજ રશિયાએ યુક્રેન પર હુમલો કર્યો.", None, None, None, None),
    "e": ("સંયુક્ત રાષ્ટ્રએ રશિયાની ટીકા કરી.", "2022-11-30", None, None, None),
    "g": ("૨૦૨૩માં ભારતે પાકિસ્તાનની ટીકા કરી.", None, None, None, None),
    "h": ("અધિકારીઓએ જણાવ્યું કે ભારતે પાકિસ્તાનની ટીકા કરી.", "2023-01-10", None, None, None),
    "i": ("ભારત આવતા મહિને પાકિસ્તાનની મુલાકાત લેશે.", "2023-01-10", None, None, None),
}

# (event id, source code, target code, CAMEO, QuadClass, Goldstein, factuality, date)
EXPECTED = [
    ("a1:0:0", "USA", "PRK", "163", 4, -8.0, "asserted", "2023-01-15"),
    ("a1:1:0", "IND", "PAK", "111", 3, -2.0, "asserted", "2023-01-15"),
    ("a2:0:0", "PAK", "IND", "111", 3, -2.0, "asserted", "2023-02-20"),
    ("a2:1:0", "IND", "PAK", "190", 4, -10.0, "negated", "2023-02-20"),
    ("a3:0:0", "IND", "PAK", "190", 4, -10.0, "hypothetical", "2024-03-05"),
    ("a3:1:0", "INDGOV", "JPN", "042", 1, 1.9, "asserted", "2024-03-05"),
    ("a4:0:0", "RUS", "UKR", "190", 4, -10.0, "asserted", "2024-03-05"),
    ("a4:1:0", "IND", "PAK", "070", 2, 7.0, "asserted", "2024-03-05"),
    ("b1:0:0", "IND", "PAK", "111", 3, -2.0, "asserted", "2023-01-15"),
    ("c:0:0", "IRN", "ISR", "111", 3, -2.0, "asserted", None),
    ("c:1:0", "RUSGOV", "PRKGOV", "040", 1, 1.0, "asserted", None),
    ("d:0:0", "RUS", "UKR", "190", 4, -10.0, "asserted", "2022-03-05"),
    ("e:0:0", "IGOUNO", "RUS", "111", 3, -2.0, "asserted", "2022-11-30"),
    ("g:0:0", "IND", "PAK", "111", 3, -2.0, "asserted", "2023"),
    ("h:0:0", "IND", "PAK", "111", 3, -2.0, "reported", "2023-01-10"),
    ("i:0:0", "IND", "PAK", "042", 1, 1.9, "future", "2023-02"),
]
ALL_IDS = {e[0] for e in EXPECTED}
DEFAULT_IDS = {e[0] for e in EXPECTED if e[6] in ("asserted", "reported")}


def articles(ids: list[str] | None = None) -> list[Article]:
    return [Article(k, t, date=d, source=s, url=u, title=ti, origin=k)
            for k, (t, d, s, u, ti) in CORPUS.items() if ids is None or k in ids]


def ids_of(frame: Any) -> set[str]:
    return set(frame["id"])


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory: pytest.TempPathFactory):
    """A store holding the whole corpus, shared by the read-only query tests."""
    path = tmp_path_factory.mktemp("corpus") / "corpus.duckdb"
    store = Store(path)
    report = store.ingest(articles(), batch_size=4)
    assert report.articles == len(CORPUS) and report.failed == 0
    yield store
    store.close()


@pytest.fixture
def store(tmp_path: Path):
    s = Store(tmp_path / "store.duckdb")
    yield s
    s.close()


def table_counts(s: Store) -> dict[str, int]:
    return s.counts()


def integrity(s: Store) -> None:
    """No article without its sentences, no sentence or event without its article."""
    orphan_events = s.con.execute("SELECT count(*) FROM events WHERE article_id NOT IN (SELECT id FROM articles)"
                                  ).fetchone()[0]
    orphan_sents = s.con.execute("SELECT count(*) FROM sentences WHERE article_id NOT IN (SELECT id FROM articles)"
                                 ).fetchone()[0]
    bare = s.con.execute("SELECT count(*) FROM articles WHERE id NOT IN (SELECT article_id FROM sentences)"
                         ).fetchone()[0]
    assert (orphan_events, orphan_sents, bare) == (0, 0, 0)


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- the corpus is what the tests think it is ----------------------------------------------------------
def test_corpus_codes_as_the_queries_assume():
    got = []
    for k, (text, date, *_rest) in CORPUS.items():
        for e in code_doc(text, k, date).events:
            r = e.to_dict()
            got.append((r["id"], r["source"]["code"], r["target"]["code"], r["cameo"], r["quad_class"],
                        r["goldstein"], r["factuality"], r["date"]))
    assert sorted(got) == sorted(EXPECTED)


# -- ingest --------------------------------------------------------------------------------------------
def test_ingest_stores_articles_with_metadata_sentences_and_events(corpus_store: Store):
    c = corpus_store.counts()
    assert c["articles"] == len(CORPUS)
    assert c["events"] == len(EXPECTED)
    assert c["sentences"] == sum(1 for _ in corpus_store.query("SELECT 1 FROM sentences"))
    row = corpus_store.con.execute("SELECT id, content_hash, source, url, title, published, lang, text, ingested_at "
                                   "FROM articles WHERE id = 'a1'").fetchone()
    text, _, source, url, title = CORPUS["a1"]
    assert row[:8] == ("a1", content_hash(text), source, url, title, dt.date(2023, 1, 15), "gu", text)
    assert isinstance(row[8], dt.datetime)
    sents = corpus_store.con.execute("SELECT idx, text FROM sentences WHERE article_id = 'c' ORDER BY idx").fetchall()
    assert sents == [(0, "ઈરાને ઇઝરાયલની નિંદા કરી."), (1, "પુતિને કિમ જોંગ ઉન સાથે મુલાકાત કરી.")]


def test_events_table_flattens_every_field_of_the_record(corpus_store: Store):
    e = corpus_store.con.execute("SELECT * FROM events WHERE id = 'a3:1:0'").df().iloc[0]
    assert (e.article_id, e.lang, e.sentence_index) == ("a3", "gu", 1)
    assert (e.source_code, e.source_country, e.source_name, e.source_role) == ("INDGOV", "IND", "Narendra Modi", "GOV")
    assert (e.target_code, e.target_country) == ("JPN", "JPN")
    assert (e.cameo, e.cameo_root, e.plover_event, e.plover_mode) == ("042", "04", "CONSULT", "visit")
    text = CORPUS["a3"][0]
    assert text[e.source_start:e.source_end] == e.source_text
    assert text[e.trigger_start:e.trigger_end] == e.trigger_text
    assert text[e.sentence_start:e.sentence_end] == "વડાપ્રધાન નરેન્દ્ર મોદીએ જાપાનની મુલાકાત લીધી."
    assert (e.date, e.date_basis, e.date_precision) == ("2024-03-05", "article", "day")
    # every column of the record, compared with the coder's own output
    record = next(x for x in code_doc(text, "a3", "2024-03-05").events if x.id == "a3:1:0").to_dict()
    assert e.goldstein == record["goldstein"] and e.cameo_label == record["cameo_label"]
    actors = corpus_store.con.execute("SELECT code, name, country FROM actors WHERE code = 'INDGOV'").fetchall()
    assert ("INDGOV", "Narendra Modi", "IND") in actors


def test_date_ranges_and_precision_stored(corpus_store: Store):
    got = {r[0]: r[1:] for r in corpus_store.query(
        "SELECT id, date_start, date_end, date_precision FROM events WHERE id IN ('g:0:0', 'i:0:0', 'd:0:0', 'c:0:0')")}
    assert got["g:0:0"] == (dt.date(2023, 1, 1), dt.date(2023, 12, 31), "year")
    assert got["i:0:0"] == (dt.date(2023, 2, 1), dt.date(2023, 2, 28), "month")
    assert got["d:0:0"] == (dt.date(2022, 3, 5), dt.date(2022, 3, 5), "day")
    assert got["c:0:0"] == (None, None, None)


def test_ingest_date_and_source_fill_articles_that_carry_none(store: Store):
    arts = [Article("x", "ચીને જાપાનની ટીકા કરી."),
            Article("y", "ઈરાને ઇઝરાયલની નિંદા કરી.", date="2021-07-04", source="પોતાનો સ્ત્રોત")]
    store.ingest(arts, source="ફીડ", date="2022-08-09")
    got = {r[0]: r[1:] for r in store.query("SELECT id, source, published FROM articles")}
    assert got == {"x": ("ફીડ", dt.date(2022, 8, 9)), "y": ("પોતાનો સ્ત્રોત", dt.date(2021, 7, 4))}
    dates = dict(store.query("SELECT article_id, date FROM events"))
    assert dates == {"x": "2022-08-09", "y": "2021-07-04"}


def test_ingest_of_every_input_kind_from_files(tmp_path: Path, store: Store):
    d = tmp_path / "in"
    d.mkdir()
    (d / "plain.txt").write_text("રશિયાએ યુક્રેન પર હુમલો કર્યો.", encoding="utf-8")
    (d / "lines.jsonl").write_text(json.dumps({
        "id": "j-1", "text": "ચીને જાપાનની ટીકા કરી.", "date": "2022-05-06", "url": "https://j.example/1",
        "title": "ચીનનું નિવેદન", "source": "જેસન સમાચાર"}, ensure_ascii=False) + "\n", encoding="utf-8")
    (d / "page.html").write_text(HTML_PAGE, encoding="utf-8")
    (d / "news.rss").write_text(RSS_FEED, encoding="utf-8")
    (d / "world.atom").write_text(ATOM_FEED, encoding="utf-8")
    (d / "notes.md").write_text("આ ફાઈલ લેવાની નથી.", encoding="utf-8")
    report = store.ingest(iter_articles([str(d)], rich=True))
    assert (report.articles, report.failed, report.skipped) == (7, 0, 0)
    rows = {r[0]: r[1:] for r in store.query("SELECT id, source, url, title, published FROM articles")}
    assert set(rows) == {"plain", "j-1", "page", "https://example.org/news/1", "https://example.org/news/2",
                         "urn:uuid:entry-1", "urn:uuid:entry-2"}
    assert rows["j-1"] == ("જેસન સમાચાર", "https://j.example/1", "ચીનનું નિવેદન", dt.date(2022, 5, 6))
    assert rows["page"][1:] == ("https://news.example.in/2023/06/india-pakistan", "ભારતે પાકિસ્તાનની ટીકા કરી",
                                dt.date(2023, 6, 12))
    assert rows["https://example.org/news/2"] == ("ગુજરાત સમાચાર ફીડ", "https://example.org/news/2", "ચીન-જાપાન",
                                                 dt.date(2023, 3, 8))
    # Atom: the published date, not the (later) updated date
    assert rows["urn:uuid:entry-1"] == ("દુનિયા સમાચાર", "https://example.com/a/1", "ઈરાન-ઇઝરાયલ", dt.date(2023, 4, 1))
    ev = set(store.query("SELECT article_id, source_code, target_code, cameo FROM events"))
    assert ("plain", "RUS", "UKR", "190") in ev
    assert ("j-1", "CHN", "JPN", "111") in ev
    assert ("page", "USA", "PRK", "163") in ev and ("page", "IND", "PAK", "111") in ev
    assert ("https://example.org/news/1", "RUS", "UKR", "190") in ev
    assert ("urn:uuid:entry-2", "INDGOV", "JPN", "042") in ev
    # the page's boilerplate (navigation, footer) is not article text
    page_text = next(store.query("SELECT text FROM articles WHERE id = 'page'"))[0]
    assert "અમેરિકાએ ઉત્તર કોરિયા પર પ્રતિબંધો લગાવ્યા છે." in page_text
    assert "મુખ્ય પાનું" not in page_text and "કૉપિરાઇટ" not in page_text
    # feed entry events are dated by the entry's publication date
    feed_date = next(store.query("SELECT date FROM events WHERE article_id = 'https://example.org/news/1'"))[0]
    assert feed_date == "2023-03-07"
    integrity(store)


def test_ingest_is_idempotent(corpus_store: Store, tmp_path: Path):
    path = tmp_path / "again.duckdb"
    with Store(path) as s:
        first = s.ingest(articles())
        before = s.counts()
        second = s.ingest(articles())
        assert (second.articles, second.skipped, second.events) == (0, len(CORPUS), 0)
        assert s.counts() == before
        assert f"{len(CORPUS)} already stored" in second.summary()
    assert first.articles == len(CORPUS)
    with Store(path) as s:  # and after reopening
        third = s.ingest(articles(["a1", "c"]))
        assert (third.articles, third.skipped) == (0, 2)
        assert s.counts() == before


def test_same_text_under_another_name_is_skipped(store: Store):
    text = CORPUS["a1"][0]
    store.ingest([Article("first", text)])
    report = store.ingest([Article("second-copy", text, date="2020-01-01")])
    assert (report.articles, report.skipped) == (0, 1)
    assert [r[0] for r in store.query("SELECT id FROM articles")] == ["first"]
    # within one batch too
    report = store.ingest([Article("p", "ચીને જાપાનની ટીકા કરી."), Article("q", "ચીને જાપાનની ટીકા કરી.")])
    assert (report.articles, report.skipped) == (1, 1)


def test_different_texts_with_the_same_id_are_both_stored(store: Store):
    store.ingest([Article("same", "ચીને જાપાનની ટીકા કરી.")])
    store.ingest([Article("same", "ઈરાને ઇઝરાયલની નિંદા કરી."), Article("same", "રશિયાએ યુક્રેન પર હુમલો કર્યો.")])
    ids = [r[0] for r in store.query("SELECT id FROM articles ORDER BY ingested_at, id")]
    assert len(ids) == 3 and len(set(ids)) == 3 and "same" in ids
    texts = {r[0] for r in store.query("SELECT text FROM articles")}
    assert len(texts) == 3
    # each article's events carry its own (distinct) id
    per_article = dict(store.query("SELECT article_id, count(*) FROM events GROUP BY 1"))
    assert set(per_article) == set(ids) and all(n == 1 for n in per_article.values())
    integrity(store)


def test_input_errors_are_counted_and_reported_without_stopping(store: Store):
    from ghatna.errors import InputError

    seen: list[str] = []
    items = [InputError("bad.txt: not UTF-8"), Article("ok", "ચીને જાપાનની ટીકા કરી.")]
    report = store.ingest(items, on_error=seen.append)
    assert (report.articles, report.failed) == (1, 1)
    assert seen and "bad.txt" in seen[0] and report.errors == seen


def test_progress_is_called_per_article(store: Store):
    calls: list[int] = []
    store.ingest(articles(["a1", "a2", "a3"]), batch_size=2, progress=lambda r: calls.append(r.articles))
    assert calls == [1, 2, 3]


# -- interruption --------------------------------------------------------------------------------------
class FailingConnection:
    """A DuckDB connection that raises on the ``fail_on``-th statement starting with ``prefix``."""

    def __init__(self, con: duckdb.DuckDBPyConnection, prefix: str, fail_on: int,
                 exc: type[BaseException] = RuntimeError) -> None:
        self._con, self._prefix, self._fail_on, self._exc, self.seen = con, prefix, fail_on, exc, 0

    def execute(self, sql: str, *args: Any, **kw: Any):
        if sql.lstrip().startswith(self._prefix):
            self.seen += 1
            if self.seen == self._fail_on:
                raise self._exc(f"simulated failure at {self._prefix!r}")
        return self._con.execute(sql, *args, **kw)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._con, name)


def test_failure_inside_a_batch_write_leaves_only_whole_earlier_batches(tmp_path: Path):
    path = tmp_path / "s.duckdb"
    arts = articles(["a1", "a2", "a3", "a4", "b1"])
    with Store(path) as s:
        real = s.con
        # the second batch fails after its articles (and sentences) went in, before its events
        s.con = FailingConnection(real, "INSERT INTO events", fail_on=2)  # type: ignore[assignment]
        with pytest.raises(RuntimeError, match="simulated"):
            s.ingest(arts, batch_size=2)
        s.con = real
        assert sorted(r[0] for r in s.query("SELECT id FROM articles")) == ["a1", "a2"]
        assert sorted(r[0] for r in s.query("SELECT DISTINCT article_id FROM events")) == ["a1", "a2"]
        assert s.counts()["events"] == 4
        integrity(s)
    with Store(path) as s:  # a re-run completes, skipping what is stored
        report = s.ingest(arts, batch_size=2)
        assert (report.articles, report.skipped) == (3, 2)
        assert s.counts()["articles"] == 5 and s.counts()["events"] == 9
        integrity(s)


def test_keyboard_interrupt_from_the_input_keeps_whole_batches(tmp_path: Path):
    path = tmp_path / "s.duckdb"
    arts = articles()

    def interrupted(k: int):
        for n, a in enumerate(arts):
            if n == k:
                raise KeyboardInterrupt
            yield a

    with Store(path) as s, pytest.raises(KeyboardInterrupt):
        s.ingest(interrupted(5), batch_size=2)
    with Store(path) as s:
        stored = sorted(r[0] for r in s.query("SELECT id FROM articles"))
        assert stored == sorted(list(CORPUS)[:4])  # two whole batches; the fifth article was pending
        integrity(s)
        expected_events = sum(1 for e in EXPECTED if e[0].split(":")[0] in stored)
        assert s.counts()["events"] == expected_events
        report = s.ingest(arts, batch_size=2)
        assert (report.articles, report.skipped) == (len(CORPUS) - 4, 4)
        assert s.counts()["events"] == len(EXPECTED)


def test_coding_failure_mid_batch_writes_nothing_of_that_batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    import ghatna.store as store_pkg

    calls = {"n": 0}
    real = store_pkg.coded_rows

    def flaky(doc):
        calls["n"] += 1
        if calls["n"] == 4:
            raise KeyboardInterrupt
        return real(doc)

    monkeypatch.setattr(store_pkg, "coded_rows", flaky)
    with Store(tmp_path / "s.duckdb") as s:
        with pytest.raises(KeyboardInterrupt):
            s.ingest(articles(["a1", "a2", "a3", "a4", "b1"]), batch_size=3)
        assert sorted(r[0] for r in s.query("SELECT id FROM articles")) == ["a1", "a2", "a3"]
        integrity(s)
        monkeypatch.setattr(store_pkg, "coded_rows", real)
        report = s.ingest(articles(["a1", "a2", "a3", "a4", "b1"]), batch_size=3)
        assert (report.articles, report.skipped) == (2, 3)
        integrity(s)


# -- recode --------------------------------------------------------------------------------------------
def _events_snapshot(s: Store) -> list[tuple]:
    return s.con.execute(f"SELECT {', '.join(EVENT_COLUMNS)} FROM events ORDER BY id").fetchall()


def test_recode_replaces_events_and_keeps_articles(tmp_path: Path):
    with Store(tmp_path / "s.duckdb") as s:
        s.ingest(articles(), batch_size=3)
        events_before = _events_snapshot(s)
        arts_before = s.con.execute("SELECT id, content_hash, source, url, title, published, text, ingested_at "
                                    "FROM articles ORDER BY id").fetchall()
        sents_before = s.con.execute("SELECT * FROM sentences ORDER BY article_id, idx").fetchall()
        counts_before = s.counts()
        # damage the events: some lost, some changed, a stale one left behind
        s.con.execute("DELETE FROM events WHERE article_id = 'a1'")
        s.con.execute("UPDATE events SET goldstein = 99, cameo = '999' WHERE article_id = 'a4'")
        s.con.execute("UPDATE events SET id = 'c:7:0' WHERE id = 'c:1:0'")
        s.con.execute("UPDATE articles SET coded_with = 'old'")
        report = s.recode(batch_size=4)
        assert report.articles == len(CORPUS) and report.events == len(EXPECTED)
        assert _events_snapshot(s) == events_before
        assert s.con.execute("SELECT id, content_hash, source, url, title, published, text, ingested_at "
                             "FROM articles ORDER BY id").fetchall() == arts_before
        assert s.con.execute("SELECT * FROM sentences ORDER BY article_id, idx").fetchall() == sents_before
        assert s.counts() == counts_before
        assert {r[0] for r in s.query("SELECT coded_with FROM articles")} != {"old"}
        integrity(s)


def test_recode_reads_the_store_in_batches_while_it_writes(tmp_path: Path):
    """Recode streams the articles from a snapshot cursor while its own batches are committed: every
    article is recoded exactly once, whatever the batch size."""
    with Store(tmp_path / "s.duckdb") as s:
        s.ingest(articles(), batch_size=3)
        events_before = _events_snapshot(s)
        seen: list[int] = []
        report = s.recode(batch_size=2, progress=lambda r: seen.append(r.articles))
        assert seen == list(range(1, len(CORPUS) + 1))
        assert report.articles == len(CORPUS) and _events_snapshot(s) == events_before
        version = {r[0] for r in s.query("SELECT coded_with FROM articles")}
        assert len(version) == 1 and None not in version
        integrity(s)


def test_recode_interrupted_keeps_the_old_events(tmp_path: Path):
    with Store(tmp_path / "s.duckdb") as s:
        s.ingest(articles(["a1", "a2", "a3", "a4"]))
        before = _events_snapshot(s)
        real = s.con
        s.con = FailingConnection(real, "INSERT INTO events", fail_on=1)  # type: ignore[assignment]
        with pytest.raises(RuntimeError):
            s.recode()
        s.con = real
        assert _events_snapshot(s) == before


# -- queries -------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("filters", "expected"), [
    (Filters(), DEFAULT_IDS),
    (Filters(actor="IND"), {"a1:1:0", "a2:0:0", "a3:1:0", "a4:1:0", "b1:0:0", "g:0:0", "h:0:0"}),
    (Filters(actor="RUS"), {"a4:0:0", "c:1:0", "d:0:0", "e:0:0"}),  # a country: every actor of it
    (Filters(actor="RUSGOV"), {"c:1:0"}),  # a longer code: its prefix
    (Filters(actor="INDGOV"), {"a3:1:0"}),
    (Filters(actor="Putin"), {"c:1:0"}),  # an English name
    (Filters(actor="putin"), {"c:1:0"}),
    (Filters(actor="Narendra Modi"), {"a3:1:0"}),
    (Filters(actor="UNO"), {"e:0:0"}),  # an organization
    (Filters(actor="IGOUNO"), {"e:0:0"}),
    (Filters(actor="ZZZ"), set()),
    (Filters(source="IND"), {"a1:1:0", "a3:1:0", "a4:1:0", "b1:0:0", "g:0:0", "h:0:0"}),
    (Filters(target="IND"), {"a2:0:0"}),
    (Filters(source="RUS", target="UKR"), {"a4:0:0", "d:0:0"}),
    (Filters(dyad=("IND", "PAK")), {"a1:1:0", "a2:0:0", "a4:1:0", "b1:0:0", "g:0:0", "h:0:0"}),
    (Filters(dyad=("PAK", "IND")), {"a1:1:0", "a2:0:0", "a4:1:0", "b1:0:0", "g:0:0", "h:0:0"}),
    (Filters(dyad=("Russia", "UKR")), {"a4:0:0", "d:0:0"}),
    (Filters(cameo="11"), {"a1:1:0", "a2:0:0", "b1:0:0", "c:0:0", "e:0:0", "g:0:0", "h:0:0"}),
    (Filters(cameo="163"), {"a1:0:0"}),
    (Filters(cameo="04"), {"a3:1:0", "c:1:0"}),
    (Filters(cameo="042"), {"a3:1:0"}),
    (Filters(plover="ACCUSE"), {"a1:1:0", "a2:0:0", "b1:0:0", "c:0:0", "e:0:0", "g:0:0", "h:0:0"}),
    (Filters(plover="ASSAULT"), {"a4:0:0", "d:0:0"}),
    (Filters(quad=4), {"a1:0:0", "a4:0:0", "d:0:0"}),
    (Filters(quad=2), {"a4:1:0"}),
    (Filters(quad=1), {"a3:1:0", "c:1:0"}),
    (Filters(factuality=None), ALL_IDS),
    (Filters(factuality=("negated", "hypothetical")), {"a2:1:0", "a3:0:0"}),
    (Filters(factuality=("future",)), {"i:0:0"}),
    (Filters(factuality=("reported",), dyad=("IND", "PAK")), {"h:0:0"}),
])
def test_events_filters(corpus_store: Store, filters: Filters, expected: set[str]):
    assert ids_of(corpus_store.events(filters)) == expected


@pytest.mark.parametrize(("since", "until", "expected"), [
    ("2024", None, {"a3:1:0", "a4:0:0", "a4:1:0"}),
    (None, "2022", {"d:0:0", "e:0:0"}),
    (None, "2022-03", {"d:0:0"}),
    ("2022-11-30", "2022-11-30", {"e:0:0"}),
    # an event dated only "2023" overlaps January 2023
    ("2023-01", "2023-01", {"a1:0:0", "a1:1:0", "b1:0:0", "g:0:0", "h:0:0"}),
    ("2023-02-20", "2023-12", {"a2:0:0", "g:0:0"}),
    ("2023-01-11", "2023-01-15", {"a1:0:0", "a1:1:0", "b1:0:0", "g:0:0"}),
])
def test_events_since_until_with_partial_dates(corpus_store: Store, since, until, expected):
    f = Filters.parse(since=since, until=until)
    assert ids_of(corpus_store.events(f)) == expected  # undated events never match a date filter


def test_filters_parse_from_command_line_strings(corpus_store: Store):
    f = Filters.parse(plover="accuse", dyad="IND, PAK", factuality="asserted,reported")
    assert ids_of(corpus_store.events(f)) == {"a1:1:0", "a2:0:0", "b1:0:0", "g:0:0", "h:0:0"}
    assert Filters.parse(factuality="all").factuality is None
    assert Filters.parse(until="2024-02").until == dt.date(2024, 2, 29)
    assert Filters.parse(until="2023").until == dt.date(2023, 12, 31)
    for bad in ({"since": "2023-13"}, {"quad": 5}, {"cameo": "1a"}, {"dyad": "IND"}, {"factuality": "maybe"},
                {"limit": 0}, {"until": "last week"}):
        with pytest.raises(FilterError):
            Filters.parse(**bad)


def test_events_limit_and_order(corpus_store: Store):
    every = corpus_store.events(Filters(factuality=None))
    three = corpus_store.events(Filters(factuality=None, limit=3))
    assert list(three["id"]) == list(every["id"][:3])
    dated = every["date_start"].dropna()
    assert list(dated) == sorted(dated)
    assert list(every["id"][:2]) == ["d:0:0", "e:0:0"]
    assert every["date_start"].isna().sum() == 2 and every["date_start"].iloc[-2:].isna().all()


def test_distinct_groups_mentions_of_the_same_real_event(corpus_store: Store):
    mentions = corpus_store.events()
    events = corpus_store.events(distinct=True)
    assert len(mentions) == len(DEFAULT_IDS)
    assert len(events) == len(DEFAULT_IDS) - 1  # a1:1:0 and b1:0:0 are one real event
    grouped = events[events["num_mentions"] > 1]
    assert len(grouped) == 1
    row = grouped.iloc[0]
    assert (row["id"], row["num_mentions"], row["num_articles"]) == ("a1:1:0", 2, 2)
    assert (mentions.set_index("id").loc[["a1:1:0", "b1:0:0"], "num_mentions"] == 2).all()
    # same actors and code but another date (h, 2023-01-10; g, 2023): other real events
    assert set(events["id"]) >= {"h:0:0", "g:0:0"}
    # undated mentions are never grouped with each other
    assert (events.set_index("id").loc[["c:0:0", "c:1:0"], "num_mentions"] == 1).all()
    assert corpus_store.counts()["real_events"] == len(EXPECTED) - 1


def test_two_mentions_in_one_article_count_one_article(store: Store):
    text = "ભારતે પાકિસ્તાનની આકરી ટીકા કરી. ભારતે પાકિસ્તાનની આકરી ટીકા કરી."
    store.ingest([Article("twice", text, date="2023-03-03")])
    ev = store.events(distinct=True)
    assert len(ev) == 1 and (ev.iloc[0]["num_mentions"], ev.iloc[0]["num_articles"]) == (2, 1)


def test_article_lookup(corpus_store: Store):
    art = corpus_store.article("a2")
    assert art["text"] == CORPUS["a2"][0] and art["published"] == dt.date(2023, 2, 20)
    assert [s["idx"] for s in art["sentences"]] == [0, 1]
    assert [e["id"] for e in art["events"]] == ["a2:0:0", "a2:1:0"]
    assert corpus_store.article("nope") is None


# -- dyad ----------------------------------------------------------------------------------------------
def _dyad_rows(frame) -> dict[tuple[str, str], dict[str, Any]]:
    return {(r["period"], r["direction"]): r for r in frame.to_dict("records")}


def test_dyad_by_month_counts_both_directions(corpus_store: Store):
    rows = _dyad_rows(corpus_store.dyad("IND", "PAK", by="month"))
    # g (dated only "2023") has no month: left out of a monthly series
    assert set(rows) == {("2023-01", "IND→PAK"), ("2023-02", "PAK→IND"), ("2024-03", "IND→PAK")}
    jan = rows[("2023-01", "IND→PAK")]  # the a1/b1 event once, h once
    assert (jan["events"], jan["verbal_conflict"], jan["material_conflict"]) == (2, 2, 0)
    assert (jan["goldstein_sum"], jan["goldstein_mean"]) == (-4.0, -2.0)
    feb = rows[("2023-02", "PAK→IND")]  # a2's negated attack is not counted
    assert (feb["events"], feb["verbal_conflict"], feb["material_conflict"]) == (1, 1, 0)
    mar = rows[("2024-03", "IND→PAK")]  # a3's hypothetical attack is not counted
    assert (mar["events"], mar["material_cooperation"], mar["goldstein_sum"], mar["goldstein_mean"]) == (1, 1, 7.0, 7.0)


def test_dyad_by_year_and_counting_mentions(corpus_store: Store):
    events = _dyad_rows(corpus_store.dyad("PAK", "IND", by="year"))
    assert set(events) == {("2023", "IND→PAK"), ("2023", "PAK→IND"), ("2024", "IND→PAK")}
    assert events[("2023", "IND→PAK")]["events"] == 3  # a1/b1, g, h
    mentions = _dyad_rows(corpus_store.dyad("PAK", "IND", by="year", count="mentions"))
    assert mentions[("2023", "IND→PAK")]["events"] == 4
    assert mentions[("2023", "IND→PAK")]["goldstein_sum"] == -8.0
    assert mentions[("2023", "PAK→IND")]["events"] == events[("2023", "PAK→IND")]["events"] == 1


def test_dyad_agrees_with_the_events_query(corpus_store: Store):
    frame = corpus_store.dyad("IND", "PAK", by="year", count="mentions", filters=Filters(factuality=None))
    ev = corpus_store.events(Filters(dyad=("IND", "PAK"), factuality=None))
    ev = ev[ev["date_start"].notna()]
    ev["period"] = ev["date_start"].dt.strftime("%Y")
    ev["direction"] = ev["source_country"] + "→" + ev["target_country"]
    want = ev.groupby(["period", "direction"]).agg(n=("id", "size"), s=("goldstein", "sum"), m=("goldstein", "mean"))
    quads = ev.groupby(["period", "direction", "quad_class"]).size()
    for r in frame.to_dict("records"):
        key = (r["period"], r["direction"])
        assert r["events"] == want.loc[key, "n"]
        assert r["goldstein_sum"] == pytest.approx(want.loc[key, "s"], abs=0.01)
        assert r["goldstein_mean"] == pytest.approx(want.loc[key, "m"], abs=0.01)
        for q, col in enumerate(("verbal_cooperation", "material_cooperation", "verbal_conflict",
                                 "material_conflict"), 1):
            assert r[col] == quads.get((*key, q), 0)
        assert r["events"] == sum(r[c] for c in ("verbal_cooperation", "material_cooperation", "verbal_conflict",
                                                  "material_conflict"))
    assert len(frame) == len(want)


def test_dyad_rejects_bad_period_and_count(corpus_store: Store):
    with pytest.raises(StoreError, match="month or year"):
        corpus_store.dyad("IND", "PAK", by="week")
    with pytest.raises(StoreError, match="events or mentions"):
        corpus_store.dyad("IND", "PAK", count="articles")


def test_dyad_chart_writes_png_and_svg(corpus_store: Store, tmp_path: Path):
    from ghatna.plot import dyad_chart

    frame = corpus_store.dyad("IND", "PAK")
    dyad_chart(frame, "IND", "PAK", tmp_path / "d.png")
    dyad_chart(frame, "IND", "PAK", tmp_path / "d.svg")
    assert (tmp_path / "d.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "<svg" in (tmp_path / "d.svg").read_text(encoding="utf-8")[:2000]


# -- network -------------------------------------------------------------------------------------------
def test_network_nodes_and_weighted_directed_edges(corpus_store: Store):
    g = corpus_store.network()
    assert g.is_directed()
    assert set(g.edges) == {("USA", "PRK"), ("IND", "PAK"), ("PAK", "IND"), ("IND", "JPN"), ("RUS", "UKR"),
                            ("IRN", "ISR"), ("RUS", "PRK"), ("UNO", "RUS")}
    assert g.edges["IND", "PAK"]["weight"] == 4  # a1/b1 once, a4, g, h
    assert g.edges["IND", "PAK"]["goldstein"] == pytest.approx((-2 + 7 - 2 - 2) / 4)
    assert g.edges["RUS", "UKR"] == {"weight": 2, "goldstein": -10.0}
    assert g.nodes["IND"]["events"] == 6 and g.nodes["RUS"]["events"] == 4
    assert g.nodes["IND"]["label"] == "India"
    mentions = corpus_store.network(count="mentions")
    assert mentions.edges["IND", "PAK"]["weight"] == 5
    recent = corpus_store.network(Filters.parse(since="2024"))
    assert set(recent.edges) == {("IND", "PAK"), ("IND", "JPN"), ("RUS", "UKR")}
    with pytest.raises(StoreError):
        corpus_store.network(count="articles")


@pytest.mark.parametrize("suffix", ["graphml", "gexf", "json"])
def test_network_files_read_back(corpus_store: Store, tmp_path: Path, suffix: str):
    g = corpus_store.network()
    out = tmp_path / f"net.{suffix}"
    if suffix == "graphml":
        nx.write_graphml(g, out)
        back = nx.read_graphml(out)
    elif suffix == "gexf":
        nx.write_gexf(g, out)
        back = nx.read_gexf(out)
    else:
        out.write_text(json.dumps(nx.node_link_data(g, edges="edges")), encoding="utf-8")
        back = nx.node_link_graph(json.loads(out.read_text(encoding="utf-8")), edges="edges")
    assert back.is_directed()
    assert set(back.edges) == set(g.edges)
    assert int(back.edges["IND", "PAK"]["weight"]) == 4
    assert float(back.edges["IND", "PAK"]["goldstein"]) == pytest.approx(0.25)


# -- exports -------------------------------------------------------------------------------------------
def test_gdelt_export_has_61_columns_and_the_right_values(corpus_store: Store, tmp_path: Path):
    out = tmp_path / "events.gdelt.tsv"
    n = corpus_store.export("gdelt", out)
    lines = out.read_text(encoding="utf-8").split("\n")
    assert lines[-1] == "" and len(lines) - 1 == n == len(DEFAULT_IDS) - 1  # one line per real event
    rows = [line.split("\t") for line in lines[:-1]]
    assert all(len(r) == 61 for r in rows)
    col = {name: i for i, name in enumerate(export_mod.GDELT_COLUMNS)}
    # the GDELT 2.0 event table order
    assert (col["GLOBALEVENTID"], col["SQLDATE"], col["Actor1Code"], col["Actor2Code"], col["IsRootEvent"],
            col["EventCode"], col["QuadClass"], col["GoldsteinScale"], col["NumMentions"], col["NumArticles"],
            col["ActionGeo_CountryCode"], col["DATEADDED"], col["SOURCEURL"]) == (
        0, 1, 5, 15, 25, 26, 29, 30, 31, 33, 53, 59, 60)
    by_key = {(r[col["Actor1Code"]], r[col["Actor2Code"]], r[col["EventCode"]], r[col["SQLDATE"]]): r for r in rows}
    r = by_key[("IND", "PAK", "111", "20230115")]
    assert (r[col["MonthYear"]], r[col["Year"]]) == ("202301", "2023")
    assert (r[col["EventBaseCode"]], r[col["EventRootCode"]]) == ("111", "11")
    assert (r[col["Actor1CountryCode"]], r[col["Actor2CountryCode"]], r[col["Actor1Name"]]) == ("IND", "PAK", "INDIA")
    assert (int(r[col["QuadClass"]]), float(r[col["GoldsteinScale"]])) == (3, -2.0)
    assert (r[col["NumMentions"]], r[col["NumArticles"]], r[col["NumSources"]]) == ("2", "2", "2")
    assert r[col["SOURCEURL"]] == "https://news.example.in/a1"  # the first mention's article
    assert r[col["IsRootEvent"]] == "0"  # the second sentence of a1
    assert len(r[col["DATEADDED"]]) == 14 and r[col["AvgTone"]] == "" and r[col["Actor1Geo_Lat"]] == ""
    usa = by_key[("USA", "PRK", "163", "20230115")]
    assert (usa[col["QuadClass"]], float(usa[col["GoldsteinScale"]]), usa[col["NumMentions"]]) == ("4", -8.0, "1")
    assert usa[col["IsRootEvent"]] == "1"
    un = by_key[("IGOUNO", "RUS", "111", "20221130")]
    assert (un[col["Actor1KnownGroupCode"]], un[col["Actor1CountryCode"]]) == ("UNO", "")
    modi = by_key[("INDGOV", "JPN", "042", "20240305")]
    assert modi[col["Actor1Type1Code"]] == "GOV" and modi[col["EventBaseCode"]] == "042"
    undated = [r for r in rows if r[col["SQLDATE"]] == ""]
    assert len(undated) == 2 and all(r[col["Year"]] == "" for r in undated)
    ids = [r[col["GLOBALEVENTID"]] for r in rows]
    assert all(i.isdigit() for i in ids) and len(set(ids)) == len(ids)


def test_gdelt_export_respects_filters_and_keeps_61_columns_with_awkward_fields(tmp_path: Path):
    with Store(tmp_path / "s.duckdb") as s:
        s.ingest([Article("t", "ભારતે દિલ્હીમાં પાકિસ્તાનની ટીકા કરી.", date="2023-01-10",
                          url="https://x.example/a\tb\nc\\d\"e")])
        s.ingest(articles(["a1"]))
        out = tmp_path / "g.tsv"
        assert s.export("gdelt", out, Filters(actor="PAK")) == 2
        lines = out.read_text(encoding="utf-8").splitlines()
        assert len(lines) == 2 and all(len(line.split("\t")) == 61 for line in lines)
        col = {name: i for i, name in enumerate(export_mod.GDELT_COLUMNS)}
        loc = next(line.split("\t") for line in lines if line.split("\t")[col["SQLDATE"]] == "20230110")
        assert (loc[col["ActionGeo_CountryCode"]], loc[col["ActionGeo_Type"]]) == ("IND", "1")


def _event_rows_from(con: duckdb.DuckDBPyConnection, source: str) -> list[tuple]:
    return con.execute(f"SELECT {', '.join(EVENT_COLUMNS)} FROM {source} ORDER BY id").fetchall()


def test_parquet_single_file_reads_back_equal(corpus_store: Store, tmp_path: Path):
    out = tmp_path / "all.parquet"
    assert corpus_store.export("parquet", out, Filters(factuality=None)) == len(EXPECTED)
    back = _event_rows_from(duckdb.connect(), f"read_parquet('{out}')")
    assert back == _event_rows_from(corpus_store.con, "events")
    default = tmp_path / "default.parquet"
    assert corpus_store.export("parquet", default) == len(DEFAULT_IDS)
    import pyarrow.parquet as pq

    table = pq.read_table(default)
    assert set(table.column("id").to_pylist()) == DEFAULT_IDS
    assert {"num_mentions", "num_articles"} <= set(table.column_names)


def test_parquet_partitioned_by_year_and_month_reads_back_equal(corpus_store: Store, tmp_path: Path):
    out = tmp_path / "parts"
    assert corpus_store.export("parquet", out, Filters(factuality=None)) == len(EXPECTED)
    dirs = {p.relative_to(out).as_posix() for p in out.glob("year=*/month=*") if p.is_dir()}
    assert {"year=2022/month=3", "year=2022/month=11", "year=2023/month=1", "year=2023/month=2",
            "year=2024/month=3"} <= dirs
    con = duckdb.connect()
    back = _event_rows_from(con, f"read_parquet('{out}/**/*.parquet', hive_partitioning = true)")
    assert back == _event_rows_from(corpus_store.con, "events")
    jan = con.execute(f"SELECT id FROM read_parquet('{out}/year=2023/month=1/*.parquet') ORDER BY id").fetchall()
    assert [r[0] for r in jan] == ["a1:0:0", "a1:1:0", "b1:0:0", "g:0:0", "h:0:0"]


def test_parquet_export_into_an_earlier_export_directory_does_not_mix_exports(corpus_store: Store, tmp_path: Path):
    out = tmp_path / "parts"
    corpus_store.export("parquet", out, Filters(factuality=None))
    first = _event_rows_from(duckdb.connect(), f"read_parquet('{out}/**/*.parquet', hive_partitioning = true)")
    try:
        n = corpus_store.export("parquet", out, Filters(actor="Iran"))
    except ValueError:  # refusing to write into a used directory is fine too, if the old export is intact
        again = _event_rows_from(duckdb.connect(), f"read_parquet('{out}/**/*.parquet', hive_partitioning = true)")
        assert again == first
        return
    back = duckdb.connect().execute(f"SELECT id FROM read_parquet('{out}/**/*.parquet', hive_partitioning = true)"
                                    ).fetchall()
    assert n == 1 and [r[0] for r in back] == ["c:0:0"]


def test_csv_export_has_a_header_and_the_same_rows(corpus_store: Store, tmp_path: Path):
    out = tmp_path / "events.csv"
    assert corpus_store.export("csv", out, Filters(factuality=None)) == len(EXPECTED)
    with out.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        assert list(EVENT_COLUMNS) == [c for c in reader.fieldnames if c in EVENT_COLUMNS]
        assert {"num_mentions", "num_articles"} <= set(reader.fieldnames)
        got = sorted(reader, key=lambda r: r["id"])
    want = corpus_store.con.execute(f"SELECT {', '.join(f'CAST({c} AS VARCHAR)' for c in EVENT_COLUMNS)} "
                                    "FROM events ORDER BY id").fetchall()
    assert len(got) == len(want)
    for row, values in zip(got, want, strict=True):
        for c, v in zip(EVENT_COLUMNS, values, strict=True):
            assert row[c] == (v or ""), (row["id"], c)  # CSV cannot tell NULL from ""
    assert got[0]["cameo"] == "163" and any(r["cameo"] == "042" for r in got)  # codes keep leading zeros


def test_plover_export_records(corpus_store: Store, tmp_path: Path):
    out = tmp_path / "events.plover.jsonl"
    n = corpus_store.export("plover", out)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert n == len(lines) == len(DEFAULT_IDS)
    recs = {r["id"]: r for r in map(json.loads, lines)}
    for r in recs.values():
        assert {"id", "date", "source", "target", "event", "mode", "context", "text", "ghatna"} <= set(r)
        assert isinstance(r["ghatna"], dict)
    r = recs["a3:1:0"]
    assert (r["date"], r["event"], r["mode"]) == ("2024-03-05", "CONSULT", "visit")
    assert r["source"][0]["code"] == "IND" and r["source"][0]["sector"] == "GOV"
    assert r["source"][0]["name"] == "Narendra Modi" and r["target"][0]["code"] == "JPN"
    assert r["text"] == "વડાપ્રધાન નરેન્દ્ર મોદીએ જાપાનની મુલાકાત લીધી."
    assert r["ghatna"]["cameo"] == "042" and r["ghatna"]["factuality"] == "asserted"
    g = recs["a1:1:0"]["ghatna"]
    assert (g["num_mentions"], g["num_articles"], g["article_id"]) == (2, 2, "a1")
    assert recs["c:0:0"]["date"] == ""
    assert recs["e:0:0"]["source"][0]["code"] == "IGOUNO"


def test_export_rejects_unknown_format(corpus_store: Store, tmp_path: Path):
    with pytest.raises(ValueError, match="parquet"):
        corpus_store.export("xlsx", tmp_path / "x.xlsx")
    assert not (tmp_path / "x.xlsx").exists()


def test_export_path_with_a_quote_is_not_sql(corpus_store: Store, tmp_path: Path):
    out = tmp_path / "it's here'; DROP TABLE events; --.parquet"
    assert corpus_store.export("parquet", out) == len(DEFAULT_IDS)
    assert out.is_file()
    assert corpus_store.counts()["events"] == len(EXPECTED)


# -- migrations and files that are not (readable) stores -----------------------------------------------
def _empty_store_of_schema(path: Path, version: int) -> Path:
    """An empty store as the schema of that version made it."""
    con = duckdb.connect(str(path))
    schema.migrate(con, upto=version)
    con.close()
    return path


def _v1_store(path: Path) -> dict[str, Any]:
    """A store as ghatna's first schema made it, holding a1 coded then (no group_key column)."""
    con = duckdb.connect(str(path))
    assert schema.migrate(con, upto=1) == [schema.MIGRATIONS[0].name]
    text, date, source, url, title = CORPUS["a1"]
    doc = code_doc(text, "a1", date)
    sentences, events, actors = rows_mod.document_rows(doc, "a1")
    con.execute("INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, 'gu', ?, now(), 'old')",
                ["a1", content_hash(text), source, url, title, doc.date, text])
    for s in sentences:
        con.execute("INSERT INTO sentences VALUES (?, ?, ?, ?, ?)", [s[c] for c in rows_mod.SENTENCE_COLUMNS])
    cols = [c for c in EVENT_COLUMNS if c != "group_key"]
    for e in events:
        con.execute(f"INSERT INTO events ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})",
                    [e[c] for c in cols])
    for a in actors:
        con.execute("INSERT INTO actors VALUES (?, ?, ?, ?, ?)", [a[c] for c in rows_mod.ACTOR_COLUMNS])
    con.close()
    return {e["id"]: e["group_key"] for e in events}


def test_a_schema_1_store_is_migrated_with_its_data_kept(tmp_path: Path):
    path = tmp_path / "old.duckdb"
    keys = _v1_store(path)
    with Store(path, read_only=False) as s:
        assert s.schema_version == schema.CURRENT
        versions = [r[0] for r in s.query("SELECT version FROM migrations ORDER BY version")]
        assert versions == list(range(1, schema.CURRENT + 1))
        assert [r[0] for r in s.query("SELECT id FROM articles")] == ["a1"]
        got = dict(s.query("SELECT id, group_key FROM events"))
        assert got == keys  # filled by the migration exactly as new ingests compute it
        # the migration gave a1 its lookup keys: its text is known, its id taken
        assert s.query("SELECT hash64, id64 FROM articles").__next__() == (
            rows_mod.key64(content_hash(CORPUS["a1"][0])), rows_mod.id_key("a1"))
        assert s.ingest(articles(["a1"])).skipped == 1
        # a new mention of a1's event groups with the migrated one
        s.ingest(articles(["b1"]))
        row = s.events(Filters(dyad=("IND", "PAK")), distinct=True).iloc[0]
        assert (row["num_mentions"], row["num_articles"]) == (2, 2)
    with Store(path) as s:  # opening a current store applies nothing
        assert [r[0] for r in s.query("SELECT version FROM migrations ORDER BY version")] == list(
            range(1, schema.CURRENT + 1))


def _keys_and_indexes(s: Store) -> tuple[set[tuple[str, str]], set[str]]:
    keys = {(t, c) for t, c in s.query("SELECT table_name, constraint_type FROM information_schema.table_constraints "
                                       "WHERE constraint_type IN ('PRIMARY KEY', 'UNIQUE')")}
    return keys, {r[0] for r in s.query("SELECT index_name FROM duckdb_indexes()")}


def test_the_big_tables_hold_no_in_memory_index_or_key_after_migration(tmp_path: Path):
    with Store(_empty_store_of_schema(tmp_path / "v3.duckdb", 3)) as s:
        s.ingest(articles(["a1", "b1"]))
        keys, indexes = _keys_and_indexes(s)
        assert not indexes
        assert not {t for t, _ in keys} & {"articles", "sentences", "events"}
        assert ("actors", "PRIMARY KEY") in keys  # its inserts rely on ON CONFLICT
        # ingest still keeps texts and ids unique without them
        report = s.ingest(articles(["a1", "b1"]))
        assert (report.articles, report.skipped) == (0, 2)
        assert s.counts()["articles"] == 2
        nulls = list(s.query("SELECT count(*) FROM articles WHERE id IS NULL OR text IS NULL"))
        assert nulls == [(0,)]
        with pytest.raises(duckdb.ConstraintException):  # NOT NULL survives the migration
            s.con.execute("INSERT INTO articles (id) VALUES ('x')")


def test_a_writing_store_has_a_bounded_buffer_pool(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    with Store(tmp_path / "s.duckdb") as s:
        assert list(s.query("SELECT current_setting('memory_limit')")) == [("61.0 MiB",)]  # 64 MB
    monkeypatch.setenv("GHATNA_STORE_MEMORY", "256MB")
    with Store(tmp_path / "s.duckdb") as s:
        assert list(s.query("SELECT current_setting('memory_limit')")) == [("244.1 MiB",)]
    monkeypatch.setenv("GHATNA_STORE_MEMORY", "lots")
    with pytest.raises(StoreError, match="GHATNA_STORE_MEMORY='lots' is not a memory size"):
        Store(tmp_path / "s.duckdb")


def test_an_empty_schema_1_store_is_migrated(tmp_path: Path):
    with Store(_empty_store_of_schema(tmp_path / "old-empty.duckdb", 1)) as s:
        assert s.schema_version == schema.CURRENT
        s.ingest(articles(["a1", "b1"]))
        assert s.counts()["real_events"] == 2


def _failing_migration(monkeypatch: pytest.MonkeyPatch) -> None:
    broken = schema.Migration(2, "a migration that fails half-way", (
        "ALTER TABLE events ADD COLUMN group_key VARCHAR",
        "UPDATE events SET group_key = id",
        "SELECT error('simulated failure in a migration')"))
    monkeypatch.setattr(schema, "MIGRATIONS", (schema.MIGRATIONS[0], broken))


def test_a_failing_migration_leaves_the_old_store_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "old.duckdb"
    _v1_store(path)
    _failing_migration(monkeypatch)
    with pytest.raises(Exception):  # noqa: B017
        Store(path)
    con = duckdb.connect(str(path), read_only=True)
    assert con.execute("SELECT max(version) FROM migrations").fetchone()[0] == 1
    assert "group_key" not in {r[1] for r in con.execute("PRAGMA table_info('events')").fetchall()}
    assert con.execute("SELECT count(*) FROM events").fetchone()[0] == 2
    assert con.execute("SELECT id FROM articles").fetchall() == [("a1",)]
    con.close()


def test_a_failing_migration_is_a_store_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "old.duckdb"
    _v1_store(path)
    _failing_migration(monkeypatch)
    with pytest.raises(StoreError, match=str(path)):
        Store(path)


def test_an_old_store_opened_read_only_is_refused_unchanged(tmp_path: Path):
    path = tmp_path / "old.duckdb"
    _v1_store(path)
    before = sha(path)
    with pytest.raises(StoreError, match="upgrade"):
        Store(path, read_only=True)
    assert sha(path) == before


def test_a_store_from_a_newer_ghatna_is_refused_and_left_unchanged(tmp_path: Path):
    path = tmp_path / "new.duckdb"
    with Store(path) as s:
        s.ingest(articles(["a1"]))
        s.con.execute("INSERT INTO migrations VALUES (99, 'from the future', now())")
    before = (sha(path), path.stat().st_mtime_ns, sorted(p.name for p in tmp_path.iterdir()))
    for ro in (False, True):
        with pytest.raises(StoreError) as info:
            Store(path, read_only=ro)
        msg = str(info.value)
        assert "newer" in msg and "99" in msg and str(path) in msg and "\n" not in msg
    assert (sha(path), path.stat().st_mtime_ns, sorted(p.name for p in tmp_path.iterdir())) == before
    con = duckdb.connect(str(path), read_only=True)
    assert con.execute("SELECT count(*) FROM events").fetchone()[0] == 2
    con.close()


def test_a_duckdb_file_that_is_not_a_ghatna_store_is_refused(tmp_path: Path):
    path = tmp_path / "other.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE sales (x INTEGER)")
    con.execute("INSERT INTO sales VALUES (42)")
    con.close()
    with pytest.raises(StoreError, match="not a ghatna store"):
        Store(path)
    con = duckdb.connect(str(path), read_only=True)
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert tables == {"sales"} and con.execute("SELECT x FROM sales").fetchall() == [(42,)]
    con.close()


def test_a_plain_text_file_is_refused_unchanged(tmp_path: Path):
    path = tmp_path / "notes.duckdb"
    path.write_text("આ ડેટાબેઝ નથી, માત્ર નોંધ છે.\n", encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(StoreError, match="not a ghatna store"):
        Store(path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.duckdb"]


def test_read_only_open_of_a_missing_store_is_refused_without_creating_it(tmp_path: Path):
    path = tmp_path / "missing.duckdb"
    with pytest.raises(StoreError, match="no such store"):
        Store(path, read_only=True)
    assert not path.exists()


def test_default_path_is_ghatna_db_or_the_working_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from ghatna.store import default_path

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GHATNA_DB", raising=False)
    assert default_path() == Path("ghatna.duckdb")
    with Store() as s:
        assert s.path.resolve() == (tmp_path / "ghatna.duckdb").resolve()
    monkeypatch.setenv("GHATNA_DB", str(tmp_path / "env.duckdb"))
    with Store() as s:
        assert s.path == tmp_path / "env.duckdb"
    assert (tmp_path / "env.duckdb").is_file()


# -- safety: filter values are bound, never SQL --------------------------------------------------------
INJECTIONS = ["X' OR 1=1 --", "'; DROP TABLE events; --", "IND' OR '1'='1", "\" OR \"\"=\"", "%') OR ('a'='a"]


@pytest.mark.parametrize("value", INJECTIONS)
def test_sql_in_filter_values_matches_nothing_and_changes_nothing(tmp_path: Path, value: str):
    with Store(tmp_path / "s.duckdb") as s:
        s.ingest(articles(["a1", "a2", "c"]))
        before = s.counts()
        snapshot = _events_snapshot(s)
        for f in (Filters(actor=value), Filters(source=value), Filters(target=value), Filters(dyad=(value, "PAK")),
                  Filters(dyad=("IND", value)), Filters(plover=value), Filters(cameo=value),
                  Filters(factuality=(value,))):
            assert len(s.events(f)) == 0, f
            assert len(s.events(f, distinct=True)) == 0
            assert s.network(f).number_of_edges() == 0
        assert len(s.dyad(value, "PAK")) == 0 and len(s.dyad("IND", value)) == 0
        assert s.export("csv", tmp_path / "x.csv", Filters(actor=value)) == 0
        assert s.counts() == before and _events_snapshot(s) == snapshot


# -- property: any text round-trips through the store unchanged ----------------------------------------
GUJARATI = [chr(c) for c in range(0x0A81, 0x0AF2)]  # letters, signs, virama, Gujarati digits ૦–૯
ALPHABET = (GUJARATI + list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
            + list(".,;:!?'\"()-–—।॥…%&/@#") + [" ", "\t", "\n", "\r", "\u00a0"] + ["\u200c", "\u200d", "\u200b"])
GU_LETTERS = [c for c in GUJARATI if c.isalpha()]
_GU = load_language("gu")


def _codable(text: str) -> bool:
    """The coder refuses (with a message) text that is not mostly Gujarati: see
    test_text_not_in_gujarati_is_refused_with_a_message."""
    return bool(text.strip()) and _GU.script_share(text) >= MIN_SCRIPT_SHARE


TEXTS = st.lists(st.one_of(st.text(alphabet=st.sampled_from(GU_LETTERS), min_size=1, max_size=8),
                           st.text(alphabet=st.sampled_from(ALPHABET), max_size=12)),
                 min_size=1, max_size=20).map("".join).filter(_codable)


@settings(deadline=None, max_examples=50, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXTS)
def test_any_text_round_trips_through_the_store(text: str):
    with tempfile.TemporaryDirectory() as d:
        src = Path(d) / "in.jsonl"
        src.write_text(json.dumps({"id": "p", "text": text, "title": text[:20]}, ensure_ascii=False) + "\n",
                       encoding="utf-8")
        with Store(Path(d) / "s.duckdb") as s:
            report = s.ingest(iter_articles([str(src)], rich=True))
            assert (report.articles, report.failed) == (1, 0), report.errors
        with Store(Path(d) / "s.duckdb", read_only=True) as s:
            stored, digest, title = next(s.query("SELECT text, content_hash, title FROM articles WHERE id = 'p'"))
            assert stored == text and stored.encode("utf-8") == text.encode("utf-8")
            assert title == text[:20]
            assert digest == hashlib.sha256(text.encode("utf-8")).hexdigest()
            for start, end, sent in s.query("SELECT start_char, end_char, text FROM sentences"):
                assert sent == text[start:end]


def test_text_not_in_gujarati_is_refused_with_a_message(store: Store):
    report = store.ingest([Article("en", "The United States imposed sanctions on North Korea."),
                           Article("gu", "ચીને જાપાનની ટીકા કરી.")])
    assert (report.articles, report.failed) == (1, 1)
    assert "en" in report.errors[0] and "not Gujarati" in report.errors[0]
    assert [r[0] for r in store.query("SELECT id FROM articles")] == ["gu"]


def test_jsonl_text_with_unicode_line_separators_round_trips(tmp_path: Path):
    text = "ભારતે પાકિસ્તાનની ટીકા કરી.\u2028બીજી લીટી\u0085ત્રીજી\u2029અંત"
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "u", "text": text}, ensure_ascii=False) + "\n", encoding="utf-8")
    with Store(tmp_path / "s.duckdb") as s:
        report = s.ingest(iter_articles([str(src)], rich=True))
        assert (report.articles, report.failed) == (1, 0), report.errors
        assert next(s.query("SELECT text FROM articles"))[0] == text


def test_ingest_report_summary_names_every_count():
    r = IngestReport(articles=3, skipped=2, failed=1, sentences=7, events=4, seconds=2.0)
    s = r.summary()
    assert "stored 3 articles" in s and "2 already stored" in s and "1 failed" in s and "7 sentences" in s
    assert "4 events" in s


def test_an_ingest_report_keeps_the_first_errors_and_counts_all(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    import ghatna.store as store_mod

    monkeypatch.setattr(store_mod, "MAX_ERRORS", 3)
    bad = [Article(f"en{n}", f"Article number {n} is written in English only.") for n in range(10)]
    with Store(tmp_path / "s.duckdb") as s:
        report = s.ingest([*bad, *articles(["a1"])])
    assert report.failed == 10 and len(report.errors) == 3 and report.articles == 1
    assert "en0:" in report.errors[0] and "Latin" in report.errors[0]


def test_actors_of_a_failed_write_are_written_by_the_next_one(tmp_path: Path):
    with Store(tmp_path / "s.duckdb") as s:
        real = s.con
        s.con = FailingConnection(real, "COMMIT", fail_on=1, exc=duckdb.IOException)  # type: ignore[assignment]
        with pytest.raises(StoreError, match="disk full"):
            s.ingest(articles(["a1"]))
        assert real.execute("SELECT count(*) FROM actors").fetchone()[0] == 0  # rolled back
        s.ingest(articles(["a1"]))
        s.con = real
        stored = {r[0] for r in s.query("SELECT code FROM actors")}
        assert {"USA", "PRK", "IND", "PAK"} <= stored
        integrity(s)
