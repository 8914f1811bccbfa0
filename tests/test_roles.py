"""Stage 6 — roles: source and target of each trigger from its case frame, not from word order.

The pipeline runs up to the roles stage and the tests look at each trigger's ``source``/``target``
arguments (knowledge-base keys of their mentions) and ``matrix``; checks that need one event per
actor run the whole coder. All sentences are written for these tests.
"""

from __future__ import annotations

import pytest

from ghatna import code
from ghatna.model import Argument, Trigger
from support import run_until, trigger_until, triggers_until


def triggers(text: str) -> list[tuple[str, Trigger]]:
    return triggers_until("roles", text)


def trigger(text: str, surface: str) -> Trigger:
    return trigger_until("roles", text, surface)


def keys(arg: Argument | None) -> list[str] | None:
    return None if arg is None else [k for m in arg.mentions for k in m.keys]


def pairs(text: str, **kw) -> set[tuple[str | None, str, str | None]]:
    """(source country or org, cameo, target country or org) of every event."""
    def who(a):
        return None if a is None else (a["country"] or a["org"])
    return {(who(e.source), e.cameo, who(e.target)) for e in code(text, **kw)}


# --- case frames in free word order ---------------------------------------------------------------

@pytest.mark.parametrize(("text", "surface", "source", "target"), [
    ("ભારતે પાકિસ્તાન પર હુમલો કર્યો.", "હુમલો કર્યો", ["IND"], ["PAK"]),
    ("પાકિસ્તાન પર ભારતે હુમલો કર્યો.", "હુમલો કર્યો", ["IND"], ["PAK"]),
    ("રશિયાએ ઉત્તર કોરિયાને સમર્થન આપ્યું.", "સમર્થન આપ્યું", ["RUS"], ["PRK"]),
    ("ઉત્તર કોરિયાને રશિયાએ સમર્થન આપ્યું.", "સમર્થન આપ્યું", ["RUS"], ["PRK"]),
    ("ઇઝરાયલને અમેરિકાએ હથિયારો આપ્યા.", "હથિયારો આપ્યા", ["USA"], ["ISR"]),
    ("અમેરિકા સાથે ભારતે વાતચીત કરી.", "વાતચીત કરી", ["IND"], ["USA"]),
    ("યુક્રેને અમેરિકા પાસે મદદ માંગી.", "મદદ માંગી", ["UKR"], ["USA"]),
    ("દક્ષિણ કોરિયાએ ઉત્તર કોરિયાની ટીકા કરી.", "ટીકા કરી", ["KOR"], ["PRK"]),
    ("કિમ જોંગ ઉને રશિયાની મુલાકાત લીધી.", "મુલાકાત લીધી", ["kim_jongun"], ["RUS"]),
    ("મોદી મોસ્કોમાં પુતિનને મળ્યા.", "મળ્યા", ["modi_narendra"], ["putin_vladimir"]),
    ("પુતિનને મોદી મોસ્કોમાં મળ્યા.", "મળ્યા", ["modi_narendra"], ["putin_vladimir"]),
    ("વડાપ્રધાન મોદી ટોક્યો પહોંચ્યા.", "પહોંચ્યા", ["modi_narendra"], ["JPN"]),
])
def test_source_and_target_come_from_the_case_frame(text, surface, source, target) -> None:
    t = trigger(text, surface)
    assert keys(t.source) == source
    assert keys(t.target) == target


@pytest.mark.parametrize(("text", "expected"), [
    ("ઈરાન પર પ્રતિબંધો અમેરિકાએ લગાવ્યા.", ("USA", "163", "IRN")),
    ("જાપાનની મુલાકાત વડાપ્રધાન મોદીએ લીધી.", ("IND", "042", "JPN")),
])
def test_subject_between_action_noun_and_light_verb(text, expected) -> None:
    # focus order of news prose: "it was America that imposed sanctions on Iran"
    assert expected in pairs(text)


def test_visit_to_a_city_targets_its_country() -> None:
    assert ("CHN", "042", "IND") in pairs("ચીનના વિદેશ મંત્રી વાંગ યી દિલ્હી પહોંચ્યા.")


# --- passive: the agent is in દ્વારા / તરફથી ------------------------------------------------------

