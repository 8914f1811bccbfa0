"""Stage 5 — actors.

Reads ``Sentence.tokens``. Adds ``Sentence.mentions``: names of countries, organizations, groups,
people and capitals, role nouns, pronouns and collective references ("બંને દેશો"), and places, each
with the case that follows it (bound clitic, free clitic, or a genitive + postposition).

Mentions are composed by rule: a country, capital or adjective before a role noun makes a country
actor with that role ("પાકિસ્તાનની સેના" → PAK + MIL), a title before a name makes the person
("રાષ્ટ્રપતિ પુતિન"); a capital or country in the locative (-માં) is a place, not an actor; a
person's name that is also a common word (``standalone`` no) counts only after a title or after the
full name earlier in the document. Coordinated mentions ("અમેરિકા અને દક્ષિણ કોરિયાએ") form one
group that shares the case of its last member.
"""

from __future__ import annotations

from dataclasses import dataclass

from ghatna.actors import actor_base
from ghatna.lang.base import load_language
from ghatna.lexicon import Lexicon, PhraseMatch, Ref, Stem
from ghatna.model import OPENS_ACTOR, OPENS_PRONOUN, Doc, Mention, Record, Sentence, Token

# preference among the readings of one surface form
PRIORITY = {"person": 0, "country": 1, "entity": 2, "capital": 3, "place": 4, "role": 5,
            "demonym": 6, "adjective": 7}
PRONOUN_KINDS = ("sg", "hon", "collective", "definite", "reflexive")



@dataclass(slots=True)
class _Item(Record):
    start: int
    end: int
    case: str
    case_end: int
    ref: Ref
    refs: tuple[Ref, ...]
    number: str

    def __init__(self, start: int, end: int, case: str, case_end: int, ref: Ref, refs: tuple[Ref, ...],
                 number: str) -> None:
        self.start = start  # (written out: see ghatna.model)
        self.end = end
        self.case = case
        self.case_end = case_end
        self.ref = ref
        self.refs = refs
        self.number = number


def _case_after(lex: Lexicon, toks: list[Token], bound: str | None, end: int) -> tuple[str, int]:
    """The case of a phrase ending at ``end``: its bound clitic, a free clitic, or GEN + postposition.

    An adnominal postposition (પરના, સાથેના) gives ``ADN:<postposition>``.
    """
    case, j = bound, end
    if case is None and j < len(toks) and toks[j].key in lex.clitics:
        case = lex.clitics[toks[j].key]
        if case == "ADN":
            case = "ADN:" + lex.adnominal.get(toks[j].key, "")
        j += 1
    if case == "GEN" and j < len(toks) and lex.clitics.get(toks[j].key) not in (None, "GEN", "DAT", "ERG"):
        case = lex.clitics[toks[j].key]
        j += 1
    return case or "NOM", j


def _best(refs: tuple[Ref, ...]) -> Ref:
    return min(refs, key=lambda r: (PRIORITY.get(r.kind, 9), not r.standalone))


def _raw_items(lex: Lexicon, sent: Sentence) -> list[_Item]:
    toks = sent.tokens
    # only where a name may start (the tries' own first test, without the calls)
    opening = [i for i, t in enumerate(toks) if t.opens]
    if not opening:
        return []
    analyses: list[tuple[Stem, ...]] = [t.stems if t.kind == "word" else ((t.key, None, "sg"),) for t in toks]
    items: list[_Item] = []
    end = 0  # the end of the last mention: a name starts after it
    for i in opening:
        if i < end:
            continue
        opens = toks[i].opens
        matches: list[PhraseMatch] = lex.actors.match(toks, i, analyses) if opens & OPENS_ACTOR else []
        if opens & OPENS_PRONOUN:
            matches += lex.pronouns.match(toks, i, analyses)
        if not matches:
            continue
        best = max(matches, key=lambda m: (m.end_tok, m.case is None))
        ref = _best(best.refs)
        bound = best.case
        if ref.kind in PRONOUN_KINDS and ref.case not in ("", "*"):
            if best.case is not None:  # an inflected reading of a listed pronoun form is not one
                continue
            bound = ref.case
        case, case_end = _case_after(lex, toks, bound, best.end_tok)
        items.append(_Item(i, best.end_tok, case, case_end, ref, best.refs, best.number))
        end = best.end_tok
    return items


def _mention(doc: Doc, sent: Sentence, start: int, end: int, case: str, case_end: int, kind: str,
             keys: list[str] | None = None, role: str | None = None, office: str | None = None,
             location: bool = False, place: str | None = None, place_country: str | None = None,
             number: str = "sg", pronoun: str = "") -> Mention:
    toks = sent.tokens
    adn = None
    if case.startswith("ADN:"):
        case, adn = "ADN", case[4:] or None
    return Mention(start, end, case_end, toks[start].start, toks[end - 1].end, case, kind, keys, role, office,
                   location, place, place_country, number, -1, pronoun, adn)


