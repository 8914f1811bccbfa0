"""The store's command line: ``ghatna ingest``, ``recode``, ``events``, ``dyad``, ``network``, ``export``,
run in-process with typer's CliRunner (the ``cli`` fixture), plus a few real ``ghatna`` processes for exit
codes and one-line errors. Every store lives under ``tmp_path``.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import networkx as nx
import pytest

from ghatna.store import Store
from ghatna.store.export import GDELT_COLUMNS
from support import ATOM_FEED, HTML_PAGE, RSS_FEED

GHATNA = Path(sys.executable).with_name("ghatna")

# id: (text, date, source, url, title)
NEWS: dict[str, tuple[str, str | None, str | None, str | None, str | None]] = {
    "n1": ("અમેરિકાએ ઉત્તર કોરિયા પર પ્રતિબંધો લગાવ્યા છે. ભારતે પાકિસ્તાનની આકરી ટીકા કરી.", "2023-01-15",
           "સંદેશ", "https://news.example.in/n1", "પ્રતિબંધો અને ટીકા"),
    "n2": ("ભારતે પાકિસ્તાનની આકરી ટીકા કરી. સરહદ પર તણાવ વધ્યો છે.", "2023-01-15",
           "ગુજરાત સમાચાર", "https://other.example.in/n2", "સરહદે તણાવ"),
    "n3": ("પાકિસ્તાને ભારતની ટીકા કરી. ભારતે પાકિસ્તાન પર હુમલો કર્યો ન હતો.", "2023-02-20",
           "સંદેશ", "https://news.example.in/n3", None),
    "n4": ("રશિયાએ યુક્રેન પર હુમલો કર્યો. ભારતે પાકિસ્તાનને મદદ આપી.", "2024-03-05",
           "દિવ્ય ભાસ્કર", "https://news.example.in/n4", None),
}
UNDATED = {"n5": ("ઈરાને ઇઝરાયલની નિંદા કરી.\n\nપુતિને કિમ જોંગ ઉન સાથે મુલાકાત કરી.", None, None, None, None)}
# asserted and reported events of NEWS; n3:1:0 (IND→PAK 190) is negated
DEFAULT_IDS = {"n1:0:0", "n1:1:0", "n2:0:0", "n3:0:0", "n4:0:0", "n4:1:0"}


def write_jsonl(path: Path, news: dict[str, tuple]) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for k, (text, date, source, url, title) in news.items():
            obj = {"id": k, "text": text, "date": date, "url": url, "title": title, "source": source}
            fh.write(json.dumps({a: b for a, b in obj.items() if b is not None}, ensure_ascii=False) + "\n")
    return path


def _invoke(*args: object, input: str | bytes | None = None, env: dict[str, str] | None = None):
    from typer.testing import CliRunner

    from ghatna.cli import app

    return CliRunner().invoke(app, [str(a) for a in args], input=input, env=env)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store made by `ghatna ingest` from a JSONL file of NEWS (read-only use)."""
    d = tmp_path_factory.mktemp("clistore")
    path = d / "news.duckdb"
    result = _invoke("ingest", write_jsonl(d / "news.jsonl", NEWS), "--db", path)
    assert result.exit_code == 0, result.stderr
    return path


@pytest.fixture
def undated_db(tmp_path: Path) -> Path:
    path = tmp_path / "undated.duckdb"
    assert _invoke("ingest", write_jsonl(tmp_path / "all.jsonl", NEWS | UNDATED), "--db", path).exit_code == 0
    return path


def jsonl_ids(stdout: str) -> list[str]:
    return [json.loads(line)["id"] for line in stdout.splitlines() if line.strip()]


def counts(path: Path) -> dict[str, int]:
    with Store(path, read_only=True) as s:
        return s.counts()


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def one_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    return lines[0]


