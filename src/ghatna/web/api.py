"""The JSON API: code text, store articles, and the store's questions (documented at /docs)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from pydantic import BaseModel, Field

from ghatna.errors import GhatnaError
from ghatna.store import FilterError, Filters, StoreError
from ghatna.store.rows import _plain, record_from_row

router = APIRouter(prefix="/api", tags=["api"])


class CodeRequest(BaseModel):
    text: str = Field(description="The article, in Gujarati.")
    date: str | None = Field(None, description="Article date YYYY-MM-DD (dates relative expressions).")
    lang: str = Field("gu", description="Language pack code.")


class ArticleRequest(CodeRequest):
    id: str | None = Field(None, description="Article id (default: the start of its content hash).")
    url: str | None = None
    title: str | None = None
    source: str | None = Field(None, description="The news source.")


def _code(req: CodeRequest, doc_id: str = "doc") -> list[dict[str, Any]]:
    from ghatna import code

    try:
        return [e.to_dict() for e in code(req.text, doc_id=doc_id, date=req.date, lang=req.lang)]
    except GhatnaError as e:
        raise HTTPException(status_code=422, detail=str(e)) from None


@router.post("/code", summary="Code a text: its event records (DESIGN.md §2)")
def code_text(req: CodeRequest) -> list[dict[str, Any]]:
    if not req.text.strip():
        raise HTTPException(status_code=422, detail="text is empty")
    return _code(req)


@router.post("/articles", summary="Code an article and store it", status_code=201)
def store_article(req: ArticleRequest, request: Request) -> dict[str, Any]:
    from ghatna import parse_date
    from ghatna.readers import Article
    from ghatna.store.rows import content_hash

    if not req.text.strip():
        raise HTTPException(status_code=422, detail="text is empty")
    try:
        parse_date(req.date)
    except GhatnaError as e:
        raise HTTPException(status_code=422, detail=str(e)) from None
    digest = content_hash(req.text)
    article = Article(req.id or digest[:12], req.text, req.date, req.lang, "api", req.url, req.title, req.source)
    with request.app.state.store.write() as store:
        report = store.ingest([article])
        if report.failed:
            raise HTTPException(status_code=422, detail="; ".join(report.errors))
        row = next(store.query("SELECT id FROM articles WHERE content_hash = ?", [digest]))
        stored = store.article(row[0])
    assert stored is not None
    return {"id": stored["id"], "stored": report.articles == 1, "already_stored": report.skipped == 1,
            "events": [record_from_row(e) for e in stored["events"]]}


def _filters(**kw: Any) -> Filters:
    try:
        return Filters.parse(**kw)
    except FilterError as e:
        raise HTTPException(status_code=422, detail=str(e)) from None


@router.get("/events", summary="Stored events matching filters, paged")
def list_events(
    request: Request,
    actor: str | None = None, source: str | None = None, target: str | None = None,
    dyad: Annotated[str | None, Query(description="A,B: events between A and B, either way")] = None,
    cameo: str | None = None, plover: str | None = None, quad: int | None = None,
    since: str | None = None, until: str | None = None,
    factuality: Annotated[str | None, Query(description="comma-separated, or all")] = None,
    distinct: bool = False,
    page: Annotated[int, Query(ge=1)] = 1,
    per_page: Annotated[int, Query(ge=1, le=500)] = 50,
) -> dict[str, Any]:
    f = _filters(actor=actor, source=source, target=target, dyad=dyad, cameo=cameo, plover=plover, quad=quad,
                 since=since, until=until, factuality=factuality, limit=per_page)
    with request.app.state.store.read() as store:
        total = store.count(f, distinct=distinct)
        frame = store.events(f, distinct=distinct, offset=(page - 1) * per_page)
    events = [record_from_row(r, r.get("sentence_text")) for r in frame.to_dict("records")]
    return {"total": total, "page": page, "per_page": per_page, "events": events}


@router.get("/dyad", summary="Cooperation and conflict between two actors over time")
def dyad(
    request: Request, a: str, b: str,
    by: Annotated[str, Query(pattern="^(month|year)$")] = "month",
    count: Annotated[str, Query(pattern="^(events|mentions)$")] = "events",
    factuality: str | None = None,
) -> dict[str, Any]:
    f = _filters(factuality=factuality)
    with request.app.state.store.read() as store:
        try:
            frame = store.dyad(a, b, by=by, count=count, filters=f)
        except StoreError as e:
            raise HTTPException(status_code=422, detail=str(e)) from None
    return {"a": a, "b": b, "by": by, "count": count, "rows": frame.to_dict("records")}


@router.get("/network", summary="The actor network of a period (node-link JSON)")
def network(
    request: Request, since: str | None = None, until: str | None = None, factuality: str | None = None,
    count: Annotated[str, Query(pattern="^(events|mentions)$")] = "events",
) -> dict[str, Any]:
    import networkx as nx

    f = _filters(since=since, until=until, factuality=factuality)
    with request.app.state.store.read() as store:
        graph = store.network(f, count=count)
    data: dict[str, Any] = nx.node_link_data(graph, edges="edges")
    return data


@router.get("/articles/{article_id}", summary="A stored article with its sentences and events")
def get_article(article_id: str, request: Request) -> dict[str, Any]:
    with request.app.state.store.read() as store:
        art = store.article(article_id)
    if art is None:
        raise HTTPException(status_code=404, detail=f"no article {article_id!r}")
    sentences = {s["idx"]: s["text"] for s in art["sentences"]}
    return {
        "id": art["id"], "title": art["title"], "url": art["url"], "source": art["source"],
        "published": art["published"].isoformat() if art["published"] else None, "lang": art["lang"],
        "text": art["text"], "sentences": [{k: _plain(v) for k, v in s.items()} for s in art["sentences"]],
        "events": [record_from_row(e, sentences.get(e["sentence_index"])) for e in art["events"]],
    }