def _modifies_noun(lex: Lexicon, toks: list[Token], end: int, starts: set[int]) -> bool:
    """Is the word after a bare name or role a common noun it modifies ("યુક્રેન યુદ્ધમાં", "સૈન્ય સહયોગ")?

    True when that word is a noun of the lexicon (an action or role noun), not an actor, a verb, a
    marker or a clitic, and either carries a case clitic itself or is followed by one.
    """
    if end >= len(toks) or end in starts:
        return False
    t = toks[end]
    if t.kind != "word" or t.verbs or t.marks or t.key in lex.clitics or t.key not in lex.noun_forms:
        return False
    if any(case for _, case, _ in t.stems):
        return True
    return end + 1 < len(toks) and toks[end + 1].key in lex.clitics


MAX_NAME_WORDS = 3


def _unknown_name(lex: Lexicon, toks: list[Token], k: int, starts: set[int]) -> int:
    """End of a run of words no lexicon knows (a foreign name) after a title, or ``k``."""
    j = k
    while j < len(toks) and j - k < MAX_NAME_WORDS and j not in starts:
        t = toks[j]
        known = (t.kind != "word" or t.verbs or t.marks or t.key in lex.clitics
                 or any(stem in lex.noun_forms or stem in lex.nominal for stem, _, _ in t.stems))
        if known:
            break
        j += 1
        if any(case for _, case, _ in t.stems if case) and j > k:
            # a case clitic closes the name, but only if the bare word is not itself a known noun
            break
    return j


def _share_role(sent: Sentence, out: list[Mention], start: int, role: _Item) -> None:
    """"અમેરિકા અને બ્રિટનની સેનાઓએ": the role noun after coordinated countries is each one's."""
    k = len(out) - 1
    edge = start
    while k >= 0:
        m = out[k]
        between = sent.tokens[m.case_end_tok:edge]
        if (m.kind != "name" or m.role or any(key in actor_base().people for key in m.keys) or not between
                or not all(t.text == "," or "and" in t.marks for t in between)):
            return
        m.role, m.office = role.ref.key, role.ref.office or None
        edge = m.start_tok
        k -= 1


def _titled(lex: Lexicon, toks: list[Token], role: _Item, starts: set[int]) -> tuple[int, str, int]:
    """(end, case, case end) of a title and the unknown name after it ("વડાપ્રધાન યોશિરો મોરીની"), or
    of the title alone."""
    if role.ref.office and role.case == "NOM":
        name_end = _unknown_name(lex, toks, role.end, starts)
        if name_end > role.end:
            bound = next((c for _, c, _ in toks[name_end - 1].stems if c), None)
            case, case_end = _case_after(lex, toks, bound, name_end)
            return name_end, case, case_end
    return role.end, role.case, role.case_end


def _qualified_noun(lex: Lexicon, toks: list[Token], k: int, starts: set[int]) -> tuple[str, int] | None:
    """(case, end) of the case-marked noun within two words after an adjective, if any."""
    for j in range(k, min(k + 2, len(toks))):
        t = toks[j]
        if j in starts or t.kind != "word" or t.verbs or t.marks or t.key in lex.clitics:
            return None
        case = next((c for _, c, _ in t.stems if c), None)
        if case is None and j + 1 < len(toks) and toks[j + 1].key in lex.clitics:
            case = lex.clitics[toks[j + 1].key]
            if case != "ADN":
                return case, j + 2
            return None
        if case is not None:
            return case, j + 1
    return None


