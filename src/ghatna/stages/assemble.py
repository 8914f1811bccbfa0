"""Stage 11 — assemble.

Reads every trigger with its chosen row, arguments, factuality and date, and the mentions. Adds
``Doc.events``: the records of DESIGN.md §2. A coordinated or collective argument gives one event per
actor; a collective source with no target acts on itself ("બંને દેશોએ જોડાણ કર્યું" → A→B and B→A).
People are coded by the office they hold on the event's date. Events without any actor, nominal
events without both actors, and events of an actor on itself (same code) are dropped; repeated events of one
trigger are written once. Spans are mapped back to the input text.
"""

from __future__ import annotations

import datetime as dt
from itertools import product
from typing import Any

from ghatna.actors import ActorBase, actor_base, parse_date
from ghatna.model import Actor, Argument, Doc, Event, Mention, Sentence, Trigger
from ghatna.ontology import ontology


def _day(value: str | None, fallback: dt.date | None) -> dt.date | None:
    if value and value[:4].isdigit():
        try:
            return parse_date(value.replace("X", "5")) if "X" not in value else dt.date(int(value[:3] + "5"), 7, 1)
        except ValueError:
            return fallback
    return fallback


def _actors(kb: ActorBase, arg: Argument | None, day: dt.date | None) -> list[tuple[Actor, Mention]]:
    if arg is None:
        return []
    out: list[tuple[Actor, Mention]] = []
    for m in arg.mentions:
        if m.keys:
            for key in m.keys:
                if key in kb:
                    out.append((kb.actor(key, m.role, day), m))
        elif m.kind == "role" and m.role:
            out.append((kb.role_only(m.role), m))
    return out


def _actor_dict(doc: Doc, actor: Actor, m: Mention) -> dict[str, Any]:
    if m.kind == "implicit":
        start = end = doc.span(m.start, m.start)[0]
        text = ""
    else:
        start, end = doc.span(m.start, m.end)
        text = doc.text[start:end]
    return {"text": text, "start": start, "end": end, "code": actor.code, "country": actor.country,
            "org": actor.org, "name": actor.name, "role": actor.role}


FORCE_ROOTS = ("18", "19", "20")
#: a visit to a place is a visit to its country ("દિલ્હી પહોંચ્યા")
PLACE_TARGET_CODES = ("042",)


def _place_as_target(kb: ActorBase, sent: Sentence, t: Trigger, srcs: list[tuple[Actor, Mention]]
                     ) -> list[tuple[Actor, Mention]]:
    """Force used somewhere with no target named ("બાલાકોટમાં … હવાઈ હુમલો કર્યો") is aimed at the
    country of that place, and a visit to a city is a visit to its country — when it is not the
    actor's own."""
    own = {a.country for a, _ in srcs}
    for m in sent.mentions:
        if m.location and sent.clause_of(m.start_tok) == t.clause:
            country = m.place_country if m.place_country in kb.countries else kb.country_of(m.place_country or "")
            if country and country not in own and country in kb.countries:
                return [(kb.actor(country), m)]
    return []


def _location(doc: Doc, sent: Sentence, t: Trigger) -> dict[str, Any] | None:
    kb = actor_base()
    places = [m for m in sent.mentions if m.location]
    if not places:
        return None
    same = [m for m in places if sent.clause_of(m.start_tok) == t.clause]
    m = (same or places)[0]
    start, end = doc.span(m.start, m.end)
    country = m.place_country
    if country and country not in kb.countries:
        country = kb.country_of(country)
    return {"text": doc.text[start:end], "start": start, "end": end, "country": country}


SYMMETRIC_SLOTS = ("સાથે", "વચ્ચે")


def _mutual(t: Trigger, arg: Argument | None, actors: list[tuple[Actor, Mention]]) -> bool:
    """Several actors acting on each other: "બંને દેશોએ", "X અને Y વચ્ચે", or a joint subject of a
    predicate whose other party would stand in સાથે/વચ્ચે ("ભારત અને ચીને કરાર કર્યો")."""
    if arg is None or len({a.code for a, _ in actors}) < 2:
        return False
    if arg.slot == "વચ્ચે" or any(m.kind == "collective" for m in arg.mentions):
        return True
    return t.entry is not None and any(s in SYMMETRIC_SLOTS for s in t.entry.target)


