"""The web app on a real socket: load from 50 concurrent clients with zero errors, and clean 4xx for
slow clients, oversized bodies, malformed JSON and wrong content types. The long load run (60 s) is
``make load``; here it runs for a few seconds."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
import uvicorn

from ghatna.web import create_app

ROOT = Path(__file__).resolve().parent.parent


def test_fifty_clients_get_no_errors():
    out = subprocess.run([sys.executable, str(ROOT / "bench" / "load.py"), "--clients", "50", "--seconds", "6",
                          "--json"], capture_output=True, text=True, timeout=300)
    report = json.loads(out.stdout.strip().splitlines()[-1])
    assert report["errors"] == 0, report["first_errors"]
    assert report["requests"] > 100
    assert report["POST /api/code"]["requests"] > 20 and report["GET /api/events"]["requests"] > 20


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    """The app on a free loopback port, with a short body timeout and a small body limit."""
    db = tmp_path_factory.mktemp("live") / "s.duckdb"
    app = create_app(db, max_body=4096, body_timeout=1.0)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield ("127.0.0.1", port)
    server.should_exit = True
    thread.join(timeout=10)


def _raw(addr: tuple[str, int], data: bytes, wait: float = 5.0) -> bytes:
    with socket.create_connection(addr, timeout=wait) as s:
        s.sendall(data)
        chunks = []
        try:
            while chunk := s.recv(65536):
                chunks.append(chunk)
        except TimeoutError:
            pass
    return b"".join(chunks)


def test_a_client_that_stalls_mid_body_gets_408(live):
    head = (b"POST /api/code HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: 200\r\n\r\n{\"text\": \"")
    started = time.monotonic()
    answer = _raw(live, head, wait=10)
    assert answer.startswith(b"HTTP/1.1 408"), answer[:200]
    assert time.monotonic() - started < 8


def test_bodies_over_the_limit_get_413_by_header_or_by_size(live):
    big = b"x" * 10_000
    answer = _raw(live, b"POST /api/code HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        b"Content-Length: %d\r\n\r\n" % len(big) + big)
    assert answer.startswith(b"HTTP/1.1 413")
    chunked = b"".join(b"%x\r\n%s\r\n" % (1000, b"y" * 1000) for _ in range(10)) + b"0\r\n\r\n"
    answer = _raw(live, b"POST /api/code HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        b"Transfer-Encoding: chunked\r\n\r\n" + chunked)
    assert answer.startswith(b"HTTP/1.1 413")


@pytest.mark.parametrize(("content_type", "body"), [
    ("application/json", b"{\"text\": "),
    ("application/json", b"[1, 2, 3]"),
    ("application/json", b"\"just a string\""),
    ("application/json", b"{\"text\": 5}"),
    ("application/json", b"\xff\xfe not utf-8"),
    ("text/plain", "ભારતે વિરોધ કર્યો.".encode()),
    ("application/x-www-form-urlencoded", b"text=abc"),
])
def test_malformed_json_and_wrong_content_types_get_422(live, content_type: str, body: bytes):
    r = httpx.post(f"http://{live[0]}:{live[1]}/api/code", content=body, headers={"Content-Type": content_type})
    assert r.status_code == 422, (content_type, body, r.status_code)
    assert r.headers["content-type"].startswith("application/json")


def test_the_server_is_healthy_after_all_that(live):
    base = f"http://{live[0]}:{live[1]}"
    r = httpx.post(f"{base}/api/code", json={"text": "ભારતે પાકિસ્તાનની ટીકા કરી."})
    assert r.status_code == 200 and r.json()
    assert httpx.get(f"{base}/api/events").status_code == 200
