"""Helpers several test modules share (imported as ``support``; pytest puts tests/ on the path)."""

from __future__ import annotations

from ghatna.model import Doc, Trigger
from ghatna.pipeline import STAGES, Pipeline


def run_until(stage: str, text: str) -> Doc:
    """The document after the pipeline's stages up to and including ``stage``."""
    upto = [s.__name__ for s in STAGES].index(stage) + 1
    return Pipeline(STAGES[:upto])(Doc(text=text))


def triggers_until(stage: str, text: str) -> list[tuple[str, Trigger]]:
    """(surface words in the input, trigger) for every trigger of the document after ``stage``."""
    doc = run_until(stage, text)
    out = []
    for s in doc.sentences:
        for t in s.triggers:
            a, b = s.tokens[t.start_tok].start, s.tokens[t.end_tok - 1].end
            out.append((doc.source_text(a, b), t))
    return out


def trigger_until(stage: str, text: str, surface: str) -> Trigger:
    """The first trigger whose words are ``surface``, after ``stage``."""
    found = [t for w, t in triggers_until(stage, text) if w == surface]
    assert found, f"no trigger {surface!r} in {[w for w, _ in triggers_until(stage, text)]}"
    return found[0]


ATOM_FEED = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>દુનિયા સમાચાર</title>
<id>urn:uuid:feed-1</id>
<updated>2023-04-02T12:00:00Z</updated>
<entry>
<title>ઈરાન-ઇઝરાયલ</title>
<id>urn:uuid:entry-1</id>
<link href="https://example.com/a/1"/>
<published>2023-04-01T08:00:00Z</published>
<updated>2023-04-02T08:00:00Z</updated>
<content type="html">&lt;p&gt;ઈરાને ઇઝરાયલની નિંદા કરી.&lt;/p&gt;</content>
</entry>
<entry>
<title>મોદીની મુલાકાત</title>
<id>urn:uuid:entry-2</id>
<link href="https://example.com/a/2"/>
<published>2023-04-02T09:00:00Z</published>
<summary>વડાપ્રધાન નરેન્દ્ર મોદીએ જાપાનની મુલાકાત લીધી.</summary>
</entry>
</feed>
"""