# -- ingest --------------------------------------------------------------------------------------------
def test_ingest_a_txt_file(cli, tmp_path: Path):
    f = tmp_path / "sanctions.txt"
    f.write_text("અમેરિકાએ ઉત્તર કોરિયા પર પ્રતિબંધો લગાવ્યા છે.\n", encoding="utf-8")
    path = tmp_path / "s.duckdb"
    result = cli("ingest", f, "--db", path, "--date", "2023-04-05", "--source", "સમાચાર")
    assert result.exit_code == 0, result.stderr
    assert "stored 1 articles" in result.stderr and "1 events" in result.stderr
    assert result.stdout == ""  # the report goes to stderr
    with Store(path, read_only=True) as s:
        art = s.article("sanctions")
        assert (art["source"], str(art["published"]), art["text"]) == (
            "સમાચાર", "2023-04-05", "અમેરિકાએ ઉત્તર કોરિયા પર પ્રતિબંધો લગાવ્યા છે.\n")
        ev = art["events"][0]
        assert (ev["source_code"], ev["target_code"], ev["cameo"], ev["date"]) == ("USA", "PRK", "163", "2023-04-05")


def test_ingest_a_directory_of_every_input_kind(cli, tmp_path: Path):
    d = tmp_path / "inbox"
    (d / "sub").mkdir(parents=True)
    (d / "attack.txt").write_text("રશિયાએ યુક્રેન પર હુમલો કર્યો.", encoding="utf-8")
    write_jsonl(d / "sub" / "wire.jsonl", {k: NEWS[k] for k in ("n1", "n3")})
    (d / "ghatna-page.html").write_text(HTML_PAGE, encoding="utf-8")
    (d / "feed.rss").write_text(RSS_FEED, encoding="utf-8")
    (d / "feed.atom").write_text(ATOM_FEED, encoding="utf-8")
    (d / "readme.md").write_text("ભારતે પાકિસ્તાનની ટીકા કરી.", encoding="utf-8")  # not an input kind
    path = tmp_path / "s.duckdb"
    result = cli("ingest", d, "--db", path)
    assert result.exit_code == 0, result.stderr
    assert "stored 8 articles (0 already stored, 0 failed)" in result.stderr
    with Store(path, read_only=True) as s:
        rows = {r[0]: r[1:] for r in s.query("SELECT id, source, url, title, CAST(published AS VARCHAR) "
                                             "FROM articles")}
        ev = {(r[0], r[1], r[2], r[3]) for r in s.query("SELECT article_id, source_code, target_code, cameo "
                                                         "FROM events")}
    assert set(rows) == {"attack", "n1", "n3", "ghatna-page", "https://example.org/news/1",
                         "https://example.org/news/2", "urn:uuid:entry-1", "urn:uuid:entry-2"}
    assert rows["n1"] == ("સંદેશ", "https://news.example.in/n1", "પ્રતિબંધો અને ટીકા", "2023-01-15")
    assert rows["ghatna-page"][1:] == ("https://news.example.in/2023/06/india-pakistan", "ભારતે પાકિસ્તાનની ટીકા કરી",
                                       "2023-06-12")
    assert rows["https://example.org/news/1"] == ("ગુજરાત સમાચાર ફીડ", "https://example.org/news/1", "રશિયાનો હુમલો",
                                                 "2023-03-07")
    assert rows["urn:uuid:entry-1"] == ("દુનિયા સમાચાર", "https://example.com/a/1", "ઈરાન-ઇઝરાયલ", "2023-04-01")
    assert rows["urn:uuid:entry-2"][3] == "2023-04-02"
    assert {("attack", "RUS", "UKR", "190"), ("n1", "USA", "PRK", "163"), ("ghatna-page", "USA", "PRK", "163"),
            ("urn:uuid:entry-1", "IRN", "ISR", "111"), ("urn:uuid:entry-2", "INDGOV", "JPN", "042")} <= ev


def test_ingest_from_standard_input(cli, tmp_path: Path):
    path = tmp_path / "s.duckdb"
    result = cli("ingest", "-", "--db", path, "--date", "2022-12-01", input="ચીને જાપાનની ટીકા કરી.\n")
    assert result.exit_code == 0, result.stderr
    result = cli("ingest", "-", "--db", path, input="ઈરાને ઇઝરાયલની નિંદા કરી.\n".encode())
    assert result.exit_code == 0, result.stderr
    with Store(path, read_only=True) as s:
        arts = dict(s.query("SELECT id, text FROM articles"))
        assert len(arts) == 2 and "stdin" in arts and arts["stdin"] == "ચીને જાપાનની ટીકા કરી.\n"
        assert {r[0] for r in s.query("SELECT cameo FROM events")} == {"111"}
        assert next(s.query("SELECT date FROM events WHERE article_id = 'stdin'"))[0] == "2022-12-01"


