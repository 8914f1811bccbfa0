"""The pipeline: stages in the documented order, each saying what it reads and adds, one Doc per
input from ``Pipeline.pipe``, and event records whose spans point into the input text.

All sentences are written for these tests.
"""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest

import ghatna
from ghatna import code, code_doc
from ghatna.model import Doc, Event
from ghatna.pipeline import STAGES, Pipeline

ORDER = ["normalize", "segment", "scan", "analyze", "actors", "predicates", "roles", "discourse",
         "factuality", "dates", "assemble"]
TEXT = ("રશિયાએ યુક્રેન પર હુમલો કર્યો. અમેરિકાએ તેને ચેતવણી આપી. "
        "2019માં ભારત અને જાપાને કરાર પર હસ્તાક્ષર કર્યા.")


def test_stages_run_in_the_documented_order() -> None:
    assert [s.__name__ for s in STAGES] == ORDER


def test_default_pipeline_is_the_documented_stages() -> None:
    assert Pipeline().stages == STAGES


def _source(stage) -> ast.Module:
    """A stage module's source (read from the file: a module compiled by mypyc keeps no docstring)."""
    return ast.parse((Path(ghatna.__file__).parent / "stages" / f"{stage.__name__}.py").read_text(encoding="utf-8"))


@pytest.mark.parametrize("stage", STAGES, ids=ORDER)
def test_every_stage_is_one_module_with_one_public_function(stage) -> None:
    assert stage.__module__ == f"ghatna.stages.{stage.__name__}"
    public = [f for f in _source(stage).body if isinstance(f, ast.FunctionDef) and not f.name.startswith("_")]
    assert [f.name for f in public] == [stage.__name__]
    assert [a.arg for a in public[0].args.args] == ["doc"]


@pytest.mark.parametrize("stage", STAGES, ids=ORDER)
def test_every_stage_docstring_says_what_it_reads_and_adds(stage) -> None:
    doc = ast.get_docstring(_source(stage)) or ""
    assert doc.startswith(f"Stage {ORDER.index(stage.__name__) + 1} — {stage.__name__}.")
    assert "Reads" in doc
    assert "Adds" in doc or "Sets" in doc


def _state(doc: Doc) -> dict[str, bool]:
    sents = doc.sentences
    trigs = [t for s in sents for t in s.triggers]
    return {
        "normalize": bool(doc.norm) and len(doc.starts) == len(doc.norm),
        "segment": bool(sents),
        "scan": any(f.startswith("scan:") for s in sents for f in s.features),
        "analyze": any(s.tokens for s in sents),
        "actors": any(s.mentions for s in sents),
        "predicates": bool(trigs),
        "roles": any(t.entry is not None for t in trigs) and any(s.clauses for s in sents),
        "discourse": any(m.kind == "pronoun" and m.keys for s in sents for m in s.mentions),
        "factuality": any(t.factuality != "asserted" for t in trigs),
        "dates": any(s.dates for s in sents) and any(t.date for t in trigs),
        "assemble": bool(doc.events),
    }


@pytest.mark.parametrize("k", range(1, len(STAGES) + 1), ids=ORDER)
def test_each_stage_adds_its_part_and_nothing_of_later_stages(k) -> None:
    text = "રશિયાએ યુક્રેન પર હુમલો કર્યો. તેણે 2019માં હુમલો કર્યો ન હતો."
    doc = Pipeline(STAGES[:k])(Doc(text=text, date=dt.date(2023, 9, 20)))
    state = _state(doc)
    assert all(state[name] for name in ORDER[:k]), state
    assert not any(state[name] for name in ORDER[k:]), state


@pytest.mark.parametrize("stage", STAGES, ids=ORDER)
def test_every_stage_returns_the_doc(stage) -> None:
    doc = Doc(text="ભારતે ચીનની ટીકા કરી.")
    for s in STAGES[:STAGES.index(stage)]:
        doc = s(doc)
    assert stage(doc) is doc


# --- Pipeline.pipe --------------------------------------------------------------------------------

def test_pipe_yields_one_doc_per_input_in_order() -> None:
    texts = ["ભારતે ચીનની ટીકા કરી.", "હવામાન સારું છે.", "", "નાટોએ રશિયાને ચેતવણી આપી."]
    docs = [Doc(text=t, doc_id=f"d{n}") for n, t in enumerate(texts)]
    out = list(Pipeline().pipe(docs))
    assert len(out) == len(texts)
    assert [d.doc_id for d in out] == ["d0", "d1", "d2", "d3"]
    assert [len(d.events) for d in out] == [1, 0, 0, 1]


def test_pipe_is_lazy() -> None:
    seen: list[str] = []

    def stream():
        for n in range(3):
            seen.append(f"d{n}")
            yield Doc(text="ભારતે ચીનની ટીકા કરી.", doc_id=f"d{n}")

    it = Pipeline().pipe(stream())
    assert seen == []
    first = next(it)
    assert first.doc_id == "d0" and seen == ["d0"]
    seen.clear()
    batched = Pipeline().pipe(stream(), size=2)  # reads a batch ahead, codes it stage by stage
    first_of_batch = next(batched)
    assert seen == ["d0", "d1"] and first_of_batch.events
    alone = Pipeline()(Doc(text="ભારતે ચીનની ટીકા કરી.", doc_id="d0"))
    assert [e.to_dict() for e in first_of_batch.events] == [e.to_dict() for e in alone.events]
    assert [d.doc_id for d in batched] == ["d1", "d2"]


