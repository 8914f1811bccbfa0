"""Stage 8 — factuality: asserted, reported, alleged, negated, hypothetical or future, with cues that
count only inside their own clause.

The pipeline runs up to the factuality stage and the tests look at ``Trigger.factuality``; a few
checks look at the event records. All sentences are written for these tests.
"""

from __future__ import annotations

import pytest

from ghatna import code
from ghatna.model import Trigger
from support import trigger_until, triggers_until


def triggers(text: str) -> list[tuple[str, Trigger]]:
    return triggers_until("factuality", text)


def grade(text: str, surface: str) -> str:
    return trigger_until("factuality", text, surface).factuality


def graded_events(text: str) -> set[tuple[str | None, str, str | None, str]]:
    def who(a):
        return None if a is None else (a["country"] or a["org"])
    return {(who(e.source), e.cameo, who(e.target), e.factuality) for e in code(text)}


@pytest.mark.parametrize(("text", "surface"), [
    ("ચીને ભારત પર હુમલો કર્યો નથી.", "હુમલો કર્યો"),
    ("રશિયાએ યુક્રેન સાથે વાતચીત ન કરી.", "વાતચીત ન કરી"),
    ("ભારતે ચીનની ટીકા નથી કરી.", "ટીકા નથી કરી"),
    ("ભારતે ચીનની ટીકા કરી ન હતી.", "ટીકા કરી"),
    ("ભારત અને ચીન વચ્ચે વાતચીત થઈ નથી.", "વાતચીત થઈ"),
    ("ચીને કહ્યું કે તે તાઇવાન પર હુમલો કરશે નહીં.", "હુમલો કરશે"),
    ("અમેરિકાએ ઈરાનને હુમલો ન કરવાની ચેતવણી આપી.", "હુમલો ન કરવાની"),
])
def test_negated(text, surface) -> None:
    assert grade(text, surface) == "negated"


@pytest.mark.parametrize(("text", "surface"), [
    # ability / possibility
    ("ચીન તાઇવાન પર હુમલો કરી શકે છે.", "હુમલો કરી"),
    ("ભારત નેપાળને મદદ કરી શકે છે.", "મદદ કરી"),
    # જો … તો: both the condition and its consequence
    ("જો ઈરાન હુમલો કરશે તો અમેરિકા ઇઝરાયલને મદદ કરશે.", "હુમલો કરશે"),
    ("જો ઈરાન હુમલો કરશે તો અમેરિકા ઇઝરાયલને મદદ કરશે.", "મદદ કરશે"),
    ("જો ભારત પાકિસ્તાન પર હુમલો કરે તો ચીન પાકિસ્તાનને મદદ કરશે.", "હુમલો કરે"),
    # a question
    ("શું અમેરિકા ચીન પર નવા પ્રતિબંધો લાદશે?", "પ્રતિબંધો લાદશે"),
    ("શું ભારતે રશિયાની મુલાકાત લીધી?", "મુલાકાત લીધી"),
    # hedges: શક્યતા, કદાચ, માનવામાં આવે છે
    ("રશિયા અને યુક્રેન વચ્ચે વાતચીત થવાની શક્યતા છે.", "વાતચીત થવાની"),
    ("ઈરાન ઇઝરાયલ પર હુમલો કરે તેવી શક્યતા છે.", "હુમલો કરે"),
    ("કદાચ ભારત રશિયા સાથે કરાર કરશે.", "કરાર કરશે"),
    ("માનવામાં આવે છે કે ઉત્તર કોરિયાએ રશિયાને હથિયારો મોકલ્યા છે.", "હથિયારો મોકલ્યા"),
])
def test_hypothetical(text, surface) -> None:
    assert grade(text, surface) == "hypothetical"


@pytest.mark.parametrize(("text", "surface"), [
    ("ભારત પાકિસ્તાન પર હુમલો કરે તો ચીન પાકિસ્તાનને મદદ કરશે.", "હુમલો કરે"),
    ("ઈરાન પરમાણુ પરીક્ષણ કરશે તો અમેરિકા તેના પર પ્રતિબંધો લગાવશે.", "પરમાણુ પરીક્ષણ કરશે"),
])
def test_condition_without_jo_is_hypothetical(text, surface) -> None:
    assert grade(text, surface) == "hypothetical"


