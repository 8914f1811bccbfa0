"""Stage 6 — predicates.

Reads ``Sentence.tokens`` (verb and noun readings) and ``Sentence.mentions``. Adds
``Sentence.triggers``: the words that express an action, with the predicate rows they may stand for
and the features of their verb group — in sentences that name at least one actor (any other is made
``light``: no event can be coded without an argument of its own).

A trigger is an action noun + light verb ("પ્રતિબંધો લગાવ્યા"), a plain verb ("મળ્યા"), or an action
noun alone with its genitives ("કિમની રશિયાની મુલાકાત"). The verb group that follows the lexical verb
is read for tense, aspect and mood: auxiliaries (છે, હતું, હશે), negation (નથી, ન), compound verbs
(converb + vector: કરી દીધું), the progressive (કરી રહ્યું છે), ability (કરી શકે છે), the passive
(-વામાં આવ્યું), verbal nouns (-વાની) and infinitives, which are non-finite unless an auxiliary or an
aspect verb (કરવાનું શરૂ કર્યું) makes them finite.
"""

from __future__ import annotations

from ghatna.lang.base import load_language
from ghatna.lexicon import Lexicon, PredicateEntry
from ghatna.model import Doc, Sentence, Token, Trigger, VerbForm

AUX = {"aux_pres": "pres", "aux_past": "past", "aux_fut": "fut", "aux_subj": "subj"}
FINITE_FORMS = {"perf", "pres", "fut", "imp", "ptcp", "agent"}
MAX_SKIP = 2  # particles allowed between an action noun and its light verb
MAX_ACTOR_WORDS = 5  # words of an actor's name (and its clitic) allowed there
#: words inside such phrases are not verbs of an event: મળતી in "મળતી માહિતી મુજબ"
PHRASE_KINDS = {"report", "hedge", "allege", "clause", "condition", "question"}


def _tags(lex: Lexicon, stem: str) -> set[str]:
    row = lex.verbs.get(stem)
    return set(row["tags"].split()) if row else set()


def _noun_end(toks: list[Token], j: int, inside: set[int]) -> int:
    """Index of the word before the verb at ``j``, past up to ``MAX_SKIP`` particles (હુમલો પણ ન કર્યો)
    and an actor standing between noun and verb (પ્રતિબંધો અમેરિકાએ લગાવ્યા)."""
    k = j - 1
    skipped = 0
    while k >= 0 and skipped < MAX_SKIP and toks[k].marks & {"particle", "neg"}:
        k -= 1
        skipped += 1
    actor = 0
    while k >= 0 and k in inside and actor < MAX_ACTOR_WORDS:
        k -= 1
        actor += 1
    return k


def _noun_rows(lex: Lexicon, toks: list[Token], k: int, verb: str) -> list[PredicateEntry]:
    """Rows of ``verb`` whose noun ends in a word that token ``k`` can be a form of."""
    if k < 0 or toks[k].kind != "word":
        return []
    rows: list[PredicateEntry] = []
    for stem, _, _ in toks[k].stems:
        rows += lex.by_verb_noun.get((verb, stem), ())
    return rows


def _match_noun(toks: list[Token], k: int, noun: tuple[str, ...]) -> int | None:
    """Start index of ``noun`` whose last word is token ``k``."""
    for n, word in enumerate(reversed(noun)):
        pos = k - n
        if pos < 0:
            return None
        readings = toks[pos].stems if toks[pos].kind == "word" else []
        last = n == 0
        # the last noun word is bare, or in the -એ locative before a verb of motion (મુલાકાતે આવ્યા)
        # (or with -ને: આરોપોને ફગાવ્યા)
        if not any(stem == word and (case in (None, "ERG", "DAT") or not last) for stem, case, _ in readings):
            return None
    return k - len(noun) + 1


PASSIVE_FORMS = {"passive": "perf", "passive_fut": "fut", "passive_pres": "pres"}


