"""Gujarati morphology: folds, clitics on names and nouns, verb paradigms — rules, not lists."""

from __future__ import annotations

from collections.abc import Callable

import pytest


@pytest.mark.parametrize(("a", "b"), [
    ("ઇઝરાયલ", "ઈઝરાયલ"), ("સોવિયેત", "સોવીયેત"), ("યુનિયન", "યૂનિયન"),
    ("સંબંધ", "સમ્બન્ધ"), ("ઓક્ટોબર", "ઑક્ટોબર"),
])
def test_fold_merges_spelling_variants(gu, a: str, b: str) -> None:
    assert gu.fold(a) == gu.fold(b)


@pytest.mark.parametrize(("a", "b"), [("દેશ", "દેશો"), ("ભારત", "ભારતે"), ("કર", "કરી")])
def test_fold_keeps_distinct_words_apart(gu, a: str, b: str) -> None:
    assert gu.fold(a) != gu.fold(b)


@pytest.mark.parametrize(("name", "form", "case"), [
    ("ભારત", "ભારતે", "ERG"),          # consonant-final: the vowel sign ે
    ("રશિયા", "રશિયાએ", "ERG"),        # vowel-final: એ
    ("મોદી", "મોદીએ", "ERG"),
    ("પાકિસ્તાન", "પાકિસ્તાનને", "DAT"),
    ("ચીન", "ચીનનો", "GEN"), ("ચીન", "ચીનની", "GEN"), ("ચીન", "ચીનનું", "GEN"), ("ચીન", "ચીનના", "GEN"),
    ("દિલ્હી", "દિલ્હીમાં", "માં"),
    ("મોસ્કો", "મોસ્કોથી", "થી"),
])
def test_name_forms_attach_clitics_by_rule(gu, name: str, form: str, case: str) -> None:
    m = gu.morphology
    assert (m.fold(form), case) in set(m.name_forms(m.fold(name)))
    assert (m.fold(name), case) in m.strip_clitic(m.fold(form))


def test_person_forms_take_the_honorific(gu) -> None:
    m = gu.morphology
    forms = dict(m.person_forms(m.fold("મોદી")))
    assert forms[m.fold("મોદીજીએ")] == "ERG"
    assert (m.fold("મોદી"), "ERG") in m.strip_clitic(m.fold("મોદીજીએ"))


@pytest.mark.parametrize(("lemma", "form", "case", "number"), [
    ("હુમલો", "હુમલા", None, "pl"),
    ("હુમલો", "હુમલાની", "GEN", "sg"),
    ("હુમલો", "હુમલાઓમાં", "માં", "pl"),
    ("પ્રતિબંધ", "પ્રતિબંધો", None, "pl"),
    ("પ્રતિબંધ", "પ્રતિબંધોને", "DAT", "pl"),
    ("ધમકી", "ધમકીઓથી", "થી", "pl"),
    ("પગલું", "પગલાં", None, "pl"),
    ("દેશ", "દેશોએ", "ERG", "pl"),
    ("સેના", "સેનાએ", "ERG", "sg"),
])
def test_noun_forms_follow_the_paradigm(gu, lemma: str, form: str, case: str | None, number: str) -> None:
    m = gu.morphology
    assert (m.fold(form), case, number) in set(m.noun_forms(m.fold(lemma)))


def test_noun_forms_do_not_invent_the_direct_plus_clitic_of_o_nouns(gu) -> None:
    m = gu.morphology
    forms = {f for f, _, _ in m.noun_forms(m.fold("હુમલો"))}
    assert m.fold("હુમલોની") not in forms


def _forms(gu, stem: str, perfective: str = "") -> dict[str, set[str]]:
    m = gu.morphology
    out: dict[str, set[str]] = {}
    for form, vf in m.verb_forms(m.fold(stem), m.fold(perfective)):
        out.setdefault(form, set()).add(vf.form)
    return out


@pytest.mark.parametrize(("stem", "perf", "form", "kind"), [
    ("કર", "", "કર્યું", "perf"), ("કર", "", "કર્યો", "perf"), ("કર", "", "કર્યા", "perf"),
    ("કર", "", "કરી", "perf"), ("કર", "", "કરી", "conv"), ("કર", "", "કરીને", "conv"),
    ("કર", "", "કરશે", "fut"), ("કર", "", "કરે", "pres"), ("કર", "", "કરતા", "imp"),
    ("કર", "", "કરવું", "inf"), ("કર", "", "કરવાની", "vn"), ("કર", "", "કરવાનો", "vn"),
    ("કર", "", "કરવામાં", "vn_loc"), ("કર", "", "કરેલા", "ptcp"), ("કર", "", "કરનાર", "agent"),
    ("આપ", "", "આપ્યું", "perf"), ("લગાવ", "", "લગાવ્યા", "perf"), ("લગાવ", "", "લગાવવામાં", "vn_loc"),
    ("થ", "", "થયું", "perf"), ("થ", "", "થઈ", "perf"), ("થ", "", "થશે", "fut"), ("થ", "", "થાય", "pres"),
    ("થ", "", "થયેલા", "ptcp"), ("થ", "", "થતું", "imp"),
    ("લે", "લીધ", "લીધું", "perf"), ("લે", "લીધ", "લીધી", "perf"), ("લે", "લીધ", "લઈ", "conv"),
    ("લે", "લીધ", "લેશે", "fut"), ("લે", "લીધ", "લીધેલા", "ptcp"),
    ("જા", "ગય", "ગયા", "perf"), ("જા", "ગય", "ગઈ", "perf"),
    ("મળ", "", "મળ્યા", "perf"), ("મળ", "", "મળતું", "imp"), ("પહોંચ", "", "પહોંચ્યા", "perf"),
])
def test_verb_paradigm(gu, stem: str, perf: str, form: str, kind: str) -> None:
    assert kind in _forms(gu, stem, perf).get(gu.fold(form), set())


