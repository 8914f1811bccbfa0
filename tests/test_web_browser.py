"""The pages in a real headless browser (Debian's chromium driven by Playwright): paste an article,
see its events in the text, follow the links to the timeline and the network, at phone width and with
the keyboard."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from ghatna.readers import Article
from ghatna.store import Store

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                reason="chromium is not installed (.ci/run installs Debian's chromium)")

ARTICLE = (
    "અમેરિકાએ ગઈકાલે ઉત્તર કોરિયા પર નવા પ્રતિબંધો લગાવ્યા છે. "
    "ઉત્તર કોરિયાએ આ આરોપોને રદિયો આપ્યો છે. "
    "રશિયા ઉત્તર કોરિયાની મદદ કરી શકે છે. "
    "ભારતે 2019માં પાકિસ્તાનની આકરી ટીકા કરી હતી."
)
BROWSER_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    import uvicorn

    from ghatna.web import create_app

    db = tmp_path_factory.mktemp("web") / "pages.duckdb"
    with Store(db) as store:
        store.ingest([Article("clash", "ભારતે પાકિસ્તાન પર 2019માં હવાઈ હુમલો કર્યો. પાકિસ્તાને 2020માં ભારતની ટીકા કરી.",
                              "2021-01-01"),
                      Article("visit", "મોદીએ 2019માં જાપાનની મુલાકાત લીધી હતી.", "2021-01-02")])
    port = free_port()
    config = uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(200):
        if srv.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    yield pg
    context.close()


def code_article(page, server: str, text: str = ARTICLE) -> None:
    page.goto(f"{server}/read")
    page.fill("textarea#text", text)
    page.fill("input[name=date]", "2024-03-05")
    page.click("button[type=submit]")
    page.wait_for_selector(".events li")


def test_pasted_article_shows_its_events_in_the_text(page, server) -> None:
    code_article(page, server)
    assert page.locator(".hl.trigger").count() >= 4
    items = page.locator(".ev-item")
    texts = [items.nth(i).inner_text() for i in range(items.count())]
    assert any("United States → North Korea: imposed embargo" in t and "asserted" in t for t in texts)
    assert any("Russia → North Korea" in t and "hypothetical" in t for t in texts)
    assert "Reported as fact:" in page.locator(".digest").inner_text()
    # a non-asserted event looks different in the text and in the list
    hyp = page.locator(".hl.fact-hypothetical").first
    assert hyp.evaluate("el => getComputedStyle(el).borderBottomStyle") == "dashed"
    assert page.locator(".ev-item.fact-hypothetical").first.evaluate("el => getComputedStyle(el).fontStyle") == "italic"


def test_hovering_an_event_marks_its_words_and_shows_its_english(page, server) -> None:
    code_article(page, server)
    item = page.locator(".ev-item", has_text="imposed embargo").first
    item.hover()
    marked = page.locator(".hl.active")
    assert marked.count() >= 2  # trigger and actors
    assert "પ્રતિબંધો" in " ".join(marked.nth(i).inner_text() for i in range(marked.count()))
    title = page.locator(".hl.trigger", has_text="પ્રતિબંધો").first.get_attribute("title")
    assert "United States → North Korea: imposed embargo, 2024-03-04, asserted" in title
    codes = page.locator(".codes").first.inner_text()
    assert "CAMEO" in codes and "PLOVER" in codes and "Goldstein" in codes


def test_events_are_reachable_with_the_keyboard(page, server) -> None:
    code_article(page, server)
    page.locator(".ev-item").first.focus()
    assert page.locator(".hl.active").count() >= 1
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert "ev-item" in focused or "hl" in focused or focused == ""


def test_markup_in_an_article_shows_as_text(page, server) -> None:
    code_article(page, server, "<script>window.pwned = 1</script><b>ભારતે</b> " + ARTICLE)
    assert page.evaluate("window.pwned === undefined")
    assert "<script>" in page.locator(".text").inner_text()


def test_pages_fit_a_phone(browser, server) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 800}, is_mobile=True)
    pg = context.new_page()
    code_article(pg, server)
    for url in ("", "/events", "/timeline?a=IND&b=PAK&by=year", "/network"):
        if url:
            pg.goto(server + url)
        overflow = pg.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"{url or '/read'} is wider than a phone by {overflow}px"
    context.close()


def test_from_events_to_timeline_to_network_and_back(page, server) -> None:
    page.goto(f"{server}/events?factuality=all")
    assert page.locator(".events-table tbody tr").count() >= 3
    page.click("nav >> text=Timeline")
    page.fill("input[name=a]", "IND")
    page.fill("input[name=b]", "PAK")
    page.select_option("select[name=by]", "year")
    page.click("button[type=submit]")
    page.wait_for_selector("figure.chart svg")
    assert "IND ↔ PAK" in page.locator("h1").inner_text()
    page.click("text=the network")
    page.wait_for_selector("svg.network")
    page.locator("svg.network a", has_text="India").first.click()
    page.wait_for_url("**/events?actor=IND**")
    assert page.locator(".events-table tbody tr").count() >= 1


def test_an_event_links_to_its_sentence_in_its_article(page, server) -> None:
    page.goto(f"{server}/events?actor=JPN")
    page.locator(".events-table a").first.click()
    page.wait_for_selector(".text")
    assert "#s0" in page.url
    assert page.locator("#s0 .hl").count() >= 1
