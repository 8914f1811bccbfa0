"""Load on the web app over loopback: concurrent clients coding text and reading stored events.

Starts ``ghatna serve`` on a free port with a store of the bundled examples (or uses ``--url``), then
runs ``--clients`` clients for ``--seconds``: each in turn POSTs a sentence of the examples to
``/api/code`` and GETs a page of ``/api/events`` (filters varied). Prints requests, errors, requests
per second and the p50/p99 latency of each endpoint; exits 1 if any request failed (a status other
than 200/201 or a transport error). ``make load`` runs the long form (50 clients, 60 seconds).

    .venv/bin/python bench/load.py [--clients 50] [--seconds 60] [--url http://127.0.0.1:8000]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
FILTERS = ({}, {"actor": "IND"}, {"dyad": "IND,PAK"}, {"quad": "4"}, {"since": "2024"}, {"cameo": "19"})


def sentences() -> list[str]:
    from ghatna import load_language

    morph = load_language("gu").morphology
    out = []
    for path in sorted((ROOT / "examples").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        out += [text[a:b] for a, b in morph.split_sentences(text)]
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(tmp: Path) -> tuple[subprocess.Popen[bytes], str]:
    db = tmp / "load.duckdb"
    for path, day in (("state-visit", "2025-08-30"), ("sanctions-dispute", "2025-10-01"),
                      ("border-clash", "2024-11-15")):
        subprocess.run([sys.executable, "-m", "ghatna", "ingest", "--db", str(db), "--date", day,
                        str(ROOT / "examples" / f"{path}.txt")], check=True, capture_output=True)
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "ghatna", "serve", "--db", str(db), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/api/events?limit=1", timeout=2).status_code == 200:
                return server, url
        except httpx.HTTPError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("the server did not start")


async def client(http: httpx.AsyncClient, texts: list[str], until: float, seed: int,
                 results: dict[str, list[float]], errors: list[str]) -> None:
    rng = random.Random(seed)
    turn = seed % 2
    while time.monotonic() < until:
        turn ^= 1
        start = time.perf_counter()
        try:
            if turn:
                r = await http.post("/api/code", json={"text": rng.choice(texts), "date": "2025-01-01"})
                name = "POST /api/code"
            else:
                r = await http.get("/api/events", params={"limit": 20, **rng.choice(FILTERS)})
                name = "GET /api/events"
        except httpx.HTTPError as e:
            errors.append(f"{type(e).__name__}: {e}")
            continue
        results.setdefault(name, []).append(time.perf_counter() - start)
        if r.status_code not in (200, 201):
            errors.append(f"{name}: HTTP {r.status_code} {r.text[:120]}")


async def run(url: str, clients: int, seconds: float) -> dict[str, object]:
    texts = sentences()
    results: dict[str, list[float]] = {}
    errors: list[str] = []
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=60) as http:
        until = time.monotonic() + seconds
        started = time.perf_counter()
        await asyncio.gather(*(client(http, texts, until, n, results, errors) for n in range(clients)))
        elapsed = time.perf_counter() - started
    report: dict[str, object] = {"clients": clients, "seconds": round(elapsed, 1),
                                 "requests": sum(map(len, results.values())) + len(errors), "errors": len(errors),
                                 "first_errors": errors[:5]}
    for name, times in sorted(results.items()):
        q = statistics.quantiles(times, n=100) if len(times) > 1 else times * 99
        report[name] = {"requests": len(times), "per_second": round(len(times) / elapsed, 1),
                        "p50_ms": round(q[49] * 1000, 1), "p99_ms": round(q[98] * 1000, 1)}
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--url", help="an app already running (default: start one)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        server, url = (None, args.url) if args.url else start_server(Path(tmp))
        try:
            report = asyncio.run(run(url, args.clients, args.seconds))
        finally:
            if server is not None:
                server.terminate()
                server.wait(timeout=30)
    if args.json:
        print(json.dumps(report))
    else:
        for key, value in report.items():
            print(f"{key:<16} {value}")
    sys.exit(1 if report["errors"] else 0)


if __name__ == "__main__":
    main()
