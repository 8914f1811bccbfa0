"""Charts (matplotlib, drawn off-screen)."""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any

QUAD_COLUMNS = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")
QUAD_COLORS = ("#7fb3d5", "#1f618d", "#f5b041", "#c0392b")


def dyad_chart(frame: Any, a: str, b: str, out: Path | IO[str]) -> None:
    """For each direction, stacked bars of events by QuadClass per period and the mean Goldstein line."""
    _chart(frame, [f"{a}→{b}", f"{b}→{a}"], f"{a} ↔ {b}", out)


def series_chart(frame: Any, title: str, out: Path | IO[str]) -> None:
    """The same chart for every direction the series has (one, for a single actor)."""
    directions = sorted(frame["direction"].dropna().unique()) if len(frame) else ["all"]
    _chart(frame, directions, title, out)


def _chart(frame: Any, directions: list[str], title: str, out: Path | IO[str]) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    periods = sorted(frame["period"].dropna().unique()) if len(frame) else []
    fig, axes = plt.subplots(len(directions), 1, figsize=(max(6, len(periods) * 0.5 + 3), 3 * len(directions)),
                             sharex=True, squeeze=False)
    axes = axes[:, 0]
    axes[0].set_title(title)
    for ax, direction in zip(axes, directions, strict=True):
        part = frame[frame["direction"] == direction].set_index("period").reindex(periods)
        numeric = [*QUAD_COLUMNS, "goldstein_mean"]
        part[numeric] = part[numeric].astype(float).fillna(0)
        bottom = [0.0] * len(periods)
        for col, color in zip(QUAD_COLUMNS, QUAD_COLORS, strict=True):
            values = list(part[col]) if len(part) else [0] * len(periods)
            ax.bar(periods, values, bottom=bottom, color=color, label=col.replace("_", " "))
            bottom = [x + y for x, y in zip(bottom, values, strict=True)]
        ax.set_ylabel(f"{direction}\nevents")
        line = ax.twinx()
        line.plot(periods, list(part["goldstein_mean"]) if len(part) else [], color="black", marker="o")
        line.set_ylim(-10, 10)
        line.set_ylabel("mean Goldstein")
    axes[0].legend(fontsize="small", loc="upper left")
    axes[-1].tick_params(axis="x", rotation=45)
    fig.tight_layout()
    fig.savefig(out, format="svg" if not isinstance(out, Path) else None)
    plt.close(fig)