def _verb_group(lex: Lexicon, toks: list[Token], j: int, stem: str, forms: set[str]) -> tuple[int, set[str], bool]:
    """Read the verb group from token ``j``: (end index, features, finite)."""
    feats: set[str] = set()
    if forms & PASSIVE_FORMS.keys():  # કરાયો, અપાઈ: the morphological passive
        feats.add("passive")
        forms = forms | {PASSIVE_FORMS[f] for f in forms & PASSIVE_FORMS.keys()}
    k = j + 1
    n = len(toks)
    helpers: list[VerbForm] = []
    while k < n:
        t = toks[k]
        kinds = t.marks
        aux = [AUX[x] for x in kinds if x in AUX]
        if aux:
            feats.update("aux_" + a for a in aux)
            k += 1
            continue
        if "neg" in kinds:
            feats.add("neg")
            k += 1
            continue
        if ("aspect" in kinds and ({"vn", "inf"} & forms) and k + 1 < n
                and any(v.form in FINITE_FORMS for v in toks[k + 1].verbs)):
            # કરવાનું શરૂ કર્યું (began doing), કરવાનું ચાલુ રાખ્યું (kept doing): the action is finite
            helpers.append(next(v for v in toks[k + 1].verbs if v.form in FINITE_FORMS))
            feats.add("aspect")
            k += 2
            continue
        helper = None
        for vf in t.verbs:
            tags = _tags(lex, vf.stem)
            if tags & {"vector", "progressive", "ability", "passive", "motion"}:
                helper = vf
                break
        if helper is not None:
            tags = _tags(lex, helper.stem)
            ok = (("conv" in forms and tags & {"vector", "progressive", "ability"})
                  or ("vn_loc" in forms and "passive" in tags)
                  or ("inf" in forms and tags & {"motion"})
                  or ("imp" in forms and "progressive" in tags)
                  or (helpers and tags & {"progressive", "ability"}))
            if not ok:
                break
            helpers.append(helper)
            for tag in ("progressive", "ability", "passive", "vector", "motion"):
                if tag in tags:
                    feats.add({"progressive": "prog", "vector": "compound"}.get(tag, tag))
            k += 1
            continue
        if "particle" in kinds and k + 1 < n and (toks[k + 1].verbs or toks[k + 1].marks):
            k += 1
            continue
        break
    helper_forms = {h.form for h in helpers}
    if "aspect" in feats:
        base = "vn" if "vn" in forms else "inf"
    elif helpers:
        base = "conv" if "conv" in forms else ("vn_loc" if "vn_loc" in forms else
                                                ("inf" if "inf" in forms else "imp"))
    else:
        # a form like કરી is a converb only before a vector/aspect verb; alone it is the perfective
        base = next((f for f in ("perf", "fut", "pres", "imp", "ptcp", "agent", "vn", "inf", "vn_loc", "conv")
                     if f in forms), "conv")
    feats.add(base)
    feats.update(helper_forms & FINITE_FORMS)
    if "fut" in helper_forms or "aux_fut" in feats or base == "fut":
        feats.add("fut")
    if base == "inf" and "motion" in feats and "prog" in feats:
        feats.add("fut")  # -વા જઈ રહ્યા છે: is going to
    finite = bool(base in FINITE_FORMS or helper_forms & FINITE_FORMS or any(f.startswith("aux_") for f in feats))
    if base in ("vn", "inf") and any(f.startswith("aux_") for f in feats) and "aspect" not in feats:
        feats.add("fut")  # કરવાનું છે: is to do
    if base == "conv" and not helpers:
        finite = True  # a sentence-final કરી is a perfective
    return k, feats, finite


def _preceding_neg(lex: Lexicon, toks: list[Token], start: int, j: int) -> bool:
    rng = range(max(0, start - 1), j)
    return any("neg" in toks[k].marks for k in rng)


def _verbal(lex: Lexicon, sent: Sentence) -> list[Trigger]:
    toks = sent.tokens
    triggers: list[Trigger] = []
    inside = {i for m in sent.mentions for i in range(m.start_tok, m.case_end_tok)}
    consumed: set[int] = {i for m in sent.mentions for i in range(m.start_tok, m.end_tok)}
    for j, tok in enumerate(toks):
        if not tok.verbs or j in consumed or tok.marks & PHRASE_KINDS:
            continue
        for stem in dict.fromkeys(vf.stem for vf in tok.verbs):
            candidates = lex.predicates.get(stem)
            if not candidates:
                continue
            forms = {vf.form for vf in tok.verbs if vf.stem == stem}
            best_noun: tuple[str, ...] | None = None
            start = j
            k = _noun_end(toks, j, inside)
            for e in _noun_rows(lex, toks, k, stem):
                if best_noun is not None and len(e.noun) <= len(best_noun):
                    continue
                s = _match_noun(toks, k, e.noun)
                if s is not None and not consumed.intersection(range(s, k + 1)):
                    best_noun, start = e.noun, s
            entries: list[PredicateEntry]
            if best_noun is not None:
                entries = list(lex.by_verb_phrase.get((stem, best_noun), ()))
            else:
                entries = list(lex.plain_predicates.get(stem, ()))
            if not entries:
                continue
            end, feats, finite = _verb_group(lex, toks, j, stem, forms)
            if _preceding_neg(lex, toks, start, j):
                feats.add("neg")
            if not finite:
                feats.add("nonfinite")
            triggers.append(Trigger(start, j + 1, j, entries, finite, feats))
            consumed.update(range(start, end))
            break
    return triggers


def _nominal(lex: Lexicon, sent: Sentence, used: set[int]) -> list[Trigger]:
    toks = sent.tokens
    out: list[Trigger] = []
    nominal_stem = lex.nominal_stem
    for k, tok in enumerate(toks):
        if k in used or tok.kind != "word":
            continue
        stem = nominal_stem(tok.key)
        if stem is not None:
            entries = lex.nominal[stem]
            nouns = sorted({e.noun for e in entries}, key=lambda n: (-len(n), n))
            for noun in nouns:
                start = k - len(noun) + 1
                if start < 0 or used.intersection(range(start, k + 1)):
                    continue
                if all(any(s == w for s, _, _ in toks[start + n].stems) for n, w in enumerate(noun[:-1])):
                    chosen = [e for e in entries if e.noun == noun]
                    out.append(Trigger(start, k + 1, None, chosen, False, {"nominal", "nonfinite"}))
                    used.update(range(start, k + 1))
                    break
    return out


def _can_hold_event(sent: Sentence) -> bool:
    """Every event has an argument that is a mention of its own sentence (a pronoun, a role noun or a
    name; an answered accusation needs its denier there): without one, no action here can be coded."""
    return bool(sent.mentions)


def predicates(doc: Doc) -> Doc:
    lex = load_language(doc.lang).lexicon
    for sent in doc.sentences:
        if sent.level != "full":
            continue
        if not _can_hold_event(sent):
            sent.level = "light"
            continue
        verbal = _verbal(lex, sent)
        used = {i for t in verbal for i in range(t.start_tok, t.end_tok)}
        sent.triggers = sorted(verbal + _nominal(lex, sent, used), key=lambda t: t.start_tok)
    return doc
