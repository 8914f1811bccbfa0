"""What the pages show, computed on the server: highlighted text, charts and the network drawing.

Everything returned here is data for the templates, which escape it; SVG built here escapes its text.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field
from html import escape
from typing import Any

from ghatna.english import render

QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


@dataclass(slots=True)
class Segment:
    text: str
    events: list[int] = field(default_factory=list)  # indexes into the event list
    roles: list[str] = field(default_factory=list)  # trigger / source / target


@dataclass(slots=True)
class SentenceView:
    index: int
    segments: list[Segment]


def event_views(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Events with what the page shows about them: the English line and the codes."""
    out = []
    for n, e in enumerate(events):
        out.append({**e, "n": n, "english": render(e), "quad_name": QUAD_NAMES.get(e.get("quad_class") or 0, "")})
    return out


def highlight(text: str, sentences: list[tuple[int, int, int]], events: list[dict[str, Any]]) -> list[SentenceView]:
    """Split each sentence (index, start, end) into segments, each with the events whose trigger,
    source or target covers it."""
    spans: list[tuple[int, int, int, str]] = []
    for n, e in enumerate(events):
        for role in ("trigger", "source", "target"):
            part = e.get(role)
            if part and part.get("text") and part.get("start") is not None and part["end"] > part["start"]:
                spans.append((part["start"], part["end"], n, role))
    views = []
    for index, start, end in sentences:
        cuts = {start, end}
        for lo, hi, _, _ in spans:
            if lo < end and hi > start:
                cuts.update((max(lo, start), min(hi, end)))
        bounds = sorted(cuts)
        segments = []
        for a, b in itertools.pairwise(bounds):
            covering = [(n, role) for s, e, n, role in spans if s <= a and b <= e]
            segments.append(Segment(text[a:b], sorted({n for n, _ in covering}), sorted({r for _, r in covering})))
        views.append(SentenceView(index, segments))
    return views


def series_svg(frame: Any, title: str) -> str:
    """Events per period stacked by QuadClass, with the mean Goldstein line, as inline SVG."""
    import io

    from ghatna.plot import series_chart

    buf = io.StringIO()
    series_chart(frame, title, buf)
    svg = buf.getvalue()
    return svg[svg.find("<svg"):]


def goldstein_color(g: float) -> str:
    """Red for conflict, grey for neutral, blue for cooperation."""
    t = max(-1.0, min(1.0, g / 10))
    if t < 0:
        return f"rgb({200},{int(200 + 55 * t)},{int(200 + 55 * t)})"
    return f"rgb({int(200 - 170 * t)},{int(200 - 100 * t)},{220})"


def network_svg(graph: Any, width: int = 900, height: int = 640) -> str:
    """The actor network: nodes sized by events, directed edges coloured by mean Goldstein and as
    thick as their event count; each node links to its events."""
    import networkx as nx

    if graph.number_of_nodes() == 0:
        return ""
    pos = nx.spring_layout(graph, seed=7, k=1.5 / math.sqrt(graph.number_of_nodes()))
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    span_x = (max(xs) - min(xs)) or 1
    span_y = (max(ys) - min(ys)) or 1
    pad = 60

    def at(node: str) -> tuple[float, float]:
        x, y = pos[node]
        return pad + (x - min(xs)) / span_x * (width - 2 * pad), pad + (y - min(ys)) / span_y * (height - 2 * pad)

    top = max(d["events"] for _, d in graph.nodes(data=True)) or 1
    heaviest = max((d["weight"] for _, _, d in graph.edges(data=True)), default=1)
    parts = [f'<svg class="network" viewBox="0 0 {width} {height}" role="img" '
             f'aria-label="actor network" xmlns="http://www.w3.org/2000/svg">',
             '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
             'orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#555"/></marker></defs>']
    radius = {n: 8 + 22 * math.sqrt(d["events"] / top) for n, d in graph.nodes(data=True)}
    for u, v, d in graph.edges(data=True):
        (x1, y1), (x2, y2) = at(u), at(v)
        length = math.hypot(x2 - x1, y2 - y1) or 1
        x2b, y2b = x2 - (x2 - x1) / length * radius[v], y2 - (y2 - y1) / length * radius[v]
        w = 1 + 6 * d["weight"] / heaviest
        tip = escape(f"{u} → {v}: {d['weight']} events, mean Goldstein {d['goldstein']}")
        color = goldstein_color(d["goldstein"])
        parts.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2b:.1f}" y2="{y2b:.1f}" stroke="{color}" '
                     f'stroke-width="{w:.1f}" marker-end="url(#arrow)"><title>{tip}</title></line>')
    for n, d in graph.nodes(data=True):
        x, y = at(n)
        label = escape(str(d.get("label") or n))
        code = escape(str(n))
        r = radius[n]
        parts.append(f'<a href="/events?actor={code}&amp;factuality=all" class="node">'
                     f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}"><title>{label}: {d["events"]} events</title>'
                     f'</circle><text x="{x:.1f}" y="{y + r + 14:.1f}" text-anchor="middle">{label}</text></a>')
    parts.append("</svg>")
    return "".join(parts)


def web_link(url: str | None) -> str | None:
    """``url`` if it is an http(s) address a page may link to, else None (a ``javascript:`` or
    ``data:`` address stored with an article is shown as text, never made a link)."""
    from urllib.parse import urlsplit

    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None
