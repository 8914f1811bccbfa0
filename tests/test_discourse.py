"""Stage 7 — discourse: pronouns, "બંને દેશો", bare role nouns and capitals resolved against the
actors of the document — and only of that document.

The pipeline runs up to the discourse stage and the tests look at ``Mention.keys`` of referring
mentions; some checks run the whole coder to see the resolved actor in the event. All sentences are
written for these tests.
"""

from __future__ import annotations

import pytest

from ghatna import code
from ghatna.model import Doc, Mention
from ghatna.pipeline import STAGES, Pipeline

UPTO = [s.__name__ for s in STAGES].index("discourse") + 1


def resolved(text: str) -> list[tuple[int, str, Mention]]:
    """(sentence index, surface, mention) for every mention after discourse."""
    doc = Pipeline(STAGES[:UPTO])(Doc(text=text))
    return [(s.index, doc.source_text(m.start, m.end), m) for s in doc.sentences for m in s.mentions]


def keys_of(text: str, surface: str, sentence: int | None = None) -> list[str]:
    found = [m for i, t, m in resolved(text) if t == surface and (sentence is None or i == sentence)]
    assert found, f"no mention {surface!r}"
    return found[-1].keys


def pairs(text: str) -> set[tuple[str | None, str, str | None]]:
    def who(a):
        return None if a is None else (a["country"] or a["org"])
    return {(who(e.source), e.cameo, who(e.target)) for e in code(text)}


# --- pronouns -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "pronoun", "antecedent"), [
    # honorific તેમણે / તેઓ: the person talked about
    ("વડાપ્રધાન મોદી ગુરુવારે જાપાન પહોંચ્યા. તેમણે ચીનની ટીકા કરી.", "તેમણે", ["modi_narendra"]),
    ("રાષ્ટ્રપતિ પુતિન બુધવારે બેઇજિંગ પહોંચ્યા. ત્યાં તેઓ શી જિનપિંગને મળ્યા.", "તેઓ", ["putin_vladimir"]),
    # singular તેણે / તેને / તેના: a country
    ("ચીને ભારતની ટીકા કરી. તેણે અમેરિકાને પણ ચેતવણી આપી.", "તેણે", ["CHN"]),
    ("ભારતે પાકિસ્તાનને ચેતવણી આપી. તેણે ચીનની પણ ટીકા કરી.", "તેણે", ["IND"]),
    ("રશિયાએ યુક્રેન પર હુમલો કર્યો. અમેરિકાએ તેને ચેતવણી આપી.", "તેને", ["RUS"]),
    # not an actor of its own clause: Israel does not strike itself, Modi does not welcome himself
    ("ઈરાને ઇઝરાયલ પર મિસાઇલો છોડી. જવાબમાં ઇઝરાયલી સેનાએ તેના પર હવાઈ હુમલા કર્યા.", "તેના", ["IRN"]),
    ("જાપાનના વડાપ્રધાન ભારત આવ્યા. મોદીએ તેમનું સ્વાગત કર્યું.", "તેમનું", ["JPN"]),
    ("અમેરિકાએ ઉત્તર કોરિયાને ચેતવણી આપી. પ્યોંગયાંગે તેની ટીકા કરી.", "તેની", ["USA"]),
])
def test_pronoun_resolves_to_the_right_earlier_actor(text, pronoun, antecedent) -> None:
    assert keys_of(text, pronoun) == antecedent


def test_pronoun_chain_follows_the_topic_across_sentences() -> None:
    text = ("ચીનના વિદેશ મંત્રી વાંગ યી મંગળવારે દિલ્હી પહોંચ્યા. તેમણે જયશંકર સાથે વાતચીત કરી. "
            "બાદમાં તેઓ વડાપ્રધાન મોદીને મળ્યા.")
    assert keys_of(text, "તેમણે") == ["wang_yi"]
    assert keys_of(text, "તેઓ") == ["wang_yi"]
    assert {("CHN", "046", "IND"), ("CHN", "040", "IND")} <= pairs(text)


def test_resolved_pronoun_becomes_the_event_actor() -> None:
    assert pairs("રશિયાએ યુક્રેન પર હુમલો કર્યો. અમેરિકાએ તેને ચેતવણી આપી.") == {
        ("RUS", "190", "UKR"), ("USA", "130", "RUS")}


def test_pronoun_in_a_later_clause_of_the_same_sentence() -> None:
    text = "ભારતે પાકિસ્તાન સાથે વાતચીત કરી નથી, પરંતુ તેણે અમેરિકા સાથે વાતચીત કરી."
    assert keys_of(text, "તેણે") == ["IND"]


# --- "બંને દેશો": the two countries of the text -----------------------------------------------------

