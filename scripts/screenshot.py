"""Screenshot of the Read page coding one of the examples (docs/read-page.png, shown in the README).

    .venv/bin/python scripts/screenshot.py [examples/border-clash.txt] [--date 2024-11-15]
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import threading
import time
from pathlib import Path

import uvicorn
from playwright.sync_api import sync_playwright

from ghatna.evaluation import PROJECT_ROOT
from ghatna.web import create_app

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("article", nargs="?", default=str(PROJECT_ROOT / "examples" / "border-clash.txt"))
    parser.add_argument("--date", default="2024-11-15")
    parser.add_argument("--out", default=str(PROJECT_ROOT / "docs" / "read-page.png"))
    args = parser.parse_args()
    text = Path(args.article).read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        server = uvicorn.Server(uvicorn.Config(create_app(Path(tmp) / "s.duckdb"), port=8765, log_level="warning"))
        threading.Thread(target=server.run, daemon=True).start()
        while not server.started:
            time.sleep(0.05)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium", args=ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 1000})
            page.goto("http://127.0.0.1:8765/read")
            page.fill("textarea#text", text)
            page.fill("input[name=date]", args.date)
            page.click("button[type=submit]")
            page.wait_for_selector(".events li")
            page.locator(".ev-item").nth(1).hover()
            page.screenshot(path=args.out, full_page=False)
            browser.close()
        server.should_exit = True
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
