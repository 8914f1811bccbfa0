"""Stage 7 — roles.

Reads ``Sentence.tokens``, ``mentions`` and ``triggers``. Adds ``Sentence.clauses`` and, on every
trigger, the chosen predicate row (``entry``), its ``source`` and ``target`` arguments, and the
trigger it is embedded under (``matrix``).

Clauses end at a comma or link word after a verb (અને, પરંતુ, જ્યારે …), before the complementizer કે
after a verb, and after the conditional તો. Inside a clause, arguments are found by case, not by
position: each predicate row lists the slots (ERG, NOM, DAT, GEN, postpositions) that can hold its
source and target, in order of preference; the first row whose target slots find an actor is taken.
In a passive the source is the દ્વારા/તરફથી/થી phrase; a verbal noun cannot take an ergative subject.
A genitive actor on a case-marked noun stands in for that noun ("રશિયાના કબજાને સમર્થન" supports
Russia). An embedded action (a verbal noun or a કે clause under આરોપ, જાહેરાત …) takes its missing
subject from its matrix (``embed``); a coordinated clause without a subject shares the previous one's.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from itertools import pairwise

from ghatna.lang.base import load_language
from ghatna.lexicon import Lexicon, PredicateEntry
from ghatna.model import Argument, Clause, Doc, Mention, Sentence, Token, Trigger

PASSIVE_SOURCE = ("દ્વારા", "તરફથી", "થી")
QUOTES = {"'", '"', "`"}
#: verb forms that end a clause (a verbal noun or infinitive does not: "હાથ મિલાવવાની અને … કરવાની પ્રતિજ્ઞા")
FINITE = {"perf", "pres", "fut", "imp", "ptcp", "passive", "passive_fut", "passive_pres"}
CLAUSE_PUNCT = {",", ";", ":", "(", ")"}


_CACHE = 50_000
_finite_words: dict[tuple[str, str], bool] = {}  # (language, word key) -> has a finite verb reading
_aux_marks: dict[frozenset[str], bool] = {}  # marker kinds -> holds an auxiliary or the negation


def _verbish(lex: Lexicon, tok: Token | None, inside: AbstractSet[int] = frozenset()) -> bool:
    """A verb or auxiliary ends here (a word inside an actor's name, like દેશો, is not one)."""
    if tok is None or tok.i in inside:
        return False
    if tok.verbs:  # a word's verb readings follow from its key alone
        word = (lex.pack.code, tok.key)
        finite = _finite_words.get(word)
        if finite is None:
            finite = any(v.form in FINITE for v in tok.verbs)
            if len(_finite_words) >= _CACHE:
                _finite_words.clear()
            _finite_words[word] = finite
        if finite:
            return True
    if not tok.marks:
        return False
    aux = _aux_marks.get(tok.marks)
    if aux is None:
        aux = _aux_marks[tok.marks] = any(k.startswith("aux_") or k == "neg" for k in tok.marks)
    return aux


def _clauses(lex: Lexicon, sent: Sentence) -> list[Clause]:
    toks = sent.tokens
    n = len(toks)
    inside = {i for m in sent.mentions for i in range(m.start_tok, m.end_tok)}
    bounds: dict[int, str] = {}
    relative = False  # inside "જે … હતી": the relative clause ends with its verb
    verbish = [_verbish(lex, t, inside) for t in toks]
    for k, t in enumerate(toks):
        prev = toks[k - 1] if k > 0 else None
        after_verb = k > 0 and verbish[k - 1]
        kinds = t.marks
        if relative and after_verb and not verbish[k] and not kinds & {"neg", "particle"}:
            bounds.setdefault(k, "sub")
            relative = False
        if "relative" in kinds:
            relative = True
        if "clause" in kinds:
            if t.mark_start or not (prev is not None and "clause" in prev.marks):
                bounds.setdefault(k, "sub")  # પરંતુ, જ્યારે, જો કે (however) …
        elif t.kind == "punct" and t.text in CLAUSE_PUNCT and after_verb:
            bounds[k + 1] = "and"
        elif "complementizer" in kinds and (after_verb or (prev is not None and "quote" in prev.marks)):
            bounds[k] = "comp"
        elif "and" in kinds and after_verb:
            bounds[k] = "and"
        elif "after_verb" in kinds and after_verb:
            bounds[k + 1] = "after"
        elif "then" in kinds and after_verb:
            bounds[k + 1] = "then"
        elif "condition" in kinds and k > 0 and (after_verb or (prev is not None and prev.kind == "punct")):
            bounds.setdefault(k, "sub")
    starts = sorted(b for b in bounds if 0 < b < n)
    clauses: list[Clause] = []
    edges = [0, *starts, n]
    for a, b in pairwise(edges):
        if a >= b:
            continue
        clause = Clause(a, b, bounds.get(a, "start") if a else "start")
        for tok in toks[a:b]:
            if "condition" in tok.marks:
                clause.features.add("cond")
            for v in tok.verbs:
                if v.stem in lex.speech_verbs and v.form in ("perf", "pres", "fut", "imp", "conv"):
                    clause.features.add("speech")
        clauses.append(clause)
    if not clauses:
        clauses.append(Clause(0, n, "start"))
    return clauses


def _arguments(lex: Lexicon, sent: Sentence) -> list[Argument]:
    """One argument per coordination group, plus genitive actors promoted to their noun's case."""
    toks = sent.tokens
    groups: dict[int, list[Mention]] = {}
    trigger_nouns = {t.start_tok for t in sent.triggers}
    verbal_nouns = {t.start_tok for t in sent.triggers if "nominal" not in t.features}
    for m in sent.mentions:
        if m.location or m.pronoun == "reflexive":
            continue
        if m.case == "ADN" and not (m.adn and m.case_end_tok in trigger_nouns):
            continue  # modifies some other noun ("યુક્રેન સાથેના યુદ્ધ")
        groups.setdefault(m.group, []).append(m)
    args = [Argument(ms, (ms[-1].adn or "ADN") if ms[-1].case == "ADN" else ms[-1].case)
            for _, ms in sorted(groups.items())]
    starts = {m.start_tok for m in sent.mentions}
    # "ભારત અને ચીન સહિતના … દેશોને": the actors included in a case-marked noun phrase
    including = {m.group for m in sent.mentions if m.case == "ADN" and m.adn == "સહિત"}
    for g in including:
        members = [x for x in sent.mentions if x.group == g]
        args.append(Argument(members, "GEN"))
    for arg in list(args):
        if arg.slot != "GEN":
            continue
        head = _head_case(lex, toks, arg.mentions[-1].case_end_tok, verbal_nouns | starts)
        if head is None:
            continue
        case, end = head
        if case == "GEN":  # "અમેરિકાના આ પગલાનો વિરોધ": a possessor of a possessor, anchored at its noun
            args.append(Argument(arg.mentions, "GEN", anchor=end))
        elif case != "ADN":
            args.append(Argument(arg.mentions, case))
    return [a for a in args if not (a.slot == "GEN" and a.mentions[-1].case == "ADN")]


def _head_case(lex: Lexicon, toks: list[Token], k: int, stop: set[int], reach: int = 3
               ) -> tuple[str, int] | None:
    """The case of the noun a genitive modifies and where that noun ends: the first case-marked word
    within ``reach`` words ("યુક્રેનના કેટલાક ભાગો પર" → પર), not crossing an actor, a verb or punctuation."""
    for j in range(k, min(k + reach, len(toks))):
        t = toks[j]
        if j in stop or t.kind != "word" or t.verbs or (t.marks - {"particle"}):
            return None
        case = next((c for _, c, _ in t.stems if c and c != "GEN"), None)
        if case is None and j + 1 < len(toks) and toks[j + 1].key in lex.clitics:
            return lex.clitics[toks[j + 1].key], j + 2
        if case is not None:
            return case, j + 1
        if any(c == "GEN" for _, c, _ in t.stems):
            return "GEN", j + 1
        if t.key in lex.noun_forms and (j + 1 == len(toks) or toks[j + 1].verbs or toks[j + 1].marks):
            return "NOM", j + 1  # "પોલીસનો કાફલો … પહોંચ્યો": the possessor of a bare subject noun
    return None


def _end_tok(arg: Argument) -> int:
    return arg.anchor if arg.anchor is not None else arg.mentions[-1].case_end_tok


def _gen_chain(trig: Trigger, args: list[Argument], toks: list[Token]) -> list[Argument]:
    """Genitive arguments that modify the trigger's noun, nearest first: each ends at most two
    modifier words (no case, no verb) before the next ("રશિયાનું પણ ખુલ્લું સમર્થન")."""
    chain: list[Argument] = []
    edge = trig.start_tok
    gens = sorted((a for a in args if a.slot == "GEN"), key=_end_tok, reverse=True)
    for a in gens:
        end = _end_tok(a)
        gap = [t for t in toks[end:edge] if t.text not in QUOTES]
        if 0 <= len(gap) <= 2 and end <= edge and all(
                t.kind == "word" and not t.verbs and not any(c for _, c, _ in t.stems) for t in gap):
            chain.append(a)
            edge = a.start_tok
    return chain


def _find(slot: str, trig: Trigger, args: list[Argument], used: list[Argument], as_source: bool,
          toks: list[Token]) -> Argument | None:
    free = [a for a in args if not any(a.mentions == u.mentions for u in used)]
    if slot == "GEN":
        chain = _gen_chain(trig, args, toks)
        free_chain = [a for a in chain if a in free]
        if not free_chain:
            return None
        # "X-ની Y-ની મુલાકાત": the farther genitive is the source, the nearer the target
        return free_chain[-1] if as_source and len(chain) >= 2 else free_chain[0]
    if slot == "ERG" and not trig.finite:
        return None
    cands = [a for a in free if a.slot == slot]
    if not cands:
        return None
    # a subject may stand between the action noun and its verb: "પ્રતિબંધો અમેરિકાએ લગાવ્યા"
    edge = trig.verb_tok if as_source and trig.verb_tok is not None else trig.start_tok
    before = [a for a in cands if a.start_tok < edge]
    after = [a for a in cands if a.start_tok >= edge]
    if as_source and slot in ("ERG", "NOM"):
        # the subject stands before its verb (SOV); the first one is the subject
        return min(before, key=lambda a: a.start_tok) if before else None
    if before:
        return max(before, key=lambda a: a.start_tok)
    return min(after, key=lambda a: a.start_tok) if after else None


def _fill(trig: Trigger, entry: PredicateEntry, args: list[Argument], used: list[Argument], toks: list[Token]
          ) -> tuple[Argument | None, Argument | None]:
    passive = "passive" in trig.features
    source_slots = PASSIVE_SOURCE if passive else entry.source
    source = None
    for slot in source_slots:
        source = _find(slot, trig, args, used, True, toks)
        if source is not None:
            break
    taken = [*used, source] if source is not None else used
    target = None
    for slot in entry.target:
        target = _find(slot, trig, args, taken, False, toks)
        if target is not None:
            break
    return source, target


def _assign(trig: Trigger, args: list[Argument], used: list[Argument], toks: list[Token]) -> None:
    chosen: tuple[PredicateEntry, Argument | None, Argument | None] | None = None
    for entry in trig.entries:
        src, tgt = _fill(trig, entry, args, used, toks)
        if tgt is not None:
            chosen = (entry, src, tgt)
            break
    if chosen is None:
        entry = trig.entries[0]
        src, tgt = _fill(trig, entry, args, used, toks)
        chosen = (entry, src, tgt)
    trig.entry, trig.source, trig.target = chosen
    for a in (trig.source, trig.target):
        if a is not None:
            used.append(a)


def _roles_in_sentence(lex: Lexicon, sent: Sentence) -> None:
    sent.clauses = _clauses(lex, sent)
    args = _arguments(lex, sent)
    for t in sent.triggers:
        t.clause = sent.clause_of(t.start_tok)
    for ci in range(len(sent.clauses)):
        in_clause = [a for a in args if sent.clause_of(a.start_tok) == ci]
        trigs = [t for t in sent.triggers if t.clause == ci]
        used: list[Argument] = []
        # embedded (non-finite) triggers first, each from the arguments before it; a nominal
        # trigger's genitives stay available to the verb that governs the noun
        for t in sorted((t for t in trigs if not t.finite), key=lambda t: t.start_tok):
            before = [a for a in in_clause if a.start_tok < t.start_tok]
            _assign(t, before, [*used] if "nominal" in t.features else used, sent.tokens)
        finite_here = sorted((t for t in trigs if t.finite), key=lambda t: t.start_tok)
        for n, t in enumerate(finite_here):
            # each verb takes its arguments from before it; the last one also those after it
            last = n == len(finite_here) - 1
            _assign(t, [a for a in in_clause if last or a.start_tok < t.start_tok], used, sent.tokens)
        # embedding inside the clause: a non-finite trigger before a finite one
        finite = sorted((t for t in trigs if t.finite), key=lambda t: t.start_tok)
        for t in trigs:
            if t.finite:
                continue
            matrix = next((m for m in finite if m.start_tok > t.start_tok), None)
            if matrix is None:
                continue
            t.matrix = matrix
            if "nominal" in t.features:
                continue
            if t.source is None:
                t.source = matrix.target if matrix.entry.embed == "target" else matrix.source
            # "X pledged [to cooperate with Y]": the pledge is towards Y (a statement is not coded so)
            if (matrix.target is None and matrix.entry.embed == "source" and t.target is not None
                    and not matrix.entry.cameo.startswith("01")):
                matrix.target = t.target
    _complements(sent)
    _shared_subjects(sent)
    for t in sent.triggers:
        if t.source is not None and t.target is not None and t.source.mentions == t.target.mentions:
            t.target = None


def _complements(sent: Sentence) -> None:
    """Triggers of a કે clause are embedded under the last trigger before it that takes one."""
    for ci, clause in enumerate(sent.clauses):
        if clause.link != "comp" or ci == 0:
            continue
        matrix = None
        for t in sent.triggers:
            if t.clause < ci and t.finite and t.entry is not None and t.entry.embed:
                matrix = t
        if matrix is None:
            continue
        embedded = [t for t in sent.triggers if t.clause >= ci and t.matrix is None]
        for t in embedded:
            t.matrix = matrix
        if matrix.target is None and not matrix.entry.cameo.startswith("01"):
            # "X-એ આરોપ લગાવ્યો / ચેતવણી આપી કે Y …": the one the content is about is the target
            own = {k for m in (matrix.source.mentions if matrix.source else []) for k in m.keys}
            candidates = [t.source for t in embedded if t.source is not None]
            first = _first_subject(sent, ci)
            if first is not None:
                candidates.append(first)
            matrix.target = next((a for a in candidates
                                  if not own & {k for m in a.mentions for k in m.keys}), None)


def _first_subject(sent: Sentence, ci: int) -> Argument | None:
    for m in sent.mentions:
        if sent.clause_of(m.start_tok) >= ci and m.case in ("NOM", "ERG") and not m.location:
            return Argument([m], m.case)
    return None


def _shared_subjects(sent: Sentence) -> None:
    """A clause joined by અને/comma/પછી without a subject shares the previous clause's subject; a
    converb ("યુદ્ધવિરામનો ભંગ કરીને … ગોળીબાર કર્યો") shares the subject of the verb it leads to."""
    ordered = sorted(sent.triggers, key=lambda t: t.start_tok)
    for n, t in enumerate(ordered):
        if "conv" not in t.features or "compound" in t.features:
            continue
        main = next((u for u in ordered[n + 1:] if u.finite and "conv" not in u.features), None)
        if main is None:
            continue
        if t.source is None and main.source is not None and main.source is not t.target:
            t.source = main.source
        elif main.source is None and t.source is not None and t.source is not main.target:
            main.source = t.source  # the subject may stand with the converb: "સેનાએ … ભંગ કરીને … ગોળીબાર કર્યો"
    last_source: Argument | None = None
    last_clause = -1
    for t in sorted(sent.triggers, key=lambda t: t.start_tok):
        if t.source is None and t.finite and last_source is not None and t.clause != last_clause:
            link = sent.clauses[t.clause].link if t.clause >= 0 else "start"
            if link in ("and", "after", "sub", "start") and (
                    t.target is None or t.target.mentions != last_source.mentions):
                t.source = last_source
        if t.source is not None and (t.finite or ("nominal" not in t.features and last_source is None)):
            last_source, last_clause = t.source, t.clause


def roles(doc: Doc) -> Doc:
    lex = load_language(doc.lang).lexicon
    for sent in doc.sentences:
        if sent.triggers:
            _roles_in_sentence(lex, sent)
        else:
            sent.clauses = [Clause(0, len(sent.tokens), "start")]
    return doc