def test_pipe_and_call_give_the_same_events() -> None:
    one = Pipeline()(Doc(text=TEXT, doc_id="x"))
    [two] = list(Pipeline().pipe([Doc(text=TEXT, doc_id="x")]))
    assert [e.to_dict() for e in one.events] == [e.to_dict() for e in two.events]


# --- the façade and the records -------------------------------------------------------------------

def test_code_returns_the_events_of_code_doc() -> None:
    events = code(TEXT, doc_id="art", date="2023-09-20")
    doc = code_doc(TEXT, doc_id="art", date="2023-09-20")
    assert all(isinstance(e, Event) for e in events)
    assert [e.to_dict() for e in events] == [e.to_dict() for e in doc.events]
    assert {(e.source["country"], e.cameo, e.target["country"]) for e in events} == {
        ("RUS", "190", "UKR"), ("USA", "130", "RUS"), ("IND", "057", "JPN"), ("JPN", "057", "IND")}


def test_event_ids_are_doc_sentence_and_number() -> None:
    events = code(TEXT, doc_id="art")
    assert [e.id for e in events] == ["art:0:0", "art:1:0", "art:2:0", "art:2:1"]
    assert all(e.doc_id == "art" and e.lang == "gu" for e in events)


@pytest.mark.parametrize("text", [
    TEXT,
    # Gujarati digits, ઑ and a zero-width joiner change the normalized text, not the offsets
    "૨૦૧૯ના ઑક્ટોબરમાં ભારતે\u200d જાપાનની મુલાકાત લીધી. અમેરિકાએ ઇઝરાયલને મદદ કરી.",
])
def test_every_span_points_into_the_input_text(text) -> None:
    events = code(text)
    assert events
    for e in events:
        assert text[e.sentence_start:e.sentence_end] == e.sentence_text
        assert text[e.trigger["start"]:e.trigger["end"]] == e.trigger["text"]
        for actor in (e.source, e.target):
            if actor is not None:
                assert text[actor["start"]:actor["end"]] == actor["text"]


def test_record_has_every_contract_field() -> None:
    [event] = code("ભારતે ચીનની ટીકા કરી.", doc_id="a", date="2023-09-20")
    record = event.to_dict()
    assert set(record) >= {"id", "doc_id", "lang", "sentence_index", "sentence_text", "sentence_start",
                           "sentence_end", "source", "target", "trigger", "cameo", "cameo_label", "plover",
                           "goldstein", "quad_class", "factuality", "date", "date_basis", "location"}
    assert record["cameo"] == "111"
    assert record["quad_class"] == 3
    assert record["factuality"] == "asserted"
    assert (record["date"], record["date_basis"]) == ("2023-09-20", "article")


def test_public_api() -> None:
    assert {"code", "code_doc", "Doc", "Event", "load_language"} <= set(ghatna.__all__)


def test_code_batch_equals_code_doc_with_errors_in_place() -> None:
    items = [("ભારતે ચીનની ટીકા કરી.", "a", "2024-01-02", "gu"),
             ("Only Latin letters here.", "b", None, "gu"),
             ("રશિયાએ યુક્રેન પર હુમલો કર્યો.", "c", "not a date", "gu"),
             ("ચીને અમેરિકાની ટીકા કરી.", "d", None, "xx"),
             (42, "e", None, "gu"),
             ("અમેરિકાએ ઈરાન પર પ્રતિબંધો લાદ્યા. ભારતે વિરોધ કર્યો.", "f", None, "gu"),
             ("", "g", None, "gu")]
    got = ghatna.code_batch(items)  # type: ignore[arg-type]
    assert len(got) == len(items)
    for (text, doc_id, date, lang), result in zip(items, got, strict=True):
        try:
            alone = ghatna.code_doc(text, doc_id, date, lang)  # type: ignore[arg-type]
        except ghatna.GhatnaError as e:
            assert isinstance(result, ghatna.GhatnaError) and str(result) == str(e)
            continue
        assert isinstance(result, Doc) and result.doc_id == doc_id
        assert [e.to_dict() for e in result.events] == [e.to_dict() for e in alone.events]
    assert [type(r).__name__ for r in got] == ["Doc", "LanguageError", "DateError", "UnknownLanguage",
                                               "InputError", "Doc", "Doc"]
    assert got[0].events and got[5].events  # type: ignore[union-attr]


def test_a_batch_pauses_the_cycle_collector_and_leaves_it_as_it_was() -> None:
    import gc

    seen: list[bool] = []

    def probe(doc: Doc) -> Doc:
        seen.append(gc.isenabled())
        return doc

    pipeline = Pipeline((*STAGES, probe))
    docs = [Doc(text="ભારતે ચીનની ટીકા કરી.", doc_id=f"d{n}") for n in range(3)]
    assert gc.isenabled()
    pipeline.batch(docs)
    assert seen == [False] * 3 and gc.isenabled()
    gc.disable()
    try:
        pipeline.batch([Doc(text="ભારતે ચીનની ટીકા કરી.")])
        assert not gc.isenabled()  # one who had paused it keeps it paused
    finally:
        gc.enable()

    def failing(doc: Doc) -> Doc:
        raise RuntimeError("a stage fails")

    with pytest.raises(RuntimeError):
        Pipeline((failing,)).batch([Doc(text="x")])
    assert gc.isenabled()
