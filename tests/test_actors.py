"""Stage 4 — actors: mentions of countries, organizations, people and capitals with their case.

The pipeline runs up to the actors stage and the tests look at ``Sentence.mentions``; a few checks
run the whole coder to see the actor code an event record gets (PAKMIL, RUSGOV, IGOUNO …).
All sentences are written for these tests.
"""

from __future__ import annotations

import pytest

from ghatna import code
from ghatna.model import Doc, Mention
from ghatna.pipeline import STAGES, Pipeline

UPTO = [s.__name__ for s in STAGES].index("actors") + 1


def mentions(text: str) -> list[tuple[str, Mention]]:
    """(surface text in the input, mention) for every mention of the document, in order."""
    # the actors stage on its own: without the scan, which skips sentences that hold no event
    doc = Pipeline(s for s in STAGES[:UPTO] if s.__name__ != "scan")(Doc(text=text))
    return [(doc.source_text(m.start, m.end), m) for s in doc.sentences for m in s.mentions]


def mention(text: str, surface: str) -> Mention:
    found = [m for t, m in mentions(text) if t == surface]
    assert found, f"no mention {surface!r} in {[t for t, _ in mentions(text)]}"
    return found[0]


def all_keys(text: str) -> set[str]:
    return {k for _, m in mentions(text) for k in m.keys}


# --- country names and their case clitics -------------------------------------------------------

@pytest.mark.parametrize(("text", "surface", "key", "case"), [
    ("ભારતે પાકિસ્તાનની ટીકા કરી.", "ભારતે", "IND", "ERG"),
    ("અમેરિકાએ રશિયાને ચેતવણી આપી.", "રશિયાને", "RUS", "DAT"),
    ("ચીનનો વિરોધ વધ્યો છે.", "ચીનનો", "CHN", "GEN"),
    ("ચીનની સરહદ પર તણાવ છે.", "ચીનની", "CHN", "GEN"),
    ("ચીનનું વલણ બદલાયું છે.", "ચીનનું", "CHN", "GEN"),
    ("ચીનના અર્થતંત્રને મોટો ફટકો પડ્યો.", "ચીનના", "CHN", "GEN"),
    ("ભારતે પાકિસ્તાન પર હુમલો કર્યો.", "પાકિસ્તાન", "PAK", "પર"),
    ("ભારતે અમેરિકા સાથે વાતચીત કરી.", "અમેરિકા", "USA", "સાથે"),
    ("જાપાને ભારત ને સમર્થન આપ્યું.", "ભારત", "IND", "DAT"),
    ("યુરોપના દેશો રશિયા વિરુદ્ધ એક થયા.", "રશિયા", "RUS", "વિરુદ્ધ"),
    ("યુક્રેનને અમેરિકા પાસેથી મદદ મળી.", "અમેરિકા", "USA", "પાસેથી"),
    ("ભારતને રશિયાથી તેલ મળ્યું.", "રશિયાથી", "RUS", "થી"),
    ("અમેરિકાએ ઈરાન ઉપર પ્રતિબંધો મૂક્યા.", "ઈરાન", "IRN", "પર"),
])
def test_country_name_with_case_clitic_gets_its_key_and_case(text, surface, key, case) -> None:
    m = mention(text, surface)
    assert m.keys == [key]
    assert m.case == case
    assert m.kind == "name"
    assert not m.location


@pytest.mark.parametrize(("text", "surface"), [
    ("જાપાને ભારત ને સમર્થન આપ્યું.", "ભારત"),
    ("ભારતે પાકિસ્તાન પર હુમલો કર્યો.", "પાકિસ્તાન"),
    ("ભારતે અમેરિકા સાથે વાતચીત કરી.", "અમેરિકા"),
])
def test_free_clitic_is_outside_the_name_but_inside_the_case_span(text, surface) -> None:
    m = mention(text, surface)
    assert m.case_end_tok == m.end_tok + 1


@pytest.mark.parametrize(("text", "surface", "key", "case"), [
    ("કિમ જોંગ ઉને રશિયાની મુલાકાત લીધી.", "કિમ જોંગ ઉને", "kim_jongun", "ERG"),
    ("દક્ષિણ કોરિયાએ ઉત્તર કોરિયાની ટીકા કરી.", "દક્ષિણ કોરિયાએ", "KOR", "ERG"),
    ("દક્ષિણ કોરિયાએ ઉત્તર કોરિયાની ટીકા કરી.", "ઉત્તર કોરિયાની", "PRK", "GEN"),
    ("પુતિને કિમ જોંગ ઉન સાથે વાતચીત કરી.", "કિમ જોંગ ઉન", "kim_jongun", "સાથે"),
    ("સંયુક્ત રાષ્ટ્ર સંઘે ગાઝામાં યુદ્ધવિરામની અપીલ કરી.", "સંયુક્ત રાષ્ટ્ર સંઘે", "UNO", "ERG"),
    ("યુરોપિયન યુનિયન પર અમેરિકાએ દબાણ કર્યું.", "યુરોપિયન યુનિયન", "EU", "પર"),
])
def test_multiword_name_takes_the_clitic_on_its_last_word(text, surface, key, case) -> None:
    m = mention(text, surface)
    assert m.keys == [key]
    assert m.case == case


