"""English renderings of event records: one line per event, and a digest paragraph of an article.

"North Korea (Kim Jong Un) → Russia: made a visit, 2019, asserted" — the CAMEO label turned into the
past tense, the actors by their English names, the date and the factuality.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

IRREGULAR = {
    "make": "made", "give": "gave", "meet": "met", "send": "sent", "fight": "fought", "take": "took",
    "seize": "seized", "hold": "held", "bring": "brought", "break": "broke", "grant": "granted",
    "sign": "signed", "sell": "sold", "shoot": "shot", "withdraw": "withdrew", "lead": "led", "set": "set",
    "put": "put", "cut": "cut", "let": "let", "leave": "left", "keep": "kept", "build": "built",
    "undergo": "underwent", "deny": "denied", "apply": "applied", "carry": "carried", "rally": "rallied",
    "ally": "allied", "occupy": "occupied", "employ": "employed", "obey": "obeyed", "defy": "defied",
    "express": "expressed", "ease": "eased", "use": "used", "impose": "imposed", "refuse": "refused",
    "abduct": "abducted", "praise": "praised",
}
VOWELS = "aeiou"

FACTUALITY_PHRASES = {
    "asserted": "Reported as fact:",
    "reported": "Attributed to statements or reports:",
    "alleged": "Alleged:",
    "future": "Planned or announced:",
    "hypothetical": "Possible, not certain:",
    "negated": "Said not to have happened:",
}


def past_tense(verb: str) -> str:
    v = verb.lower()
    if v in IRREGULAR:
        return IRREGULAR[v]
    if v.endswith("e"):
        return v + "d"
    if v.endswith("y") and len(v) > 1 and v[-2] not in VOWELS:
        return v[:-1] + "ied"
    return v + "ed"


def action(label: str) -> str:
    """"Make a visit" → "made a visit"; "Praise or endorse" → "praised or endorsed"."""
    label = label.split(",")[0].replace(" not specified below", "").strip()
    words = label.lower().split()
    if not words:
        return ""
    words[0] = past_tense(words[0])
    if len(words) == 3 and words[1] in ("or", "and"):  # two verbs: "criticize or denounce"
        words[2] = past_tense(words[2])
    return " ".join(words)


def actor_name(actor: dict[str, Any] | None) -> str:
    """"North Korea (Kim Jong Un)" for a person, the English name otherwise."""
    if not actor:
        return "someone"
    name = actor.get("name") or actor.get("code") or "someone"
    country = actor.get("country")
    if actor.get("role") and country and name and country not in name:
        from ghatna.actors import actor_base

        country_name = actor_base().countries.get(country)
        if country_name and country_name != name:
            return f"{country_name} ({name})"
    return name


def render(event: dict[str, Any]) -> str:
    """One line: who did what to whom, when, how sure."""
    target = f" → {actor_name(event['target'])}" if event.get("target") else ""
    when = event.get("date") or "undated"
    return f"{actor_name(event['source'])}{target}: {action(event['cameo_label'])}, {when}, {event['factuality']}"


def digest(events: list[dict[str, Any]]) -> str:
    """A paragraph summarising the article's events, grouped by how sure the text is about them."""
    if not events:
        return "The article reports no political event between known actors."
    groups: OrderedDict[str, list[str]] = OrderedDict((f, []) for f in FACTUALITY_PHRASES)
    seen: set[tuple[str, str, str, str]] = set()
    for e in events:
        src, tgt = actor_name(e["source"]), (actor_name(e["target"]) if e.get("target") else "")
        key = (src, tgt, e["cameo"], e["factuality"])
        if key in seen:
            continue
        seen.add(key)
        clause = (f"{src} → {tgt}: " if tgt else f"{src}: ") + action(e["cameo_label"])
        if e.get("date") and e.get("date_basis") in ("text", "narrative"):
            clause += f" ({e['date']})"
        groups[e["factuality"]].append(clause)
    sentences = []
    for fact, clauses in groups.items():
        if clauses:
            sentences.append(f"{FACTUALITY_PHRASES[fact]} " + "; ".join(clauses) + ".")
    return " ".join(sentences)