def test_irregular_perfective_replaces_the_regular_one(gu) -> None:
    forms = _forms(gu, "લે", "લીધ")
    assert gu.fold("લ્યું") not in forms


def test_abbreviations_become_one_token_without_dots(gu) -> None:
    toks = gu.morphology.tokenize("યુ.એસ. અને યુએસ")
    words = [t.key for t in toks if t.kind == "word"]
    assert words[0] == words[2]
    assert toks[0].text == "યુ.એસ."


def test_numbers_and_glued_clitics_are_separate_tokens(gu) -> None:
    toks = gu.morphology.tokenize("2019માં 2.5 ટકા")
    assert [(t.text, t.kind, t.glued) for t in toks] == [
        ("2019", "num", False), ("માં", "word", True), ("2.5", "num", False), ("ટકા", "word", False)]


def test_tokens_keep_their_offsets_when_a_word_comes_again(gu) -> None:
    text = "ભારતે, ભારતે\tભારતે\u00a0(ભારતે)"
    first = gu.morphology.tokenize(text, offset=7)
    again = gu.morphology.tokenize(text, offset=7)  # the chunks are remembered now
    got = [(t.i, t.text, t.start, t.end, t.key, t.kind, t.glued) for t in first]
    assert got == [(t.i, t.text, t.start, t.end, t.key, t.kind, t.glued) for t in again]
    assert [(t.text, t.glued) for t in first] == [
        ("ભારતે", False), (",", True), ("ભારતે", False), ("ભારતે", False), ("(", False), ("ભારતે", True),
        (")", True)]
    for t in first:
        assert text[t.start - 7:t.end - 7] == t.text


def _stays_bounded(monkeypatch: pytest.MonkeyPatch, owner: object, bound: str, cache: Callable[[], dict],
                   fill: Callable[[int], object]) -> None:
    """With ``owner.bound`` set to 20, filling the cache with a hundred new entries keeps it at 20 or fewer."""
    monkeypatch.setattr(owner, bound, 20)
    for n in range(100):
        fill(n)
        assert len(cache()) <= 20


def test_the_remembered_chunks_are_bounded(gu, monkeypatch: pytest.MonkeyPatch) -> None:
    morphology = gu.morphology
    _stays_bounded(monkeypatch, morphology, "CHUNK_CACHE", lambda: morphology._chunks,
                   lambda n: morphology.tokenize(f"શબ્દ{n} ({n})"))


def test_readings_are_shared_and_bounded(gu, monkeypatch: pytest.MonkeyPatch) -> None:
    import ghatna.lexicon as lexicon

    lex = gu.lexicon
    first = lex.readings(gu.fold("ભારતે"))
    # one shared value per word (compiled by mypyc, the tuple around them is made anew for Python callers)
    assert all(a is b for a, b in zip(lex.readings(gu.fold("ભારતે")), first, strict=True))
    stems, verbs, marks, opens = first
    assert (gu.fold("ભારત"), "ERG", "sg") in stems and opens and isinstance(stems, tuple)
    assert verbs == () and marks == frozenset()
    assert lex.readings(gu.fold("કર્યો"))[1] and lex.readings(gu.fold("નથી"))[2]  # a verb; a marker
    _stays_bounded(monkeypatch, lexicon, "ANALYSIS_CACHE", lambda: lex._analyses, lambda n: lex.readings(f"x{n}"))


def test_lexicon_tokens_are_the_tokens_with_their_readings(gu, monkeypatch: pytest.MonkeyPatch) -> None:
    import ghatna.lexicon as lexicon

    lex = gu.lexicon
    text = "યુ.એસ.એ 2019માં ભારત, રશિયા (અને ચીન)ની ટીકા કરી; યુ.એસ.એ ફરી ટીકા કરી."
    for _ in range(2):  # computed, then remembered
        got = lex.tokens(text, offset=3)
        plain = gu.morphology.tokenize(text, offset=3)
        assert [(t.i, t.text, t.start, t.end, t.key, t.kind, t.glued) for t in got] == [
            (t.i, t.text, t.start, t.end, t.key, t.kind, t.glued) for t in plain]
        for t in got:
            expected = lex.readings(t.key) if t.kind == "word" else ((), (), frozenset(), 0)
            assert (t.stems, t.verbs, t.marks, t.opens) == expected
    assert got[0].text == "યુ.એસ.એ"  # the abbreviation with its ergative is one token
    _stays_bounded(monkeypatch, lexicon, "CHUNK_CACHE", lambda: lex._chunk_readings,
                   lambda n: lex.tokens(f"ભારત{n} રશિયા{n}"))