# --- spelling variants ----------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "surface", "key"), [
    ("ઇઝરાયલે ગાઝા પર હવાઈ હુમલા કર્યા.", "ઇઝરાયલે", "ISR"),
    ("ઇઝરાયેલે ગાઝા પર હવાઈ હુમલા કર્યા.", "ઇઝરાયેલે", "ISR"),
    ("ઈઝરાયલે ગાઝા પર હવાઈ હુમલા કર્યા.", "ઈઝરાયલે", "ISR"),
    ("ઈરાને ઈઝરાયેલને ચેતવણી આપી.", "ઈઝરાયેલને", "ISR"),
    ("યુ.એસ. અને ચીન વચ્ચે વાતચીત થઈ.", "યુ.એસ.", "USA"),
    ("યુએસ અને ચીન વચ્ચે વાતચીત થઈ.", "યુએસ", "USA"),
    ("અમેરિકાએ ચીનની ટીકા કરી.", "અમેરિકાએ", "USA"),
    ("ઑસ્ટ્રેલિયાએ ચીનની ટીકા કરી.", "ઑસ્ટ્રેલિયાએ", "AUS"),
])
def test_spelling_variants_give_the_same_country(text, surface, key) -> None:
    assert mention(text, surface).keys == [key]


@pytest.mark.parametrize("text", [
    "યુ.એસ. સરકારે ચીન પર પ્રતિબંધો લગાવ્યા.",
    "અમેરિકી સરકારે ચીન પર પ્રતિબંધો લગાવ્યા.",
    "અમેરિકાએ ચીન પર પ્રતિબંધો લગાવ્યા.",
])
def test_every_name_of_the_united_states_codes_as_usa(text) -> None:
    events = code(text)
    assert [e.source["country"] for e in events] == ["USA"]
    assert events[0].target["code"] == "CHN"


# --- demonym or country + role noun; titles before names ------------------------------------------

@pytest.mark.parametrize(("text", "surface", "key", "role"), [
    ("પાકિસ્તાની સેનાએ સરહદ પર ગોળીબાર કર્યો.", "પાકિસ્તાની સેનાએ", "PAK", "MIL"),
    ("ભારત સરકારે ચીનની ટીકા કરી.", "ભારત સરકારે", "IND", "GOV"),
    ("ચીની સેનાએ તાઇવાન નજીક કવાયત કરી.", "ચીની સેનાએ", "CHN", "MIL"),
    ("અમેરિકી સરકારે ઈરાન પર પ્રતિબંધો લગાવ્યા.", "અમેરિકી સરકારે", "USA", "GOV"),
    ("પાકિસ્તાનની સેનાએ ભારતીય ચોકીઓ પર ગોળીબાર કર્યો.", "પાકિસ્તાનની સેનાએ", "PAK", "MIL"),
    ("ચીનના વિદેશ મંત્રીએ અમેરિકાની ટીકા કરી.", "ચીનના વિદેશ મંત્રીએ", "CHN", "GOV"),
    ("રશિયન સૈનિકોએ શહેર પર કબજો કર્યો.", "રશિયન સૈનિકોએ", "RUS", "MIL"),
])
def test_demonym_or_country_with_role_noun_makes_one_actor_with_that_role(text, surface, key, role) -> None:
    m = mention(text, surface)
    assert m.keys == [key]
    assert m.role == role


@pytest.mark.parametrize(("text", "code_"), [
    ("પાકિસ્તાની સેનાએ ભારત પર ગોળીબાર કર્યો.", "PAKMIL"),
    ("ભારત સરકારે ચીનની ટીકા કરી.", "INDGOV"),
    ("રશિયન રાષ્ટ્રપતિ પુતિને ચીનની મુલાકાત લીધી.", "RUSGOV"),
])
def test_composed_actor_reaches_the_event_code(text, code_) -> None:
    events = code(text, date="2024-05-01")
    assert events and events[0].source["code"] == code_


