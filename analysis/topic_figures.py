"""Figures of key terms and topics: TF-IDF terms per document, keyness between periods, document
similarity, the choice of k, topic terms, document topics and topic prevalence over time."""

from __future__ import annotations

import pandas as pd

from . import keyterms as kt
from . import topics as tm
from .plotting import PALETTE, Plot, bar_panels, label_cells, new_figure, shorten, stacked_bars
from .registry import figure

__all__ = ["keyterms_top", "keyness_periods", "document_similarity", "topic_selection", "topic_terms",
           "document_topics", "topic_prevalence", "fitted_topics"]

MAX_PANELS = 12


def _terms(session) -> tuple[list[list[str]], list[str]]:
    """The content words of every document, once per session."""
    def compute():
        docs = session.tokenised(pos=True)
        return ([kt.document_terms(d, keep_captions=session.keep_captions, tags=kt.CONTENT_TAGS) for d in docs],
                [d.doc_id for d in docs])
    return session.memo("content terms", compute)


def _doc_label(session, doc_id: str) -> str:
    doc = next(d for d in session.corpus if d.doc_id == doc_id)
    return f"{doc.date.isoformat() if doc.date else 'no date'} {shorten(doc.title, 30)}"


@figure("keyterms_top", title="Key terms of each article (TF-IDF)",
        caption="The eight pyvi words with the highest TF-IDF weight in each article (sublinear term frequency, "
                "content words only: nouns, verbs, adjectives; stopwords out), articles by date; at most 12 "
                "panels, the CSV holds every article.")
def keyterms_top(session, top: int = 8) -> Plot:
    terms, ids = _terms(session)
    data = kt.KeyTerms().fit(terms, ids).top_terms(top)
    order = sorted(ids, key=lambda d: (_doc_label(session, d), d))[:MAX_PANELS]
    panels = [(_doc_label(session, d), list(part["term"]), list(part["score"]), PALETTE[0])
              for d in order for part in [data[data["doc_id"] == d]]]
    return Plot(bar_panels(panels, panel_height=2.6), data)


