"""Text reuse: tables of the copies that :class:`~analysis.copies.duplicates.NearDuplicates` found.

How many documents are copies and from which sources, the largest clusters, who published
first and how long after the first each copy came, and how much of a phrase's frequency
comes from copies.
"""

from __future__ import annotations

import pandas as pd

from .duplicates import NearDuplicates

__all__ = ["copies_by_source", "largest_clusters", "reuse_timeline", "source_roles", "phrase_copy_share", "NO_SOURCE"]

#: How a document without a stated source is labelled.
NO_SOURCE = "(not stated)"


def _source(doc) -> str:
    return doc.source or NO_SOURCE


def copies_by_source(fitted: NearDuplicates) -> pd.DataFrame:
    """Per source: ``source,documents,in_clusters,copies,share_copies`` (copies: documents in a
    cluster that are not its first), most documents first, then the whole corpus as ``all``."""
    rows: dict[str, list[int]] = {}
    in_cluster = {i for c in fitted.clusters_ for i in c}
    for i, (doc, copy) in enumerate(zip(fitted.documents_, fitted.is_copy_)):
        row = rows.setdefault(_source(doc), [0, 0, 0])
        row[0], row[1], row[2] = row[0] + 1, row[1] + (i in in_cluster), row[2] + copy
    table = pd.DataFrame([(s, *v) for s, v in rows.items()], columns=["source", "documents", "in_clusters", "copies"])
    table = table.sort_values(["documents", "source"], ascending=[False, True], kind="stable")
    total = pd.DataFrame([("all", *table[["documents", "in_clusters", "copies"]].sum())], columns=table.columns)
    table = pd.concat([table, total], ignore_index=True)
    return table.assign(share_copies=(table["copies"] / table["documents"]).round(4))


def largest_clusters(fitted: NearDuplicates, *, top: int | None = None) -> pd.DataFrame:
    """One row per cluster, largest first (then earliest): ``cluster_id,documents,sources,first_date,
    last_date,title`` (the first document's title)."""
    rows = []
    for cluster in fitted.clusters_:
        docs = [fitted.documents_[i] for i in cluster]
        dates = sorted(d.date.isoformat() for d in docs if d.date)
        rows.append(
            (
                docs[0].doc_id,
                len(docs),
                len({_source(d) for d in docs}),
                dates[0] if dates else "",
                dates[-1] if dates else "",
                docs[0].title,
            )
        )
    table = pd.DataFrame(rows, columns=["cluster_id", "documents", "sources", "first_date", "last_date", "title"])
    table = table.sort_values("documents", ascending=False, kind="stable").reset_index(drop=True)
    return table.head(top) if top else table


def reuse_timeline(fitted: NearDuplicates) -> pd.DataFrame:
    """One row per document in a cluster, clusters largest first: ``rank,cluster_id,doc_id,source,date,
    days_after_first,first`` (days empty where either date is unknown; dates carry no time of day)."""
    ranks = {cid: rank for rank, cid in enumerate(largest_clusters(fitted)["cluster_id"], start=1)}
    rows = []
    for cluster in fitted.clusters_:
        first = fitted.documents_[cluster[0]]
        for i in cluster:
            doc = fitted.documents_[i]
            days = (doc.date - first.date).days if doc.date and first.date else None
            rows.append(
                (
                    ranks[first.doc_id],
                    first.doc_id,
                    doc.doc_id,
                    _source(doc),
                    doc.date.isoformat() if doc.date else "",
                    days,
                    i == cluster[0],
                )
            )
    table = pd.DataFrame(rows, columns=["rank", "cluster_id", "doc_id", "source", "date", "days_after_first", "first"])
    table["days_after_first"] = table["days_after_first"].astype("Int64")
    return table.sort_values(["rank", "first"], ascending=[True, False], kind="stable").reset_index(drop=True)


def source_roles(timeline: pd.DataFrame) -> pd.DataFrame:
    """Per source, from :func:`reuse_timeline`: ``source,first,copier`` (how often it published a
    cluster's first document, how often a copy), most clusters first."""
    roles = timeline.assign(role=timeline["first"].map({True: "first", False: "copier"}))
    table = roles.groupby(["source", "role"]).size().unstack(fill_value=0)
    table = table.reindex(columns=["first", "copier"], fill_value=0).reset_index()
    table.columns.name = None
    return (
        table.assign(total=table["first"] + table["copier"])
        .sort_values(["total", "source"], ascending=[False, True], kind="stable")
        .drop(columns="total")
        .reset_index(drop=True)
    )


def phrase_copy_share(counts: pd.DataFrame, fitted: NearDuplicates) -> pd.DataFrame:
    """How much of each phrase's frequency comes from copies.

    ``counts`` is :func:`~analysis.framing.tables.count_phrases` of the same documents ``fitted`` was fitted
    on. Columns: ``phrase,count,documents,count_dedup,documents_dedup,from_copies,share_from_copies``
    (``_dedup``: in one document per cluster, the earliest, as ``--dedup`` counts), phrases found
    at all, most frequent first.
    """
    copies = {d.doc_id for d, copy in zip(fitted.documents_, fitted.is_copy_) if copy}
    found = counts[counts["count"] > 0].assign(copy=lambda t: t["doc_id"].isin(copies))
    table = found.groupby("phrase", sort=False).agg(count=("count", "sum"), documents=("doc_id", "size"))
    kept = (
        found[~found["copy"]]
        .groupby("phrase", sort=False)
        .agg(count_dedup=("count", "sum"), documents_dedup=("doc_id", "size"))
    )
    table = table.join(kept).fillna(0).astype(int).reset_index()
    table["from_copies"] = table["count"] - table["count_dedup"]
    table["share_from_copies"] = (table["from_copies"] / table["count"]).round(4)
    return table.sort_values(["count", "phrase"], ascending=[False, True], kind="stable").reset_index(drop=True)