def test_demonym_and_title_before_a_name_give_the_person() -> None:
    m = mention("રશિયન રાષ્ટ્રપતિ પુતિને ચીનની મુલાકાત લીધી.", "રશિયન રાષ્ટ્રપતિ પુતિને")
    assert m.keys == ["putin_vladimir"]
    assert m.case == "ERG"
    assert m.office == "head_of_state"


def test_a_demonym_alone_before_a_common_noun_is_not_an_actor() -> None:
    # "Russian oil": રશિયન is an adjective of a thing, not Russia acting
    assert all_keys("ભારતે રશિયન તેલ ખરીદ્યું.") == {"IND"}


def test_plural_demonym_is_an_actor() -> None:
    m = mention("પાકિસ્તાનીઓએ વિરોધ પ્રદર્શન કર્યું.", "પાકિસ્તાનીઓએ")
    assert m.keys == ["PAK"]
    assert m.number == "pl"


# --- capitals: the government when acting, a place with -માં --------------------------------------

@pytest.mark.parametrize(("text", "surface", "key"), [
    ("મોસ્કોએ વોશિંગ્ટનના આરોપોને રદિયો આપ્યો.", "મોસ્કોએ", "RUS"),
    ("મોસ્કોએ વોશિંગ્ટનના આરોપોને રદિયો આપ્યો.", "વોશિંગ્ટનના", "USA"),
    ("બેઇજિંગે ટોક્યોની ટીકા કરી.", "બેઇજિંગે", "CHN"),
    ("તેહરાને ઇઝરાયલને ચેતવણી આપી.", "તેહરાને", "IRN"),
    ("નવી દિલ્હીએ ઇસ્લામાબાદનો પ્રસ્તાવ ફગાવ્યો.", "નવી દિલ્હીએ", "IND"),
])
def test_acting_capital_is_the_government(text, surface, key) -> None:
    m = mention(text, surface)
    assert m.keys == [key]
    assert m.role == "GOV"
    assert not m.location


def test_acting_capital_codes_as_government_in_the_event() -> None:
    events = code("મોસ્કોએ યુક્રેનના આરોપોને રદિયો આપ્યો.", date="2024-05-01")
    assert events[0].source["code"] == "RUSGOV"


@pytest.mark.parametrize(("text", "surface", "country"), [
    ("મોદી મોસ્કોમાં પુતિનને મળ્યા.", "મોસ્કોમાં", "RUS"),
    ("જયશંકર અને બ્લિંકન વોશિંગ્ટનમાં મળ્યા.", "વોશિંગ્ટનમાં", "USA"),
    ("શી જિનપિંગે જાપાનમાં ભાષણ આપ્યું.", "જાપાનમાં", "JPN"),
])
def test_capital_or_country_in_the_locative_is_a_place(text, surface, country) -> None:
    m = mention(text, surface)
    assert m.location
    assert m.kind == "place"
    assert m.place_country == country


def test_locative_capital_is_the_event_location_not_an_actor() -> None:
    [event] = code("મોદી મોસ્કોમાં પુતિનને મળ્યા.", date="2024-07-08")
    assert event.location is not None
    assert event.location["text"] == "મોસ્કોમાં"
    assert event.location["country"] == "RUS"
    assert event.target["name"] == "Vladimir Putin"


# --- organizations --------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "surface", "key", "org"), [
    ("સંયુક્ત રાષ્ટ્રે ઇઝરાયલની નિંદા કરી.", "સંયુક્ત રાષ્ટ્રે", "UNO", "UNO"),
    ("સંયુક્ત રાષ્ટ્રએ ઇઝરાયલની નિંદા કરી.", "સંયુક્ત રાષ્ટ્રએ", "UNO", "UNO"),
    ("યુએનએ ઇઝરાયલની નિંદા કરી.", "યુએનએ", "UNO", "UNO"),
    ("નાટોએ રશિયાને ચેતવણી આપી.", "નાટોએ", "NATO", "NATO"),
    ("યુરોપિયન યુનિયને રશિયા પર પ્રતિબંધો લગાવ્યા.", "યુરોપિયન યુનિયને", "EU", "EU"),
    ("યુરોપિયન સંઘે રશિયા પર પ્રતિબંધો લગાવ્યા.", "યુરોપિયન સંઘે", "EU", "EU"),
])
def test_organization_names_with_clitics(text, surface, key, org) -> None:
    m = mention(text, surface)
    assert m.keys == [key]
    assert m.case == "ERG"
    [event] = code(text)
    assert event.source["org"] == org
    assert event.source["country"] is None


# --- people: full name, surname, honorific --------------------------------------------------------

