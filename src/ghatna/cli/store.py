"""Commands on the event store: ingest, recode, events, dyad, network, export."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ghatna.cli import Workers, app, err
from ghatna.errors import GhatnaError

if TYPE_CHECKING:
    from ghatna.store import IngestReport, Store

Db = Annotated[Path | None, typer.Option("--db", help="The store file (default: $GHATNA_DB or ./ghatna.duckdb).")]
ActorOpt = Annotated[str | None, typer.Option("--actor", help="Events with this actor on either side: a code "
                                              "(RUS, RUSGOV, IGOUNO) or an English name (Putin).")]
SourceOpt = Annotated[str | None, typer.Option("--source", help="Events whose source is this actor.")]
TargetOpt = Annotated[str | None, typer.Option("--target", help="Events whose target is this actor.")]
DyadOpt = Annotated[str | None, typer.Option("--dyad", help="Events between two actors, either way: A,B.")]
CameoOpt = Annotated[str | None, typer.Option("--cameo", help="A CAMEO root (19) or code (193).")]
PloverOpt = Annotated[str | None, typer.Option("--plover", help="A PLOVER event type (ASSAULT, CONSULT …).")]
QuadOpt = Annotated[int | None, typer.Option("--quad", help="QuadClass 1–4.")]
SinceOpt = Annotated[str | None, typer.Option("--since", help="Events on or after YYYY[-MM[-DD]].")]
UntilOpt = Annotated[str | None, typer.Option("--until", help="Events on or before YYYY[-MM[-DD]].")]
FactOpt = Annotated[str | None, typer.Option("--factuality", help="Comma-separated factualities, or all "
                                             "(default: asserted,reported).")]
LimitOpt = Annotated[int | None, typer.Option("--limit", help="At most this many rows.")]
CountOpt = Annotated[str, typer.Option("--count", help="Count real events (mentions grouped) or mentions.")]


Wait = Annotated[float, typer.Option(min=0, help="Seconds to wait while another process writes the store "
                                     "(then give up with a message).")]


def _open(db: Path | None, read_only: bool = False, wait: float | None = None) -> Store:
    """The store, waiting a while if another process is writing it; errors end the command."""
    from ghatna.store import WAIT_READ, WAIT_WRITE, Store, StoreError

    if wait is None:
        wait = WAIT_READ if read_only else WAIT_WRITE
    try:
        return Store(db, read_only=read_only, wait=wait, on_wait=err)
    except StoreError as e:
        err(str(e))
        raise typer.Exit(1) from None


def _filters(**kw: object):  # type: ignore[no-untyped-def]
    from ghatna.store import FilterError, Filters

    try:
        return Filters.parse(**kw)  # type: ignore[arg-type]
    except FilterError as e:
        err(f"[G011] {e}")
        raise typer.Exit(2) from None


@contextmanager
def _ingest_progress(what: str) -> Iterator[object]:
    """A progress bar with articles, sentences and events per second (on a terminal only)."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    bar = Progress(SpinnerColumn(), TextColumn(what), TextColumn("{task.fields[stats]}"), TimeElapsedColumn(),
                   console=Console(stderr=True), transient=True)
    task = bar.add_task(what, total=None, stats="")
    with bar:
        def update(report: IngestReport) -> None:
            s = max(report.seconds, 1e-9)
            bar.update(task, stats=(f"{report.articles} articles ({report.articles / s:.1f}/s), "
                                    f"{report.sentences} sentences ({report.sentences / s:.0f}/s), "
                                    f"{report.events} events ({report.events / s:.0f}/s)"))
        yield update


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Articles: .txt files, directories, '-', .jsonl files of "
                                               "{id, text, date, url, title, source}, HTML pages, RSS/Atom feeds.")],
    source: Annotated[str | None, typer.Option(help="The news source, for articles that do not name one.")] = None,
    date: Annotated[str | None, typer.Option(help="Article date YYYY-MM-DD for inputs that carry none.")] = None,
    db: Db = None,
    batch_size: Annotated[int | None, typer.Option(
        help="Articles per transaction (default: 1000).", show_default=False)] = None,
    workers: Workers = None,
    wait: Wait = 60.0,
) -> None:
    """Code articles and store them with their events; articles already stored are skipped.

    DuckDB may use $GHATNA_STORE_MEMORY (default 64MB) of memory while it writes."""
    import time

    from ghatna import parse_date
    from ghatna.readers import iter_articles
    from ghatna.store import BATCH_SIZE

    try:
        parse_date(date)
    except GhatnaError as e:
        err(str(e))
        raise typer.Exit(2) from None
    store = _open(db, wait=wait)
    with store, _ingest_progress("ingesting") as update:
        started = time.perf_counter()

        def progress(report: IngestReport) -> None:
            report.seconds = time.perf_counter() - started
            if update:
                update(report)  # type: ignore[operator]

        try:
            report = store.ingest(iter_articles(paths, rich=True), source=source, date=date,
                                  batch_size=BATCH_SIZE if batch_size is None else max(batch_size, 1),
                                  progress=progress, on_error=err, workers=workers)
        except GhatnaError as e:
            err(f"{e} — the articles stored before it are kept; run the same ingest again to go on")
            raise typer.Exit(1) from None
    err(report.summary())
    if report.articles == 0 and report.skipped == 0:
        raise typer.Exit(1)


@app.command()
def recode(db: Db = None, workers: Workers = None, wait: Wait = 60.0) -> None:
    """Code the stored articles again (after the coder improved): events replaced, articles kept.

    DuckDB may use $GHATNA_STORE_MEMORY (default 64MB) of memory while it writes."""
    store = _open(db, wait=wait)
    try:
        with store, _ingest_progress("recoding") as update:
            report = store.recode(progress=update, workers=workers)  # type: ignore[arg-type]
    except GhatnaError as e:
        err(str(e))
        raise typer.Exit(1) from None
    err(f"recoded {report.articles} articles: {report.events} events in {report.seconds:.1f} s")


