"""Figures that render Vietnamese correctly and come out byte-identical on every run."""

from __future__ import annotations

import functools
import io
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import matplotlib
import matplotlib.patches
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from ..runtime.outputs import write_atomic

__all__ = [
    "Plot",
    "STYLE",
    "style",
    "drawing",
    "new_figure",
    "note",
    "note_table",
    "drawn_note",
    "bar_panels",
    "label_cells",
    "heatmap",
    "stacked_bars",
    "save",
    "write_csv",
    "shorten",
    "COLOURS",
    "PALETTE",
]

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


def style():
    """The house style (:data:`STYLE`) for the figures drawn and saved inside this context; matplotlib's
    settings are as they were after it. Registered figure functions draw inside it."""
    return matplotlib.rc_context(STYLE)


def drawing(draw: Callable) -> Callable:
    """Decorate a draw function so that it draws in the house style (:func:`style`), wherever it is called."""

    @functools.wraps(draw)
    def styled(*args, **kwargs):
        with style():
            return draw(*args, **kwargs)

    return styled


#: Colours of categories without a fixed colour of their own (Paul Tol's "bright" and more).
PALETTE = ["#4477aa", "#ee6677", "#228833", "#ccbb44", "#66ccee", "#aa3377", "#bbbbbb", "#000000", "#994455", "#117733"]

#: Fixed colours for categories that recur across figures.
COLOURS = {"metadata": "#4477aa", "header": "#228833", "byline": "#ccbb44", "body": "#ee6677", "unknown": "#bbbbbb"}


class Plot(NamedTuple):
    """What a figure function returns: the figure, the data it plots and, when this corpus made the
    figure aggregate or sample, a sentence saying how (added to the caption) and its parameters."""

    figure: Figure
    data: pd.DataFrame
    caption: str = ""
    details: dict | None = None

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


def note(message: str, data: pd.DataFrame | None = None, *, caption: str = "") -> Plot:
    """A figure that says why there is nothing to draw (and the data there is, if any)."""
    fig, ax = new_figure(height=1.6)
    ax.axis("off")
    ax.text(0.5, 0.5, message, ha="center", va="center", wrap=True, transform=ax.transAxes)
    data = pd.DataFrame({"note": [message]}) if data is None else data
    return Plot(fig, data, caption or " ".join(message.split()))


def note_table(message: str, data: pd.DataFrame | None = None) -> pd.DataFrame:
    """The table of a figure this corpus cannot give: ``data`` (or a one-cell ``note`` column), with
    ``message`` in its ``attrs["note"]`` so that the draw function draws the note instead."""
    table = pd.DataFrame({"note": [message]}) if data is None else data.copy()
    table.attrs["note"] = message
    return table


def drawn_note(table: pd.DataFrame, message: str | None = None) -> Plot | None:
    """The note figure of a table that says why there is nothing to draw (``message``, the note of
    :func:`note_table`, or a table of one ``note`` cell, as read back from its CSV); None for a
    table to draw."""
    message = message or table.attrs.get("note")
    if message is None and list(table.columns) == ["note"] and len(table) == 1:
        message = str(table["note"].iloc[0])
    return None if message is None else note(message, table)


def label_cells(
    ax, values: np.ndarray, *, decimals: int | None = None, fontsize: float = 7, top: float | None = None, rows=None
) -> None:
    """Write each cell's value on a heatmap: with ``decimals`` places, or as a whole number
    (zeros left blank, white on the darker half of the scale).

    ``top`` is the value at the dark end of the colour scale (default: the largest value); ``rows``, the
    indices of the rows drawn on that scale (default: all), the others' labels black, drawn on a
    neutral background (:func:`heatmap`).
    """
    top = (values.max() if values.size else 0) if top is None else top
    scaled = range(len(values)) if rows is None else set(rows)
    for (i, j), value in np.ndenumerate(values):
        if decimals is not None:
            ax.text(j, i, f"{value:.{decimals}f}", ha="center", va="center", fontsize=fontsize)
        elif value:
            ax.text(
                j,
                i,
                str(int(value)),
                ha="center",
                va="center",
                fontsize=fontsize,
                color="white" if i in scaled and value > top / 2 else "black",
            )


