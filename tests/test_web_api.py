"""The HTTP API: every endpoint, its errors (422), the body limit (413), read-only queries."""

from __future__ import annotations

import warnings

import pytest

from ghatna.readers import Article
from ghatna.store import Store

warnings.filterwarnings("ignore", message=".*httpx.*")
from fastapi.testclient import TestClient  # noqa: E402

from ghatna.web import create_app  # noqa: E402

SANCTIONS = "અમેરિકાએ ગઈકાલે ઉત્તર કોરિયા પર નવા પ્રતિબંધો લગાવ્યા છે."
CRITIQUE = "ભારતે 2019માં પાકિસ્તાનની આકરી ટીકા કરી હતી. પાકિસ્તાને ભારત પર હુમલો કરવાની ધમકી આપી."
HELP = "રશિયા ઉત્તર કોરિયાની મદદ કરી શકે છે."


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "web.duckdb"
    with Store(path) as store:
        store.ingest([Article("sanctions", SANCTIONS, "2024-03-05"), Article("critique", CRITIQUE, "2024-03-06"),
                      Article("help", HELP, "2024-03-07")])
    return path


@pytest.fixture
def client(db):
    return TestClient(create_app(db, max_body=64 * 1024))


def test_code_returns_the_event_records(client) -> None:
    r = client.post("/api/code", json={"text": SANCTIONS, "date": "2024-03-05"})
    assert r.status_code == 200
    events = r.json()
    assert [(e["source"]["country"], e["target"]["country"], e["cameo"]) for e in events] == [("USA", "PRK", "163")]
    e = events[0]
    assert set(e) >= {"id", "doc_id", "lang", "sentence_index", "sentence_text", "sentence_start", "sentence_end",
                      "source", "target", "trigger", "cameo", "cameo_label", "plover", "goldstein", "quad_class",
                      "factuality", "date", "date_basis", "location"}
    assert e["date"] == "2024-03-04" and e["date_basis"] == "text"
    assert SANCTIONS[e["trigger"]["start"]:e["trigger"]["end"]] == e["trigger"]["text"]


@pytest.mark.parametrize(("body", "status"), [
    ({"text": ""}, 422),
    ({"text": "   "}, 422),
    ({"text": SANCTIONS, "date": "5 March"}, 422),
    ({"text": "The United States imposed sanctions."}, 422),
    ({"text": SANCTIONS, "lang": "xx"}, 422),
    ({"date": "2024-01-01"}, 422),
    ([1, 2, 3], 422),
])
def test_code_refuses_bad_requests_with_422(client, body, status) -> None:
    r = client.post("/api/code", json=body)
    assert r.status_code == status
    assert r.json()["detail"]


def test_body_over_the_limit_is_refused_with_413(client) -> None:
    big = {"text": "ભારત " * 20000}
    assert client.post("/api/code", json=big).status_code == 413
    assert client.post("/api/articles", json=big).status_code == 413


