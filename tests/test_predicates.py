"""Stage 5 — predicates: triggers (noun + light verb, plain verbs, action nouns) and the features
of their verb group (perfective, progressive, future, ability, passive, compound, non-finite, negation).

The pipeline runs up to the predicates stage; tests look at ``Sentence.triggers``. All sentences are
written for these tests.
"""

from __future__ import annotations

import pytest

from ghatna.model import Trigger
from support import trigger_until, triggers_until


def triggers(text: str) -> list[tuple[str, Trigger]]:
    return triggers_until("predicates", text)


def trigger(text: str, surface: str) -> Trigger:
    return trigger_until("predicates", text, surface)


def cameos(t: Trigger) -> set[str]:
    return {e.cameo for e in t.entries}


# --- noun + light verb ----------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "surface", "cameo"), [
    ("અમેરિકાએ ઈરાન પર પ્રતિબંધો લગાવ્યા.", "પ્રતિબંધો લગાવ્યા", "163"),
    ("યુરોપિયન યુનિયને રશિયા પર નવા પ્રતિબંધો લાદ્યા.", "પ્રતિબંધો લાદ્યા", "163"),
    ("ચીને ભારત પર આરોપ લગાવ્યો.", "આરોપ લગાવ્યો", "112"),
    ("પાકિસ્તાને અફઘાનિસ્તાન પર આરોપ મૂક્યો.", "આરોપ મૂક્યો", "112"),
    ("રશિયાએ સીરિયાની સરકારને સમર્થન આપ્યું.", "સમર્થન આપ્યું", "051"),
    ("ઉત્તર કોરિયાએ દક્ષિણ કોરિયા પર હુમલો કર્યો.", "હુમલો કર્યો", "190"),
    ("વડાપ્રધાને ફ્રાન્સની મુલાકાત લીધી.", "મુલાકાત લીધી", "042"),
    ("યુક્રેને અમેરિકા પાસે મદદ માંગી.", "મદદ માંગી", "023"),
    ("ચીને અમેરિકાના આરોપોને રદિયો આપ્યો.", "રદિયો આપ્યો", "016"),
    ("ભારતે આતંકી હુમલાની નિંદા કરી.", "નિંદા કરી", "111"),
    ("ભારત અને ફ્રાન્સે સંરક્ષણ કરાર પર હસ્તાક્ષર કર્યા.", "હસ્તાક્ષર કર્યા", "057"),
    ("પોલીસે બે આતંકીઓની ધરપકડ કરી.", "ધરપકડ કરી", "173"),
    ("ચીને ભારતના આરોપો ફગાવી દીધા.", "આરોપો ફગાવી", "016"),
    ("ચીને ભારતના આરોપોને ફગાવી દીધા.", "આરોપોને ફગાવી", "016"),
])
def test_noun_and_light_verb_make_one_trigger(text, surface, cameo) -> None:
    t = trigger(text, surface)
    assert cameo in cameos(t)
    assert t.verb_tok is not None
    assert "nominal" not in t.features


@pytest.mark.parametrize(("text", "light", "other"), [
    # the same noun with another light verb is another action
    ("ભારતે નેપાળને મદદ કરી.", "મદદ કરી", "070"),
    ("નેપાળે ભારત પાસે મદદ માંગી.", "મદદ માંગી", "023"),
])
def test_light_verb_decides_the_code_of_the_noun(text, light, other) -> None:
    assert cameos(trigger(text, light)) == {other}


@pytest.mark.parametrize(("text", "surface", "cameo"), [
    ("મોદી અને પુતિન મળ્યા.", "મળ્યા", "040"),
    ("વડાપ્રધાન મોદી ટોક્યો પહોંચ્યા.", "પહોંચ્યા", "042"),
    ("વિદેશ મંત્રી જયશંકર ગઈકાલે રાત્રે મોસ્કો પહોંચ્યા.", "પહોંચ્યા", "042"),
])
def test_plain_verb_is_a_trigger_without_a_noun(text, surface, cameo) -> None:
    t = trigger(text, surface)
    assert cameo in cameos(t)
    assert all(not e.noun for e in t.entries)
    assert t.finite


def test_action_noun_with_its_genitives_is_a_nominal_trigger() -> None:
    t = trigger("કિમ જોંગ ઉનની રશિયાની મુલાકાત ચર્ચામાં રહી.", "મુલાકાત")
    assert "042" in cameos(t)
    assert "nominal" in t.features
    assert t.verb_tok is None
    assert not t.finite


def test_sentence_without_an_action_has_no_trigger() -> None:
    assert triggers("ભારત અને નેપાળના સંબંધો ઘણા જૂના છે.") == []


