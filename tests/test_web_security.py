"""Nothing a user sends is rendered unescaped, static files stay in their folder, user text never
becomes SQL, query endpoints cannot write, and the server binds to this machine unless told otherwise."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from ghatna.store import Store
from ghatna.web import create_app
from ghatna.web.views import web_link

SENTENCE = "અમેરિકાએ ઉત્તર કોરિયા પર પ્રતિબંધો લાદ્યા."
PAYLOADS = ("<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "'><svg onload=alert(1)>",
            "{{7*7}}", "</textarea><script>x</script>")
#: what must never appear in a page: live markup from a payload, or a link to a script URL
LIVE = re.compile(r"<script>alert|<script>x|<img src=x|<svg onload|href=\"javascript:|href=\"data:", re.I)


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    return TestClient(create_app(tmp_path / "s.duckdb"))


def _store_hostile(client: TestClient) -> list[str]:
    ids = []
    for n, payload in enumerate(PAYLOADS):
        r = client.post("/api/articles", json={
            "id": f"a{n}{payload}", "text": f"{SENTENCE} {payload} {n}", "title": payload,
            "url": "javascript:alert(1)" if n % 2 else "data:text/html,<script>alert(1)</script>",
            "source": payload, "date": "2024-01-02"})
        assert r.status_code == 201, r.text
        ids.append(r.json()["id"])
    return ids


def test_no_page_renders_user_text_live(client: TestClient):
    from urllib.parse import quote

    ids = _store_hostile(client)
    urls = [f"/articles/{quote(i, safe='')}" for i in ids]
    urls += ["/events", "/events?actor=USA", "/network", "/timeline?a=USA&b=PRK"]
    urls += [f"/events?actor={quote(p)}" for p in PAYLOADS] + [f"/timeline?actor={quote(p)}" for p in PAYLOADS]
    urls += [f"/network?since={quote(p)}" for p in PAYLOADS] + [f"/articles/{quote(p, safe='')}" for p in PAYLOADS]
    for url in urls:
        r = client.get(url)
        assert r.status_code in (200, 404, 422), (url, r.status_code)
        assert not LIVE.search(r.text), url
    template = client.get(f"/articles/{quote(ids[3], safe='')}").text
    assert "<h1>{{7*7}}</h1>" in template  # a title is text, never a template
    for payload in PAYLOADS:
        r = client.post("/read", data={"text": f"{SENTENCE} {payload}"})
        assert r.status_code == 200 and not LIVE.search(r.text)
        assert "&lt;" in r.text or "&#34;" in r.text or "&#39;" in r.text or "{{7*7}}" in r.text


def test_a_stored_article_keeps_its_hostile_url_as_text_not_a_link(client: TestClient):
    ids = _store_hostile(client)
    from urllib.parse import quote

    page = client.get(f"/articles/{quote(ids[1], safe='')}").text
    assert "javascript:alert(1)" in page  # shown, escaped, as text
    assert 'href="javascript:' not in page
    assert web_link("https://example.com/x?a=1") == "https://example.com/x?a=1"
    for bad in ("javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,x", "vbscript:x", "//evil", "", None,
                "http://[::1"):
        assert web_link(bad) is None


def test_api_answers_json_never_html(client: TestClient):
    _store_hostile(client)
    for url in ("/api/events", "/api/events?actor=%3Cscript%3E", "/api/articles/%3Cscript%3E"):
        r = client.get(url)
        assert r.headers["content-type"].startswith("application/json"), url


@pytest.mark.parametrize("path", [
    "/static/../__init__.py", "/static/..%2f__init__.py", "/static/%2e%2e/%2e%2e/store/__init__.py",
    "/static/..%2F..%2Fstore%2F__init__.py", "/static//etc/passwd", "/static/%2fetc%2fpasswd",
    "/static/....//....//etc/passwd", "/static/..\\..\\__init__.py",
])
def test_static_files_cannot_leave_their_folder(client: TestClient, path: str):
    r = client.get(path)
    assert r.status_code in (400, 404), path
    assert "import" not in r.text and "root:" not in r.text


def test_static_files_are_served(client: TestClient):
    assert client.get("/static/ghatna.css").status_code == 200


SQL = ("IND' OR '1'='1", "x'); DROP TABLE events; --", "1; DELETE FROM articles", "\\' UNION SELECT * FROM articles --")


def test_user_text_never_becomes_sql(client: TestClient, tmp_path: Path):
    _store_hostile(client)
    with Store(tmp_path / "s.duckdb", read_only=True) as s:
        before = s.counts()
    for payload in SQL:
        for url, params in (("/api/events", {"actor": payload}), ("/api/events", {"cameo": payload}),
                            ("/api/events", {"since": payload}), ("/api/events", {"dyad": f"{payload},USA"}),
                            ("/api/events", {"factuality": payload}), ("/api/dyad", {"a": payload, "b": "USA"}),
                            ("/api/network", {"until": payload}), ("/events", {"actor": payload}),
                            (f"/api/articles/{payload}", {})):
            r = client.get(url, params=params)
            assert r.status_code in (200, 404, 422), (url, params, r.status_code)
            if r.status_code == 200 and url == "/api/events":
                assert r.json()["total"] == 0, (params, "a payload must match nothing, not everything")
    with Store(tmp_path / "s.duckdb", read_only=True) as s:
        assert s.counts() == before


def test_the_server_binds_to_this_machine_by_default(cli, monkeypatch, tmp_path: Path):
    import uvicorn

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append(kw))
    quiet = cli("serve", "--db", tmp_path / "s.duckdb")
    assert quiet.exit_code == 0 and calls[-1]["host"] == "127.0.0.1"
    assert "warning" not in quiet.stderr
    wide = cli("serve", "--db", tmp_path / "s.duckdb", "--host", "0.0.0.0")
    assert wide.exit_code == 0 and calls[-1]["host"] == "0.0.0.0"
    assert "warning: listening on 0.0.0.0" in wide.stderr and "no login" in wide.stderr
