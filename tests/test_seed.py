"""The first acceptance case: the seed article (read from ../shared at run time) gives what a careful
reader lists — with the right countries, factuality and dates."""

from __future__ import annotations

import pytest

import ghatna

ARTICLE_DATE = "2023-09-14"


@pytest.fixture(scope="module")
def events(seed_text):
    return [e.to_dict() for e in ghatna.code(seed_text, doc_id="seed", date=ARTICLE_DATE)]


def country(actor) -> str | None:
    return actor and (actor["country"] or actor["org"])


def find(events, src, tgt, root, **fields):
    return [e for e in events if country(e["source"]) == src and country(e["target"]) == tgt
           and e["cameo"].startswith(root) and all(e[k] == v for k, v in fields.items())]


@pytest.mark.parametrize(("src", "tgt", "root", "fields", "what"), [
    ("PRK", "RUS", "042", {"factuality": "asserted"}, "Kim's visit to Russia"),
    ("PRK", "RUS", "040", {"factuality": "asserted"}, "the meeting with Putin"),
    ("PRK", "RUS", "051", {"factuality": "asserted"}, "North Korea's support for Russia"),
    ("PRK", "RUS", "023", {"factuality": "reported"}, "the request for food aid, as the news reports it"),
    ("RUS", "PRK", "070", {"factuality": "future"}, "the announced help with satellites"),
    ("USA", "PRK", "163", {"factuality": "asserted"}, "sanctions on North Korea"),
    ("USA", "RUS", "163", {"factuality": "asserted"}, "sanctions on Russia"),
    ("USA", "PRK", "112", {"factuality": "asserted"}, "the accusation"),
    ("PRK", "RUS", "072", {"factuality": "alleged"}, "the arms supply the accusation is about"),
    ("PRK", "USA", "016", {"factuality": "asserted"}, "North Korea's denial"),
    ("RUS", "UKR", "19", {}, "the military action in Ukraine"),
    ("USR", "PRK", "07", {"factuality": "asserted"}, "decades of Soviet aid"),
    ("PRK", "RUS", "040", {"date": "2019", "date_basis": "text"}, "the 2019 summit"),
    ("RUS", "PRK", "01", {"date": "2019-10", "date_basis": "narrative"}, "the October greetings"),
    ("PRK", "RUS", "030", {"date": "2020-06", "date_basis": "narrative"}, "the June pledge"),
])
def test_seed_events_a_reader_lists(events, src, tgt, root, fields, what) -> None:
    assert find(events, src, tgt, root, **fields), f"missing: {what}"


@pytest.mark.parametrize(("src", "tgt", "root", "factuality", "what"), [
    ("PRK", None, "19", "negated", "North Korea has fought no war since 1953"),
    ("RUS", "PRK", "07", "hypothetical", "Russia can help North Korea"),
    ("PRK", "RUS", "07", "hypothetical", "North Korea can help Moscow / if it gives weapons"),
])
def test_seed_does_not_assert_what_it_does_not_assert(events, src, tgt, root, factuality, what) -> None:
    assert find(events, src, tgt, root, factuality=factuality), f"missing: {what} ({factuality})"


def test_seed_has_no_asserted_war_and_no_asserted_arms_supply(events) -> None:
    assert not find(events, "PRK", None, "19", factuality="asserted")
    assert not find(events, "PRK", "RUS", "072", factuality="asserted")


def test_seed_spans_point_into_the_input(events, seed_text) -> None:
    for e in events:
        assert seed_text[e["sentence_start"]:e["sentence_end"]] == e["sentence_text"]
        assert seed_text[e["trigger"]["start"]:e["trigger"]["end"]] == e["trigger"]["text"]
        for actor in (e["source"], e["target"]):
            if actor and actor["text"]:
                assert seed_text[actor["start"]:actor["end"]] == actor["text"]


def test_seed_undated_events_take_the_article_date(events) -> None:
    undated = [e for e in events if e["date_basis"] == "article"]
    assert undated and all(e["date"] == ARTICLE_DATE for e in undated)