#: Background of the rows of a heatmap left off its colour scale (rows that group many items).
NEUTRAL, NEUTRAL_HATCH = "#f2f2f2", "#d4d4d4"


def heatmap(ax, values: np.ndarray, *, cmap: str = "Blues", scaled=None, fontsize: float = 7):
    """A heatmap of counts with each cell's value written on it (:func:`label_cells`), its colour scale
    set by the rows ``scaled`` (indices; default: all rows) only; the other rows, typically one that
    groups all the rest, are drawn grey and hatched, their values still written, so that a row much
    larger than the others does not wash out the scale. Returns the image (its ``norm`` is the scale),
    None when there are no cells.
    """
    values = np.asarray(values)
    if not values.size:  # nothing to draw (matplotlib would warn of an empty, singular image)
        return None
    rows = list(range(len(values))) if scaled is None else sorted(scaled)
    if not rows or len(rows) == len(values):
        image = ax.imshow(values, cmap=cmap, aspect="auto")
        label_cells(ax, values, fontsize=fontsize)
        return image
    shown = values[rows]
    left = np.ones(values.shape, dtype=bool)
    left[rows] = False
    image = ax.imshow(
        np.ma.masked_array(values, mask=left), cmap=cmap, aspect="auto", vmin=shown.min(), vmax=shown.max()
    )
    for i in np.flatnonzero(left.any(axis=1)):
        ax.add_patch(
            matplotlib.patches.Rectangle(
                (-0.5, i - 0.5),
                values.shape[1],
                1,
                facecolor=NEUTRAL,
                edgecolor=NEUTRAL_HATCH,
                hatch="///",
                linewidth=0,
                zorder=0.5,
            )
        )
    label_cells(ax, values, fontsize=fontsize, top=shown.max(), rows=rows)
    return image


def stacked_bars(ax, matrix: pd.DataFrame, colours: list[str], labels: list[str]) -> None:
    """One stacked bar per row of ``matrix`` (the rows label the x axis), one layer per column."""
    x = np.arange(len(matrix))
    bottom = np.zeros(len(matrix))
    for column, colour, label in zip(matrix.columns, colours, labels):
        values = matrix[column].to_numpy(dtype=float)
        ax.bar(x, values, bottom=bottom, color=colour, label=label)
        bottom += values
    ax.set_xticks(x, matrix.index, rotation=45, ha="right", rotation_mode="anchor")


def bar_panels(
    panels: list[tuple[str, list[str], list[float], str]], *, cols: int = 3, panel_height: float = 2.7
) -> Figure:
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
    for ax in list(axes.flat)[len(panels) :]:
        ax.set_visible(False)
    fig.tight_layout()
    return fig


def save(fig: Figure, stem: Path) -> list[Path]:
    """Write ``stem.png`` and ``stem.svg`` with no timestamps or software stamps."""
    files = []
    for suffix, metadata in ((".png", {"Software": None}), (".svg", {"Date": None, "Creator": None})):
        buffer = io.BytesIO()
        with style():
            fig.savefig(buffer, format=suffix[1:], metadata=metadata, bbox_inches="tight")
        files.append(write_atomic(stem.with_suffix(suffix), buffer.getvalue()))
    return files


def write_csv(data: pd.DataFrame, path: Path) -> Path:
    """The plotted data as UTF-8 CSV with fixed float formatting."""
    return write_atomic(path, data.to_csv(index=False, lineterminator="\n", float_format="%.6g").encode("utf-8"))


def shorten(text: str, width: int = 48) -> str:
    """``text`` cut at a word boundary to at most ``width`` characters, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    return text[: width - 1].rsplit(" ", 1)[0] + "…"