@app.command()
def events(
    actor: ActorOpt = None, source: SourceOpt = None, target: TargetOpt = None, dyad: DyadOpt = None,
    cameo: CameoOpt = None, plover: PloverOpt = None, quad: QuadOpt = None, since: SinceOpt = None,
    until: UntilOpt = None, factuality: FactOpt = None, limit: LimitOpt = None,
    distinct: Annotated[bool, typer.Option("--distinct", help="One row per real event (its first mention), "
                                           "with its number of mentions and articles.")] = False,
    fmt: Annotated[str | None, typer.Option("--format", help="table (default on a terminal), jsonl or csv.")] = None,
    db: Db = None,
) -> None:
    """Stored events matching the filters (asserted and reported unless --factuality says otherwise)."""
    from ghatna.render import print_events_frame

    f = _filters(actor=actor, source=source, target=target, dyad=dyad, cameo=cameo, plover=plover, quad=quad,
                 since=since, until=until, factuality=factuality, limit=limit)
    out_format = fmt or ("table" if sys.stdout.isatty() else "jsonl")
    if out_format not in ("table", "jsonl", "csv"):
        err(f"[G011] --format takes table, jsonl or csv, not {out_format!r}")
        raise typer.Exit(2)
    store = _open(db, read_only=True)
    with store:
        frame = store.events(f, distinct=distinct)
    if out_format == "jsonl":
        if len(frame):
            text = frame.to_json(orient="records", lines=True, force_ascii=False, date_format="iso")
            sys.stdout.write(text if text.endswith("\n") else text + "\n")
    elif out_format == "csv":
        frame.to_csv(sys.stdout, index=False)
    else:
        print_events_frame(frame)


@app.command()
def dyad(
    a: Annotated[str, typer.Argument(help="One actor (code or name).")],
    b: Annotated[str, typer.Argument(help="The other actor.")],
    by: Annotated[str, typer.Option(help="month or year.")] = "month",
    count: CountOpt = "events",
    factuality: FactOpt = None,
    plot: Annotated[Path | None, typer.Option(help="Also draw the series to FILE.png or FILE.svg.")] = None,
    db: Db = None,
) -> None:
    """Cooperation and conflict between two actors over time: QuadClass counts and Goldstein, both ways."""
    from ghatna.render import print_dyad
    from ghatna.store import StoreError

    f = _filters(factuality=factuality)
    if plot is not None and plot.suffix.lower() not in (".png", ".svg"):
        err(f"[G011] --plot takes a .png or .svg file, not {plot}")
        raise typer.Exit(2)
    store = _open(db, read_only=True)
    try:
        with store:
            frame = store.dyad(a, b, by=by, count=count, filters=f)
    except StoreError as e:
        err(str(e))
        raise typer.Exit(2) from None
    print_dyad(frame, a, b, count)
    if plot is not None:
        from ghatna.plot import dyad_chart

        dyad_chart(frame, a, b, plot)
        err(f"wrote {plot}")


@app.command()
def network(
    out: Annotated[Path, typer.Option("--out", help="FILE.graphml, FILE.gexf or FILE.json (node-link).")],
    since: SinceOpt = None, until: UntilOpt = None, factuality: FactOpt = None, count: CountOpt = "events",
    db: Db = None,
) -> None:
    """The actor network of a period: actors with their event counts, directed edges weighted by event
    count and mean Goldstein."""
    import json

    import networkx as nx

    suffix = out.suffix.lower()
    if suffix not in (".graphml", ".gexf", ".json"):
        err(f"[G011] --out takes a .graphml, .gexf or .json file, not {out}")
        raise typer.Exit(2)
    f = _filters(since=since, until=until, factuality=factuality)
    store = _open(db, read_only=True)
    with store:
        graph = store.network(f, count=count)
    if suffix == ".graphml":
        nx.write_graphml(graph, out)
    elif suffix == ".gexf":
        nx.write_gexf(graph, out)
    else:
        out.write_text(json.dumps(nx.node_link_data(graph, edges="edges"), ensure_ascii=False, indent=1) + "\n",
                       encoding="utf-8")
    err(f"wrote {out}: {graph.number_of_nodes()} actors, {graph.number_of_edges()} edges")


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", help="parquet, csv, gdelt (the GDELT 2.0 event table) or "
                                     "plover (PLOVER JSON records).")],
    out: Annotated[Path, typer.Option("--out", help="The file (or, for Parquet without .parquet, a directory "
                                      "partitioned by year and month).")],
    actor: ActorOpt = None, source: SourceOpt = None, target: TargetOpt = None, dyad: DyadOpt = None,
    cameo: CameoOpt = None, plover: PloverOpt = None, quad: QuadOpt = None, since: SinceOpt = None,
    until: UntilOpt = None, factuality: FactOpt = None,
    db: Db = None,
) -> None:
    """Write the stored events matching the filters in a format other tools read."""
    from ghatna.store.export import FORMATS

    if fmt not in FORMATS:
        err(f"[G011] --format takes {', '.join(FORMATS)}, not {fmt!r}")
        raise typer.Exit(2)
    f = _filters(actor=actor, source=source, target=target, dyad=dyad, cameo=cameo, plover=plover, quad=quad,
                 since=since, until=until, factuality=factuality)
    store = _open(db, read_only=True)
    with store:
        try:
            n = store.export(fmt, out, f)
        except (OSError, ValueError) as e:
            err(f"[G012] cannot write {out}: {str(e).splitlines()[0]}")
            raise typer.Exit(1) from None
    err(f"wrote {n} rows to {out}")
