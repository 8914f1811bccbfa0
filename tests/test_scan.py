"""Stage 3, the scan: sentences that cannot hold an event are found cheaply and skipped, and skipping
them never changes what the coder finds."""

from __future__ import annotations

from pathlib import Path

import pytest

import ghatna
from ghatna.model import Doc
from ghatna.pipeline import STAGES, Pipeline

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
])
def test_scan_levels(text: str, expected: list[str]) -> None:
    assert levels(text) == expected


def _events(pipeline: Pipeline, text: str, date: str | None) -> list[dict]:
    doc = pipeline(Doc(text=text, date=ghatna.parse_date(date)))
    return [e.to_dict() for e in doc.events]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_skipping_changes_no_event_of_the_examples(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert _events(FULL, text, "2025-01-01") == _events(WITHOUT_SCAN, text, "2025-01-01")


def test_skipping_changes_no_event_of_the_corpus(shared) -> None:
    lines = (shared / "corpus" / "wmt19-newsdev" / "newsdev2019.guj").read_text(encoding="utf-8").splitlines()
    lines += (shared / "corpus" / "ntrex128" / "newstest2019-ref.guj.txt").read_text(encoding="utf-8").splitlines()
    lines.append((shared / "seed" / "kim-putin-visit.gu.txt").read_text(encoding="utf-8"))
    for line in lines:
        if ghatna.load_language("gu").script_share(line) < ghatna.MIN_SCRIPT_SHARE:
            continue
        assert _events(FULL, line, None) == _events(WITHOUT_SCAN, line, None), line[:60]