@pytest.mark.parametrize(("text", "surface", "countries"), [
    ("ભારત અને ચીનના સંબંધો તંગ છે. બંને દેશોએ સરહદ પર વાતચીત કરી.", "બંને દેશોએ", {"IND", "CHN"}),
    ("ભારત અને પાકિસ્તાન વચ્ચે સરહદે તણાવ છે. ચીને બંને દેશોને સંયમ રાખવાની અપીલ કરી.",
     "બંને દેશોને", {"IND", "PAK"}),
    ("અમેરિકા અને ચીન વચ્ચે વેપાર યુદ્ધ ચાલે છે. જાપાને બંને દેશોને વાતચીતની અપીલ કરી.",
     "બંને દેશોને", {"USA", "CHN"}),
])
def test_both_countries_resolve_to_the_two_countries_of_the_text(text, surface, countries) -> None:
    assert set(keys_of(text, surface)) == countries


def test_both_countries_as_joint_subject_give_two_events() -> None:
    assert pairs("ભારત અને ચીનના સંબંધો તંગ છે. બંને દેશોએ સરહદ પર વાતચીત કરી.") == {
        ("IND", "046", "CHN"), ("CHN", "046", "IND")}


def test_both_countries_as_target_exclude_the_subject() -> None:
    # China appeals to the two; China is not one of "both countries"
    assert pairs("ભારત અને પાકિસ્તાન વચ્ચે સરહદે તણાવ છે. ચીને બંને દેશોને સંયમ રાખવાની અપીલ કરી.") == {
        ("CHN", "020", "IND"), ("CHN", "020", "PAK")}


# --- capitals stand for their governments ---------------------------------------------------------

def test_both_countries_after_two_capitals_are_their_states() -> None:
    text = "વોશિંગ્ટન અને બેઇજિંગ વચ્ચે તણાવ વધ્યો છે. બંને દેશોએ વેપાર કરાર પર હસ્તાક્ષર કર્યા."
    assert set(keys_of(text, "બંને દેશોએ")) == {"USA", "CHN"}
    assert pairs(text) == {("USA", "057", "CHN"), ("CHN", "057", "USA")}


@pytest.mark.parametrize(("text", "country"), [
    ("ક્રેમલિને યુક્રેનના આરોપોનો ઇનકાર કર્યો. તેણે અમેરિકાની પણ ટીકા કરી.", "RUS"),
    ("મોસ્કોએ કિવ પર ડ્રોન હુમલા કર્યા. બાદમાં તેણે વાતચીતની ઓફર ફગાવી.", "RUS"),
])
def test_pronoun_after_an_acting_capital_is_that_country(text, country) -> None:
    assert keys_of(text, "તેણે") == [country]


# --- bare role nouns and denials ------------------------------------------------------------------

def test_bare_role_noun_is_the_state_the_text_is_about() -> None:
    text = "જાપાનના નવા વડાપ્રધાને સોમવારે પદ સંભાળ્યું. સરકારે ચીનને ચેતવણી આપી."
    assert keys_of(text, "સરકારે") == ["JPN"]


def test_denial_without_target_answers_the_accuser() -> None:
    text = "ઈરાને અમેરિકા પર આરોપ લગાવ્યો. વોશિંગ્ટને આરોપોને રદિયો આપ્યો."
    assert ("USA", "016", "IRN") in pairs(text)


# --- one document at a time: a JSONL line resolves only within itself ----------------------------

def test_lone_sentence_pronoun_stays_unresolved() -> None:
    assert keys_of("તેમણે ચીનની ટીકા કરી.", "તેમણે") == []
    [event] = code("તેમણે ચીનની ટીકા કરી.")
    assert event.source is None
    assert event.target["country"] == "CHN"


def test_lone_sentence_both_countries_without_countries_stays_unresolved() -> None:
    assert keys_of("બંને દેશોએ કરાર પર હસ્તાક્ષર કર્યા.", "બંને દેશોએ") == []
    assert code("બંને દેશોએ કરાર પર હસ્તાક્ષર કર્યા.") == []


def test_lone_sentence_resolves_within_itself() -> None:
    text = "ભારત અને નેપાળના વડાપ્રધાનો દિલ્હીમાં મળ્યા, બંને દેશોએ વેપાર કરાર પર હસ્તાક્ષર કર્યા."
    assert set(keys_of(text, "બંને દેશોએ")) == {"IND", "NPL"}


def test_documents_of_a_stream_do_not_share_antecedents() -> None:
    lines = [
        Doc(text="અમેરિકા અને ચીન વચ્ચે વેપાર યુદ્ધ ચાલે છે.", doc_id="a"),
        Doc(text="ચીને ભારતની ટીકા કરી.", doc_id="b"),
        Doc(text="તેણે અમેરિકાને ચેતવણી આપી.", doc_id="c"),
        Doc(text="બંને દેશોએ કરાર પર હસ્તાક્ષર કર્યા.", doc_id="d"),
    ]
    docs = list(Pipeline(STAGES[:UPTO]).pipe(lines))
    pronoun = docs[2].sentences[0].mentions[0]
    both = docs[3].sentences[0].mentions[0]
    assert pronoun.kind == "pronoun" and pronoun.keys == []
    assert both.kind == "collective" and both.keys == []


def test_same_pronoun_resolves_when_its_antecedent_is_in_the_same_document() -> None:
    # the control for the stream test above: joined into one text, તેણે is China
    assert keys_of("ચીને ભારતની ટીકા કરી. તેણે અમેરિકાને ચેતવણી આપી.", "તેણે") == ["CHN"]
