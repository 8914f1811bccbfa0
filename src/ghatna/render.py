"""Human-readable rendering of events (the CLI's table)."""

from __future__ import annotations

from typing import Any

from ghatna.model import Doc


def actor_label(actor: dict[str, Any] | None) -> str:
    """"Kim Jong Un (PRKGOV)", or "—" for no actor."""
    if not actor:
        return "—"
    return f"{actor['name']} ({actor['code']})"


class EventTable:
    """Collects documents' events and prints them as one table per document."""

    def __init__(self) -> None:
        self.docs: list[Doc] = []

    def add(self, doc: Doc) -> None:
        self.docs.append(doc)

    def print(self) -> None:
        from rich.console import Console
        from rich.table import Table

        console = Console()
        for doc in self.docs:
            table = Table(title=f"{doc.doc_id}: {len(doc.events)} events", show_lines=False, expand=False)
            for col in ("#", "date", "source → target", "CAMEO", "PLOVER", "factuality", "trigger"):
                table.add_column(col, overflow="fold")
            for e in doc.events:
                style = None if e.factuality == "asserted" else "dim"
                table.add_row(str(e.sentence_index), e.date or "—",
                              f"{actor_label(e.source)} → {actor_label(e.target)}",
                              f"{e.cameo} {e.cameo_label}",
                              f"{e.plover['event']}" + (f"/{e.plover['mode']}" if e.plover["mode"] else ""),
                              e.factuality, e.trigger["text"], style=style)
            console.print(table)
