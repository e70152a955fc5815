"""Figures of the corpus itself: when its documents were written and how long they are."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.ticker import MaxNLocator

from ..figures.periods import all_periods, choose_period, period_labels
from ..figures.plotting import COLOURS, Plot, new_figure, shorten
from ..figures.registry import figure
from ..reading.layout import DATE_SOURCES
from .tables import corpus_table

__all__ = ["corpus_timeline", "document_lengths", "monthly_counts"]

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


@figure(
    "corpus_timeline",
    title="Documents and words by month, by where the date was found",
    caption="Number of documents (top) and of pyvi words (bottom) per month of publication. Colours show "
    "where each date came from: metadata, a `date` header line, the byline, or the first full date "
    "in the body. Documents without a date are counted in the note, not drawn.",
)
def corpus_timeline(session) -> Plot:
    table = corpus_table(session.corpus, session.tokenised(), keep_captions=session.keep_captions)
    period = choose_period(table["date"], finest="month")
    data = monthly_counts(table, period)
    fig, (top, bottom) = new_figure(height=5.5, nrows=2, sharex=True)
    months = list(dict.fromkeys(data[period]))
    x = np.arange(len(months))
    for ax, column, label in ((top, "documents", "documents"), (bottom, "words", "words (pyvi)")):
        base = np.zeros(len(months))
        for source in DATE_SOURCES[:-1]:
            values = data[data["date_source"] == source][column].to_numpy(dtype=float)
            if values.any():
                ax.bar(x, values, bottom=base, color=COLOURS[source], label=source, width=0.8)
            base += values if len(values) else 0
        ax.set_ylabel(label)
    step = max(1, len(months) // 12)
    bottom.set_xticks(x[::step], months[::step], rotation=45, ha="right", rotation_mode="anchor")
    top.yaxis.set_major_locator(MaxNLocator(integer=True))
    top.legend(title="date from", loc="upper left")
    undated = int((table["date"] == "").sum())
    top.set_title(f"{len(table)} documents, {undated} without a date" if undated else f"{len(table)} documents")
    if not months:
        top.text(0.5, 0.5, "No document has a date", ha="center", va="center", transform=top.transAxes)
    return Plot(fig, data, "" if period == "month" else f"The span of this corpus is long: one bar per {period}.")


@figure(
    "document_lengths",
    title="Length of each document",
    caption="Syllables and pyvi words per document, without punctuation and without photo captions, "
    "documents ordered by date (labelled with date and title). For more than 60 documents, "
    "a histogram of syllables per document.",
)
def document_lengths(session) -> Plot:
    table = corpus_table(session.corpus, session.tokenised(), keep_captions=session.keep_captions)
    data = table.sort_values(["date", "doc_id"], kind="stable")[
        ["doc_id", "date", "title", "n_sentences", "n_syllables", "n_words", "n_captions"]
    ]
    if len(data) > MAX_BARS:
        fig, ax = new_figure()
        counts, edges, _ = ax.hist(data["n_syllables"], bins=40, color=COLOURS["header"])
        ax.set_xlabel("syllables per document")
        ax.set_ylabel("documents")
        ax.set_title(f"{len(data)} documents, median {int(data['n_syllables'].median())} syllables")
        bins = pd.DataFrame(
            {"syllables_from": edges[:-1].round(1), "syllables_to": edges[1:].round(1), "documents": counts.astype(int)}
        )
        return Plot(fig, bins, f"This corpus has {len(data)} documents: the histogram, and its bins in the CSV.")
    fig, ax = new_figure(height=1.2 + 0.45 * len(data))
    y = np.arange(len(data))
    ax.barh(y - 0.2, data["n_syllables"], height=0.4, color=COLOURS["header"], label="syllables")
    ax.barh(y + 0.2, data["n_words"], height=0.4, color=COLOURS["metadata"], label="words (pyvi)")
    labels = [f"{d or 'no date'}  {shorten(t, 42)}" for d, t in zip(data["date"], data["title"])]
    ax.set_yticks(y, labels)
    ax.invert_yaxis()
    ax.set_xlabel("count, without punctuation or captions")
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=2)
    return Plot(fig, data)
