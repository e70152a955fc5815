"""Figures that render Vietnamese correctly and come out byte-identical on every run."""

from __future__ import annotations

import io
from pathlib import Path
from typing import NamedTuple

import matplotlib
import pandas as pd
from matplotlib.figure import Figure

__all__ = ["Plot", "STYLE", "new_figure", "bar_panels", "save", "write_csv", "shorten", "COLOURS"]

#: DejaVu Sans ships with matplotlib and has every Vietnamese letter; the hash salt and the
#: dropped dates make SVG and PNG files the same from run to run.
STYLE = {
    "font.family": "DejaVu Sans",
    "svg.hashsalt": "vn-news-analysis",
    "svg.fonttype": "path",
    "figure.dpi": 100,
    "savefig.dpi": 150,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.labelsize": 10,
    "legend.frameon": False,
}

matplotlib.rcParams.update(STYLE)

#: Fixed colours for categories that recur across figures.
COLOURS = {"metadata": "#4477aa", "header": "#228833", "byline": "#ccbb44", "body": "#ee6677", "unknown": "#bbbbbb"}


class Plot(NamedTuple):
    """What a figure function returns: the figure and the data it plots."""

    figure: Figure
    data: pd.DataFrame

    def _repr_png_(self) -> bytes:
        """Show the figure when a notebook cell's value is a Plot."""
        buffer = io.BytesIO()
        self.figure.savefig(buffer, format="png", metadata={"Software": None}, bbox_inches="tight")
        return buffer.getvalue()


def new_figure(*, width: float = 8.0, height: float = 4.5, nrows: int = 1, ncols: int = 1, **kwargs):
    """A figure and its axes, drawn in :data:`STYLE`.

    The figure is not registered with pyplot: nothing is shown twice in a notebook,
    and nothing needs closing.
    """
    fig = Figure(figsize=(width, height))
    return fig, fig.subplots(nrows, ncols, **kwargs)


def bar_panels(panels: list[tuple[str, list[str], list[float], str]], *, cols: int = 3,
               panel_height: float = 2.7) -> Figure:
    """Small multiples of horizontal bars, one panel per ``(title, labels, values, colour)``."""
    cols = max(1, min(cols, len(panels)))
    rows = max(1, -(-len(panels) // cols))
    fig, axes = new_figure(width=4 * cols, height=panel_height * rows, nrows=rows, ncols=cols, squeeze=False)
    for ax, (title, labels, values, colour) in zip(axes.flat, panels):
        ax.barh(range(len(labels)), values, color=colour)
        ax.set_yticks(range(len(labels)), labels, fontsize=8)
        ax.invert_yaxis()
        ax.set_title(title, fontsize=8)
        ax.tick_params(axis="x", labelsize=7)
    for ax in list(axes.flat)[len(panels):]:
        ax.set_visible(False)
    fig.tight_layout()
    return fig


def save(fig: Figure, stem: Path) -> list[Path]:
    """Write ``stem.png`` and ``stem.svg`` with no timestamps or software stamps."""
    paths = [stem.with_suffix(".png"), stem.with_suffix(".svg")]
    fig.savefig(paths[0], metadata={"Software": None}, bbox_inches="tight")
    fig.savefig(paths[1], metadata={"Date": None, "Creator": None}, bbox_inches="tight")
    return paths


def write_csv(data: pd.DataFrame, path: Path) -> Path:
    """The plotted data as UTF-8 CSV with fixed float formatting."""
    data.to_csv(path, index=False, lineterminator="\n", float_format="%.6g")
    return path


def shorten(text: str, width: int = 48) -> str:
    """``text`` cut at a word boundary to at most ``width`` characters, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    return text[: width - 1].rsplit(" ", 1)[0] + "…"
