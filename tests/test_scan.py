"""Stage 3, the scan: sentences that cannot hold an event are found cheaply and skipped, and skipping
them never changes what the coder finds."""

from __future__ import annotations

from pathlib import Path

import pytest

import ghatna
from ghatna.model import Doc
from ghatna.pipeline import STAGES, Pipeline
from ghatna.stages import predicates

FULL = Pipeline()
WITHOUT_SCAN = Pipeline(s for s in STAGES if s.__name__ != "scan")
EXAMPLES = sorted((Path(__file__).parent.parent / "examples").glob("*.txt"))


def levels(text: str) -> list[str]:
    doc = Pipeline(STAGES[:3])(Doc(text=text))
    return [s.level for s in doc.sentences]


@pytest.mark.parametrize(("text", "expected"), [
    ("અમેરિકાએ ઉત્તર કોરિયા પર પ્રતિબંધો લગાવ્યા.", ["full"]),
    ("પ્રતિબંધો અમેરિકાએ લગાવ્યા.", ["full"]),  # the actor between noun and verb
    ("આજે હવામાન ખુશનુમા રહ્યું.", ["skip"]),  # no actor, no action
    ("ભારત એક વિશાળ દેશ છે.", ["skip"]),  # an actor but no action, alone
    ("ભારતે વાતચીતની વાત છેડી.", ["skip"]),  # an action noun without a verb of its own
    ("ભારત એક વિશાળ દેશ છે. તેણે ચીનની ટીકા કરી.", ["light", "full"]),  # kept for the pronoun
    ("2019માં ઘણું બન્યું. ઓક્ટોબરમાં મોદીએ જાપાનની મુલાકાત લીધી.", ["light", "full"]),  # the year
    ("2020માં વિરોધ કર્યો.", ["skip"]),  # a year is no actor, though "જી-20" ends in 20
    ("જી-20 દેશોએ બેઠક યોજી.", ["full"]),  # …which is one, with its number
    ("G20 નેતાઓએ બેઠક યોજી.", ["full"]),
    ("ભારતે, પાકિસ્તાને વિરોધ કર્યો.", ["full"]),  # words after punctuation start words
    ("(ભારત) વિરોધ કરે છે.", ["full"]),
    ("ભારતીયોએ વિરોધ કર્યો.", ["full"]),  # an actor's name with a suffix still names one
    ("ભારતે વિરોધાભાસ જોયો.", ["skip"]),  # an action word inside a longer word is not one
    ("ચીને વિરોધ કર્યો.", ["full"]),  # a short name with its clitic…
    ("ચિનગારીએ વિરોધ કર્યો.", ["skip"]),  # …is not the start of any longer word
    ("થેરેસા મેએ વિરોધ કર્યો.", ["full"]),  # a name ending in a word of two letters, by its other word…
    ("તેમણે વિરોધ કર્યો.", ["skip"]),  # …so that its last word (the તે of Lai Ching-te) is not every તે
    ("યુ.એસ.એ વિરોધ કર્યો.", ["full"]),  # an abbreviation with its dots
])
def test_scan_levels(text: str, expected: list[str]) -> None:
    assert levels(text) == expected


def test_scan_kinds_of_a_sentence() -> None:
    lex = ghatna.load_language("gu").lexicon
    assert lex.scan_kinds("અમેરિકાએ 2023માં પ્રતિબંધો લગાવ્યા.") == {"A", "D", "T"}
    assert lex.scan_kinds("તેણે સોમવારે વિરોધ કર્યો.") >= {"P", "D", "T"}
    assert lex.scan_kinds("આજે હવામાન ખુશનુમા રહ્યું.") == {"D"}  # આજે is a relative date
    assert lex.scan_kinds("") == set()
    assert "D" not in lex.scan_kinds("આપણે વાત કરી.")  # આ (this, as in આ વર્ષે) is a word of its own
    assert "D" in lex.scan_kinds("આ વર્ષે ચૂંટણી થશે.") and "D" in lex.scan_kinds("ઓક્ટોબરમાં ચૂંટણી થઈ.")


def _events(pipeline: Pipeline, text: str, date: str | None) -> list[dict]:
    doc = pipeline(Doc(text=text, date=ghatna.parse_date(date)))
    return [e.to_dict() for e in doc.events]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_skipping_changes_no_event_of_the_examples(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert _events(FULL, text, "2025-01-01") == _events(WITHOUT_SCAN, text, "2025-01-01")


def test_sentences_without_mentions_are_not_parsed() -> None:
    doc = FULL(Doc(text="ભારત એક વિશાળ દેશ છે. લોકોએ વિરોધ કર્યો. આજે વરસાદ પડ્યો અને વિરોધ થયો."))
    assert [s.level for s in doc.sentences][2] == "light" and not doc.sentences[2].triggers
    assert doc.sentences[1].triggers  # a mention: parsed


def test_skipping_changes_no_event_of_the_corpus(shared, monkeypatch: pytest.MonkeyPatch) -> None:
    lines = (shared / "corpus" / "wmt19-newsdev" / "newsdev2019.guj").read_text(encoding="utf-8").splitlines()
    lines += (shared / "corpus" / "ntrex128" / "newstest2019-ref.guj.txt").read_text(encoding="utf-8").splitlines()
    lines.append((shared / "seed" / "kim-putin-visit.gu.txt").read_text(encoding="utf-8"))
    for line in lines:
        if ghatna.load_language("gu").script_share(line) < ghatna.MIN_SCRIPT_SHARE:
            continue
        with monkeypatch.context() as m:
            m.setattr(predicates, "_can_hold_event", lambda sent: True)
            without_gates = _events(WITHOUT_SCAN, line, None)
        assert _events(FULL, line, None) == without_gates, line[:60]


def test_a_document_that_cannot_hold_an_event_stops_after_the_scan() -> None:
    doc = FULL(Doc(text="આજે હવામાન ખુશનુમા રહ્યું. કાલે વરસાદ પડશે."))
    assert doc.done and doc.events == []
    assert all(s.level == "skip" and not s.tokens and not s.clauses for s in doc.sentences)  # roles never ran
    doc = FULL(Doc(text="આજે હવામાન ખુશનુમા રહ્યું. ભારતે ચીનની ટીકા કરી."))
    assert not doc.done and doc.events and all(s.clauses for s in doc.sentences)


@pytest.mark.parametrize(("text", "year"), [
    ("2023માં", True), ("1857નો બળવો", True), ("સન 1999.", True), ("12023 રૂપિયા", False), ("20235", False),
    ("૧2023", False), ("3 2019", True), ("1799માં", False), ("2100માં", False), ("x2020y", True),
])
def test_the_scan_finds_a_year_of_four_digits_with_no_digit_beside_it(text: str, year: bool) -> None:
    assert ("D" in ghatna.load_language("gu").lexicon.scan_kinds(text)) is year
