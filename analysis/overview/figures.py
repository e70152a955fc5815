"""Figures of the corpus itself: when its documents were written and how long they are."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.ticker import MaxNLocator

from ..figures.periods import all_periods, choose_period, period_labels
from ..figures.plotting import COLOURS, Plot, drawing, new_figure, shorten
from ..figures.registry import figure
from ..reading.layout import DATE_SOURCES
from .tables import corpus_table

__all__ = [
    "corpus_timeline",
    "corpus_timeline_table",
    "draw_corpus_timeline",
    "document_lengths",
    "document_lengths_table",
    "draw_document_lengths",
    "monthly_counts",
]

MAX_BARS = 60


def monthly_counts(table: pd.DataFrame, period: str = "month") -> pd.DataFrame:
    """Documents and words per ``period`` (its name the first column) and date source, every period of
    the span listed (zeros included)."""
    dated = table[table["date"] != ""]
    if dated.empty:
        return pd.DataFrame(columns=[period, "date_source", "documents", "words"])
    dated = dated.assign(**{period: period_labels(dated["date"], period)})
    periods = all_periods(dated["date"].min(), dated["date"].max(), period)
    grid = pd.MultiIndex.from_product(
        [periods, [s for s in DATE_SOURCES if s != "unknown"]], names=[period, "date_source"]
    )
    counts = dated.groupby([period, "date_source"]).agg(documents=("doc_id", "size"), words=("n_words", "sum"))
    return counts.reindex(grid, fill_value=0).reset_index()


def _corpus_table(session) -> pd.DataFrame:
    return corpus_table(session)


def corpus_timeline_table(session, *, period: str | None = None) -> pd.DataFrame:
    """Documents and words per period and date source (:func:`monthly_counts`), the table of
    :func:`corpus_timeline`; ``attrs`` counts the documents and the undated ones.

    Parameters
    ----------
    session : Session
        The corpus.
    period : str, optional
        ``"day"``, ``"week"``, ``"month"``, ``"quarter"`` or ``"year"``; by default months, or a
        coarser period when the span is long (:func:`~analysis.figures.periods.choose_period`).
    """
    table = _corpus_table(session)
    data = monthly_counts(table, period or choose_period(table["date"], finest="month"))
    data.attrs.update(documents=len(table), undated=int((table["date"] == "").sum()))
    return data


@drawing
def draw_corpus_timeline(table: pd.DataFrame) -> Plot:
    """Stacked bars of documents and words per period (the first column), coloured by date source."""
    period = table.columns[0]
    fig, (top, bottom) = new_figure(height=5.5, nrows=2, sharex=True)
    months = list(dict.fromkeys(table[period]))
    x = np.arange(len(months))
    for ax, column, label in ((top, "documents", "documents"), (bottom, "words", "words (pyvi)")):
        base = np.zeros(len(months))
        for source in DATE_SOURCES[:-1]:
            values = table[table["date_source"] == source][column].to_numpy(dtype=float)
            if values.any():
                ax.bar(x, values, bottom=base, color=COLOURS[source], label=source, width=0.8)
            base += values if len(values) else 0
        ax.set_ylabel(label)
    step = max(1, len(months) // 12)
    bottom.set_xticks(x[::step], months[::step], rotation=45, ha="right", rotation_mode="anchor")
    top.yaxis.set_major_locator(MaxNLocator(integer=True))
    if top.get_legend_handles_labels()[0]:  # no bars: no legend (matplotlib would warn)
        top.legend(title="date from", loc="upper left")
    undated = table.attrs.get("undated", 0)
    documents = table.attrs.get("documents", int(table["documents"].sum()) + undated)
    top.set_title(f"{documents} documents, {undated} without a date" if undated else f"{documents} documents")
    if not months:
        top.text(0.5, 0.5, "No document has a date", ha="center", va="center", transform=top.transAxes)
    return Plot(fig, table, "" if period == "month" else f"The span of this corpus is long: one bar per {period}.")


@figure(
    "corpus_timeline",
    title="Documents and words by month, by where the date was found",
    table=corpus_timeline_table,
    draw=draw_corpus_timeline,
)
def corpus_timeline(session, *, period: str | None = None) -> Plot:
    """Number of documents (top) and of pyvi words (bottom) per month of publication. Colours show
    where each date came from: metadata, a `date` header line, the byline, or the first full date
    in the body. Documents without a date are counted in the note, not drawn.

    Parameters
    ----------
    session : Session
        The corpus.
    period : str, optional
        The period of a bar (see :func:`corpus_timeline_table`).
    """
    return draw_corpus_timeline(corpus_timeline_table(session, period=period))


def document_lengths_table(session) -> pd.DataFrame:
    """The table of :func:`document_lengths`: one row per document, by date; or, for more than
    60 documents, the bins of the histogram of their syllables (exact edges and the median in ``attrs``).

    Parameters
    ----------
    session : Session
        The corpus.
    """
    table = _corpus_table(session)
    data = table.sort_values(["date", "doc_id"], kind="stable")[
        ["doc_id", "date", "title", "n_sentences", "n_syllables", "n_words", "n_captions"]
    ]
    if len(data) <= MAX_BARS:
        return data
    counts, edges = np.histogram(data["n_syllables"], bins=40)
    bins = pd.DataFrame(
        {"syllables_from": edges[:-1].round(1), "syllables_to": edges[1:].round(1), "documents": counts.astype(int)}
    )
    bins.attrs.update(edges=list(edges), median=int(data["n_syllables"].median()))
    return bins


@drawing
def draw_document_lengths(table: pd.DataFrame) -> Plot:
    """Bars of syllables and words per document, or the histogram of a table of bins."""
    if "syllables_from" in table.columns:
        return _draw_histogram(table)
    fig, ax = new_figure(height=1.2 + 0.45 * len(table))
    y = np.arange(len(table))
    ax.barh(y - 0.2, table["n_syllables"], height=0.4, color=COLOURS["header"], label="syllables")
    ax.barh(y + 0.2, table["n_words"], height=0.4, color=COLOURS["metadata"], label="words (pyvi)")
    labels = [f"{d or 'no date'}  {shorten(t, 42)}" for d, t in zip(table["date"], table["title"])]
    ax.set_yticks(y, labels)
    ax.invert_yaxis()
    ax.set_xlabel("count, without punctuation or captions")
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=2)
    return Plot(fig, table)


def _draw_histogram(bins: pd.DataFrame) -> Plot:
    edges = np.array(bins.attrs.get("edges", [*bins["syllables_from"], *bins["syllables_to"][-1:]]), dtype=float)
    documents = int(bins["documents"].sum())
    fig, ax = new_figure()
    ax.hist(edges[:-1], bins=edges, weights=bins["documents"].to_numpy(dtype=float), color=COLOURS["header"])
    ax.set_xlabel("syllables per document")
    ax.set_ylabel("documents")
    median = bins.attrs.get("median")
    ax.set_title(f"{documents} documents" + ("" if median is None else f", median {median} syllables"))
    return Plot(fig, bins, f"This corpus has {documents} documents: the histogram, and its bins in the CSV.")


@figure("document_lengths", title="Length of each document", table=document_lengths_table, draw=draw_document_lengths)
def document_lengths(session) -> Plot:
    """Syllables and pyvi words per document, without punctuation and without photo captions,
    documents ordered by date (labelled with date and title). For more than 60 documents,
    a histogram of syllables per document.

    Parameters
    ----------
    session : Session
        The corpus.
    """
    return draw_document_lengths(document_lengths_table(session))