@pytest.mark.parametrize("text", [
    "ચીનના હુમલાના કિસ્સામાં અમેરિકા તાઇવાનને મદદ કરશે.",
    "યુદ્ધના કિસ્સામાં રશિયા ઉત્તર કોરિયાને લશ્કરી મદદ કરશે.",
])
def test_in_case_of_is_a_condition(text) -> None:
    assert grade(text, "મદદ કરશે") == "hypothetical"


def test_signs_hedge_the_embedded_action() -> None:
    assert graded_events("ઉત્તર કોરિયાએ રશિયાને હથિયારો મોકલ્યા હોવાના સંકેતો મળ્યા છે.") == {
        ("PRK", "072", "RUS", "hypothetical")}


@pytest.mark.parametrize(("text", "surface"), [
    # the content of an accusation or a claim
    ("અમેરિકાએ ઈરાન પર રશિયાને હથિયારો પૂરા પાડવાનો આરોપ લગાવ્યો.", "હથિયારો પૂરા પાડવાનો"),
    ("ભારતે આરોપ લગાવ્યો કે પાકિસ્તાની સેનાએ સરહદ પર ગોળીબાર કર્યો.", "ગોળીબાર કર્યો"),
    ("રશિયાએ દાવો કર્યો કે યુક્રેને ક્રિમિયા પર ડ્રોન હુમલો કર્યો.", "ડ્રોન હુમલો કર્યો"),
    ("ચીને ભારત પર હુમલો કર્યો હોવાનો દાવો ભારતે કર્યો.", "હુમલો કર્યો"),
    # કથિત
    ("રશિયાએ કથિત રીતે યુક્રેન પર હુમલો કર્યો.", "હુમલો કર્યો"),
])
def test_alleged(text, surface) -> None:
    assert grade(text, surface) == "alleged"


@pytest.mark.parametrize(("text", "surface"), [
    ("અમેરિકાએ ઈરાન પર રશિયાને હથિયારો પૂરા પાડવાનો આરોપ લગાવ્યો.", "આરોપ લગાવ્યો"),
    ("ભારતે આરોપ લગાવ્યો કે પાકિસ્તાની સેનાએ સરહદ પર ગોળીબાર કર્યો.", "આરોપ લગાવ્યો"),
])
def test_the_accusing_itself_is_asserted(text, surface) -> None:
    assert grade(text, surface) == "asserted"


def test_accusation_and_its_content_in_the_event_records() -> None:
    assert graded_events("અમેરિકાએ ઈરાન પર રશિયાને હથિયારો પૂરા પાડવાનો આરોપ લગાવ્યો.") == {
        ("USA", "112", "IRN", "asserted"), ("IRN", "072", "RUS", "alleged")}


@pytest.mark.parametrize(("text", "surface"), [
    ("પાકિસ્તાને જણાવ્યું કે ભારતીય સેનાએ સરહદ પર ગોળીબાર કર્યો.", "ગોળીબાર કર્યો"),
    ("વિદેશ મંત્રાલયે કહ્યું કે ભારતે માલદીવને મદદ મોકલી છે.", "મદદ મોકલી"),
    ("તેમણે કહ્યું કે ચીને ભારત પર હુમલો કર્યો.", "હુમલો કર્યો"),
    ("અહેવાલ મુજબ રશિયાએ ઉત્તર કોરિયાને હથિયારો મોકલ્યા.", "હથિયારો મોકલ્યા"),
    ("સૂત્રોના જણાવ્યા મુજબ ચીને ભૂટાનની સરહદ પર કબજો કર્યો છે.", "કબજો કર્યો"),
    ("મળતી માહિતી મુજબ ઈરાને ઇઝરાયલ પર હુમલો કર્યો.", "હુમલો કર્યો"),
    ("ચીને તાઇવાનને મદદ કરી હતી, તેમ અમેરિકી અધિકારીએ કહ્યું.", "મદદ કરી"),
])
def test_reported(text, surface) -> None:
    assert grade(text, surface) == "reported"


