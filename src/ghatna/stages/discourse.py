"""Stage 8 — discourse.

Reads ``Sentence.mentions`` and the triggers' arguments. Adds ``Mention.keys`` to mentions that do
not name their actor: third-person pronouns (તે, તેમણે, તેઓ …), collective references (બંને દેશો,
બંને નેતાઓ, બંને પક્ષો), definite references (આ દેશ) and bare role nouns (સરકારે, સેના), resolved
against the actors of the document, most salient and most recent first. A pronoun does not refer to
an actor of its own clause (that would be the reflexive પોતે). A denial with no target answers the
last actor who accused the denier.

Salience: each earlier mention of an actor adds a weight (subject 2, other argument 1, adnominal or
place 0.5) that halves with every sentence of distance.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from ghatna.actors import actor_base
from ghatna.lang.base import load_language
from ghatna.model import Argument, Doc, Mention, Sentence, Trigger

DECAY = 0.5  # pronouns: recency matters most
TOPIC_DECAY = 0.8  # "both countries", "this country": the actors the whole text is about
DENY_CODES = ("016",)
ACCUSE_ROOTS = ("11",)
#: codes of reactions that may answer an earlier event: deny, praise/support, accuse/condemn, reject
RESPONSE_ROOTS = ("016", "051", "11", "12")


def _weight(m: Mention) -> float:
    if m.location or m.case == "ADN":
        return 0.5
    if m.case in ("ERG", "NOM"):
        return 2.0
    return 1.0


class _Salience:
    def __init__(self) -> None:
        self.entries: list[tuple[int, int, str, float, bool]] = []  # sentence, clause, key, weight, person

    def add(self, sent_idx: int, clause: int, m: Mention) -> None:
        kb = actor_base()
        for key in m.keys:
            self.entries.append((sent_idx, clause, key, _weight(m), key in kb.people))

    def ranked(self, sent_idx: int, want: str, exclude: frozenset[str] = frozenset(),
               decay: float = DECAY) -> list[str]:
        """Keys by salience; ``want`` is ``any``, ``person`` or ``state`` (a country, by person or name)."""
        kb = actor_base()
        score: dict[str, float] = defaultdict(float)
        last: dict[str, tuple[int, int]] = {}
        for s, c, key, w, is_person in self.entries:
            if key in exclude:
                continue
            if want == "person" and not is_person:
                continue
            if want == "state":
                key = kb.country_of(key) or ""
                if not key or key not in kb.countries:
                    continue
            score[key] += w * decay ** (sent_idx - s)
            last[key] = max(last.get(key, (-1, -1)), (s, c))
        return sorted(score, key=lambda k: (-score[k], -last[k][0], -last[k][1]))


def _resolve(m: Mention, sal: _Salience, sent_idx: int, named: frozenset[str], subjects: frozenset[str],
             fallback: str | None, coargs: frozenset[str] = frozenset()) -> None:
    """Resolve a referring mention.

    A pronoun argument skips the actors named in its own clause (it would be the reflexive પોતે);
    a possessive may be the subject's. A collective argument skips its clause's subject: "અમેરિકાએ
    બંને દેશો પર પ્રતિબંધો લગાવ્યા" — the two countries are not the one imposing.
    """
    possessive = m.case in ("GEN", "ADN")
    if m.kind == "pronoun":
        exclude = coargs if possessive else named
        ranked = sal.ranked(sent_idx, "person" if m.pronoun == "hon" else "any", exclude)
        if not ranked and m.pronoun == "hon":
            ranked = sal.ranked(sent_idx, "any", exclude)
        m.keys = ranked[:1]
    elif m.kind == "collective":
        exclude = frozenset() if possessive or m.case in ("NOM", "ERG") else subjects
        ranked = sal.ranked(sent_idx, "state", exclude, TOPIC_DECAY)
        if len(ranked) >= 2:
            m.keys = ranked[:2]
    elif m.kind in ("definite", "role"):
        m.keys = sal.ranked(sent_idx, "state", frozenset(), TOPIC_DECAY)[:1]
        if not m.keys and m.kind == "role" and fallback:
            m.keys = [fallback]


def _keys(arg: Argument | None) -> frozenset[str]:
    return frozenset(k for m in (arg.mentions if arg else []) for k in m.keys)


def _answer_previous_events(sentences: list[Sentence]) -> None:
    """Responses whose target is an earlier event rather than a named actor.

    A denial with no target answers the last accusation against the denier ("ઉત્તર કોરિયાએ … આ
    દાવાને રદિયો આપ્યો"); a reaction to an action noun with no actor of its own ("આ પ્રતિબંધોની
    નિંદા કરી", "condemned these sanctions") is aimed at whoever last did that action.
    """
    done: list[tuple[str, frozenset[str], frozenset[str]]] = []  # (cameo, sources, targets) in text order
    for sent in sentences:
        for t in sorted(sent.triggers, key=lambda t: t.start_tok):
            if t.entry is None:
                continue
            src, tgt = _keys(t.source), _keys(t.target)
            if t.target is None and src and t.entry.cameo.startswith(RESPONSE_ROOTS):
                answered = None
                if t.entry.cameo.startswith(DENY_CODES):
                    answered = next((s for c, s, g in reversed(done)
                                     if c.startswith(ACCUSE_ROOTS) and src & g and not src & s), None)
                noun = next((u for u in sent.triggers if "nominal" in u.features and u.clause == t.clause
                             and u.start_tok < t.start_tok and u.source is None and u.target is None
                             and u.entry is not None), None)
                if answered is None and noun is not None:
                    answered = next((s for c, s, _ in reversed(done)
                                     if c[:2] == noun.entry.cameo[:2] and s and not src & s), None)
                if answered:
                    t.target = _synthetic(sent, t, answered)
            if src or tgt:
                done.append((t.entry.cameo, src, tgt))


def _synthetic(sent: Sentence, t: Trigger, keys: frozenset[str]) -> Argument:
    """An implicit argument (no span of its own): the trigger's span stands for it."""
    tok = sent.tokens[t.start_tok]
    m = Mention(t.start_tok, t.start_tok, t.start_tok, tok.start, tok.start, "IMPLICIT", "implicit",
                keys=sorted(keys))
    return Argument([m], "IMPLICIT")


def _coarguments(sent: Sentence) -> dict[int, set[str]]:
    """For each mention that is a trigger's argument, the keys named in that trigger's other argument
    ("સુષ્મા સ્વરાજે તેમનું સ્વાગત કર્યું": the one welcomed is not Swaraj)."""
    kb = actor_base()
    out: dict[int, set[str]] = defaultdict(set)
    for t in sent.triggers:
        args = [a for a in (t.source, t.target) if a is not None]
        for a in args:
            for b in args:
                if a is b:
                    continue
                keys = {k for m in b.mentions for k in m.keys}
                keys |= {c for c in (kb.country_of(k) for k in keys) if c}
                for m in a.mentions:
                    out[id(m)] |= keys
    return out


def _dominant_state(doc: Doc) -> str | None:
    """The country the whole text is most about (names and places), for bare role nouns met before it."""
    kb = actor_base()
    counts: Counter[str] = Counter()
    for sent in doc.sentences:
        for m in sent.mentions:
            for key in m.keys:
                country = kb.country_of(key)
                if country in kb.countries:
                    counts[country] += 1
            if m.place_country in kb.countries:
                counts[m.place_country] += 1
    return counts.most_common(1)[0][0] if counts else None


def discourse(doc: Doc) -> Doc:
    sal = _Salience()
    kb = actor_base()
    fallback = _dominant_state(doc) or load_language(doc.lang).home_country
    for sent in doc.sentences:
        named: dict[int, set[str]] = defaultdict(set)
        subjects: dict[int, set[str]] = defaultdict(set)
        for m in sent.mentions:
            if m.kind == "name":
                clause = sent.clause_of(m.start_tok)
                keys = set(m.keys) | {k for k in (kb.country_of(key) for key in m.keys) if k}
                named[clause] |= keys
                if m.case in ("ERG", "NOM"):
                    subjects[clause] |= keys
        coargs = _coarguments(sent)
        for m in sent.mentions:
            clause = sent.clause_of(m.start_tok)
            if not m.keys:
                _resolve(m, sal, sent.index, frozenset(named[clause]), frozenset(subjects[clause]), fallback,
                         frozenset(coargs.get(id(m), ())))
            if m.keys:
                sal.add(sent.index, clause, m)
            elif m.place_country:
                sal.entries.append((sent.index, clause, m.place_country, 0.5, False))
    _answer_previous_events(doc.sentences)
    return doc
