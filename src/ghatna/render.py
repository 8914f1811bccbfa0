"""Human-readable rendering of events (the CLI's table)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ghatna.model import Event

if TYPE_CHECKING:
    from ghatna.evaluation import Report


def actor_label(actor: dict[str, Any] | None) -> str:
    """"Kim Jong Un (PRKGOV)", or "—" for no actor."""
    if not actor:
        return "—"
    return f"{actor['name']} ({actor['code']})"


class EventTable:
    """Collects documents' events and prints them as one table per document."""

    def __init__(self) -> None:
        self.docs: list[tuple[str, list[Event]]] = []

    def add(self, doc_id: str, events: list[Event]) -> None:
        self.docs.append((doc_id, events))

    def print(self) -> None:
        from rich.console import Console
        from rich.table import Table

        console = Console()
        if not console.is_terminal:
            console = Console(width=160)  # piped or captured: do not squeeze the table to 80 columns
        for doc_id, events in self.docs:
            table = Table(title=f"{doc_id}: {len(events)} events", show_lines=False, expand=False)
            for col in ("#", "date", "source → target", "CAMEO", "PLOVER", "factuality", "trigger"):
                table.add_column(col, overflow="fold")
            for e in events:
                style = None if e.factuality == "asserted" else "dim"
                table.add_row(str(e.sentence_index), e.date or "—",
                              f"{actor_label(e.source)} → {actor_label(e.target)}",
                              f"{e.cameo} {e.cameo_label}",
                              f"{e.plover['event']}" + (f"/{e.plover['mode']}" if e.plover["mode"] else ""),
                              e.factuality, e.trigger["text"], style=style)
            console.print(table)


def print_report(name: str, split: str, report: Report, errors: int = 0) -> None:
    """Scores of one gold file as tables: totals, then per CAMEO root."""
    from rich.console import Console
    from rich.table import Table

    console = Console()
    d = report.as_dict()
    head = Table(title=f"{name} ({split}): {d['documents']} documents, {d['sentences']} gold sentences")
    for col in ("level", "gold", "system", "matched", "precision", "recall", "F1"):
        head.add_column(col, justify="right")
    for level in ("code", "root"):
        c = d[level]
        head.add_row(level, str(c["gold"]), str(c["system"]), str(c["matched"]),
                     f"{c['precision']:.3f}", f"{c['recall']:.3f}", f"{c['f1']:.3f}")
    console.print(head)
    console.print(f"factuality accuracy {d['factuality_accuracy']:.3f}, date accuracy {d['date_accuracy']:.3f} "
                  f"(over {d['matched_for_accuracy']} root-level matches)")
    roots = Table(title="per CAMEO root")
    for col in ("root", "gold", "system", "matched", "P", "R", "F1"):
        roots.add_column(col, justify="right")
    for root, c in d["per_root"].items():
        roots.add_row(root, str(c["gold"]), str(c["system"]), str(c["matched"]),
                      f"{c['precision']:.2f}", f"{c['recall']:.2f}", f"{c['f1']:.2f}")
    console.print(roots)
    for err in report.errors[:errors]:
        console.print(f"{err['kind']:9} {err['doc']}:{err['sentence']} {err['event']} {err.get('trigger', '')}")


def _row_actor(row: Any, side: str) -> str:
    code = row[f"{side}_code"]
    if code is None or code != code:  # missing (None or NaN)
        return "—"
    return f"{row[f'{side}_name']} ({code})"


def print_events_frame(frame: Any) -> None:
    """Stored events as a table: date, source → target, code, factuality, mentions, where."""
    from rich.console import Console
    from rich.table import Table

    console = Console()
    if not console.is_terminal:
        console = Console(width=160)
    table = Table(title=f"{len(frame)} events")
    for col in ("date", "source → target", "CAMEO", "factuality", "mentions", "article:sentence", "trigger"):
        table.add_column(col, overflow="fold")
    for _, row in frame.iterrows():
        date = row["date"] if isinstance(row["date"], str) and row["date"] else "—"
        table.add_row(date, f"{_row_actor(row, 'source')} → {_row_actor(row, 'target')}",
                      f"{row['cameo']} {row['cameo_label']}", row["factuality"], str(row["num_mentions"]),
                      f"{row['article_id']}:{row['sentence_index']}", row["trigger_text"])
    console.print(table)


def print_dyad(frame: Any, a: str, b: str, count: str) -> None:
    """The dyad series as a table."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{a} ↔ {b} ({count})")
    cols = ("period", "direction", "events", "verbal_cooperation", "material_cooperation", "verbal_conflict",
            "material_conflict", "goldstein_sum", "goldstein_mean")
    for col in cols:
        table.add_column(col.replace("_", " "), justify="right")
    for _, row in frame.iterrows():
        table.add_row(*(str(row[c]) for c in cols))
    Console(width=160).print(table) if not Console().is_terminal else Console().print(table)
