"""Figures of text reuse: how many documents are copies, the largest clusters, who publishes first."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import config
from ..figures.plotting import COLOURS, PALETTE, Plot, drawing, drawn_note, new_figure, note_table, shorten
from ..figures.registry import figure
from .reuse import copies_by_source, largest_clusters, reuse_timeline, source_roles

__all__ = [
    "copies_overview",
    "copies_overview_table",
    "draw_copies_overview",
    "text_reuse",
    "text_reuse_table",
    "draw_text_reuse",
    "TOP_CLUSTERS",
    "TOP_SOURCES",
]

#: Clusters drawn one by one; the others are counted in the title.
TOP_CLUSTERS = 15
#: Sources drawn one by one.
TOP_SOURCES = 15


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _others(shown: int, total: int, documents: int) -> str:
    return f"; {total - shown} smaller clusters ({documents} documents) not drawn" if total > shown else ""


def copies_overview_table(session) -> pd.DataFrame:
    """Copies per source (``part`` source, :func:`~analysis.copies.reuse.copies_by_source`, the whole
    corpus last as ``all``), then the clusters of near-duplicates (``part`` cluster,
    :func:`~analysis.copies.reuse.largest_clusters`): the table of :func:`copies_overview`.

    Parameters
    ----------
    session : Session
        The corpus; near-duplicates are always found over the whole of it.
    """
    fitted = session.duplicates()
    sources, clusters = _top_sources(copies_by_source(fitted)), _top_clusters(largest_clusters(fitted))
    data = pd.concat([sources.assign(part="source"), clusters.assign(part="cluster")], ignore_index=True)
    return data[["part", *[c for c in data.columns if c != "part"]]]


#: The row that stands for the clusters (or sources) not drawn one by one.
OTHER_CLUSTERS, OTHER_SOURCES = "other clusters", "other sources"


def _top_sources(sources: pd.DataFrame) -> pd.DataFrame:
    """The :data:`TOP_SOURCES` sources with the most documents, the others summed in one row, then ``all``."""
    body, total = sources.iloc[:-1], sources.iloc[-1:]
    if len(body) <= TOP_SOURCES:
        return sources
    rest = body.iloc[TOP_SOURCES:][["documents", "in_clusters", "copies"]].sum()
    other = pd.DataFrame([{"source": f"{OTHER_SOURCES} ({len(body) - TOP_SOURCES})", **rest.to_dict()}])
    other["share_copies"] = (other["copies"] / other["documents"]).round(4)
    return pd.concat([body.head(TOP_SOURCES), other, total], ignore_index=True)


def _top_clusters(clusters: pd.DataFrame) -> pd.DataFrame:
    """The :data:`TOP_CLUSTERS` largest clusters (``clusters`` 1 each), the others in one row that
    counts them (``cluster_id`` :data:`OTHER_CLUSTERS`)."""
    shown = clusters.head(TOP_CLUSTERS).assign(clusters=1)
    rest = clusters.iloc[TOP_CLUSTERS:]
    if rest.empty:
        return shown
    other = {
        "cluster_id": OTHER_CLUSTERS,
        "documents": int(rest["documents"].sum()),
        "sources": int(rest["sources"].max()),
        "first_date": min((d for d in rest["first_date"] if d), default=""),
        "last_date": max((d for d in rest["last_date"] if d), default=""),
        "title": "",
        "clusters": len(rest),
    }
    return pd.concat([shown, pd.DataFrame([other])], ignore_index=True)


_SOURCE_COLUMNS = {"source": str, "documents": int, "in_clusters": int, "copies": int, "share_copies": float}
_CLUSTER_COLUMNS = {
    "cluster_id": str,
    "documents": int,
    "sources": int,
    "first_date": str,
    "last_date": str,
    "title": str,
    "clusters": int,
}


def _part(table: pd.DataFrame, part: str, columns: dict) -> pd.DataFrame:
    rows = table[table["part"] == part][list(columns)].fillna("")
    return rows.astype(columns).reset_index(drop=True)


@drawing
def draw_copies_overview(table: pd.DataFrame) -> Plot:
    """Three panels: documents with and without copies, the largest clusters, copies per source."""
    sources, clusters = _part(table, "source", _SOURCE_COLUMNS), _part(table, "cluster", _CLUSTER_COLUMNS)
    total = sources.iloc[-1]
    fig, (left, middle, right) = new_figure(
        width=14, height=1.8 + 0.32 * TOP_CLUSTERS, ncols=3, gridspec_kw={"width_ratios": [1, 2.4, 1.6]}
    )
    parts = [int(total.documents - total.in_clusters), int(clusters["clusters"].sum()), int(total.copies)]
    left.barh(range(3), parts, color=[COLOURS["unknown"], COLOURS["metadata"], COLOURS["body"]])
    left.set_yticks(range(3), ["no copy", "first of\na cluster", "copies"])
    left.invert_yaxis()
    left.set_xlabel("documents")
    for k, n in enumerate(parts):
        left.text(n, k, f" {n}", va="center", fontsize=8)
    left.set_title(f"{int(total.documents)} documents, {int(total.copies)} copies", fontsize=10)
    _clusters_panel(middle, clusters)
    shown = sources.iloc[:-1][~sources["source"].iloc[:-1].str.startswith(OTHER_SOURCES)]
    y = np.arange(len(shown))
    right.barh(y, shown["share_copies"], color=COLOURS["body"])
    right.set_yticks(y, [f"{shorten(s, 24)} (n {n})" for s, n in zip(shown["source"], shown["documents"])], fontsize=8)
    for k, (share, copies) in enumerate(zip(shown["share_copies"], shown["copies"])):
        right.text(share, k, f" {copies}", va="center", fontsize=7)
    right.set_ylim(max(len(shown), 5) - 0.5, -0.5)
    right.set_xlim(0, 1)
    right.set_xlabel("share of documents that are copies")
    fig.tight_layout()
    return Plot(fig, table)


@figure(
    "copies_overview",
    title="Copies: near-duplicate documents, the largest clusters, copies per source",
    table=copies_overview_table,
    draw=draw_copies_overview,
)
def copies_overview(session) -> Plot:
    """Left: documents that have no near-duplicate, the first (earliest) document of each cluster of
    near-duplicates, and the copies (the other documents of a cluster; what `--dedup` leaves out).
    Middle: the 15 largest clusters, labelled with the first document's date and title. Right: the
    share of each source's documents that are copies, for the 15 sources with the most documents
    (n: documents; the number of copies at the end of each bar). Near-duplicates: Jaccard
    similarity of 5-syllable shingles of the folded body text at least 0.3, always over the whole
    corpus.

    Parameters
    ----------
    session : Session
        The corpus.
    """
    return draw_copies_overview(copies_overview_table(session))


def _clusters_panel(ax, clusters: pd.DataFrame) -> None:
    if clusters.empty:
        ax.axis("off")
        ax.text(
            0.5,
            0.5,
            f"No near-duplicates (Jaccard >= {config.DUPLICATE_THRESHOLD})",
            ha="center",
            va="center",
            transform=ax.transAxes,
        )
        return
    shown = clusters[clusters["cluster_id"] != OTHER_CLUSTERS]
    y = np.arange(len(shown))
    ax.barh(y, shown["documents"], color=COLOURS["metadata"])
    ax.set_yticks(
        y, [f"{d or 'no date'}  {shorten(t, 46)}" for d, t in zip(shown["first_date"], shown["title"])], fontsize=8
    )
    ax.set_ylim(max(len(shown), 5) - 0.5, -0.5)
    ax.set_xlabel("documents in the cluster")
    rest = clusters[clusters["cluster_id"] == OTHER_CLUSTERS]
    total = int(clusters["clusters"].sum())
    ax.set_title(_count(total, "cluster") + _others(len(shown), total, int(rest["documents"].sum())), fontsize=10)


def text_reuse_table(session) -> pd.DataFrame:
    """What :func:`text_reuse` draws: the dated documents of the 15 largest clusters that have a dated
    copy, with their days after the cluster's first (``part`` document,
    :func:`~analysis.copies.reuse.reuse_timeline`), the 15 sources in the most clusters with how
    often each published first and a copy (``part`` source, ``firsts``, ``copies``), and the number
    of clusters (``part`` all, ``rank``); or a note when no cluster has a dated copy.

    Parameters
    ----------
    session : Session
        The corpus.
    """
    timeline = reuse_timeline(session.duplicates())
    message = _reuse_note(timeline)
    if message is not None:
        return note_table(message, timeline)
    dated = _dated(timeline)
    dots = dated[dated["rank"].isin(sorted(dated["rank"].unique())[:TOP_CLUSTERS])]
    roles = source_roles(timeline).head(TOP_SOURCES).rename(columns={"first": "firsts", "copier": "copies"})
    total = pd.DataFrame([{"part": "all", "rank": int(timeline["rank"].max())}])
    table = pd.concat([dots.assign(part="document"), roles.assign(part="source"), total], ignore_index=True)
    return table[["part", *[c for c in table.columns if c != "part"]]]


def _reuse_note(timeline: pd.DataFrame) -> str | None:
    """Why a timeline of reuse gives no figure, or None when it gives one."""
    if timeline.empty:
        return f"No near-duplicates in this corpus (Jaccard >= {config.DUPLICATE_THRESHOLD}):\nno text reuse to draw."
    if _dated(timeline).empty:
        return (
            f"{_count(int(timeline['rank'].max()), 'cluster')} of near-duplicates, but no copy and its first "
            "document both have a date:\nno timeline to draw (see `python -m analysis duplicates`)."
        )
    return None


def _dated(timeline: pd.DataFrame) -> pd.DataFrame:
    """The dated documents of the clusters whose first document and at least one copy are dated."""
    dated = timeline[timeline["days_after_first"].notna()]
    return dated[dated.groupby("rank")["rank"].transform("size") > 1]


@drawing
def draw_text_reuse(table: pd.DataFrame) -> Plot:
    """Days after the first document of each cluster (left); firsts and copies by source (right)."""
    if (plot := drawn_note(table, _reuse_note(table))) is not None:
        return plot
    fig, (left, right) = new_figure(
        width=13, height=1.8 + 0.32 * TOP_CLUSTERS, ncols=2, gridspec_kw={"width_ratios": [2.2, 1]}
    )
    _timeline_panel(left, table[table["part"] == "document"], int(table.loc[table["part"] == "all", "rank"].iloc[0]))
    roles = table[table["part"] == "source"]
    y = np.arange(len(roles))
    right.barh(y, roles["firsts"], color=COLOURS["metadata"], label="first")
    right.barh(y, roles["copies"], left=roles["firsts"], color=COLOURS["body"], label="copy")
    right.set_yticks(y, [shorten(s, 24) for s in roles["source"]], fontsize=8)
    right.set_ylim(max(len(roles), 5) - 0.5, -0.5)
    right.set_xlabel("documents in clusters")
    right.legend(loc="lower right")
    fig.tight_layout()
    return Plot(fig, table)


@figure(
    "text_reuse",
    title="Text reuse over time: who published first, who copied, how many days later",
    table=text_reuse_table,
    draw=draw_text_reuse,
)
def text_reuse(session) -> Plot:
    """Left: the 15 largest clusters of near-duplicates in which the first document and at least
    one copy are dated (one row each, labelled with the first document's date and source); each
    dot is a document, placed by the days between its date and the first document's (dates carry
    no time of day), coloured by source. The title counts all clusters. Right: for the 15 sources
    in the most clusters, how often each published a cluster's first document and how often a
    copy. Undated documents are left out of the left panel. A corpus without near-duplicates, or
    without dates in its clusters, gives a note.

    Parameters
    ----------
    session : Session
        The corpus.
    """
    return draw_text_reuse(text_reuse_table(session))


def _timeline_panel(ax, dated: pd.DataFrame, clusters: int) -> None:
    shown = dated[dated["rank"].isin(sorted(dated["rank"].unique())[:TOP_CLUSTERS])]
    sources = list(shown["source"].value_counts().index[: len(PALETTE) - 1])
    colour = {s: PALETTE[k] for k, s in enumerate(sorted(sources))}
    ranks = sorted(shown["rank"].unique())
    row = {r: k for k, r in enumerate(ranks)}
    labels = shown["source"].where(shown["source"].isin(sources), "other")
    order = sorted(set(labels), key=lambda x: (x == "other", x))
    for k, source in enumerate(order):  # each source a little above or below the row, so that dots do not hide
        group = shown[labels == source]
        offset = (k - (len(order) - 1) / 2) * min(0.6 / len(order), 0.15)
        ax.scatter(
            group["days_after_first"].astype(float),
            group["rank"].map(row) + offset,
            s=28,
            alpha=0.8,
            color=colour.get(source, PALETTE[-1]),
            label=shorten(source, 24),
            zorder=3,
        )
    firsts = shown[shown["first"]].set_index("rank")
    ax.set_yticks(
        range(len(ranks)),
        [
            f"{firsts.at[r, 'date'] or 'no date'}  {shorten(firsts.at[r, 'source'], 20)}"
            if r in firsts.index
            else f"cluster {r}"
            for r in ranks
        ],
        fontsize=8,
    )
    ax.set_ylim(max(len(ranks), 5) - 0.5, -0.5)
    ax.set_xlabel("days after the first document")
    ax.grid(axis="x", alpha=0.3)
    ax.legend(title="source", fontsize=7, loc="lower right")
    ax.set_title(
        f"the {_count(len(ranks), 'largest cluster')} with dated copies, of {_count(clusters, 'cluster')}", fontsize=10
    )
