"""Stage 9 — factuality.

Reads the triggers (verb-group features, matrix), the clauses and the marker words. Sets
``Trigger.factuality`` to one of asserted, reported, alleged, negated, hypothetical, future.

In order of precedence: a negated verb group (નથી, ન, નહીં) → negated; ability (શકે), a condition
(જો … તો), a question, or a hedge (શક્યતા, સંકેતો) in the clause → hypothetical; the content of a
matrix that grades it (an accusation's content is alleged, an announcement's or promise's future, a
refusal's negated) → that grade; a future verb or a plan (યોજના) → future; an attribution (અહેવાલ
મુજબ anywhere in the sentence, the કે clause of a speech verb, or the clauses before a final
"…, તેમ તેમણે કહ્યું") → reported; "કથિત" → alleged; otherwise asserted. Cues count only inside
their own clause, so a negation or condition does not leak into the next clause.
"""

from __future__ import annotations

from ghatna.lang.base import load_language
from ghatna.lexicon import Lexicon
from ghatna.model import Doc, Sentence, Trigger

CLAUSE_CUES = ("possibility", "hedge", "allege", "future", "question", "condition")
_CUE_KINDS = frozenset((*CLAUSE_CUES, "report"))


def _clause_cues(lex: Lexicon, sent: Sentence) -> list[set[str]]:
    cues: list[set[str]] = [set(c.features) for c in sent.clauses]
    toks = sent.tokens
    for ci, clause in enumerate(sent.clauses):
        for k in range(clause.start_tok, clause.end_tok):
            if toks[k].marks:
                cues[ci].update(toks[k].marks & _CUE_KINDS)
    return cues


def _reported_clauses(lex: Lexicon, sent: Sentence, cues: list[set[str]]) -> set[int]:
    n = len(sent.clauses)
    reported: set[int] = set()
    triggered = {t.clause for t in sent.triggers}
    for ci, c in enumerate(cues):
        if "report" in c:  # "અહેવાલ મુજબ …": its clause, or the next one when the phrase stands alone
            reported.add(ci)
            if ci not in triggered and ci + 1 < n:
                reported.add(ci + 1)
    for ci, clause in enumerate(sent.clauses):
        if "speech" not in clause.features:
            continue
        if ci + 1 < n and sent.clauses[ci + 1].link == "comp":
            reported.update(range(ci + 1, n))
        elif ci == n - 1 and ci > 0:
            reported.update(range(ci))  # "…, એમ તેમણે જણાવ્યું": the attribution closes the sentence
    return reported


def _hypothetical_clauses(sent: Sentence, cues: list[set[str]]) -> set[int]:
    """A condition (જો …, … ના કિસ્સામાં, or any clause a તો clause answers) and its તો clause."""
    out: set[int] = set()
    for ci, clause in enumerate(sent.clauses):
        if clause.link == "then" and ci > 0:
            out.update((ci - 1, ci))
    for ci, c in enumerate(cues):
        if "cond" in c or "condition" in c:
            out.add(ci)
            for cj in range(ci + 1, len(sent.clauses)):
                out.add(cj)
                if sent.clauses[cj].link == "then":
                    break
        if sent.clauses[ci].link == "then" and ci > 0:
            out.add(ci)
    return out


def _grade(t: Trigger, local_hyp: bool, cues: set[str], reported: bool, toks_after: str | None) -> str:
    content = t.matrix.entry.content if (t.matrix is not None and t.matrix.entry is not None) else ""
    if "neg" in t.features or content == "negated":
        return "negated"
    if "ability" in t.features or local_hyp or cues & {"possibility", "hedge", "question"}:
        return "hypothetical"
    if content in ("alleged", "hypothetical", "future", "reported"):
        return content
    if t.matrix is not None and t.matrix.factuality in ("negated", "hypothetical"):
        return "hypothetical"
    if "fut" in t.features or "future" in cues:
        return "future"
    if "nonfinite" in t.features and "nominal" not in t.features and toks_after == "purpose":
        return "future"
    if reported:
        return "reported"
    if "allege" in cues:
        return "alleged"
    return "asserted"


def factuality(doc: Doc) -> Doc:
    lex = load_language(doc.lang).lexicon
    for sent in doc.sentences:
        if not sent.triggers:
            continue
        cues = _clause_cues(lex, sent)
        if sent.tokens and sent.tokens[-1].text == "?":
            for c in cues:
                c.add("question")
        reported = _reported_clauses(lex, sent, cues)
        hyp = _hypothetical_clauses(sent, cues)
        # matrices first: a matrix stands after what it embeds
        for t in sorted(sent.triggers, key=lambda t: (t.matrix is not None, -t.start_tok)):
            ci = max(t.clause, 0)
            nxt = sent.tokens[t.end_tok].key if t.end_tok < len(sent.tokens) else None
            purpose = "purpose" if nxt is not None and lex.clitics.get(nxt) == "માટે" else None
            t.factuality = _grade(t, ci in hyp, cues[ci], ci in reported, purpose)
    return doc
