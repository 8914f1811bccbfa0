"""Stage 9 — dates: explicit, relative and narrative dates of events, the article date as fallback.

The pipeline runs up to the dates stage and the tests look at ``Trigger.date``/``date_basis`` (and
``Sentence.dates``). The article date in most tests is Wednesday 20 September 2023. All sentences are
written for these tests.
"""

from __future__ import annotations

import datetime as dt

import pytest

from ghatna import code
from ghatna.model import Doc
from ghatna.pipeline import STAGES, Pipeline

UPTO = [s.__name__ for s in STAGES].index("dates") + 1
ARTICLE = dt.date(2023, 9, 20)  # a Wednesday


def run(text: str, date: dt.date | None = ARTICLE) -> Doc:
    return Pipeline(STAGES[:UPTO])(Doc(text=text, date=date))


def dated(text: str, date: dt.date | None = ARTICLE) -> list[tuple[str | None, str | None]]:
    """(date, date_basis) of every trigger of the document, in order (nominal triggers left out)."""
    doc = run(text, date)
    return [(t.date, t.date_basis) for s in doc.sentences for t in s.triggers if "nominal" not in t.features]


def only(text: str, date: dt.date | None = ARTICLE) -> tuple[str | None, str | None]:
    [d] = dated(text, date)
    return d


# --- years ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "value"), [
    ("2019માં ભારતે ફ્રાન્સ સાથે કરાર કર્યો.", "2019"),
    ("2019 માં ભારતે ફ્રાન્સ સાથે કરાર કર્યો.", "2019"),
    ("વર્ષ 2017માં ચીને ભૂટાનની સરહદ પર કબજો કર્યો.", "2017"),
    ("૨૦૧૯માં ભારતે ફ્રાન્સ સાથે કરાર કર્યો.", "2019"),
    ("વર્ષ ૨૦૧૭માં ચીને ભૂટાનની ટીકા કરી.", "2017"),
    ("ભારતે 2016માં પાકિસ્તાન પર સર્જિકલ સ્ટ્રાઇક કરી.", "2016"),
])
def test_year_with_its_clitic_dates_the_event(text, value) -> None:
    assert only(text) == (value, "text")


def test_each_clause_takes_its_own_year() -> None:
    text = "2019માં ભારતે ફ્રાન્સ સાથે કરાર કર્યો અને 2021માં જાપાન સાથે કરાર કર્યો."
    assert dated(text) == [("2019", "text"), ("2021", "text")]


@pytest.mark.parametrize("text", [
    "1990ના દાયકામાં રશિયાએ ચેચન્યા પર હુમલો કર્યો.",
    "1990ના દશકમાં રશિયાએ ચેચન્યા પર હુમલો કર્યો.",
])
def test_decade_is_written_with_an_x(text) -> None:
    assert only(text) == ("199X", "text")


# --- months ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "value"), [
    # a month alone, no year in the text: the last such month up to the article date
    ("ઓક્ટોબરમાં ભારતે જાપાનની મુલાકાત લીધી.", "2022-10"),
    ("ઑક્ટોબરમાં ભારતે જાપાનની મુલાકાત લીધી.", "2022-10"),
    ("જૂનમાં ભારતે જાપાનની મુલાકાત લીધી.", "2023-06"),
    ("ઓગસ્ટમાં ભારતે જાપાનની મુલાકાત લીધી.", "2023-08"),
    ("ઑગસ્ટમાં ભારતે જાપાનની મુલાકાત લીધી.", "2023-08"),
    ("જાન્યુઆરીમાં ભારતે જાપાનની મુલાકાત લીધી.", "2023-01"),
    # month and year
    ("ઓક્ટોબર 2019માં ભારતે જાપાનની મુલાકાત લીધી.", "2019-10"),
    ("2019ના ઓક્ટોબરમાં ભારતે જાપાનની મુલાકાત લીધી.", "2019-10"),
    ("મે 2019માં ભારતે જાપાનની મુલાકાત લીધી.", "2019-05"),
    ("જુલાઈ મહિનામાં ભારતે જાપાનની મુલાકાત લીધી.", "2023-07"),
])
def test_month_in_spelling_variants_and_inflections(text, value) -> None:
    date, basis = only(text)
    assert date == value
    assert basis in ("text", "narrative")


def test_may_is_only_a_month_in_date_context() -> None:
    # "મે" here is the (misspelt) pronoun "I": no month, so the event keeps the article date
    text = "મે જોયું કે ચીને ભારતની ટીકા કરી."
    assert run(text).sentences[0].dates == []
    assert only(text) == ("2023-09-20", "article")


# --- full dates -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "value"), [
    ("13 સપ્ટેમ્બર 2023ના રોજ કિમ જોંગ ઉને રશિયાની મુલાકાત લીધી.", "2023-09-13"),
    ("13મી સપ્ટેમ્બરે કિમ જોંગ ઉને રશિયાની મુલાકાત લીધી.", "2023-09-13"),
    ("૧૩ સપ્ટેમ્બરે કિમ જોંગ ઉને રશિયાની મુલાકાત લીધી.", "2023-09-13"),
    ("5 ઑગસ્ટ 2019ના રોજ ભારતે પાકિસ્તાનની ટીકા કરી.", "2019-08-05"),
    ("5 ઑગસ્ટ, 2019ના રોજ ભારતે પાકિસ્તાનની ટીકા કરી.", "2019-08-05"),
    ("13મી સપ્ટેમ્બર, 2023ના રોજ કિમ જોંગ ઉને રશિયાની મુલાકાત લીધી.", "2023-09-13"),
])
def test_full_date(text, value) -> None:
    assert only(text) == (value, "text")


