"""Stage 10 — dates.

Reads the tokens (month and weekday readings, numbers, relative date phrases), the triggers and
``Doc.date``. Adds ``Sentence.dates`` and sets ``Trigger.date`` and ``Trigger.date_basis``.

Recognised: full dates (13 સપ્ટેમ્બર 2023, 13મી સપ્ટેમ્બરે), month and year (ઓક્ટોબર 2019), years with
their clitics (2019માં, 2019 માં, વર્ષ 2017માં), decades (1990ના દાયકામાં → ``199X``), months alone
(ઓક્ટોબરમાં), weekdays (સોમવારે), relative phrases (ગઈકાલે, ગયા અઠવાડિયે, બે દિવસ પહેલાં), and spans
that bound an event without dating it (1953 પછી, 2019 સુધી). A month alone takes its year from the
narrative: the last explicit year, or the next one when the month comes before the last dated month
("2019માં … ઓક્ટોબરમાં … પછી જૂનમાં" → 2019-10, 2020-06). Relative phrases and weekdays are resolved
against the article date with dateparser. An event takes the date in its clause, else in its
sentence; with none, the article date (``article``) or nothing.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from ghatna.lang.base import load_language
from ghatna.lexicon import Lexicon
from ghatna.model import DateMention, Doc, Sentence, Token, Trigger

YEAR_MIN, YEAR_MAX = 1800, 2100


@cache
def _dateparser():  # type: ignore[no-untyped-def]
    import dateparser

    return dateparser


def _month_of(lex: Lexicon, tok: Token) -> tuple[int | None, bool]:
    """(month, has a case clitic) for a month-name token."""
    if tok.kind != "word":
        return None, False
    month, inflected, _ = lex.calendar(tok.key)
    return month, inflected


def _int(tok: Token | None) -> int | None:
    if tok is not None and tok.kind == "num" and tok.text.isdigit():
        return int(tok.text)
    return None


def _is_year(n: int | None) -> bool:
    return n is not None and YEAR_MIN <= n <= YEAR_MAX


def _kind(lex: Lexicon, tok: Token | None, kind: str) -> bool:
    return tok is not None and kind in tok.marks


def _ordinal_day(lex: Lexicon, toks: list[Token], k: int) -> tuple[int | None, int]:
    """A day number at ``k`` (13, 13મી) and the index after it."""
    d = _int(toks[k])
    if d is None or not 1 <= d <= 31:
        return None, k
    j = k + 1
    if j < len(toks) and toks[j].glued and _kind(lex, toks[j], "ordinal"):
        j += 1
    return d, j


def _scan(lex: Lexicon, sent: Sentence, numbers: dict[str, int]) -> list[DateMention]:
    toks = sent.tokens
    n = len(toks)
    out: list[DateMention] = []
    rel_first = lex.relative_dates.root.children
    k = 0
    calendar = lex.calendar
    while k < n:
        tok = toks[k]
        if tok.kind == "word":
            month, inflected, wd = calendar(tok.key)
            if month is None and wd is None and tok.key not in rel_first and tok.key not in numbers:
                k += 1  # a word that names no date, number or relative time starts no date
                continue
        # relative phrases (ગઈકાલે, ગયા અઠવાડિયે)
        rel = lex.relative_dates.match(toks, k, [], inflect=False) if tok.key in rel_first else None
        if rel:
            m = max(rel, key=lambda x: x.end_tok)
            r = m.refs[0]
            out.append(DateMention(k, m.end_tok, f"{r.key}:{r.office}:{r.country}", "text", "relative"))
            k = m.end_tok
            continue
        # N દિવસ/અઠવાડિયા/મહિના/વર્ષ પહેલાં
        count = _int(tok) if tok.kind == "num" else numbers.get(tok.key)
        if count is not None and k + 2 < n and _kind(lex, toks[k + 2], "ago"):
            out.append(DateMention(k, k + 3, f"ago:{count}:{toks[k + 1].text}", "text", "relative"))
            k += 3
            continue
        # day + month [+ year]
        day, j = _ordinal_day(lex, toks, k) if tok.kind == "num" else (None, k)
        if day is not None and j < n:
            month, _ = _month_of(lex, toks[j])
            if month is not None:
                y = j + 2 if j + 2 < n and toks[j + 1].text == "," else j + 1  # "5 ઑગસ્ટ, 2019"
                year = _int(toks[y]) if y < n else None
                end = y + 1 if _is_year(year) else j + 1
                out.append(DateMention(k, end, None, "text", "full", year if _is_year(year) else None, month))
                out[-1].value = f"{day:02d}"
                k = end
                continue
        if tok.kind == "word":
            if month is not None:
                y = k + 2 if k + 2 < n and toks[k + 1].text == "," else k + 1  # "ઑગસ્ટ, 2019"
                year_after = _int(toks[y]) if y < n else None
                if _is_year(year_after):
                    out.append(DateMention(k, y + 1, None, "text", "month_year", year_after, month))
                    k = y + 1
                    continue
                prev_year = _int(toks[k - 2]) if k >= 2 and lex.clitics.get(toks[k - 1].key) == "GEN" else None
                if _is_year(prev_year):
                    out[-1:] = [d for d in out[-1:] if not (d.kind == "year" and d.year == prev_year)]
                    out.append(DateMention(k - 2, k + 1, None, "text", "month_year", prev_year, month))
                    k += 1
                    continue
                month_word = k + 1 < n and any(s in lex.month_nouns for s, _, _ in toks[k + 1].stems)
                if inflected or month_word or (k + 1 < n and toks[k + 1].key in lex.clitics):
                    out.append(DateMention(k, k + 1, None, "narrative", "month", None, month))
                    k += 1
                    continue
            if wd is not None:
                out.append(DateMention(k, k + 1, f"weekday:{wd}:{lex.weekday_names[wd]}", "text", "weekday"))
                k += 1
                continue
        year = _int(tok)
        if _is_year(year):
            nxt = toks[k + 1] if k + 1 < n else None
            prev = toks[k - 1] if k > 0 else None
            nxt_case = lex.clitics.get(nxt.key) if nxt is not None else None
            after = toks[k + 2] if k + 2 < n else None
            if (nxt_case == "GEN" and after is not None
                    and any(stem in lex.decade_nouns for stem, _, _ in after.stems)):
                out.append(DateMention(k, k + 3, f"{str(year)[:3]}X", "text", "decade", year))
                k += 3
                continue
            range_word = _kind(lex, nxt, "date_range") or nxt_case == "થી"
            dated = (nxt_case is not None or range_word or _kind(lex, prev, "year_word")
                     or nxt is None or nxt.kind == "punct")
            if dated:
                kind = "range" if range_word else "year"
                out.append(DateMention(k, k + 1, str(year), "text", kind, year))
        k += 1
    return out


def _relative(expr: str, base: dt.date | None, future: bool) -> tuple[str | None, str]:
    """Resolve a relative expression against the article date."""
    if base is None:
        return None, "text"
    kind, a, b = expr.split(":", 2)
    settings = {"RELATIVE_BASE": dt.datetime(base.year, base.month, base.day),
                "PREFER_DATES_FROM": "future" if future else "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if kind == "weekday":  # the weekday nearest the article date, before it unless the event is to come
        parsed = _dateparser().parse(b, languages=["gu"], settings=settings)
        if parsed is not None and parsed.date() == base + dt.timedelta(days=7 if future else -7):
            parsed = dt.datetime(base.year, base.month, base.day)  # the article's own weekday
        return (parsed.date().isoformat() if parsed else None), "text"
    if kind == "ago":
        parsed = _dateparser().parse(f"{a} {b} પહેલા", languages=["gu"], settings=settings)
        return (parsed.date().isoformat() if parsed else None), "text"
    unit, offset, precision = kind, int(a), b
    from dateutil.relativedelta import relativedelta

    step = {"day": relativedelta(days=offset), "week": relativedelta(weeks=offset),
            "month": relativedelta(months=offset), "year": relativedelta(years=offset)}[unit]
    day = base + step
    return {"day": day.isoformat(), "month": day.isoformat()[:7], "year": str(day.year)}[precision], "text"


def dates(doc: Doc) -> Doc:
    lex = load_language(doc.lang).lexicon
    numbers = lex.numbers
    last_year: int | None = None
    last_month: tuple[int, int] | None = None
    for sent in doc.sentences:
        # the scan has seen no date word here: only a number can still be one
        if ("scanned" not in sent.features or "scan:D" in sent.features
                or any(t.kind == "num" for t in sent.tokens)):
            sent.dates = _scan(lex, sent, numbers)
        for d in sent.dates:
            if d.kind in ("year", "range", "decade") and d.year is not None:
                last_year = d.year
                if d.kind != "decade":
                    d.value = str(d.year)
            elif d.kind in ("month_year", "full"):
                day = d.value if d.kind == "full" else None
                year = d.year
                basis = "text"
                if year is None:
                    year, basis = _year_for(d.month, last_year, last_month, doc.date)
                d.basis = basis
                if year is None:
                    d.value = None
                    continue
                d.value = f"{year}-{d.month:02d}" + (f"-{day}" if day else "")
                last_year, last_month = year, (year, d.month or 1)
            elif d.kind == "month":
                year, basis = _year_for(d.month, last_year, last_month, doc.date)
                d.basis = basis
                d.value = f"{year}-{d.month:02d}" if year is not None else None
                if year is not None:
                    last_year, last_month = year, (year, d.month or 1)
        for t in sent.triggers:
            _date_trigger(doc, sent, t)
    return doc


def _year_for(month: int | None, last_year: int | None, last_month: tuple[int, int] | None,
              article: dt.date | None) -> tuple[int | None, str]:
    if month is None:
        return None, "text"
    if last_year is not None:
        if last_month is not None and last_month[0] == last_year and month < last_month[1]:
            return last_year + 1, "narrative"
        return last_year, "narrative"
    if article is not None:
        return (article.year - 1 if month > article.month else article.year), "text"
    return None, "text"


def _date_trigger(doc: Doc, sent: Sentence, t: Trigger) -> None:
    usable = [d for d in sent.dates if d.kind != "range" and d.value is not None]
    same_clause = [d for d in usable if sent.clause_of(d.start_tok) == t.clause]
    pool = same_clause or usable
    if pool:
        before = [d for d in pool if d.start_tok <= t.start_tok]
        d = max(before, key=lambda d: d.start_tok) if before else min(pool, key=lambda d: d.start_tok)
        value, basis = d.value, d.basis
        if d.kind in ("relative", "weekday"):
            value, basis = _relative(d.value or "", doc.date, t.factuality == "future")
        if value is not None:
            t.date, t.date_basis, t.date_span = value, basis, (d.start_tok, d.end_tok)
            return
    if doc.date is not None:
        t.date, t.date_basis = doc.date.isoformat(), "article"