def test_ingest_twice_adds_nothing_and_says_skipped(cli, tmp_path: Path):
    src = write_jsonl(tmp_path / "news.jsonl", NEWS)
    txt = tmp_path / "one.txt"
    txt.write_text(NEWS["n4"][0], encoding="utf-8")  # the same text as n4, under another name
    path = tmp_path / "s.duckdb"
    first = cli("ingest", src, "--db", path)
    assert first.exit_code == 0 and "stored 4 articles (0 already stored" in first.stderr
    before = counts(path)
    second = cli("ingest", src, txt, "--db", path)
    assert second.exit_code == 0, second.stderr  # nothing new is not a failure
    assert "stored 0 articles (5 already stored, 0 failed)" in second.stderr
    assert counts(path) == before


def test_ingest_bad_inputs_get_one_line_each_and_the_rest_is_stored(cli, tmp_path: Path):
    d = tmp_path / "mixed"
    d.mkdir()
    (d / "good.txt").write_text("રશિયાએ યુક્રેન પર હુમલો કર્યો.", encoding="utf-8")
    (d / "latin1.txt").write_bytes("ભારત".encode() + b" caf\xe9 \xff")
    (d / "broken.rss").write_text('<?xml version="1.0"?>\n<rss version="2.0"><channel><title>તૂટેલું', encoding="utf-8")
    (d / "menu.html").write_text("<!DOCTYPE html><html><head><title>ખાલી</title></head><body>"
                                 "<script>var x = 1;</script></body></html>", encoding="utf-8")
    (d / "lines.jsonl").write_text('{"id": "ok", "text": "ચીને જાપાનની ટીકા કરી."}\n{"id": "bad", "text": \n'
                                   '["not", "an", "object"]\n', encoding="utf-8")
    path = tmp_path / "s.duckdb"
    result = cli("ingest", d, tmp_path / "missing.txt", "--db", path)
    assert result.exit_code == 0, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    for name in ("latin1.txt", "broken.rss", "menu.html", "lines.jsonl:2", "lines.jsonl:3", "missing.txt"):
        assert sum(name in line for line in lines) == 1, (name, result.stderr)
    assert any("not UTF-8" in line for line in lines)
    assert any("feed" in line for line in lines if "broken.rss" in line)
    assert any("no article text" in line for line in lines if "menu.html" in line)
    assert "stored 2 articles (0 already stored, 6 failed)" in lines[-1]
    with Store(path, read_only=True) as s:
        assert sorted(r[0] for r in s.query("SELECT id FROM articles")) == ["good", "ok"]


def test_ingest_exits_non_zero_only_when_nothing_could_be_stored(cli, tmp_path: Path):
    bad = tmp_path / "broken.atom"
    bad.write_text("<feed xmlns='http://www.w3.org/2005/Atom'><entry><title>", encoding="utf-8")
    path = tmp_path / "s.duckdb"
    result = cli("ingest", bad, "--db", path)
    assert result.exit_code == 1
    assert "broken.atom" in result.stderr and "Traceback" not in result.stderr
    assert "stored 0 articles" in result.stderr


def test_ingest_rejects_a_bad_date(cli, tmp_path: Path):
    f = tmp_path / "a.txt"
    f.write_text("ચીને જાપાનની ટીકા કરી.", encoding="utf-8")
    result = cli("ingest", f, "--db", tmp_path / "s.duckdb", "--date", "15/01/2023")
    assert result.exit_code == 2
    assert "15/01/2023" in one_line(result.stderr)
    assert not (tmp_path / "s.duckdb").exists()


