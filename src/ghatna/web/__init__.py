"""The web app: read an article through its events, explore the store, and an HTTP API.

``create_app(db, max_body)`` builds the FastAPI application that ``ghatna serve`` runs on uvicorn:
pages from Jinja templates (text escaped everywhere), static files served from the package, and the
JSON API under ``/api`` (documented at ``/docs``). Queries open the store read-only; storing an article
opens it for writing; one lock keeps the two from overlapping.
"""

from __future__ import annotations

import asyncio
import html
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import ClientDisconnect
from starlette.responses import Response

from ghatna.store import Store, StoreBusy, default_path

HERE = Path(__file__).parent
DEFAULT_MAX_BODY = 2 * 1024 * 1024
#: seconds a request waits for a store another process (an ingest) is writing, before 503
WAIT = 2.0
#: seconds a client has to send its whole request body
BODY_TIMEOUT = 30.0
RETRY_AFTER = "10"


class StoreAccess:
    """Opens the store per request: read-only for questions (many at once), writable to store an
    article (alone: it waits for the readers to finish, and new readers wait for it)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._cond = threading.Condition()
        self._readers = 0
        self._writing = False
        with Store(path):  # create (or migrate) it once, so that read-only opens work
            pass

    @contextmanager
    def read(self) -> Iterator[Store]:
        with self._cond:
            self._cond.wait_for(lambda: not self._writing)
            self._readers += 1
        try:
            with Store(self.path, read_only=True, wait=WAIT) as store:
                yield store
        finally:
            with self._cond:
                self._readers -= 1
                self._cond.notify_all()

    @contextmanager
    def write(self) -> Iterator[Store]:
        with self._cond:
            self._cond.wait_for(lambda: not self._writing)
            self._writing = True
            self._cond.wait_for(lambda: self._readers == 0)
        try:
            with Store(self.path, wait=WAIT) as store:
                yield store
        finally:
            with self._cond:
                self._writing = False
                self._cond.notify_all()


class BodyLimit(BaseHTTPMiddleware):
    """Read request bodies here, within limits: over ``max_body`` bytes (by header or by what arrives)
    is 413; a body that has not arrived within ``timeout`` seconds (a slow or stalled client) is 408."""

    def __init__(self, app: FastAPI, max_body: int, timeout: float = BODY_TIMEOUT) -> None:
        super().__init__(app)
        self.max_body = max_body
        self.timeout = timeout

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        length = request.headers.get("content-length")
        if length is not None and length.isdigit() and int(length) > self.max_body:
            return self._too_big()
        if request.method in ("POST", "PUT", "PATCH"):
            try:
                body = await asyncio.wait_for(self._read(request), self.timeout)
            except TimeoutError:
                return JSONResponse({"detail": f"request body not received within {self.timeout:g} s"},
                                    status_code=408, headers={"Connection": "close"})
            except ClientDisconnect:
                return Response(status_code=400)
            if body is None:
                return self._too_big()
            request._body = body  # read once here, handed on to the route
        return await call_next(request)

    async def _read(self, request: Request) -> bytes | None:
        chunks = bytearray()
        async for chunk in request.stream():
            chunks += chunk
            if len(chunks) > self.max_body:
                return None
        return bytes(chunks)

    def _too_big(self) -> Response:
        return JSONResponse({"detail": f"request body over {self.max_body} bytes"}, status_code=413,
                            headers={"Connection": "close"})


async def _busy(request: Request, exc: StoreBusy) -> Response:
    """503 with Retry-After while another process (an ingest) writes the store."""
    headers = {"Retry-After": RETRY_AFTER}
    if request.url.path.startswith("/api"):
        return JSONResponse({"detail": str(exc)}, status_code=503, headers=headers)
    body = (f"<!doctype html><title>ghatna: busy</title><p>{html.escape(str(exc))}</p>"
            f"<p>Try again in a few seconds.</p>")
    return HTMLResponse(body, status_code=503, headers=headers)


def create_app(db: Path | str | None = None, max_body: int = DEFAULT_MAX_BODY,
               body_timeout: float = BODY_TIMEOUT) -> FastAPI:
    from ghatna import __version__
    from ghatna.web import api, pages

    app = FastAPI(title="ghatna", version=__version__,
                  description="Political event data from Gujarati news: code text, store it, ask the store.")
    app.state.store = StoreAccess(Path(db) if db else default_path())
    app.state.max_body = max_body
    app.add_middleware(BodyLimit, max_body=max_body, timeout=body_timeout)  # type: ignore[arg-type]
    app.add_exception_handler(StoreBusy, _busy)  # type: ignore[arg-type]
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    return app