def _pairs(t: Trigger, srcs: list[tuple[Actor, Mention]], tgts: list[tuple[Actor, Mention]]
           ) -> list[tuple[tuple[Actor, Mention] | None, tuple[Actor, Mention] | None]]:
    if srcs and tgts:
        return list(product(srcs, tgts))
    if srcs and _mutual(t, t.source, srcs):
        return [(a, b) for a in srcs for b in srcs if a[0].code != b[0].code]
    if tgts and _mutual(t, t.target, tgts) and t.target is not None and t.target.slot == "વચ્ચે":
        return [(a, b) for a in tgts for b in tgts if a[0].code != b[0].code]
    if srcs:
        return [(s, None) for s in srcs]
    return [(None, g) for g in tgts]


POLITICAL_ROLES = {"GOV", "OPP", "LEG", "PTY", "ELI", None}
VERBAL_ATTACK = "111"


def _verbal_attack(src: Actor, tgt: Actor) -> bool:
    """A politician or party "attacking" a rival at home is criticism, not force (Indian political
    news says હુમલો કર્યો for both): a person or party of a political role, against a person, a party
    or an actor of the same country."""
    if src.kind not in ("person", "party") or src.role not in POLITICAL_ROLES:
        return False
    return tgt.kind in ("person", "party") or (tgt.country is not None and tgt.country == src.country)


def _sentence_events(doc: Doc, sent: Sentence, kb: ActorBase) -> list[Event]:
    onto = ontology()
    events: list[Event] = []
    seen: set[tuple[str | None, str | None, str, int]] = set()
    s_start, s_end = doc.span(sent.start, sent.end)
    if not sent.triggers:
        return []
    framing = {id(u.matrix) for u in sent.triggers if u.matrix is not None and u.entry is not None}
    for t in sent.triggers:
        if t.entry is None or t.entry.cameo not in onto:
            continue
        if t.target is None and t.entry.embed and id(t) in framing:
            continue  # "X announced it will help Y": the help is the event, not the announcing
        day = _day(t.date, doc.date)
        srcs, tgts = _actors(kb, t.source, day), _actors(kb, t.target, day)
        if not srcs and not t.entry.noun and "passive" not in t.features:
            continue  # a bare verb with only a dative is the experiencer ("X-ને … મળ્યું"), not a target
        if (not tgts and not t.entry.noun and any(s in SYMMETRIC_SLOTS for s in t.entry.target)
                and not _mutual(t, t.source, srcs)):
            continue  # a bare verb of meeting needs two parties ("શબ મળી ગયું" is not a meeting)
        toks = sent.tokens
        tr_start, tr_end = doc.span(toks[t.start_tok].start, toks[t.end_tok - 1].end)
        location = _location(doc, sent, t)
        if not tgts and srcs and (t.entry.cameo[:2] in FORCE_ROOTS or t.entry.cameo in PLACE_TARGET_CODES):
            tgts = _place_as_target(kb, sent, t, srcs)
        for src, tgt in _pairs(t, srcs, tgts):
            if src is None and tgt is None:
                continue
            if "nominal" in t.features and (src is None or tgt is None):
                continue  # an action noun alone is an event only with both its actors
            if src is not None and tgt is not None and (src[0].key, src[0].role) == (tgt[0].key, tgt[0].role):
                continue  # an actor acting on itself
            etype = onto[t.entry.cameo]
            if src and tgt and etype.root in FORCE_ROOTS and _verbal_attack(src[0], tgt[0]):
                etype = onto[VERBAL_ATTACK]
            key = (src[0].code if src else None, tgt[0].code if tgt else None, etype.code, t.start_tok)
            if key in seen:
                continue
            seen.add(key)
            events.append(Event(
                id=f"{doc.doc_id}:{sent.index}:{len(events)}", doc_id=doc.doc_id, lang=doc.lang,
                sentence_index=sent.index, sentence_text=doc.text[s_start:s_end],
                sentence_start=s_start, sentence_end=s_end,
                source=_actor_dict(doc, *src) if src else None,
                target=_actor_dict(doc, *tgt) if tgt else None,
                trigger={"text": doc.text[tr_start:tr_end], "start": tr_start, "end": tr_end},
                cameo=etype.code, cameo_label=etype.label,
                plover={"event": etype.plover_event, "mode": etype.plover_mode},
                goldstein=etype.goldstein, quad_class=etype.quad_class,
                factuality=t.factuality, date=t.date, date_basis=t.date_basis, location=location))
    return events


def assemble(doc: Doc) -> Doc:
    kb = actor_base()
    doc.events = [e for sent in doc.sentences for e in _sentence_events(doc, sent, kb)]
    return doc
