"""The pages: Read (code an article and see its events in the text), Events, Article, Timeline,
Network. Templates escape all text."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from ghatna.errors import GhatnaError
from ghatna.store import FilterError, Filters, StoreBusy, StoreError
from ghatna.store.rows import record_from_row
from ghatna.web import HERE
from ghatna.web.views import event_views, highlight, network_svg, series_svg, web_link

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=HERE / "templates")
templates.env.filters["web_link"] = web_link
PER_PAGE = 50


def page(request: Request, name: str, status: int = 200, **context: Any) -> Response:
    return templates.TemplateResponse(request, name, {"nav": name.split(".")[0], **context}, status_code=status)


@router.get("/")
def home() -> RedirectResponse:
    return RedirectResponse("/read")


@router.get("/read", response_class=HTMLResponse)
def read_form(request: Request) -> Response:
    return page(request, "read.html", text="", date="")


def _upload_text(upload: UploadFile, data: bytes) -> str:
    from ghatna.readers import _html, check_text, decode

    name = upload.filename or "upload"
    if name.lower().endswith((".html", ".htm")):
        from pathlib import Path

        for item in _html(Path(name), data):
            if isinstance(item, GhatnaError):
                raise item
            return item.text
    if not name.lower().endswith(".txt"):
        raise GhatnaError(f"{name}: upload a .txt or .html file")
    return check_text(decode(data, name), name)


@router.post("/read", response_class=HTMLResponse)
async def read(request: Request, text: Annotated[str, Form()] = "", date: Annotated[str, Form()] = "",
               file: Annotated[UploadFile | None, File()] = None, store: Annotated[str, Form()] = "") -> Response:
    from ghatna import code_doc
    from ghatna.english import digest

    try:
        if file is not None and file.filename:
            text = _upload_text(file, await file.read())
        if not text.strip():
            return page(request, "read.html", 422, text=text, date=date, error="Paste an article or upload a file.")
        doc = code_doc(text, "article", date or None)
    except GhatnaError as e:
        return page(request, "read.html", 422, text=text, date=date, error=str(e))
    events = [e.to_dict() for e in doc.events]
    sentences = [(s.index, *doc.span(s.start, s.end)) for s in doc.sentences]
    stored_id = None
    if store:
        stored_id = _store(request, text, date)
    return page(request, "read.html", text=text, date=date, events=event_views(events),
                sentences=highlight(text, sentences, events), digest=digest(events), stored_id=stored_id)


def _store(request: Request, text: str, date: str) -> str:
    from ghatna.readers import Article
    from ghatna.store.rows import content_hash

    digest_ = content_hash(text)
    with request.app.state.store.write() as store:
        store.ingest([Article(digest_[:12], text, date or None, None, "web")], source="web")
        row = next(store.query("SELECT id FROM articles WHERE content_hash = ?", [digest_]))
    return str(row[0])


def _filters(params: dict[str, Any]) -> tuple[Filters | None, str | None]:
    try:
        return Filters.parse(**params), None
    except FilterError as e:
        return None, str(e)


FILTER_FIELDS = ("actor", "source", "target", "dyad", "cameo", "plover", "quad", "since", "until", "factuality")


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request, page_no: Annotated[int, Query(alias="page", ge=1)] = 1) -> Response:
    raw = {k: request.query_params.get(k) or None for k in FILTER_FIELDS}
    params: dict[str, Any] = dict(raw)
    error = None
    if params["quad"] is not None:
        try:
            params["quad"] = int(params["quad"])
        except ValueError:
            error = f"quad takes 1, 2, 3 or 4, not {params['quad']!r}"
    f, ferror = _filters({**params, "quad": params["quad"] if error is None else None, "limit": PER_PAGE})
    error = error or ferror
    rows: list[dict[str, Any]] = []
    total = 0
    if f is not None and error is None:
        with request.app.state.store.read() as store:
            total = store.count(f)
            frame = store.events(f, offset=(page_no - 1) * PER_PAGE)
        rows = event_views([record_from_row(r, r.get("sentence_text")) for r in frame.to_dict("records")])
    query = "&".join(f"{k}={v}" for k, v in raw.items() if v)
    pages = max(1, -(-total // PER_PAGE))
    return page(request, "events.html", 422 if error else 200, rows=rows, total=total, page_no=page_no,
                pages=pages, filters=raw, query=query, error=error)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str) -> Response:
    with request.app.state.store.read() as store:
        art = store.article(article_id)
    if art is None:
        return page(request, "article.html", 404, article=None, article_id=article_id)
    events = [record_from_row(e) for e in art["events"]]
    sentences = [(int(s["idx"]), int(s["start_char"]), int(s["end_char"])) for s in art["sentences"]]
    return page(request, "article.html", article=art, events=event_views(events),
                sentences=highlight(art["text"], sentences, events))


@router.get("/timeline", response_class=HTMLResponse)
def timeline(request: Request, actor: str | None = None, a: str | None = None, b: str | None = None,
             by: str = "month", factuality: str | None = None) -> Response:
    chart, error, title = "", None, ""
    f, error = _filters({"factuality": factuality})
    if error is None and f is not None and (actor or (a and b)):
        try:
            with request.app.state.store.read() as store:
                if a and b:
                    title = f"{a} ↔ {b}"
                    frame = store.dyad(a, b, by=by, filters=f)
                else:
                    title = str(actor)
                    f.actor = actor
                    frame = store.series(f, by=by)
            chart = series_svg(frame, title) if len(frame) else ""
        except StoreBusy:
            raise
        except StoreError as e:
            error = str(e)
    return page(request, "timeline.html", 422 if error else 200, chart=chart, error=error, actor=actor or "",
                a=a or "", b=b or "", by=by, factuality=factuality or "", title=title)


@router.get("/network", response_class=HTMLResponse)
def network_page(request: Request, since: str | None = None, until: str | None = None,
                 factuality: str | None = None) -> Response:
    f, error = _filters({"since": since, "until": until, "factuality": factuality})
    svg = ""
    if f is not None:
        with request.app.state.store.read() as store:
            graph = store.network(f)
        svg = network_svg(graph)
    return page(request, "network.html", 422 if error else 200, svg=svg, error=error, since=since or "",
                until=until or "", factuality=factuality or "")
