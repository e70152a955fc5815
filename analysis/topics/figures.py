"""Figures of key terms and topics: TF-IDF terms per document, keyness between periods, document
similarity, the choice of k, topic terms, document topics and topic prevalence over time."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import InputError
from ..figures.periods import choose_period, period_labels
from ..figures.plotting import PALETTE, Plot, bar_panels, label_cells, new_figure, note, shorten, stacked_bars
from ..figures.registry import figure
from . import keyterms as kt
from . import models as tm

__all__ = [
    "keyterms_top",
    "keyness_periods",
    "document_similarity",
    "topic_selection",
    "topic_terms",
    "document_topics",
    "topic_prevalence",
    "fitted_topics",
]

MAX_PANELS = 12
#: Articles drawn one row each; a larger corpus is drawn by group (source or period).
MAX_ROWS = 40
#: Groups drawn one row each; the rest are pooled as "other".
MAX_GROUPS = 20
#: Pairs drawn by the document-similarity figure of a large corpus.
TOP_PAIRS = 30


def _terms(session) -> tuple[list[list[str]], list[str]]:
    """The content words of every document, once per session."""

    def compute():
        docs = session.tokenised(pos=True)
        return (
            [kt.document_terms(d, keep_captions=session.keep_captions, tags=kt.CONTENT_TAGS) for d in docs],
            [d.doc_id for d in docs],
        )

    return session.memo("content terms", compute)


def _doc_label(session, doc_id: str) -> str:
    docs = session.memo("documents by id", lambda: {d.doc_id: d for d in session.corpus})
    doc = docs[doc_id]
    return f"{doc.date.isoformat() if doc.date else 'no date'} {shorten(doc.title, 30)}"


def _groups(session, doc_ids: list[str], most: int) -> tuple[pd.Series, str]:
    """A group for each document: its source when there are several, else its period of publication
    (chosen so that there are at most ``most``), else the whole corpus; and what the groups are."""
    docs = session.memo("documents by id", lambda: {d.doc_id: d for d in session.corpus})
    sources = pd.Series([docs[d].source or "" for d in doc_ids], index=doc_ids)
    if sources[sources != ""].nunique() > 1:
        top = list(sources.value_counts().index[:most])
        return sources.where(sources.isin(top), "other sources").replace("", "no source"), "source"
    dates = pd.Series([docs[d].date.isoformat() if docs[d].date else "" for d in doc_ids], index=doc_ids)
    if dates[dates != ""].nunique() > 1:
        period = choose_period(dates, max_periods=most)
        return period_labels(dates, period).replace("", "no date"), period
    return pd.Series("all articles", index=doc_ids), "corpus"


def _sized(groups: pd.Series) -> pd.Series:
    """Group names with their number of documents: ``"VNE (n 1076)"``."""
    sizes = groups.value_counts()
    return groups.map(lambda g: f"{g} (n {sizes[g]})")


@figure(
    "keyterms_top",
    title="Key terms of each article (TF-IDF)",
    caption="The eight pyvi words with the highest TF-IDF weight in each article (sublinear term frequency, "
    "content words only: nouns, verbs, adjectives; stopwords out), articles by date; at most 12 "
    "panels, the CSV holds every article.",
)
def keyterms_top(session, top: int = 8) -> Plot:
    terms, ids = _terms(session)
    if not ids or not any(terms):
        return note(
            "No article has content words (nouns, verbs, adjectives) once stopwords are out: no key terms to draw."
        )
    fitted = kt.KeyTerms().fit(terms, ids)
    if len(ids) > MAX_PANELS:
        return _group_keyterms(session, fitted, top)
    data = fitted.top_terms(top)
    order = sorted(ids, key=lambda d: (_doc_label(session, d), d))[:MAX_PANELS]
    panels = [
        (_doc_label(session, d), list(part["term"]), list(part["score"]), PALETTE[0])
        for d in order
        for part in [data[data["doc_id"] == d]]
    ]
    return Plot(bar_panels(panels, panel_height=2.6), data)


def _group_keyterms(session, fitted: kt.KeyTerms, top: int) -> Plot:
    """Key terms of groups of articles: the terms with the highest mean TF-IDF weight over a group."""
    groups, by = _groups(session, fitted.doc_ids_, MAX_PANELS - 1)
    names = _sized(groups)
    rows = []
    for name in sorted(set(names), key=lambda g: (g.startswith(("other", "no ")), g)):
        members = np.flatnonzero((names == name).to_numpy())
        mean = np.asarray(fitted.matrix_[members].mean(axis=0)).ravel()
        best = sorted(np.flatnonzero(mean), key=lambda i: (-round(mean[i], 12), fitted.terms_[i]))[:top]
        rows += [
            (name, len(members), rank, fitted.terms_[i], round(float(mean[i]), 6)) for rank, i in enumerate(best, 1)
        ]
    data = pd.DataFrame(rows, columns=["group", "documents", "rank", "term", "score"])
    panels = [(g, list(part["term"]), list(part["score"]), PALETTE[0]) for g, part in data.groupby("group", sort=False)]
    caption = (
        f"This corpus has {len(fitted.doc_ids_)} articles: each panel is a group of articles "
        f"(by {by}{', the largest sources and the rest pooled' if by == 'source' else ''}), its terms those "
        f"with the highest mean TF-IDF weight over the group's articles."
    )
    return Plot(bar_panels(panels, panel_height=2.6), data, caption)


def _median_date(session) -> str:
    dates = sorted(d.date.isoformat() for d in session.corpus if d.date)
    return dates[len(dates) // 2] if dates else ""


@figure(
    "keyness_periods",
    title="Words key to each period (log-likelihood keyness)",
    caption="Words over-used before the split date (left) and from it (right): the 12 of each with the "
    "largest log-likelihood G² (3.84: p < 0.05; 10.83: p < 0.001), bar length the log ratio of "
    "relative frequencies. The split is the median publication date (for the seeds 2025-12-02, "
    "the first article with 'gắn kết chiến lược').",
)
def keyness_periods(session, split: str | None = None, top: int = 12) -> Plot:
    split = split or _median_date(session)
    if not split:
        return note("No article has a date: no periods to compare.")
    terms, _ = _terms(session)
    mask, labels = kt.two_groups(list(session.corpus), split=split)
    data = kt.keyness(
        [t for t, m in zip(terms, mask) if m is True], [t for t, m in zip(terms, mask) if m is False], labels=labels
    )
    # The table is what is drawn: the top terms of each period (the whole list is `keyterms --split`).
    data = pd.concat([data[data["key_for"] == label].head(top) for label in labels], ignore_index=True)
    fig, axes = new_figure(width=10, height=0.9 + 0.3 * top, ncols=2)
    for ax, label, colour in zip(axes, labels, PALETTE):
        part = data[data["key_for"] == label]
        ax.barh(range(len(part)), part["log_ratio"].abs(), color=colour)
        ax.set_yticks(range(len(part)), [f"{t} (G²={g:.1f})" for t, g in zip(part["term"], part["g2"])], fontsize=8)
        ax.invert_yaxis()
        ax.set_title(label, fontsize=10)
        ax.set_xlabel("|log₂ ratio|")
    fig.tight_layout()
    return Plot(fig, data)


@figure(
    "document_similarity",
    title="How alike the articles are (cosine similarity of TF-IDF)",
    caption="Cosine similarity between the TF-IDF vectors of every pair of articles (content words), "
    "articles by date. At most 40 articles are drawn; the CSV holds the whole matrix.",
)
def document_similarity(session) -> Plot:
    terms, ids = _terms(session)
    if not any(terms):
        return note("No article has content words once stopwords are out: no similarity to draw.")
    if len(ids) > MAX_ROWS:
        return _similar_pairs(session, kt.KeyTerms().fit(terms, ids))
    matrix = kt.KeyTerms().fit(terms, ids).similarity()
    order = sorted(ids, key=lambda d: (_doc_label(session, d), d))[:40]
    shown = matrix.loc[order, order]
    fig, ax = new_figure(width=3 + 0.5 * len(order), height=2 + 0.5 * len(order))
    image = ax.imshow(shown.to_numpy(), cmap="Blues", vmin=0, vmax=1)
    labels = [_doc_label(session, d) for d in order]
    ax.set_xticks(range(len(order)), labels, rotation=60, ha="right", rotation_mode="anchor", fontsize=7)
    ax.set_yticks(range(len(order)), labels, fontsize=7)
    if len(order) <= 15:
        label_cells(ax, shown.to_numpy(), decimals=2)
    fig.colorbar(image, ax=ax, shrink=0.7, label="cosine similarity")
    return Plot(fig, matrix.reset_index())


def _similar_pairs(session, fitted: kt.KeyTerms) -> Plot:
    data = kt.most_similar_pairs(fitted, top=TOP_PAIRS)
    fig, ax = new_figure(width=11, height=1.5 + 0.3 * max(len(data), 1))
    y = np.arange(len(data))
    ax.barh(y, data["similarity"], color=PALETTE[0])
    ax.set_yticks(
        y,
        [
            f"{shorten(_doc_label(session, a), 40)}  ↔  {shorten(_doc_label(session, b), 40)}"
            for a, b in zip(data["doc_a"], data["doc_b"])
        ],
        fontsize=7,
    )
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("cosine similarity")
    caption = (
        f"This corpus has {len(fitted.doc_ids_)} articles, too many for a matrix: the figure and the CSV "
        f"show the {len(data)} most similar pairs of different articles instead."
    )
    return Plot(fig, data, caption)


def _units(session):
    return session.memo(
        "units",
        lambda: tm.modelling_units(
            list(session.corpus), session.tokenised(pos=True), keep_captions=session.keep_captions
        ),
    )


def _selection(session) -> tuple[pd.DataFrame, str, dict]:
    """The scores of choosing k, and how they were got (a caption sentence and manifest details)."""
    units = _units(session)
    ks = tm.k_range(len(units))
    if not ks:
        raise InputError(
            "topics",
            f"{len(units)} modelling unit{'' if len(units) == 1 else 's'} with content words: "
            f"a topic model needs at least {tm.K_RANGE.start}",
        )
    sample = tm.selection_sample([u.terms for u in units])
    details = {
        "k_range": [ks.start, ks.stop - 1],
        "units": len(units),
        "selection_units": len(sample),
        "selection_seed": tm.config.RANDOM_STATE,
    }
    caption = (
        ""
        if len(sample) == len(units)
        else f"k was chosen on a random sample of {len(sample)} of the {len(units)} modelling units (seed "
        f"{tm.config.RANDOM_STATE}); the chosen model is fitted on all of them."
    )
    table = session.memo(
        "selection", lambda: tm.cached_select_k(sample, ks, cache_dir=session.cache_dir, jobs=session.jobs)
    )
    return table, caption, details


def fitted_topics(session, k: int | None = None) -> tuple[tm.TopicModel, list]:
    """A session's topic model and its units, fitted once per session and stored in the cache:
    ``k`` topics, or (None) as many as :func:`analysis.topics.models.choose_k` chooses, which fits
    three models for every k first."""
    units = _units(session)
    model = session.memo(
        "model" if k is None else ("model", k),
        lambda: tm.cached_fit(
            [u.terms for u in units],
            tm.choose_k(_selection(session)[0]) if k is None else k,
            cache_dir=session.cache_dir,
        ),
    )
    return model, units


@figure(
    "topic_selection",
    title="Choosing the number of topics: coherence and stability",
    caption="For each number of topics k, LDA fitted with three seeds: mean topic coherence c_v and c_npmi "
    "(gensim CoherenceModel over the modelling units; dots are seeds) and stability, the mean Jaccard "
    "overlap of the top-10 terms of topics matched one to one across seeds. The default k maximises "
    "c_v + stability (marked).",
)
def topic_selection(session) -> Plot:
    data, caption, details = _selection(session)
    chosen = tm.choose_k(data)
    means = data.groupby("k")[["c_v", "c_npmi", "stability"]].mean()
    fig, (left, right) = new_figure(width=10, height=4, ncols=2)
    for column, colour in (("c_v", PALETTE[0]), ("c_npmi", PALETTE[1])):
        left.plot(means.index, means[column], marker="o", color=colour, label=column)
        left.scatter(data["k"], data[column], color=colour, s=10, alpha=0.5)
    left.axvline(chosen, color="grey", ls="--", lw=1)
    left.set_xlabel("k")
    left.set_ylabel("coherence")
    left.legend()
    right.plot(means.index, means["stability"], marker="o", color=PALETTE[2])
    right.axvline(chosen, color="grey", ls="--", lw=1, label=f"chosen k = {chosen}")
    right.set_ylim(0, 1)
    right.set_xlabel("k")
    right.set_ylabel("stability across seeds")
    right.legend()
    fig.tight_layout()
    return Plot(fig, data, caption, details)


@figure(
    "topic_terms",
    title="The topics: terms ranked by relevance",
    caption="For each topic of the default LDA model, the ten terms with the highest relevance "
    "(λ = 0.6: probability in the topic weighed against lift over the corpus, Sievert and Shirley "
    "2014); bar length is the term's probability in the topic.",
)
def topic_terms(session, k: int | None = None) -> Plot:
    model, _ = fitted_topics(session, k)
    data = model.topic_terms(top=10)
    panels = [
        (f"topic {t}", list(part["term"]), list(part["weight"]), PALETTE[t % 10])
        for t in range(model.k)
        for part in [data[data["topic_id"] == t]]
    ]
    return Plot(bar_panels(panels, panel_height=2.8), data)


@figure(
    "document_topics",
    title="Topics of each article",
    caption="Share of each topic in each article: the topic proportions of its modelling units (paragraphs, "
    "or windows of three sentences), averaged with weights by their number of terms. Articles by date.",
)
def document_topics(session, k: int | None = None) -> Plot:
    model, units = fitted_topics(session, k)
    data = tm.doc_topics(model, units)
    matrix = data.pivot(index="doc_id", columns="topic_id", values="weight")
    if len(matrix) > MAX_ROWS:
        return _group_topics(session, model, matrix)
    order = sorted(matrix.index, key=lambda d: (_doc_label(session, d), d))[:40]
    fig, ax = new_figure(width=3 + 0.7 * model.k, height=1.5 + 0.45 * len(order))
    image = ax.imshow(matrix.loc[order].to_numpy(), cmap="Greens", vmin=0, vmax=1, aspect="auto")
    ax.set_yticks(range(len(order)), [_doc_label(session, d) for d in order], fontsize=8)
    ax.set_xticks(range(model.k), [f"topic {t}" for t in range(model.k)], fontsize=8)
    label_cells(ax, matrix.loc[order].to_numpy(), decimals=2)
    fig.colorbar(image, ax=ax, shrink=0.7, label="share")
    return Plot(fig, data)


def _group_topics(session, model: tm.TopicModel, matrix: pd.DataFrame) -> Plot:
    groups, by = _groups(session, list(matrix.index), MAX_GROUPS)
    names = _sized(groups)
    means = matrix.groupby(names.to_numpy()).mean()
    means = means.loc[sorted(means.index, key=lambda g: (g.startswith(("other", "no ")), g))]
    fig, ax = new_figure(width=3 + 0.7 * model.k, height=1.5 + 0.45 * len(means))
    image = ax.imshow(means.to_numpy(), cmap="Greens", vmin=0, vmax=1, aspect="auto")
    ax.set_yticks(range(len(means)), means.index, fontsize=8)
    ax.set_xticks(range(model.k), [f"topic {t}" for t in range(model.k)], fontsize=8)
    label_cells(ax, means.to_numpy(), decimals=2)
    fig.colorbar(image, ax=ax, shrink=0.7, label="mean share")
    data = means.rename_axis("group").stack().rename("weight").round(6).reset_index()
    caption = (
        f"This corpus has {len(matrix)} articles: one row per {by} (n: articles"
        f"{'; the largest sources, the rest pooled' if by == 'source' else ''}), the mean share of each "
        f"topic over its articles."
    )
    return Plot(fig, data, caption)


@figure(
    "topic_prevalence",
    title="Topic prevalence over time",
    caption="Mean share of each topic in the articles of each month (articles weighted equally); months "
    "without articles are left out. With few articles a month, read it as a description of those "
    "articles, not a trend.",
)
def topic_prevalence(session, k: int | None = None) -> Plot:
    dates = pd.Series({d.doc_id: d.date.isoformat() for d in session.corpus if d.date}, dtype=object)
    if dates.empty:
        return note("No article has a date: no prevalence over time to draw.")
    model, units = fitted_topics(session, k)
    shares = tm.doc_topics(model, units)
    period = choose_period(dates, finest="month")
    shares = shares[shares["doc_id"].isin(dates.index)].assign(
        **{period: lambda t: t["doc_id"].map(period_labels(dates, period))}
    )
    data = shares.groupby([period, "topic_id"])["weight"].mean().round(6).reset_index()
    matrix = data.pivot(index=period, columns="topic_id", values="weight").fillna(0)
    fig, ax = new_figure(width=8, height=4)
    stacked_bars(ax, matrix, [PALETTE[t % 10] for t in matrix.columns], [f"topic {t}" for t in matrix.columns])
    ax.set_ylabel(f"mean share of the {period}'s articles")
    ax.legend(loc="upper left", bbox_to_anchor=(1, 1), fontsize=8)
    return Plot(fig, data, "" if period == "month" else f"The span of this corpus is long: one bar per {period}.")