def test_ghatna_db_and_the_working_directory_default(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    f = tmp_path / "a.txt"
    f.write_text("ચીને જાપાનની ટીકા કરી.", encoding="utf-8")
    env_db = tmp_path / "from-env.duckdb"
    assert cli("ingest", f, env={"GHATNA_DB": str(env_db)}).exit_code == 0
    assert counts(env_db)["articles"] == 1
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.delenv("GHATNA_DB", raising=False)
    assert cli("ingest", f).exit_code == 0
    assert (work / "ghatna.duckdb").is_file()
    assert jsonl_ids(cli("events", "--format", "jsonl").stdout) == ["a:0:0"]


# -- recode --------------------------------------------------------------------------------------------
def test_recode_restores_events_and_keeps_articles(cli, tmp_path: Path):
    path = tmp_path / "s.duckdb"
    assert cli("ingest", write_jsonl(tmp_path / "n.jsonl", NEWS), "--db", path).exit_code == 0
    with Store(path) as s:
        events = s.con.execute("SELECT * FROM events ORDER BY id").fetchall()
        arts = s.con.execute("SELECT id, text, ingested_at FROM articles ORDER BY id").fetchall()
        s.con.execute("DELETE FROM events WHERE article_id IN ('n1', 'n4')")
        s.con.execute("UPDATE events SET cameo = '010', goldstein = 0 WHERE article_id = 'n3'")
    result = cli("recode", "--db", path)
    assert result.exit_code == 0, result.stderr
    assert "recoded 4 articles: 7 events" in result.stderr
    with Store(path, read_only=True) as s:
        assert s.con.execute("SELECT * FROM events ORDER BY id").fetchall() == events
        assert s.con.execute("SELECT id, text, ingested_at FROM articles ORDER BY id").fetchall() == arts


# -- events --------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("args", "expected"), [
    ((), DEFAULT_IDS),
    (("--actor", "IND"), {"n1:1:0", "n2:0:0", "n3:0:0", "n4:1:0"}),
    (("--actor", "India"), {"n1:1:0", "n2:0:0", "n3:0:0", "n4:1:0"}),
    (("--source", "PAK"), {"n3:0:0"}),
    (("--target", "PAK"), {"n1:1:0", "n2:0:0", "n4:1:0"}),
    (("--dyad", "PAK,IND"), {"n1:1:0", "n2:0:0", "n3:0:0", "n4:1:0"}),
    (("--dyad", "RUS,UKR"), {"n4:0:0"}),
    (("--cameo", "11"), {"n1:1:0", "n2:0:0", "n3:0:0"}),
    (("--cameo", "163"), {"n1:0:0"}),
    (("--plover", "aid"), {"n4:1:0"}),
    (("--quad", "4"), {"n1:0:0", "n4:0:0"}),
    (("--since", "2023-02"), {"n3:0:0", "n4:0:0", "n4:1:0"}),
    (("--until", "2023-01-15"), {"n1:0:0", "n1:1:0", "n2:0:0"}),
    (("--since", "2023", "--until", "2023"), {"n1:0:0", "n1:1:0", "n2:0:0", "n3:0:0"}),
    (("--factuality", "all"), DEFAULT_IDS | {"n3:1:0"}),
    (("--factuality", "negated"), {"n3:1:0"}),
    (("--factuality", "negated,asserted", "--dyad", "IND,PAK", "--quad", "4"), {"n3:1:0"}),
])
def test_events_filters(db: Path, args: tuple[str, ...], expected: set[str]):
    result = _invoke("events", "--db", db, "--format", "jsonl", *args)
    assert result.exit_code == 0, result.stderr
    assert set(jsonl_ids(result.stdout)) == expected


def test_events_jsonl_by_default_off_a_terminal_and_limit(cli, db: Path):
    result = cli("events", "--db", db)
    recs = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert {r["id"] for r in recs} == DEFAULT_IDS
    r = next(r for r in recs if r["id"] == "n1:1:0")
    assert (r["source_code"], r["target_code"], r["cameo"], r["quad_class"], r["goldstein"]) == (
        "IND", "PAK", "111", 3, -2.0)
    assert (r["num_mentions"], r["num_articles"], r["factuality"]) == (2, 2, "asserted")
    limited = jsonl_ids(cli("events", "--db", db, "--limit", "2").stdout)
    assert limited == [x["id"] for x in recs][:2]
    assert cli("events", "--db", db, "--actor", "ZZZ").stdout == ""


def test_events_jsonl_is_one_json_object_per_line(cli, db: Path):
    out = cli("events", "--db", db, "--format", "jsonl").stdout
    assert out.endswith("}\n")
    for line in out.split("\n")[:-1]:
        assert isinstance(json.loads(line), dict)