# --- weekdays and relative expressions against the article date -----------------------------------

@pytest.mark.parametrize(("text", "article", "value"), [
    ("સોમવારે ચીને જાપાનની ટીકા કરી.", ARTICLE, "2023-09-18"),
    ("રવિવારે ચીને જાપાનની ટીકા કરી.", ARTICLE, "2023-09-17"),
    ("આવતા સોમવારે મોદી જાપાનની મુલાકાત લેશે.", ARTICLE, "2023-09-25"),
    ("આજે ચીને જાપાનની ટીકા કરી.", ARTICLE, "2023-09-20"),
    ("ગઈકાલે ચીને જાપાનની ટીકા કરી.", ARTICLE, "2023-09-19"),
    ("આવતીકાલે મોદી જાપાનની મુલાકાત લેશે.", ARTICLE, "2023-09-21"),
    ("ગયા અઠવાડિયે ચીને જાપાનની ટીકા કરી.", dt.date(2023, 9, 3), "2023-08"),
    ("ગયા મહિને ભારતે જાપાનની મુલાકાત લીધી.", ARTICLE, "2023-08"),
    ("ગત વર્ષે ચીને જાપાનની ટીકા કરી.", ARTICLE, "2022"),
    ("બે દિવસ પહેલાં ચીને જાપાનની ટીકા કરી.", ARTICLE, "2023-09-18"),
    ("ત્રણ દિવસ પહેલાં ભારતે જાપાનની મુલાકાત લીધી.", ARTICLE, "2023-09-17"),
])
def test_weekday_and_relative_expressions_resolve_against_the_article_date(text, article, value) -> None:
    assert only(text, article) == (value, "text")


@pytest.mark.parametrize("text", [
    "ગઈકાલે ભારતે ચીનની ટીકા કરી.",
    "સોમવારે ભારતે ચીનની ટીકા કરી.",
])
def test_relative_date_without_article_date_is_null(text) -> None:
    assert only(text, None)[0] is None


# --- narrative: a month takes the year of the story -----------------------------------------------

def test_month_only_narrative_carries_and_rolls_the_year() -> None:
    text = ("2019માં ભારત અને ચીન વચ્ચે તણાવ વધ્યો. ઓક્ટોબરમાં મોદીએ ચીનની મુલાકાત લીધી. "
            "પછી જૂનમાં ચીની સેનાએ ભારત પર હુમલો કર્યો.")
    assert dated(text) == [("2019-10", "narrative"), ("2020-06", "narrative")]


def test_narrative_year_wins_over_the_article_date() -> None:
    text = "2018માં ભારતે ચીનની ટીકા કરી. માર્ચમાં મોદીએ ચીનની મુલાકાત લીધી. ફેબ્રુઆરીમાં ચીને ભારત પર હુમલો કર્યો."
    assert dated(text) == [("2018", "text"), ("2018-03", "narrative"), ("2019-02", "narrative")]


def test_month_word_phrase_in_a_narrative() -> None:
    text = "2019માં ભારતે ચીનની ટીકા કરી. મે મહિનામાં મોદીએ ચીનની મુલાકાત લીધી."
    assert dated(text) == [("2019", "text"), ("2019-05", "narrative")]


def test_narrative_dates_reach_the_event_records() -> None:
    text = ("2019માં ભારત અને ચીન વચ્ચે તણાવ વધ્યો. ઓક્ટોબરમાં મોદીએ ચીનની મુલાકાત લીધી. "
            "પછી જૂનમાં ચીની સેનાએ ભારત પર હુમલો કર્યો.")
    assert [(e.date, e.date_basis) for e in code(text, date="2023-09-20")] == [
        ("2019-10", "narrative"), ("2020-06", "narrative")]


# --- no date in the text --------------------------------------------------------------------------

def test_no_date_in_text_takes_the_article_date() -> None:
    assert only("ભારતે ચીનની ટીકા કરી.") == ("2023-09-20", "article")


def test_no_date_and_no_article_date_is_null() -> None:
    assert only("ભારતે ચીનની ટીકા કરી.", None) == (None, None)


def test_article_date_in_the_event_record() -> None:
    [event] = code("ભારતે ચીનની ટીકા કરી.", date="2023-09-20")
    assert (event.date, event.date_basis) == ("2023-09-20", "article")
    [event] = code("ભારતે ચીનની ટીકા કરી.")
    assert (event.date, event.date_basis) == (None, None)


# --- a bound is not a date ------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "1953 પછી અમેરિકાએ દક્ષિણ કોરિયાને મદદ કરી.",
    "2019 સુધી અમેરિકાએ દક્ષિણ કોરિયાને મદદ કરી.",
])
def test_bound_does_not_date_the_event(text) -> None:
    assert only(text) == ("2023-09-20", "article")
    assert only(text, None) == (None, None)
    doc = run(text)
    assert [d.kind for d in doc.sentences[0].dates] == ["range"]


def test_bound_in_a_negated_sentence() -> None:
    text = "1953 પછી ઉત્તર કોરિયા અને દક્ષિણ કોરિયા વચ્ચે કોઈ યુદ્ધ થયું નથી."
    events = code(text, date="2023-09-20")
    assert events and all(e.date != "1953" for e in events)