@pytest.mark.parametrize(("text", "surface", "source", "target"), [
    ("ઈરાન પર અમેરિકા દ્વારા પ્રતિબંધો લાદવામાં આવ્યા.", "પ્રતિબંધો લાદવામાં", ["USA"], ["IRN"]),
    ("રશિયા દ્વારા યુક્રેન પર હુમલો કરવામાં આવ્યો.", "હુમલો કરવામાં", ["RUS"], ["UKR"]),
    ("યુક્રેન પર રશિયન સેના દ્વારા હુમલો કરાયો.", "હુમલો કરાયો", ["RUS"], ["UKR"]),
    ("પાકિસ્તાન પર પ્રતિબંધો લગાવવામાં આવ્યા.", "પ્રતિબંધો લગાવવામાં", None, ["PAK"]),
])
def test_passive_agent_is_the_source(text, surface, source, target) -> None:
    t = trigger(text, surface)
    assert "passive" in t.features
    assert keys(t.source) == source
    assert keys(t.target) == target


def test_passive_agent_reaches_the_event() -> None:
    assert pairs("ઈરાન પર અમેરિકા દ્વારા પ્રતિબંધો લાદવામાં આવ્યા.") == {("USA", "163", "IRN")}


# --- receiving: X-ને Y-નું … મળ્યું = Y → X -------------------------------------------------------

@pytest.mark.parametrize(("text", "surface", "source", "target"), [
    ("યુક્રેનને યુરોપિયન યુનિયનનું સમર્થન મળ્યું.", "સમર્થન મળ્યું", ["EU"], ["UKR"]),
    ("રશિયાને ચીનનું સમર્થન મળ્યું.", "સમર્થન મળ્યું", ["CHN"], ["RUS"]),
    ("ભારતને અમેરિકા પાસેથી મદદ મળી.", "મદદ મળી", ["USA"], ["IND"]),
    ("ઇઝરાયલને અમેરિકા તરફથી હથિયારો મળ્યા.", "હથિયારો મળ્યા", ["USA"], ["ISR"]),
])
def test_receiving_construction_makes_the_giver_the_source(text, surface, source, target) -> None:
    t = trigger(text, surface)
    assert keys(t.source) == source
    assert keys(t.target) == target


def test_receiving_construction_in_the_event_record() -> None:
    assert pairs("રશિયાને ચીનનું સમર્થન મળ્યું.") == {("CHN", "051", "RUS")}


# --- nominalization: X-ની Y-ની મુલાકાત = X → Y ----------------------------------------------------

@pytest.mark.parametrize(("text", "source", "target"), [
    ("કિમ જોંગ ઉનની રશિયાની મુલાકાત ચર્ચામાં રહી.", ["kim_jongun"], ["RUS"]),
    ("મોદીની અમેરિકાની મુલાકાત સફળ રહી.", ["modi_narendra"], ["USA"]),
    ("પુતિનની ઉત્તર કોરિયાની મુલાકાત બાદ અમેરિકાએ ચિંતા વ્યક્ત કરી.", ["putin_vladimir"], ["PRK"]),
])
def test_nominal_visit_farther_genitive_is_the_visitor(text, source, target) -> None:
    t = trigger(text, "મુલાકાત")
    assert "nominal" in t.features
    assert keys(t.source) == source
    assert keys(t.target) == target


def test_nominal_visit_is_coded_as_a_visit() -> None:
    assert pairs("કિમ જોંગ ઉનની રશિયાની મુલાકાત ચર્ચામાં રહી.", date="2023-09-14") == {("PRK", "042", "RUS")}


# --- coordination: one event per actor ------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("ફ્રાન્સ અને જર્મનીએ રશિયાની નિંદા કરી.", {("FRA", "111", "RUS"), ("DEU", "111", "RUS")}),
    ("અમેરિકા અને દક્ષિણ કોરિયાએ ઉત્તર કોરિયાને ચેતવણી આપી.",
     {("USA", "130", "PRK"), ("KOR", "130", "PRK")}),
    ("અમેરિકાએ ઈરાન અને ઉત્તર કોરિયા પર પ્રતિબંધો લગાવ્યા.",
     {("USA", "163", "IRN"), ("USA", "163", "PRK")}),
    ("અમેરિકા અને બ્રિટને ઈરાન અને સીરિયા પર પ્રતિબંધો લગાવ્યા.",
     {("USA", "163", "IRN"), ("USA", "163", "SYR"), ("GBR", "163", "IRN"), ("GBR", "163", "SYR")}),
    ("ભારત અને જાપાને કરાર પર હસ્તાક્ષર કર્યા.", {("IND", "057", "JPN"), ("JPN", "057", "IND")}),
])
def test_coordinated_actors_give_one_event_each(text, expected) -> None:
    assert pairs(text) == expected