def _compose(lex: Lexicon, doc: Doc, sent: Sentence, items: list[_Item], seen_people: set[str]) -> list[Mention]:
    out: list[Mention] = []
    starts = {it.start for it in items}
    k = 0
    n = len(items)
    while k < n:
        it = items[k]
        nxt = items[k + 1] if k + 1 < n else None
        kind = it.ref.kind
        # country / capital / adjective (+ genitive) + role noun [+ person's name]
        if (kind in ("country", "entity", "capital", "adjective", "demonym") and nxt is not None
                and nxt.ref.kind == "role" and nxt.start == it.case_end and it.case in ("NOM", "GEN")):
            after = items[k + 2] if k + 2 < n else None
            if (after is not None and after.ref.kind == "person" and after.start == nxt.end
                    and nxt.case == "NOM"):
                out.append(_mention(doc, sent, it.start, after.end, after.case, after.case_end, "name",
                                    keys=[after.ref.key], office=nxt.ref.office or None))
                seen_people.add(after.ref.key)
                k += 3
                continue
            end, case, case_end = _titled(lex, sent.tokens, nxt, starts)
            _share_role(sent, out, it.start, nxt)
            out.append(_mention(doc, sent, it.start, end, case, case_end, "name",
                                keys=[it.ref.key], role=nxt.ref.key, office=nxt.ref.office or None,
                                number=nxt.number))
            k += 2
            continue
        # title + a name the knowledge base does not know: "વડાપ્રધાન યોશિરો મોરીની"
        if kind == "role" and it.ref.office and it.case == "NOM":
            end, case, case_end = _titled(lex, sent.tokens, it, starts)
            if end > it.end:
                out.append(_mention(doc, sent, it.start, end, case, case_end, "role", role=it.ref.key,
                                    office=it.ref.office))
                k += 1
                continue
        # person + role noun: "મોદી સરકાર" is the government of Modi's country, "ગુટેરેસના પ્રવક્તા"
        # the UN's spokesperson
        if (kind == "person" and nxt is not None and nxt.ref.kind == "role"
                and nxt.start == it.case_end and (it.case == "GEN" or (it.case == "NOM" and not nxt.ref.office))):
            person = next((r for r in it.refs if r.kind == "person"), it.ref)
            country = actor_base().country_of(person.key)
            if country:
                end, case, case_end = _titled(lex, sent.tokens, nxt, starts)
                out.append(_mention(doc, sent, it.start, end, case, case_end, "name",
                                    keys=[country], role=nxt.ref.key, number=nxt.number))
                k += 2
                continue
        # title + person's name
        if (kind == "role" and nxt is not None and nxt.ref.kind == "person" and nxt.start == it.end
                and it.case == "NOM" and it.case_end == it.end):
            person = next((r for r in nxt.refs if r.kind == "person"), nxt.ref)
            out.append(_mention(doc, sent, it.start, nxt.end, nxt.case, nxt.case_end, "name",
                                keys=[person.key], office=it.ref.office or None))
            seen_people.add(person.key)
            k += 2
            continue
        k += 1
        if kind == "person":
            persons = [r for r in it.refs if r.kind == "person"]
            known = [r for r in persons if r.key in seen_people]
            chosen = known[0] if known else next((r for r in persons if r.standalone), None)
            if chosen is None:
                continue
            seen_people.add(chosen.key)
            out.append(_mention(doc, sent, it.start, it.end, it.case, it.case_end, "name", keys=[chosen.key]))
        elif kind in ("country", "entity", "capital"):
            # the locative, or a dateline ("નવી દિલ્હી: …") is a place, not an actor
            loc = it.case == "માં" or (it.start == 0 and it.case_end < len(sent.tokens)
                                        and sent.tokens[it.case_end].text == ":")
            case = it.case
            if case == "NOM" and it.case_end == it.end and _modifies_noun(lex, sent.tokens, it.end, starts):
                case = "ADN"
            out.append(_mention(doc, sent, it.start, it.end, case, it.case_end,
                                "place" if loc else "name", keys=[it.ref.key],
                                role="GOV" if kind == "capital" else None, location=loc,
                                place_country=it.ref.key if loc else None))
        elif kind in ("demonym", "adjective"):
            if it.number == "pl":
                out.append(_mention(doc, sent, it.start, it.end, it.case, it.case_end, "name",
                                    keys=[it.ref.key], number="pl"))
            elif it.case == "NOM" and it.case_end == it.end:
                # "ભારતીય ચોકીઓ પર": the country of a case-marked noun the adjective qualifies
                head = _qualified_noun(lex, sent.tokens, it.end, starts)
                if head is not None:
                    case, end = head
                    out.append(_mention(doc, sent, it.start, it.end, case, end, "name", keys=[it.ref.key]))
        elif kind == "role":
            if it.case == "NOM" and it.case_end == it.end and _modifies_noun(lex, sent.tokens, it.end, starts):
                continue  # used as an adjective: સૈન્ય સહયોગ, રાજદ્વારી દબાણ
            out.append(_mention(doc, sent, it.start, it.end, it.case, it.case_end, "role",
                                role=it.ref.key, office=it.ref.office or None, number=it.number))
        elif kind == "place":
            out.append(_mention(doc, sent, it.start, it.end, it.case, it.case_end, "place", location=True,
                                place=it.ref.key, place_country=it.ref.country or None))
        elif kind in PRONOUN_KINDS:
            pk = "pronoun" if kind in ("sg", "hon") else kind
            out.append(_mention(doc, sent, it.start, it.end, it.case, it.case_end, pk, pronoun=kind,
                                number="pl" if kind in ("hon", "collective") else "sg"))
    return out


def _group(lex: Lexicon, sent: Sentence, mentions: list[Mention]) -> None:
    """Coordination: mentions joined by અને/તથા/,/- share one group and the last member's case."""
    toks = sent.tokens
    group = 0
    for n, m in enumerate(mentions):
        if n > 0:
            prev = mentions[n - 1]
            between = toks[prev.case_end_tok:m.start_tok]
            joins = (any(t.text in (",", "-") or "and" in t.marks for t in between)
                     and all(t.text in (",", "-") or t.marks & {"and", "title_prefix"} for t in between))
            if (joins and not prev.location and not m.location
                    and (prev.case in ("NOM", m.case) or between[-1].text == "-")):
                m.group = prev.group
                continue
            group += 1
        m.group = group
    # a group takes the case of its last member
    last: dict[int, str] = {}
    for m in mentions:
        last[m.group] = m.case
    for m in mentions:
        m.case = last[m.group]


def actors(doc: Doc) -> Doc:
    lex = load_language(doc.lang).lexicon
    seen_people: set[str] = set()
    for sent in doc.sentences:
        mentions = _compose(lex, doc, sent, _raw_items(lex, sent), seen_people)
        _group(lex, sent, mentions)
        sent.mentions = mentions
    return doc