@pytest.mark.parametrize(("text", "surface", "person", "country"), [
    ("વ્લાદિમીર પુતિને ચીનની મુલાકાત લીધી.", "વ્લાદિમીર પુતિને", "putin_vladimir", "RUS"),
    ("પુતિને ચીનની મુલાકાત લીધી.", "પુતિને", "putin_vladimir", "RUS"),
    ("નરેન્દ્ર મોદીએ જાપાનની મુલાકાત લીધી.", "નરેન્દ્ર મોદીએ", "modi_narendra", "IND"),
    ("મોદીએ જાપાનની મુલાકાત લીધી.", "મોદીએ", "modi_narendra", "IND"),
    ("મોદીજીએ જાપાનની મુલાકાત લીધી.", "મોદીજીએ", "modi_narendra", "IND"),
    ("જયશંકરે ચીનની મુલાકાત લીધી.", "જયશંકરે", "jaishankar_subrahmanyam", "IND"),
    ("શી જિનપિંગે રશિયાની મુલાકાત લીધી.", "શી જિનપિંગે", "xi_jinping", "CHN"),
])
def test_person_by_full_name_surname_or_honorific(text, surface, person, country) -> None:
    m = mention(text, surface)
    assert m.keys == [person]
    assert m.case == "ERG"
    [event] = code(text, date="2024-05-01")
    assert event.source["country"] == country


def test_ambiguous_surname_counts_after_a_title() -> None:
    assert mention("ગૃહમંત્રી શાહે કોંગ્રેસની ટીકા કરી.", "ગૃહમંત્રી શાહે").keys == ["shah_amit"]


def test_ambiguous_surname_counts_after_the_full_name_earlier_in_the_text() -> None:
    text = "અમિત શાહે ગાંધીનગરમાં સભા સંબોધી. બાદમાં શાહે કોંગ્રેસની ટીકા કરી."
    assert mention(text, "શાહે").keys == ["shah_amit"]


# --- coordination ---------------------------------------------------------------------------------

def test_coordinated_countries_share_the_case_of_the_last_one() -> None:
    ms = mentions("અમેરિકા અને દક્ષિણ કોરિયાએ ઉત્તર કોરિયાને ચેતવણી આપી.")
    usa = next(m for t, m in ms if t == "અમેરિકા")
    kor = next(m for t, m in ms if t == "દક્ષિણ કોરિયાએ")
    prk = next(m for t, m in ms if t == "ઉત્તર કોરિયાને")
    assert (usa.keys, kor.keys) == (["USA"], ["KOR"])
    assert usa.case == kor.case == "ERG"
    assert usa.group == kor.group
    assert prk.group != kor.group


def test_coordinated_targets_share_the_postposition() -> None:
    ms = mentions("અમેરિકાએ ઈરાન અને ઉત્તર કોરિયા પર પ્રતિબંધો લગાવ્યા.")
    iran = next(m for t, m in ms if t == "ઈરાન")
    prk = next(m for t, m in ms if t == "ઉત્તર કોરિયા")
    assert iran.case == prk.case == "પર"
    assert iran.group == prk.group


def test_separate_arguments_are_not_one_group() -> None:
    ms = mentions("ભારતે પાકિસ્તાનને ચેતવણી આપી.")
    assert len({m.group for _, m in ms}) == 2


# --- words that only look like names --------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "ખેલાડીઓએ મેચમાં શાનદાર વિજય મેળવ્યો.",       # વિજય = victory, not a politician Vijay
    "જંગલમાં એક સિંહ જોવા મળ્યો.",                  # સિંહ = lion, not Singh
    "મે મહિનામાં ભારે વરસાદ પડ્યો.",                 # મે = the month May, not Theresa May
    "બજારમાં ચીની મોંઘી થઈ.",                       # ચીની = sugar here, not China
    "શાહ પરિવારે મંદિરમાં પૂજા કરી.",                 # a family named Shah, not Amit Shah
    "પોલીસે શાહ પરિવારની પૂછપરછ કરી.",               # a role noun with -એ is not a title before Shah
    "સેનાએ સિંહ પરિવારને મદદ કરી.",                   # … nor before Singh
])
def test_word_that_only_looks_like_a_name_is_not_an_actor(text) -> None:
    assert all_keys(text) == set()


@pytest.mark.parametrize(("text", "first", "key", "role"), [
    ("અમેરિકા અને બ્રિટનની સેનાઓએ યમન પર હવાઈ હુમલા કર્યા.", "અમેરિકા", "USA", "MIL"),
    ("ભારત અને નેપાળના વડાપ્રધાનોએ વેપાર કરાર પર હસ્તાક્ષર કર્યા.", "ભારત", "IND", "GOV"),
])
def test_role_noun_after_coordinated_countries_applies_to_each(text, first, key, role) -> None:
    m = mention(text, first)
    assert m.keys == [key]
    assert m.role == role