def test_events_distinct_counts_real_events(cli, db: Path):
    result = cli("events", "--db", db, "--distinct", "--dyad", "IND,PAK")
    recs = {json.loads(line)["id"]: json.loads(line) for line in result.stdout.splitlines() if line.strip()}
    assert set(recs) == {"n1:1:0", "n3:0:0", "n4:1:0"}
    assert (recs["n1:1:0"]["num_mentions"], recs["n1:1:0"]["num_articles"]) == (2, 2)


def test_events_csv(cli, db: Path):
    result = cli("events", "--db", db, "--format", "csv", "--cameo", "11")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {r["id"] for r in rows} == {"n1:1:0", "n2:0:0", "n3:0:0"}
    assert {"source_code", "target_code", "cameo", "goldstein", "num_mentions"} <= set(rows[0])
    assert {r["cameo"] for r in rows} == {"111"}


def test_events_table(cli, db: Path):
    result = cli("events", "--db", db, "--format", "table", "--dyad", "IND,PAK")
    assert result.exit_code == 0, result.stderr
    assert "4 events" in result.stdout and "n4:1" in result.stdout and "2023-01-15" in result.stdout


def test_events_table_with_undated_events(cli, undated_db: Path):
    result = cli("events", "--db", undated_db, "--format", "table")
    assert result.exit_code == 0, result.exception
    assert "8 events" in result.stdout and "n5:0" in result.stdout


@pytest.mark.parametrize("args", [
    ("--since", "2023-13"), ("--until", "yesterday"), ("--quad", "5"), ("--cameo", "abc"), ("--dyad", "IND"),
    ("--factuality", "maybe"), ("--limit", "0"), ("--format", "xml"),
])
def test_events_bad_filter_values_exit_2_with_one_line(db: Path, args: tuple[str, ...]):
    result = _invoke("events", "--db", db, *args)
    assert result.exit_code == 2
    line = one_line(result.stderr)
    assert args[1] in line and result.stdout == ""


@pytest.mark.parametrize("value", ["X' OR 1=1 --", "'; DROP TABLE events; --", "IND' OR '1'='1"])
def test_sql_in_command_line_filters_changes_nothing(cli, tmp_path: Path, value: str):
    path = tmp_path / "s.duckdb"
    assert cli("ingest", write_jsonl(tmp_path / "n.jsonl", NEWS), "--db", path).exit_code == 0
    before = counts(path)
    for opt in ("--actor", "--source", "--target", "--plover"):
        result = cli("events", "--db", path, opt, value)
        assert result.exit_code == 0 and result.stdout == "", (opt, result.stderr)
    assert cli("events", "--db", path, "--dyad", f"IND,{value}").stdout == ""
    assert cli("dyad", value, "PAK", "--db", path).exit_code == 0
    assert cli("export", "--format", "csv", "--out", tmp_path / "x.csv", "--actor", value, "--db", path).exit_code == 0
    assert counts(path) == before
    assert set(jsonl_ids(cli("events", "--db", path).stdout)) == DEFAULT_IDS


# -- dyad ----------------------------------------------------------------------------------------------
def table_rows(stdout: str) -> dict[tuple[str, str], list[str]]:
    """Rows of a rich table: (period, direction) → the other cells."""
    rows = {}
    for line in stdout.splitlines():
        cells = [c.strip() for c in line.strip().strip("│").split("│")]
        if len(cells) == 9 and "→" in cells[1]:
            rows[(cells[0], cells[1])] = cells[2:]
    return rows


def test_dyad_by_month_and_by_year(cli, db: Path):
    month = cli("dyad", "IND", "PAK", "--db", db)
    assert month.exit_code == 0, month.stderr
    rows = table_rows(month.stdout)
    assert set(rows) == {("2023-01", "IND→PAK"), ("2023-02", "PAK→IND"), ("2024-03", "IND→PAK")}
    # events, verbal coop, material coop, verbal conflict, material conflict, Goldstein sum, mean
    assert rows[("2023-01", "IND→PAK")] == ["1", "0", "0", "1", "0", "-2.0", "-2.0"]
    assert rows[("2024-03", "IND→PAK")] == ["1", "0", "1", "0", "0", "7.0", "7.0"]
    year = table_rows(cli("dyad", "PAK", "IND", "--by", "year", "--db", db).stdout)
    assert set(year) == {("2023", "PAK→IND"), ("2023", "IND→PAK"), ("2024", "IND→PAK")}
    assert year[("2023", "PAK→IND")][0] == "1"


