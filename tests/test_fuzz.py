"""Property tests over the whole coding pipeline and every input reader: random Unicode, random bytes,
every Gujarati code point and combining-mark order, very long sentences and tokens, deep nesting.
Nothing crashes (a reader yields articles or one-line input errors; the coder returns events or raises
a ``GhatnaError``), nothing hangs, and every offset of every event lies inside the text and points at
the words it names. The coverage-guided fuzz target is ``fuzz/fuzz_ghatna.py`` (``make fuzz``)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ghatna
from ghatna.errors import GhatnaError
from ghatna.readers import Article, iter_articles

GUJARATI = [chr(c) for c in range(0x0A80, 0x0B00)]
#: letters and signs news text is made of, plus the characters normalization must cope with
PIECES = [*GUJARATI, " ", " ", " ", ".", "।", ",", "\n", "\u200c", "\u200d", "\u00a0", "\u0a3c", "\u093c",
          "-", "\"", "(", ")", "?", "0", "7", "૧", "૯", "a", "Z", "\ufeff", "\u2019"]
WORDS = ["ભારતે", "પાકિસ્તાન", "પર", "હુમલો", "કર્યો", "અમેરિકાએ", "રશિયા", "સાથે", "મુલાકાત", "કરી", "ન",
         "હતી", "તેમણે", "કહ્યું", "કે", "2019માં", "ગઈકાલે", "યુ.એસ.", "પ્રતિબંધો", "લાદ્યા", "નકાર્યો",
         "મોદીએ", "ચીનની", "ટીકા", "બંને", "દેશો", "વચ્ચે", "જો", "તો", "આરોપ", "મૂક્યો"]
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

gujarati_text = st.lists(st.sampled_from(PIECES), max_size=400).map("".join)
SUBJECTS = ["ભારતે", "અમેરિકાએ", "રશિયાએ", "મોદીએ", "ચીને", "તેમણે", "બંને દેશોએ", "પાકિસ્તાને"]
OBJECTS = ["પાકિસ્તાન પર", "રશિયા સાથે", "ચીનની", "ઉત્તર કોરિયા પર", "ભારતની", "યુ.એસ. સાથે"]
PREDICATES = ["હુમલો કર્યો", "મુલાકાત કરી", "ટીકા કરી", "પ્રતિબંધો લાદ્યા", "આરોપ મૂક્યો", "વાતચીત કરી"]
clause = st.tuples(st.sampled_from(SUBJECTS), st.sampled_from(["", "2019માં", "ગઈકાલે", "ન"]),
                   st.sampled_from(OBJECTS), st.sampled_from(PREDICATES), st.sampled_from(["", " ન હતી", " હતો"]),
                   ).map(lambda t: " ".join(w for w in t if w))
wordy_text = st.lists(st.one_of(clause, st.sampled_from(WORDS)), max_size=40).map(
    lambda parts: " ".join(p + (". " if len(p) > 20 else "") for p in parts))


def check_events(text: str) -> list[dict]:
    """Code ``text``; check every span of every event against it."""
    try:
        events = [e.to_dict() for e in ghatna.code(text, doc_id="fuzz", date="2024-05-06")]
    except GhatnaError as e:
        assert str(e).startswith("[G") and "\n" not in str(e)
        return []
    n = len(text)
    for ev in events:
        assert 0 <= ev["sentence_start"] <= ev["sentence_end"] <= n
        assert text[ev["sentence_start"]:ev["sentence_end"]] == ev["sentence_text"]
        spans = [ev["trigger"], *(a for a in (ev["source"], ev["target"], ev["location"]) if a)]
        for span in spans:
            if span.get("start") is None:
                continue  # an actor resolved from earlier text (a pronoun's antecedent) may carry no span
            assert ev["sentence_start"] <= span["start"] <= span["end"] <= ev["sentence_end"], (span, ev["id"])
            assert text[span["start"]:span["end"]] == span["text"], (span, ev["id"])
        assert ev["cameo"] and ev["factuality"] in ("asserted", "reported", "alleged", "negated", "hypothetical",
                                                    "future")
    return events


@FUZZ
@given(st.text(max_size=600))
def test_random_unicode_is_coded_or_refused(text: str):
    check_events(text)


@FUZZ
@given(gujarati_text)
def test_every_gujarati_code_point_and_mark_order(text: str):
    check_events(text)


@FUZZ
@given(wordy_text)
def test_news_words_in_random_order(text: str):
    check_events(text)


def test_the_word_strategy_reaches_the_event_code():
    """The properties above mean something only if random news words do make events."""
    assert check_events("ભારતે પાકિસ્તાન પર હુમલો કર્યો. તેમણે કહ્યું કે અમેરિકાએ રશિયા પર પ્રતિબંધો લાદ્યા.")
    made = []

    @settings(max_examples=60, deadline=None, database=None)
    @given(wordy_text)
    def count(text: str) -> None:
        made.append(bool(check_events(text)))

    count()
    assert sum(made) > 10, f"only {sum(made)} of {len(made)} random texts gave events"


@FUZZ
@given(st.lists(st.sampled_from(["\u0abe", "\u0abf", "\u0ac0", "\u0ac1", "\u0ac7", "\u0acb", "\u0acd", "\u0a82",
                                 "\u0a81", "\u0abc", "\u200d", "\u200c"]), min_size=1, max_size=30),
       st.sampled_from(["ક", "ભ", "અ", "ઑ", " ", ""]))
def test_stacked_combining_marks(marks: list[str], base: str):
    check_events(f"ભારતે {base}{''.join(marks)} પાકિસ્તાન પર હુમલો કર્યો.")


@pytest.mark.parametrize("make", [
    lambda n: "ભારત " * n,  # one sentence of n words
    lambda n: "ક" * (5 * n),  # one token of 5n letters
    lambda n: "(" * n + "ભારતે હુમલો કર્યો" + ")" * n,  # deep nesting
    lambda n: "ભારતે પાકિસ્તાન પર હુમલો કર્યો, " * (n // 6),  # one long sentence of clauses
    lambda n: "યુ.એસ." * n,  # a dotted chain
    lambda n: "\u0acd" * (5 * n),  # marks with no base
])
def test_long_inputs_finish_in_time_linear_in_their_length(make):
    def seconds(n: int) -> float:
        text = make(n)
        started = time.perf_counter()
        check_events(text)
        return time.perf_counter() - started

    seconds(200)  # warm
    small, large = seconds(4_000), seconds(16_000)
    assert large < 30, "a 16,000-word input must be coded in bounded time"
    assert large < 8 * small + 0.5, f"4x the input took {large / max(small, 1e-9):.1f}x the time: not linear"


# -- readers ----------------------------------------------------------------------------------------
def _read_all(path: Path, rich: bool = True) -> list[Article | GhatnaError]:
    items = list(iter_articles([str(path)], rich=rich))
    for item in items:
        assert isinstance(item, Article | GhatnaError)
        if isinstance(item, GhatnaError):
            assert str(item).startswith("[G") and "\n" not in str(item)
    return items


@FUZZ
@given(data=st.binary(max_size=3000), suffix=st.sampled_from([".txt", ".jsonl", ".html", ".xml", ".rss"]))
def test_readers_take_any_bytes(tmp_path_factory, data: bytes, suffix: str):
    path = tmp_path_factory.mktemp("bytes") / f"input{suffix}"
    path.write_bytes(data)
    for item in _read_all(path):
        if isinstance(item, Article):
            check_events(item.text)


@FUZZ
@given(lines=st.lists(st.one_of(
    st.text(max_size=200),
    st.builds(lambda t, i: json.dumps({"id": i, "text": t}), st.text(max_size=80), st.text(max_size=8)),
    st.sampled_from(['{"text": null}', "[]", "{", '{"text": "ભારતે હુમલો કર્યો."}', '"x"', "null", "1e999"]),
), max_size=30))
def test_jsonl_reader_takes_any_lines(tmp_path_factory, lines: list[str]):
    path = tmp_path_factory.mktemp("jsonl") / "input.jsonl"
    path.write_bytes("\n".join(lines).encode("utf-8", "surrogatepass"))  # lone surrogates too: not UTF-8
    _read_all(path)


@pytest.mark.parametrize(("suffix", "make"), [
    (".html", lambda n: "<html><body>" + "<div>" * n + "<p>ભારતે પાકિસ્તાન પર હુમલો કર્યો.</p>" + "</div>" * n),
    (".html", lambda n: "<html><body><p>" + "ભારત " * (20 * n) + "</p></body></html>"),
    (".xml", lambda n: "<?xml version='1.0'?><rss><channel><title>t</title>" + "<item><title>ભારતે હુમલો "
     "કર્યો</title><description>" + "<b>" * n + "x" + "</b>" * n + "</description></item></channel></rss>"),
    (".xml", lambda n: "<?xml version='1.0'?>" + "<a>" * n + "</a>" * n),
    (".jsonl", lambda n: '{"text": "' + "ભારત " * (40 * n) + '"}'),
    (".txt", lambda n: "ભારતે હુમલો કર્યો. " * (10 * n)),
])
def test_readers_survive_deep_nesting_and_size(tmp_path: Path, suffix: str, make):
    path = tmp_path / f"big{suffix}"
    path.write_text(make(5_000), encoding="utf-8")
    started = time.perf_counter()
    for item in _read_all(path):
        if isinstance(item, Article):
            check_events(item.text[:200_000])
    assert time.perf_counter() - started < 60


def test_a_feed_entry_with_an_empty_summary_field_reads_as_its_title(tmp_path, monkeypatch) -> None:
    """Found by the fuzz target: feedparser can give an entry whose summary is None."""
    import feedparser
    from feedparser import FeedParserDict

    from ghatna.readers import Article, iter_articles

    parsed = FeedParserDict(entries=[FeedParserDict(title="ભારતે વિરોધ કર્યો.", summary=None)],
                            feed=FeedParserDict(title="t"))
    monkeypatch.setattr(feedparser, "parse", lambda data: parsed)
    path = tmp_path / "feed.xml"
    path.write_text("<rss/>", encoding="utf-8")
    items = list(iter_articles([str(path)], rich=True))
    assert len(items) == 1 and isinstance(items[0], Article) and items[0].text == "ભારતે વિરોધ કર્યો."