def _median_date(session) -> str:
    dates = sorted(d.date.isoformat() for d in session.corpus if d.date)
    return dates[len(dates) // 2] if dates else ""


@figure("keyness_periods", title="Words key to each period (log-likelihood keyness)",
        caption="Words over-used before the split date (left) and from it (right): the 12 of each with the "
                "largest log-likelihood G² (3.84: p < 0.05; 10.83: p < 0.001), bar length the log ratio of "
                "relative frequencies. The split is the median publication date (for the seeds 2025-12-02, "
                "the first article with 'gắn kết chiến lược').")
def keyness_periods(session, split: str | None = None, top: int = 12) -> Plot:
    split = split or _median_date(session)
    terms, _ = _terms(session)
    mask, labels = kt.two_groups(list(session.corpus), split=split)
    data = kt.keyness([t for t, m in zip(terms, mask) if m is True], [t for t, m in zip(terms, mask) if m is False],
                      labels=labels)
    fig, axes = new_figure(width=10, height=0.9 + 0.3 * top, ncols=2)
    for ax, label, colour in zip(axes, labels, PALETTE):
        part = data[data["key_for"] == label].head(top)
        ax.barh(range(len(part)), part["log_ratio"].abs(), color=colour)
        ax.set_yticks(range(len(part)), [f"{t} (G²={g:.1f})" for t, g in zip(part["term"], part["g2"])], fontsize=8)
        ax.invert_yaxis()
        ax.set_title(label, fontsize=10)
        ax.set_xlabel("|log₂ ratio|")
    fig.tight_layout()
    return Plot(fig, data)


@figure("document_similarity", title="How alike the articles are (cosine similarity of TF-IDF)",
        caption="Cosine similarity between the TF-IDF vectors of every pair of articles (content words), "
                "articles by date. At most 40 articles are drawn; the CSV holds the whole matrix.")
def document_similarity(session) -> Plot:
    terms, ids = _terms(session)
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


def _units(session):
    return session.memo("units", lambda: tm.modelling_units(list(session.corpus), session.tokenised(pos=True),
                                                            keep_captions=session.keep_captions))


def _selection(session) -> pd.DataFrame:
    units = _units(session)
    return session.memo("selection", lambda: tm.select_k([u.terms for u in units], tm.k_range(len(units))))


def fitted_topics(session) -> tuple[tm.TopicModel, list]:
    """The default topic model of a session (k by :func:`analysis.topics.choose_k`) and its units."""
    units = _units(session)
    model = session.memo("model", lambda: tm.TopicModel(tm.choose_k(_selection(session))).fit([u.terms for u in units]))
    return model, units


@figure("topic_selection", title="Choosing the number of topics: coherence and stability",
        caption="For each number of topics k, LDA fitted with three seeds: mean topic coherence c_v and c_npmi "
                "(gensim CoherenceModel over the modelling units; dots are seeds) and stability, the mean Jaccard "
                "overlap of the top-10 terms of topics matched one to one across seeds. The default k maximises "
                "c_v + stability (marked).")
def topic_selection(session) -> Plot:
    data = _selection(session)
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
    return Plot(fig, data)


@figure("topic_terms", title="The topics: terms ranked by relevance",
        caption="For each topic of the default LDA model, the ten terms with the highest relevance "
                "(λ = 0.6: probability in the topic weighed against lift over the corpus, Sievert and Shirley "
                "2014); bar length is the term's probability in the topic.")
def topic_terms(session) -> Plot:
    model, _ = fitted_topics(session)
    data = model.topic_terms(top=10)
    panels = [(f"topic {t}", list(part["term"]), list(part["weight"]), PALETTE[t % 10])
              for t in range(model.k) for part in [data[data["topic_id"] == t]]]
    return Plot(bar_panels(panels, panel_height=2.8), data)


@figure("document_topics", title="Topics of each article",
        caption="Share of each topic in each article: the topic proportions of its modelling units (paragraphs, "
                "or windows of three sentences), averaged with weights by their number of terms. Articles by date.")
def document_topics(session) -> Plot:
    model, units = fitted_topics(session)
    data = tm.doc_topics(model, units)
    matrix = data.pivot(index="doc_id", columns="topic_id", values="weight")
    order = sorted(matrix.index, key=lambda d: (_doc_label(session, d), d))[:40]
    fig, ax = new_figure(width=3 + 0.7 * model.k, height=1.5 + 0.45 * len(order))
    image = ax.imshow(matrix.loc[order].to_numpy(), cmap="Greens", vmin=0, vmax=1, aspect="auto")
    ax.set_yticks(range(len(order)), [_doc_label(session, d) for d in order], fontsize=8)
    ax.set_xticks(range(model.k), [f"topic {t}" for t in range(model.k)], fontsize=8)
    label_cells(ax, matrix.loc[order].to_numpy(), decimals=2)
    fig.colorbar(image, ax=ax, shrink=0.7, label="share")
    return Plot(fig, data)


@figure("topic_prevalence", title="Topic prevalence over time",
        caption="Mean share of each topic in the articles of each month (articles weighted equally); months "
                "without articles are left out. With few articles a month, read it as a description of those "
                "articles, not a trend.")
def topic_prevalence(session) -> Plot:
    model, units = fitted_topics(session)
    shares = tm.doc_topics(model, units)
    dates = {d.doc_id: d.date.isoformat()[:7] for d in session.corpus if d.date}
    shares = shares[shares["doc_id"].isin(dates)].assign(month=lambda t: t["doc_id"].map(dates))
    data = shares.groupby(["month", "topic_id"])["weight"].mean().round(6).reset_index()
    matrix = data.pivot(index="month", columns="topic_id", values="weight").fillna(0)
    fig, ax = new_figure(width=8, height=4)
    stacked_bars(ax, matrix, [PALETTE[t % 10] for t in matrix.columns], [f"topic {t}" for t in matrix.columns])
    ax.set_ylabel("mean share of the month's articles")
    ax.legend(loc="upper left", bbox_to_anchor=(1, 1), fontsize=8)
    return Plot(fig, data)