def test_dyad_counts_events_or_mentions(cli, db: Path):
    events = table_rows(cli("dyad", "IND", "PAK", "--db", db).stdout)
    mentions = table_rows(cli("dyad", "IND", "PAK", "--count", "mentions", "--db", db).stdout)
    assert events[("2023-01", "IND→PAK")][0] == "1"
    assert mentions[("2023-01", "IND→PAK")] == ["2", "0", "0", "2", "0", "-4.0", "-2.0"]
    with_negated = table_rows(cli("dyad", "IND", "PAK", "--factuality", "all", "--db", db).stdout)
    assert with_negated[("2023-02", "IND→PAK")] == ["1", "0", "0", "0", "1", "-10.0", "-10.0"]


@pytest.mark.parametrize(("suffix", "magic"), [(".png", b"\x89PNG"), (".svg", b"<svg")])
def test_dyad_plot(cli, db: Path, tmp_path: Path, suffix: str, magic: bytes):
    out = tmp_path / f"ind-pak{suffix}"
    result = cli("dyad", "IND", "PAK", "--plot", out, "--db", db)
    assert result.exit_code == 0, result.stderr
    assert magic in out.read_bytes()[:4000]


@pytest.mark.parametrize("args", [("--plot", "x.pdf"), ("--by", "week"), ("--count", "articles")])
def test_dyad_bad_options_exit_2(db: Path, tmp_path: Path, args: tuple[str, ...]):
    if args[0] == "--plot":
        args = ("--plot", str(tmp_path / args[1]))
    result = _invoke("dyad", "IND", "PAK", "--db", db, *args)
    assert result.exit_code == 2
    assert args[1] in one_line(result.stderr)
    assert not (tmp_path / "x.pdf").exists()


# -- network -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("suffix", [".graphml", ".gexf", ".json"])
def test_network_files(cli, db: Path, tmp_path: Path, suffix: str):
    out = tmp_path / f"net{suffix}"
    result = cli("network", "--out", out, "--db", db)
    assert result.exit_code == 0, result.stderr
    assert "4 edges" in result.stderr
    if suffix == ".graphml":
        g = nx.read_graphml(out)
    elif suffix == ".gexf":
        g = nx.read_gexf(out)
    else:
        g = nx.node_link_graph(json.loads(out.read_text(encoding="utf-8")), edges="edges")
    assert g.is_directed()
    assert set(g.edges) == {("USA", "PRK"), ("IND", "PAK"), ("PAK", "IND"), ("RUS", "UKR")}
    assert int(g.edges["IND", "PAK"]["weight"]) == 2  # n1/n2 one real event, n4 another
    assert float(g.edges["IND", "PAK"]["goldstein"]) == pytest.approx(2.5)
    assert int(g.nodes["IND"]["events"]) == 3 and g.nodes["IND"]["label"] == "India"


def test_network_counts_mentions_and_filters_dates(cli, db: Path, tmp_path: Path):
    out = tmp_path / "net.json"
    assert cli("network", "--out", out, "--count", "mentions", "--db", db).exit_code == 0
    g = nx.node_link_graph(json.loads(out.read_text(encoding="utf-8")), edges="edges")
    assert g.edges["IND", "PAK"]["weight"] == 3
    assert cli("network", "--out", out, "--since", "2024", "--db", db).exit_code == 0
    g = nx.node_link_graph(json.loads(out.read_text(encoding="utf-8")), edges="edges")
    assert set(g.edges) == {("IND", "PAK"), ("RUS", "UKR")}


def test_network_bad_suffix_exit_2(cli, db: Path, tmp_path: Path):
    result = cli("network", "--out", tmp_path / "net.png", "--db", db)
    assert result.exit_code == 2 and "net.png" in one_line(result.stderr)
    assert not (tmp_path / "net.png").exists()