def test_body_limit_also_holds_without_a_content_length(client) -> None:
    def chunks():
        for _ in range(100):
            yield b"x" * 1024

    r = client.post("/api/code", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413


def test_the_body_limit_is_configurable(db) -> None:
    small = TestClient(create_app(db, max_body=50))
    assert small.post("/api/code", json={"text": SANCTIONS}).status_code == 413
    roomy = TestClient(create_app(db, max_body=10_000))
    assert roomy.post("/api/code", json={"text": SANCTIONS}).status_code == 200


def test_storing_an_article_then_reading_it_back(client) -> None:
    text = "ચીને ભારતની ટીકા કરી."
    r = client.post("/api/articles", json={"text": text, "date": "2024-04-01", "id": "china-india",
                                           "title": "ટીકા", "source": "test"})
    assert r.status_code == 201
    body = r.json()
    assert body["stored"] is True and body["id"] == "china-india"
    assert [(e["source"]["country"], e["cameo"]) for e in body["events"]] == [("CHN", "111")]
    again = client.post("/api/articles", json={"text": text, "id": "another-id"}).json()
    assert again["stored"] is False and again["already_stored"] is True and again["id"] == "china-india"
    art = client.get("/api/articles/china-india").json()
    assert art["text"] == text and art["title"] == "ટીકા" and art["published"] == "2024-04-01"
    assert art["events"][0]["sentence_text"] == text


def test_unknown_article_is_404(client) -> None:
    assert client.get("/api/articles/no-such-article").status_code == 404


def test_events_are_filtered_and_paged(client) -> None:
    r = client.get("/api/events", params={"factuality": "all", "per_page": 2})
    body = r.json()
    assert r.status_code == 200 and body["total"] >= 3 and len(body["events"]) == 2
    page2 = client.get("/api/events", params={"factuality": "all", "per_page": 2, "page": 2}).json()
    assert {e["id"] for e in page2["events"]}.isdisjoint({e["id"] for e in body["events"]})
    usa = client.get("/api/events", params={"actor": "USA"}).json()
    assert {e["cameo"] for e in usa["events"]} == {"163"}
    dyad = client.get("/api/events", params={"dyad": "PAK,IND", "factuality": "all"}).json()
    pairs = {(e["source"]["country"], e["target"]["country"]) for e in dyad["events"]}
    assert pairs == {("IND", "PAK"), ("PAK", "IND")}
    default = client.get("/api/events").json()
    assert all(e["factuality"] in ("asserted", "reported") for e in default["events"])
    hypothetical = client.get("/api/events", params={"factuality": "hypothetical"}).json()
    assert hypothetical["events"] and all(e["factuality"] == "hypothetical" for e in hypothetical["events"])
    since = client.get("/api/events", params={"since": "2020", "factuality": "all"}).json()
    assert all((e["date"] or "9999") >= "2020" for e in since["events"])


@pytest.mark.parametrize("params", [
    {"per_page": 0}, {"per_page": 501}, {"page": 0}, {"since": "last year"}, {"until": "2024-13"},
    {"quad": 9}, {"quad": "x"}, {"factuality": "certain"}, {"cameo": "violence"}, {"dyad": "IND"},
])
def test_bad_event_parameters_are_422(client, params) -> None:
    r = client.get("/api/events", params=params)
    assert r.status_code == 422
    assert r.json()["detail"]


def test_dyad_series(client) -> None:
    rows = client.get("/api/dyad", params={"a": "IND", "b": "PAK", "by": "year", "factuality": "all"}).json()["rows"]
    assert {(r["period"], r["direction"]) for r in rows} >= {("2019", "IND→PAK")}
    ind = next(r for r in rows if r["direction"] == "IND→PAK")
    assert ind["verbal_conflict"] == 1 and ind["goldstein_mean"] < 0
    assert client.get("/api/dyad", params={"a": "IND", "b": "PAK", "by": "week"}).status_code == 422
    assert client.get("/api/dyad", params={"a": "IND"}).status_code == 422


def test_network_is_node_link_json(client) -> None:
    data = client.get("/api/network", params={"factuality": "all"}).json()
    nodes = {n["id"] for n in data["nodes"]}
    assert {"USA", "PRK", "IND", "PAK"} <= nodes
    edge = next(e for e in data["edges"] if (e["source"], e["target"]) == ("USA", "PRK"))
    assert edge["weight"] == 1 and edge["goldstein"] == -8.0
    assert client.get("/api/network", params={"since": "soon"}).status_code == 422


def test_openapi_documents_every_endpoint(client) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/code", "/api/articles", "/api/events", "/api/dyad", "/api/network",
            "/api/articles/{article_id}"} <= set(paths)
    assert client.get("/docs").status_code == 200


def test_queries_open_the_store_read_only(db, monkeypatch) -> None:
    import ghatna.web as web

    opened = []
    real = web.Store

    def spy(path=None, read_only=False, **kw):
        opened.append(read_only)
        return real(path, read_only=read_only, **kw)

    monkeypatch.setattr(web, "Store", spy)
    c = TestClient(create_app(db))
    opened.clear()
    for url in ("/api/events", "/api/dyad?a=IND&b=PAK", "/api/network", "/api/articles/help", "/events",
                "/network", "/timeline?actor=USA", "/articles/help"):
        assert c.get(url).status_code == 200, url
    assert opened and all(opened)
    c.post("/api/articles", json={"text": "ચીને જાપાનની ટીકા કરી."})
    assert opened[-1] is False


def test_pages_escape_article_markup(client) -> None:
    text = "<script>alert('x')</script> " + SANCTIONS
    r = client.post("/read", data={"text": text})
    assert r.status_code == 200
    assert "<script>alert" not in r.text and "&lt;script&gt;" in r.text
    assert 'class="hl' in r.text


def test_read_page_stores_on_request(client) -> None:
    r = client.post("/read", data={"text": "જાપાને ચીનની ટીકા કરી.", "store": "1"})
    assert "Stored as" in r.text
    events = client.get("/api/events", params={"actor": "JPN"}).json()["events"]
    assert [(e["source"]["country"], e["target"]["country"]) for e in events] == [("JPN", "CHN")]


def test_read_page_accepts_an_uploaded_text_and_refuses_other_files(client) -> None:
    ok = client.post("/read", files={"file": ("a.txt", SANCTIONS.encode(), "text/plain")})
    assert ok.status_code == 200 and "United States" in ok.text
    bad = client.post("/read", files={"file": ("a.pdf", b"%PDF-1.4", "application/pdf")})
    assert bad.status_code == 422 and "upload a .txt or .html" in bad.text
    latin1 = client.post("/read", files={"file": ("a.txt", "café".encode("latin-1"), "text/plain")})
    assert latin1.status_code == 422 and "not UTF-8" in latin1.text