def test_coordinated_subject_is_one_argument_with_both_actors() -> None:
    t = trigger("ફ્રાન્સ અને જર્મનીએ રશિયાની નિંદા કરી.", "નિંદા કરી")
    assert keys(t.source) == ["FRA", "DEU"]
    assert keys(t.target) == ["RUS"]


# --- embedded actions -----------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "accuser", "accused", "recipient"), [
    ("અમેરિકાએ ઈરાન પર રશિયાને હથિયારો પૂરા પાડવાનો આરોપ લગાવ્યો.", "USA", "IRN", "RUS"),
    ("ભારતે ચીન પર પાકિસ્તાનને હથિયારો પૂરા પાડવાનો આરોપ લગાવ્યો.", "IND", "CHN", "PAK"),
])
def test_accusation_with_embedded_action(text, accuser, accused, recipient) -> None:
    ts = dict(triggers(text))
    accuse, supply = ts["આરોપ લગાવ્યો"], ts["હથિયારો પૂરા પાડવાનો"]
    assert (keys(accuse.source), keys(accuse.target)) == ([accuser], [accused])
    # the accused is the subject of the embedded supplying
    assert supply.matrix is accuse
    assert (keys(supply.source), keys(supply.target)) == ([accused], [recipient])
    assert pairs(text) == {(accuser, "112", accused), (accused, "072", recipient)}


def test_announced_action_takes_its_subject_from_the_announcer() -> None:
    text = "ભારત સરકારે નેપાળને મદદ આપવાની જાહેરાત કરી."
    ts = dict(triggers(text))
    help_ = ts["મદદ આપવાની"]
    assert help_.matrix is ts["જાહેરાત કરી"]
    assert (keys(help_.source), keys(help_.target)) == (["IND"], ["NPL"])


def test_ke_clause_of_an_accusation_names_the_accused() -> None:
    text = "ભારતે આરોપ લગાવ્યો કે પાકિસ્તાની સેનાએ સરહદ પર ગોળીબાર કર્યો."
    ts = dict(triggers(text))
    accuse, fire = ts["આરોપ લગાવ્યો"], ts["ગોળીબાર કર્યો"]
    assert fire.matrix is accuse
    assert keys(accuse.target) == ["PAK"]
    assert keys(fire.source) == ["PAK"]


# --- a coordinated clause shares its subject ------------------------------------------------------

@pytest.mark.parametrize(("text", "second", "source", "target"), [
    ("ચીને તાઇવાનને ધમકી આપી અને જાપાનની ટીકા કરી.", "ટીકા કરી", ["CHN"], ["JPN"]),
    ("મોદી મોસ્કો પહોંચ્યા અને પુતિનને મળ્યા.", "મળ્યા", ["modi_narendra"], ["putin_vladimir"]),
    ("ભારતે બાંગ્લાદેશની મુલાકાત લીધી અને નેપાળને મદદ આપી.", "મદદ આપી", ["IND"], ["NPL"]),
    ("રશિયાએ યુક્રેન પર હુમલો કર્યો, પછી બેલારુસની મુલાકાત લીધી.", "મુલાકાત લીધી", ["RUS"], ["BLR"]),
])
def test_subject_shared_by_a_coordinated_clause(text, second, source, target) -> None:
    t = trigger(text, second)
    assert keys(t.source) == source
    assert keys(t.target) == target


def test_second_clause_with_its_own_subject_does_not_share() -> None:
    t = trigger("ચીને જાપાનની ટીકા કરી અને દક્ષિણ કોરિયાએ જાપાનની નિંદા કરી.", "નિંદા કરી")
    assert keys(t.source) == ["KOR"]


def test_clauses_split_at_and_after_a_verb() -> None:
    doc = run_until("roles", "ચીને તાઇવાનને ધમકી આપી અને જાપાનની ટીકા કરી.")
    sent = doc.sentences[0]
    assert len(sent.clauses) == 2
    assert [t.clause for t in sent.triggers] == [0, 1]