# -- export --------------------------------------------------------------------------------------------
def test_export_gdelt(cli, db: Path, tmp_path: Path):
    out = tmp_path / "events.tsv"
    result = cli("export", "--format", "gdelt", "--out", out, "--db", db)
    assert result.exit_code == 0, result.stderr
    assert "wrote 5 rows" in result.stderr  # 6 mentions, 5 real events
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 5 and all(len(line.split("\t")) == 61 for line in lines)
    col = {c: i for i, c in enumerate(GDELT_COLUMNS)}
    rows = [line.split("\t") for line in lines]
    grouped = next(r for r in rows if r[col["EventCode"]] == "111" and r[col["Actor1Code"]] == "IND")
    assert (grouped[col["SQLDATE"]], grouped[col["Actor2Code"]], grouped[col["QuadClass"]]) == ("20230115", "PAK", "3")
    assert (grouped[col["NumMentions"]], grouped[col["NumArticles"]], float(grouped[col["GoldsteinScale"]])) == (
        "2", "2", -2.0)
    assert grouped[col["SOURCEURL"]] == "https://news.example.in/n1"
    assert sorted(r[col["EventRootCode"]] for r in rows) == ["07", "11", "11", "16", "19"]


def test_export_parquet_file_and_partitions(cli, db: Path, tmp_path: Path):
    one = tmp_path / "events.parquet"
    parts = tmp_path / "parts"
    assert cli("export", "--format", "parquet", "--out", one, "--factuality", "all", "--db", db).exit_code == 0
    assert cli("export", "--format", "parquet", "--out", parts, "--factuality", "all", "--db", db).exit_code == 0
    con = duckdb.connect()
    a = con.execute(f"SELECT id, cameo, goldstein, date_start FROM read_parquet('{one}') ORDER BY id").fetchall()
    b = con.execute(f"SELECT id, cameo, goldstein, date_start, year, month FROM read_parquet('{parts}/**/*.parquet', "
                    "hive_partitioning = true) ORDER BY id").fetchall()
    with Store(db, read_only=True) as s:
        want = s.con.execute("SELECT id, cameo, goldstein, date_start FROM events ORDER BY id").fetchall()
    assert a == want and [r[:4] for r in b] == want
    assert {(int(r[4]), int(r[5])) for r in b} == {(2023, 1), (2023, 2), (2024, 3)}
    assert (parts / "year=2023" / "month=2").is_dir()


def test_export_csv_and_plover(cli, db: Path, tmp_path: Path):
    out = tmp_path / "e.csv"
    assert cli("export", "--format", "csv", "--out", out, "--dyad", "RUS,UKR", "--db", db).exit_code == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    assert [(r["id"], r["cameo"], r["source_code"]) for r in rows] == [("n4:0:0", "190", "RUS")]
    out = tmp_path / "e.jsonl"
    assert cli("export", "--format", "plover", "--out", out, "--db", db).exit_code == 0
    recs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {r["id"] for r in recs} == DEFAULT_IDS
    r = next(r for r in recs if r["id"] == "n4:0:0")
    assert (r["event"], r["source"][0]["code"], r["target"][0]["code"], r["date"]) == ("ASSAULT", "RUS", "UKR",
                                                                                       "2024-03-05")
    assert r["text"] == "રશિયાએ યુક્રેન પર હુમલો કર્યો." and r["ghatna"]["cameo"] == "190"


def test_export_bad_format_and_unwritable_target(cli, db: Path, tmp_path: Path):
    result = cli("export", "--format", "xlsx", "--out", tmp_path / "x.xlsx", "--db", db)
    assert result.exit_code == 2 and "xlsx" in one_line(result.stderr)
    result = cli("export", "--format", "gdelt", "--out", tmp_path / "no" / "such" / "dir.tsv", "--db", db)
    assert result.exit_code == 1 and "dir.tsv" in one_line(result.stderr)


# -- stores that cannot be opened ----------------------------------------------------------------------
def test_reading_commands_on_a_missing_store_fail_without_creating_it(cli, tmp_path: Path):
    path = tmp_path / "nope.duckdb"
    for args in (("events",), ("dyad", "IND", "PAK"), ("network", "--out", tmp_path / "n.json"),
                 ("export", "--format", "csv", "--out", tmp_path / "x.csv")):
        result = cli(*args, "--db", path)
        assert result.exit_code == 1, args
        assert "no such store" in one_line(result.stderr)
    assert not path.exists()