@pytest.mark.parametrize(("text", "surface"), [
    ("અમેરિકા ઇઝરાયલને મદદ કરશે.", "મદદ કરશે"),
    ("વડાપ્રધાન મોદી આવતા મહિને અમેરિકાની મુલાકાત લેશે.", "મુલાકાત લેશે"),
    ("ઈરાન પર પ્રતિબંધો લગાવવામાં આવશે.", "પ્રતિબંધો લગાવવામાં"),
    # an announced, promised or planned action
    ("ભારત સરકારે નેપાળને મદદ આપવાની જાહેરાત કરી.", "મદદ આપવાની"),
    ("અમેરિકાએ જાહેરાત કરી કે તે યુક્રેનને નવી સહાય આપશે.", "સહાય આપશે"),
    ("રશિયાએ યુક્રેન પર હુમલો કરવાની યોજના બનાવી.", "હુમલો કરવાની"),
    ("અમેરિકા ઈરાન પર નવા પ્રતિબંધો લગાવવાની યોજના બનાવી રહ્યું છે.", "પ્રતિબંધો લગાવવાની"),
    ("ભારત સરકાર આવતા મહિને શ્રીલંકાને સહાય મોકલવાની યોજના ધરાવે છે.", "સહાય મોકલવાની"),
])
def test_future(text, surface) -> None:
    assert grade(text, surface) == "future"


@pytest.mark.parametrize(("text", "surface"), [
    ("ભારતે ચીનની ટીકા કરી.", "ટીકા કરી"),
    ("રશિયા યુક્રેન પર હુમલો કરી રહ્યું છે.", "હુમલો કરી"),
    ("ઈરાન પર અમેરિકા દ્વારા પ્રતિબંધો લાદવામાં આવ્યા.", "પ્રતિબંધો લાદવામાં"),
    ("ચીને તાઇવાનને ધમકી આપી દીધી.", "ધમકી આપી"),
    ("સેનાએ સરહદ પર ગોળીબાર કર્યો હતો.", "ગોળીબાર કર્યો"),
    ("ઇઝરાયલને અમેરિકા તરફથી હથિયારો મળ્યા.", "હથિયારો મળ્યા"),
])
def test_asserted(text, surface) -> None:
    assert grade(text, surface) == "asserted"


# --- scope: a cue ends at its clause --------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("ભારતે પાકિસ્તાન સાથે વાતચીત કરી નથી, પરંતુ તેણે અમેરિકા સાથે વાતચીત કરી.", ["negated", "asserted"]),
    ("રશિયાએ યુક્રેન પર હુમલો ન કર્યો પરંતુ બેલારુસની મુલાકાત લીધી.", ["negated", "asserted"]),
    ("ભારતે ચીનની ટીકા કરી અને જાપાન સાથે કરાર ન કર્યો.", ["asserted", "negated"]),
    ("ચીને જાપાનની ટીકા કરી નથી, અને દક્ષિણ કોરિયાએ જાપાનની નિંદા કરી.", ["negated", "asserted"]),
    ("અમેરિકાએ પોલેન્ડને હથિયારો મોકલ્યા છે અને જો રશિયા હુમલો કરશે તો નાટો પોલેન્ડને મદદ કરશે.",
     ["asserted", "hypothetical", "hypothetical"]),
    ("જો ચીન હુમલો કરશે તો જાપાન તાઇવાનને મદદ કરશે, પરંતુ અમેરિકાએ તાઇવાનને હથિયારો મોકલ્યા છે.",
     ["hypothetical", "hypothetical", "asserted"]),
    ("જો રશિયા હુમલો કરશે તો નાટો જવાબ આપશે અને અમેરિકાએ પોલેન્ડને હથિયારો મોકલ્યા છે.",
     ["hypothetical", "asserted"]),
    ("અમેરિકા યુક્રેનને મદદ કરી શકે છે, પરંતુ જર્મનીએ યુક્રેનને ટેન્ક મોકલી.", ["hypothetical", "asserted"]),
    ("ભારતે નેપાળને મદદ મોકલી, પરંતુ અહેવાલ મુજબ ચીને પણ સહાય મોકલી.", ["asserted", "reported"]),
])
def test_cue_does_not_leak_into_the_next_clause(text, expected) -> None:
    assert [t.factuality for _, t in triggers(text) if "nominal" not in t.features] == expected


def test_condition_does_not_leak_into_the_next_sentence() -> None:
    ts = triggers("જો રશિયા હુમલો કરે તો નાટો પોલેન્ડને મદદ કરશે. અમેરિકાએ પોલેન્ડને હથિયારો મોકલ્યા.")
    assert [t.factuality for _, t in ts] == ["hypothetical", "hypothetical", "asserted"]


def test_non_asserted_events_are_still_written() -> None:
    facts = {f for *_, f in graded_events("ચીને ભારત પર હુમલો કર્યો નથી.")}
    assert facts == {"negated"}
