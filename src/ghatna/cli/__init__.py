"""The command line: parse arguments, call the façade, print. Errors become one line on stderr."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from ghatna.errors import GhatnaError

if TYPE_CHECKING:
    from ghatna.model import Doc, Event

T = TypeVar("T")

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="ghatna (ઘટના): political event data from Gujarati news.")


class Format(StrEnum):
    table = "table"
    jsonl = "jsonl"


def err(message: str) -> None:
    """One line on stderr (errors and notes, never data)."""
    typer.echo(message, err=True)


@app.callback()
def _main() -> None:
    """ghatna (ઘટના): political event data from Gujarati news."""


Workers = Annotated[int | None, typer.Option("--workers", "-j", min=1, help="Processes coding in parallel "
                                          "(default: one per core); the output is the same, in the same order.")]


@app.command()
def code(
    paths: Annotated[list[str], typer.Argument(help="Article .txt files, directories (every .txt below), "
                                               "'-' for standard input, or .jsonl files of {id, text, date, lang}.")],
    date: Annotated[str | None, typer.Option(help="Article date YYYY-MM-DD for inputs that carry none.")] = None,
    lang: Annotated[str, typer.Option(help="Language of the text (a language pack code).")] = "gu",
    fmt: Annotated[Format | None, typer.Option("--format", help="table (default on a terminal) or jsonl "
                                               "(the event records, one a line).")] = None,
    workers: Workers = None,
) -> None:
    """Code articles into events: who did what to whom, when, and how sure the text is."""
    from ghatna import load_language, parse_date
    from ghatna.parallel import CHUNK, Job, code_stream
    from ghatna.readers import LONG_LINE, RawLine, iter_articles
    from ghatna.render import EventTable

    try:
        parse_date(date)
        load_language(lang)
    except GhatnaError as e:
        err(str(e))
        raise typer.Exit(2) from None
    out_format = fmt or (Format.table if sys.stdout.isatty() else Format.jsonl)
    table = EventTable() if out_format is Format.table else None
    failed = 0

    def jobs() -> Iterator[Job[str]]:
        """The articles, each with where it came from; JSONL lines unparsed (the workers read them)."""
        nonlocal failed
        for item in iter_articles(paths, defer=True):
            if isinstance(item, GhatnaError):
                err(str(item))
                failed += 1
            elif isinstance(item, RawLine):
                yield Job(item, item.default_id, date, lang, item.where)
            else:
                yield Job(item.text, item.id, item.date or date, item.lang or lang, item.origin)

    coded = 0
    extract: Callable[[Doc], Any] = coded_events if table is not None else coded_lines
    with _progress() as progress:
        # files are coded in batches; standard input article by article, as it comes (a live feed)
        ahead = 1 if "-" in paths else CHUNK
        try:
            for job, result, error in code_stream(jobs(), extract, workers, ahead=ahead):
                if result is None:
                    err(error or f"{job.doc_id}: not coded")
                    failed += 1
                    continue
                doc_id, long, value = result
                for n in long:
                    err(f"{job.payload}: line {n} is over {LONG_LINE} characters; it is coded in "
                        "sentence-sized pieces")
                coded += 1
                progress(doc_id)
                if table is not None:
                    table.add(doc_id, value)
                else:
                    sys.stdout.write(value)
        except GhatnaError as e:  # the run cannot go on (a worker died): what was written stays
            err(str(e))
            raise typer.Exit(1) from None
    if table is not None:
        table.print()
    if coded == 0:
        err(f"nothing coded ({failed} input(s) failed)" if failed else "nothing to code")
        raise typer.Exit(1)


def event_lines(doc: Doc) -> str:
    """The document's event records as JSON lines (made in the worker that coded it)."""
    return "".join(json.dumps(e.to_dict(), ensure_ascii=False) + "\n" for e in doc.events)


def coded_lines(doc: Doc) -> tuple[str, list[int], str]:
    """What ``ghatna code --format jsonl`` keeps of a coded article (made in the worker): its id (a
    JSONL record's, read there), its lines too long to be prose (up to three) and its event records as
    JSON lines."""
    return _coded(doc, event_lines(doc))


def coded_events(doc: Doc) -> tuple[str, list[int], list[Event]]:
    """``coded_lines`` with the events themselves, for the table."""
    return _coded(doc, doc.events)


def _coded(doc: Doc, value: T) -> tuple[str, list[int], T]:
    from ghatna.readers import long_lines

    return doc.doc_id, long_lines(doc.text)[:3], value


@app.command("eval")
def eval_cmd(
    gold: Annotated[list[Path], typer.Argument(help="Gold files (eval/*.gold.jsonl; format in docs/gold-format.md).")],
    system: Annotated[Path | None, typer.Option(help="Score these event records (ghatna code --format jsonl) "
                                                "instead of coding the gold's texts.")] = None,
    split: Annotated[str, typer.Option(help="dev, test or all.")] = "all",
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    errors: Annotated[int, typer.Option(help="Also list this many missed and spurious events.")] = 0,
) -> None:
    """Score the coder against gold annotations: P/R/F1 at CAMEO code and root level, factuality, dates."""
    from ghatna.evaluation import evaluate, load_gold, read_system
    from ghatna.render import print_report

    if split not in ("dev", "test", "all"):
        err(f"[G004] --split must be dev, test or all, not {split!r}")
        raise typer.Exit(2)
    results = {}
    try:
        sys_events = read_system(system) if system else None
        for path in gold:
            if not path.is_file():
                raise GhatnaError(f"{path}: no such gold file")
            results[str(path)] = evaluate(load_gold(path), sys_events, split)
    except GhatnaError as e:
        err(str(e))
        raise typer.Exit(1) from None
    if as_json:
        typer.echo(json.dumps({k: r.as_dict() for k, r in results.items()}, indent=2))
        return
    for name, report in results.items():
        print_report(name, split, report, errors)


class _progress:
    """A progress bar on stderr when coding several articles on a terminal (silent otherwise)."""

    def __enter__(self):  # type: ignore[no-untyped-def]
        self.bar = None
        if sys.stderr.isatty():
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            self.bar = Progress(SpinnerColumn(), TextColumn("{task.description}"),
                                TextColumn("{task.completed} articles"),
                                TimeElapsedColumn(), transient=True, console=_stderr_console())
            self.bar.start()
            self.task = self.bar.add_task("coding", total=None)
        return self

    def __call__(self, doc_id: str) -> None:
        if self.bar is not None:
            self.bar.update(self.task, advance=1, description=f"coding {doc_id}")

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


def _stderr_console():  # type: ignore[no-untyped-def]
    from rich.console import Console

    return Console(stderr=True)


from ghatna.cli import spark as _spark_commands  # noqa: E402,F401  (registers spark)
from ghatna.cli import store as _store_commands  # noqa: E402,F401  (registers ingest, events …)
from ghatna.cli import web as _web_commands  # noqa: E402,F401  (registers serve)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        err("interrupted")
        sys.exit(130)
    except GhatnaError as e:  # a user-facing error no command caught: still one line, no traceback
        err(str(e))
        sys.exit(1)


if __name__ == "__main__":
    main()