def test_a_newer_store_is_refused_and_unchanged(cli, tmp_path: Path):
    path = tmp_path / "new.duckdb"
    assert cli("ingest", write_jsonl(tmp_path / "n.jsonl", NEWS), "--db", path).exit_code == 0
    with Store(path) as s:
        s.con.execute("INSERT INTO migrations VALUES (7, 'from a later ghatna', now())")
    before = sha(path)
    f = tmp_path / "more.txt"
    f.write_text("ચીને જાપાનની ટીકા કરી.", encoding="utf-8")
    for args in (("ingest", f), ("events",), ("recode",)):
        result = cli(*args, "--db", path)
        assert result.exit_code == 1, args
        assert "newer" in one_line(result.stderr)
    assert sha(path) == before


def test_a_file_that_is_not_a_store_is_refused_and_unchanged(cli, tmp_path: Path):
    path = tmp_path / "notes.txt"
    path.write_text("ભારતે પાકિસ્તાનની ટીકા કરી.\n", encoding="utf-8")
    before = path.read_bytes()
    result = cli("ingest", path, "--db", path)
    assert result.exit_code == 1 and "not a ghatna store" in one_line(result.stderr)
    assert path.read_bytes() == before


# -- real processes: exit codes and one-line errors -----------------------------------------------------
def run(tmp_path: Path, *args: object, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "GHATNA_DB"}
    return subprocess.run([str(GHATNA), *map(str, args)], cwd=tmp_path, env=env, input=stdin and stdin.decode(),
                          capture_output=True, text=True, timeout=120)


@pytest.mark.skipif(not GHATNA.exists(), reason="the ghatna script is not installed in this environment")
def test_processes_ingest_query_and_fail_cleanly(tmp_path: Path):
    src = write_jsonl(tmp_path / "n.jsonl", NEWS)
    ok = run(tmp_path, "ingest", src, "-", "--db", "s.duckdb", "--date", "2023-05-05",
             stdin="ભારતે બાંગ્લાદેશને મદદ આપી.\n".encode())
    assert ok.returncode == 0, ok.stderr
    assert one_line(ok.stderr).startswith("stored 5 articles")
    ev = run(tmp_path, "events", "--db", "s.duckdb", "--actor", "BGD")
    assert ev.returncode == 0 and [json.loads(x)["target_code"] for x in ev.stdout.splitlines() if x.strip()] == ["BGD"]
    missing = run(tmp_path, "events", "--db", "missing.duckdb")
    assert missing.returncode == 1 and "no such store" in one_line(missing.stderr)
    bad_filter = run(tmp_path, "events", "--db", "s.duckdb", "--since", "2023-02-30")
    assert bad_filter.returncode == 2 and "--since" in one_line(bad_filter.stderr)
    (tmp_path / "broken.rss").write_text("<rss><channel><item><title>", encoding="utf-8")
    nothing = run(tmp_path, "ingest", "broken.rss", "--db", "s.duckdb")
    assert nothing.returncode == 1 and "Traceback" not in nothing.stderr and "broken.rss" in nothing.stderr
    (tmp_path / "plain.duckdb").write_text("હું ડેટાબેઝ નથી\n", encoding="utf-8")
    refused = run(tmp_path, "ingest", src, "--db", "plain.duckdb")
    assert refused.returncode == 1 and "not a ghatna store" in one_line(refused.stderr)
    assert (tmp_path / "plain.duckdb").read_text(encoding="utf-8") == "હું ડેટાબેઝ નથી\n"
    assert not (tmp_path / "ghatna.duckdb").exists()



def test_ingest_batch_size_defaults_to_the_stores(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import ghatna.store as store_mod

    assert f"(default: {store_mod.BATCH_SIZE})" in cli("ingest", "--help", env={"COLUMNS": "200"}).stdout
    seen: list[int] = []
    real = Store.ingest

    def spy(self, items, **kw):
        seen.append(kw["batch_size"])
        return real(self, items, **kw)

    monkeypatch.setattr(Store, "ingest", spy)
    text = tmp_path / "a.txt"
    text.write_text("ભારતે ચીનની ટીકા કરી.", encoding="utf-8")
    for extra in ([], ["--batch-size", "0"], ["--batch-size", "7"]):
        assert cli("ingest", text, "--db", tmp_path / "s.duckdb", *extra).exit_code == 0
    assert seen == [store_mod.BATCH_SIZE, 1, 7]
