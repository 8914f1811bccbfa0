"""The one data model: a ``Doc`` flows through the stages and comes out with ``Event`` records.

Offsets inside the pipeline refer to the *normalized* text (``Doc.norm``); ``Doc.span`` maps them
back to the text the user gave, and every offset in an event record points into that text.

Each class writes its ``__init__`` out, field by field in the order of its fields, with ``None`` for
a field whose default is a new list or set. mypyc compiles such an ``__init__``; the one the dataclass
decorator would make stays interpreted and costs three times as much, and the stages make these objects
by the dozen for every sentence they read. A test checks that each ``__init__`` takes the fields, in
order, with their defaults.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ghatna.lexicon import PredicateEntry

class Record:
    """The base of the coder's dataclasses (the model's, and the lexicon's frozen ones): pickled and
    copied as a call of the class with the values of its fields, which its ``__init__`` takes in order
    (compiled by mypyc, such a class cannot be made empty and filled in afterwards, as pickle otherwise
    does)."""

    __slots__ = ()

    def __reduce__(self) -> tuple[Any, ...]:
        return type(self), tuple(getattr(self, f.name) for f in fields(self))  # type: ignore[arg-type]


FACTUALITY = ("asserted", "reported", "alleged", "negated", "hypothetical", "future")
DATE_BASIS = ("text", "narrative", "article")


@dataclass(slots=True)
class VerbForm(Record):
    """What the morphology says about a verb token: its stem and its form.

    ``form`` is one of: ``perf`` (perfective), ``pres`` (present/subjunctive), ``fut`` (future),
    ``imp`` (imperfective participle -ત-), ``inf`` (infinitive -વું/-વા), ``vn`` (verbal noun
    -વાનું/-વાની… with a case), ``vn_loc`` (-વામાં, the passive base), ``conv`` (converb -ી/-ઈ/-ીને),
    ``ptcp`` (perfect participle -એલ-), ``agent`` (agentive participle -નાર-), ``aux`` (auxiliary).
    """

    stem: str
    form: str
    case: str | None = None

    def __init__(self, stem: str, form: str, case: str | None = None) -> None:
        self.stem = stem
        self.form = form
        self.case = case


OPENS_ACTOR, OPENS_PRONOUN = 1, 2


@dataclass(slots=True)
class Token(Record):
    """A word, number or punctuation mark of a sentence (offsets in ``Doc.norm``)."""

    i: int
    text: str
    start: int
    end: int
    key: str
    kind: str  # word | num | punct
    glued: bool = False  # no space before this token
    stems: tuple[tuple[str, str | None, str], ...] = ()  # (stem, case, number); shared, never changed
    verbs: tuple[VerbForm, ...] = ()  # shared with every token of the same key, never changed
    marks: frozenset[str] = frozenset()  # marker kinds (neg, clause, report …); a phrase's kinds win
    mark_start: bool = False  # first word of a multiword marker phrase
    #: the names that may start here (its key or a reading is their first word): OPENS_ACTOR | OPENS_PRONOUN
    opens: int = 0

    def __init__(self, i: int, text: str, start: int, end: int, key: str, kind: str, glued: bool = False,
                 stems: tuple[tuple[str, str | None, str], ...] = (), verbs: tuple[VerbForm, ...] = (),
                 marks: frozenset[str] = frozenset(), mark_start: bool = False, opens: int = 0) -> None:
        self.i = i
        self.text = text
        self.start = start
        self.end = end
        self.key = key
        self.kind = kind
        self.glued = glued
        self.stems = stems
        self.verbs = verbs
        self.marks = marks
        self.mark_start = mark_start
        self.opens = opens


@dataclass(slots=True)
class Actor(Record):
    """A resolved actor, as the event record writes it (without the span)."""

    code: str
    country: str | None
    org: str | None
    name: str
    role: str | None
    key: str  # knowledge-base key: ISO3, entity key or person id
    kind: str  # state | org | group | party | person | bloc | historical | role

    def __init__(self, code: str, country: str | None, org: str | None, name: str, role: str | None, key: str,
                 kind: str) -> None:
        self.code = code
        self.country = country
        self.org = org
        self.name = name
        self.role = role
        self.key = key
        self.kind = kind


@dataclass(slots=True)
class Mention(Record):
    """A stretch of tokens that refers to an actor (or, with ``location``, a place).

    ``keys`` are knowledge-base keys (alpha-3 code, entity key or person id): one for a name, several
    for a collective ("બંને દેશો") once discourse has resolved it, none for an unresolved pronoun.
    ``case`` is the grammatical case or the canonical postposition that follows the mention (``NOM``,
    ``ERG``, ``DAT``, ``GEN``, ``પર`` …); ``ADN`` marks an adnominal phrase ("યુક્રેન સાથેના યુદ્ધ")
    that modifies a noun, not the verb.
    """

    start_tok: int
    end_tok: int  # exclusive: the words of the mention
    case_end_tok: int  # exclusive: including a following free clitic or postposition
    start: int
    end: int
    case: str
    kind: str  # name | role | pronoun | collective | definite | reflexive | place
    keys: list[str] = field(default_factory=list)
    role: str | None = None  # a role composed with the name (MIL, GOV …)
    office: str | None = None
    location: bool = False
    place: str | None = None
    place_country: str | None = None
    number: str = "sg"
    group: int = -1  # coordination group within the sentence
    pronoun: str = ""  # pronoun class: sg | hon | collective | definite | reflexive
    adn: str | None = None  # the postposition of an adnominal phrase (પર in "ઈરાન પરના")

    def __init__(self, start_tok: int, end_tok: int, case_end_tok: int, start: int, end: int, case: str, kind: str,
                 keys: list[str] | None = None, role: str | None = None, office: str | None = None,
                 location: bool = False, place: str | None = None, place_country: str | None = None,
                 number: str = "sg", group: int = -1, pronoun: str = "", adn: str | None = None) -> None:
        self.start_tok = start_tok
        self.end_tok = end_tok
        self.case_end_tok = case_end_tok
        self.start = start
        self.end = end
        self.case = case
        self.kind = kind
        self.keys = [] if keys is None else keys
        self.role = role
        self.office = office
        self.location = location
        self.place = place
        self.place_country = place_country
        self.number = number
        self.group = group
        self.pronoun = pronoun
        self.adn = adn


@dataclass(slots=True)
class Argument(Record):
    """A coordination group of mentions filling one slot of one trigger."""

    mentions: list[Mention]
    slot: str
    anchor: int | None = None  # promoted from a possessor: where the possessed noun ends

    def __init__(self, mentions: list[Mention], slot: str, anchor: int | None = None) -> None:
        self.mentions = mentions
        self.slot = slot
        self.anchor = anchor

    @property
    def start_tok(self) -> int:
        return self.mentions[0].start_tok


@dataclass(slots=True)
class Trigger(Record):
    """Words that express an action, with the lexicon rows they may stand for."""

    start_tok: int
    end_tok: int
    verb_tok: int | None  # the lexical verb (None for a nominal trigger)
    entries: list[PredicateEntry]
    finite: bool
    features: set[str] = field(default_factory=set)  # perf fut pres passive ability neg prog nonfinite …
    clause: int = -1
    entry: Any = None  # the chosen lexicon row (a PredicateEntry once chosen)
    source: Argument | None = None
    target: Argument | None = None
    matrix: Trigger | None = None  # the trigger this one is embedded under
    factuality: str = "asserted"
    date: str | None = None
    date_basis: str | None = None
    date_span: tuple[int, int] | None = None

    def __init__(self, start_tok: int, end_tok: int, verb_tok: int | None, entries: list[PredicateEntry],
                 finite: bool, features: set[str] | None = None, clause: int = -1, entry: Any = None,
                 source: Argument | None = None, target: Argument | None = None, matrix: Trigger | None = None,
                 factuality: str = "asserted", date: str | None = None, date_basis: str | None = None,
                 date_span: tuple[int, int] | None = None) -> None:
        self.start_tok = start_tok
        self.end_tok = end_tok
        self.verb_tok = verb_tok
        self.entries = entries
        self.finite = finite
        self.features = set() if features is None else features
        self.clause = clause
        self.entry = entry
        self.source = source
        self.target = target
        self.matrix = matrix
        self.factuality = factuality
        self.date = date
        self.date_basis = date_basis
        self.date_span = date_span


@dataclass(slots=True)
class Clause(Record):
    """A clause of a sentence: a token range and how it attaches to the previous one."""

    start_tok: int
    end_tok: int
    link: str  # start | and | comp (after કે) | sub | then | cond
    features: set[str] = field(default_factory=set)

    def __init__(self, start_tok: int, end_tok: int, link: str, features: set[str] | None = None) -> None:
        self.start_tok = start_tok
        self.end_tok = end_tok
        self.link = link
        self.features = set() if features is None else features


@dataclass(slots=True)
class DateMention(Record):
    """A date expression in a sentence, resolved as far as the text allows."""

    start_tok: int
    end_tok: int
    value: str | None
    basis: str
    kind: str  # full | month_year | year | decade | month | weekday | relative | range
    year: int | None = None
    month: int | None = None

    def __init__(self, start_tok: int, end_tok: int, value: str | None, basis: str, kind: str,
                 year: int | None = None, month: int | None = None) -> None:
        self.start_tok = start_tok
        self.end_tok = end_tok
        self.value = value
        self.basis = basis
        self.kind = kind
        self.year = year
        self.month = month


@dataclass(slots=True)
class Sentence(Record):
    index: int
    start: int
    end: int
    tokens: list[Token] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    triggers: list[Trigger] = field(default_factory=list)
    clauses: list[Clause] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    features: set[str] = field(default_factory=set)
    level: str = "full"  # full (may hold an event) | light (actors and dates only) | skip (nothing to read)

    def __init__(self, index: int, start: int, end: int, tokens: list[Token] | None = None,
                 mentions: list[Mention] | None = None, triggers: list[Trigger] | None = None,
                 clauses: list[Clause] | None = None, dates: list[DateMention] | None = None,
                 features: set[str] | None = None, level: str = "full") -> None:
        self.index = index
        self.start = start
        self.end = end
        self.tokens = [] if tokens is None else tokens
        self.mentions = [] if mentions is None else mentions
        self.triggers = [] if triggers is None else triggers
        self.clauses = [] if clauses is None else clauses
        self.dates = [] if dates is None else dates
        self.features = set() if features is None else features
        self.level = level

    def clause_of(self, tok: int) -> int:
        for n, c in enumerate(self.clauses):
            if c.start_tok <= tok < c.end_tok:
                return n
        return len(self.clauses) - 1


@dataclass(slots=True)
class Event(Record):
    """One coded event: the record of DESIGN.md §2 (``to_dict``)."""

    id: str
    doc_id: str
    lang: str
    sentence_index: int
    sentence_text: str
    sentence_start: int
    sentence_end: int
    source: dict[str, Any] | None
    target: dict[str, Any] | None
    trigger: dict[str, Any]
    cameo: str
    cameo_label: str
    plover: dict[str, str]
    goldstein: float
    quad_class: int
    factuality: str
    date: str | None
    date_basis: str | None
    location: dict[str, Any] | None

    def __init__(self, id: str, doc_id: str, lang: str, sentence_index: int, sentence_text: str,
                 sentence_start: int, sentence_end: int, source: dict[str, Any] | None,
                 target: dict[str, Any] | None, trigger: dict[str, Any], cameo: str, cameo_label: str,
                 plover: dict[str, str], goldstein: float, quad_class: int, factuality: str, date: str | None,
                 date_basis: str | None, location: dict[str, Any] | None) -> None:
        self.id = id
        self.doc_id = doc_id
        self.lang = lang
        self.sentence_index = sentence_index
        self.sentence_text = sentence_text
        self.sentence_start = sentence_start
        self.sentence_end = sentence_end
        self.source = source
        self.target = target
        self.trigger = trigger
        self.cameo = cameo
        self.cameo_label = cameo_label
        self.plover = plover
        self.goldstein = goldstein
        self.quad_class = quad_class
        self.factuality = factuality
        self.date = date
        self.date_basis = date_basis
        self.location = location

    def to_dict(self) -> dict[str, Any]:
        """The event record, with the field names of the output contract."""
        return {
            "id": self.id, "doc_id": self.doc_id, "lang": self.lang,
            "sentence_index": self.sentence_index, "sentence_text": self.sentence_text,
            "sentence_start": self.sentence_start, "sentence_end": self.sentence_end,
            "source": self.source, "target": self.target, "trigger": self.trigger,
            "cameo": self.cameo, "cameo_label": self.cameo_label, "plover": self.plover,
            "goldstein": self.goldstein, "quad_class": self.quad_class,
            "factuality": self.factuality, "date": self.date, "date_basis": self.date_basis,
            "location": self.location,
        }


@dataclass(slots=True)
class Doc(Record):
    """A document and everything the stages add to it."""

    text: str
    doc_id: str = "doc"
    date: dt.date | None = None
    lang: str = "gu"
    norm: str = ""
    starts: Sequence[int] = field(default_factory=list)  # norm index -> first input index
    ends: Sequence[int] = field(default_factory=list)  # norm index -> end input index (exclusive)
    sentences: list[Sentence] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    detected_lang: str | None = None
    #: set by a stage when nothing is left for the later ones to add (no sentence can hold an event)
    done: bool = False

    def __init__(self, text: str, doc_id: str = "doc", date: dt.date | None = None, lang: str = "gu", norm: str = "",
                 starts: Sequence[int] | None = None, ends: Sequence[int] | None = None,
                 sentences: list[Sentence] | None = None, events: list[Event] | None = None,
                 detected_lang: str | None = None, done: bool = False) -> None:
        self.text = text
        self.doc_id = doc_id
        self.date = date
        self.lang = lang
        self.norm = norm
        self.starts = [] if starts is None else starts
        self.ends = [] if ends is None else ends
        self.sentences = [] if sentences is None else sentences
        self.events = [] if events is None else events
        self.detected_lang = detected_lang
        self.done = done

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the normalized text to the input text."""
        if start >= end:
            pos = self.starts[start] if start < len(self.starts) else len(self.text)
            return pos, pos
        return self.starts[start], self.ends[end - 1]

    def source_text(self, start: int, end: int) -> str:
        s, e = self.span(start, end)
        return self.text[s:e]
