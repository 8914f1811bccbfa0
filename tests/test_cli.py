"""The ``ghatna code`` command line: formats, inputs, dates, bad input, exit statuses, and the library API.

Most tests run the typer app in-process (the ``cli`` fixture of conftest.py); a few run the installed
``ghatna`` script in a subprocess, where exit statuses, tracebacks and the split between standard output
and standard error are exactly what a user sees.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import ghatna
from ghatna.lang.base import UnknownLanguage
from ghatna.readers import LONG_LINE

ROOT = Path(__file__).resolve().parent.parent

# -- test sentences (written for these tests) ---------------------------------------------------
#: USA -> PRK, CAMEO 163 (sanctions); no date in the sentence
SANCTIONS = "અમેરિકાએ ઉત્તર કોરિયા પર પ્રતિબંધો લગાવ્યા છે."
#: IND (Modi) -> JPN, CAMEO 042 (visit); no date in the sentence
VISIT = "ભારતના વડાપ્રધાન નરેન્દ્ર મોદીએ જાપાનની મુલાકાત લીધી હતી."
#: the same visit "yesterday": dated relative to the article date
VISIT_YESTERDAY = "ભારતના વડાપ્રધાન નરેન્દ્ર મોદીએ ગઈકાલે જાપાનની મુલાકાત લીધી હતી."
#: Gujarati digits (૨૦૧૯), a zero-width joiner inside the actor and inside the verb, curly quotes
TRICKY = ("૨૦૧૯માં “અમે\u200dરિકાએ” ઉત્તર કોરિયા પર પ્રતિબંધો લગા\u200dવ્યા હતા.\n"
          "‘સમાચાર મુજબ’, ભારતના વડાપ્રધાન નરેન્દ્ર મોદીએ જાપાનની મુલાકાત લીધી હતી.")
#: Gujarati prose that reports no political event
NO_EVENT = "આજે અમદાવાદમાં ભારે વરસાદ પડ્યો. લોકો ઘરમાં જ રહ્યા."
ENGLISH = "The United States imposed new sanctions on North Korea on Monday."
HINDI = "अमेरिका ने उत्तर कोरिया पर नए प्रतिबंध लगाए हैं।"

#: every field of the event record (DESIGN.md §2)
FIELDS = {"id", "doc_id", "lang", "sentence_index", "sentence_text", "sentence_start", "sentence_end",
          "source", "target", "trigger", "cameo", "cameo_label", "plover", "goldstein", "quad_class",
          "factuality", "date", "date_basis", "location"}
ACTOR_FIELDS = {"text", "start", "end", "code", "country", "org", "name", "role"}
FACTUALITY = {"asserted", "reported", "alleged", "negated", "hypothetical", "future"}
DATE_BASIS = {"text", "narrative", "article", None}


# -- helpers ------------------------------------------------------------------------------------
def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def records(stdout: str) -> list[dict]:
    """The event records of jsonl output; every non-empty line must be one JSON object."""
    out = []
    for line in stdout.splitlines():
        assert line.strip(), f"blank line in jsonl output: {stdout!r}"
        obj = json.loads(line)
        assert isinstance(obj, dict), line
        out.append(obj)
    return out


def err_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.strip()]


def assert_clean_failure_output(result) -> None:  # type: ignore[no-untyped-def]
    """No uncaught exception escaped the command, and nothing on stderr looks like a traceback."""
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.stderr
    assert "Traceback" not in result.stdout


def assert_only_good_coded(result, name: str) -> None:  # type: ignore[no-untyped-def]
    """The command succeeded, coded the article "good" alone, and said in one clean line that ``name``
    could not be coded."""
    assert result.exit_code == 0
    assert_clean_failure_output(result)
    assert {r["doc_id"] for r in records(result.stdout)} == {"good"}
    assert len(lines_naming(result.stderr, name)) == 1


def lines_naming(stderr: str, name: str) -> list[str]:
    return [line for line in err_lines(stderr) if name in line]


def assert_spans_point_into(text: str, rec: dict) -> None:
    """sentence, trigger, actors and location of a record are exact slices of the input ``text``."""
    s, e = rec["sentence_start"], rec["sentence_end"]
    assert 0 <= s < e <= len(text)
    assert text[s:e] == rec["sentence_text"]
    spans = [rec["trigger"]] + [rec[k] for k in ("source", "target", "location") if rec[k]]
    for span in spans:
        assert 0 <= span["start"] < span["end"] <= len(text), span
        assert text[span["start"]:span["end"]] == span["text"], span


@pytest.fixture(scope="module")
def ghatna_bin() -> Path:
    exe = ROOT / ".venv" / "bin" / "ghatna"
    if exe.exists():
        return exe
    found = shutil.which("ghatna")
    if not found:
        pytest.skip("the ghatna script is not installed")
    return Path(found)


def run(exe: Path, *args: object, stdin: bytes | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    return subprocess.run([str(exe), *map(str, args)], input=stdin if stdin is not None else b"",
                          capture_output=True, timeout=timeout, env=env, check=False)


# ==============================================================================================
# formats
# ==============================================================================================
def test_jsonl_writes_one_object_per_event_line_with_every_design_field(cli, tmp_path):
    path = write(tmp_path / "two.txt", f"{SANCTIONS}\n{VISIT}\n")
    result = cli("code", path, "--format", "jsonl", "--date", "2023-05-04")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    recs = records(result.stdout)
    assert len(lines) == len(recs) == len(ghatna.code(f"{SANCTIONS}\n{VISIT}\n", doc_id="two", date="2023-05-04"))
    assert {r["cameo"] for r in recs} >= {"163", "042"}
    for rec in recs:
        assert rec.keys() >= FIELDS, FIELDS - rec.keys()
        assert rec["doc_id"] == "two"
        assert rec["lang"] == "gu"
        assert re.fullmatch(rf"two:{rec['sentence_index']}:\d+", rec["id"])
        assert set(rec["trigger"]) >= {"text", "start", "end"}
        for key in ("source", "target"):
            assert rec[key] is None or rec[key].keys() >= ACTOR_FIELDS
        assert isinstance(rec["cameo"], str) and re.fullmatch(r"\d{2,4}", rec["cameo"])
        assert rec["cameo_label"]
        assert set(rec["plover"]) >= {"event", "mode"}
        assert -10 <= rec["goldstein"] <= 10
        assert rec["quad_class"] in (1, 2, 3, 4)
        assert rec["factuality"] in FACTUALITY
        assert rec["date_basis"] in DATE_BASIS
        assert rec["location"] is None or {"text", "start", "end", "country"} <= rec["location"].keys()
    assert len({r["id"] for r in recs}) == len(recs), "event ids must be unique"


def test_jsonl_sanctions_sentence_is_coded_usa_to_prk_163(cli, tmp_path):
    path = write(tmp_path / "s.txt", SANCTIONS)
    recs = records(cli("code", path, "--format", "jsonl").stdout)
    [rec] = [r for r in recs if r["cameo"] == "163"]
    assert rec["source"]["code"] == "USA"
    assert rec["target"]["code"] == "PRK"
    assert rec["source"]["name"] == "United States"
    assert rec["target"]["name"] == "North Korea"
    assert rec["quad_class"] == 4


def test_jsonl_offsets_map_back_to_original_input_with_gujarati_digits_zwj_and_curly_quotes(cli, tmp_path):
    path = write(tmp_path / "tricky.txt", TRICKY)
    result = cli("code", path, "--format", "jsonl", "--date", "2023-05-04")
    assert result.exit_code == 0, result.stderr
    recs = records(result.stdout)
    assert {r["cameo"] for r in recs} >= {"163"}
    text = path.read_text(encoding="utf-8")
    for rec in recs:
        assert_spans_point_into(text, rec)
    sanction = next(r for r in recs if r["cameo"] == "163")
    # the record keeps the input as it stands: Gujarati digits, curly quotes and joiners are not folded away
    assert "૨૦૧૯" in sanction["sentence_text"]
    assert "“" in sanction["sentence_text"]
    assert sanction["source"]["text"] == "અમે\u200dરિકાએ"
    assert sanction["trigger"]["text"] == "પ્રતિબંધો લગા\u200dવ્યા"
    # offsets are in characters past the joiner and the quotes, not in the normalized text
    assert sanction["source"]["start"] == TRICKY.index("અમે\u200dરિકાએ")
    assert sanction["trigger"]["end"] == TRICKY.index("લગા\u200dવ્યા") + len("લગા\u200dવ્યા")
    later = [r for r in recs if r["sentence_index"] == 1]
    assert later, "the second sentence (after the curly-quoted phrase) should be coded too"
    assert later[0]["sentence_start"] == TRICKY.index("‘")


def test_gujarati_digits_in_the_sentence_date_the_event(cli, tmp_path):
    path = write(tmp_path / "tricky.txt", TRICKY)
    recs = records(cli("code", path, "--format", "jsonl", "--date", "2023-05-04").stdout)
    sanction = next(r for r in recs if r["cameo"] == "163")
    assert sanction["date"] == "2019"
    assert sanction["date_basis"] == "text"


def test_jsonl_records_equal_the_library_events_to_dict(cli, tmp_path):
    path = write(tmp_path / "lib-same.txt", TRICKY)
    result = cli("code", path, "--format", "jsonl", "--date", "2023-05-04")
    expected = [e.to_dict() for e in ghatna.code(TRICKY, doc_id="lib-same", date="2023-05-04", lang="gu")]
    assert expected
    assert records(result.stdout) == expected


def test_table_shows_english_actor_names_and_cameo_label(cli, tmp_path):
    a = write(tmp_path / "a.txt", SANCTIONS)
    b = write(tmp_path / "b.txt", VISIT)
    result = cli("code", a, b, "--format", "table", "--date", "2023-05-04", env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert not any(line.lstrip().startswith("{") for line in out.splitlines()), "table output must not be jsonl"
    for expected in ("United States", "North Korea", "(USA)", "(PRK)", "163", "Impose embargo, boycott, or sanctions",
                     "Narendra Modi", "Japan", "042", "Make a visit", "પ્રતિબંધો લગાવ્યા", "2023-05-04", "asserted"):
        assert expected in out, f"{expected!r} missing from the table:\n{out}"
    # one table per document, titled with its doc_id
    assert re.search(r"\ba: 1 events", out) and re.search(r"\bb: 1 events", out)
    assert result.stderr == ""


def test_default_format_off_a_terminal_is_jsonl(cli, tmp_path):
    path = write(tmp_path / "a.txt", SANCTIONS)
    default = cli("code", path)
    explicit = cli("code", path, "--format", "jsonl")
    assert default.exit_code == 0
    assert records(default.stdout)
    assert default.stdout == explicit.stdout


def test_unknown_format_is_a_usage_error(cli, tmp_path):
    path = write(tmp_path / "a.txt", SANCTIONS)
    result = cli("code", path, "--format", "csv")
    assert result.exit_code != 0
    assert result.stdout == ""


def test_subprocess_default_format_to_a_pipe_is_jsonl_on_stdout_only(ghatna_bin, tmp_path):
    path = write(tmp_path / "a.txt", SANCTIONS)
    proc = run(ghatna_bin, "code", path)
    assert proc.returncode == 0
    assert proc.stderr == b""
    recs = records(proc.stdout.decode("utf-8"))
    assert [r["cameo"] for r in recs] == ["163"]


# ==============================================================================================
# inputs
# ==============================================================================================
def test_txt_file_doc_id_is_the_file_stem(cli, tmp_path):
    path = write(tmp_path / "kim-moon.2019.txt", SANCTIONS)
    recs = records(cli("code", path, "--format", "jsonl").stdout)
    assert recs
    assert {r["doc_id"] for r in recs} == {"kim-moon.2019"}
    assert all(r["id"].startswith("kim-moon.2019:") for r in recs)


def test_directory_codes_every_txt_below_it_recursively_and_ignores_other_files(cli, tmp_path):
    root = tmp_path / "news"
    write(root / "top.txt", SANCTIONS)
    write(root / "gujarat" / "2023" / "deep.txt", VISIT)
    write(root / "gujarat" / "notes.md", SANCTIONS)
    write(root / "gujarat" / "feed.jsonl", json.dumps({"id": "from-jsonl", "text": SANCTIONS}) + "\n")
    write(root / "gujarat" / "README", VISIT)
    write(root / "gujarat" / "page.html", f"<html><body><p>{SANCTIONS}</p></body></html>")
    result = cli("code", root, "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    assert {r["doc_id"] for r in records(result.stdout)} == {"top", "deep"}
    assert result.stderr == ""


def test_stdin_dash_is_read_as_one_article(cli):
    result = cli("code", "-", "--format", "jsonl", "--date", "2023-05-04", input=SANCTIONS.encode("utf-8"))
    assert result.exit_code == 0, result.stderr
    recs = records(result.stdout)
    assert [r["cameo"] for r in recs] == ["163"]
    assert recs[0]["doc_id"] == "stdin"
    assert recs[0]["date"] == "2023-05-04"
    assert_spans_point_into(SANCTIONS, recs[0])


def test_subprocess_stdin_dash(ghatna_bin):
    proc = run(ghatna_bin, "code", "-", "--format", "jsonl", stdin=TRICKY.encode("utf-8"))
    assert proc.returncode == 0, proc.stderr
    recs = records(proc.stdout.decode("utf-8"))
    assert recs
    for rec in recs:
        assert_spans_point_into(TRICKY, rec)


def test_jsonl_file_doc_id_is_the_id_and_the_line_date_is_the_article_date(cli, tmp_path):
    lines = [
        {"id": "art-1", "text": VISIT, "date": "2021-06-07", "lang": "gu"},
        {"id": 42, "text": SANCTIONS},  # no date: --date applies; a numeric id becomes a string
    ]
    path = write(tmp_path / "feed.jsonl", "".join(json.dumps(o, ensure_ascii=False) + "\n" for o in lines))
    result = cli("code", path, "--format", "jsonl", "--date", "2020-01-01")
    assert result.exit_code == 0, result.stderr
    recs = records(result.stdout)
    by_doc = {r["doc_id"]: r for r in recs}
    assert set(by_doc) == {"art-1", "42"}
    assert by_doc["art-1"]["cameo"] == "042"
    assert by_doc["art-1"]["date"] == "2021-06-07"  # the line's date wins over --date
    assert by_doc["art-1"]["date_basis"] == "article"
    assert by_doc["art-1"]["id"].startswith("art-1:")
    assert by_doc["42"]["date"] == "2020-01-01"
    assert by_doc["42"]["date_basis"] == "article"
    assert_spans_point_into(VISIT, by_doc["art-1"])


def test_jsonl_line_date_anchors_relative_dates(cli, tmp_path):
    path = write(tmp_path / "feed.jsonl",
                 json.dumps({"id": "y", "text": VISIT_YESTERDAY, "date": "2021-03-01"}, ensure_ascii=False) + "\n")
    [rec] = records(cli("code", path, "--format", "jsonl").stdout)
    assert rec["date"] == "2021-02-28"
    assert rec["date_basis"] == "text"


def test_jsonl_lines_without_id_get_distinct_doc_ids(cli, tmp_path):
    path = write(tmp_path / "noid.jsonl", "".join(json.dumps({"text": t}, ensure_ascii=False) + "\n"
                                                 for t in (SANCTIONS, VISIT)))
    result = cli("code", path, "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    recs = records(result.stdout)
    doc_ids = [r["doc_id"] for r in recs]
    assert len(set(doc_ids)) == 2
    assert len({r["id"] for r in recs}) == len(recs)


def test_several_paths_at_once_are_all_coded_in_order(cli, tmp_path):
    a = write(tmp_path / "first.txt", SANCTIONS)
    folder = tmp_path / "dir"
    write(folder / "second.txt", VISIT)
    feed = write(tmp_path / "feed.jsonl", json.dumps({"id": "third", "text": SANCTIONS}, ensure_ascii=False) + "\n")
    result = cli("code", a, folder, feed, "-", "--format", "jsonl", input=VISIT.encode("utf-8"))
    assert result.exit_code == 0, result.stderr
    doc_ids = [r["doc_id"] for r in records(result.stdout)]
    assert list(dict.fromkeys(doc_ids)) == ["first", "second", "third", "stdin"]


def test_explicit_lang_gu_is_accepted(cli, tmp_path):
    path = write(tmp_path / "a.txt", SANCTIONS)
    result = cli("code", path, "--lang", "gu", "--format", "jsonl")
    assert result.exit_code == 0
    assert [r["lang"] for r in records(result.stdout)] == ["gu"]


def test_code_without_paths_is_a_usage_error(cli):
    result = cli("code")
    assert result.exit_code != 0
    assert result.stdout.strip() == "" or "Usage" in result.stdout + result.stderr


# ==============================================================================================
# --date
# ==============================================================================================
def test_date_option_applies_to_inputs_without_a_date(cli, tmp_path):
    path = write(tmp_path / "a.txt", SANCTIONS)
    [rec] = records(cli("code", path, "--format", "jsonl", "--date", "2023-05-04").stdout)
    assert rec["date"] == "2023-05-04"
    assert rec["date_basis"] == "article"


def test_without_date_option_an_undated_sentence_has_no_date(cli, tmp_path):
    path = write(tmp_path / "a.txt", SANCTIONS)
    [rec] = records(cli("code", path, "--format", "jsonl").stdout)
    assert rec["date"] is None
    assert rec["date_basis"] is None


def test_date_option_anchors_relative_dates_in_the_text(cli, tmp_path):
    path = write(tmp_path / "y.txt", VISIT_YESTERDAY)
    [rec] = records(cli("code", path, "--format", "jsonl", "--date", "2023-05-04").stdout)
    assert rec["cameo"] == "042"
    assert rec["date"] == "2023-05-03"
    assert rec["date_basis"] == "text"


@pytest.mark.parametrize("bad", ["2023-13-45", "yesterday", "04/05/2023", "2023-02-30"])
def test_invalid_date_option_gives_one_line_error_and_nonzero_exit(cli, tmp_path, bad):
    path = write(tmp_path / "a.txt", SANCTIONS)
    result = cli("code", path, "--date", bad)
    assert result.exit_code != 0
    assert_clean_failure_output(result)
    assert result.stdout == ""
    lines = err_lines(result.stderr)
    assert len(lines) == 1, result.stderr
    assert bad in lines[0]
    assert "YYYY-MM-DD" in lines[0]


def test_subprocess_invalid_date_exit_status_and_stderr(ghatna_bin, tmp_path):
    path = write(tmp_path / "a.txt", SANCTIONS)
    proc = run(ghatna_bin, "code", path, "--date", "2023-13-45")
    assert proc.returncode != 0
    assert proc.stdout == b""
    err = proc.stderr.decode("utf-8")
    assert "Traceback" not in err
    assert len(err_lines(err)) == 1
    assert "2023-13-45" in err


@pytest.mark.parametrize(("field", "bad", "good"), [("date", "yesterday", "2022-02-02"), ("lang", "xx", "gu")])
def test_a_bad_field_in_a_jsonl_line_is_reported_and_other_lines_are_coded(cli, tmp_path, field, bad, good):
    path = write(tmp_path / "feed.jsonl",
                 json.dumps({"id": "bad", "text": SANCTIONS, field: bad}, ensure_ascii=False) + "\n"
                 + json.dumps({"id": "good", "text": VISIT, field: good}, ensure_ascii=False) + "\n")
    assert_only_good_coded(cli("code", path, "--format", "jsonl"), bad)


# ==============================================================================================
# bad input: one line on stderr, the rest still coded, non-zero exit only when nothing was coded
# ==============================================================================================
_HTML_DOC = ("<!DOCTYPE html>\n<html><head><title>સમાચાર</title></head>\n<body>\n<div class=\"story\">\n"
             f"<p>{SANCTIONS}</p>\n<p>{VISIT}</p>\n</div>\n</body></html>\n")
_LATE_PREFIX = (SANCTIONS + "\n").encode("utf-8")  # 127 bytes but 47 characters: the offset is in bytes
_LATE_BAD = _LATE_PREFIX + b"\xff" + VISIT.encode("utf-8")
_TRUNCATED = _LATE_PREFIX + b"\xe0\xaa" + b" " + VISIT.encode("utf-8")  # a cut-off 3-byte sequence

BAD_FILES = {
    # case: (file name, bytes, substrings the message must contain)
    "empty": ("empty.txt", b"", ["empty"]),
    "whitespace-only": ("blank.txt", b"  \n\t\n\n", ["empty"]),
    "not-utf8": ("latin.txt", b"\xe0\xaa\x95\xff\xe0\xaa\x96", ["not UTF-8", "offset 3", "0xff"]),
    "not-utf8-later": ("late.txt", _LATE_BAD, ["not UTF-8", f"offset {len(_LATE_PREFIX)}", "0xff"]),
    "truncated-utf8": ("cut.txt", _TRUNCATED, ["not UTF-8", f"offset {len(_LATE_PREFIX)}", "0xe0"]),
    "binary": ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", ["binary"]),
    "nul-in-text": ("nul.txt", SANCTIONS.encode("utf-8") + b"\x00\x00" + VISIT.encode("utf-8"), ["binary"]),
    "html": ("page.txt", _HTML_DOC.encode("utf-8"), ["HTML"]),
    "english": ("english.txt", ENGLISH.encode("utf-8"), ["not Gujarati", "Latin"]),
    "hindi": ("hindi.txt", HINDI.encode("utf-8"), ["not Gujarati", "Devanagari"]),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_bad_file_gets_one_line_message_and_the_other_input_is_still_coded(cli, tmp_path, case):
    name, data, expected = BAD_FILES[case]
    bad = write(tmp_path / name, data)
    good = write(tmp_path / "good.txt", SANCTIONS)
    result = cli("code", bad, good, "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    assert_clean_failure_output(result)
    recs = records(result.stdout)
    assert {r["doc_id"] for r in recs} == {"good"}, "the bad input must not be coded, the good one must"
    lines = err_lines(result.stderr)
    assert len(lines) == 1, result.stderr
    assert Path(name).stem in lines[0]  # names the file (path or doc id)
    for s in expected:
        assert s in lines[0], f"{s!r} not in {lines[0]!r}"


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_bad_file_alone_exits_nonzero_without_traceback(cli, tmp_path, case):
    name, data, _ = BAD_FILES[case]
    bad = write(tmp_path / name, data)
    result = cli("code", bad, "--format", "jsonl")
    assert result.exit_code != 0
    assert_clean_failure_output(result)
    assert result.stdout == ""
    assert len(lines_naming(result.stderr, Path(name).stem)) == 1


def test_not_utf8_message_names_the_path_and_byte_offset(cli, tmp_path):
    bad = write(tmp_path / "cp1252.txt", b"\xe0\xaa\x95\xff\xe0\xaa\x96")
    [line] = err_lines(cli("code", bad).stderr)[:1]
    assert str(bad) in line
    assert re.search(r"\boffset 3\b", line)


def test_not_utf8_on_stdin_is_reported_as_stdin(cli):
    result = cli("code", "-", input=b"\xe0\xaa\x95\xff")
    assert result.exit_code != 0
    assert_clean_failure_output(result)
    assert len(lines_naming(result.stderr, "stdin")) == 1
    assert "not UTF-8" in result.stderr


def test_missing_path_is_reported_and_others_are_coded(cli, tmp_path):
    good = write(tmp_path / "good.txt", SANCTIONS)
    missing = tmp_path / "no-such-article.txt"
    result = cli("code", missing, good, "--format", "jsonl")
    assert_only_good_coded(result, "no-such-article.txt")
    [line] = err_lines(result.stderr)
    assert "no such file" in line


def test_empty_directory_is_reported_and_others_are_coded(cli, tmp_path):
    empty = tmp_path / "empty-dir"
    empty.mkdir()
    write(empty / "sub" / "notes.md", SANCTIONS)  # no .txt anywhere below
    good = write(tmp_path / "good.txt", SANCTIONS)
    result = cli("code", empty, good, "--format", "jsonl")
    assert_only_good_coded(result, "empty-dir")
    assert len(err_lines(result.stderr)) == 1


@pytest.mark.parametrize("what", ["missing", "empty-dir"])
def test_missing_path_or_empty_directory_alone_exits_nonzero(cli, tmp_path, what):
    target = tmp_path / what
    if what == "empty-dir":
        target.mkdir()
    result = cli("code", target)
    assert result.exit_code != 0
    assert_clean_failure_output(result)
    assert result.stdout == ""
    assert len(lines_naming(result.stderr, what)) == 1


def test_bad_file_inside_a_directory_does_not_stop_the_directory(cli, tmp_path):
    root = tmp_path / "mixed"
    write(root / "a-bad.txt", b"\xe0\xaa\x95\xff")
    write(root / "b-empty.txt", b"")
    write(root / "c-good.txt", SANCTIONS)
    write(root / "d-english.txt", ENGLISH)
    write(root / "e-good.txt", VISIT)
    result = cli("code", root, "--format", "jsonl")
    assert result.exit_code == 0
    assert_clean_failure_output(result)
    assert [r["doc_id"] for r in records(result.stdout)] == ["c-good", "e-good"]
    lines = err_lines(result.stderr)
    assert len(lines) == 3
    for stem in ("a-bad", "b-empty", "d-english"):
        assert len(lines_naming(result.stderr, stem)) == 1


@pytest.mark.parametrize(("line", "expected"), [
    ("[1, 2]", "list"),
    ('"text"', "str"),
    ("42", "int"),
    ("null", "NoneType"),
    ("{not json", "not valid JSON"),
    ('{"id": "t1", "text": "અમેરિકાએ', "not valid JSON"),  # truncated
    ('{"id": "no-text", "date": "2023-01-01"}', '"text"'),
    ('{"id": "num-text", "text": 5}', '"text"'),
    ('{"id": "blank-text", "text": "   "}', "empty"),
])
def test_bad_jsonl_line_gets_one_line_message_and_other_lines_are_coded(cli, tmp_path, line, expected):
    good1 = json.dumps({"id": "good-1", "text": SANCTIONS}, ensure_ascii=False)
    good2 = json.dumps({"id": "good-2", "text": VISIT}, ensure_ascii=False)
    path = write(tmp_path / "feed.jsonl", f"{good1}\n{line}\n{good2}\n")
    result = cli("code", path, "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    assert_clean_failure_output(result)
    assert list(dict.fromkeys(r["doc_id"] for r in records(result.stdout))) == ["good-1", "good-2"]
    [msg] = err_lines(result.stderr)
    assert f"{path}:2" in msg  # the file and the line number
    assert expected in msg


def test_jsonl_of_only_bad_lines_exits_nonzero(cli, tmp_path):
    path = write(tmp_path / "junk.jsonl", '[1, 2]\n"text"\n{oops\n{"id": "x"}\n')
    result = cli("code", path)
    assert result.exit_code != 0
    assert_clean_failure_output(result)
    assert result.stdout == ""
    assert len(lines_naming(result.stderr, "junk.jsonl")) == 4


def test_jsonl_blank_lines_are_skipped_silently(cli, tmp_path):
    path = write(tmp_path / "gaps.jsonl", "\n" + json.dumps({"id": "g", "text": SANCTIONS}, ensure_ascii=False)
                 + "\n\n   \n")
    result = cli("code", path, "--format", "jsonl")
    assert result.exit_code == 0
    assert result.stderr == ""
    assert [r["doc_id"] for r in records(result.stdout)] == ["g"]


def test_empty_jsonl_file_is_reported(cli, tmp_path):
    empty = write(tmp_path / "empty.jsonl", b"")
    good = write(tmp_path / "good.txt", SANCTIONS)
    assert_only_good_coded(cli("code", empty, good, "--format", "jsonl"), "empty.jsonl")


def test_not_utf8_jsonl_file_names_the_file_and_offset(cli, tmp_path):
    prefix = json.dumps({"id": "x", "text": SANCTIONS}, ensure_ascii=False).encode("utf-8")
    path = write(tmp_path / "bad.jsonl", prefix[:20] + b"\xff" + prefix[20:] + b"\n")
    good = write(tmp_path / "good.txt", VISIT)
    result = cli("code", path, good, "--format", "jsonl")
    assert result.exit_code == 0
    assert_clean_failure_output(result)
    [line] = err_lines(result.stderr)
    assert "bad.jsonl" in line and "offset 20" in line


def test_gujarati_text_without_events_is_coded_and_exits_zero(cli, tmp_path):
    path = write(tmp_path / "weather.txt", NO_EVENT)
    result = cli("code", path, "--format", "jsonl")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == ""


def test_english_and_hindi_are_reported_as_not_gujarati_and_not_coded(cli, tmp_path):
    en = write(tmp_path / "en.txt", ENGLISH)
    hi = write(tmp_path / "hi.txt", HINDI)
    gu = write(tmp_path / "gu.txt", SANCTIONS)
    result = cli("code", en, hi, gu, "--format", "jsonl")
    assert result.exit_code == 0
    assert {r["doc_id"] for r in records(result.stdout)} == {"gu"}
    lines = err_lines(result.stderr)
    assert len(lines) == 2
    assert all("not Gujarati" in line for line in lines)
    assert any("Latin" in line for line in lines) and any("Devanagari" in line for line in lines)


def test_hindi_in_a_jsonl_line_is_not_coded(cli, tmp_path):
    path = write(tmp_path / "mixed.jsonl",
                 json.dumps({"id": "hi-1", "text": HINDI}, ensure_ascii=False) + "\n"
                 + json.dumps({"id": "gu-1", "text": SANCTIONS}, ensure_ascii=False) + "\n")
    result = cli("code", path, "--format", "jsonl")
    assert result.exit_code == 0
    assert {r["doc_id"] for r in records(result.stdout)} == {"gu-1"}
    [line] = err_lines(result.stderr)
    assert "hi-1" in line and "Devanagari" in line


def _long_line_text() -> str:
    clause = SANCTIONS.removesuffix(".") + " "
    words = (clause * (30_000 // len(clause) + 1))[:30_000]
    return words[: words.rindex(" ")]  # whole words, no sentence punctuation at all


def test_subprocess_very_long_line_finishes_is_coded_and_prints_a_note(ghatna_bin, tmp_path):
    text = _long_line_text()
    assert len(text) > LONG_LINE and "." not in text and "\n" not in text
    path = write(tmp_path / "one-line.txt", text)
    good = write(tmp_path / "good.txt", VISIT)
    proc = run(ghatna_bin, "code", path, good, "--format", "jsonl", timeout=120)
    assert proc.returncode == 0
    err = proc.stderr.decode("utf-8")
    assert "Traceback" not in err
    notes = err_lines(err)
    assert len(notes) == 1, err
    assert "one-line.txt" in notes[0] and "line 1" in notes[0]
    recs = records(proc.stdout.decode("utf-8"))
    long_recs = [r for r in recs if r["doc_id"] == "one-line"]
    assert long_recs, "the long line must still be coded"
    assert any(r["doc_id"] == "good" for r in recs)
    for rec in long_recs:
        assert_spans_point_into(text, rec)
        assert rec["sentence_end"] - rec["sentence_start"] <= LONG_LINE
    assert len({r["id"] for r in long_recs}) == len(long_recs)


def test_subprocess_stdout_has_only_records_and_stderr_only_messages(ghatna_bin, tmp_path):
    bad = write(tmp_path / "bad.txt", b"\xe0\xaa\x95\xff")
    good = write(tmp_path / "good.txt", SANCTIONS)
    missing = tmp_path / "missing.txt"
    proc = run(ghatna_bin, "code", bad, good, missing, "--format", "jsonl")
    assert proc.returncode == 0
    out, err = proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")
    assert [r["doc_id"] for r in records(out)] == ["good"]
    assert "Traceback" not in err
    assert len(err_lines(err)) == 2
    assert "bad.txt" in err and "missing.txt" in err
    assert "bad.txt" not in out and "missing.txt" not in out


def test_subprocess_nothing_coded_exits_nonzero(ghatna_bin, tmp_path):
    bad = write(tmp_path / "bad.txt", b"")
    proc = run(ghatna_bin, "code", bad, tmp_path / "missing.txt")
    assert proc.returncode != 0
    assert proc.stdout == b""
    err = proc.stderr.decode("utf-8")
    assert "Traceback" not in err
    assert len(lines_naming(err, "bad.txt")) == 1
    assert len(lines_naming(err, "missing.txt")) == 1


# ==============================================================================================
# unknown language
# ==============================================================================================
def test_unknown_lang_option_is_reported_in_one_line(cli, tmp_path):
    path = write(tmp_path / "a.txt", SANCTIONS)
    result = cli("code", path, "--lang", "xx")
    assert result.exit_code != 0
    assert_clean_failure_output(result)
    assert result.stdout == ""
    [line] = err_lines(result.stderr)[:1]
    assert "xx" in line


def test_subprocess_unknown_lang_option_has_no_traceback(ghatna_bin, tmp_path):
    path = write(tmp_path / "a.txt", SANCTIONS)
    proc = run(ghatna_bin, "code", path, "--lang", "xx")
    assert proc.returncode != 0
    err = proc.stderr.decode("utf-8")
    assert "Traceback" not in err
    assert len(err_lines(err)) <= 2  # the message (and at most the "nothing coded" summary)
    assert "xx" in err


# ==============================================================================================
# the library API
# ==============================================================================================
def test_library_code_returns_events_whose_to_dict_is_the_record():
    events = ghatna.code(SANCTIONS, doc_id="api", date="2023-05-04", lang="gu")
    assert events and all(isinstance(e, ghatna.Event) for e in events)
    d = events[0].to_dict()
    assert d.keys() >= FIELDS
    assert d["doc_id"] == "api" and d["id"].startswith("api:0:")
    assert json.loads(json.dumps(d, ensure_ascii=False)) == d  # JSON-serializable as is


def test_library_code_accepts_a_date_object():
    by_str = [e.to_dict() for e in ghatna.code(SANCTIONS, doc_id="d", date="2023-05-04")]
    by_date = [e.to_dict() for e in ghatna.code(SANCTIONS, doc_id="d", date=dt.date(2023, 5, 4))]
    assert by_str == by_date


def test_library_code_is_deterministic():
    first = [e.to_dict() for e in ghatna.code(TRICKY, doc_id="r", date="2023-05-04")]
    second = [e.to_dict() for e in ghatna.code(TRICKY, doc_id="r", date="2023-05-04")]
    assert first == second


def test_library_unknown_lang_raises_unknown_language_naming_the_code():
    with pytest.raises(UnknownLanguage, match="'xx'") as info:
        ghatna.code(SANCTIONS, doc_id="x", lang="xx")
    assert "gu" in str(info.value)  # lists the available packs


@pytest.mark.parametrize(("kwargs", "error"), [({"doc_id": 7}, ghatna.InputError), ({"lang": None}, UnknownLanguage),
                                               ({"lang": 3}, UnknownLanguage), ({"date": 2024}, ghatna.DateError)])
def test_library_arguments_of_a_wrong_type_are_one_line_errors(kwargs, error):
    with pytest.raises(error) as info:
        ghatna.code(SANCTIONS, **kwargs)
    assert "\n" not in str(info.value)
    assert isinstance(ghatna.code_batch([(SANCTIONS, kwargs.get("doc_id", "b"), kwargs.get("date"),
                                          kwargs.get("lang", "gu"))])[0], error)


def test_library_unknown_lang_is_a_ghatna_error():
    with pytest.raises(ghatna.GhatnaError):
        ghatna.code(SANCTIONS, doc_id="x", lang="xx")


@pytest.mark.parametrize(("text", "script"), [(ENGLISH, "Latin"), (HINDI, "Devanagari")])
def test_library_text_in_another_script_raises_language_error(text, script):
    with pytest.raises(ghatna.LanguageError, match=script):
        ghatna.code(text, doc_id="other")


def test_library_invalid_date_raises_date_error():
    with pytest.raises(ghatna.DateError):
        ghatna.code(SANCTIONS, date="2023-13-45")


def test_library_non_string_text_raises_input_error():
    with pytest.raises(ghatna.InputError):
        ghatna.code(SANCTIONS.encode("utf-8"))  # type: ignore[arg-type]


def test_module_runs_as_python_dash_m(tmp_path):
    path = write(tmp_path / "m.txt", SANCTIONS)
    proc = subprocess.run([sys.executable, "-m", "ghatna.cli", "code", str(path), "--format", "jsonl"],
                          capture_output=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    assert [r["cameo"] for r in records(proc.stdout.decode("utf-8"))] == ["163"]