# --- the verb group -------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "surface", "present", "absent"), [
    # perfective
    ("ભારતે ચીનની ટીકા કરી.", "ટીકા કરી", {"perf"}, {"fut", "neg", "prog", "ability", "passive"}),
    ("સેનાએ સરહદ પર ગોળીબાર કર્યો હતો.", "ગોળીબાર કર્યો", {"perf", "aux_past"}, {"neg", "fut"}),
    # progressive
    ("રશિયા યુક્રેન પર હુમલો કરી રહ્યું છે.", "હુમલો કરી", {"prog"}, {"neg", "fut", "ability"}),
    ("મોદી અમેરિકાની મુલાકાત લઈ રહ્યા છે.", "મુલાકાત લઈ", {"prog"}, {"neg", "fut"}),
    # future
    ("અમેરિકા ઇઝરાયલને મદદ કરશે.", "મદદ કરશે", {"fut"}, {"perf", "neg", "ability"}),
    ("વડાપ્રધાન આવતા મહિને જાપાનની મુલાકાત લેશે.", "મુલાકાત લેશે", {"fut"}, {"perf", "neg"}),
    # ability
    ("ભારત નેપાળને મદદ કરી શકે છે.", "મદદ કરી", {"ability"}, {"neg", "prog", "perf"}),
    ("અમેરિકા ચીન પર પ્રતિબંધો લગાવી શકશે.", "પ્રતિબંધો લગાવી", {"ability", "fut"}, {"neg"}),
    # passive: -વામાં આવ્યું and the -આ- passive
    ("પાકિસ્તાન પર પ્રતિબંધો લગાવવામાં આવ્યા.", "પ્રતિબંધો લગાવવામાં", {"passive", "perf"}, {"neg", "fut"}),
    ("ઈરાન પર પ્રતિબંધો લગાવવામાં આવશે.", "પ્રતિબંધો લગાવવામાં", {"passive", "fut"}, {"neg"}),
    ("ઈરાન પર હુમલો કરાયો.", "હુમલો કરાયો", {"passive", "perf"}, {"neg", "fut"}),
    ("યુક્રેનને હથિયારો મોકલાયા.", "હથિયારો મોકલાયા", {"passive"}, {"neg"}),
    ("નેપાળને સહાય અપાઈ.", "સહાય અપાઈ", {"passive"}, {"neg"}),
    # compound verb: converb + vector
    ("ચીને તાઇવાનને ધમકી આપી દીધી.", "ધમકી આપી", {"compound"}, {"neg", "prog", "fut"}),
    ("રશિયાએ શહેર પર કબજો કરી લીધો.", "કબજો કરી", {"compound"}, {"neg", "prog"}),
    # verbal noun: non-finite
    ("ભારતે ચીન સાથે વાતચીત કરવાની ઇચ્છા વ્યક્ત કરી.", "વાતચીત કરવાની", {"nonfinite", "vn"}, {"perf", "neg"}),
    # negation after, between and before
    ("ભારતે પાકિસ્તાન સાથે વાતચીત કરી નથી.", "વાતચીત કરી", {"neg", "perf"}, set()),
    ("જાપાને ચીનની ટીકા ન કરી.", "ટીકા ન કરી", {"neg"}, set()),
    ("ભારતે ચીનની ટીકા નથી કરી.", "ટીકા નથી કરી", {"neg"}, set()),
    ("ભારતે ચીનની ટીકા કરી નહીં.", "ટીકા કરી", {"neg"}, set()),
    ("ચીને કહ્યું કે તે તાઇવાન પર હુમલો કરશે નહીં.", "હુમલો કરશે", {"neg", "fut"}, set()),
])
def test_verb_group_features(text, surface, present, absent) -> None:
    t = trigger(text, surface)
    assert present <= t.features, sorted(t.features)
    assert not (absent & t.features), sorted(t.features)


@pytest.mark.parametrize(("text", "surface", "finite"), [
    ("ભારતે ચીનની ટીકા કરી.", "ટીકા કરી", True),
    ("ભારત નેપાળને મદદ કરી શકે છે.", "મદદ કરી", True),
    ("પાકિસ્તાન પર પ્રતિબંધો લગાવવામાં આવ્યા.", "પ્રતિબંધો લગાવવામાં", True),
    ("ભારતે ચીન સાથે વાતચીત કરવાની ઇચ્છા વ્યક્ત કરી.", "વાતચીત કરવાની", False),
    ("ભારતે નેપાળને મદદ આપવાની જાહેરાત કરી.", "મદદ આપવાની", False),
    ("મોદી અમેરિકાની મુલાકાત લેવાના છે.", "મુલાકાત લેવાના", True),  # -વાના છે: is to do
])
def test_finiteness_of_the_verb_group(text, surface, finite) -> None:
    assert trigger(text, surface).finite is finite


def test_vector_verb_of_a_compound_is_not_a_trigger_of_its_own() -> None:
    words = [w for w, _ in triggers("ચીને તાઇવાનને ધમકી આપી દીધી.")]
    assert words == ["ધમકી આપી"]


def test_two_clauses_give_two_triggers_in_order() -> None:
    words = [w for w, _ in triggers("ચીને તાઇવાનને ધમકી આપી અને જાપાનની ટીકા કરી.")]
    assert words == ["ધમકી આપી", "ટીકા કરી"]
